"""Word documents (.docx) that hold a transcript, as Microsoft Teams, Otter and Rev export them: the text of
their paragraphs, read by the plain-text readers ('Jane Doe  0:15' above what was said is a stamp)."""
from __future__ import annotations

from pathlib import Path

from quizgen.errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = "word/document.xml"
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # the document's XML, unpacked: a transcript is a few megabytes at most


def is_word_document(path: Path, head: bytes) -> bool:
    """Whether a file is a zip archive that holds a Word document's body."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return _BODY in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def docx_text(path: Path) -> str:
    """The document's paragraphs, one per line, with its line breaks and tabs; text boxes, field codes and
    deleted (tracked) text are left out."""
    import zipfile
    import zlib
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_BODY)
            if info.file_size > MAX_DOCUMENT_BYTES:
                raise InputError(path, f"Word document too large ({info.file_size // 2 ** 20} MB of text XML)")
            data = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error) as exc:
        raise InputError(path, f"damaged Word document ({exc})") from None
    if b"<!DOCTYPE" in data[:4096]:  # Word writes none; one could define entities that expand without end
        raise InputError(path, "damaged Word document (it declares a DOCTYPE)")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(path, f"damaged Word document ({exc})") from None
    lines: list[str] = []
    _paragraphs(root, lines)
    return "\n".join(lines)


def _paragraphs(element, lines: list[str]) -> None:
    for child in element:
        if child.tag == _W + "p":
            parts: list[str] = []
            _runs(child, parts)
            lines.append("".join(parts))
        else:
            _paragraphs(child, lines)  # the body, tables, their rows and cells


def _runs(element, parts: list[str]) -> None:
    for child in element:
        if child.tag == _W + "t":
            parts.append(child.text or "")
        elif child.tag == _W + "tab":
            parts.append("\t")
        elif child.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif child.tag not in _UNSAID:
            _runs(child, parts)  # runs, hyperlinks, inserted (tracked) text, and text moved to here


# what a paragraph holds that is not said there: text boxes, deleted (tracked) text, the place text was moved from
# (its words stand where it was moved to), field codes
_UNSAID = frozenset(_W + tag for tag in ("txbxContent", "delText", "moveFrom", "instrText"))
