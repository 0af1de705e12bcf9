"""Fit the concern matcher on judged concern–question pairs, and choose its threshold by cross-validation.

    python benchmarks/train_concerns.py [--encoder static|minilm]

Data: ``data/concern_personas.jsonl`` (64 personas, 198 concerns, each an exact span of the goals) and two
judges' blind annotations of which bank questions address each concern (``data/concern_judgments/``, graded
2–3; consensus = the two grades' mean, missing = 0, rounded half up, at least 2). The matcher is a logistic
regression over ``infoquest.matching.SIGNALS``; the threshold is chosen on persona-held-out predictions so
that "the best question clears it" means "the best question addresses the concern". Writes
``models/trained[/minilm]/concerns.json`` and ``results/concern_matcher.md``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from common import DATA, RESULTS, read_jsonl, trained_folder
from infoquest.heads import load_heads
from infoquest.matching import SIGNALS, ConcernMatcher, signals
from infoquest.recommender import Recommender
from infoquest.trained import folder_for
from infoquest.vocab import TOPICS

FOLDS = 4
C = 1.0


def concern_personas() -> list[dict[str, Any]]:
    """The concern personas, each with its gold concerns (spans)."""
    return read_jsonl(DATA / "concern_personas.jsonl")


def addressing(min_grade: int = 2) -> dict[tuple[str, int], dict[str, int]]:
    """Consensus grades per (persona, concern number): question id -> grade, only those at ``min_grade`` or more."""
    judges = [read_jsonl(path) for path in sorted((DATA / "concern_judgments").glob("concerns_*.jsonl"))]
    keys = {(row["persona"], int(row["n"])) for rows in judges for row in rows}
    out: dict[tuple[str, int], dict[str, int]] = {}
    for key in keys:
        grades: dict[str, list[int]] = {}
        for rows in judges:
            row = next((r for r in rows if (r["persona"], int(r["n"])) == key), None)
            given = row["questions"] if row else {}
            for qid in set(given) | set(grades):
                grades.setdefault(qid, [])
        for rows in judges:
            row = next((r for r in rows if (r["persona"], int(r["n"])) == key), None)
            given = row["questions"] if row else {}
            for qid in grades:
                grades[qid].append(int(given.get(qid, 0)))
        consensus = {qid: int(sum(g) / len(g) + 0.5) for qid, g in grades.items()}
        out[key] = {qid: g for qid, g in consensus.items() if g >= min_grade}
    return out


def _sentence_of(goals: str, span: str) -> str:
    start = goals.find(span)
    left = max(goals.rfind(mark, 0, start) for mark in ".!?\n") + 1
    rights = [i for i in (goals.find(mark, start + len(span)) for mark in ".!?\n") if i >= 0]
    return " ".join(goals[left : (min(rights) + 1 if rights else len(goals))].split())


def gold_signals(rec: Recommender, rows: list[dict[str, Any]]) -> tuple[list[np.ndarray], list[tuple[str, int]]]:
    """The matcher's signals for every gold concern against the whole bank, ``(n, len(SIGNALS))`` each."""
    state, encoder = rec._state, rec.encoder
    goals = load_heads("goals", folder_for(encoder.model_id))  # the matcher is what is being trained
    spans, sentences, keys = [], [], []
    for row in rows:
        for n, concern in enumerate(row["concerns"], start=1):
            spans.append(concern["span"])
            sentences.append(_sentence_of(row["goals"], concern["span"]))
            keys.append((row["id"], n))
    vectors = encoder.encode(spans)
    sentence_vectors = encoder.encode(sentences)
    needs = np.zeros((len(spans), len(TOPICS)))
    if goals:
        head = goals["needs"]
        probs = head.predict_proba(vectors, spans)
        for column, tag in enumerate(head.classes):
            needs[:, TOPICS.index(tag)] = probs[:, column]
    values = signals(
        vectors,
        sentence_vectors,
        state.vectors,
        state.lexical.similarities(spans),
        needs,
        state.meta.topics,
        state.says,
        state.says_lexical.similarities(spans),
    )
    return list(values), keys


