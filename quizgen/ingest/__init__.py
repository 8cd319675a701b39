"""Read transcripts of any supported shape into `Lecture`s; the format is told by content, not name."""
from __future__ import annotations

import codecs
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_title, shouted, without_speaker_names
from quizgen.ingest.cues import (ASS_START, SBV_TIMING, TIMING_INSIDE, read_ass, read_cues, read_sbv,
                                 word_said_again)
from quizgen.ingest.docx import docx_text, is_word_document
from quizgen.ingest.plain import STAMPED_LINE, read_plain, read_stamped, stamp_like
from quizgen.ingest.rows import (TEXT_KEYS, WHISPER_TSV_HEADER, Row, named_lecture, parse_seconds,
                                  rows_to_lectures, video_url)
from quizgen.ingest.services import is_number, seconds_of_ms, service_segments
from quizgen.ingest.tables import json_fault, read_delimited, read_jsonl, read_parquet, read_viewer_paste
from quizgen.ingest.timedtext import SUFFIXES as XML_SUFFIXES
from quizgen.ingest.timedtext import looks_like_captions, read_xml_captions
from quizgen.model import Lecture, Segment

__all__ = ["FORMATS", "detect_format", "finish_lecture", "iter_lectures", "read_transcript"]

log = logging.getLogger("quizgen")

FORMATS = {
    "vtt": "WebVTT captions (YouTube downloads, rolling auto-captions)",
    "srt": "SubRip captions",
    "sbv": "SubViewer captions (YouTube Studio downloads)",
    "ass": "SubStation Alpha subtitles (.ass, .ssa, as Aegisub writes them)",
    "yt-json": "youtube-transcript-api JSON (text/start/duration)",
    "whisper-json": "Whisper JSON (start/end/text segments, or the Hugging Face pipeline's timestamped chunks)",
    "yt-json3": "YouTube's caption JSON, as yt-dlp writes it with --sub-format json3 (events with segs)",
    "asr-json": "speech-to-text services' JSON (Amazon, Deepgram, AssemblyAI, Rev.ai, Speechmatics, Google, Watson)",
    "sjson": "Open edX transcript JSON (.srt.sjson: lists of start and end times in milliseconds, and of texts)",
    "xml": "caption XML: YouTube timedtext (srv1, srv2, srv3) and TTML/DFXP",
    "jsonl": "JSON lines, one row per segment (video_id, title, url, text, start, end)",
    "csv": "CSV or TSV rows with a text column",
    "parquet": "Parquet rows with a text column",
    "table": "rows pasted from a dataset viewer (columns, type lines, ---|--- rule, '|' rows)",
    "stamped": "'(MM:SS) text' or '[HH:MM:SS] text' lines, or a stamp (or 'Speaker  0:15') above the text",
    "text": "plain text without times",
    "docx": "a Word document holding a transcript (Teams, Otter, Rev): its text, read as one of the above",
}
TRANSCRIPT_SUFFIXES = {".vtt", ".srt", ".sbv", ".ass", ".ssa", ".json", ".json3", ".sjson", ".jsonl", ".ndjson",
                       ".csv", ".tsv", ".parquet", ".txt", *XML_SUFFIXES}
_TIMING = r"(?:\d+:)?\d{1,2}:\d{2}([,.])\d{1,3}\s*-->"  # a cue's start: '00:00:01,000 -->', '00:01.000 -->'
_SRT_START = re.compile(r"^\s*\d+\s*\n\s*" + _TIMING, re.M)
_CUE_TIMING = re.compile(_TIMING)


def iter_lectures(paths: Iterable[str | Path], fmt: str | None = None) -> Iterator[Lecture]:
    """Every lecture in the given files and directories (directories are read for transcripts)."""
    for path in expand_paths(paths):
        yield from read_transcript(path, fmt)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and _looks_like_transcript(p))
            found = [p for p in found if not _no_transcript_beside_them(p)]
            if not found:
                raise InputError(path, "directory holds no transcripts")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        elif path.exists() or str(raw) == "-":
            # a pipe ('<(...)', a FIFO) or standard input is read once, where a transcript is read more than once
            raise InputError(path, "not a regular file (a pipe, a device or standard input): save it to a file "
                                   "and give that")
        else:
            raise InputError(path, "no such file or directory")
    return out


