"""Build progress: a rich bar (lectures, words/s, ETA) on a terminal, plain lines when piped."""
from __future__ import annotations

import sys
import time

from quizgen.model import Lecture


class BuildProgress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._bar = None
        self._task = None
        self._t0 = time.perf_counter()
        self._words = 0
        self._done = 0
        self._total = 0

    def __enter__(self) -> "BuildProgress":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, lectures: list) -> None:
        self._total = len(lectures)
        self._t0 = time.perf_counter()
        if not self.tty:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[rate]} words/s"), TimeRemainingColumn(),
                             console=Console(file=self.stream))
        self._task = self._bar.add_task("build", total=len(lectures), rate="-")
        self._bar.start()

    def advance(self, lecture: Lecture, cached: bool) -> None:
        self._done += 1
        self._words += lecture.word_count
        rate = self._words / max(1e-6, time.perf_counter() - self._t0)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, rate=f"{rate:,.0f}")
        else:
            note = " (cached)" if cached else ""
            print(f"[{self._done}/{self._total}] {lecture.id}: {lecture.word_count} words{note}",
                  file=self.stream, flush=True)
