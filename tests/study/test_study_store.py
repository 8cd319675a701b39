"""The SQLite study store: location, migrations, lecture upserts, per-rating commits and undo."""
from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from datetime import timedelta

import pytest
from fsrs import Rating

from quizgen.errors import StoreError
from quizgen.study import store as store_module
from quizgen.study.review import rate_card
from quizgen.study.store import MIGRATIONS, Store, default_home, default_path

from study.study_fixtures import NOW, make_lecture


def test_home_follows_quizgen_home(home):
    assert default_path() == home / "quizgen.db"
    with Store.open() as store:
        assert store.path == home / "quizgen.db"
    assert (home / "quizgen.db").is_file()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG applies on Linux and other Unixes")
def test_home_defaults_to_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("QUIZGEN_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_home() == tmp_path / "xdg" / "quizgen"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert default_home() == tmp_path / "h" / ".local" / "share" / "quizgen"


def test_migrations_are_recorded_once(home):
    with Store.open() as store:
        names = [m.__name__ for m in MIGRATIONS]
        assert store.applied_migrations() == names == ["create_lectures", "create_cards", "create_reviews"]
        assert store.migrate() == []
    with Store.open() as store:
        assert store.applied_migrations() == names


def test_a_later_migration_is_applied_to_an_existing_store(home, monkeypatch):
    with Store.open():
        pass

    def add_notes(db):
        db.execute("ALTER TABLE lectures ADD COLUMN notes TEXT")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, add_notes])
    with Store.open() as store:
        assert store.applied_migrations()[-1] == "add_notes"
        columns = [row[1] for row in store.db.execute("PRAGMA table_info(lectures)")]
        assert "notes" in columns


def test_a_store_from_a_newer_quizgen_is_refused_not_written(home):
    with Store.open() as store:
        store.db.execute("INSERT INTO migrations (name, applied_at) VALUES ('rename_reviewed_at', 'later')")
    with pytest.raises(StoreError, match="written by a newer quizgen .*rename_reviewed_at"):
        Store.open()


def test_a_store_that_cannot_be_written_is_found_out_before_the_first_rating(home):
    with Store.open():
        pass  # fully migrated: opening it again needs no write of its own
    db = sqlite3.connect(home / "quizgen.db", isolation_level=None)
    db.execute("PRAGMA query_only = 1")  # as a read-only file opens (chmod 444, an immutable file)
    store = Store(db, home / "quizgen.db")
    assert store.migrate() == []  # opening it needs no write: `stats` can read a store it cannot write
    with pytest.raises(StoreError, match="cannot use the study store .*readonly"):
        store.check_writable()


def test_a_damaged_store_is_a_store_error_naming_the_file_not_a_traceback(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = store.path
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    assert pages > 2
    data[-2 * 4096:] = b"\xff" * 2 * 4096  # the cards' last pages, as a failing disk leaves them
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=f"study store {path}.*malformed"):
        with Store.open() as store:
            store.add_lecture(built, NOW)
            store.lecture_cards(built.id)


def test_wal_and_busy_timeout(home):
    with Store.open() as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == store_module.BUSY_TIMEOUT_MS


def test_add_lecture_counts_and_round_trips(built):
    with Store.open() as store:
        result = store.add_lecture(built, NOW)
        assert (result.added, result.updated, result.unchanged, result.retired) == (18, 0, 0, 0)
        assert store.get_lecture(built.id) == built
        cards = store.lecture_cards(built.id)
        assert [c.card for c in cards] == list(built.cards)
        assert all(c.is_new for c in cards)
        again = store.add_lecture(built, NOW)
        assert (again.added, again.updated, again.unchanged, again.retired) == (0, 0, 18, 0)


