"""Tabular transcripts: dataset-viewer pastes, CSV/TSV, JSONL and Parquet files, as rows."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.rows import END_KEYS, ID_KEYS, START_KEYS, Row, parse_seconds

_TYPE_LINE = re.compile(r"^(stringlengths|int64|float64|int32|float32|string|bool|sequence|list|timestamp|"
                        r"classes|date|struct|dict|null)\b", re.I)
_RULE = re.compile(r"^\s*-{3,}(\s*\|\s*-{3,})*\s*\|?\s*$")


def read_viewer_paste(text: str, path: str) -> Iterator[Row]:
    """A table copied from a dataset viewer: column names with type lines, a ---|--- rule, `|` rows."""
    lines = text.splitlines()
    rule = next((i for i, line in enumerate(lines) if _RULE.match(line)), None)
    if rule is None:
        raise InputError(path, "table has no ---|--- header rule")
    columns: list[str] = []
    expect_name = True
    for line in lines[:rule]:
        name = line.strip().lstrip("|").strip()
        if not name:
            expect_name = True
            continue
        if line.lstrip().startswith("|") or (expect_name and not columns):
            columns.append(name)
            expect_name = False
    if "text" not in [c.lower() for c in columns]:
        raise InputError(path, f"table has no text column (columns: {', '.join(columns) or 'none'})")
    text_at = [c.lower() for c in columns].index("text")
    lowered = [c.lower() for c in columns]
    needed = 1 + max(i for i, c in enumerate(lowered) if c in ("text", "video_id", "start_second", "end_second",
                                                               "start", "end"))
    for lineno, line in enumerate(lines[rule + 1:], start=rule + 2):
        if "|" not in line:  # blank lines and the viewer's footer ("Subsets and Splits")
            continue
        cells = [c.strip() for c in line.rstrip().removesuffix("|").split("|")]
        if len(cells) > len(columns):  # a '|' inside the text
            extra = len(cells) - len(columns)
            cells[text_at:text_at + extra + 1] = [" | ".join(cells[text_at:text_at + extra + 1])]
        if len(cells) < needed:
            raise InputError(path, f"row has {len(cells)} of {len(columns)} columns", line=lineno)
        cells += [""] * (len(columns) - len(cells))  # trailing optional cells (title, thumbnail) cut off
        # the viewer shows a missing value as 'null'; the text column keeps any word it says
        yield Row(lineno, {c: "" if cell == "null" and i != text_at else cell
                           for i, (c, cell) in enumerate(zip(columns, cells))})


def read_delimited(text: str, path: str, delimiter: str, *, quoted: bool = True) -> Iterator[Row]:
    """CSV or TSV rows under their header. A quote left open is refused, not read on: the csv module reads the
    rows after it into its field, silently (to the end of the file, or to the next quote that closes it).
    Without `quoted` (Whisper's TSV, whose text is as said, quotes and all), a quote is only a character."""
    if quoted:
        unclosed = _unclosed_quote(text, delimiter)
        if unclosed is not None:
            raise InputError(path, _UNCLOSED.format("to the end of the file"), line=unclosed)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter,
                            quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE)
    yield from _rows_of(reader, path, delimiter)


def _rows_of(reader: csv.DictReader, path: str, delimiter: str) -> Iterator[Row]:
    """The reader's rows, each checked for its columns and for a quote that swallowed the rows after it."""
    if not reader.fieldnames:
        raise InputError(path, "CSV has no header")
    rows = 0
    for row in reader:
        opened = _swallowing_field(row, delimiter)
        if opened is not None:
            first = reader.line_num - _breaks(row.values())  # the row's first line
            raise InputError(path, _UNCLOSED.format("into the rows after it"), line=first + opened)
        if None in row.values() or None in row:
            raise InputError(path, f"row has {len([v for v in row.values() if v is not None])} of "
                                   f"{len(reader.fieldnames)} columns", line=reader.line_num)
        rows += 1
        yield Row(reader.line_num, row)
    if not rows:
        raise InputError(path, "table has a header and no rows")


_UNCLOSED = "unclosed quote: the quoted text that opens on this line runs on {}; add its closing '\"'"


def _unclosed_quote(text: str, delimiter: str) -> int | None:
    """The line where a quoted field opens that no quote closes before the end of the file. Read as the csv
    module reads: a quote opens a field only at the field's start, and '""' inside a quoted field is a quote."""
    at = text.find('"')
    while at != -1:
        if at == 0 or text[at - 1] in (delimiter, "\n"):
            end = text.find('"', at + 1)
            while end != -1 and text.startswith('"', end + 1):  # '""'
                end = text.find('"', end + 2)
            if end == -1:
                return text.count("\n", 0, at) + 1
            at = end
        at = text.find('"', at + 1)
    return None


