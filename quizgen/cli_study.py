"""The study commands (quiz, add, review, stats), registered onto quizgen.cli's app.

The environment variable QUIZGEN_NOW (an ISO datetime) fixes the clock, for tests and demos.
"""
from __future__ import annotations

import os
import random
import sys
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from quizgen.cli import app, fail
from quizgen.errors import InputError, QuizgenError, StoreError

if TYPE_CHECKING:
    from quizgen.export.lecture_json import BuiltLecture

INTERRUPTED = 130  # the exit status of a command stopped by Ctrl-C (128 + SIGINT), as `quizgen build` uses


def read_lecture_json(path: Path) -> BuiltLecture:
    # imported on first use, so `quizgen --help` does not load the lecture model
    from quizgen.export.lecture_json import read_lecture_json as read

    return read(path)


def _lecture_jsons(paths: list[Path]) -> list[Path]:
    """The files named, and in a folder named, the lecture JSON files that `build --json` wrote there (the
    folder's other JSON is left alone)."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.glob("*.json") if p.is_file() and _own_output(p))
        if not found:
            raise InputError(path, "folder holds no lecture JSON (`quizgen build --json` writes them)")
        out += found
    return out


def _to_add(path: Path) -> BuiltLecture:
    """A lecture JSON to add; a file that is none (a transcript, most often) says how one is made."""
    try:
        return read_lecture_json(path)
    except InputError as exc:
        if exc.reason.startswith("not a lecture JSON"):
            raise InputError(exc.path, f"{exc.reason}; `quizgen build --json` makes one of a transcript",
                             exc.line) from None
        raise


def _own_output(path: Path) -> bool:
    from quizgen.ingest import is_own_output

    try:
        return is_own_output(path)
    except InputError:  # unreadable: not one of ours to add, as the folder's other JSON is not
        return False


def _fixed_now() -> datetime | None:
    text = os.environ.get("QUIZGEN_NOW")
    if not text:
        return None
    try:
        now = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise StoreError(f"QUIZGEN_NOW={text!r} is not an ISO datetime") from None
    return now if now.tzinfo else now.replace(tzinfo=timezone.utc)


def _clock() -> datetime:
    return (_fixed_now() or datetime.now(timezone.utc)).astimezone(timezone.utc)


def _zone() -> tzinfo:
    """The learner's time zone, which decides where "today" ends: QUIZGEN_NOW's offset, else local."""
    from quizgen.study.review import LocalZone

    fixed = _fixed_now()
    return fixed.tzinfo if fixed else LocalZone()


def _forgive_undecodable_input() -> None:
    """Answers typed in another encoding than the terminal's (a Latin-1 'é' under UTF-8) read as '�',
    which counts as a wrong answer or an unknown key, instead of ending the session with a traceback."""
    if sys.stdin is not None and getattr(sys.stdin, "errors", None) == "strict" and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")


def _console():
    from rich.console import Console

    return Console(highlight=False)


def _built_first(path: Path) -> list[BuiltLecture]:
    """A transcript's lectures, built now (as `build` would, without writing), saying so: it takes a while."""
    from quizgen.build import build_lecture_file

    typer.echo(f"{path}: a transcript; finding its key terms and cards first ...", err=True)
    return build_lecture_file(path)


