"""Text of a PDF résumé, read by pypdf within a work budget that is spent while the text is extracted.

pypdf parses a form XObject's content again every time a page draws it, so the work a PDF asks for is
not its size: a 2 KB file can draw a 60 KB form 30,000 times. A visitor called before every operator
counts the operators, the form draws and the content bytes each draw makes pypdf parse, and another
counts the characters extracted; the first limit passed stops the extraction. pypdf's log output
(which quotes bytes of the file) is dropped, never printed.
"""

from __future__ import annotations

import io
import re
from typing import Any

from infoquest._quiet import quiet_libraries
from infoquest.budget import BudgetExceeded, WorkBudget
from infoquest.errors import ResumeReadError

_PASTE = "or paste the text into a .txt file"
_EXPORT = f"export it again from the original {_PASTE}"
_SIMPLER = f"print it to a new PDF {_PASTE}"

#: Content-stream operators interpreted per PDF, forms included. A text-heavy résumé page has one to five
#: thousand; the cap keeps a crafted file to a few seconds of work.
MAX_PDF_OPERATIONS = 150_000
#: Content-stream bytes pypdf may parse for a PDF (about 1.5 s per MiB): each page's content, plus a form's
#: content every time it is drawn. Checked before extracting (each form counted once per page) and while
#: extracting (each draw counted). A dense page of text is 20–100 KiB.
MAX_PDF_CONTENT_BYTES = 2 * 1024 * 1024
#: Form XObjects drawn per PDF: a logo or an icon drawn on every page is a few dozen.
MAX_PDF_FORM_DRAWS = 2_000
#: Characters extracted per PDF, before normalising (a long résumé has 10,000 to 40,000).
MAX_PDF_CHARACTERS = 400_000
_MAX_PDF_STREAMS = 2_000
_TEXT_SHOWING = frozenset({b"Tj", b"TJ", b"'", b'"'})


def _forms(node: Any, found: dict[int, tuple[str, int]]) -> None:
    """Every form XObject reachable from ``node``'s resources, nested ones too: id to (name, content bytes)."""
    resources = node.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return
    for name, reference in xobjects.get_object().items():
        xobject = reference.get_object()
        if id(xobject) in found or xobject.get("/Subtype") != "/Form":
            continue
        if len(found) >= _MAX_PDF_STREAMS:
            raise BudgetExceeded("form XObjects", _MAX_PDF_STREAMS)
        found[id(xobject)] = (str(name), len(xobject.get_data()))
        _forms(xobject, found)


def _page_content_bytes(page: Any) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    parts = [part.get_object() for part in contents] if isinstance(contents, list) else [contents]
    return sum(len(part.get_data()) for part in parts)


class _Extraction:
    """The visitors pypdf calls while it extracts a page: they spend the budget and note text drawing."""

    def __init__(self, budget: WorkBudget) -> None:
        self.budget = budget
        self.form_bytes: dict[str, int] = {}
        self.strings_shown = 0

    def start_page(self, page: Any) -> None:
        """Charge the page's own content and learn the size of every form it may draw, by name."""
        forms: dict[int, tuple[str, int]] = {}
        _forms(page, forms)
        self.form_bytes = {}
        for name, size in forms.values():  # names are per resource dictionary: assume the largest
            self.form_bytes[name] = max(size, self.form_bytes.get(name, 0))
        own = _page_content_bytes(page)
        # Each form once, before anything is parsed: a page that cannot fit is refused without the work.
        limit = self.budget.limits["content bytes"]
        if self.budget.spent["content bytes"] + own + sum(size for _, size in forms.values()) > limit:
            raise BudgetExceeded("content bytes", limit)
        self.budget.spend("content bytes", own)

    def before_operator(self, operator: bytes, operands: Any, *_: object) -> None:
        self.budget.spend("operations")
        if operator == b"Do" and operands:
            # Called before pypdf parses the form again: the draw is paid for before it is made.
            self.budget.spend("form draws")
            self.budget.spend("content bytes", self.form_bytes.get(str(operands[0]), 0))
        elif operator in _TEXT_SHOWING and operands:
            self.strings_shown += _shows_something(operands[-1])

    def text(self, text: str, *_: object) -> None:
        self.budget.spend("characters", len(text))


def _shows_something(operand: Any) -> bool:
    """Whether a text-showing operand draws glyphs other than spaces (whatever the font makes of them)."""
    for item in operand if isinstance(operand, list) else [operand]:
        if (isinstance(item, str) and item.strip(" \x00")) or (isinstance(item, bytes) and item.strip(b" \x00")):
            return True
    return False


def pdf_text(data: bytes, name: str, *, max_pages: int) -> str:
    """Text of a PDF in content-stream order (pypdf's plain mode), pages separated by blank lines.

    Plain mode follows the order the producer drew the text, which keeps a sidebar apart from the main
    column and a table's label next to its cell; layout mode sorts by position and merges side-by-side
    columns line by line.

    Raises:
        ResumeReadError: not a PDF, damaged, encrypted, too many pages, over the work budget, or no text.
    """
    if b"%PDF-" not in data[:1024]:  # also keeps pypdf from quoting the first bytes in a warning
        raise ResumeReadError(f"{name}: not a PDF (no PDF header); {_EXPORT}")
    with quiet_libraries():
        pages, strings_shown = _extract(data, name, max_pages)
    text = "\n\n".join(pages)
    if not re.search(r"[^\W\d_]{2}", text):
        if strings_shown:
            raise ResumeReadError(
                f"{name}: the PDF's text cannot be decoded (its fonts have no character map); "
                f"export it again with standard fonts, or print it to a new PDF, {_PASTE}"
            )
        raise ResumeReadError(f"{name}: the PDF has no text layer (scanned image?); export a text PDF {_PASTE}")
    return text


def _extract(data: bytes, name: str, max_pages: int) -> tuple[list[str], int]:
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
    budget = WorkBudget(
        {
            "operations": MAX_PDF_OPERATIONS,
            "content bytes": MAX_PDF_CONTENT_BYTES,
            "form draws": MAX_PDF_FORM_DRAWS,
            "characters": MAX_PDF_CHARACTERS,
        }
    )
    work = _Extraction(budget)
    pages: list[str] = []
    try:
        count = len(reader.pages)
        if count > max_pages:
            raise ResumeReadError(
                f"{name}: {count} pages is more than the {max_pages} a résumé may have; give a shorter version"
            )
        for page in reader.pages:
            work.start_page(page)
            pages.append(page.extract_text(visitor_operand_before=work.before_operator, visitor_text=work.text))
            budget.check()  # pypdf logs and swallows exceptions raised inside a form XObject
    except ResumeReadError:
        raise
    except BudgetExceeded as exc:
        raise _over_budget(name, exc) from None
    except Exception as exc:
        if budget.exceeded is not None:
            raise _over_budget(name, budget.exceeded) from None
        raise ResumeReadError(f"{name}: not a readable PDF (damaged or incomplete); {_EXPORT}") from exc
    return pages, work.strings_shown


def _over_budget(name: str, exc: BudgetExceeded) -> ResumeReadError:
    if exc.what == "characters":
        return ResumeReadError(
            f"{name}: the PDF holds over {exc.limit:,} characters of text, too long for a résumé; "
            "give a shorter version"
        )
    return ResumeReadError(
        f"{name}: the PDF's pages are too complex to read (over {exc.limit:,} {exc.what}); {_SIMPLER}"
    )
