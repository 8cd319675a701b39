"""User-tunable word lists and patterns: TOML files in config/ (or $QUIZGEN_CONFIG), read once."""
from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from quizgen.errors import QuizgenError


def config_dir() -> Path:
    """$QUIZGEN_CONFIG, else the checkout's config/, else the copy packed inside the wheel."""
    if os.environ.get("QUIZGEN_CONFIG"):
        return Path(os.environ["QUIZGEN_CONFIG"]).expanduser()
    return _shipped_config_dir()


@functools.lru_cache(maxsize=1)
def _shipped_config_dir() -> Path:
    """Found once: config words are asked for per token, and resolving the path each time cost seconds."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "config"
    return checkout if checkout.is_dir() else here / "_config"


def load_config(name: str) -> dict:
    """The parsed `config/<name>.toml`."""
    return _load(config_file(config_dir(), name))


def config_files() -> list[Path]:
    """Every config file in use: a $QUIZGEN_CONFIG folder's, and the shipped ones for the files it lacks."""
    names = {p.stem for folder in (config_dir(), _shipped_config_dir()) for p in folder.glob("*.toml")}
    return [path for path in (config_file(config_dir(), name) for name in sorted(names)) if path.is_file()]


def config_file(folder: Path, name: str) -> Path:
    """`<name>.toml` in `folder`; where a $QUIZGEN_CONFIG folder holds only the files a user changed (a glossary of
    their course), the shipped file for the rest."""
    path = folder / f"{name}.toml"
    shipped = _shipped_config_dir() / f"{name}.toml"
    if path.exists() or folder == _shipped_config_dir() or not shipped.exists():
        return path
    if not folder.is_dir():  # a $QUIZGEN_CONFIG that names no folder is a mistake, not a wish for the defaults
        raise QuizgenError(f"{folder}: QUIZGEN_CONFIG names no folder")
    return shipped


@functools.lru_cache(maxsize=None)
def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise QuizgenError(f"{path}: configuration file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise QuizgenError(f"{path}: {exc}") from None
    except UnicodeDecodeError:
        raise QuizgenError(f"{path}: configuration file is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:  # a folder where the file should be, a path through a file, no permission
        raise QuizgenError(f"{path}: cannot read the configuration file ({exc.strerror or exc})") from None


def config_error(name: str, message: str) -> QuizgenError:
    """An error in `config/<name>.toml`, named by its file."""
    return QuizgenError(f"{config_file(config_dir(), name)}: {message}")


def config_words(name: str, key: str = "words") -> frozenset[str]:
    """A word list from `config/<name>.toml`, lower-cased (asked for once per token, so cached by folder and
    name: no path is built on the way to the cache)."""
    return _words(config_dir(), name, key)


@functools.lru_cache(maxsize=None)
def _words(folder: Path, name: str, key: str) -> frozenset[str]:
    path = config_file(folder, name)
    words = _load(path).get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise QuizgenError(f"{path}: {key} must be a list of strings")
    return frozenset(w.lower() for w in words)