def labelled(
    rec: Recommender, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> tuple[list[np.ndarray], list[np.ndarray], list[tuple[str, int]], dict[str, int]]:
    """Signals and 0/1 labels (addresses the concern) for every gold concern against the bank, and each
    persona's cross-validation fold (the same seeded split everywhere)."""
    position = {q.id: i for i, q in enumerate(rec.corpus)}
    values, keys = gold_signals(rec, rows)
    labels = [np.zeros(len(rec.corpus)) for _ in keys]
    for y, key in zip(labels, keys, strict=True):
        for qid in gold.get(key, {}):
            if qid in position:
                y[position[qid]] = 1.0
    personas = sorted({k[0] for k in keys})
    rng = np.random.default_rng(0)
    fold_of = dict(zip(personas, (int(f) for f in rng.permutation(len(personas)) % FOLDS), strict=True))
    return values, labels, keys, fold_of


def fit(xs: list[np.ndarray], ys: list[np.ndarray], model_id: str) -> ConcernMatcher:
    model = LogisticRegression(C=C, max_iter=5000).fit(np.vstack(xs), np.concatenate(ys))
    return ConcernMatcher(model_id=model_id, coef=model.coef_[0], intercept=float(model.intercept_[0]), threshold=0.5)


def choose_threshold(best_p: np.ndarray, best_ok: np.ndarray, answerable: np.ndarray) -> tuple[float, float]:
    """The threshold that makes "the best question clears it" agree most often with the judges: right when it
    clears and addresses the concern, or does not clear and nothing in the bank does."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    accuracy = [float(np.mean(np.where(best_p >= t, best_ok, ~answerable))) for t in grid]
    i = int(np.argmax(accuracy))
    return float(grid[i]), accuracy[i]


def held_out_hits(
    values: list[np.ndarray],
    labels: list[np.ndarray],
    keys: list[tuple[str, int]],
    fold_of: dict[str, int],
    columns: list[int],
    depth: int,
) -> float:
    """Share of answerable concerns whose ``depth`` best-scored questions (matcher on ``columns`` only, trained on
    the other folds' personas) hold one that addresses them."""
    hits: list[bool] = []
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        matcher = fit([values[i][:, columns] for i in train], [labels[i] for i in train], "cv")
        for i, k in enumerate(keys):
            if fold_of[k[0]] == fold and labels[i].any():
                scores = values[i][:, columns] @ matcher.coef
                hits.append(bool(labels[i][np.argsort(-scores)[:depth]].any()))
    return float(np.mean(hits))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", default="static", choices=["static", "minilm"])
    args = parser.parse_args()
    rows = concern_personas()
    gold = addressing()
    rec = Recommender(encoder=args.encoder, trained=False)
    values, labels, keys, fold_of = labelled(rec, rows, gold)
    personas = sorted(fold_of)
    best_p, best_ok = np.zeros(len(keys)), np.zeros(len(keys), dtype=bool)
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        test = [i for i, k in enumerate(keys) if fold_of[k[0]] == fold]
        matcher = fit([values[i] for i in train], [labels[i] for i in train], rec.encoder.model_id)
        for i in test:
            p = matcher.probabilities(values[i][None])[0]
            best_p[i], best_ok[i] = p.max(), bool(labels[i][int(p.argmax())])
    answerable = np.array([y.any() for y in labels])
    threshold, accuracy = choose_threshold(best_p, best_ok, answerable)
    cleared = best_p >= threshold
    final = fit(values, labels, rec.encoder.model_id)
    info = {
        "data": "benchmarks/data/concern_personas.jsonl + concern_judgments (consensus >= 2)",
        "concerns": len(keys),
        "answerable": int(answerable.sum()),
        "cv_folds": FOLDS,
        "cv_decision_accuracy": round(accuracy, 4),
        "cv_precision_when_cleared": round(float(best_ok[cleared].mean()) if cleared.any() else 0.0, 4),
        "cv_share_cleared_of_answerable": round(float((cleared & answerable).sum() / max(1, answerable.sum())), 4),
    }
    final = ConcernMatcher(final.model_id, final.coef, final.intercept, threshold, info)
    (trained_folder(rec.encoder) / "concerns.json").write_text(
        json.dumps(final.to_dict(), indent=1) + "\n", encoding="utf-8"
    )
    report = [
        "# Concern matcher\n",
        f"Command: `python benchmarks/train_concerns.py --encoder {args.encoder}`\n",
        f"{len(keys)} concerns of {len(personas)} personas; {int(answerable.sum())} have at least one bank question "
        "that both judges' consensus says addresses them. Persona-held-out predictions "
        f"({FOLDS} folds):\n",
        "| measure | value |",
        "| --- | --- |",
        f"| threshold chosen | {threshold:.2f} |",
        f"| the decision 'best question clears the threshold' agrees with the judges | {accuracy:.3f} |",
        "| when the best question clears it, it addresses the concern (precision) | "
        f"{info['cv_precision_when_cleared']:.3f} |",
        f"| answerable concerns whose best question clears it | {info['cv_share_cleared_of_answerable']:.3f} |",
        f"| unanswerable concerns correctly left for a written question | "
        f"{float((~cleared & ~answerable).sum() / max(1, (~answerable).sum())):.3f} |",
        "",
        "Weights (signals: " + ", ".join(f"{s} {w:+.2f}" for s, w in zip(SIGNALS, final.coef, strict=True)) + ").",
        "",
        "How often the best-scored questions for an answerable concern hold one that addresses it, persona-held-out,"
        " with every signal and without the question's `says` (the corpus field: how seekers put its need):",
        "",
        "| signals | best question addresses it | one of the best 3 does |",
        "| --- | --- | --- |",
    ]
    every = list(range(len(SIGNALS)))
    without = [n for n, name in enumerate(SIGNALS) if not name.startswith("says")]
    for name, columns in (("all", every), ("without `says`", without)):
        report.append(
            f"| {name} | {held_out_hits(values, labels, keys, fold_of, columns, 1):.3f} | "
            f"{held_out_hits(values, labels, keys, fold_of, columns, 3):.3f} |"
        )
    report.append("")
    suffix = "" if args.encoder == "static" else f"_{args.encoder}"
    (RESULTS / f"concern_matcher{suffix}.md").write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
