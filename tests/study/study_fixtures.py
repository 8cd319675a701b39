"""Constants and helpers for the study tests (a module name no other test folder uses)."""
from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from quizgen.export.lecture_json import BuiltLecture
from quizgen.model import Card, KeyTerm

LECTURE_JSON = Path(__file__).resolve().parents[1] / "data" / "study_lecture.json"
NOW = datetime(2025, 3, 3, 12, 0, tzinfo=timezone.utc)
NOW_ENV = "2025-03-03T12:00:00+00:00"

# Runs the CLI with the study commands registered, whether or not quizgen/cli.py imports them yet.
QUIZGEN = [sys.executable, "-c",
           "import sys; sys.argv[0] = 'quizgen'; import quizgen.cli_study; from quizgen.cli import main; main()"]


def make_lecture(terms: list[tuple[str, tuple[str, ...], str]], lecture_id: str = "lec1",
                 url: str | None = "https://example.org/v") -> BuiltLecture:
    """A hand-built lecture: one reverse card per (term, aliases, definition), a minute apart."""
    key_terms = tuple(KeyTerm(t, aliases, 1.0 - i / 100, 60 * i) for i, (t, aliases, _) in enumerate(terms))
    cards = tuple(
        Card(key=f"{t}:reverse", kind="reverse", front=d, back=t, term=t, start_second=60 * i,
             url=f"{url}?t={60 * i}s" if url else None, evidence=d, lecture_id=lecture_id,
             lecture_title=f"Lecture {lecture_id}")
        for i, (t, _, d) in enumerate(terms)
    )
    return BuiltLecture(lecture_id, f"Lecture {lecture_id}", url, "src.txt", key_terms, (), cards)


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QUIZGEN_HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="80")
    env.update(extra)
    return env
