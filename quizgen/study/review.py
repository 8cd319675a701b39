"""Spaced-repetition review: which cards are due, rating them with FSRS, undo, and study stats.

"now" is always a parameter (a timezone-aware datetime, or a clock returning one), so tests are exact.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from quizgen.errors import StoreError
from quizgen.model import in_rounds
from quizgen.study.store import LectureCounts, RatedElsewhere, Review, Store, StoredCard, same_state

NEW_PER_DAY = 20
# A card whose next step falls due within this window comes back in the same session (as Anki's
# "learn ahead limit" does), so a card rated Again is seen again before the session ends.
LEARN_AHEAD = timedelta(minutes=20)

RATING_KEYS = {"1": Rating.Again, "2": Rating.Hard, "3": Rating.Good, "4": Rating.Easy}


def utc(now: datetime) -> datetime:
    """fsrs wants timezone-aware UTC datetimes; anything aware is converted, naive is refused."""
    if now.tzinfo is None:
        raise StoreError("review times must be timezone-aware")
    return now.astimezone(timezone.utc)


def start_of_day(now: datetime, tz: tzinfo = timezone.utc, days: int = 0) -> datetime:
    """Midnight of `now`'s day in `tz` (the learner's zone), or of the day `days` later, as UTC: counted on the
    local calendar, so a day that daylight saving shortens or lengthens ends at its own midnight."""
    local = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    return utc((local + timedelta(days=days)).replace(tzinfo=tz))


class LocalZone(tzinfo):
    """The machine's time zone as the C library keeps it ($TZ, /etc/localtime), daylight saving included: the
    offset `datetime.now().astimezone()` gives is only the one in force now, an hour off at midnight on the
    days the clocks change."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(seconds=self._local(dt).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1) if self._local(dt).tm_isdst > 0 else timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self._local(dt).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        stamp = (dt.replace(tzinfo=None) - _EPOCH).total_seconds()
        return dt + timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    @staticmethod
    def _local(dt: datetime | None) -> time.struct_time:
        if dt is None:
            return time.localtime()
        return time.localtime(time.mktime((dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, 0, 0, -1)))


_EPOCH = datetime(1970, 1, 1)


def session_cards(
    store: Store, now: datetime, limit: int | None = None, new_per_day: int = NEW_PER_DAY,
    tz: tzinfo = timezone.utc,
) -> list[StoredCard]:
    """The cards to study now: due cards (earliest first), then new cards within today's allowance,
    less the siblings that `bury_siblings` holds back until tomorrow."""
    if limit is not None and limit < 0 or new_per_day < 0:
        raise StoreError("--limit and --new-per-day cannot be negative")
    now = utc(now)
    today = start_of_day(now, tz)
    allowance = max(0, new_per_day - store.count_new_reviewed_since(today))
    cards = bury_siblings(store.due_cards(now) + spread_siblings(store.new_cards()), store.reviewed_since(today))
    new = [c for c in cards if c.is_new][:allowance]
    cards = [c for c in cards if not c.is_new] + new
    return cards if limit is None else cards[:limit]


def spread_siblings(cards: list[StoredCard]) -> list[StoredCard]:
    """Reorder new cards so a term's cards (cloze, basic, reverse) come one per round, not back to back:
    round one, the first card of every term, is what `bury_siblings` lets through on the first day."""
    return in_rounds(cards, lambda c: c.card.sibling)


def bury_siblings(cards: list[StoredCard], reviewed_today: list[StoredCard]) -> list[StoredCard]:
    """`cards` less those whose sibling was reviewed today or comes earlier in `cards`: as Anki buries
    siblings, a term is studied through one of its cards a day, since one side of a term answers the
    other from short-term memory, and a rating so earned would schedule the card too far out.

    This holds even when the sibling is the only card left due: the day's wait costs a new card
    nothing and a review card little, and the inflated rating would cost more. Cards in (re)learning
    are never held back, as their steps are minutes apart; they still hold back their siblings.
    """
    taken: dict[tuple[str, str], set[int]] = {}
    for c in reviewed_today:
        taken.setdefault(c.card.sibling, set()).add(c.id)
    kept = []
    for card in cards:
        key = card.card.sibling
        learning = card.fsrs is not None and card.fsrs.state in (State.Learning, State.Relearning)
        if learning or not taken.get(key, set()) - {card.id}:
            kept.append(card)
            taken.setdefault(key, set()).add(card.id)
    return kept


