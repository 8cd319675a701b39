"""A per-lecture Markdown study guide: the glossary in the order the terms were taught, with times."""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from quizgen.export.labels import clock
from quizgen.export.lecture_json import BuiltLecture
from quizgen.files import write_atomic
from quizgen.model import Card, cloze_filled

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
    """One card per passage the cards stage kept (a cleaned, trimmed definition per idea): a term's Q&A card for
    its main passage, whose back is the definition, and the cloze of each other passage, as its text reads with
    the blank filled in; in the order the cards stage made them, which is the order taught (in an untimed
    lecture too), each term's together."""
    chosen: dict[tuple[str, str], Card] = {}
    for card in built.cards:
        if card.kind in ("basic", "cloze"):
            passage = card.term.lower(), card.key.split(":", 1)[1].removeprefix(card.kind)  # '@1500' of 'cloze@1500'
            if passage not in chosen or card.kind == "basic":
                chosen[passage] = card
    kept = list(chosen.values())
    first: dict[str, int] = {}
    for i, card in enumerate(kept):
        first.setdefault(card.term.lower(), i)
    return sorted(kept, key=lambda c: first[c.term.lower()])


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
    said = card.back if card.kind == "basic" else cloze_filled(card.front)
    said = said[:1].upper() + said[1:]
    return _LIST_MARKER.sub(r"\1\\\2", _md(said)) + place


def _link(url: str) -> str:
    """A url as a Markdown link holds it: what would end the link or make a tag ('<', '>', a space) encoded."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
