"""The `quizgen` command's entry point: `quizgen --help` answers from a cached page without importing typer
(start-up stays close to Python's own); everything else goes to the typer app in quizgen.cli."""
from __future__ import annotations

import sys
from pathlib import Path

HELP_PAGE = Path(__file__).resolve().parent / "data" / "help.txt"


def main() -> None:
    if sys.argv[1:] == ["--help"] and HELP_PAGE.is_file():
        sys.stdout.write(HELP_PAGE.read_text(encoding="utf-8"))
        return
    if sys.argv[1:] == ["--refresh-help"]:  # for developers, after a command or option changes
        HELP_PAGE.write_text(render_help(), encoding="utf-8")
        return
    from quizgen.cli import main as run

    run()


def render_help() -> str:
    """`quizgen --help` as typer prints it at 80 columns without colour."""
    from typer.testing import CliRunner

    from quizgen.cli import app

    result = CliRunner().invoke(app, ["--help"], prog_name="quizgen", env={"COLUMNS": "80", "NO_COLOR": "1",
                                                                             "TERM": "dumb"})
    return result.stdout


if __name__ == "__main__":
    main()
