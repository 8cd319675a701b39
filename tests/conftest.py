"""Shared fixtures: where ../shared is, and a QUIZGEN_HOME per test so nothing touches the user's files."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"

needs_shared = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(),
    reason="../shared (seed and corpus transcripts, gold) is not beside this checkout",
)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("quizgen-home")
    monkeypatch.setenv("QUIZGEN_HOME", str(home))
    monkeypatch.setenv("QUIZGEN_CACHE", str(home / "cache"))
