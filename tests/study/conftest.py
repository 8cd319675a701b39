"""Fixtures for the study tests: a private QUIZGEN_HOME for every test, and the lecture fixture."""
from __future__ import annotations

from pathlib import Path

import pytest
from study.study_fixtures import LECTURE_JSON

from quizgen.export.lecture_json import BuiltLecture, read_lecture_json


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own user directory; none touches $HOME."""
    path = tmp_path / "home"
    monkeypatch.setenv("QUIZGEN_HOME", str(path))
    monkeypatch.delenv("QUIZGEN_NOW", raising=False)
    return path


@pytest.fixture
def built() -> BuiltLecture:
    return read_lecture_json(LECTURE_JSON)