def _resolve_lecture(lecture: str) -> BuiltLecture:
    """A lecture JSON path, a transcript path, or the id of a lecture in the study store."""
    path = Path(lecture)
    if path.is_file():
        from quizgen.build import build_lecture_file

        if path.suffix.lower() == ".json":
            try:
                return read_lecture_json(path)
            except InputError as not_built:
                # a JSON transcript (YouTube, Whisper) is built below; name both readings if it is neither
                try:  # (unannounced: a file that is neither gets its one line of error)
                    built = build_lecture_file(path)
                except InputError as not_transcript:
                    raise InputError(path, f"{not_built.reason}; read as a transcript: {not_transcript.reason}") \
                        from None
        else:
            built = _built_first(path)
        if len(built) != 1:  # read_all raises when there is none
            raise StoreError(f"{path}: holds {len(built)} lectures ({', '.join(b.id for b in built)}); "
                             "run `quizgen build --json` and quiz one lecture JSON")
        return built[0]
    from quizgen.study.store import Store

    import unicodedata

    with Store.open() as store:
        for name in dict.fromkeys((lecture, unicodedata.normalize("NFC", lecture))):  # ids are stored composed
            if store.has_lecture(name):
                return store.get_lecture(name)
    raise StoreError(f"{lecture}: not a file, nor the id of a lecture in the study store")


@app.command()
def quiz(
    lecture: str = typer.Argument(..., help="A lecture JSON from `build --json`, a transcript, or a stored lecture id."),
    n: int = typer.Option(10, "-n", "--questions", min=1, help="How many questions."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Fix the questions and their order."),
) -> None:
    """Quiz yourself on one lecture's key terms, typed and multiple choice.

    Type the term, or press Enter alone if you don't know it; pick an option by its number, letter or name.
    """
    from quizgen.study.quiz import make_quiz, other_terms
    from quizgen.study.terminal import run_quiz

    built = None
    try:
        built = _resolve_lecture(lecture)
        questions = make_quiz(built, n, random.Random(seed))
        _forgive_undecodable_input()
        run_quiz(questions, _console(), others=lambda q: other_terms(built, q))
    except QuizgenError as exc:
        fail(exc)
    except KeyboardInterrupt:
        if built is None:  # still building the transcript: nothing was asked yet
            typer.echo("Interrupted.", err=True)
        raise typer.Exit(INTERRUPTED) from None  # the score so far is shown; exit as `build` does


@app.command()
def add(paths: list[Path] = typer.Argument(
        ..., help="Lecture JSON files written by `build --json`, or folders of them.")) -> None:
    """Add lectures to the study store, or update them (cards keep their review history)."""
    from quizgen.study.store import Store
    from quizgen.study.terminal import show_added

    try:
        lectures = [_to_add(p) for p in _lecture_jsons(paths)]
        console = _console()
        with Store.open() as store:
            for built in lectures:
                show_added(store.add_lecture(built, _clock()), console)
    except QuizgenError as exc:
        fail(exc)


@app.command()
def review(
    limit: Optional[int] = typer.Option(
        None, "--limit", min=0, help="Stop after this many ratings; a card shown again in the session counts again."),
    new_per_day: int = typer.Option(20, "--new-per-day", min=0, help="New cards to introduce per day."),
) -> None:
    """Review the cards that are due (spaced repetition with FSRS). Keys: Enter, 1-4, u, q."""
    from quizgen.study.review import ReviewSession, session_cards
    from quizgen.study.store import Store
    from quizgen.study.terminal import run_review, show_nothing_due

    try:
        console = _console()
        with Store.open() as store:
            if limit == 0:
                console.print("Nothing to review: --limit 0 asks for no cards.")
                return
            now = _clock()
            cards = session_cards(store, now, None, new_per_day, _zone())  # the session stops at --limit, and
            # so knows how many it leaves due
            if not cards:
                show_nothing_due(store, now, console)
                return
            store.check_writable()  # before the first card, not after the first answer
            _forgive_undecodable_input()
            run_review(ReviewSession(store, cards, _clock, limit=limit), console)
    except QuizgenError as exc:
        fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None  # every rating is saved and counted; exit as `build` does


@app.command()
def stats() -> None:
    """Show cards due today and this week, reviews done and retention, per lecture."""
    from quizgen.study.review import stats as study_stats
    from quizgen.study.store import Store
    from quizgen.study.terminal import show_stats

    try:
        with Store.open() as store:
            show_stats(study_stats(store, _clock(), _zone()), _console())
    except QuizgenError as exc:
        fail(exc)
