"""A cache of lecture analyses, keyed on transcript content, settings, config files, quizgen's version
and the language stage's code."""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from quizgen import __version__
from quizgen.config import config_files
from quizgen.errors import OutputError
from quizgen.files import write_atomic
from quizgen.model import Analysis, Definition, KeyTerm, Lecture


def cache_dir() -> Path:
    if os.environ.get("QUIZGEN_CACHE"):
        return Path(os.environ["QUIZGEN_CACHE"]).expanduser()
    if os.environ.get("QUIZGEN_HOME"):
        return Path(os.environ["QUIZGEN_HOME"]).expanduser() / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "quizgen"


def _config_digest() -> str:
    """The config files in use: a $QUIZGEN_CONFIG folder's, and the shipped ones for the files it lacks."""
    h = hashlib.sha256()
    for path in config_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """The nlp stage's source: the version string stays put while that code is tuned, and a stale
    analysis must not come back from the cache then."""
    h = hashlib.sha256()
    for path in sorted((Path(__file__).parent / "nlp").glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def analysis_key(lecture: Lecture, settings: object) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}|{_code_digest()}|{settings!r}|{_config_digest()}|".encode())
    h.update(f"{lecture.id}|{lecture.title}".encode())
    for seg in lecture.segments:
        h.update(f"{seg.start}|{seg.end}|{seg.text}\n".encode())
    return h.hexdigest()


def load_analysis(key: str, lecture: Lecture) -> Analysis | None:
    path = cache_dir() / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        terms = tuple(KeyTerm(t["term"], tuple(t["aliases"]), t["score"], t["start_second"])
                      for t in data["key_terms"])
        defs = tuple(Definition(**d) for d in data["definitions"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged or older entry is a miss
    if not all(_well_typed(t.term, t.start_second, t.aliases) for t in terms) \
            or not all(_well_typed(d.term, d.start_second, (d.definition, d.evidence))
                       and (d.passage is None or isinstance(d.passage, str)) for d in defs):
        return None  # so is one whose fields were edited into other types ('"16"' for 16, null for a term)
    return Analysis(lecture, terms, defs)


def _well_typed(name, second, texts) -> bool:
    return isinstance(name, str) and (second is None or isinstance(second, int) and not isinstance(second, bool)) \
        and all(isinstance(text, str) for text in texts)


def save_analysis(key: str, analysis: Analysis) -> None:
    data = {"key_terms": [t.to_dict() for t in analysis.key_terms],
            "definitions": [d.to_dict() for d in analysis.definitions]}
    try:
        write_atomic(cache_dir() / f"{key}.json", json.dumps(data))
    except (OSError, OutputError):
        pass  # a cache that cannot be written (read-only, full, a file where its folder should be) only costs time
