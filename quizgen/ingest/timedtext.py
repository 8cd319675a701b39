"""Caption XML: YouTube's timedtext (srv1 `<text start dur>`, srv2/srv3 `<text t d>` / `<p t d>` in
milliseconds) and TTML/DFXP (`<p begin end>`), as yt-dlp, pytube and caption editors save them."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from quizgen.errors import InputError
from quizgen.ingest.clean import clean_text
from quizgen.model import Segment

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)(?::(\d+))?$")  # 00:01:02.5, 00:01:02:12 (frames)
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$")
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def read_xml_captions(text: str, src: str) -> list[Segment]:
    """The timed caption paragraphs of a timedtext or TTML file, in file order."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except ET.ParseError as exc:
        raise InputError(src, f"bad XML ({_reason(exc)})", line=exc.position[0]) from None
    rates = _ttml_rates(root)
    segments = []
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("text", "p"):
            continue
        a = {_local(k): v for k, v in el.attrib.items()}
        if "start" in a:  # srv1: seconds
            start, end = _seconds(a["start"], src), None
            if a.get("dur"):
                end = start + _seconds(a["dur"], src)
        elif "t" in a:  # srv2, srv3: milliseconds
            start, end = _seconds(a["t"], src) / 1000, None
            if a.get("d"):
                end = start + _seconds(a["d"], src) / 1000
        elif "begin" in a:  # TTML
            start = _ttml_time(a["begin"], src, rates)
            end = _ttml_time(a["end"], src, rates) if a.get("end") else (
                start + _ttml_time(a["dur"], src, rates) if a.get("dur") else None)
        else:
            continue
        words = clean_text(" ".join(_spoken(el)))
        if words:
            segments.append(Segment(start, end, words))
    if not segments:
        raise InputError(src, "XML holds no timed caption text (expected timedtext <text>/<p> or TTML <p>)")
    return segments


def _spoken(el) -> list[str]:
    """The element's text with <br/> as a space (ElementTree's itertext would run 'measure<br/>of' together)."""
    parts = [el.text or ""]
    for child in el:
        parts.append(" " if _local(child.tag) == "br" else "")
        parts.extend(_spoken(child))
        parts.append(child.tail or "")
    return parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _reason(exc: ET.ParseError) -> str:
    return str(exc).split(":", 1)[0]


def _seconds(value: str, src: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise InputError(src, f"bad time {value!r}") from None


def _ttml_rates(root) -> tuple[float, float]:
    """TTML's frame rate and tick rate (ttp:frameRate, ttp:tickRate), for times in frames or ticks."""
    a = {_local(k): v for k, v in root.attrib.items()}
    try:
        frames = float(a.get("frameRate", 30))
        ticks = float(a.get("tickRate", 1))
    except ValueError:
        frames, ticks = 30.0, 1.0
    return frames or 30.0, ticks or 1.0


def _ttml_time(value: str, src: str, rates: tuple[float, float]) -> float:
    """'00:00:01.500', '00:00:01:12' (frames), '1.5s', '1500ms', '15000000t' (ticks) -> seconds."""
    value = value.strip()
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds, frames = clock.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds) + int(frames or 0) / rates[0]
    offset = _OFFSET.match(value)
    if offset:
        number, unit = float(offset.group(1)), offset.group(2)
        return number / rates[0] if unit == "f" else number / rates[1] if unit == "t" else number * _UNIT_SECONDS[unit]
    raise InputError(src, f"bad time {value!r}")
