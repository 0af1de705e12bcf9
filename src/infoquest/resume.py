"""Reading a job seeker's résumé file into normalised plain text, split into its visible sections.

:func:`read_resume` takes a path (or ``"-"`` for standard input) and returns a :class:`ResumeText`.
PDF, DOCX, ODT, JSON Resume, Markdown and plain text are read; the per-format readers live in
:mod:`infoquest.resume_formats`. Everything happens in memory and every input is bounded by the
``MAX_*`` limits below. The text is never logged or written anywhere, and error messages name the
file, never its contents.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import BinaryIO

from infoquest import resume_formats, resume_office, resume_pdf
from infoquest._files import FileTooLargeError, NotRegularFileError, describe, read_bounded
from infoquest._quiet import quiet_libraries
from infoquest.errors import ResumeReadError

#: Files above this size are refused before they are read; a long résumé PDF is well under 1 MiB.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: PDFs with more pages are refused: the recommender needs a résumé, not a publication list.
MAX_PAGES = 20
#: Longest text accepted after normalising: about 15,000 words, several times a long CV.
MAX_TEXT_CHARS = 100_000
#: Largest total uncompressed size a DOCX or ODT archive may declare; checked before inflating anything.
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024

_FORMAT_OF_EXTENSION = {
    ".docx": "docx",
    ".json": "json",
    ".markdown": "md",
    ".md": "md",
    ".odt": "odt",
    ".pdf": "pdf",
    ".text": "txt",
    ".txt": "txt",
}
#: File name extensions :func:`read_resume` accepts; a file without one has its format sniffed.
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_FORMAT_OF_EXTENSION)
#: Values of :attr:`ResumeText.format`, and of the ``fmt`` argument of :func:`read_resume_bytes`.
FORMATS: tuple[str, ...] = ("pdf", "docx", "odt", "json", "md", "txt")

_SUPPORTED = ", ".join(SUPPORTED_EXTENSIONS)
_KNOWN_UNSUPPORTED = {
    ".doc": "legacy Word files (.doc) are not read; save it as .docx or PDF",
    ".rtf": "RTF files are not read; save it as .docx, PDF or .txt",
    ".pages": "Apple Pages files are not read; export it as .docx or PDF",
}


@dataclass(frozen=True)
class ResumeText:
    """A résumé as normalised plain text, with the sections whose headings could be seen.

    Attributes:
        text: the whole résumé; whitespace folded within lines, paragraphs kept apart by a blank line.
        sections: canonical section name (``"experience"``, ``"education"``, ``"skills"``,
            ``"summary"``, ... and ``"header"`` for the lines above the first heading) to its text;
            empty when no heading was recognised. Read-only.
        source: the file name as given, or ``"<stdin>"``.
        format: one of :data:`FORMATS`.
    """

    # The résumé is personal data: keep it out of repr so a log line or traceback cannot leak it.
    text: str = field(repr=False)
    sections: Mapping[str, str] = field(repr=False)
    source: str = ""
    format: str = "txt"

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", MappingProxyType(dict(self.sections)))

    def __hash__(self) -> int:
        return hash((self.text, tuple(self.sections.items()), self.source, self.format))

    def __reduce__(self) -> tuple[type[ResumeText], tuple[str, dict[str, str], str, str]]:
        # A mappingproxy cannot be pickled; rebuild from a plain dict so copy and multiprocessing work.
        return (ResumeText, (self.text, dict(self.sections), self.source, self.format))

    def to_dict(self) -> dict[str, object]:
        """The fields as plain, JSON-serialisable values."""
        return {
            "text": self.text,
            "sections": dict(self.sections),
            "source": self.source,
            "format": self.format,
        }


# --- Sections --------------------------------------------------------------------------------------

_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "professional summary", "career summary", "profile", "professional profile",
                "personal profile", "objective", "career objective", "about", "about me",
                "personal statement", "overview"),
    "experience": ("experience", "work experience", "professional experience", "relevant experience",
                   "employment", "employment history", "work history", "career history",
                   "clinical experience", "teaching experience", "research experience",
                   "leadership experience", "internships", "experience highlights"),
    "education": ("education", "academic background", "academic qualifications", "qualifications",
                  "training", "courses", "coursework", "relevant coursework", "professional development",
                  "continuing education"),
    "skills": ("skills", "technical skills", "key skills", "core skills", "core competencies",
               "competencies", "tools", "technologies", "areas of expertise", "expertise", "strengths"),
    "projects": ("projects", "selected projects", "key projects", "personal projects",
                 "academic projects", "portfolio"),
    "volunteer": ("volunteer", "volunteering", "volunteer experience", "volunteer work",
                  "community involvement", "community service"),
    "certifications": ("certifications", "certification", "certificates", "licenses", "licences",
                       "licenses and certifications", "licences and certifications", "credentials"),
    "publications": ("publications", "selected publications", "papers", "presentations"),
    "awards": ("awards", "honors", "honours", "achievements", "accomplishments"),
    "languages": ("languages", "language skills"),
    "interests": ("interests", "hobbies"),
    "contact": ("contact", "contact information", "contact details", "personal details"),
    "career_break": ("career break", "career gap", "career pause"),
    "references": ("references",),
}  # fmt: skip
_HEADING_KEY = {phrase: key for key, phrases in _HEADINGS.items() for phrase in phrases}
_LETTER_SPACED = re.compile(r"(?:[^\W\d_] ){3,}[^\W\d_]")


def _heading_key(line: str) -> str | None:
    """The canonical section a line names when it is a heading on its own line, else ``None``."""
    if len(line) > 50:
        return None
    words = line.strip().lstrip("#").strip(" *_=:")
    if _LETTER_SPACED.fullmatch(words):  # designer headings: "S K I L L S"
        words = words.replace(" ", "")
    words = " ".join(re.sub(r"[^\w\s]", " ", words.lower().replace("&", " and ")).split())
    # "Education and Certifications", "Skills and Tools": the first named section wins.
    return _HEADING_KEY.get(words) or _HEADING_KEY.get(words.split(" and ")[0])


def split_sections(text: str) -> dict[str, str]:
    """Split résumé text at its recognised headings.

    A heading is a line of its own naming a common section (Experience, Work History, Education,
    Skills, Summary, Profile, Projects, Volunteer, Certifications, Awards, ...), in any case, with an
    optional Markdown ``#`` prefix and trailing colon. Sections that map to the same name (e.g.
    "Clinical Experience" and "Work Experience") are joined with a blank line.

    Args:
        text: résumé text, one heading or paragraph line per line.

    Returns:
        Canonical name to section text, in order of first appearance, with ``"header"`` for any lines
        above the first heading; empty when no heading is found.
    """
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    preamble: list[str] = []
    for line in text.splitlines():
        key = _heading_key(line) if line.strip() else None
        if key is not None:
            current = sections.setdefault(key, [])
            if current:
                current.append("")
        else:
            (preamble if current is None else current).append(line)
    if not sections:
        return {}
    found = {"header": preamble, **sections} if "".join(preamble).strip() else sections
    return {key: text for key, lines in found.items() if (text := "\n".join(lines).strip())}


# --- Normalising -----------------------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_INVISIBLE = str.maketrans(
    dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0xAD, 0x200B, 0x2060, 0xFEFF])
)
# Bullet glyphs, including the private-use ones Word's Symbol and Wingdings fonts leave in PDFs.
_BULLET = re.compile(r"^(?:[•●▪■◦○◆◇►▸‣⁃∙·\uf0a7\uf0b7\uf076\uf0d8\uf0fc]\s*|[*+–—]\s+)")
_WORD = re.compile(r"[^\W\d_]{2}")


def _normalise(raw: str) -> str:
    """NFKC (ligatures, full-width forms), one space between words, one blank line between paragraphs."""
    text = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").translate(_LINE_BREAKS))
    lines: list[str] = []
    for line in text.translate(_INVISIBLE).split("\n"):
        line = _BULLET.sub("- ", " ".join(line.split()))
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


# Bounded, possessive repetitions: a hostile line costs linear time, never backtracking.
_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]\n]{0,300}+)\]\([^)\n]{0,500}+\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]\n]{1,300}+)\]\([^)\n]{0,500}+\)"), r"\1"),  # link: its text
    (re.compile(r"<((?:https?://|mailto:)[^>\s]{1,500}+)>"), r"\1"),  # autolink
    (re.compile(r"</?[A-Za-z][^<>\n]{0,300}+>"), ""),  # inline HTML tag
    (re.compile(r"\*\*([^*\n]{1,500}+)\*\*"), r"\1"),
    (re.compile(r"__([^_\n]{1,500}+)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\n]{1,500}+)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_([^_\n]{1,500}+)_(?![\w_])"), r"\1"),
    (re.compile(r"~~([^~\n]{1,500}+)~~"), r"\1"),
    (re.compile(r"`([^`\n]{1,500}+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escape
)
_MD_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_MD_HEADING = re.compile(r" {0,3}#{1,6}(?=\s|$)")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
# Lines that carry no words: code fences, setext underlines, rules, table separators.
_MD_DROP = re.compile(r" {0,3}(?:```.*|~~~.*|=+\s*|-+\s*|\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*|[*_](?:\s*[*_]){2,}\s*)")


def _markdown_text(text: str) -> str:
    """Markdown lightly de-marked: headings kept as lines of their own; emphasis, links and HTML removed."""
    out: list[str] = []
    for line in text.splitlines():
        if len(line) > 5_000:  # no Markdown line is this long; leave it as it is
            out.append(line)
            continue
        if _MD_DROP.fullmatch(line):
            out.append("")
            continue
        line = _MD_QUOTE.sub("", line, count=1)
        if heading := _MD_HEADING.match(line):
            line = line[heading.end() :].rstrip()
            closed = line.rstrip("#")  # "## Skills ##" closes with hashes; "C#" does not
            line = closed if not closed or closed[-1].isspace() else line
        line = _MD_BULLET.sub(r"\1- ", line, count=1)
        if line.lstrip().startswith("|"):  # table row: outer pipes go, inner ones stay as separators
            line = line.strip().strip("|")
        for pattern, replacement in _MD_INLINE:
            line = pattern.sub(replacement, line)
        out.append(line)
    return "\n".join(out)


# --- Reading ---------------------------------------------------------------------------------------


def _format_of_name(name: str, label: str) -> str | None:
    """The format a file name's extension promises; ``None`` when it has none (then the bytes decide)."""
    extension = os.path.splitext(name)[1].lower()
    if not extension or name == "<stdin>":
        return None
    if extension in _FORMAT_OF_EXTENSION:
        return _FORMAT_OF_EXTENSION[extension]
    advice = _KNOWN_UNSUPPORTED.get(extension, f"save the résumé as one of {_SUPPORTED}")
    raise ResumeReadError(f"{label}: unsupported file type {extension!r}; {advice}")