def rate_card(
    store: Store, card_id: int, rating: Rating, now: datetime, scheduler: Scheduler | None = None,
    duration_ms: int | None = None, shown: StoredCard | None = None,
) -> Review:
    """Rate one card and commit it. The rating applies to the card's state as stored right now; with `shown`
    (the card as it was shown), only if no other session has rated it since (else RatedElsewhere)."""
    scheduler = scheduler or Scheduler()
    now = utc(now)

    def rate(before: FsrsCard | None):
        # fsrs would stamp a new card with the wall clock; ours start due now, with the store's id.
        card = before if before is not None else FsrsCard(card_id=card_id, due=now)
        return scheduler.review_card(card, Rating(rating), now, duration_ms)

    return store.record_review(card_id, rate, shown)


class ReviewSession:
    """One sitting: a queue of cards, each rated in its own transaction, with undo of this session's
    ratings. Cards whose next learning step comes within LEARN_AHEAD are shown again later on.
    `limit` caps the ratings of the sitting, a card shown again counting each time."""

    def __init__(self, store: Store, cards: list[StoredCard], clock: Callable[[], datetime],
                 scheduler: Scheduler | None = None, limit: int | None = None):
        self.store = store
        self.queue = list(cards)
        self.clock = clock
        self.scheduler = scheduler or Scheduler()
        self.limit = limit
        self.done: list[tuple[Review, StoredCard]] = []

    @property
    def left(self) -> int:
        """How many more ratings this session asks for: the queue, cut to what the limit still allows."""
        if self.limit is None:
            return len(self.queue)
        return max(0, min(len(self.queue), self.limit - len(self.done)))

    @property
    def limit_reached(self) -> bool:
        """Whether the session stops for its limit with cards still queued."""
        return bool(self.queue) and not self.left

    def due_now(self) -> int:
        """How many of the queued cards are new or due now (not one rated Again a moment ago, due in a minute),
        as the next session would count them."""
        now = utc(self.clock())
        return len({card.id for card in self.queue if card.is_new or card.fsrs.due <= now})

    @property
    def current(self) -> StoredCard | None:
        return self.queue[0] if self.left else None

    def next_card(self) -> StoredCard | None:
        """The card to show next, passing over those another session (a second terminal) has rated since this
        one began: their state has moved on, and rating them again would count one recall twice."""
        while self.current is not None:
            card = self.current
            stored = self.store.get_card(card.id)
            if not stored.retired and same_state(stored.fsrs, card.fsrs):
                return card
            self.queue.pop(0)
        return None

    def rate(self, rating: Rating) -> Review:
        """Rate the current card (RatedElsewhere, and the card is passed over, if another session rated it
        while it was shown)."""
        card = self.current
        if card is None:
            raise StoreError("nothing left to rate in this session")
        try:
            review = rate_card(self.store, card.id, rating, self.clock(), self.scheduler, shown=card)
        except RatedElsewhere:
            self.queue.pop(0)
            raise
        self.queue.pop(0)
        self.done.append((review, card))
        if review.after.due <= utc(self.clock()) + LEARN_AHEAD:
            self.queue.append(StoredCard(card.id, card.card, review.after))
        return review

    def undo(self) -> StoredCard:
        """Take back this session's latest rating and put that card first again."""
        if not self.done:
            raise StoreError("nothing to undo in this session")
        review, card = self.done[-1]
        restored = self.store.undo_review(review.id)
        self.done.pop()
        # the card may have been queued again after the rating; it is shown now instead
        self.queue = [c for c in self.queue if c.id != card.id]
        self.queue.insert(0, restored)
        return restored


@dataclass(frozen=True)
class Stats:
    due_today: int
    due_week: int
    reviews: int
    again: int
    lectures: tuple[LectureCounts, ...]

    @property
    def new(self) -> int:
        """Cards never studied, which `review` brings in a few a day."""
        return sum(lecture.new for lecture in self.lectures)

    @property
    def retention(self) -> float | None:
        """The share of reviews not rated Again; None before any review."""
        return (self.reviews - self.again) / self.reviews if self.reviews else None


def stats(store: Store, now: datetime, tz: tzinfo = timezone.utc) -> Stats:
    """Cards due by the end of today (in `tz`) and within seven days, reviews done, and retention."""
    today_end = start_of_day(utc(now), tz, days=1)
    rows = tuple(store.lecture_counts(today_end, start_of_day(utc(now), tz, days=7)))
    return Stats(
        due_today=sum(r.due_today for r in rows),
        due_week=sum(r.due_week for r in rows),
        reviews=sum(r.reviews for r in rows),
        again=sum(r.again for r in rows),
        lectures=rows,
    )
