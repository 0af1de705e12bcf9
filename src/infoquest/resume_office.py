"""Text of Word (DOCX) and OpenDocument (ODT) résumés, parsed within a work budget.

Both are zip archives of XML parts. Sizes are checked from the archive's directory before anything is
inflated; then only the parts that hold the text (DOCX: the document, its headers and footers; ODT:
``content.xml`` and ``styles.xml`` for page headers) are parsed, in chunks, by the standard library's
expat parser, counting the XML elements as they are built and the characters as they are extracted.
A document type declaration (where entities are declared, and so entity-expansion bombs live) is
refused before its first entity: Word and LibreOffice never write one. Nothing touches the disk.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any
from xml.etree import ElementTree

from infoquest.budget import BudgetExceeded, WorkBudget
from infoquest.errors import ResumeReadError

#: XML elements built per document, every parsed part together. A long résumé has a few thousand.
MAX_XML_ELEMENTS = 200_000
#: Deepest element nesting accepted; documents nest a few dozen levels (tables in tables, text boxes).
MAX_XML_DEPTH = 200
#: Characters extracted per document, before normalising.
MAX_OFFICE_CHARACTERS = 400_000
_MAX_ZIP_ENTRIES = 5_000
# A long résumé's document.xml is well under 1 MiB.
_MAX_XML_PART = 8 * 1024 * 1024
_CHUNK = 64 * 1024
_SAVE_AGAIN = "open it and save it again as .docx or PDF"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class _DeclaresDTD(Exception):
    """The XML has a document type declaration (its internal subset may declare entities)."""


class _TooDeep(Exception):
    """The XML nests elements deeper than :data:`MAX_XML_DEPTH`."""


class _Builder(ElementTree.TreeBuilder):
    """An element tree builder that spends the budget on each element and refuses any DOCTYPE."""

    def __init__(self, budget: WorkBudget) -> None:
        super().__init__()
        self._budget = budget
        self._depth = 0

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        # expat calls this at the start of the declaration, before any entity in it is read.
        raise _DeclaresDTD

    def start(self, tag: Any, attrs: dict[Any, Any]) -> ElementTree.Element:
        self._budget.spend("elements")
        self._depth += 1
        if self._depth > MAX_XML_DEPTH:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag: Any) -> ElementTree.Element:
        self._depth -= 1
        return super().end(tag)


def _parse(archive: zipfile.ZipFile, member: str, budget: WorkBudget) -> ElementTree.Element:
    """One XML part of the archive as an element tree, fed to expat in chunks under the budget."""
    parser = ElementTree.XMLParser(target=_Builder(budget))
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
    root: ElementTree.Element = parser.close()
    return root


def _open_zip(data: bytes, name: str, kind: str, max_uncompressed: int) -> zipfile.ZipFile:
    """The archive, after checking the sizes its central directory declares, before inflating anything.

    zipfile stops inflating a member at its declared size (a longer stream fails its CRC check), so
    the declared sizes bound what reading a part can cost.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:
        raise ResumeReadError(f"{name}: not a readable {kind} file (damaged?); {_SAVE_AGAIN}") from exc
    declared = sum(info.file_size for info in infos)
    largest_xml = max((i.file_size for i in infos if i.filename.endswith(".xml")), default=0)
    if len(infos) > _MAX_ZIP_ENTRIES or declared > max_uncompressed:
        archive.close()
        raise ResumeReadError(
            f"{name}: the {kind} file would unpack to {declared / 2**20:,.1f} MiB in {len(infos):,} part(s) "
            f"(limit {max_uncompressed / 2**20:,.0f} MiB, {_MAX_ZIP_ENTRIES:,} parts); {_SAVE_AGAIN}"
        )
    if largest_xml > _MAX_XML_PART:
        archive.close()
        raise ResumeReadError(
            f"{name}: its text part is {largest_xml / 2**20:,.0f} MiB, far more than a résumé needs "
            f"(limit {_MAX_XML_PART // 2**20} MiB); give a shorter version"
        )
    return archive


def _budget() -> WorkBudget:
    return WorkBudget({"elements": MAX_XML_ELEMENTS, "characters": MAX_OFFICE_CHARACTERS})


def _refusal(name: str, kind: str, exc: Exception) -> ResumeReadError:
    """The message for a document the budget or the parser's guards stopped."""
    if isinstance(exc, _DeclaresDTD):
        return ResumeReadError(
            f"{name}: the {kind} file declares a DTD (where entity bombs hide), which word processors never "
            f"write; {_SAVE_AGAIN}"
        )
    if isinstance(exc, _TooDeep):
        return ResumeReadError(f"{name}: the {kind} file nests over {MAX_XML_DEPTH} levels deep; {_SAVE_AGAIN}")
    assert isinstance(exc, BudgetExceeded)
    if exc.what == "characters":
        return ResumeReadError(
            f"{name}: the {kind} file holds over {exc.limit:,} characters of text, too long for a résumé; "
            "give a shorter version"
        )
    return ResumeReadError(
        f"{name}: the {kind} file has over {exc.limit:,} XML {exc.what}, far more than a résumé needs; "
        "give a shorter version"
    )


class _Text:
    """Extracted text, paragraph by paragraph, paid for as it grows."""

    def __init__(self, budget: WorkBudget) -> None:
        self.budget = budget
        self.lines: list[str] = []

    def add(self, parts: list[str], piece: str) -> None:
        self.budget.spend("characters", len(piece) + 1)
        parts.append(piece)


