"""Anki .apkg decks: one deck per lecture, two note types with fixed ids, note GUIDs stable across rebuilds.

Re-importing a rebuilt deck updates notes in place, because a note's GUID comes from (lecture id, card key).
"""
from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.export.labels import clock, deck_names
from quizgen.export.lecture_json import BuiltLecture
from quizgen.files import write_atomic
from quizgen.model import Card, in_rounds

# Fixed forever: Anki recognises a note type by id, and a new id would duplicate every note on import.
CLOZE_MODEL_ID = 1_738_204_117
BASIC_MODEL_ID = 1_738_204_118
CLOZE_FIELDS = ("Text", "Extra", "Term", "Lecture", "Time", "Link", "Evidence")
BASIC_FIELDS = ("Front", "Back", "Term", "Lecture", "Time", "Link", "Evidence")
SORT_FIELD = 2  # Term: the browser lists notes by term

_SOURCE = (
    '<div class="source">{{#Link}}<a href="{{Link}}">▶ watch{{#Time}} at {{Time}}{{/Time}}</a>{{/Link}}'
    "{{^Link}}{{#Time}}at {{Time}}{{/Time}}{{/Link}}</div>\n"
    '{{#Evidence}}<blockquote class="evidence">{{Evidence}}</blockquote>{{/Evidence}}'
)
_LECTURE = '<div class="lecture">{{Lecture}}</div>\n'
_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.lecture { font-size: 13px; color: #777; margin-bottom: 1em; }
.cloze { font-weight: bold; color: #1565c0; }
.source { font-size: 14px; margin-top: 1em; }
.evidence { font-size: 13px; color: #555; font-style: italic; }
"""


def write_apkg(
    lectures: Sequence[BuiltLecture],
    path: Path,
    *,
    deck_name: str | None = None,
    timestamp: float | None = None,
) -> Path:
    """Write `lectures` to one .apkg at `path`, one deck each; a fixed `timestamp` makes it byte-reproducible.

    Anki updates an imported note only when its modification time (= `timestamp`) is newer than the
    collection's copy, so a rebuild whose wording changed needs a later timestamp than the last one.
    """
    import genanki  # only the apkg export needs it

    if not lectures:
        raise QuizgenError("no lectures to write to an Anki package")
    stamp = time.time() if timestamp is None else float(timestamp)
    models = {"cloze": _cloze_model(genanki), "basic": _basic_model(genanki)}
    decks = []
    for built, name in zip(lectures, deck_names([b.title for b in lectures], deck_name)):
        deck = genanki.Deck(deck_id(name), name, description=html.escape(built.url or ""))
        # a term's cards one per round, as the terminal review shows them: Anki buries no card of another note,
        # and back to back a term's second card would be answered from memory of the first
        for card in in_rounds(list(built.cards), lambda c: c.sibling):
            deck.add_note(_note(genanki, models, built, card))
        decks.append(deck)
    return _write_package(genanki.Package(decks), Path(path), stamp)


def deck_id(name: str) -> int:
    """A deck id that depends on the deck's name only, so a rebuild lands in the same deck."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 50)  # positive, and exact as a JavaScript number


def _cloze_model(genanki):
    text = '<div class="text">{{cloze:Text}}</div>\n'
    return genanki.Model(
        CLOZE_MODEL_ID,
        "quizgen Cloze",
        fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[{
            "name": "Cloze",
            "qfmt": _LECTURE + text,
            "afmt": _LECTURE + text + '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}\n' + _SOURCE,
        }],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
        sort_field_index=SORT_FIELD,
    )


def _basic_model(genanki):
    return genanki.Model(
        BASIC_MODEL_ID,
        "quizgen Basic",
        fields=[{"name": f} for f in BASIC_FIELDS],
        templates=[{
            "name": "Card 1",
            "qfmt": _LECTURE + '<div class="front">{{Front}}</div>',
            "afmt": '{{FrontSide}}\n<hr id="answer">\n<div class="back">{{Back}}</div>\n' + _SOURCE,
        }],
        css=_CSS,
        sort_field_index=SORT_FIELD,
    )


def _note(genanki, models: dict, built: BuiltLecture, card: Card):
    # Fields are HTML, so every value is escaped; the cloze markers {{c1::...}} survive escaping.
    shared = [card.term, built.title, clock(card.start_second), card.url or "", card.evidence]
    if card.kind == "cloze":
        model, fields = models["cloze"], [card.front, "", *shared]
    else:  # basic, reverse and any later kind are a front and a back
        model, fields = models["basic"], [card.front, card.back, *shared]
    return genanki.Note(
        model=model,
        fields=[html.escape(f) for f in fields],
        tags=[re.sub(r"\s+", "_", t) for t in card.tags],
        guid=genanki.guid_for(built.id, card.key),
    )


def _write_package(package, path: Path, stamp: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, raw = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".raw", dir=path.parent)
    os.close(fd)
    try:
        package.write_to_file(raw, timestamp=stamp)
        data = _reproducible_zip(Path(raw), stamp)
    finally:
        Path(raw).unlink(missing_ok=True)
    return write_atomic(path, data)


def _reproducible_zip(raw: Path, stamp: float) -> bytes:
    """genanki's zip carries the wall-clock time of each member; pin them to `stamp` so bytes repeat."""
    when = max(time.gmtime(stamp)[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(member.filename))
    return out.getvalue()
