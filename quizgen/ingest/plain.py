"""Transcripts that are plain text: untimed prose, or '(MM:SS) text' lines scraped from a video page."""
from __future__ import annotations

import re

from quizgen.ingest.clean import clean_text
from quizgen.model import Segment

# '[00:01:02] text', '(1:02) text', and Whisper's console lines, '[00:00.000 --> 00:03.200]  text' (fractions kept)
_STAMP = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
STAMPED_LINE = re.compile(r"^\s*[(\[]?(" + _STAMP + r")(?:\s*-->\s*" + _STAMP + r")?[)\]]?(?:\s+(.*)|\s*$)")
# what a screen reader hears beside a stamp in YouTube's transcript panel: '1 minute, 5 seconds'
_SPOKEN_STAMP = re.compile(r"^\s*\d+ (?:hours?|minutes?|seconds?)(?:,? \d+ (?:minutes?|seconds?))*\s*$")
# a speaker's name and a stamp above what they said (or before it), as Otter exports transcripts, 'Jane Doe  0:15',
# and Rev, 'Jane Doe (00:15):' ('We meet at 5:00' is a line of speech); read so only where no line holds a stamp
# of its own
# ('Jane Doe (She/Her)   0:03' and 'Doe, Jane   0:03' as Teams names its speakers)
_SPEAKER_STAMP = re.compile(r"^\s*[^\W\d_][\w.,'\u2019-]*(?: [\w.,'\u2019()/-]+){0,4}(?:(?:\s{2,}|\t)"
                            r"((?:\d+:)?\d{1,2}:\d{2})\s*|\s*[(\[]((?:\d+:)?\d{1,2}:\d{2})[)\]]:(?:\s+(.*))?)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def stamp_like(line: str) -> bool:
    """Whether `line` is a stamped line, a stamp alone (with a speaker's name), or the spoken form of one."""
    return bool(STAMPED_LINE.match(line) or _SPEAKER_STAMP.match(line) or _SPOKEN_STAMP.match(line))


def read_stamped(text: str) -> list[Segment]:
    """'(MM:SS) words' per line, or a stamp on a line of its own with the words on the lines after it (as
    copied from YouTube's transcript panel, or after a speaker's name as Otter exports): each stretch
    starts at its stamp and runs to the next one."""
    stamped: list[tuple[float, str]] = []
    lines = text.splitlines()
    # stamps above speakers' names (Otter, Rev) or stamped lines, whichever the transcript holds more of: in one,
    # 'Class ends at  5:00' is speech; in the other, a line that opens '10:30 on Friday' is
    speakers = sum(1 for line in lines if _SPEAKER_STAMP.match(line)) \
        > sum(1 for line in lines if STAMPED_LINE.match(line))
    for line in lines:
        match = _SPEAKER_STAMP.match(line) if speakers else STAMPED_LINE.match(line)
        if match:
            stamp, words = (match.group(1), match.group(2)) if match.re is STAMPED_LINE \
                else (match.group(1) or match.group(2), match.group(3))
            parts = [float(p.replace(",", ".")) for p in stamp.split(":")]
            seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[0] if len(parts) == 3 else 0)
            stamped.append((seconds, words or ""))
        elif _SPOKEN_STAMP.match(line):
            continue
        elif line.strip() and stamped:
            stamped[-1] = (stamped[-1][0], stamped[-1][1] + " " + line.strip())
    segments = []
    for i, (start, body) in enumerate(stamped):
        end = stamped[i + 1][0] if i + 1 < len(stamped) else None
        cleaned = clean_text(body)
        if cleaned:
            segments.append(Segment(start, end, cleaned))
    return segments


# a speaker's name in brackets on its own line, above what they said ('[Eleanor Scerri]'), as some transcribers
# mark turns
_NAME_LINE = re.compile(r"^[ \t]*\[[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}\][ \t]*$", re.M)


def read_plain(text: str) -> list[Segment]:
    """Untimed prose: one segment per sentence (or per paragraph when there is no punctuation). Speakers' names
    on lines of their own, in brackets, are no speech where the transcript marks turns so (two or more)."""
    if len(_NAME_LINE.findall(text)) >= 2:
        text = _NAME_LINE.sub("", text)
    segments = []
    for para in re.split(r"\n\s*\n", text):
        cleaned = clean_text(para)
        for piece in _SENTENCE_END.split(cleaned):
            if piece.strip():
                segments.append(Segment(None, None, piece.strip()))
    return segments
