"""The study store: one SQLite file holding lectures, their cards' FSRS state and the review log.

All of quizgen's SQL lives here. Every write runs in its own BEGIN IMMEDIATE transaction, so a killed
process loses at most the write in flight and two processes at once queue instead of colliding.
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fsrs import Card as FsrsCard
from fsrs import ReviewLog

from quizgen.errors import StoreError
from quizgen.export.lecture_json import BuiltLecture
from quizgen.model import Card

DB_NAME = "quizgen.db"
BUSY_TIMEOUT_MS = 5_000  # a rating or an add holds the write lock for milliseconds; SQLite's wait ignores Ctrl-C


def default_home() -> Path:
    """The user data directory: $QUIZGEN_HOME, else the platform's per-user data dir."""
    if os.environ.get("QUIZGEN_HOME"):
        return Path(os.environ["QUIZGEN_HOME"]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "quizgen"


def default_path() -> Path:
    return default_home() / DB_NAME


# --- migrations: each a small named function, recorded in `migrations` once applied -------------


def create_lectures(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE lectures (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            url TEXT,
            json TEXT NOT NULL,
            added_at TEXT NOT NULL
        )"""
    )


def create_cards(db: sqlite3.Connection) -> None:
    # `fsrs` is fsrs.Card.to_dict() as JSON, NULL until the card's first review; `due` mirrors its due
    # date in a sortable form so due cards are found by index. Retired cards keep their history.
    db.execute(
        """CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            lecture_id TEXT NOT NULL REFERENCES lectures(id),
            key TEXT NOT NULL,
            position INTEGER NOT NULL,
            card TEXT NOT NULL,
            fsrs TEXT,
            due TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            UNIQUE (lecture_id, key)
        )"""
    )
    db.execute("CREATE INDEX cards_due ON cards (retired, due)")


def create_reviews(db: sqlite3.Connection) -> None:
    # `before` is the card's state ahead of this review (NULL for a new card), which is what undo restores.
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            card_id INTEGER NOT NULL REFERENCES cards(id),
            rating INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER,
            before TEXT,
            after TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX reviews_card ON reviews (card_id)")
    db.execute("CREATE INDEX reviews_time ON reviews (reviewed_at)")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [create_lectures, create_cards, create_reviews]


# --- values the store hands out ------------------------------------------------------------------


@dataclass(frozen=True)
class StoredCard:
    """A card in the store: its content, and its FSRS state (None while it is new)."""

    id: int
    card: Card
    fsrs: FsrsCard | None
    retired: bool = False

    @property
    def is_new(self) -> bool:
        return self.fsrs is None


@dataclass(frozen=True)
class Review:
    """One committed rating, with the card's state before and after it."""

    id: int
    card_id: int
    log: ReviewLog
    before: FsrsCard | None
    after: FsrsCard


@dataclass(frozen=True)
class AddResult:
    lecture_id: str
    title: str
    added: int
    updated: int  # content changed, or back from retirement
    unchanged: int
    retired: int


@dataclass(frozen=True)
class LectureCounts:
    """Per-lecture numbers for stats; due counts cover cards due before the given bounds."""

    lecture_id: str
    title: str
    cards: int
    new: int
    due_today: int
    due_week: int
    reviews: int
    again: int

    @property
    def retention(self) -> float | None:
        """The share of reviews not rated Again; None before any review."""
        return (self.reviews - self.again) / self.reviews if self.reviews else None


def timestamp(dt: datetime) -> str:
    """A fixed-width UTC text form that sorts like the datetimes it stands for."""
    if dt.tzinfo is None:
        raise ValueError("datetime must be timezone-aware")
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _fsrs_json(card: FsrsCard | None) -> str | None:
    return None if card is None else json.dumps(card.to_dict(), sort_keys=True)


def same_state(a: FsrsCard | None, b: FsrsCard | None) -> bool:
    """Whether two scheduling states are one (None: never reviewed)."""
    return _fsrs_json(a) == _fsrs_json(b)


def _fsrs_card(text: str | None) -> FsrsCard | None:
    return None if text is None else FsrsCard.from_dict(json.loads(text))


def _card_json(card: Card) -> str:
    d = card.to_dict()
    del d["id"]
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def _card(text: str) -> Card:
    d = json.loads(text)
    d["tags"] = tuple(d.get("tags", ()))
    return Card(**d)


class RatedElsewhere(StoreError):
    """The card was rated by another session since this one showed it."""


def _guarded(method):
    """A store method whose SQLite failure (a damaged file, a read-only one, a full disk) is a StoreError naming
    the file, which the CLI reports in one line, not a traceback."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot use the study store {self.path}: {exc}") from None
    return guarded


class Store:
    """An open study store. Use `Store.open()` (or `with Store.open() as store:`)."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None = None) -> "Store":
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the study store {path}: {exc}") from None
        store = cls(db, path)
        try:
            store.migrate()
        except StoreError:
            db.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock up front so readers never need upgrading."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") not in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                raise  # a read-only or damaged file: the caller's _guarded names it
            raise StoreError(f"the study store {self.path} is busy: {exc}") from None
        try:
            yield self.db
        except BaseException:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled it back itself (a full disk, a damaged file): the first error is the one to tell
            raise
        self.db.execute("COMMIT")

    @_guarded
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns the names applied now. A store that needs none is
        only read, so a store that cannot be written can still be read (`stats`)."""
        applied_now: list[str] = []
        if not self._pending_migrations():
            return applied_now
        with self._write() as db:
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            # read again inside the lock: another process may have applied them since
            done = {row[0] for row in db.execute("SELECT name FROM migrations")}
            for migration in MIGRATIONS:
                if migration.__name__ in done:
                    continue
                migration(db)
                db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    (migration.__name__,),
                )
                applied_now.append(migration.__name__)
        return applied_now

    def _pending_migrations(self) -> list[str]:
        has_table = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")} if has_table.fetchone() else set()
        newer = sorted(done - {migration.__name__ for migration in MIGRATIONS})
        if newer:
            raise StoreError(f"the study store {self.path} was written by a newer quizgen (it has "
                             f"{', '.join(newer)}); upgrade quizgen to use it")
        return [migration.__name__ for migration in MIGRATIONS if migration.__name__ not in done]

    @_guarded
    def check_writable(self) -> None:
        """A StoreError now if the store cannot be written: a read-only file opens, and would fail only at the
        first rating, once the user has answered. (Rewriting the header's version as it is writes a page.)"""
        with self._write() as db:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            db.execute(f"PRAGMA user_version = {int(version)}")

    @_guarded
    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM migrations ORDER BY rowid")]

    # --- lectures --------------------------------------------------------------------------------

    @_guarded
    def add_lecture(self, built: BuiltLecture, now: datetime) -> AddResult:
        """Insert or update a lecture. Cards still present keep their scheduling; missing ones retire.

        A card counts as updated when its content changed or it comes back from retirement; one that only
        moved (a card added before it shifts its position) is unchanged, so re-adding a rebuilt lecture
        tells which cards a rebuild really changed.
        """
        added = updated = unchanged = 0
        with self._write() as db:
            db.execute(
                """INSERT INTO lectures (id, title, url, json, added_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url,
                   json = excluded.json""",
                (built.id, built.title, built.url, json.dumps(built.to_dict(), ensure_ascii=False),
                 timestamp(now)),
            )
            existing = {key: (text, retired) for key, text, retired
                        in db.execute("SELECT key, card, retired FROM cards WHERE lecture_id = ?", (built.id,))}
            self._follow_moved_cards(db, built, existing)
            keys = []
            for position, card in enumerate(built.cards):
                if card.key in keys:
                    continue  # a repeated key is one card; the first one wins
                keys.append(card.key)
                text = _card_json(card)
                db.execute(
                    """INSERT INTO cards (lecture_id, key, position, card) VALUES (?, ?, ?, ?)
                       ON CONFLICT (lecture_id, key) DO UPDATE SET position = excluded.position,
                       card = excluded.card, retired = 0""",
                    (built.id, card.key, position, text),
                )
                if card.key not in existing:
                    added += 1
                elif existing[card.key] == (text, 0):
                    unchanged += 1
                else:
                    updated += 1
            placeholders = ",".join("?" * len(keys))
            retired = db.execute(
                f"UPDATE cards SET retired = 1 WHERE lecture_id = ? AND retired = 0 AND key NOT IN ({placeholders})",
                (built.id, *keys),
            ).rowcount
        return AddResult(built.id, built.title, added, updated, unchanged, retired)

    @staticmethod
    def _follow_moved_cards(db: sqlite3.Connection, built: BuiltLecture, existing: dict[str, tuple]) -> None:
        """A card whose key changed while its passage did not (a retimed transcript moves a term's other
        definitions, keyed by the second they were said: '@85' becomes '@87') takes over the old card, review
        history and all, instead of retiring it and starting afresh. `existing` is renamed to match."""
        new_keys = {card.key for card in built.cards}
        gone: dict[tuple, str] = {}
        for key, (text, _retired) in existing.items():
            if key not in new_keys:
                old = _card(text)
                gone.setdefault((old.term, old.kind, old.evidence), key)
        for card in built.cards:
            if card.key in existing:
                continue
            key = gone.pop((card.term, card.kind, card.evidence), None)
            if key is not None:
                db.execute("UPDATE cards SET key = ? WHERE lecture_id = ? AND key = ?", (card.key, built.id, key))
                existing[card.key] = existing.pop(key)

    @_guarded
    def get_lecture(self, lecture_id: str) -> BuiltLecture:
        row = self.db.execute("SELECT json FROM lectures WHERE id = ?", (lecture_id,)).fetchone()
        if row is None:
            raise StoreError(f"no lecture {lecture_id!r} in the study store")
        return BuiltLecture.from_dict(json.loads(row[0]))

    @_guarded
    def has_lecture(self, lecture_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM lectures WHERE id = ?", (lecture_id,)).fetchone() is not None

    # --- cards -----------------------------------------------------------------------------------

    @_guarded
    def _cards(self, where: str, params: tuple = (), limit: int | None = None) -> list[StoredCard]:
        sql = f"""SELECT cards.id, card, fsrs, retired FROM cards JOIN lectures ON lectures.id = lecture_id
                  WHERE {where}"""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [StoredCard(i, _card(c), _fsrs_card(f), bool(r)) for i, c, f, r in self.db.execute(sql, params)]

    def get_card(self, card_id: int) -> StoredCard:
        found = self._cards("cards.id = ?", (card_id,))
        if not found:
            raise StoreError(f"no card {card_id} in the study store")
        return found[0]

    def lecture_cards(self, lecture_id: str) -> list[StoredCard]:
        return self._cards("lecture_id = ? AND retired = 0 ORDER BY position", (lecture_id,))

    def due_cards(self, now: datetime, limit: int | None = None) -> list[StoredCard]:
        """Cards already studied whose due date has come, earliest first."""
        return self._cards("retired = 0 AND due IS NOT NULL AND due <= ? ORDER BY due, cards.id",
                           (timestamp(now),), limit)

    def new_cards(self, limit: int | None = None) -> list[StoredCard]:
        """Cards never reviewed, lecture by lecture in the order they were added."""
        return self._cards("retired = 0 AND fsrs IS NULL ORDER BY lectures.added_at, lectures.id, position",
                           (), limit)

    def reviewed_since(self, since: datetime) -> list[StoredCard]:
        """Cards with a review at or after `since` (an undone review no longer counts), retired or not."""
        return self._cards("cards.id IN (SELECT card_id FROM reviews WHERE reviewed_at >= ?) ORDER BY cards.id",
                           (timestamp(since),))

    @_guarded
    def next_due(self) -> datetime | None:
        """When the earliest studied card falls due, or None when no card has been studied."""
        row = self.db.execute("SELECT min(due) FROM cards WHERE retired = 0").fetchone()
        return datetime.fromisoformat(row[0].replace("Z", "+00:00")) if row[0] else None

    @_guarded
    def count_cards(self) -> int:
        return self.db.execute("SELECT count(*) FROM cards WHERE retired = 0").fetchone()[0]

    @_guarded
    def count_new_reviewed_since(self, since: datetime) -> int:
        """How many cards had their first review at or after `since`."""
        return self.db.execute(
            "SELECT count(*) FROM reviews WHERE before IS NULL AND reviewed_at >= ?", (timestamp(since),)
        ).fetchone()[0]

    # --- reviews ---------------------------------------------------------------------------------

    @_guarded
    def record_review(
        self, card_id: int, rate: Callable[[FsrsCard | None], tuple[FsrsCard, ReviewLog]],
        shown: StoredCard | None = None,
    ) -> Review:
        """Rate one card in its own transaction: `rate` gets the card's state as committed (None if new),
        so a rating made in another process is never overwritten, and returns the new state and log.
        With `shown`, the card as a session showed it, a card another session has rated since is not rated
        again: RatedElsewhere."""
        with self._write() as db:
            row = db.execute("SELECT fsrs FROM cards WHERE id = ?", (card_id,)).fetchone()
            if row is None:
                raise StoreError(f"no card {card_id} in the study store")
            if shown is not None and not same_state(_fsrs_card(row[0]), shown.fsrs):
                raise RatedElsewhere(f"card {card_id} was rated in another session meanwhile")
            before = _fsrs_card(row[0])
            after, log = rate(before)
            db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE id = ?",
                       (_fsrs_json(after), timestamp(after.due), card_id))
            review_id = db.execute(
                "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, before, after)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (card_id, int(log.rating), timestamp(log.review_datetime), log.review_duration, row[0],
                 _fsrs_json(after)),
            ).lastrowid
        return Review(review_id, card_id, log, before, after)

    @_guarded
    def undo_review(self, review_id: int | None = None) -> StoredCard:
        """Take back a review (the latest one when `review_id` is None) and restore the card's state
        before it. Refuses when the card was reviewed again since, as that later review built on it."""
        with self._write() as db:
            if review_id is None:
                row = db.execute("SELECT id, card_id, before, after FROM reviews ORDER BY id DESC LIMIT 1").fetchone()
                if row is None:
                    raise StoreError("there is no review to undo")
            else:
                row = db.execute("SELECT id, card_id, before, after FROM reviews WHERE id = ?",
                                 (review_id,)).fetchone()
                if row is None:
                    raise StoreError(f"no review {review_id} to undo")
            review_id, card_id, before, after = row
            (current,) = db.execute("SELECT fsrs FROM cards WHERE id = ?", (card_id,)).fetchone()
            if current != after:
                raise StoreError("the card has been reviewed again since")
            restored = _fsrs_card(before)
            db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE id = ?",
                       (before, timestamp(restored.due) if restored else None, card_id))
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return self.get_card(card_id)

    def undo_last_review(self) -> StoredCard:
        return self.undo_review(None)

    @_guarded
    def reviews(self, card_id: int | None = None) -> list[Review]:
        sql = "SELECT id, card_id, rating, reviewed_at, duration_ms, before, after FROM reviews"
        params: tuple = ()
        if card_id is not None:
            sql += " WHERE card_id = ?"
            params = (card_id,)
        out = []
        for rid, cid, rating, at, ms, before, after in self.db.execute(sql + " ORDER BY id", params):
            log = ReviewLog.from_dict({"card_id": cid, "rating": rating, "review_duration": ms,
                                       "review_datetime": at.replace("Z", "+00:00")})
            out.append(Review(rid, cid, log, _fsrs_card(before), _fsrs_card(after)))
        return out

    # --- stats -----------------------------------------------------------------------------------

    @_guarded
    def lecture_counts(self, due_today_before: datetime, due_week_before: datetime) -> list[LectureCounts]:
        rows = self.db.execute(
            """SELECT l.id, l.title,
                 (SELECT count(*) FROM cards c WHERE c.lecture_id = l.id AND NOT c.retired),
                 (SELECT count(*) FROM cards c WHERE c.lecture_id = l.id AND NOT c.retired AND c.fsrs IS NULL),
                 (SELECT count(*) FROM cards c WHERE c.lecture_id = l.id AND NOT c.retired AND c.due < ?),
                 (SELECT count(*) FROM cards c WHERE c.lecture_id = l.id AND NOT c.retired AND c.due < ?),
                 (SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.lecture_id = l.id),
                 (SELECT count(*) FROM reviews r JOIN cards c ON c.id = r.card_id
                    WHERE c.lecture_id = l.id AND r.rating = 1)
               FROM lectures l ORDER BY l.added_at, l.id""",
            (timestamp(due_today_before), timestamp(due_week_before)),
        )
        return [LectureCounts(*row) for row in rows]

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]
