"""How a question is worded, as the corpus rules want it: one thing per question, at most 25 words.

These are advice, not errors: ``infoquest corpus validate`` shows them as warnings. A contrast such as
"who thrives, and who struggles?" is sometimes one question; a reviewer decides.
"""

from __future__ import annotations

import re
from typing import Final

#: The corpus rule: a question says what it asks in at most this many words.
MAX_WORDS: Final = 25

# ", and what ...", "; or how ...": a second question joined to the first.
_JOINED_ASK = re.compile(r"[,;]\s*(?:and|or|but)\s+(?:what|how|why|which|who|whom|whose|where|when)\b", re.IGNORECASE)
_QUESTION_MARK = re.compile(r"\?(?=\s+\S)")


def wording_warnings(text: str) -> list[str]:
    """What breaks the one-thing-per-question and length rules in ``text``; empty if nothing does.

    Args:
        text: one question.

    Returns:
        One-line messages, each saying what to do.
    """
    warnings = []
    if _QUESTION_MARK.search(text):
        warnings.append("asks more than one question (a '?' before the end); keep one, or split it")
    elif _JOINED_ASK.search(text):
        warnings.append("joins two questions (', and what/how…'); keep one, or split it")
    words = len(text.split())
    if words > MAX_WORDS:
        warnings.append(f"{words} words, more than {MAX_WORDS}; say it shorter")
    return warnings
