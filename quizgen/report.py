"""One-line descriptions of what quizgen read, for `quizgen inspect`."""
from __future__ import annotations

from quizgen.model import Lecture


def clock(seconds: float | None) -> str:
    """'mm:ss', or 'h:mm:ss' past an hour; '--:--' when there is no time."""
    if seconds is None:
        return "--:--"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def describe_lecture(lecture: Lecture) -> str:
    starts = [s.start for s in lecture.segments if s.start is not None]
    ends = [s.end if s.end is not None else s.start for s in lecture.segments if s.start is not None]
    span = f"{clock(min(starts))}-{clock(max(ends))}" if starts else "untimed"
    return (f"{lecture.source}\t{lecture.format}\tid={lecture.id}\ttitle={lecture.title!r}\t"
            f"segments={len(lecture.segments)}\twords={lecture.word_count}\tspan={span}")
