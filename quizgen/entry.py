"""The `quizgen` command's entry point: `quizgen --help` answers from a cached page without importing typer
(start-up stays close to Python's own); everything else goes to the typer app in quizgen.cli."""
from __future__ import annotations

import os
import sys

# os.path, not pathlib: importing pathlib alone costs more than Python's own start-up
HELP_PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "help.txt")


def main() -> None:
    if sys.argv[1:] == ["--help"] and os.path.isfile(HELP_PAGE):
        with open(HELP_PAGE, encoding="utf-8") as fh:
            sys.stdout.write(fh.read())
        return
    if sys.argv[1:] == ["--refresh-help"]:  # for developers, after a command or option changes
        with open(HELP_PAGE, "w", encoding="utf-8") as fh:
            fh.write(render_help())
        return
    try:
        from quizgen.cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while the command is still loading: nothing has run, nothing to show
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(130) from None
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
