"""Near-duplicate pairs among many vectors, block by block: memory stays bounded whatever the count.

A full n×n similarity matrix for 20,000 questions is 1.6 GB in float32 (and more in copies); the tiles
here are at most ``block × block`` (16 MiB by default), and pairs are yielded as they are found, so a
caller can stop after the first few hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from infoquest.selection import NEAR_DUPLICATE

#: A near-duplicate detector: unit vectors and a threshold in, ``(i, j, similarity)`` pairs out, ``i < j``.
PairFinder = Callable[[np.ndarray, float], Iterable[tuple[int, int, float]]]

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
