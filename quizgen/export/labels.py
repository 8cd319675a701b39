"""How exporters label where a card sits: deck names for a set of lectures, and mm:ss times."""
from __future__ import annotations

from collections.abc import Sequence

DEFAULT_COURSE = "quizgen"


def clock(second: float | None) -> str:
    """`second` as "mm:ss" ("h:mm:ss" past an hour); "" when the lecture is untimed."""
    if second is None:
        return ""
    h, rest = divmod(max(0, int(second)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def deck_names(titles: Sequence[str], course: str | None = None) -> list[str]:
    """One deck name per lecture title: "Course::01 Title" for several; for one, `course` itself or the title.

    A lone lecture takes `course` verbatim, so a caller may pass a deck name it already made here.
    """
    clean = [_deck_title(t) for t in titles]
    course = _course(course)
    if len(clean) == 1:
        return [course or clean[0]]
    width = max(2, len(str(len(clean))))
    return [f"{course or DEFAULT_COURSE}::{i:0{width}d} {t}" for i, t in enumerate(clean, start=1)]


def build_decks(titles: Sequence[str], course: str | None = None) -> list[str]:
    """The decks a build puts its lectures in: as `deck_names`, except that a course named for one lecture
    is still a course ('COURSE::Title'). Each name is then handed to a writer as made."""
    course = _course(course)
    if course and len(titles) == 1:
        return [f"{course}::{_deck_title(titles[0])}"]
    return deck_names(titles, course)


def _course(name: str | None) -> str | None:
    """A --deck name as Anki can hold it: no empty level ('CS101::', '::Lead' and '  ' would make Anki decks
    named 'blank'), each level on one line; None where it names no deck."""
    if name is None:
        return None
    levels = [" ".join(level.split()) for level in name.split("::")]
    return "::".join(level for level in levels if level) or None


def _deck_title(title: str) -> str:
    # "::" is Anki's deck separator, so a title must not carry one of its own.
    return " ".join(title.replace("::", ":").split()) or "Untitled lecture"
