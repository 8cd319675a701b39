"""One-line descriptions of what quizgen read, for `quizgen inspect`."""
from __future__ import annotations

from quizgen.export.labels import clock
from quizgen.model import Lecture


def describe_lecture(lecture: Lecture) -> str:
    """source, format, id, title, segments, words and time span, tab-separated; and why a build would refuse it."""
    starts = [s.start for s in lecture.segments if s.start is not None]
    ends = [s.end if s.end is not None else s.start for s in lecture.segments if s.start is not None]
    span = f"{clock(min(starts))}-{clock(max(ends))}" if starts else "untimed"
    from quizgen.build import length_problem

    problem = length_problem(lecture)  # a build would refuse it: say so where it is listed
    return (f"{lecture.source}\t{lecture.format}\tid={lecture.id}\ttitle={lecture.title!r}\t"
            f"segments={len(lecture.segments)}\twords={lecture.word_count}\tspan={span}"
            + (f"\ttoo long to build: {problem}" if problem else ""))
