"""The quizgen command line: parses options, calls one library function, prints the result."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Optional

import typer

from quizgen.errors import QuizgenError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Turn lecture transcripts into Anki decks, terminal quizzes and spaced-repetition review.")


def fail(exc: QuizgenError) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(2)


@app.callback()
def _setup(verbose: bool = typer.Option(False, "--verbose", "-v", help="Show progress details.")) -> None:
    """quizgen turns lecture transcripts into Anki decks, quizzes and spaced-repetition review."""
    import logging  # here, not at the top: `quizgen --help` never runs this callback

    logging.basicConfig(format="warning: %(message)s", level=logging.INFO if verbose else logging.WARNING,
                        stream=sys.stderr)


@app.command()
def inspect(
    paths: list[Path] = typer.Argument(..., help="Transcript files or directories."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force an input format (see README)."),
) -> None:
    """Show what quizgen understood of each transcript."""
    from quizgen.build import read_lectures
    from quizgen.report import describe_lecture

    try:
        for lecture in read_lectures(paths, fmt):  # with the ids a build gives them ('VIDEOID.es' beside 'VIDEOID')
            typer.echo(describe_lecture(lecture))
    except QuizgenError as exc:
        fail(exc)


@app.command()
def build(
    paths: Optional[list[Path]] = typer.Argument(None, help="Transcript files or directories; none: the bundled sample."),
    out: Path = typer.Option(Path("decks"), "--out", "-o", help="Where decks are written."),
    json_out: bool = typer.Option(False, "--json", help="Also write <id>.json (the lecture JSON)."),
    output: list[str] = typer.Option([], "--output", help="Also write: json, csv (Anki TSV), md (study guide). Repeatable."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force an input format (see README)."),
    deck: Optional[str] = typer.Option(None, "--deck", help="Course name: decks become 'Course::NN Lecture'."),
    url: Optional[str] = typer.Option(None, "--url", help="Video url for a local transcript, for 'watch this moment' links."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel workers; 0 means one per core."),
    timestamp: Optional[float] = typer.Option(None, "--timestamp", help="Fixed time for byte-reproducible decks."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Analyze again even when a cached result exists."),
    reverse: bool = typer.Option(False, "--reverse", help="Also make reverse cards (definition -> term)."),
) -> None:
    """Build an Anki deck (and more) for every lecture in PATHS."""
    from quizgen.build import OUTPUTS, BuildOptions, build as run_build, default_jobs
    from quizgen.ingest import FORMATS
    from quizgen.progress import BuildProgress
    from quizgen.sample import sample_path

    outputs = tuple(dict.fromkeys(["apkg", *output, *(["json"] if json_out else [])]))
    bad = [o for o in outputs if o not in OUTPUTS]
    if bad:
        typer.echo(f"Error: unknown --output {bad[0]!r} (choose from {', '.join(OUTPUTS)})", err=True)
        raise typer.Exit(2)
    problem = _option_problem(jobs, timestamp, url)
    if problem:
        typer.echo(f"Error: {problem}", err=True)
        raise typer.Exit(2)
    fmt = fmt.lower() if fmt else fmt
    if fmt is not None and fmt not in FORMATS:
        hint = f"; to write {fmt}, use --output {fmt}" if fmt in OUTPUTS else ""
        typer.echo(f"Error: --format {fmt!r} is no input format (choose from {', '.join(FORMATS)}){hint}", err=True)
        raise typer.Exit(2)
    options = BuildOptions(out_dir=out, outputs=outputs, fmt=fmt, deck=deck, url=url, timestamp=timestamp,
                           jobs=jobs or default_jobs(), use_cache=not no_cache, reverse=reverse)
    try:
        with BuildProgress() as progress, _stopped_as_interrupted():
            result = run_build(paths or [sample_path()], options, progress=progress.advance, start=progress.start)
    except QuizgenError as exc:
        fail(exc)
    except KeyboardInterrupt as exc:
        typer.echo(f"Interrupted: nothing written to {out}/", err=True)
        raise typer.Exit(128 + getattr(exc, "signum", 2)) from None
    for b in result.built:
        empty = " (its deck is empty: no definition worth a card was found)" if not b.cards else ""
        typer.echo(f"{b.id}: {len(b.key_terms)} terms, {len(b.definitions)} definitions, {len(b.cards)} cards{empty}")
    files = "file" if len(result.written) == 1 else "files"
    cached = f"{result.cached} of {len(result.built)} lectures cached"
    typer.echo(f"wrote {len(result.written)} {files} to {out}/ ({cached})")


class _Stopped(KeyboardInterrupt):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_as_interrupted():
    """A build stopped by `kill` or a closed terminal (SIGTERM, SIGHUP) cleans up as after Ctrl-C: the staged
    outputs go, and nothing is written; Python's default would exit at once, leaving them in --out."""
    import signal

    def stop(signum, _frame):
        raise _Stopped(signum)

    kinds = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {kind: signal.signal(kind, stop) for kind in kinds}
    try:
        yield
    finally:
        for kind, handler in before.items():
            signal.signal(kind, handler)


LATEST_TIMESTAMP = 4354732800  # 2107-12-31: a zip file (an .apkg is one) holds no later date


def _option_problem(jobs: int, timestamp: float | None, url: str | None) -> str | None:
    """What is wrong with build's numeric and url options, checked before any transcript is read."""
    import math
    import re

    if jobs < 0:
        return f"--jobs {jobs}: give a number of workers, or 0 for one per core"
    if timestamp is not None and not (math.isfinite(timestamp) and 0 <= timestamp <= LATEST_TIMESTAMP):
        return f"--timestamp {timestamp}: give seconds since 1970 (0 to {LATEST_TIMESTAMP})"
    if url is not None and not re.match(r"https?://[^\s/]+(?:/\S*)?$", url, re.I):  # localhost and IPs too
        return f"--url {url!r} is no web address (it should start with https://)"
    return None


def main() -> None:
    app()


from quizgen import cli_study  # noqa: E402,F401  (registers quiz, add, review, stats)