# the head of a lecture JSON or an Anki TSV that quizgen wrote
_OWN_OUTPUT = re.compile(rb'^\{\s*"id":[^\n]*\n\s*"title":[\s\S]*"key_terms":|^#separator:tab\n#html:true\n#notetype')


def is_own_output(path: Path) -> bool:
    """Whether a file is a lecture JSON or an Anki TSV that quizgen wrote, by its head."""
    return bool(_OWN_OUTPUT.search(_read_bytes(path, 4096)))


def _looks_like_transcript(path: Path) -> bool:
    if path.name.startswith(".") or path.suffix.lower() == ".md":
        return False
    if path.suffix.lower() in XML_SUFFIXES:  # a folder's other XML (a course manifest) is no transcript
        try:
            return looks_like_captions(decode(path, _read_bytes(path, 4096), partial=True))  # UTF-16 too
        except InputError:
            return True  # kept, for reading it to name its fault
    if path.suffix.lower() in {".json", ".tsv"} and is_own_output(path):
        return False  # what quizgen wrote there itself, when the lectures' folder is also the output folder
    if path.suffix.lower() == ".docx":  # a Word document in a folder is a transcript only where it is timed
        return _timed_word_document(path)
    if path.name.lower().endswith(".info.json"):  # yt-dlp's metadata beside its captions ('Title [id].info.json')
        return _transcript_json(path)  # (other JSON is read, and refused if it is no transcript)
    return path.suffix.lower() in TRANSCRIPT_SUFFIXES or path.suffix == ""


def _no_transcript_beside_them(path: Path) -> bool:
    """Whether a file found in a folder of lectures is plainly none, and is skipped with a warning: an empty file
    (a placeholder), or a table whose header names no text column (a gradebook: 'student,score'). Named on its
    own, either is refused as bad input."""
    head = _read_bytes(path, 4096)
    if not head.strip():
        log.warning("%s: empty file, skipped", path)
        return True
    if path.suffix.lower() in {".csv", ".tsv"}:
        first = decode(path, head, partial=True).lstrip("\ufeff").splitlines()[0]
        delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in first else ","  # as the table is read
        columns = {c.strip().strip('"').lower() for c in first.split(delimiter)}
        if not columns & set(TEXT_KEYS):
            log.warning("%s: a table with no text column (%s), not a transcript; skipped", path, first[:60])
            return True
    return False


def _timed_word_document(path: Path) -> bool:
    """Whether a Word document found in a folder holds a timed transcript (Teams, Otter and Rev stamp what was
    said), not a syllabus or notes. One that cannot be read is kept, for reading it to name its fault."""
    if not is_word_document(path, _read_bytes(path, 4)):
        return False
    try:
        text = _lines(docx_text(path))
    except InputError:
        return True
    return detect_format(text, path) != "text"


def _transcript_json(path: Path) -> bool:
    """Whether a JSON file found in a folder has a transcript's shape. One that cannot be read as JSON is
    kept, for reading it to name its fault."""
    try:
        data = json.loads(decode(path, _read_bytes(path)))
    except (InputError, ValueError):
        return True
    return _json_kind(data) is not None


def read_transcript(path: str | Path, fmt: str | None = None) -> Iterator[Lecture]:
    """The lectures in one file. Large JSONL and Parquet files are streamed. A file that holds none (a Parquet
    table or an edX transcript of no rows) is refused, as an empty file is."""
    found = False
    for lecture in _lectures_in(Path(path), fmt):
        found = True
        yield lecture
    if not found:
        raise InputError(path, "file holds no transcript rows")


