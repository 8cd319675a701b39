"""`quizgen review` as real processes: SIGKILL mid-session, two sessions at once, and a real terminal (tmux)."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from fsrs import Card as FsrsCard
from fsrs import Scheduler
from study.study_fixtures import LECTURE_JSON, NOW, NOW_ENV, QUIZGEN, TMUX, ReviewTerminal, subprocess_env

from quizgen.export.lecture_json import read_lecture_json
from quizgen.study.store import Store


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def review_count(home: Path) -> int:
    db = home / "quizgen.db"
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM reviews").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def add_fixture() -> None:
    with Store.open() as store:
        store.add_lecture(read_lecture_json(LECTURE_JSON), NOW)


def assert_consistent(store: Store) -> None:
    """Every card's review chain links up (each review starts from the previous one's result, and its
    result is what FSRS makes of that start) and the card's stored state is its last review's result:
    no rating was lost, applied to a stale state, or half-written."""
    assert store.integrity_check() == "ok"
    by_card: dict[int, list] = {}
    for review in store.reviews():
        by_card.setdefault(review.card_id, []).append(review)
    for card_id, chain in by_card.items():
        assert chain[0].before is None
        for earlier, later in zip(chain, chain[1:]):
            assert later.before == earlier.after
        for review in chain:
            when = review.log.review_datetime
            start = review.before or FsrsCard(card_id=card_id, due=when)
            expected, _ = Scheduler().review_card(start, review.log.rating, when)
            # fuzz moves only the due date, so compare everything else
            assert vars(expected) | {"due": None} == vars(review.after) | {"due": None}
        assert store.get_card(card_id).fsrs == chain[-1].after


def start_review(home: Path, out: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*QUIZGEN, "review", *args], stdin=subprocess.PIPE, stdout=out.open("w"),
                            stderr=subprocess.STDOUT, env=subprocess_env(home, QUIZGEN_NOW=NOW_ENV))


def test_sigkill_mid_session_keeps_every_committed_rating(home, tmp_path):
    add_fixture()
    proc = start_review(home, tmp_path / "out.txt")
    try:
        for n in (1, 2, 3):
            proc.stdin.write(b"\n3\n")
            proc.stdin.flush()
            wait_for(lambda: review_count(home) == n, what=f"rating {n} to be committed")
        proc.stdin.write(b"\n")  # the fourth card is revealed, its rating never comes
        proc.stdin.flush()
        time.sleep(0.3)
        assert proc.poll() is None, "the session should still be waiting for a rating"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with Store.open() as store:
        assert_consistent(store)
        reviews = store.reviews()
        assert len(reviews) == 3 and all(int(r.log.rating) == 3 for r in reviews)
        assert len({r.card_id for r in reviews}) == 3


def test_sigkill_while_ratings_stream_in(home, tmp_path):
    add_fixture()
    proc = start_review(home, tmp_path / "out.txt")
    try:
        proc.stdin.write(b"\n3\n\n1\n\n4\n" * 15)
        proc.stdin.flush()
        wait_for(lambda: review_count(home) >= 5, what="some ratings")
    finally:
        proc.send_signal(signal.SIGKILL)  # most likely in the middle of the next rating
        proc.wait(timeout=10)
    with Store.open() as store:
        assert_consistent(store)
        assert len(store.reviews()) >= 5


@pytest.mark.parametrize("command", [["review"], ["quiz", str(LECTURE_JSON), "--seed", "1"]])
def test_a_closed_standard_input_ends_the_session_as_end_of_input_does(home, tmp_path, command):
    add_fixture()
    import os

    done = subprocess.run([*QUIZGEN, *command], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=subprocess_env(home, QUIZGEN_NOW=NOW_ENV), preexec_fn=lambda: os.close(0))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "0 ratings saved." in done.stdout if command == ["review"] else "Score: 0/0" in done.stdout


@pytest.mark.parametrize("command", [["review"], ["quiz", str(LECTURE_JSON), "--seed", "1"]])
def test_an_answer_in_another_encoding_is_a_wrong_answer_not_a_traceback(home, tmp_path, command):
    add_fixture()
    # 'é' as Latin-1, typed on a terminal set up for UTF-8 (which decodes strictly), then a real answer
    typed = b"\n\xe9\n3\n" if command == ["review"] else b"g\xe9\n" * 10
    done = subprocess.run([*QUIZGEN, *command], input=typed, capture_output=True,
                          env=subprocess_env(home, QUIZGEN_NOW=NOW_ENV, PYTHONIOENCODING="utf-8:strict"))
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0 and "Traceback" not in err, err
    assert "1 rating saved." in out if command == ["review"] else "Score: 0/" in out


def test_two_sessions_at_once_do_not_corrupt_the_store(home, tmp_path):
    add_fixture()
    outs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    procs = [start_review(home, out) for out in outs]
    try:
        # both show their first card before either gets any input, so their ratings interleave
        for out in outs:
            wait_for(lambda: "left ·" in out.read_text(), what=f"{out.name} to show a card")
        for proc in procs:
            proc.stdin.write(b"\n3\n" * 40)
            proc.stdin.close()
        for proc in procs:
            assert proc.wait(timeout=120) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    saved = []
    for out in outs:
        text = out.read_text()
        assert "Traceback" not in text and "Error" not in text, text
        saved.append(int(text.rsplit(" rating", 1)[0].split()[-1]))
    print("ratings saved by each session:", saved)
    with Store.open() as store:
        assert_consistent(store)
        reviews = store.reviews()
        assert len(reviews) == sum(saved)
        assert len({r.card_id for r in reviews}) == 6  # a card of each term; the siblings wait a day
        # each card is rated as one sitting rates it (Good, then Good at its 10-minute step): a card the other
        # session rated meanwhile is passed over, not rated again on top of that rating, which would count
        # one recall twice
        assert {len(store.reviews(card_id)) for card_id in {r.card_id for r in reviews}} == {2}


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install -y tmux); .ci/run installs it")
def test_review_in_a_real_terminal_under_tmux(home, tmp_path):
    add_fixture()
    term = ReviewTerminal(home, tmp_path)
    screen, keys = term.screen, term.keys
    try:
        wait_for(lambda: "Enter shows the answer" in screen(), what="the first card")
        assert "[…]: learning how to learn new tasks quickly" in screen()
        keys("Enter")
        wait_for(lambda: "Again 1 · Hard 2 · Good 3 · Easy 4" in screen(), what="the answer")
        assert "watch at 00:57  https://www.youtube.com/watch?v=ByeRnmHJ-uk&t=57s" in screen()
        keys("3", "Enter")
        wait_for(lambda: "Good: next review in 10 minutes (2025-03-03 12:10 UTC)" in screen(), what="rating 1")
        keys("Enter")
        wait_for(lambda: screen().count("Again 1 · Hard 2") >= 2, what="the second answer")
        keys("1", "Enter")
        wait_for(lambda: "Again: next review in 1 minute" in screen(), what="rating 2")
        keys("C-c")
        final = wait_for(lambda: "EXIT=" in screen() and screen(), what="the session to end")
        assert "2 ratings saved." in final and "EXIT=130" in final  # 128 + SIGINT, as `quizgen build` exits
        assert "Traceback" not in final
        assert max(len(line) for line in final.splitlines()) <= 80
    finally:
        term.close()
    with Store.open() as store:
        assert_consistent(store)
        assert [int(r.log.rating) for r in store.reviews()] == [3, 1]
