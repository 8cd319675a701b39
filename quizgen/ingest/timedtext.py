"""Caption XML: YouTube's timedtext (srv1 `<text start dur>`, srv2/srv3 `<text t d>` / `<p t d>` in
milliseconds) and TTML/DFXP (`<p begin end>`), as yt-dlp, pytube and caption editors save them."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_text
from quizgen.ingest.rows import parse_seconds
from quizgen.model import Segment

SUFFIXES = (".xml", ".ttml", ".dfxp", ".srv1", ".srv2", ".srv3")
_NAMED_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)([^\W\d][\w.-]*);")  # a named entity but XML's own five
_START_TAG = re.compile(rb"""<[^\s>/]+(?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_ROOT = re.compile(r"<(?:\w+:)?(?:transcript|timedtext|tt)[\s>]")  # the root elements of caption XML
MAX_SECONDS = 100 * 3600.0  # a time beyond this is a misread unit, not a lecture
_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]?\d(?:[.,]\d+)?)(?::(\d+))?$")  # 00:01:02.5, 00:01:02:12 (frames)
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$")
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def looks_like_captions(head: str) -> bool:
    """Whether a file's head opens caption XML, not some other XML (a course manifest beside the lectures)."""
    return bool(_ROOT.search(head))


def read_xml_captions(text: str, src: str) -> list[Segment]:
    """The timed caption paragraphs of a timedtext or TTML file, in file order. A TTML paragraph's times
    count from its `<body>` and `<div>`'s own begin, and a paragraph timed only on its spans takes theirs."""
    body = text.lstrip("\ufeff \t\r\n")
    skipped = text[:len(text) - len(body)].count("\n")
    root, lines = _parse(body, src, skipped)
    segments: list[Segment] = []
    try:
        _collect(root, 0.0, _ttml_rates(root), src, segments)
    except _TimeError as exc:  # named by the line of the element that holds the time
        raise InputError(src, exc.reason, line=lines.get(exc.element)) from None
    if not segments:
        raise InputError(src, "XML holds no timed caption text (expected timedtext <text>/<p> or TTML <p>)")
    return segments


class _TimeError(Exception):
    def __init__(self, reason: str, element):
        super().__init__(reason)
        self.reason, self.element = reason, element


def _parse(text: str, src: str, skipped: int):
    """The element tree, and the line each element starts on (ElementTree keeps none)."""
    from xml.parsers import expat

    builder, lines = ET.TreeBuilder(), {}
    parser = expat.ParserCreate(namespace_separator="}")  # ElementTree's '{uri}name', less the '{'
    raw, declared = text.encode(), set()  # expat counts bytes of the UTF-8 it parses

    def start(tag, attrs):
        line = parser.CurrentLineNumber + skipped
        lines[builder.start(tag, attrs)] = line
        # expat drops an entity it cannot read inside an attribute, silently: start="1&x;5" would be 15 s
        opening = _START_TAG.match(raw, parser.CurrentByteIndex)  # quoted values may hold '>'
        for name in _NAMED_ENTITY.findall(opening.group(0).decode(errors="replace") if opening else ""):
            if name not in declared:
                raise InputError(src, f"entity '&{name};' in an attribute, and no DTD here defines it", line=line)

    parser.EntityDeclHandler = lambda name, *_: declared.add(name)
    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    # an entity that a DOCTYPE's external DTD would define ('&nbsp;') stays in the text, for clean_text to read
    # as HTML does, rather than vanish and glue two words together
    parser.SkippedEntityHandler = lambda name, parameter: None if parameter else builder.data(f"&{name};")
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise InputError(src, f"bad XML ({expat.ErrorString(exc.code)})", line=exc.lineno + skipped) from None
    return builder.close(), lines


def _collect(el, offset: float, rates: tuple[float, float], src: str, out: list[Segment]) -> None:
    name, a = _local(el.tag), _attrs(el)
    try:
        times = _times(a, offset, rates, src) or _span_times(el, offset, rates, src) if name in ("text", "p") else None
        if name in ("body", "div") and "begin" in a:
            offset += _ttml_time(a["begin"], src, rates)
    except InputError as exc:
        raise _TimeError(exc.reason, el) from None
    if name in ("text", "p"):
        if times:
            words = clean_text("".join(_spoken(el)))
            if words:
                out.append(Segment(*times, words))
            return
    for child in el:
        _collect(child, offset, rates, src, out)


