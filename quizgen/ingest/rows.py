"""Dataset rows (table pastes, JSONL, CSV/TSV, Parquet) grouped into lectures by their video id."""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_text
from quizgen.model import Lecture, Segment

TEXT_KEYS = ("text", "transcript", "caption", "sentence")
START_KEYS = ("start", "start_second", "start_seconds", "start_time", "offset")
END_KEYS = ("end", "end_second", "end_seconds", "end_time")
LECTURE_ID_KEYS = ("video_id", "videoid", "lecture_id")
ID_KEYS = (*LECTURE_ID_KEYS, "id")  # a plain 'id' names a lecture too, unless it counts segments
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_URL_ID = re.compile(r"(?:youtu\.be/|[?&]v=)([A-Za-z0-9_-]{11})")
# yt-dlp's file names, and Whisper's after them: 'Title [VIDEOID].en.vtt', 'Title [VIDEOID].srv3'
_NAMED_VIDEO = re.compile(r"^(.*?)\s*\[([A-Za-z0-9_-]{11})\]((?:\.[\w-]+)+)$")


@dataclass(frozen=True)
class Row:
    lineno: int | None
    values: dict


def _pick(values: dict, keys: Iterable[str]):
    for key in keys:
        if key in values and values[key] not in (None, ""):
            return values[key]
    return None


def parse_seconds(value, path: str, lineno: int | None) -> float | None:
    """'3,056', '00:51:07.5', '00:01:02,500' (a subtitle's decimal comma), 12.0 -> seconds; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        text = str(value).strip()
        # a comma after the last colon is a subtitle's decimal comma ('00:01:02,500'); elsewhere it groups
        # thousands ('3,056' seconds, as the dataset viewer shows a number)
        clock, colon, last = text.rpartition(":")
        text = clock + colon + (last.replace(",", ".", 1) if colon and last.count(",") == 1 else last.replace(",", ""))
        try:
            seconds = 0.0
            for part in text.split(":"):
                seconds = seconds * 60 + float(part)
        except ValueError:
            raise InputError(path, f"bad time {value!r}", line=lineno) from None
    if not math.isfinite(seconds):  # 'NaN', 'inf'
        raise InputError(path, f"bad time {value!r}", line=lineno)
    return seconds


def video_url(video_id: str | None, url: str | None) -> str | None:
    """A canonical watch url without a time parameter."""
    found = _URL_ID.search(url or "")
    vid = found.group(1) if found else video_id
    if vid and YOUTUBE_ID.match(vid) and (found or not url):
        return f"https://www.youtube.com/watch?v={vid}"
    return url or None


def language_track(name: str) -> str | None:
    """The language of a yt-dlp caption file ('Title [VIDEOID].de.vtt' -> 'de'), else None."""
    found = _NAMED_VIDEO.match(name)
    suffixes = found.group(3).split(".")[1:] if found else []
    return suffixes[0] if len(suffixes) == 2 and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?", suffixes[0]) \
        else None


def named_lecture(path: Path) -> tuple[str, str, str | None]:
    """A lecture's id, title and url as its file's name tells them: for a yt-dlp download ('Title [VIDEOID].en.vtt')
    the video's id, the title without the id and the language, and the video's url; else the file's stem, no title
    (finish_lecture makes one of the stem) and no url."""
    found = _NAMED_VIDEO.match(path.name)
    if not found or not re.search(r"[A-Z0-9]", found.group(2)):  # '[final-draft]' is no id: ids are random
        return path.stem, "", None
    return found.group(2), found.group(1).strip(), video_url(found.group(2), None)


def _keyed(row: Row) -> dict:
    """A row's values under its column names as written in any case ('Start', ' text ')."""
    return {str(k).strip().lower(): val for k, val in row.values.items()}


def _numbers_segments(head: list[Row]) -> bool:
    """Whether a plain 'id' column counts segments (faster-whisper's 'id': 1, 2, 3 ..., a CSV's row number)
    rather than naming lectures: the first two rows carry different whole numbers there, where a lecture's
    rows share its id."""
    ids = []
    for row in head:
        v = _keyed(row)
        if _pick(v, LECTURE_ID_KEYS) is not None:
            return False
        ids.append(str(_pick(v, ("id",))).strip())
    return len(ids) == 2 and ids[0] != ids[1] and all(i.isdigit() for i in ids)


