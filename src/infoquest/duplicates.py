"""Near-duplicate pairs among many vectors, block by block: memory stays bounded whatever the count.

A full n×n similarity matrix for 20,000 questions is 1.6 GB in float32 (and more in copies); the tiles
here are at most ``block × block`` (16 MiB by default), and pairs are yielded as they are found, so a
caller can stop after the first few hundred.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final

import numpy as np

from infoquest.errors import CorpusError
from infoquest.sanitise import clip
from infoquest.selection import NEAR_DUPLICATE

#: A near-duplicate detector: unit vectors and a threshold in, ``(i, j, similarity)`` pairs out, ``i < j``.
PairFinder = Callable[[np.ndarray, float], Iterable[tuple[int, int, float]]]

#: The cosine from which ``infoquest corpus validate`` reports two questions as saying the same thing, per
#: encoder (``model_id``). Chosen on labelled pairs (``benchmarks/near_duplicates.py``): precision there is
#: nearly flat across thresholds, so each is set where the shipped corpus gives a reviewable number of
#: candidate pairs (about 50), which catches about half the labelled paraphrases with MiniLM (the old 0.85
#: caught 4%). An encoder not listed here is judged at ``NEAR_DUPLICATE``.
DUPLICATE_THRESHOLDS: Final[Mapping[str, float]] = MappingProxyType(
    {
        "sentence-transformers/all-MiniLM-L6-v2": 0.70,
        "infoquest/static-minilm-v2": 0.78,
    }
)
#: Reviewed pairs that are near each other on purpose, next to the corpus file: ``{"a", "b", "why"}`` a line.
ALLOW_LIST_NAME = "near_pairs_allowed.jsonl"

_BLOCK = 2048
_BATCH = 4096


def near_duplicate_pairs(
    vectors: np.ndarray, threshold: float = NEAR_DUPLICATE, *, block: int = _BLOCK
) -> Iterator[tuple[int, int, float]]:
    """Pairs of rows whose dot product (cosine, for unit vectors) is at or above ``threshold``.

    Each pair comes once, with ``i < j``, tile by tile (``block`` rows against ``block`` columns) and in
    ``(i, j)`` order within a tile. Work is quadratic in the number of rows (seconds for 20,000 on two
    cores); memory is ``O(n·d + block²)`` whatever the number of pairs, which are made as they are asked for.

    Args:
        vectors: one row per item, L2-normalised.
        threshold: the lowest similarity that counts as a near-duplicate.
        block: rows compared at a time.

    Yields:
        ``(i, j, similarity)``.
    """
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    count = len(data)
    for start in range(0, count, block):
        rows = data[start : start + block]
        for column in range(start, count, block):
            sims = rows @ data[column : column + block].T
            hits_i, hits_j = np.nonzero(sims >= threshold)  # row-major: in (i, j) order within the tile
            above = hits_i + start < hits_j + column
            hits_i, hits_j = hits_i[above], hits_j[above]
            values = sims[hits_i, hits_j]
            for at in range(0, len(hits_i), _BATCH):  # Python objects for a few thousand pairs at a time
                part = slice(at, at + _BATCH)
                batch = zip(hits_i[part].tolist(), hits_j[part].tolist(), values[part].tolist(), strict=True)
                for i, j, similarity in batch:
                    yield start + i, column + j, similarity


def duplicate_threshold(model_id: str) -> float:
    """The near-duplicate cosine chosen for the encoder ``model_id`` (:data:`DUPLICATE_THRESHOLDS`), else
    :data:`~infoquest.selection.NEAR_DUPLICATE`."""
    return DUPLICATE_THRESHOLDS.get(model_id, NEAR_DUPLICATE)


def read_allowed_pairs(path: str | os.PathLike[str]) -> frozenset[frozenset[str]]:
    """The id pairs of an allow-list file (JSON Lines ``{"a": id, "b": id, "why": reason}``); none if it is missing.

    Raises:
        CorpusError: a line is not such an object (the message names the file and line).
    """
    from infoquest.corpus import iter_lines

    path = Path(path)
    if not path.exists():
        return frozenset()
    pairs = set()
    for number, entry in iter_lines(path):
        ok = isinstance(entry, dict) and set(entry) == {"a", "b", "why"}
        if not ok or not all(isinstance(entry[k], str) and entry[k].strip() for k in ("a", "b", "why")):
            raise CorpusError(
                f'{clip(str(path), 200)}:{number}: expected {{"a": id, "b": id, "why": reason}} with '
                "non-empty strings; fix the line"
            )
        if entry["a"] == entry["b"]:
            raise CorpusError(f"{clip(str(path), 200)}:{number}: a pair needs two different ids; fix the line")
        pairs.add(frozenset((entry["a"], entry["b"])))
    return frozenset(pairs)
