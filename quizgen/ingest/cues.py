"""Caption cue files: SubRip and WebVTT (timing lines, cue text, NOTE/STYLE blocks and rolling-caption repeats),
YouTube's SubViewer, and SubStation Alpha's event lines."""
from __future__ import annotations

import re

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_text
from quizgen.model import Segment

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_BLOCK = re.compile(r"^(NOTE|STYLE|REGION)\b")
# a cue timing anywhere in a line: caption cues whose line breaks were lost ('... 14 00:01:02,616 --> 00:01:06,383 ...')
TIMING_INSIDE = re.compile(rf"{_TIME}\s*-->\s*{_TIME}")
SBV_TIMING = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{2})\.(\d{1,3}),(\d+):(\d{1,2}):(\d{2})\.(\d{1,3})\s*$")


def _seconds(h: str | None, m: str, s: str, frac: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(frac.ljust(3, "0")) / 1000


def parse_timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    match = _TIMING.match(line)
    if not match:
        raise InputError(path, f"broken cue timing {line.strip()!r}", line=lineno)
    g = match.groups()
    start, end = _seconds(*g[:4]), _seconds(*g[4:])
    if any(int(g[k]) > 59 for k in (1, 2, 5, 6)) or end < start:
        raise InputError(path, f"broken cue timing {line.strip()!r}", line=lineno)
    return start, end


# a cue time with its fraction ('00:00:33,9'), or an arrow: a timing line, however broken
_LOOKS_TIMED = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d+\s*(?:-|$)|.*\d\s*-+>")


def _opens_cue(lines: list[str], i: int) -> bool:
    """Whether line i is where a cue opens: after a blank line, or after a cue number that follows one; not
    after the blank first line of a cue's text (YouTube's captions open each cue with one)."""
    before = lines[i - 1] if i else ""
    if before.strip().isdigit():
        return i < 2 or not lines[i - 2].strip()
    youtube = before and i >= 2 and _TIMING.match(lines[i - 2])  # a line of blanks, not an empty one, opens its text
    return not before.strip() and not youtube


def read_cues(text: str, path: str, *, vtt: bool) -> tuple[list[Segment], dict[str, str]]:
    """Cues in file order, plus WebVTT header metadata (e.g. a NOTE block's `title:`)."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    raw: list[tuple[float, float, list[str]]] = []
    i = 0
    if vtt and text.lstrip("\ufeff \t\r\n").startswith("WEBVTT"):  # the header runs to the first blank line
        while i < len(lines) and not lines[i].strip():
            i += 1
        while i < len(lines) and lines[i].strip():
            i += 1
    skipping = False  # inside a NOTE, STYLE or REGION block
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            skipping = False
        elif skipping:
            key, sep, value = stripped.partition(":")
            if sep and key.strip().lower() == "title" and value.strip():
                meta.setdefault("title", value.strip())
        elif vtt and _BLOCK.match(stripped) and (i == 0 or not lines[i - 1].strip()):
            skipping = True
            key, sep, value = stripped[4:].partition(":") if stripped.startswith("NOTE") else ("", "", "")
            if sep and key.strip().lower() == "title" and value.strip():  # 'NOTE title: ...' on one line
                meta.setdefault("title", value.strip())
        elif "-->" in line:
            start, end = parse_timing(line, path, i + 1)
            raw.append((start, end, []))
        elif "-->" in nxt and _TIMING.match(nxt):
            pass  # a cue identifier
        elif SBV_TIMING.match(line):
            pass  # leftover timing from another caption format
        elif _opens_cue(lines, i) and (_LOOKS_TIMED.match(line)
                                       or stripped.isdigit() and (raw or "-->" in nxt) and nxt.strip()):
            # a cue whose timing line is broken ('00:00:33,9', '... -> ...', a cue number with text but no
            # timing) would glue its number and text into the cue before it, under that cue's time
            bad = i + 1 if stripped.isdigit() else i
            raise InputError(path, f"broken cue timing {lines[bad].strip()[:40]!r}", line=bad + 1)
        elif raw:
            raw[-1][2].append(line)
        elif not vtt and stripped.isdigit():
            pass
        else:
            raise InputError(path, f"text before the first cue: {stripped[:40]!r}", line=i + 1)
        i += 1
    return merge_rolling(raw), meta


def read_sbv(text: str, path: str) -> list[Segment]:
    """YouTube's SubViewer captions (.sbv, as YouTube Studio downloads them): a 'H:MM:SS.mmm,H:MM:SS.mmm'
    line, then the cue's text up to a blank line."""
    raw: list[tuple[float, float, list[str]]] = []
    in_cue = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            in_cue = False
        elif in_cue and not SBV_TIMING.match(line):  # a timing line opens the next cue, blank line or none
            raw[-1][2].append(line)
        elif timing := SBV_TIMING.match(line):
            g = timing.groups()
            start, end = _seconds(*g[:4]), _seconds(*g[4:])
            if int(g[1]) > 59 or int(g[2]) > 59 or int(g[5]) > 59 or int(g[6]) > 59 or end < start:
                raise InputError(path, f"broken cue timing {line.strip()!r}", line=lineno)
            raw.append((start, end, []))
            in_cue = True
        else:
            what = "text before the first cue" if not raw else "text outside a cue"
            raise InputError(path, f"{what}: {line.strip()[:40]!r}", line=lineno)
    return merge_rolling(raw)


FLASH = 0.05  # seconds: a cue this short is shown in passing, as rolling captions show the line before again


def word_said_again(text: str, start: float | None, end: float | None) -> bool:
    """Whether a one-word caption that repeats the one before is the word said twice ('very', 'very' in captions
    of a word a cue): shown for as long as a word takes, not in passing (YouTube's 10 ms cue that shows the line
    before again)."""
    return len(text.split()) == 1 and start is not None and end is not None and end - start > FLASH


def merge_rolling(raw: list[tuple[float, float, list[str]]]) -> list[Segment]:
    """Cues as segments, without what rolling auto-captions repeat: a cue whose first line is the last line
    of the cue before, or a cue that only repeats the one before. Words a speaker really says twice across
    a cue boundary ('... is separate chaining. / Separate chaining means ...') stay, as does a word said twice
    in captions of one word a cue ('It / is / very / very / important')."""
    out: list[Segment] = []
    prev_lines: list[str] = []
    prev_text = ""
    for start, end, body in raw:
        lines = [clean_text(line) for line in body]
        lines = [line for line in lines if line]
        word_by_word = len(prev_text.split()) == 1 and word_said_again(" ".join(lines), start, end)
        if prev_lines and lines and _norm(lines[0]) == _norm(prev_lines[-1]) and not word_by_word:
            lines = lines[1:]
        text = " ".join(lines)
        if not text or _repeats_the_end(_norm(prev_text), _norm(text)) and not word_by_word:
            continue
        out.append(Segment(start, end, text))
        prev_lines, prev_text = lines, text
    return out


def _repeats_the_end(before: str, text: str) -> bool:
    """Whether a cue only repeats the last words of the one before, whole words: after '... close your eyes.',
    the reply 'Yes.' is said ('eyes' only ends in 'yes')."""
    return before == text or before.endswith(" " + text)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


# SubStation Alpha (.ssa) and Advanced SubStation Alpha (.ass), as Aegisub and subtitle converters write them:
# sections in brackets, and under [Events] a 'Format:' line naming the fields of each 'Dialogue:' line, Text last
ASS_START = re.compile(r"^\[script info\]", re.I)
_ASS_TIME = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{2})[.:](\d{1,3})\s*$")
_ASS_FORMAT = ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text")
_ASS_HIDDEN = re.compile(r"\{[^}]*\}")  # a renderer shows nothing in braces: override tags, and notes
_ASS_DRAWING = re.compile(r"\{[^}]*\\p[1-9][^}]*\}.*?(?:\{[^}]*\\p0[^}]*\}|$)")  # vector shapes, not words