def _lectures_in(path: Path, fmt: str | None) -> Iterator[Lecture]:
    if not path.is_file():
        raise InputError(path, "no such file")
    if fmt is not None and fmt not in FORMATS:
        raise InputError(path, f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    head = _read_bytes(path, 4096)
    if not head:
        raise InputError(path, "file is empty")
    if fmt == "parquet" or (fmt is None and head.startswith(b"PAR1")):
        yield from rows_to_lectures(read_parquet(path), path, "parquet", stream=True)
        return
    if fmt == "docx" or is_word_document(path, head):  # its text read as detected, or in the --format given
        text = _lines(docx_text(path))
        if not text.strip():
            raise InputError(path, "file holds no text")
        yield from _read_text(text, path, detect_format(text, path) if fmt in (None, "docx") else fmt)
        return
    fmt = fmt or detect_format(_lines(decode(path, head, partial=True)), path)
    if fmt == "jsonl":
        yield from rows_to_lectures(read_jsonl(path), path, "jsonl", stream=True)
        return
    if fmt in _ONE_LECTURE_FORMATS and path.stat().st_size > MAX_TEXT_FILE_BYTES:
        raise InputError(path, f"file is {path.stat().st_size / 1e6:,.0f} MB, more than a lecture of the longest "
                               "quizgen reads (about 18 hours of speech) could take; split it")
    text = _lines(decode(path, _read_bytes(path)))
    if not text.strip():
        raise InputError(path, "file holds no text")
    yield from _read_text(text, path, fmt)


# formats that hold one lecture, whose file is refused before it is read where it is too big to hold one the
# build would take (1,000,000 characters): read whole, a 300 MB file took 5 GB to be refused. The bound leaves
# room for markup around the words (word-level timings in a WebVTT or caption XML file take some 10 bytes a
# character of speech); datasets, which hold many lectures, are read lecture by lecture instead.
_ONE_LECTURE_FORMATS = frozenset({"text", "srt", "vtt", "sbv", "ass", "xml", "stamped"})
MAX_TEXT_FILE_BYTES = 40_000_000


def _read_bytes(path: Path, size: int = -1) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None


def _lines(text: str) -> str:
    """Lines ended by '\n' alone: Windows ('\r\n', or '\r\r\n' after a bad conversion) and classic Mac ('\r')
    endings are one line break too."""
    return re.sub(r"\r*\n", "\n", text).replace("\r", "\n") if "\r" in text else text


def decode(path: Path, data: bytes, *, partial: bool = False) -> str:
    """`data` as text; with `partial`, `data` is the file's head and may end inside a character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return codecs.getincrementaldecoder("utf-16")().decode(data, final=not partial)
        except UnicodeDecodeError:
            raise InputError(path, "bad UTF-16 text") from None
    if b"\x00" in data[:4096]:
        return _without_bom(path, data, partial)
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=not partial)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 or UTF-16 text (re-save it as UTF-8)", line=line) from None
    if _controls(text) > 8:
        raise InputError(path, "binary file, not a transcript")
    return text


def _controls(text: str) -> int:
    return sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")


def utf16_order(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text in UTF-16 without a BOM, told by where its zero bytes fall: the high
    byte of every ASCII character (a line break, a space, a digit) is one. In other bytes, zeros fall anywhere."""
    head = head[:4096]
    low, high = head[0::2].count(0), head[1::2].count(0)
    if max(low, high) < 4 * min(low, high) or max(low, high) * 100 < len(head) // 2:
        return None  # zeros at even and odd bytes alike, or too few for text: one in 100 characters at least
    return "utf-16-le" if high > low else "utf-16-be"


def _without_bom(path: Path, data: bytes, partial: bool) -> str:
    """Bytes holding zeros: UTF-16 text that lacks its BOM, or a binary file."""
    order = utf16_order(data)
    try:
        text = codecs.getincrementaldecoder(order)().decode(data, final=not partial) if order else None
    except UnicodeDecodeError:
        text = None
    if text is None or _controls(text) > 8:
        raise InputError(path, "binary file, not a transcript")
    return text


# JSON opens an object, or a list whose first item is a value: not '[Eleanor Scerri]', a speaker's name above what
# she said
_JSON_START = re.compile(r'\{|\[\s*(?:[\[{"\]\d-]|true\b|false\b|null\b|$)')


def detect_format(head: str, path: Path) -> str:
    """The format of a transcript, from its first few kilobytes."""
    stripped = head.lstrip("\ufeff \t\r\n")
    suffix = path.suffix.lower()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped.startswith("<?xml") or suffix in XML_SUFFIXES and stripped.startswith("<"):
        return "xml"  # not a .txt that only opens with a tag ('<transcript>')
    if ASS_START.match(stripped):
        return "ass"  # '[Script Info]', not a JSON list
    if stripped.startswith("[") and STAMPED_LINE.match(stripped.split("\n", 1)[0]):
        return "stamped"  # '[00:01:02] text', not a JSON list
    if _JSON_START.match(stripped):
        first = stripped.split("\n", 1)[0].strip()
        if suffix in (".jsonl", ".ndjson") or (first.startswith("{") and first.endswith("}") and "\n{" in stripped):
            return "jsonl"
        return "json"
    if _SRT_START.search(head[:2000]):
        return "srt"
    timing = _CUE_TIMING.match(stripped)
    if timing:  # cues without their numbers, or a WebVTT file without its 'WEBVTT' line
        return "vtt" if timing.group(1) == "." else "srt"
    if SBV_TIMING.match(stripped.split("\n", 1)[0]):  # a first line '0:00:01.000,0:00:04.200'
        return "sbv"
    lines = [line for line in head.splitlines() if line.strip()][:STAMPED_LOOK]
    if any(re.match(r"^\s*-{3,}\s*\|", line) for line in head.splitlines()[:60]):
        return "table"
    if suffix in (".csv", ".tsv") or (lines and re.search(r"(^|[,\t])text([,\t]|$)", lines[0].lower())):
        return "csv"
    stamps = sum(stamp_like(line) for line in lines)
    # a stamp above each turn: a turn of three lines, or a title and a date above the first, still has one in
    # four lines ('Professor Lee (00:00):' / two lines of speech / a blank)
    if lines and stamps >= min(STAMPED_AT_LEAST, len(lines) // 2 or 1) and stamps * STAMPED_SHARE >= len(lines):
        return "stamped"
    return "text"


STAMPED_LOOK = 40  # lines a transcript's format is told from
STAMPED_AT_LEAST = 3  # stamped lines in them, at least (or half the lines of a shorter text),
STAMPED_SHARE = 4  # and one line in four, at least


def _read_text(text: str, path: Path, fmt: str) -> Iterator[Lecture]:
    src = str(path)
    vid, title, url = named_lecture(path)
    if fmt in ("vtt", "srt"):
        segments, meta = read_cues(text, src, vtt=fmt == "vtt")
        yield finish_lecture(id=vid, title=meta.get("title") or title, url=url, source=src, fmt=fmt,
                             segments=segments)
    elif fmt == "xml":
        yield finish_lecture(id=vid, title=title, url=url, source=src, fmt=fmt, segments=read_xml_captions(text, src))
    elif fmt == "ass":
        segments, meta = read_ass(text, src)
        yield finish_lecture(id=vid, title=meta.get("title") or title, url=url, source=src, fmt=fmt,
                             segments=segments)
    elif fmt == "sbv":
        yield finish_lecture(id=vid, title=title, url=url, source=src, fmt=fmt, segments=read_sbv(text, src))
    elif fmt in ("json", "yt-json", "yt-json3", "whisper-json", "sjson", "asr-json"):
        yield from _read_json(text, path)
    elif fmt == "csv":
        delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else ","
        header = text.lstrip("\ufeff").split("\n", 1)[0].strip().lower().split(delimiter)
        whisper = delimiter == "\t" and header == WHISPER_TSV_HEADER  # times in milliseconds, text never quoted
        yield from rows_to_lectures(read_delimited(text, src, delimiter, quoted=not whisper), path, "csv",
                                    milliseconds=whisper)
    elif fmt == "table":
        yield from rows_to_lectures(read_viewer_paste(text, src), path, "table")
    elif fmt == "stamped":
        yield finish_lecture(id=vid, title=title, url=url, source=src, fmt=fmt, segments=read_stamped(text))
    else:
        _refuse_what_is_no_prose(text, path)
        yield finish_lecture(id=vid, title=title, url=url, source=src, fmt="text", segments=read_plain(text))


CUES_IN_TEXT = 3  # cue timings inside the lines of a text, at least, that make it captions with their breaks lost
LONGEST_WORD = 1000  # characters without a space: no word of any speech, but text whose spaces were lost
_SQUASHED = re.compile(rf"(?<!\S)(?!(?:https?|ftp)://|www\.)\S{{{LONGEST_WORD + 1}}}")  # a long link is a link


def _refuse_what_is_no_prose(text: str, path: Path) -> None:
    """Text read as plain prose that is something else, which would make cards of its timings or its whole:
    caption cues run together on a line, or a text without spaces."""
    timings = TIMING_INSIDE.findall(text, 0, 1_000_000)
    if len(timings) >= CUES_IN_TEXT:
        line = text.count("\n", 0, TIMING_INSIDE.search(text).start()) + 1
        raise InputError(path, f"holds caption cue timings run into its text ({len(timings)} of them, as "
                               "'00:01:02,616 --> 00:01:06,383'): its line breaks were lost; save the captions "
                               "again", line=line)
    squashed = _SQUASHED.search(text)
    if squashed:
        run = len(re.match(r"\S*", text[squashed.start():]).group())
        raise InputError(path, f"holds {run:,} characters without a space: is it text whose spaces were lost?",
                         line=text.count("\n", 0, squashed.start()) + 1)


def _read_json(text: str, path: Path) -> Iterator[Lecture]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.startswith("{", exc.pos) and text.lstrip().startswith("{") \
                and text[:exc.pos].rstrip(" \t\r").endswith("\n"):
            # one object a line, in a .json file ('Extra data' where the second line's object opens): JSON Lines
            # whose first line ran past what detection reads (a Hugging Face dataset, a transcript a row)
            yield from rows_to_lectures(read_jsonl(path), path, "jsonl", stream=True)
            return
        raise InputError(path, f"bad JSON ({json_fault(exc)})", line=exc.lineno) from None
    kind = _json_kind(data)
    if kind is None:
        raise InputError(path, "JSON is not a transcript (expected a list of {text, start, ...} segments)")
    if kind == "yt-json3":
        yield from _read_json3(data["events"], path)
        return
    if kind == "sjson":
        yield from _read_sjson(data, path)
        return
    if kind == "asr-json":
        segments = service_segments(data)
        if not segments:
            raise InputError(path, "no transcript text found (the speech-to-text service heard no words)")
        yield from _file_lecture(_timed_rows(segments), path, kind)
        return
    vid, title, url = named_lecture(path)
    if kind == "text":
        yield finish_lecture(id=vid, title=title, url=url, source=str(path), fmt="text",
                             segments=read_plain(data["text"]))
        return
    # a transcript's own id and title; a prediction's record (Replicate) has an id of the run, not of the video
    meta = data if isinstance(data, dict) and not isinstance(data.get("output"), dict) else {}
    segments = _json_segments(data)
    fmt = "whisper-json" if "end" in segments[0] or "timestamp" in segments[0] else "yt-json"
    for lecture in rows_to_lectures(_timed_rows(segments), path, fmt):
        own = meta.get("video_id") or meta.get("id")
        yield finish_lecture(
            id=str(own or vid), title=str(meta.get("title") or title),
            url=video_url(own, meta.get("url")) if (own or meta.get("url")) else url,
            source=str(path), fmt=fmt, segments=list(lecture.segments),
        )


def _json_kind(data) -> str | None:
    """Which transcript parsed JSON holds: 'yt-json3' (YouTube's caption events), 'sjson' (Open edX's lists of
    times and texts), 'asr-json' (a speech-to-text service's timed words or sentences), 'text' (the words alone,
    as Hugging Face's pipeline gives them without timestamps) or 'segments' (a list of {text, start, ...}, bare
    or under 'segments', 'transcript', 'captions' or 'chunks'); None for JSON that is no transcript."""
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        return "yt-json3"
    if isinstance(data, dict) and all(isinstance(data.get(k), list) for k in ("start", "end", "text")):
        return "sjson"
    if service_segments(data) is not None:
        return "asr-json"
    if isinstance(data, dict) and isinstance(data.get("text"), str) \
            and not any(k in data for k in ("segments", "transcript", "captions")) and not data.get("chunks"):
        return "text"
    segments = _json_segments(data)
    if isinstance(segments, list) and segments and all(isinstance(x, dict) and "text" in x for x in segments):
        return "segments"
    return None


def _json_segments(data):
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        data = data["output"]  # a prediction's record, as Replicate returns a Whisper run: the transcript is its output
    if isinstance(data, dict):
        return data.get("segments", data.get("transcript", data.get("captions", data.get("chunks"))))
    if isinstance(data, list) and data and all(_is_timed_triple(x) for x in data):
        # [[text, start, end], ...]: sentence timings as 3Blue1Brown's caption repository keeps them
        return [{"text": x[0], "start": x[1], "end": x[2]} for x in data]
    return data


def _is_timed_triple(item) -> bool:
    return isinstance(item, list) and len(item) == 3 and isinstance(item[0], str) and all(map(is_number, item[1:]))


def _timed_rows(data: list[dict]) -> list[Row]:
    """JSON segments' text and times. Hugging Face's Whisper pipeline gives them as 'timestamp': [start, end]; a
    chunk whose start it left null starts where the chunk before it ended (or at 0), and a null end is open."""
    rows, last = [], 0.0
    for seg in data:
        row = {k: v for k, v in seg.items() if k in ("text", "start", "end", "duration")}
        if "start" not in row and "timestamp" in seg:
            stamp = seg["timestamp"] if isinstance(seg["timestamp"], (list, tuple)) else (None, None)
            start, end = (list(stamp) + [None, None])[:2]
            row["start"] = last if start is None else start
            if end is not None:
                row["end"] = end
            last = end if isinstance(end, (int, float)) else row["start"]
        rows.append(Row(None, row))
    return rows


_EDX_YOUTUBE = re.compile(r"^subs_([A-Za-z0-9_-]{11})\.srt\.sjson$")  # edX names a video's transcript by its YouTube id


def _read_sjson(data: dict, path: Path) -> Iterator[Lecture]:
    """Open edX's transcripts ('.srt.sjson', as a course export holds them): lists of start times, end times (in
    milliseconds) and texts, one item per caption."""
    starts, ends, texts = data["start"], data["end"], data["text"]
    if not len(starts) == len(ends) == len(texts):
        raise InputError(path, f"edX transcript lists differ in length ({len(starts)} starts, {len(ends)} ends, "
                               f"{len(texts)} texts)")
    rows = [Row(None, {"text": text, "start": seconds_of_ms(start), "end": seconds_of_ms(end)})
            for start, end, text in zip(starts, ends, texts)]
    vid, _, url = named_lecture(path)
    if vid.endswith(".srt"):  # 'intro.srt.sjson'
        vid = vid[:-4]
    if youtube := _EDX_YOUTUBE.match(path.name):
        vid, url = youtube.group(1), video_url(youtube.group(1), None)
    yield from _file_lecture(rows, path, "sjson", vid=vid, url=url)


def _read_json3(events: list, path: Path) -> Iterator[Lecture]:
    """YouTube's own caption JSON (yt-dlp's `--sub-format json3`): events with a start and duration in
    milliseconds, each holding text pieces ("segs"); events that only break a line are skipped."""
    rows = []
    for event in events:
        if not isinstance(event, dict) or not isinstance(event.get("segs"), list):
            continue
        text = "".join(str(seg.get("utf8", "")) for seg in event["segs"] if isinstance(seg, dict)).strip()
        if not text or "tStartMs" not in event:
            continue
        start_ms = parse_seconds(event["tStartMs"], str(path), None)  # a number, as any row's time is read
        if start_ms is None:
            raise InputError(path, f"bad time {event['tStartMs']!r}")
        duration_ms = parse_seconds(event.get("dDurationMs"), str(path), None) or 0.0
        rows.append(Row(None, {"text": text, "start": start_ms / 1000, "end": (start_ms + duration_ms) / 1000}))
    if not rows:
        raise InputError(path, "JSON is not a transcript (caption events hold no text)")
    yield from _file_lecture(rows, path, "yt-json3")


def _file_lecture(rows: list[Row], path: Path, fmt: str, *, vid: str | None = None,
                  url: str | None = None) -> Iterator[Lecture]:
    """Timed rows read as the one lecture of their file, named as the file's name tells (or by `vid` and `url`)."""
    named_id, title, named_url = named_lecture(path)
    for lecture in rows_to_lectures(rows, path, fmt):
        yield finish_lecture(id=vid or named_id, title=title, url=url if vid else named_url, source=str(path),
                             fmt=fmt, segments=list(lecture.segments))


def finish_lecture(*, id: str, title: str, url: str | None, source: str, fmt: str,
                   segments: list[Segment]) -> Lecture:
    """Sort cues into time order (warning when they were not), drop empty and repeated ones, drop the
    speaker names of a speaker-labelled transcript, and read captions written all in capitals in lower case."""
    if not segments or not any(s.text for s in segments):
        raise InputError(source, "no transcript text found")
    if any(s.start is not None for s in segments):
        if any(s.start is None for s in segments):
            raise InputError(source, f"lecture {id}: some segments have times and some do not")
        keyed = sorted(enumerate(segments), key=lambda p: (p[1].start, p[0]))
        if [i for i, _ in keyed] != list(range(len(segments))):
            log.warning("%s: lecture %s has cues out of time order; sorted them", source, id)
        segments = [s for _, s in keyed]
    kept: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if kept and seg.text.lower() == kept[-1].text.lower() and not word_said_again(seg.text, seg.start, seg.end):
            continue  # a caption track repeating itself
        kept.append(seg)
    # one spelling of each letter: 'é' written as e and a combining accent (as macOS names files and some tools
    # write text) is the 'é' a user types, or no word with it would match, nor a term be read whole
    texts = without_speaker_names([unicodedata.normalize("NFC", seg.text) for seg in kept])
    if shouted(texts):  # read as speech recognition writes: in lower case
        texts = [text.lower() for text in texts]
    kept = [Segment(seg.start, seg.end, text) for seg, text in zip(kept, texts) if text]
    if not kept:  # nothing but speaker names
        raise InputError(source, "no transcript text found")
    title = unicodedata.normalize("NFC", clean_title(title))
    stem, id = unicodedata.normalize("NFC", Path(source).stem), unicodedata.normalize("NFC", id)
    return Lecture(id=id, title=title or _title_from(stem if id == stem else id),
                   url=url, source=Path(source).name, format=fmt, segments=tuple(kept), path=str(source))


_SMALL_WORDS = frozenset("a an the and or of in on at to for with by from as is are vs".split())


# what a tool or a language track adds to a file's stem: 'talk.whisper', 'talk.en', 'talk.en-US', 'talk.asr.en'
_TRACK_SUFFIXES = re.compile(r"(?:\.(?:[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?|whisper|auto|asr|orig|original|transcript|"
                             r"captions?|subs?|subtitles?|srt|vtt|json|txt))+$", re.IGNORECASE)


def _title_from(stem: str) -> str:
    """A title made of a file's stem, without the tool's or language's suffix ('talk.whisper', 'talk.en'):
    'what-is-a-neural-network' -> 'What is a Neural Network'."""
    stem = _TRACK_SUFFIXES.sub("", stem) or stem
    words = [w for w in re.split(r"[-_\s.]+", stem) if w]  # '01.intro', 'lecture-03.heaps': the dot parts too
    return " ".join(w if any(c.isupper() for c in w) else w if i and w in _SMALL_WORDS
                    else w.upper() if len(w) == 2 and w.isalpha() and w not in _TWO_LETTER_WORDS else w.capitalize()
                    for i, w in enumerate(words))


# English words (and abbreviations written with one capital: 'Dr', 'Ch', 'Pt') of two letters; any other two
# letters in a file name are an abbreviation in capitals: 'ml', 'ai', 'cs', 'os'
_TWO_LETTER_WORDS = frozenset("""an as at be by do go he if in is it me my no of on or so to up us we ok hi oh am ax ex
id ox pi ah ha lo ye eh dr mr ms st ch pt ep vs""".split())
