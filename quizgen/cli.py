"""The quizgen command line: parses options, calls one library function, prints the result."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from quizgen.errors import QuizgenError

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__,
                  pretty_exceptions_enable=False)


def fail(exc: QuizgenError) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(2)


@app.callback()
def _setup(verbose: bool = typer.Option(False, "--verbose", "-v", help="Show progress details.")) -> None:
    """quizgen turns lecture transcripts into Anki decks, quizzes and spaced-repetition review."""
    logging.basicConfig(format="warning: %(message)s", level=logging.INFO if verbose else logging.WARNING,
                        stream=sys.stderr)


@app.command()
def inspect(
    paths: list[Path] = typer.Argument(..., help="Transcript files or directories."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force an input format (see README)."),
) -> None:
    """Show what quizgen understood of each transcript."""
    from quizgen.ingest import iter_lectures
    from quizgen.report import describe_lecture

    try:
        for lecture in iter_lectures(paths, fmt):
            typer.echo(describe_lecture(lecture))
    except QuizgenError as exc:
        fail(exc)


def main() -> None:
    app()
