"""One sanitiser for everything infoquest prints: user text must never drive the terminal.

Goals, roles, questions, corpus texts, ids and paths come from users and files. Printed raw, their
control characters could move the cursor, retitle the window or hide text (ESC and OSC sequences, the
one-character CSI U+009B, BEL, BS, DEL), and bidirectional overrides could make text read differently
from what it is. Every output format and every error message passes through one of these functions:
such characters are shown as visible escapes (``\\x1b``, ``\\u202e``), never removed silently, so what
is printed still says what the input held.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (U+0085 NEL and U+009B CSI among them), the Arabic
# letter mark and bidi marks, embeddings, overrides and isolates, the Unicode line and paragraph
# separators, and lone surrogates (which cannot even be encoded for printing).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE}]")

#: Longest user value quoted whole in a message; longer ones are cut (a corpus id can be megabytes).
MAX_QUOTED_CHARS = 80
#: Longest message printed whole; a longer one keeps its start and its end (where the advice is).
MAX_MESSAGE_CHARS = 1_000


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_json(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def for_terminal(text: str) -> str:
    """Text for a terminal or a text file: lines and tabs kept, every other control or bidi character escaped."""
    return _UNSAFE_IN_TEXT.sub(_escape, text)


def for_json(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the same characters as ``\\uXXXX`` escapes.

    ``json.dumps`` escapes C0 controls but passes DEL, C1 controls and bidi characters raw. Outside strings
    JSON text is ASCII, so every character replaced here sits inside a string, where the escape is valid.
    """
    return _UNSAFE_IN_TEXT.sub(_escape_json, encoded)


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Text that stays on one line (newlines and tabs escaped too), its middle cut if over ``limit``."""
    text = _UNSAFE_IN_LINE.sub(_escape, text)
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - tail - 1]}…{text[-tail:]}"


def quote(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """A user value for a message: ``repr`` of a string (so quotes and escapes show), cut after ``limit``.

    Cut values end with ``…`` and say how long they were, so a 15 MB id never fills a terminal.
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        return f"{text[:limit]!r}… ({len(text):,} characters)"
    return repr(value) if isinstance(value, str) else one_line(text, limit)


def clip(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """Plain text for a message (a path, a name) on one line, cut after ``limit`` characters."""
    text = _UNSAFE_IN_LINE.sub(_escape, text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
