"""Readers that turn the text of a résumé into plain text: JSON Resume, and bytes of any text encoding.

PDF is read by :mod:`infoquest.resume_pdf`, DOCX and ODT by :mod:`infoquest.resume_office`. Each reader
takes the input and the name to use in messages, and returns raw text with one line per visual line or
paragraph; :mod:`infoquest.resume` normalises it and finds the sections. Every failure is a
:class:`~infoquest.errors.ResumeReadError` whose message names the file, never its contents.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from infoquest.errors import ResumeReadError
from infoquest.jsonsafe import JSONTextError, loads

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


_SURROGATE = re.compile("[\ud800-\udfff]")


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
        resume = loads(text)
    except JSONTextError as exc:
        raise ResumeReadError(f"{name}: {exc.reason}{exc.where}; fix it or save the résumé as text") from None
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
    result = "\n".join(lines)
    if _SURROGATE.search(result):  # a "\ud800" escape: text no file can hold, nor any model read
        raise ResumeReadError(
            f"{name}: contains an invalid \\u escape (a lone UTF-16 surrogate such as \\ud800); "
            "fix that character or save the résumé as text"
        )
    return result


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
