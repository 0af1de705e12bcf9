"""Readers that turn the bytes of one résumé format into plain text: PDF, DOCX, ODT, JSON Resume, text.

Each reader takes the file's bytes and the name to use in messages, and returns raw text with one line
per visual line or paragraph; :mod:`infoquest.resume` normalises it and finds the sections. Every
failure is a :class:`~infoquest.errors.ResumeReadError` whose message names the file, never its
contents. Nothing is written to disk: the libraries read from :class:`io.BytesIO`.
"""

from __future__ import annotations

import codecs
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from typing import Any

from infoquest.errors import ResumeReadError

_PASTE = "or paste the text into a .txt file"
_EXPORT = f"export it again from the original {_PASTE}"
_SIMPLER = f"print it to a new PDF {_PASTE}"

# --- PDF ----------------------------------------------------------------------------------------

#: Content-stream operators interpreted per PDF. A text-heavy résumé page has one to five thousand;
#: the cap keeps a crafted file to a few seconds of work.
MAX_PDF_OPERATIONS = 150_000
#: Content-stream bytes pypdf would parse for a PDF's pages and the forms they draw, checked before
#: parsing (about 1.5 s per MiB). A dense page of text is 20–100 KiB.
MAX_PDF_CONTENT_BYTES = 2 * 1024 * 1024
_MAX_PDF_STREAMS = 2_000


class _Budget:
    """Counts pypdf's operators and stops the extraction once a document has used its share."""

    def __init__(self, operations: int) -> None:
        self.left = operations

    def __call__(self, *_: object) -> None:
        self.left -= 1
        if self.left < 0:
            # pypdf logs and swallows errors inside form XObjects, so the caller also checks ``left``.
            raise RuntimeError("operation budget exhausted")


def _content_streams(node: Any, depth: int = 0) -> Iterator[Any]:
    """A page's content streams and the form XObjects it draws (which hold text too), a few levels deep."""
    contents = node.get("/Contents")
    if contents is not None:
        contents = contents.get_object()
        yield from (part.get_object() for part in contents) if isinstance(contents, list) else [contents]
    resources = node.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is not None and depth < 3:
        for reference in xobjects.get_object().values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield xobject
                yield from _content_streams(xobject, depth + 1)


def _content_too_large(pages: Any) -> bool:
    """Whether pypdf would parse more than :data:`MAX_PDF_CONTENT_BYTES` of content for these pages.

    A form drawn on every page counts on every page: pypdf parses it each time.
    """
    total = 0
    for count, stream in enumerate(itertools.chain.from_iterable(map(_content_streams, pages))):
        total += len(stream.get_data())
        if total > MAX_PDF_CONTENT_BYTES or count > _MAX_PDF_STREAMS:
            return True
    return False


def pdf_text(data: bytes, name: str, *, max_pages: int) -> str:
    """Text of a PDF in content-stream order (pypdf's plain mode), pages separated by blank lines.

    Plain mode follows the order the producer drew the text, which keeps a sidebar apart from the main
    column and a table's label next to its cell; layout mode sorts by position and merges side-by-side
    columns line by line.
    """
    if b"%PDF-" not in data[:1024]:  # also keeps pypdf from quoting the first bytes in a warning
        raise ResumeReadError(f"{name}: not a PDF (no PDF header); {_EXPORT}")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        locked = reader.is_encrypted and not reader.decrypt("")  # many open with an empty password
    except DependencyError as exc:  # AES needs pypdf's optional "crypto" extra
        raise ResumeReadError(
            f"{name}: the PDF is AES-encrypted; install 'pypdf[crypto]' to read it, "
            f"or save a copy without a password {_PASTE}"
        ) from exc
    except Exception as exc:
        raise ResumeReadError(f"{name}: not a readable PDF (damaged or incomplete); {_EXPORT}") from exc
    if locked:
        raise ResumeReadError(f"{name}: the PDF is password-protected; save a copy without a password {_PASTE}")
    budget = _Budget(MAX_PDF_OPERATIONS)
    pages: list[str] = []
    try:
        count = len(reader.pages)
        if count > max_pages:
            raise ResumeReadError(
                f"{name}: {count} pages is more than the {max_pages} a résumé may have; give a shorter version"
            )
        if _content_too_large(reader.pages):
            raise ResumeReadError(f"{name}: the PDF's pages are too complex to read; {_SIMPLER}")
        for page in reader.pages:
            pages.append(page.extract_text(visitor_operand_before=budget))
            if budget.left < 0:
                raise RuntimeError("operation budget exhausted")
    except ResumeReadError:
        raise
    except Exception as exc:
        if budget.left < 0:
            raise ResumeReadError(f"{name}: the PDF's pages are too complex to read; {_SIMPLER}") from exc
        raise ResumeReadError(f"{name}: not a readable PDF (damaged or incomplete); {_EXPORT}") from exc
    text = "\n\n".join(pages)
    if not re.search(r"[^\W\d_]{2}", text):
        raise ResumeReadError(f"{name}: the PDF has no text layer (scanned image?); export a text PDF {_PASTE}")
    return text


