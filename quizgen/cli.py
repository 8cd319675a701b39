"""The quizgen command line: parses options, calls one library function, prints the result."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)


def main() -> None:
    app()
