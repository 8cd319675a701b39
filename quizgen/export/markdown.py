"""A per-lecture Markdown study guide: the glossary in the order the terms were taught, with times."""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from quizgen.export.labels import clock
from quizgen.export.lecture_json import BuiltLecture
from quizgen.files import write_atomic
from quizgen.model import Card

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")  # '~' too: '~~this~~' would be struck through
# what would open a list where an explanation opens a nested item: '1990. That ...', '+ one more', '- ...'
_LIST_MARKER = re.compile(r"^(\d+)?([.)+-])(?=\s)")


def write_study_guide(built: BuiltLecture, path: Path) -> Path:
    """Write `built`'s glossary to `path`: one entry per defined term (its explanations under it when the
    lecture gave several), then the terms left undefined."""
    lines = [f"# {_md(built.title)}", ""]
    if built.url:
        lines += [f"Lecture: <{_link(built.url)}>", ""]
    defined = _glossary_cards(built)
    if defined:
        lines += ["## Glossary", ""]
        for _, group in groupby(defined, key=lambda c: c.term.lower()):  # sorted by term, so each is together
            cards = list(group)
            term = cards[0].term
            if len(cards) == 1:
                lines.append(f"- **{_md(term)}**: {_explained(cards[0])}")
            else:  # one entry per term, its explanations under it in the order they were given
                lines.append(f"- **{_md(term)}**")
                lines += [f"  - {_explained(card)}" for card in cards]
        lines.append("")
    names = {c.term.lower() for c in defined}
    rest = [t.term for t in sorted(built.key_terms, key=_taught_order) if t.term.lower() not in names]
    if rest:
        lines += ["## Also mentioned", "", ", ".join(_md(t) for t in rest), ""]
    return write_atomic(Path(path), "\n".join(lines))


def _glossary_cards(built: BuiltLecture) -> list[Card]:
    """The basic cards, which hold what the cards stage chose (one cleaned, trimmed definition per kept idea), in
    the order the cards stage made them, which is the order taught (in an untimed lecture too); each term's
    cards together."""
    basic = [c for c in built.cards if c.kind == "basic"]
    first: dict[str, int] = {}
    for i, card in enumerate(basic):
        first.setdefault(card.term.lower(), i)
    return sorted(basic, key=lambda c: first[c.term.lower()])


def _taught_order(term) -> tuple:
    """By the second first said; untimed terms keep their rank (a stable sort), the surest first, where the
    alphabet would say nothing of the lecture."""
    return (term.start_second is None, term.start_second or 0)


def _explained(card: Card) -> str:
    when = clock(card.start_second)
    if when and card.url:
        place = f" ([watch at {when}](<{_link(card.url)}>))"
    elif when:
        place = f" (at {when})"
    else:
        place = ""
    return _LIST_MARKER.sub(r"\1\\\2", _md(card.back)) + place


def _link(url: str) -> str:
    """A url as a Markdown link holds it: what would end the link or make a tag ('<', '>', a space) encoded."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
