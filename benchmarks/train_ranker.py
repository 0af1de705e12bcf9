"""Learn the ranking weights from the judged personas, and the cross-validated scores of doing so.

    python benchmarks/train_ranker.py

Fits a pairwise logistic model (a linear RankNet: for every two judged questions of one persona with
different grades, which should come first) on standardised features with scikit-learn, trained on all
48 personas, and writes models/trained/ranker.json. ``evaluate.py`` reports the cross-validated
(persona-held-out) quality of the same procedure; the training score is never reported as quality.
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


def fit_pairwise(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], seed: int = 0, c: float = C) -> LinearRanker:
    """Linear RankNet: logistic regression on feature differences of differently graded pairs."""
    mean, scale = _standardise(xs)
    rng = np.random.default_rng(seed)
    diffs, signs = [], []
    for x, y in zip(xs, ys, strict=True):
        z = (x - mean) / scale
        i, j = np.nonzero(y[:, None] > y[None, :])
        if len(i) > MAX_PAIRS:
            keep = rng.choice(len(i), MAX_PAIRS, replace=False)
            i, j = i[keep], j[keep]
        weight = (y[i] - y[j])[:, None]  # a 3-vs-0 pair says more than a 2-vs-1 pair
        flip = rng.random(len(i)) < 0.5
        d = np.where(flip[:, None], -(z[i] - z[j]), z[i] - z[j])
        diffs.append(d * np.sqrt(weight))
        signs.append(np.where(flip, 0, 1))
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack(diffs), np.concatenate(signs))
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
