"""The short sample lecture bundled with quizgen, built by `quizgen build` with no path."""
from __future__ import annotations

from pathlib import Path


def sample_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "sample-lecture.vtt"