# --- Zip containers: DOCX and ODT -----------------------------------------------------------------

_MAX_ZIP_ENTRIES = 5_000
# Walking the XML costs about a second per 8 MiB; a long résumé's document.xml is well under 1 MiB.
_MAX_XML_PART = 8 * 1024 * 1024
_SAVE_AGAIN = "open it and save it again as .docx or PDF"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _open_zip(data: bytes, name: str, kind: str, max_uncompressed: int) -> zipfile.ZipFile:
    """The archive, after checking the sizes its central directory declares, before inflating anything.

    zipfile stops inflating a member at its declared size (a longer stream fails its CRC check), so
    the declared total bounds the memory the document libraries can use.
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_INLINE = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_blocks(element: Any, out: list[str]) -> None:
    """Paragraphs under ``element`` in document order: body, table cells (nested too), content controls."""
    for child in element:
        if child.tag == _W + "p":
            _docx_paragraph(child, out)
        elif child.tag != _FALLBACK:  # Word stores each text box twice; the fallback is the old copy
            _docx_blocks(child, out)


def _docx_paragraph(paragraph: Any, out: list[str]) -> None:
    parts: list[str] = []
    boxes: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _DOCX_INLINE:
                parts.append(_DOCX_INLINE[tag])
            elif tag == _W + "txbxContent":
                boxes.append(child)
            elif tag != _FALLBACK:
                walk(child)

    walk(paragraph)
    out.append("".join(parts))
    for box in boxes:  # a text box reads after the paragraph that anchors it
        _docx_blocks(box, out)


def docx_text(data: bytes, name: str, *, max_uncompressed: int) -> str:
    """Text of a Word document: headers, body (paragraphs, tables, text boxes), then footers."""
    with _open_zip(data, name, "DOCX", max_uncompressed) as archive:
        names = set(archive.namelist())
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise ResumeReadError(f"{name}: a zip archive but not a Word document; {_SAVE_AGAIN}")
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(data))
        rels = [rel for rel in document.part.rels.values() if not rel.is_external]
        headers = [rel.target_part.element for rel in rels if rel.reltype == RT.HEADER]
        footers = [rel.target_part.element for rel in rels if rel.reltype == RT.FOOTER]
        out: list[str] = []
        for root in (*headers, document.element.body, *footers):
            _docx_blocks(root, out)
            out.append("")
    except Exception as exc:
        raise ResumeReadError(f"{name}: not a readable Word document (damaged?); {_SAVE_AGAIN}") from exc
    return "\n".join(out)


_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_ODT_SKIP = {_TEXT + "note", _OFFICE + "annotation", _TEXT + "tracked-changes"}


def _odt_blocks(element: Any, out: list[str]) -> None:
    for child in element:
        if child.tag in (_TEXT + "p", _TEXT + "h"):
            parts: list[str] = []
            boxes: list[Any] = []
            _odt_inline(child, parts, boxes)
            out.append("".join(parts))
            for box in boxes:  # a frame's text reads after the paragraph that anchors it
                _odt_blocks(box, out)
        elif child.tag not in _ODT_SKIP:
            _odt_blocks(child, out)


def _odt_inline(element: Any, parts: list[str], boxes: list[Any]) -> None:
    parts.append(element.text or "")
    for child in element:
        tag = child.tag
        if tag == _TEXT + "s":
            parts.append(" " * min(int(child.get(_TEXT + "c", "1") or 1), 100))
        elif tag == _TEXT + "tab":
            parts.append("\t")
        elif tag == _TEXT + "line-break":
            parts.append("\n")
        elif tag == _DRAW + "text-box":
            boxes.append(child)
        elif tag not in _ODT_SKIP:
            _odt_inline(child, parts, boxes)
        parts.append(child.tail or "")


def odt_text(data: bytes, name: str, *, max_uncompressed: int) -> str:
    """Text of an OpenDocument text file: page headers (from styles.xml), then the body in order."""
    # The standard library's parser: expat 2.4.1+ resists entity expansion, and it fetches nothing.
    from xml.etree import ElementTree

    out: list[str] = []
    try:
        with _open_zip(data, name, "ODT", max_uncompressed) as archive:
            if archive.read("mimetype").strip() != _ODT_MIMETYPE:
                raise ValueError("not an OpenDocument text")
            content = ElementTree.fromstring(archive.read("content.xml"))
            has_styles = "styles.xml" in archive.namelist()
            styles = ElementTree.fromstring(archive.read("styles.xml")) if has_styles else None
        if styles is not None:
            for header in styles.iter(_STYLE + "header"):
                _odt_blocks(header, out)
        _odt_blocks(content.find(f"{_OFFICE}body"), out)
    except ResumeReadError:
        raise
    except Exception as exc:
        raise ResumeReadError(f"{name}: not a readable OpenDocument text (damaged?); {_SAVE_AGAIN}") from exc
    return "\n".join(out)


# --- JSON Resume (https://jsonresume.org/schema) ------------------------------------------------------

# heading, array in the résumé, fields joined into each entry's title, its summary field, its list field
_JSON_SECTIONS = (
    ("Experience", "work", ("position", "name", "company"), "summary", "highlights"),
    ("Volunteer", "volunteer", ("position", "organization"), "summary", "highlights"),
    ("Education", "education", ("studyType", "area", "institution"), "", "courses"),
    ("Projects", "projects", ("name",), "description", "highlights"),
    ("Skills", "skills", ("name", "level"), "", "keywords"),
    ("Certifications", "certificates", ("name", "issuer"), "", ""),
    ("Awards", "awards", ("title", "awarder"), "summary", ""),
    ("Publications", "publications", ("name", "publisher"), "summary", ""),
    ("Languages", "languages", ("language", "fluency"), "", ""),
    ("Interests", "interests", ("name",), "", "keywords"),
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _str(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date(value: object) -> str:
    text = _str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", text)
    if match and 1 <= int(match[2]) <= 12:
        return f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    return text


def _dates(item: Mapping[str, object]) -> str:
    start, end = _date(item.get("startDate")), _date(item.get("endDate"))
    single = _date(item.get("date")) or _date(item.get("releaseDate"))
    return f"({start} – {end or 'present'})" if start else f"({end or single})" if end or single else ""


def json_resume_text(text: str, name: str) -> str:
    """A JSON Resume document as sectioned plain text; contact details and references are left out."""
    try:
        resume = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ResumeReadError(f"{name}: not valid JSON{where}; fix it or save the résumé as text") from exc
    known = ("basics", *(section[1] for section in _JSON_SECTIONS))
    if not isinstance(resume, dict) or not any(key in resume for key in known):
        raise ResumeReadError(
            f"{name}: JSON but not a JSON Resume object (https://jsonresume.org/schema); "
            "give an object with keys such as basics, work and education"
        )
    basics = resume.get("basics")
    basics = basics if isinstance(basics, dict) else {}
    location = basics.get("location")
    location = location if isinstance(location, dict) else {}
    place = ", ".join(filter(None, (_str(location.get(k)) for k in ("city", "region", "countryCode"))))
    lines = [_str(basics.get("name")), " | ".join(filter(None, (_str(basics.get("label")), place)))]
    if summary := _str(basics.get("summary")):
        lines += ["", "Summary", summary]
    for heading, key, title_fields, summary_field, list_field in _JSON_SECTIONS:
        entries = resume.get(key)
        entries = [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []
        section: list[str] = []
        for entry in entries:
            title = ", ".join(filter(None, (_str(entry.get(field)) for field in title_fields)))
            raw_items = entry.get(list_field)
            items = [s for s in map(_str, raw_items) if s] if isinstance(raw_items, list) else []
            if list_field == "keywords":  # a skill's keywords read best on its own line
                title, items = ": ".join(filter(None, (title, ", ".join(items)))), []
            summary = _str(entry.get(summary_field))
            if not (title or summary or items):  # dates alone say nothing
                continue
            title = " ".join(filter(None, (title, _dates(entry))))
            section += [line for line in (title, summary) if line]
            section += [f"- {item}" for item in items]
        if section:
            lines += ["", heading, *section]
    return "\n".join(lines)


# --- Plain text --------------------------------------------------------------------------------------

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _decode(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        # UTF-16 without a byte-order mark leaves every other byte of ASCII text zero; else it is binary.
        for zeros, encoding in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
            if len(data) % 2 == 0 and zeros.count(0) > 0.6 * len(zeros):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    return None
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # On short Western European text charset-normalizer often ties cp1252 with cp1250 (so "ñ" would
    # become "ń"); cp1252 is by far the commoner legacy encoding, so it wins a tie.
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos and match.coherence >= best.coherence - 0.05:
            return str(match)
    return str(best)


def decode_text(data: bytes, name: str) -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16/32 with BOM, else charset-normalizer's guess."""
    text = _decode(data)
    if text is None or len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise ResumeReadError(
            f"{name}: looks like a binary file, not text; save the résumé as UTF-8 .txt, .docx or PDF"
        )
    return text
