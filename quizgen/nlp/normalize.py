"""Speech normalisation: term keys that merge spelling variants, glossary repairs, and filler removal."""
from __future__ import annotations

import functools
import re

from quizgen.config import config_words, load_config


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_key(text: str) -> str:
    """One key for 'Meta-Learning', 'meta learning' and 'metalearnings', the way score.py matches terms;
    and for the Latin plurals it does not know: 'matrix' and 'matrices', 'vertex' and 'vertices'."""
    text = re.sub(r"[-_/]", " ", text.lower())
    text = re.sub(r"[^a-z0-9 ]", "", text)
    return "".join(_latin_singular(singular(t)) for t in text.split())


def _latin_singular(word: str) -> str:
    if len(word) > 5 and word.endswith("ice"):  # 'matrices' has lost its s: 'matrice'
        return word[:-1]
    if len(word) > 4 and word.endswith(("ix", "ex")):
        return word[:-2] + "ic"
    return word


@functools.lru_cache(maxsize=1)
def _repairs() -> tuple[tuple[re.Pattern, str], ...]:
    table = load_config("glossary").get("repairs", {})
    items = sorted(table.items(), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(rf"\b{re.escape(k.lower())}s?\b"), v) for k, v in items)


def repair_term(phrase: str) -> str:
    """The right spelling of a phrase that speech recognition garbled, per config/glossary.toml."""
    low = phrase.lower()
    for pattern, right in _repairs():
        if pattern.search(low):
            low = pattern.sub(right, low)
    return low if low != phrase.lower() else phrase


@functools.lru_cache(maxsize=1)
def _filler_pattern() -> re.Pattern:
    words = sorted(config_words("fillers", "words") | config_words("fillers", "phrases"), key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'-])[,.]?", re.I)


def remove_fillers(text: str) -> str:
    """Text without 'uh', 'you know', 'okay so' and stuttered repeats ('the the')."""
    text = _filler_pattern().sub(" ", text)
    text = re.sub(r"\b(\w+(?:\s+\w+)?)(?:\s+\1\b)+", r"\1", text, flags=re.I)  # "we we" / "it is it is"
    text = re.sub(r"\b(\w{1,3})-\s+(?=\w)", "", text)  # cut-off words: "we- we"
    return re.sub(r"\s+", " ", text).strip(" ,")

