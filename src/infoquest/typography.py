"""Typing from phones, word processors and web pages, read as plain typing."""

from __future__ import annotations

#: Typography as phones, word processors and web pages give it, read as plain typing: curly quotes and apostrophes
#: ("I’m trying to understand…"), and no-break, thin and other fixed-width spaces and tabs as spaces.
_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "\t": " ",
        **dict.fromkeys(
            "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
        ),
    }
)


def plain_typing(text: str) -> str:
    """``text`` with typographic quotes, apostrophes and spaces as plain ones, one character for one (so offsets
    into it are offsets into ``text``)."""
    return text.translate(_TYPOGRAPHY)
