"""Errors that quizgen raises; the CLI turns each into one line and exit code 2."""
from __future__ import annotations

from pathlib import Path


class QuizgenError(Exception):
    """Base class for every error a user can cause."""


class InputError(QuizgenError):
    """A transcript that cannot be read, named by file and, where known, line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # made again from its own arguments when a build's worker process sends it back
        return type(self), (self.path, self.reason, self.line)


class StoreError(QuizgenError):
    """The study store cannot answer a request (unknown lecture, bad state)."""


class OutputError(QuizgenError):
    """An output that cannot be written (no such folder, no permission, disk full)."""
