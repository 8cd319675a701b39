"""Study: the SQLite store (store), quizzes (quiz), FSRS review (review) and their terminal loops."""
from __future__ import annotations

import importlib

_API = {
    "Store": "store", "StoredCard": "store", "default_home": "store",
    "make_quiz": "quiz", "check_answer": "quiz", "Question": "quiz",
    "ReviewSession": "review", "rate_card": "review", "session_cards": "review", "stats": "review",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    # loaded on first use, so importing quizgen.study.* for one piece does not pull in fsrs and rich
    if name in _API:
        return getattr(importlib.import_module(f"quizgen.study.{_API[name]}"), name)
    raise AttributeError(name)
