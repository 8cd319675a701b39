"""The lecture JSON of ../shared/eval/SCHEMA.md: written by `build --json`, read back by quiz and review."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import InputError
from quizgen.files import write_atomic
from quizgen.model import Analysis, Card, Definition, KeyTerm


@dataclass(frozen=True)
class BuiltLecture:
    """A lecture as quizgen built it: what quiz, review and stats work from."""

    id: str
    title: str
    url: str | None
    source: str
    key_terms: tuple[KeyTerm, ...]
    definitions: tuple[Definition, ...]
    cards: tuple[Card, ...]

    @classmethod
    def from_analysis(cls, analysis: Analysis, cards: tuple[Card, ...]) -> "BuiltLecture":
        lec = analysis.lecture
        return cls(lec.id, lec.title, lec.url, lec.source, analysis.key_terms, analysis.definitions, cards)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "key_terms": [t.to_dict() for t in self.key_terms],
            "definitions": [d.to_dict() for d in self.definitions],
            "cards": [c.to_dict() for c in self.cards],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "BuiltLecture":
        title = d.get("title") or d["id"]
        terms = tuple(
            KeyTerm(t["term"], tuple(t.get("aliases", ())), float(t.get("score", 0.0)), t.get("start_second"))
            for t in d.get("key_terms", [])
        )
        defs = tuple(
            Definition(x["term"], x.get("definition", ""), x.get("evidence", ""), x.get("start_second"),
                       x.get("confidence"), x.get("passage"))
            for x in d.get("definitions", [])
        )
        cards = tuple(
            Card(
                key=c.get("key") or c["id"].split(":", 1)[-1],
                kind=c["kind"],
                front=c["front"],
                back=c["back"],
                term=c.get("term", ""),
                start_second=_second(c.get("start_second")),
                url=c.get("url"),
                evidence=c.get("evidence", ""),
                lecture_id=c.get("lecture_id", d["id"]),
                lecture_title=c.get("lecture_title", title),
                tags=tuple(c.get("tags", ())),
            )
            for c in d.get("cards", [])
        )
        return cls(d["id"], title, d.get("url"), d.get("source", ""), terms, defs, cards)


def _second(value) -> int | None:
    return None if value is None else int(value)


def write_lecture_json(built: BuiltLecture, path: Path) -> Path:
    write_atomic(path, json.dumps(built.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return path


def read_lecture_json(path: Path) -> BuiltLecture:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    except ValueError as exc:  # a transcript, most often: its JSON is made by `build --json`
        raise InputError(path, f"not a lecture JSON that quizgen wrote ({exc}); `quizgen build --json` makes one "
                               "of a transcript") from None
    if not isinstance(data, dict):
        raise InputError(path, "not a lecture JSON that quizgen wrote (expected an object)")
    try:
        return BuiltLecture.from_dict(data)
    except KeyError as exc:
        raise InputError(path, f"not a lecture JSON that quizgen wrote (missing {exc})") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(path, f"not a lecture JSON that quizgen wrote ({exc})") from None
