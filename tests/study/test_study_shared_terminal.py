"""End to end in a real terminal: a deck built from a real transcript in ../shared, added to the store and
reviewed under tmux (send-keys to type, capture-pane to read the screen)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from study.study_fixtures import QUIZGEN, TMUX, ReviewTerminal, subprocess_env
from study.test_study_processes import wait_for

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TRANSCRIPT = SHARED / "corpus" / "statistics-descriptive-stats-distributions.srt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TRANSCRIPT.is_file(), reason="../shared (the real transcripts) is not beside this checkout"),
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install -y tmux); .ci/run installs it"),
]


def test_review_a_deck_built_from_a_shared_transcript_under_tmux(home, tmp_path):
    env = subprocess_env(home)
    decks = tmp_path / "decks"
    subprocess.run([*QUIZGEN, "build", str(TRANSCRIPT), "--json", "--out", str(decks), "--jobs", "1"],
                   check=True, env=env, capture_output=True)
    lecture = decks / f"{TRANSCRIPT.stem}.json"
    added = subprocess.run([*QUIZGEN, "add", str(lecture)], check=True, env=env, capture_output=True, text=True)
    assert "card" in added.stdout

    term = ReviewTerminal(home, tmp_path)
    screen, keys = term.screen, term.keys
    try:
        wait_for(lambda: "Enter shows the answer" in screen(), what="the first card")
        assert "Statistics Descriptive Stats Distributions" in screen() or "new" in screen()
        keys("Enter")
        wait_for(lambda: "Again 1 · Hard 2 · Good 3 · Easy 4" in screen(), what="the answer")
        # the moment in the lecture, as a link; a long file URI wraps at 80 columns, so read it unwrapped
        unwrapped = screen().replace("\n", "")
        assert "watch at " in unwrapped and "#t=" in unwrapped
        keys("3", "Enter")
        wait_for(lambda: "Good: next review in" in screen(), what="the rating")
        keys("C-c")
        final = wait_for(lambda: "EXIT=" in screen() and screen(), what="the session to end")
        assert "1 rating saved." in final or "1 ratings saved." in final
        assert "EXIT=130" in final and "Traceback" not in final
        assert max(len(line) for line in final.splitlines()) <= 80
    finally:
        term.close()
