"""Review logic: exact FSRS due dates, the new-card allowance, session queue and undo, and stats."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State
from study.study_fixtures import NOW, local_zone, make_lecture

from quizgen.errors import StoreError
from quizgen.study.review import (
    ReviewSession, rate_card, session_cards, spread_siblings, start_of_day, stats,
)
from quizgen.study.store import RatedElsewhere, Store

UTC = timezone.utc


def fsrs_expected(card_id: int, steps: list[tuple[Rating, datetime]], scheduler: Scheduler) -> FsrsCard:
    card = FsrsCard(card_id=card_id, due=steps[0][1])
    for rating, when in steps:
        card, _ = scheduler.review_card(card, rating, when)
    return card


def test_due_dates_match_fsrs_and_pinned_values(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]
        first = rate_card(store, card.id, Rating.Good, NOW)
        second = rate_card(store, card.id, Rating.Good, NOW + timedelta(minutes=10))
        expected = fsrs_expected(card.id, [(Rating.Good, NOW), (Rating.Good, NOW + timedelta(minutes=10))],
                                 Scheduler())
        stored = store.get_card(card.id).fsrs
        assert stored.to_dict() == expected.to_dict()
        # pinned: Good on a new card is the 10-minute learning step, a second Good graduates it for 2 days
        assert first.after.due == datetime(2025, 3, 3, 12, 10, tzinfo=UTC)
        assert first.after.state == State.Learning
        assert stored.due == datetime(2025, 3, 5, 12, 10, tzinfo=UTC)
        assert stored.state == State.Review
        assert second.log.rating == Rating.Good


def test_easy_without_fuzz_and_a_lapse(built):
    scheduler = Scheduler(enable_fuzzing=False)
    steps = [(Rating.Easy, NOW), (Rating.Again, NOW + timedelta(days=8)), (Rating.Good, NOW + timedelta(days=8, minutes=10))]
    with Store.open() as store:
        store.add_lecture(built, NOW)
        card = store.new_cards()[0]
        for rating, when in steps:
            rate_card(store, card.id, rating, when, scheduler)
        stored = store.get_card(card.id).fsrs
    assert stored.to_dict() == fsrs_expected(card.id, steps, scheduler).to_dict()
    assert stored.state == State.Review


def test_naive_times_are_refused(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        with pytest.raises(StoreError, match="timezone-aware"):
            rate_card(store, store.new_cards()[0].id, Rating.Good, datetime(2025, 3, 3, 12))


def test_other_time_zones_are_converted_to_utc(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        paris = NOW.astimezone(timezone(timedelta(hours=1)))
        review = rate_card(store, store.new_cards()[0].id, Rating.Good, paris)
    assert review.after.due == datetime(2025, 3, 3, 12, 10, tzinfo=UTC)


def test_new_cards_are_capped_per_day(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        assert len(session_cards(store, NOW)) == 6  # one card of each term; its siblings wait a day
        assert len(session_cards(store, NOW, new_per_day=5)) == 5
        for card in session_cards(store, NOW, new_per_day=2):
            rate_card(store, card.id, Rating.Easy, NOW)
        assert len(session_cards(store, NOW, new_per_day=5)) == 3
        assert session_cards(store, NOW + timedelta(hours=11), new_per_day=2) == []
        # the next day brings a fresh allowance
        assert len(session_cards(store, NOW + timedelta(hours=13), new_per_day=2)) == 2


def test_only_new_cards_use_up_the_daily_allowance(built):
    scheduler = Scheduler(enable_fuzzing=False)
    with Store.open() as store:
        store.add_lecture(built, NOW)
        first, second = session_cards(store, NOW, new_per_day=2)
        for minutes in (0, 1, 2):  # Again three times on one card: one new card studied, not three
            rate_card(store, first.id, Rating.Again, NOW + timedelta(minutes=minutes), scheduler)
        later = NOW + timedelta(minutes=5)
        assert [c.id for c in session_cards(store, later, new_per_day=2)] == [first.id, second.id]
        # a card studied days ago and due today is a review, which leaves today's allowance whole
        old = store.lecture_cards(built.id)[-1]
        rate_card(store, old.id, Rating.Easy, NOW - timedelta(days=8), scheduler)  # due now
        rate_card(store, old.id, Rating.Good, later, scheduler)
        assert [c.id for c in session_cards(store, later, new_per_day=2)] == [first.id, second.id]
        assert store.count_new_reviewed_since(start_of_day(NOW)) == 1


def test_the_day_ends_at_midnight_in_the_learners_zone(built):
    tokyo = timezone(timedelta(hours=9))
    assert start_of_day(NOW, tokyo) == datetime(2025, 3, 2, 15, tzinfo=UTC)  # 21:00 in Tokyo: day began at 00:00
    with Store.open() as store:
        store.add_lecture(built, NOW)
        for card in session_cards(store, NOW, new_per_day=2, tz=tokyo):
            rate_card(store, card.id, Rating.Easy, NOW)
        assert session_cards(store, NOW + timedelta(hours=2), new_per_day=2, tz=tokyo) == []
        assert len(session_cards(store, NOW + timedelta(hours=3), new_per_day=2, tz=tokyo)) == 2


@pytest.fixture
def new_york(monkeypatch):
    """The machine's local zone set to New York, whose clocks change on 2026-03-08 and 2026-11-01."""
    with local_zone(monkeypatch, "America/New_York"):
        yield


