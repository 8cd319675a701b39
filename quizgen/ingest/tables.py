"""Tabular transcripts: dataset-viewer pastes, CSV/TSV, JSONL and Parquet files, as rows."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.rows import Row

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
        yield Row(lineno, dict(zip(columns, cells)))


def read_delimited(text: str, path: str, delimiter: str) -> Iterator[Row]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise InputError(path, "CSV has no header")
    rows = 0
    for row in reader:
        if None in row.values() or None in row:
            raise InputError(path, f"row has {len([v for v in row.values() if v is not None])} of "
                                   f"{len(reader.fieldnames)} columns", line=reader.line_num)
        rows += 1
        yield Row(reader.line_num, row)
    if not rows:
        raise InputError(path, "table has a header and no rows")


def read_jsonl(path: Path) -> Iterator[Row]:
    """Streams a JSON-lines file one row at a time (UTF-8, or UTF-16 with a BOM)."""
    with open(path, "rb") as fh:
        utf16 = fh.read(2) in (b"\xff\xfe", b"\xfe\xff")
    # UTF-8 is split into lines before decoding, so a bad byte is named by its own line
    with open(path, encoding="utf-16") if utf16 else open(path, "rb") as fh:
        for lineno, raw in enumerate(_lines_of(fh, utf16), start=1):
            try:
                line = raw if utf16 else raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputError(path, "not UTF-8 or UTF-16 text (re-save it as UTF-8)", line=lineno) from None
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise InputError(path, f"bad JSON line ({exc.msg})", line=lineno) from None
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