def _times(a: dict, offset: float, rates: tuple[float, float], src: str) -> tuple[float, float | None] | None:
    """(start, end) in seconds from one element's attributes, or None when it has no time."""
    if "start" in a:  # srv1: seconds
        start = _seconds(a["start"], src)
        end = start + _seconds(a["dur"], src) if a.get("dur") else None
    elif "t" in a:  # srv2, srv3: milliseconds
        start = _seconds(a["t"], src, 0.001)
        end = start + _seconds(a["d"], src, 0.001) if a.get("d") else None
    elif "begin" in a:  # TTML
        start = offset + _ttml_time(a["begin"], src, rates)
        end = offset + _ttml_time(a["end"], src, rates) if a.get("end") else (
            start + _ttml_time(a["dur"], src, rates) if a.get("dur") else None)
    else:
        return None
    if end is not None and end < start:
        raise InputError(src, f"caption ends before it starts ({_clock(start)} to {_clock(end)})")
    return start, end


def _span_times(el, offset: float, rates: tuple[float, float], src: str) -> tuple[float, float | None] | None:
    """A TTML paragraph timed only on its spans: from the first span's begin to the last one's end."""
    spans = []
    for span in el.iter():
        a = _attrs(span)
        if span is not el and "begin" in a:
            try:
                spans.append(_times(a, offset, rates, src))
            except InputError as exc:
                raise _TimeError(exc.reason, span) from None
    if not spans:
        return None
    ends = [e for _, e in spans if e is not None]
    return min(s for s, _ in spans), max(ends) if ends else None


def _spoken(el) -> list[str]:
    """The element's words as written, with <br/> as a line break (ElementTree's itertext drops it)."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if _local(child.tag) == "br" else "")
        parts.extend(_spoken(child))
        parts.append(child.tail or "")
    return parts


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attrs(el) -> dict[str, str]:
    """An element's attributes by their local names ('ttp:tickRate' is 'tickRate')."""
    return {_local(k): v for k, v in el.attrib.items()}


def _clock(seconds: float) -> str:
    return f"{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}:{seconds % 60:06.3f}"


def _checked(seconds: float, value: str, src: str) -> float:
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS:
        raise InputError(src, f"bad time {value!r}")
    return seconds


def _seconds(value: str, src: str, unit: float = 1.0) -> float:
    """A time attribute in seconds; `unit` is the attribute's unit in seconds (srv2 and srv3 count in ms)."""
    return _checked(parse_seconds(value, src, None) * unit, value, src)


def _ttml_rates(root) -> tuple[float, float]:
    """TTML's frame rate and tick rate (ttp:frameRate, ttp:tickRate), for times in frames or ticks. Without a
    tick rate, a tick is a frame's sub-frame where a frame rate is given, else a second (TTML's defaults)."""
    a = _attrs(root)
    try:
        frames = float(a.get("frameRate", 30)) or 30.0
        sub = float(a.get("subFrameRate", 1)) or 1.0
        ticks = float(a["tickRate"]) if "tickRate" in a else frames * sub if "frameRate" in a else 1.0
    except ValueError:
        frames, ticks = 30.0, 1.0
    return frames, ticks or 1.0


def _ttml_time(value: str, src: str, rates: tuple[float, float]) -> float:
    """'00:00:01.500', '00:00:01:12' (frames), '1.5s', '1500ms', '15000000t' (ticks) -> seconds."""
    value = value.strip()
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds, frames = clock.groups()
        total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))
        return _checked(total + int(frames or 0) / rates[0], value, src)
    offset = _OFFSET.match(value)
    if offset:
        number, unit = float(offset.group(1)), offset.group(2)
        total = number / rates[0] if unit == "f" else number / rates[1] if unit == "t" else number * _UNIT_SECONDS[unit]
        return _checked(total, value, src)
    raise InputError(src, f"bad time {value!r}")