def _sniff(data: bytes) -> str | None:
    """The binary format the bytes start with, whatever the name says; ``None`` for text.

    Only leading magic bytes count: a text résumé that mentions ``%PDF-`` in its first lines (a
    developer's notes, a pasted file listing) is still text.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "odt" if data[30:38] == b"mimetype" and b"opendocument.text" in data[38:100] else "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: legacy .doc, or an Office file with a password
        return "ole"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    return None


def read_resume_bytes(data: bytes, name: str, fmt: str | None = None) -> ResumeText:
    """Read a résumé already in memory.

    Args:
        data: the file's bytes.
        name: the file name, used to pick the format and in messages (never read from disk).
        fmt: one of :data:`FORMATS` to force a format. By default the name's extension decides,
            except that PDF and DOCX/ODT content is recognised whatever the extension says, and a
            name without an extension (or ``"<stdin>"``) has text sniffed as JSON, Markdown or text.

    Returns:
        The normalised text and its sections.

    Raises:
        ResumeReadError: unsupported, too large, corrupt, encrypted, binary or wordless input; the
            message is one line naming the file and saying what to do.
    """
    label = _label(name)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(label, len(data))
    if not data.strip():
        raise ResumeReadError(f"{label}: empty, nothing to read; check that it is the right file")
    sniffed = _sniff(data)
    if sniffed == "ole":
        raise ResumeReadError(
            f"{label}: a legacy or password-protected Office file; remove the password and save it as .docx"
        )
    if sniffed == "rtf":
        raise ResumeReadError(f"{label}: {_KNOWN_UNSUPPORTED['.rtf']}")
    if fmt is None:
        fmt = sniffed or _format_of_name(name, label)
    elif fmt not in FORMATS:
        raise ResumeReadError(f"{label}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")

    with quiet_libraries():  # their log records can quote the file's bytes
        raw, fmt = _extract(data, label, fmt)
    if len(raw) > 4 * MAX_TEXT_CHARS:  # extractions padded with whitespace shrink when normalised
        raise _too_long(label)
    text = _normalise(raw)
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(label)
    if not any(_WORD.search(line) and not _heading_key(line) for line in text.splitlines()):
        raise ResumeReadError(f"{label}: no words could be read from it; check that it is the right file")
    return ResumeText(text=text, sections=split_sections(text), source=name, format=fmt)


def _extract(data: bytes, label: str, fmt: str | None) -> tuple[str, str]:
    """Raw text of the file in its format (``None``: text, sniffed as JSON, Markdown or plain)."""
    if fmt == "pdf":
        raw = resume_pdf.pdf_text(data, label, max_pages=MAX_PAGES)
    elif fmt in ("docx", "odt"):
        read = resume_office.docx_text if fmt == "docx" else resume_office.odt_text
        raw = read(data, label, max_uncompressed=MAX_DOCX_UNCOMPRESSED)
    else:
        raw = resume_formats.decode_text(data, label)
        # Checked here too, before the Markdown and JSON passes, which cost more per character.
        if len(raw) > 4 * MAX_TEXT_CHARS:
            raise _too_long(label)
        if fmt is None:
            fmt = "json" if raw.lstrip().startswith("{") else "md" if _looks_markdown(raw) else "txt"
        if fmt == "json":
            raw = resume_formats.json_resume_text(raw, label)
        elif fmt == "md":
            raw = _markdown_text(raw)

    return raw, fmt


def _label(name: str) -> str:
    """The name as messages show it: control and bidi characters (a newline in a file name would break
    the line) become ``?``, and a name longer than any real path is cut."""
    label = "".join(ch if ch.isprintable() else "?" for ch in name[:_MAX_LABEL])
    return label if len(name) <= _MAX_LABEL else f"{label}… ({len(name):,} characters)"


_MAX_LABEL = 200


def _too_long(label: str) -> ResumeReadError:
    return ResumeReadError(
        f"{label}: over {MAX_TEXT_CHARS:,} characters, too long for a résumé; give a shorter version"
    )


def _too_large(label: str, size: int) -> ResumeReadError:
    return ResumeReadError(
        f"{label}: {size / 2**20:.1f} MiB is over the {MAX_FILE_BYTES // 2**20} MiB limit for a résumé; "
        "save a smaller copy (fewer images) or paste the text into a .txt file"
    )


def _looks_markdown(text: str) -> bool:
    return re.search(r"(?m)^ {0,3}#{1,6} \S", text[:20_000]) is not None


def read_resume(path: str | os.PathLike[str], *, stdin: BinaryIO | None = None) -> ResumeText:
    """Read a résumé file: PDF, DOCX, ODT, JSON Resume (.json), Markdown (.md) or text (.txt).

    Args:
        path: the file; ``"-"`` reads standard input, whose format is recognised from its content.
        stdin: the binary stream ``"-"`` reads; defaults to ``sys.stdin.buffer``.

    Returns:
        The normalised text and its sections (see :class:`ResumeText`).

    Raises:
        ResumeReadError: missing, a folder, unreadable, empty, too large, unsupported, corrupt,
            encrypted, image-only or wordless; one line naming the file and saying what to do.
    """
    name = os.fspath(path)
    if name == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)
        return read_resume_bytes(data, "<stdin>")
    label = _label(name)
    try:
        data = read_bounded(name, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise ResumeReadError(f"{label}: no such file; check the path and the spelling") from None
    except IsADirectoryError:
        raise ResumeReadError(f"{label}: is a folder; give the path of the résumé file inside it") from None
    except FileTooLargeError as exc:
        raise _too_large(label, exc.size) from None
    except PermissionError:
        raise ResumeReadError(f"{label}: permission denied; check who may read the file") from None
    except NotRegularFileError as exc:
        raise ResumeReadError(f"{label}: {describe(exc)}") from None
    except OSError as exc:
        raise ResumeReadError(f"{label}: cannot be read ({describe(exc)}); copy it to a local disk") from None
    return read_resume_bytes(data, name)
