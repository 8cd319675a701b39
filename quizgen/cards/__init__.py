"""The cards stage: key terms and definitions in, study cards out."""
from __future__ import annotations

from quizgen.cards.make import KINDS, make_cards

__all__ = ["KINDS", "make_cards"]