# --- DOCX ------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_INLINE = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _docx_blocks(element: Any, text: _Text) -> None:
    """Paragraphs under ``element`` in document order: body, table cells (nested too), content controls."""
    for child in element:
        if child.tag == _W + "p":
            _docx_paragraph(child, text)
        elif child.tag != _FALLBACK:  # Word stores each text box twice; the fallback is the old copy
            _docx_blocks(child, text)


def _docx_paragraph(paragraph: Any, text: _Text) -> None:
    parts: list[str] = []
    boxes: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "t":
                text.add(parts, child.text or "")
            elif tag in _DOCX_INLINE:
                text.add(parts, _DOCX_INLINE[tag])
            elif tag == _W + "txbxContent":
                boxes.append(child)
            elif tag != _FALLBACK:
                walk(child)

    walk(paragraph)
    text.lines.append("".join(parts))
    for box in boxes:  # a text box reads after the paragraph that anchors it
        _docx_blocks(box, text)


def _relationships(archive: zipfile.ZipFile, names: set[str], part: str, budget: WorkBudget) -> list[tuple[str, str]]:
    """``(type, target part)`` of a part's internal relationships, in the order they are listed."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return []
    found = []
    for rel in _parse(archive, rels, budget).iter(_RELS):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append((rel.get("Type") or "", path))
    return found


def docx_text(data: bytes, name: str, *, max_uncompressed: int) -> str:
    """Text of a Word document: headers, body (paragraphs, tables, text boxes), then footers.

    Raises:
        ResumeReadError: not a Word document, damaged, too large, over the work budget, or a DTD.
    """
    budget = _budget()
    text = _Text(budget)
    with _open_zip(data, name, "DOCX", max_uncompressed) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
            raise ResumeReadError(f"{name}: a zip archive but not a Word document; {_SAVE_AGAIN}")
        try:
            main = next((p for t, p in _relationships(archive, names, "", budget) if t.endswith("/officeDocument")), "")
            if main not in names:
                raise ValueError("no main document part")
            related = _relationships(archive, names, main, budget)
            headers = [_parse(archive, p, budget) for t, p in related if t.endswith("/header") and p in names]
            footers = [_parse(archive, p, budget) for t, p in related if t.endswith("/footer") and p in names]
            body = _parse(archive, main, budget).find(f"{_W}body")
            if body is None:
                raise ValueError("no document body")
            for root in (*headers, body, *footers):
                _docx_blocks(root, text)
                text.lines.append("")
        except (BudgetExceeded, _DeclaresDTD, _TooDeep) as exc:
            raise _refusal(name, "DOCX", exc) from None
        except Exception as exc:
            raise ResumeReadError(f"{name}: not a readable Word document (damaged?); {_SAVE_AGAIN}") from exc
    return "\n".join(text.lines)


# --- ODT -------------------------------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_ODT_SKIP = {_TEXT + "note", _OFFICE + "annotation", _TEXT + "tracked-changes"}


def _odt_blocks(element: Any, text: _Text) -> None:
    for child in element:
        if child.tag in (_TEXT + "p", _TEXT + "h"):
            parts: list[str] = []
            boxes: list[Any] = []
            _odt_inline(child, parts, boxes, text)
            text.lines.append("".join(parts))
            for box in boxes:  # a frame's text reads after the paragraph that anchors it
                _odt_blocks(box, text)
        elif child.tag not in _ODT_SKIP:
            _odt_blocks(child, text)


def _spaces(count: str | None) -> int:
    """``text:c`` of ``<text:s>``: how many spaces, 1 to 100 (digits only, so no huge-integer parsing)."""
    return min(int(count), 100) if count and count.isdigit() and len(count) <= 3 else 1


def _odt_inline(element: Any, parts: list[str], boxes: list[Any], text: _Text) -> None:
    text.add(parts, element.text or "")
    for child in element:
        tag = child.tag
        if tag == _TEXT + "s":
            text.add(parts, " " * _spaces(child.get(_TEXT + "c")))
        elif tag == _TEXT + "tab":
            text.add(parts, "\t")
        elif tag == _TEXT + "line-break":
            text.add(parts, "\n")
        elif tag == _DRAW + "text-box":
            boxes.append(child)
        elif tag not in _ODT_SKIP:
            _odt_inline(child, parts, boxes, text)
        text.add(parts, child.tail or "")


def odt_text(data: bytes, name: str, *, max_uncompressed: int) -> str:
    """Text of an OpenDocument text file: page headers (from styles.xml), then the body in order.

    Raises:
        ResumeReadError: not an OpenDocument text, damaged, too large, over the work budget, or a DTD.
    """
    budget = _budget()
    text = _Text(budget)
    try:
        with _open_zip(data, name, "ODT", max_uncompressed) as archive:
            if archive.read("mimetype").strip() != _ODT_MIMETYPE:
                raise ValueError("not an OpenDocument text")
            content = _parse(archive, "content.xml", budget)
            styles = _parse(archive, "styles.xml", budget) if "styles.xml" in archive.namelist() else None
        if styles is not None:
            for header in styles.iter(_STYLE + "header"):
                _odt_blocks(header, text)
        _odt_blocks(content.find(f"{_OFFICE}body"), text)
    except ResumeReadError:
        raise
    except (BudgetExceeded, _DeclaresDTD, _TooDeep) as exc:
        raise _refusal(name, "ODT", exc) from None
    except Exception as exc:
        raise ResumeReadError(f"{name}: not a readable OpenDocument text (damaged?); {_SAVE_AGAIN}") from exc
    return "\n".join(text.lines)