def rows_to_lectures(rows: Iterable[Row], path: Path, fmt: str, *, stream: bool = False,
                     milliseconds: bool = False) -> Iterator[Lecture]:
    """Group rows by video id. With `stream`, each lecture is yielded as soon as its rows end, so a
    large dataset never sits in memory whole; its rows must then be grouped by id, as exports are. With
    `milliseconds` (a Whisper TSV), whole-number times that can only be milliseconds are read as such."""
    src = str(path)
    named_id, named_title, _ = named_lecture(path)  # rows without a video id are the file's lecture
    groups: dict[str, tuple[dict, list[Segment]]] = {}
    current: str | None = None
    rows = iter(rows)
    head = list(itertools.islice(rows, 2))
    id_keys = LECTURE_ID_KEYS if _numbers_segments(head) else ID_KEYS
    for row in itertools.chain(head, rows):
        v = _keyed(row)
        text = _pick(v, TEXT_KEYS)
        if text is None and not any(k in v for k in TEXT_KEYS):
            raise InputError(src, "row has no text column", line=row.lineno)
        if not str(text or "").strip() and _pick(v, START_KEYS) is None and _pick(v, END_KEYS) is None:
            continue  # a blank row (',,' as a spreadsheet exports one): nothing said, at no time
        vid = str(_pick(v, id_keys) or "").strip() or named_id  # a blank id (" ") is none
        start = parse_seconds(_pick(v, START_KEYS), src, row.lineno)
        end = parse_seconds(_pick(v, END_KEYS), src, row.lineno)
        duration = _pick(v, ("duration",))
        if end is None and start is not None and duration is not None:
            end = start + parse_seconds(duration, src, row.lineno)
        if start is not None and start < 0:
            raise InputError(src, f"bad time {_pick(v, START_KEYS)!r} (before the start)", line=row.lineno)
        if start is not None and end is not None and end < start:
            if start - end > ROUNDING * (1000 if milliseconds else 1):  # a Whisper TSV counts in milliseconds
                raise InputError(src, f"segment ends before it starts ({start:g} to {end:g})", line=row.lineno)
            end = start  # a recogniser's rounding ('start': 5.02, 'end': 5.0)
        seg = Segment(start, end, clean_text(str(text or "")))
        if stream and vid != current and current is not None:
            meta, segs = groups.pop(current)
            groups[current] = ({}, [])  # remembered, so a returning id is caught
            yield make_lecture(current, meta, segs, src, fmt, milliseconds)
        if stream and vid != current and vid in groups:
            raise InputError(src, f"rows of lecture {vid} are not together; sort the file by video id",
                             line=row.lineno)
        current = vid
        groups.setdefault(vid, (meta_for(v, named_title if vid == named_id else ""), []))[1].append(seg)
    for vid, (meta, segs) in groups.items():
        if segs:
            yield make_lecture(vid, meta, segs, src, fmt, milliseconds)


def meta_for(v: dict, title: str = "") -> dict:
    """A row's lecture title and url; `title` where the row has none."""
    return {"title": str(_pick(v, ("title", "name")) or title).strip(), "url": _pick(v, ("url", "link"))}


ROUNDING = 1.0  # seconds a segment's end may fall before its start, as a recogniser rounds, and be read as its start
TEN_HOURS = 36000
WHISPER_TSV_HEADER = ["start", "end", "text"]  # what Whisper's TSV writer puts above times in milliseconds


def in_milliseconds(segments: list[Segment]) -> bool:
    """Whether the whole-number times of a Whisper TSV are milliseconds, as its writer makes them ('0  4000
    text'), and not seconds that a person typed under the same header: no lecture runs past ten hours, and no
    caption's median length is over 100 seconds."""
    times = [t for s in segments for t in (s.start, s.end) if t is not None]
    if not times or not all(t == int(t) for t in times):  # parse_seconds lets no NaN or infinity through
        return False
    lengths = sorted(s.end - s.start for s in segments if s.start is not None and s.end is not None)
    return max(times) > TEN_HOURS or bool(lengths) and lengths[len(lengths) // 2] > 100


def make_lecture(vid: str, meta: dict, segments: list[Segment], src: str, fmt: str,
                 milliseconds: bool = False) -> Lecture:
    from quizgen.ingest import finish_lecture

    if milliseconds and in_milliseconds(segments):
        segments = [replace(s, start=None if s.start is None else s.start / 1000,
                            end=None if s.end is None else s.end / 1000) for s in segments]
    return finish_lecture(
        id=vid, title=meta.get("title") or "", url=video_url(vid, meta.get("url")), source=src, fmt=fmt,
        segments=segments,
    )
