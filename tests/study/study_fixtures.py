"""Constants and helpers for the study tests (a module name no other test folder uses)."""
from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import time
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


TMUX = shutil.which("tmux")


class ReviewTerminal:
    """`quizgen review` running in a real 80x40 terminal under tmux: type with `keys`, read with `screen`."""

    def __init__(self, home: Path, tmp_path: Path):
        script = tmp_path / "run.sh"
        command = " ".join(shlex.quote(part) for part in QUIZGEN)
        script.write_text(f"export QUIZGEN_HOME={shlex.quote(str(home))} QUIZGEN_NOW={NOW_ENV}\n"
                          f"{command} review\necho \"EXIT=$?\"\nsleep 60\n")
        # a socket of its own in the test's folder, gone with it (a named one stays behind in /tmp/tmux-UID)
        self.tmux = [TMUX, "-S", str(tmp_path / "tmux.sock"), "-f", os.devnull]
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS")}
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "t", "-x", "80", "-y", "40",
                        f"bash {shlex.quote(str(script))}"], check=True, env=self.env)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True,
                              env=self.env).stdout

    def keys(self, *ks: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "t", *ks], check=True, env=self.env)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], env=self.env, capture_output=True)


@contextlib.contextmanager
def local_zone(monkeypatch, name: str):
    """The machine's local zone set to `name` (as $TZ sets it) while inside."""
    monkeypatch.setenv("TZ", name)
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()