def read_ass(text: str, path: str) -> tuple[list[Segment], dict[str, str]]:
    """The 'Dialogue:' events of a SubStation Alpha file, in time order (a renderer sorts them; the file may
    not), with override tags ('{\\i1}') and drawings dropped and its line breaks ('\\N') as spaces; 'Comment:'
    events are notes, not speech. The [Script Info] title names the lecture."""
    section, fields, meta = "", _ASS_FORMAT, {}
    raw: list[tuple[float, float, list[str]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped.lower()
            continue
        key, colon, value = stripped.partition(":")
        if not colon:
            continue
        key = key.strip().lower()
        if section == "[script info]" and key == "title" and value.strip():
            meta["title"] = value.strip()
        elif section == "[events]" and key == "format":
            fields = tuple(f.strip().lower() for f in value.split(","))
            if not {"start", "end", "text"} <= set(fields) or fields[-1] != "text":
                raise InputError(path, "an [Events] Format line must name Start, End and, last, Text", line=lineno)
        elif section == "[events]" and key == "dialogue":
            values = value.split(",", len(fields) - 1)
            if len(values) < len(fields):
                raise InputError(path, f"a Dialogue line has {len(values)} of {len(fields)} fields", line=lineno)
            event = dict(zip(fields, values))
            start, end = _ass_seconds(event["start"], path, lineno), _ass_seconds(event["end"], path, lineno)
            if end < start:
                raise InputError(path, f"broken event timing {event['start'].strip()}-{event['end'].strip()}",
                                 line=lineno)
            words = _ASS_HIDDEN.sub("", _ASS_DRAWING.sub("", event["text"]))
            raw.append((start, end, re.split(r"\\[Nn]", words.replace("\\h", " "))))
    raw.sort(key=lambda event: event[0])  # stable: events said at one moment keep the file's order
    return merge_rolling(raw), meta


def _ass_seconds(value: str, path: str, lineno: int) -> float:
    """'0:01:02.50' (hours, minutes, seconds and hundredths)."""
    match = _ASS_TIME.match(value)
    if not match or int(match.group(2)) > 59 or int(match.group(3)) > 59:
        raise InputError(path, f"broken event time {value.strip()!r}", line=lineno)
    return _seconds(*match.groups())
