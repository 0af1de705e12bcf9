"""Learn the ranking weights from the judged personas, and the cross-validated scores of doing so.

    python benchmarks/train_ranker.py

Fits a pairwise logistic model (a linear RankNet: for every two judged questions of one persona with
different grades, which should come first, weighted by the difference of their gains, 2**grade) on standardised
features with scikit-learn, trained on all 72 judged personas, and writes models/trained/ranker.json.
``evaluate.py`` reports the cross-validated (persona-held-out) quality of the same procedure, and of the last
ranker (pairs weighted by grade difference alone); the training score is never reported as quality.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge

from common import personas, trained_folder, valid_judgments
from infoquest.features import FEATURES
from infoquest.profile import Profile
from infoquest.ranking import LinearRanker
from infoquest.recommender import Recommender

#: Inverse regularisation strength of the pairwise model (scikit-learn's C).
C = 0.05
#: Cap on pairs per persona, so every persona weighs the same whatever its pool size.
MAX_PAIRS = 3000
#: Refits with LambdaRank weights after the first fit (see ``fit_pairwise``). None by default: one round scored
#: a little higher on the whole corpus in a cross-validation trial, but its weights let "How should I handle
#: questions about salary expectations during applications?" into the set of an electrician starting his own
#: business (issue 9's example, ``tests/test_concern_examples.py``), which gain weights alone keep out.
LAMBDA_ROUNDS = 0


def persona_profiles() -> tuple[list[str], list[Profile]]:
    """The personas as profiles (goals, résumé text, role), ids alongside."""
    rows = personas()
    return [r["id"] for r in rows], [Profile(goals=r["goals"], resume=r["resume"], role=r["role"]) for r in rows]


def training_rows(
    matrices: Sequence[np.ndarray], grades: Sequence[dict[int, int]]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per persona: the judged questions' feature rows and their grades."""
    xs, ys = [], []
    for matrix, judged in zip(matrices, grades, strict=True):
        rows = sorted(judged)
        xs.append(matrix[rows])
        ys.append(np.array([judged[i] for i in rows], dtype=float))
    return xs, ys


