"""Decoding JSON from users' files, with a plain reason when it fails (not only "not valid JSON").

Valid JSON can still be refused: nesting thousands of levels deep exhausts the parser's recursion
limit, and an integer of more than 4,300 digits is refused by Python's integer conversion. Both are
reported as what they are, so the user knows what to fix.
"""

from __future__ import annotations

import json
import sys
from typing import Any


class JSONTextError(ValueError):
    """JSON text that could not be decoded.

    Attributes:
        reason: a short phrase: "not valid JSON", "too deeply nested ...", "a number too long ...".
        detail: the parser's own words for invalid JSON (e.g. "Expecting value"), else empty.
        where: `` (line L, column C)`` for invalid JSON, else empty.
    """

    def __init__(self, reason: str, detail: str = "", line: int | None = None, column: int | None = None) -> None:
        self.reason = reason
        self.detail = detail
        self.where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(f"{reason} ({detail})" if detail else reason)


def loads(text: str) -> Any:
    """``json.loads`` whose failures are all :class:`JSONTextError` with a reason a user can act on.

    Raises:
        JSONTextError: "not valid JSON (...)", "too deeply nested" or "a number too long".
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise JSONTextError("too deeply nested (thousands of levels of brackets)") from None
    except json.JSONDecodeError as exc:
        raise JSONTextError("not valid JSON", exc.msg, exc.lineno, exc.colno) from None
    except ValueError as exc:  # int("9" * 90_000): Python's guard against quadratic conversions
        if "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise JSONTextError(f"a number too long (over {limit:,} digits)") from None
        raise JSONTextError("not valid JSON") from None
