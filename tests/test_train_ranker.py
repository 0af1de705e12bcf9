"""The ranker's training (benchmarks/train_ranker.py): gain and LambdaRank weights put the order at the top first."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from infoquest.features import FEATURES

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
TOP, ORDER_AT_TOP, ORDER_AT_TAIL = 0, 1, 2


@pytest.fixture(scope="module")
def train_ranker():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import train_ranker

        yield train_ranker
    finally:
        sys.path.remove(str(BENCHMARKS))


def _personas(n: int = 30, seed: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each persona: 4 questions graded 3 or 2 and 16 graded 1 or 0. One feature tells the first four from the
    rest, one orders the 3s above the 2s, one the 1s above the 0s; the others are noise."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for _ in range(n):
        y = np.array([3, 3, 2, 2] + [1] * 8 + [0] * 8, dtype=float)
        x = rng.normal(size=(len(y), len(FEATURES)))
        top = y >= 2
        x[:, TOP] = top * 3.0 + rng.normal(scale=0.3, size=len(y))
        x[top, ORDER_AT_TOP] = (y[top] == 3) + rng.normal(scale=0.7, size=top.sum())
        x[~top, ORDER_AT_TAIL] = (y[~top] == 1) + rng.normal(scale=0.7, size=(~top).sum())
        xs.append(x)
        ys.append(y)
    return xs, ys


def test_lambdarank_weights_the_order_at_the_top_more_than_grade_differences_do(train_ranker):
    xs, ys = _personas()
    lambdarank = train_ranker.fit_pairwise(xs, ys, lambda_rounds=1)
    ranknet = train_ranker.fit_ranknet(xs, ys)
    # Tail pairs (1 over 0) outnumber top pairs (3 over 2) 16 to 1; only the LambdaRank weights make up for it.
    assert lambdarank.coef[ORDER_AT_TOP] > lambdarank.coef[ORDER_AT_TAIL] > 0
    assert ranknet.coef[ORDER_AT_TOP] < 0.5 * ranknet.coef[ORDER_AT_TAIL]
    assert lambdarank.info["lambda_rounds"] == 1


def test_without_lambda_rounds_pairs_still_weigh_their_gain_difference(train_ranker):
    xs, ys = _personas()
    plain = train_ranker.fit_pairwise(xs, ys)
    ranknet = train_ranker.fit_ranknet(xs, ys)
    # 2**3 - 2**2 = 4 against 2**1 - 2**0 = 1: the top's order counts four times a tail pair's.
    assert plain.coef[ORDER_AT_TOP] > 0.1 * plain.coef[ORDER_AT_TAIL]
    assert ranknet.coef[ORDER_AT_TOP] < 0.1 * ranknet.coef[ORDER_AT_TAIL]


def test_every_learned_ranker_puts_the_best_questions_first(train_ranker):
    xs, ys = _personas()
    test_xs, test_ys = _personas(n=10, seed=1)
    ranker = train_ranker.fit_pairwise(xs, ys)
    for x, y in zip(test_xs, test_ys, strict=True):
        first = np.argsort(-ranker.score(x))[:4]
        assert (y[first] >= 2).all()
