"""Course logistics (homework, exams, office hours, sponsors): words read from config/logistics.toml."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from quizgen.config import config_dir as default_config_dir
from quizgen.config import config_file
from quizgen.errors import InputError


def read_logistics_words(config_dir: Path | None = None) -> tuple[str, ...]:
    """The logistics words of `config_dir` (default: the config folder); none if the file is absent."""
    if config_dir:
        return _read_words(Path(config_dir) / "logistics.toml")
    return _read_words(config_file(default_config_dir(), "logistics"))  # the shipped one, where a user's lacks it


@lru_cache(maxsize=8)
def _read_words(path: Path) -> tuple[str, ...]:
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(path, f"cannot read logistics words ({exc})") from None
    words = data.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise InputError(path, "`words` must be a list of strings")
    return tuple(w.strip().lower() for w in words if w.strip())


def is_logistics(text: str, words: tuple[str, ...]) -> bool:
    """True when `text` mentions any logistics word: the scorer and a student both count one mention."""
    return bool(words) and logistics_pattern(words).search(text) is not None


@lru_cache(maxsize=8)
def logistics_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The logistics words as one pattern (None for no words)."""
    if not words:
        return None
    # Longest first so "final exam" wins over "exam"; \s+ lets phrases span line breaks and double spaces.
    alts = [r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alts) + r")(?:e?s)?\b", re.IGNORECASE)