def test_re_adding_keeps_scheduling_and_retires_removed_cards(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        first, second = store.lecture_cards(built.id)[:2]
        rate_card(store, first.id, Rating.Good, NOW)
        reviewed = store.get_card(first.id)

        reworded = replace(built.cards[0], back="meta-learning (reworded)")
        shrunk = replace(built, cards=(reworded, *built.cards[2:]))
        result = store.add_lecture(shrunk, NOW + timedelta(days=1))
        # one card reworded; sixteen only moved up a place, which changes nothing
        assert (result.added, result.updated, result.unchanged, result.retired) == (0, 1, 16, 1)
        assert store.get_lecture(built.id) == shrunk  # the lecture as rebuilt, not as first added
        # adding it again changes nothing: the card retired already is not retired a second time
        twice = store.add_lecture(shrunk, NOW + timedelta(days=1))
        assert (twice.added, twice.updated, twice.unchanged, twice.retired) == (0, 0, 17, 0)

        kept = store.get_card(first.id)
        assert kept.card.back == "meta-learning (reworded)"
        assert kept.fsrs == reviewed.fsrs and kept.fsrs is not None
        assert store.get_card(second.id).retired
        assert second.id not in [c.id for c in store.new_cards()]

        back = store.add_lecture(built, NOW + timedelta(days=2))
        assert (back.added, back.updated, back.unchanged, back.retired) == (0, 2, 16, 0)  # reworded back, unretired
        assert not store.get_card(second.id).retired
        assert store.get_lecture(built.id) == built


def test_a_retimed_card_keeps_its_review_history(built):
    said_at = replace(built.cards[0], key=f"{built.cards[0].key}@85", start_second=85)
    with Store.open() as store:
        store.add_lecture(replace(built, cards=(said_at, *built.cards[1:])), NOW)
        card = store.lecture_cards(built.id)[0]
        rate_card(store, card.id, Rating.Good, NOW)
        # the same captions, shifted by two seconds: the passage is the same, its second and key are not
        retimed = replace(said_at, key=f"{built.cards[0].key}@87", start_second=87)
        result = store.add_lecture(replace(built, cards=(retimed, *built.cards[1:])), NOW + timedelta(days=1))
        assert (result.added, result.updated, result.retired) == (0, 1, 0)
        kept = store.get_card(card.id)
        assert kept.card == retimed and not kept.retired and len(store.reviews(card.id)) == 1
        # a passage said elsewhere is another card: it does not take over the reviewed one
        elsewhere = replace(retimed, key=f"{built.cards[0].key}@300", evidence="another passage")
        result = store.add_lecture(replace(built, cards=(elsewhere, *built.cards[1:])), NOW + timedelta(days=2))
        assert (result.added, result.retired) == (1, 1) and store.get_card(card.id).retired


def test_new_cards_come_lecture_by_lecture_in_the_order_added():
    # "b" was added first: its cards come first, though its id sorts after "a"
    later = make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter")], "a")
    first = make_lecture([("gamma", (), "third letter"), ("delta", (), "fourth letter")], "b")
    with Store.open() as store:
        store.add_lecture(first, NOW)
        store.add_lecture(later, NOW + timedelta(seconds=1))
        assert [c.card.term for c in store.new_cards()] == ["gamma", "delta", "alpha", "beta"]
        assert [c.card.term for c in store.new_cards(limit=3)] == ["gamma", "delta", "alpha"]


def test_next_due_passes_over_retired_cards():
    lecture = make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter")])
    with Store.open() as store:
        store.add_lecture(lecture, NOW)
        alpha, beta = store.lecture_cards(lecture.id)
        assert store.next_due() is None  # nothing studied yet
        rate_card(store, alpha.id, Rating.Again, NOW)  # due in 1 minute
        rate_card(store, beta.id, Rating.Good, NOW)  # due in 10 minutes
        assert store.next_due() == NOW + timedelta(minutes=1)
        # alpha leaves the lecture: its minute no longer counts, and with beta gone too nothing is due
        store.add_lecture(replace(lecture, cards=lecture.cards[1:]), NOW)
        assert store.next_due() == NOW + timedelta(minutes=10)
        store.add_lecture(replace(lecture, cards=()), NOW)
        assert store.next_due() is None


def test_only_first_reviews_count_as_new_cards_studied():
    with Store.open() as store:
        store.add_lecture(make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter")]), NOW)
        alpha, beta = store.new_cards()
        rate_card(store, alpha.id, Rating.Again, NOW)
        rate_card(store, alpha.id, Rating.Again, NOW + timedelta(minutes=1))  # the same card again: not new
        rate_card(store, alpha.id, Rating.Good, NOW + timedelta(minutes=2))
        assert store.count_new_reviewed_since(NOW) == 1
        rate_card(store, beta.id, Rating.Good, NOW + timedelta(minutes=3))
        assert store.count_new_reviewed_since(NOW) == 2
        assert store.count_new_reviewed_since(NOW + timedelta(minutes=3)) == 1
        assert store.count_new_reviewed_since(NOW + timedelta(minutes=4)) == 0


def test_lecture_counts_leave_out_retired_cards_and_count_only_again_as_a_lapse():
    lecture = make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter"), ("gamma", (), "third")])
    with Store.open() as store:
        store.add_lecture(lecture, NOW)
        alpha, beta, gamma = store.lecture_cards(lecture.id)
        rate_card(store, alpha.id, Rating.Again, NOW)
        rate_card(store, beta.id, Rating.Hard, NOW)  # recalled, with effort: no lapse
        rate_card(store, gamma.id, Rating.Good, NOW)
        store.add_lecture(replace(lecture, cards=lecture.cards[:2]), NOW)  # gamma retires
        (counts,) = store.lecture_counts(NOW + timedelta(days=1), NOW + timedelta(days=7))
    # retired gamma is no card of the lecture now, though its review still counts
    assert (counts.cards, counts.new, counts.due_today, counts.due_week) == (2, 0, 2, 2)
    assert (counts.reviews, counts.again) == (3, 1)
    assert counts.retention == pytest.approx(2 / 3)


def test_unknown_lecture_and_card_raise_store_error():
    with Store.open() as store:
        with pytest.raises(StoreError, match="no lecture 'nope'"):
            store.get_lecture("nope")
        with pytest.raises(StoreError, match="no card 99"):
            store.get_card(99)


def test_each_review_is_committed_at_once(built, home):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]
        rate_card(store, card.id, Rating.Hard, NOW)
        # a second connection sees it while the first is still open: nothing waits for close()
        other = sqlite3.connect(home / "quizgen.db")
        assert other.execute("SELECT count(*), max(rating) FROM reviews").fetchone() == (1, 2)
        other.close()


def test_undo_restores_the_state_before_the_review(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]
        first = rate_card(store, card.id, Rating.Good, NOW)
        second = rate_card(store, card.id, Rating.Again, NOW + timedelta(minutes=10))
        assert second.before == first.after

        restored = store.undo_last_review()
        assert restored.fsrs == first.after
        assert [r.id for r in store.reviews()] == [first.id]

        restored = store.undo_review(first.id)
        assert restored.is_new and restored.fsrs is None
        assert store.reviews() == []
        assert store.due_cards(NOW + timedelta(days=30)) == []
        with pytest.raises(StoreError, match="no review to undo"):
            store.undo_last_review()


def test_undo_refuses_when_the_card_was_reviewed_again(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]
        first = rate_card(store, card.id, Rating.Good, NOW)
        rate_card(store, card.id, Rating.Good, NOW + timedelta(minutes=10))
        with pytest.raises(StoreError, match="reviewed again since"):
            store.undo_review(first.id)
        assert len(store.reviews(card.id)) == 2


def test_a_failed_rating_rolls_back(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]

        def broken(before):
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            store.record_review(card.id, broken)
        assert store.reviews() == [] and store.get_card(card.id).is_new
        rate_card(store, card.id, Rating.Good, NOW)  # the store is not left inside a transaction
        assert len(store.reviews()) == 1


def test_timestamps_sort_like_datetimes():
    times = [NOW, NOW + timedelta(microseconds=1), NOW + timedelta(seconds=1), NOW + timedelta(days=400)]
    assert sorted(store_module.timestamp(t) for t in reversed(times)) == [store_module.timestamp(t) for t in times]
    assert store_module.timestamp(NOW) == "2025-03-03T12:00:00.000000Z"


def test_a_file_that_is_not_a_database_is_a_store_error(home):
    home.mkdir(parents=True)
    (home / "quizgen.db").write_text("not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot"):
        Store.open()


def test_study_package_exports_lazily():
    import quizgen.study as study

    assert study.Store is Store
    assert sorted(study.__all__) == study.__all__ and "make_quiz" in study.__all__