def test_a_day_the_clocks_change_ends_at_its_own_midnight(new_york):
    from quizgen.study.review import LocalZone

    zone = LocalZone()
    at = lambda text: datetime.fromisoformat(text)  # noqa: E731
    # spring forward: Saturday 23:30 EST is still Saturday; Sunday began at 00:00 EST and ends at 00:00 EDT
    assert start_of_day(at("2026-03-08T04:30:00+00:00"), zone) == at("2026-03-07T05:00:00+00:00")
    assert start_of_day(at("2026-03-08T15:00:00+00:00"), zone) == at("2026-03-08T05:00:00+00:00")
    assert start_of_day(at("2026-03-08T15:00:00+00:00"), zone, days=1) == at("2026-03-09T04:00:00+00:00")
    # fall back: Sunday began at 00:00 EDT, whatever the hour now, and is 25 hours long
    for now in ("2026-11-01T04:30:00+00:00", "2026-11-01T15:00:00+00:00"):
        assert start_of_day(at(now), zone) == at("2026-11-01T04:00:00+00:00")
        assert start_of_day(at(now), zone, days=1) == at("2026-11-02T05:00:00+00:00")
    assert at("2026-07-01T12:00:00+00:00").astimezone(zone).utcoffset() == timedelta(hours=-4)


