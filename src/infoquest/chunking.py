"""Split long texts (résumés) into pieces that fit an encoder's window.

MiniLM reads 256 word pieces and silently drops the rest, so a résumé encoded whole loses most of its
content. Chunks follow line and sentence boundaries so each stays a coherent piece of the résumé.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def _units(text: str) -> list[str]:
    units: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            units.extend(part for part in _SENTENCE_END.split(line) if part)
    return units


def chunk_text(
    text: str,
    count_tokens: Callable[[str], int],
    max_tokens: int,
    count_many: Callable[[Sequence[str]], Sequence[int]] | None = None,
) -> list[str]:
    """Greedily pack lines and sentences of ``text`` into chunks of at most ``max_tokens`` tokens.

    A single unit longer than the window is cut by words. Units stay on lines of their own within a chunk, so
    a quote can name one line. Returns ``[]`` for blank text. ``count_many``, when the encoder has one, counts
    every unit in one call (a tokenizer call per line costs more than the counting).
    """
    budget = max(8, max_tokens - 8)  # headroom: tokenisers count joins and specials a little differently
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    units = _units(text)
    sizes = list(count_many(units)) if count_many is not None and units else [count_tokens(u) for u in units]
    for unit, size in zip(units, sizes, strict=True):
        if size > budget:
            if current:
                chunks.append("\n".join(current))
                current, used = [], 0
            chunks.extend(_split_long(unit, count_tokens, budget))
            continue
        if used + size > budget and current:
            chunks.append("\n".join(current))
            current, used = [], 0
        current.append(unit)
        used += size
    if current:
        chunks.append("\n".join(current))
    return chunks


def _split_long(unit: str, count_tokens: Callable[[str], int], budget: int) -> list[str]:
    # Count each word once (minus the fixed cost of special tokens) so a huge unbroken line stays linear.
    overhead = count_tokens("")
    pieces: list[str] = []
    words: list[str] = []
    used = overhead
    for word in unit.split():
        size = max(1, count_tokens(word) - overhead)
        if words and used + size > budget:
            pieces.append(" ".join(words))
            words, used = [], overhead
        words.append(word)
        used += size
    if words:
        pieces.append(" ".join(words))
    return pieces
