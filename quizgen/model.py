"""The frozen values that pass between quizgen's stages: ingest -> nlp -> cards -> export/study."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Segment:
    """One timed piece of transcript text; start/end are seconds, None where the input has no times."""

    start: float | None
    end: float | None
    text: str


@dataclass(frozen=True)
class Lecture:
    id: str
    title: str
    url: str | None
    source: str
    format: str
    segments: tuple[Segment, ...]
    path: str = ""  # the transcript file as given, for links to a video beside it

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)

    @property
    def timed(self) -> bool:
        return any(s.start is not None for s in self.segments)

    def link(self, second: int | None) -> str | None:
        """A link that opens the lecture at `second` (YouTube's t= parameter), or the bare url."""
        if not self.url:
            return None
        if second is None:
            return self.url
        url, _, fragment = self.url.partition("#")
        url = _TIME_PARAMETER.sub(r"\1", url).rstrip("?&")  # a link shared 'at current time' has its own
        if _FRAGMENT_TIMED.match(url):  # Vimeo reads the time from the fragment, and ignores ?t=
            return f"{url}#t={int(second)}s"
        if _MEDIA_FILE.search(url.partition("?")[0]):  # a video or audio file: a browser plays it from a media
            return f"{url}#t={int(second)}"  # fragment, and ignores ?t=
        if _EMBEDDED.match(url):  # YouTube's embedded player starts at ?start=, and ignores t=
            url = _START_PARAMETER.sub(r"\1", url).rstrip("?&")
            return f"{url}{'&' if '?' in url else '?'}start={int(second)}"
        fragment = "" if not fragment or fragment.startswith("t=") else "#" + fragment
        return f"{url}{'&' if '?' in url else '?'}t={int(second)}s{fragment}"


_TIME_PARAMETER = re.compile(r"([?&])t=[^&#]*(?:&|$)")
_START_PARAMETER = re.compile(r"([?&])start=[^&#]*(?:&|$)")
_FRAGMENT_TIMED = re.compile(r"https?://(?:[\w-]+\.)*vimeo\.com/", re.I)
_MEDIA_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|ogg|mov|mp3|m4a|oga|opus|wav|flac)$", re.I)
_EMBEDDED = re.compile(r"https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/", re.I)


@dataclass(frozen=True)
class KeyTerm:
    term: str
    aliases: tuple[str, ...]
    score: float
    start_second: int | None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str
    evidence: str
    start_second: int | None
    confidence: float | None = None  # how sure the definition scorer is that this passage defines the term
    # the transcript words the card's wording was made from, where they run past the evidence (unpunctuated
    # speech: the evidence is the few words at the mention, the wording the clause that goes on from it)
    passage: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["passage"] is None:
            del d["passage"]
        return d


@dataclass(frozen=True)
class Card:
    """One study card. `key` is stable across rebuilds (term + kind), so note GUIDs are too."""

    key: str
    kind: str  # cloze | basic | reverse
    front: str
    back: str
    term: str
    start_second: int | None
    url: str | None
    evidence: str
    lecture_id: str
    lecture_title: str
    tags: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.lecture_id}:{self.key}"

    @property
    def sibling(self) -> tuple[str, str]:
        """Cards with the same value are siblings: the cloze, basic and reverse cards of one lecture's term."""
        return (self.lecture_id, self.term or self.key)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        d["tags"] = list(self.tags)
        return d


# Anki's cloze deletion, {{c1::answer}} or {{c1::answer::hint}}
CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}")


def cloze_filled(text: str) -> str:
    """A cloze's text as it reads with its blanks filled in, without the zero-width space that keeps a deletion
    of 'std::vector' whole in Anki."""
    return CLOZE.sub(lambda m: m.group(1), text).replace("\u200b", "")


def in_rounds(items: list, key: Callable) -> list:
    """`items` with those of one key one per round, not back to back: the first of every key in the order met,
    then the second of every key, and so on (a term's cloze, Q&A and reverse cards, days apart when studied)."""
    seen: dict = {}
    rounds = []
    for i, item in enumerate(items):
        k = key(item)
        rounds.append((seen.get(k, 0), i))
        seen[k] = seen.get(k, 0) + 1
    return [items[i] for _, i in sorted(rounds)]


@dataclass(frozen=True)
class Analysis:
    """What the nlp stage found in one lecture."""

    lecture: Lecture
    key_terms: tuple[KeyTerm, ...]
    definitions: tuple[Definition, ...]