def test_due_cards_come_first_and_limit_caps_the_session(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        new = store.new_cards()
        rate_card(store, new[5].id, Rating.Good, NOW)  # due in 10 minutes
        rate_card(store, new[3].id, Rating.Again, NOW)  # due in 1 minute
        later = NOW + timedelta(minutes=30)
        cards = session_cards(store, later, new_per_day=20)
        assert [c.id for c in cards[:2]] == [new[3].id, new[5].id]
        # both are few-shot learning's, in learning: the term's new basic card waits until tomorrow
        assert all(c.is_new for c in cards[2:]) and len(cards) == 7
        assert "few-shot learning" not in [c.card.term for c in cards[2:]]
        assert [c.id for c in session_cards(store, later, limit=1)] == [new[3].id]
        assert len(session_cards(store, later, limit=4)) == 4
        assert session_cards(store, later, limit=0) == []


def test_sibling_cards_are_spread_out(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        ordered = spread_siblings(store.new_cards())
    terms = [c.card.term for c in ordered]
    assert terms[:6] == ["meta-learning", "few-shot learning", "support set", "query set", "prior",
                         "transfer learning"]
    assert [c.card.kind for c in ordered[:6]] == ["cloze"] * 6
    assert terms[6:12] == terms[:6]


def test_a_term_is_studied_through_one_card_a_day(built):
    tokyo = timezone(timedelta(hours=9))  # NOW is 21:00 in Tokyo
    with Store.open() as store:
        store.add_lecture(built, NOW)
        first = session_cards(store, NOW, tz=tokyo)
        assert [c.card.kind for c in first] == ["cloze"] * 6 and len({c.card.term for c in first}) == 6
        review = rate_card(store, first[0].id, Rating.Easy, NOW)  # meta-learning, due in days
        # a new session minutes later, or late that evening, holds back its siblings
        for later in (NOW + timedelta(minutes=2), NOW + timedelta(hours=2, minutes=59)):
            cards = session_cards(store, later, tz=tokyo)
            assert len(cards) == 5 and "meta-learning" not in [c.card.term for c in cards]
        # the learner's next day brings the next one
        tomorrow = session_cards(store, NOW + timedelta(hours=3), tz=tokyo)
        assert [c.card.key for c in tomorrow if c.card.term == "meta-learning"] == ["meta-learning:basic"]
        # an undone review holds nothing back
        store.undo_review(review.id)
        assert session_cards(store, NOW + timedelta(minutes=2), tz=tokyo)[0].card.key == "meta-learning:cloze"


def test_due_review_siblings_wait_a_day_too(built):
    scheduler = Scheduler(enable_fuzzing=False)
    with Store.open() as store:
        store.add_lecture(built, NOW)
        cloze, basic = store.new_cards()[:2]
        for card in (cloze, basic):
            rate_card(store, card.id, Rating.Easy, NOW, scheduler)  # both due in 8 days
        due_day = NOW + timedelta(days=8)
        assert [c.id for c in session_cards(store, due_day, new_per_day=0)] == [cloze.id]
        rate_card(store, cloze.id, Rating.Good, due_day, scheduler)
        assert session_cards(store, due_day + timedelta(minutes=1), new_per_day=0) == []
        assert [c.id for c in session_cards(store, due_day + timedelta(days=1), new_per_day=0)] == [basic.id]


def test_session_requeues_learning_cards_and_undoes(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        session = ReviewSession(store, session_cards(store, NOW, limit=2), lambda: NOW)
        a, b = session.queue
        session.rate(Rating.Again)
        assert [c.id for c in session.queue] == [b.id, a.id]  # Again: due in a minute, seen again
        session.rate(Rating.Easy)
        assert [c.id for c in session.queue] == [a.id]  # Easy: due in days, done for now
        restored = session.undo()
        assert restored.id == b.id and restored.is_new
        assert [c.id for c in session.queue] == [b.id, a.id]
        assert [r.card_id for r in store.reviews()] == [a.id]
        session.undo()
        assert [c.id for c in session.queue] == [a.id, b.id]
        assert store.reviews() == [] and store.get_card(a.id).is_new
        with pytest.raises(StoreError, match="nothing to undo"):
            session.undo()


def test_a_card_another_session_rated_is_passed_over_not_rated_twice(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        first = ReviewSession(store, session_cards(store, NOW, limit=3), lambda: NOW)
        second = ReviewSession(store, session_cards(store, NOW, limit=3), lambda: NOW)
        a, b, c = first.queue
        assert [card.id for card in second.queue] == [a.id, b.id, c.id]
        first.rate(Rating.Easy)  # the first terminal rates a before the second shows it
        assert second.next_card().id == b.id  # a is passed over
        first.next_card()
        first.rate(Rating.Easy)  # b, while the second terminal shows it
        with pytest.raises(RatedElsewhere):
            second.rate(Rating.Easy)
        assert second.next_card().id == c.id and second.done == []
        assert [len(store.reviews(card.id)) for card in (a, b, c)] == [1, 1, 0]  # one recall, one rating
        second.rate(Rating.Good)
        assert first.next_card() is None  # and the first passes over c
        assert [r.card_id for r in store.reviews()] == [a.id, b.id, c.id]


def test_session_limit_counts_every_rating(built):
    with Store.open() as store:
        store.add_lecture(built, NOW)
        session = ReviewSession(store, session_cards(store, NOW, limit=2), lambda: NOW, limit=3)
        a, b = session.queue
        lefts = []
        while session.current is not None:
            lefts.append(session.left)
            session.rate(Rating.Again)  # always due again within the session
        assert lefts == [2, 2, 1]  # two cards queued, then the limit bites
        assert [r.card_id for r in store.reviews()] == [a.id, b.id, a.id]
        assert session.limit_reached and [c.id for c in session.queue] == [b.id, a.id]
        with pytest.raises(StoreError, match="nothing left to rate"):
            session.rate(Rating.Good)
        session.undo()  # gives the rating back
        assert session.left == 1 and session.current.id == a.id and not session.limit_reached
        unlimited = ReviewSession(store, session_cards(store, NOW, limit=2), lambda: NOW)
        assert unlimited.left == 2 and not unlimited.limit_reached


def test_stats_counts_due_reviews_and_retention():
    lec_a = make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter"), ("gamma", (), "third")], "a")
    lec_b = make_lecture([("delta", (), "fourth letter")], "b")
    scheduler = Scheduler(enable_fuzzing=False)
    with Store.open() as store:
        store.add_lecture(lec_a, NOW)
        store.add_lecture(lec_b, NOW + timedelta(seconds=1))
        alpha, beta, gamma = store.lecture_cards("a")
        rate_card(store, alpha.id, Rating.Again, NOW, scheduler)  # due in 1 minute: today
        rate_card(store, alpha.id, Rating.Good, NOW, scheduler)   # due in 10 minutes: today
        rate_card(store, beta.id, Rating.Easy, NOW, scheduler)    # Review, due in 8 days: not this week
        rate_card(store, gamma.id, Rating.Good, NOW, scheduler)
        rate_card(store, gamma.id, Rating.Good, NOW + timedelta(minutes=10), scheduler)  # due in 2 days
        result = stats(store, NOW)
        assert store.get_card(beta.id).fsrs.due == datetime(2025, 3, 11, 12, tzinfo=UTC)
    a, b = result.lectures
    assert (a.lecture_id, a.cards, a.new, a.due_today, a.due_week, a.reviews) == ("a", 3, 0, 1, 2, 5)
    assert a.retention == pytest.approx(4 / 5)
    assert (b.lecture_id, b.cards, b.new, b.due_today, b.due_week, b.reviews, b.retention) == ("b", 1, 1, 0, 0, 0, None)
    assert (result.due_today, result.due_week, result.reviews) == (1, 2, 5)
    assert result.retention == pytest.approx(0.8)


def test_due_this_week_ends_at_midnight_seven_days_on():
    lecture = make_lecture([("alpha", (), "first letter"), ("beta", (), "second letter")])
    scheduler = Scheduler(enable_fuzzing=False)  # Easy on a new card: due in exactly 8 days
    with Store.open() as store:
        store.add_lecture(lecture, NOW)
        alpha, beta = store.lecture_cards(lecture.id)
        rate_card(store, alpha.id, Rating.Easy, NOW - timedelta(days=2), scheduler)  # due 03-09 12:00, in 6 days
        rate_card(store, beta.id, Rating.Easy, NOW - timedelta(days=1), scheduler)   # due 03-10 12:00, in 7 days
        result = stats(store, NOW)
        assert store.get_card(beta.id).fsrs.due == datetime(2025, 3, 10, 12, tzinfo=UTC)
    # the week runs to the end of 03-09, six days after today (03-03): 03-10 is next week
    assert (result.due_today, result.due_week) == (0, 1)


def test_stats_of_an_empty_store():
    with Store.open() as store:
        result = stats(store, NOW)
    assert (result.due_today, result.due_week, result.reviews, result.retention, result.lectures) == (0, 0, 0, None, ())
