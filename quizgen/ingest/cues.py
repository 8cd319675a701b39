"""SubRip and WebVTT cue files: timing lines, cue text, NOTE/STYLE blocks and rolling-caption repeats."""
from __future__ import annotations

import re

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_text
from quizgen.model import Segment

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_BLOCK = re.compile(r"^(NOTE|STYLE|REGION)\b")
_SBV_TIMING = re.compile(r"^\s*\d+:\d{2}:\d{2}\.\d{3},\d+:\d{2}:\d{2}\.\d{3}\s*$")


def _seconds(h: str | None, m: str, s: str, frac: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(frac.ljust(3, "0")) / 1000


def parse_timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    match = _TIMING.match(line)
    if not match:
        raise InputError(path, f"broken cue timing {line.strip()!r}", line=lineno)
    g = match.groups()
    start, end = _seconds(*g[:4]), _seconds(*g[4:])
    if int(g[2]) > 59 or int(g[6]) > 59 or end < start:
        raise InputError(path, f"broken cue timing {line.strip()!r}", line=lineno)
    return start, end


def read_cues(text: str, path: str, *, vtt: bool) -> tuple[list[Segment], dict[str, str]]:
    """Cues in file order, plus WebVTT header metadata (e.g. a NOTE block's `title:`)."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    raw: list[tuple[float, float, list[str]]] = []
    i = 0
    if vtt:  # the header runs to the first blank line
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
        elif "-->" in line:
            start, end = parse_timing(line, path, i + 1)
            raw.append((start, end, []))
        elif "-->" in nxt and _TIMING.match(nxt):
            pass  # a cue identifier
        elif _SBV_TIMING.match(line):
            pass  # leftover timing from another caption format
        elif raw:
            raw[-1][2].append(line)
        elif not vtt and stripped.isdigit():
            pass
        else:
            raise InputError(path, f"text before the first cue: {stripped[:40]!r}", line=i + 1)
        i += 1
    segments = [Segment(start, end, clean_text("\n".join(body))) for start, end, body in raw]
    return merge_rolling(segments), meta


def merge_rolling(segments: list[Segment]) -> list[Segment]:
    """Drop words a cue repeats from the cue before it (rolling auto-captions), and empty cues."""
    out: list[Segment] = []
    prev_words: list[str] = []
    for seg in segments:
        words = seg.text.split()
        norm = [w.lower().strip(".,!?") for w in words]
        k = _overlap(prev_words, norm)
        if k >= 2 or (k and k == len(norm)):
            words = words[k:]
        if words:
            out.append(Segment(seg.start, seg.end, " ".join(words)))
            prev_words = (prev_words + norm[k:])[-60:] if k else norm
    return out


def _overlap(prev: list[str], cur: list[str]) -> int:
    for k in range(min(len(prev), len(cur)), 0, -1):
        if prev[-k:] == cur[:k]:
            return k
    return 0