def _swallowing_field(row: dict, delimiter: str) -> int | None:
    """A quoted field that spans lines and holds a whole row of the table on a line of its own: its closing
    quote is missing, and a quote rows later closed it. A line break inside quotes alone is no fault. The
    answer is the field's first line, counted from its row's first line (0)."""
    before = 0
    for value in row.values():  # a whole row on the field's last line may be the text's own ('5, 10, or 15 apples"')
        if isinstance(value, str) and any(_whole_row(line, row, delimiter) for line in value.split("\n")[1:-1]):
            return before
        before += _breaks([value])
    return None


def _whole_row(line: str, row: dict, delimiter: str) -> bool:
    """Whether `line` reads as a row of the table that `row` is from: a cell under each column, with a time in
    each time column, or (in a table without times) the row's own video id in its id column."""
    own = {str(key).strip().lower(): str(value).strip() for key, value in row.items() if key is not None}
    cells = next(csv.reader([line], delimiter=delimiter), [])
    if len(own) < 2 or len(cells) != len(own):
        return False
    cells = dict(zip(own, (cell.strip() for cell in cells)))
    times = [name for name in own if name in (*START_KEYS, *END_KEYS, "duration")]
    if times:
        return all(_is_time(cells[name]) for name in times)
    ids = [name for name in own if name in ID_KEYS]
    return bool(ids) and all(cells[name] and cells[name] == own[name] for name in ids)


def _is_time(value: str) -> bool:
    try:
        return parse_seconds(value, "", None) is not None
    except InputError:
        return False


def _breaks(values) -> int:
    """Line breaks in a csv row's values (cells past its header's columns come as a list)."""
    return sum(v.count("\n") if isinstance(v, str) else _breaks(v) if isinstance(v, list) else 0 for v in values)


def json_fault(exc: json.JSONDecodeError) -> str:
    """json's reason with its column: its own reasons end in 'at' when they wait for the position
    ('Invalid control character at')."""
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def read_jsonl(path: Path) -> Iterator[Row]:
    """Streams a JSON-lines file one row at a time (UTF-8, or UTF-16 with a BOM or without)."""
    from quizgen.ingest import utf16_order

    with open(path, "rb") as fh:
        head = fh.read(4096)
    utf16 = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_order(head)
    # UTF-8 is split into lines before decoding, so a bad byte is named by its own line
    with open(path, encoding=utf16) if utf16 else open(path, "rb") as fh:
        lineno = 0
        try:
            for lineno, raw in enumerate(_lines_of(fh, utf16 is not None), start=1):
                yield from _jsonl_row(raw, utf16 is not None, path, lineno)
        except UnicodeDecodeError:  # UTF-16 that text mode cannot read on
            raise InputError(path, "bad UTF-16 text", line=lineno + 1) from None


def _jsonl_row(raw, text: bool, path: Path, lineno: int) -> Iterator[Row]:
    """The row on one line of a JSON-lines file (none on a blank line); `raw` is bytes unless `text`."""
    try:
        line = raw if text else raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 or UTF-16 text (re-save it as UTF-8)", line=lineno) from None
    if not line.strip():
        return
    try:
        value = json.loads(line.rstrip("\r\n"))  # an unclosed string ends at its line's end
    except json.JSONDecodeError as exc:
        raise InputError(path, f"bad JSON line ({json_fault(exc)})", line=lineno) from None
    if not isinstance(value, dict):
        raise InputError(path, "JSON line is not an object", line=lineno)
    yield Row(lineno, value)


def _lines_of(fh, text: bool) -> Iterator:
    """A file's lines; in bytes, a line that holds classic Mac line breaks ('\r' alone) is several. (Text mode
    reads any line ending already.)"""
    for raw in fh:
        if text or b"\r" not in raw.rstrip(b"\r\n"):
            yield raw
        else:
            yield from (piece for piece in raw.replace(b"\r\n", b"\n").rstrip(b"\n").split(b"\r"))


def read_parquet(path: Path) -> Iterator[Row]:
    """Streams a Parquet file batch by batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise _unreadable(path, exc) from None
    batches = pf.iter_batches(batch_size=2048)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as exc:  # a damaged row group past the footer
            raise _unreadable(path, exc) from None
        if batch is None:
            return
        for values in batch.to_pylist():
            yield Row(None, values)


def _unreadable(path: Path, exc: Exception) -> InputError:
    # pyarrow's messages span lines; the CLI prints one
    return InputError(path, f"unreadable Parquet file ({' '.join(str(exc).split())})")
