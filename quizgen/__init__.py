"""quizgen: turn recorded lecture transcripts into Anki decks, terminal quizzes and spaced review."""
from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "Analysis": "model", "Card": "model", "Definition": "model", "KeyTerm": "model", "Lecture": "model",
    "Segment": "model", "InputError": "errors", "QuizgenError": "errors",
}

__all__ = [*sorted(_API), "__version__"]


def __getattr__(name: str):
    # loaded on first use, so `quizgen --help` does not build the model's dataclasses it never shows
    if name in _API:
        import importlib

        return getattr(importlib.import_module(f"quizgen.{_API[name]}"), name)
    raise AttributeError(f"module 'quizgen' has no attribute {name!r}")
