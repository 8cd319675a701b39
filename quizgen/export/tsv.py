"""A tab-separated file that Anki's "Import File" reads as-is, for users who prefer text to .apkg.

Its header lines name the columns, so Anki picks the note type, deck, tags and GUID per row.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from quizgen.export.labels import clock, deck_names
from quizgen.export.lecture_json import BuiltLecture
from quizgen.files import write_atomic
from quizgen.model import Card, in_rounds

# Anki's stock note types, so the file imports into any profile; both have two fields.
NOTETYPES = {"cloze": "Cloze"}
DEFAULT_NOTETYPE = "Basic"
# The GUID is not the first column: Anki skips a line that starts with "#" as a comment, and a
# GUID may start with one.
HEADER = (
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#tags column:5",
    "#guid column:6",
)


def write_tsv(lectures: Sequence[BuiltLecture], path: Path, *, deck_name: str | None = None) -> Path:
    """Write every card of `lectures` as one row: note type, deck, front, back, tags, guid."""
    # guid_for: the same note ids as the .apkg, so re-importing the TSV updates its own notes in place. The rows
    # use Anki's built-in Cloze and Basic note types, which a fresh collection has; the .apkg brings its own
    # "quizgen" types, so a lecture imported both ways conflicts: import one or the other.
    import genanki

    rows = list(HEADER)
    for built, deck in zip(lectures, deck_names([b.title for b in lectures], deck_name)):
        for card in in_rounds(list(built.cards), lambda c: c.sibling):  # as the .apkg orders them
            source = _source(built, card)
            back = source if card.kind == "cloze" else _join(html.escape(card.back), source)
            tags = " ".join(re.sub(r"\s+", "_", t) for t in card.tags)
            cells = [
                NOTETYPES.get(card.kind, DEFAULT_NOTETYPE),
                deck,
                html.escape(card.front),
                back,
                tags,
                genanki.guid_for(built.id, card.key),
            ]
            rows.append("\t".join(_cell(c) for c in cells))
    return write_atomic(Path(path), "\n".join(rows) + "\n")


def _source(built: BuiltLecture, card: Card) -> str:
    when = clock(card.start_second)
    if card.url:
        # Single quotes: a double quote inside a field would start CSV quoting for Anki's reader.
        place = f"<a href='{html.escape(card.url)}'>▶ watch{' at ' + when if when else ''}</a>"
    else:
        place = f"at {when}" if when else ""
    return "<small>" + " · ".join(filter(None, [html.escape(built.title), place])) + "</small>"


def _join(*parts: str) -> str:
    return "<br>".join(p for p in parts if p)


def _cell(text: str) -> str:
    # A tab or line break would split the row. html.escape turned every quote of the HTML cells into an
    # entity; a cell that still holds one (a deck named after '"Hashing" explained') is quoted as CSV quotes
    # it, or Anki's reader would take its quotes for quoting and join rows.
    text = re.sub(r"[\t\r\n]+", " ", text)
    return '"' + text.replace('"', '""') + '"' if '"' in text else text