def _standardise(xs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    stacked = np.vstack(xs)
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def _pairs(
    z: np.ndarray, y: np.ndarray, rng: np.random.Generator, coef: np.ndarray | None, graded: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One persona's differently graded pairs as (feature difference, which comes first, weight).

    A pair weighs the difference of its gains, ``2**grade`` (a 3-vs-2 pair, the order at the top of a list,
    says more than a 1-vs-0 pair at its tail); with ``coef`` (a first fit) also the change in DCG discount that
    swapping the two would make in that fit's ranking of this persona's judged questions (LambdaRank's weight):
    a mistake among the first places costs more than one among the last.
    """
    i, j = np.nonzero(y[:, None] > y[None, :])
    if len(i) > MAX_PAIRS:
        keep = rng.choice(len(i), MAX_PAIRS, replace=False)
        i, j = i[keep], j[keep]
    weight = 2.0 ** y[i] - 2.0 ** y[j] if graded else y[i] - y[j]
    if coef is not None:
        place = np.empty(len(y))
        place[np.argsort(-(z @ coef), kind="stable")] = np.arange(len(y))
        discount = 1.0 / np.log2(2.0 + place)
        weight = weight * np.abs(discount[i] - discount[j])
    flip = rng.random(len(i)) < 0.5
    return np.where(flip[:, None], -(z[i] - z[j]), z[i] - z[j]), np.where(flip, 0, 1), weight


def fit_pairwise(
    xs: Sequence[np.ndarray],
    ys: Sequence[np.ndarray],
    seed: int = 0,
    c: float = C,
    lambda_rounds: int = LAMBDA_ROUNDS,
) -> LinearRanker:
    """Logistic regression on feature differences of differently graded pairs, each pair weighted by its gain
    difference; with ``lambda_rounds`` > 0, refitted that many times with each pair also weighted by how much
    its order moves DCG under the previous fit (a linear LambdaRank)."""
    mean, scale = _standardise(xs)
    coef: np.ndarray | None = None
    for _ in range(lambda_rounds + 1):
        rng = np.random.default_rng(seed)  # the same seed each round: the same sampled pairs, reweighted
        parts = [_pairs((x - mean) / scale, y, rng, coef, graded=True) for x, y in zip(xs, ys, strict=True)]
        weights = np.concatenate([p[2] for p in parts])
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
        # Weights scaled to mean 1, so C means the same in every round.
        model.fit(np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), weights / weights.mean())
        coef = model.coef_[0]
    assert coef is not None
    info = {"method": "pairwise-logistic, gain-weighted pairs", "C": c, "lambda_rounds": lambda_rounds}
    return LinearRanker(FEATURES, mean, scale, coef, 0.0, info)


def fit_ranknet(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], seed: int = 0, c: float = C) -> LinearRanker:
    """The previous ranker, reported for comparison: a linear RankNet whose pairs' differences are scaled by
    the square root of their grade difference."""
    mean, scale = _standardise(xs)
    rng = np.random.default_rng(seed)
    parts = [_pairs((x - mean) / scale, y, rng, None, graded=False) for x, y in zip(xs, ys, strict=True)]
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack([p[0] * np.sqrt(p[2])[:, None] for p in parts]), np.concatenate([p[1] for p in parts]))
    return LinearRanker(FEATURES, mean, scale, model.coef_[0], 0.0, {"method": "pairwise-logistic", "C": c})


def fit_pointwise(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], alpha: float = 10.0) -> LinearRanker:
    """Ridge regression of the grade (a pointwise alternative, reported for comparison)."""
    mean, scale = _standardise(xs)
    model = Ridge(alpha=alpha).fit((np.vstack(xs) - mean) / scale, np.concatenate(ys))
    return LinearRanker(
        FEATURES, mean, scale, model.coef_, float(model.intercept_), {"method": "ridge", "alpha": alpha}
    )


def feature_recommender(encoder: str = "static") -> Recommender:
    """A recommender for computing features only: neutral weights, so training never reads old ones."""
    n = len(FEATURES)
    return Recommender(encoder=encoder, ranker=LinearRanker(FEATURES, np.zeros(n), np.ones(n), np.zeros(n)))


def judged_indices(rec: Recommender, ids: Sequence[str], qrels: dict[str, dict[str, int]]) -> list[dict[int, int]]:
    """Per persona: corpus row -> consensus grade."""
    position = {q.id: i for i, q in enumerate(rec.corpus)}
    return [{position[q]: g for q, g in qrels.get(pid, {}).items() if q in position} for pid in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", default="static", choices=["static", "minilm"])
    args = parser.parse_args()
    ids, profiles = persona_profiles()
    qrels = valid_judgments()
    rec = feature_recommender(args.encoder)
    matrices = rec.feature_matrices(profiles)
    xs, ys = training_rows(matrices, judged_indices(rec, ids, qrels))
    ranker = fit_pairwise(xs, ys)
    info = {
        **ranker.info,
        "personas": len(ids),
        "model_id": rec.encoder.model_id,
        "judged_pairs_source": "benchmarks/data/judgments + judgments_v2 (consensus, texts as graded)",
    }
    ranker = LinearRanker(ranker.features, ranker.mean, ranker.scale, ranker.coef, ranker.intercept, info)
    (trained_folder(rec.encoder) / "ranker.json").write_text(
        json.dumps(ranker.to_dict(), indent=1) + "\n", encoding="utf-8"
    )
    order = np.argsort(-np.abs(ranker.coef))
    print(f"trained on {len(ids)} personas; weights (standardised features), largest first:")
    for i in order:
        print(f"  {FEATURES[i]:<40} {ranker.coef[i]:+.3f}")


if __name__ == "__main__":
    main()
