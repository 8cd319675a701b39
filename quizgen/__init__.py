"""quizgen: turn recorded lecture transcripts into Anki decks, terminal quizzes and spaced review."""
from __future__ import annotations

from quizgen.errors import InputError, QuizgenError
from quizgen.model import Analysis, Card, Definition, KeyTerm, Lecture, Segment

__version__ = "0.1.0"

__all__ = [
    "Analysis", "Card", "Definition", "InputError", "KeyTerm", "Lecture", "QuizgenError", "Segment",
    "__version__",
]
