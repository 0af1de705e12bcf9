"""Train the small classifiers infoquest reads free text with, and report their held-out quality.

    python benchmarks/train_heads.py [--only roles|goals|etiquette]

Writes models/trained/{roles,goals,etiquette}.json (stamped JSON, no pickle) and
benchmarks/results/heads.md. Roles and goals heads are scored by 5-fold cross-validation and then
trained on all their data; the etiquette head is trained on the training split only, so the F1 its test
checks is on examples it never saw.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np
from common import DATA, RESULTS, TRAINED, is_test, read_jsonl
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from infoquest.encoders import MiniLMEncoder
from infoquest.heads import LinearHead, fit_head, save_heads


def cv_accuracy(x: np.ndarray, labels: Sequence[str], model_id: str) -> float:
    """Mean 5-fold accuracy of a multiclass head."""
    y = np.array(labels)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = []
    for train, test in folds.split(x, y):
        head = fit_head("cv", x[train], list(y[train]), model_id)
        predicted = np.array(head.classes)[head.predict_proba(x[test]).argmax(axis=1)]
        scores.append(float((predicted == y[test]).mean()))
    return float(np.mean(scores))


def cv_multilabel_f1(x: np.ndarray, tags: list[list[str]], model_id: str) -> float:
    """Micro-F1 of the multi-label head over 5 folds (threshold 0.5)."""
    order = np.random.default_rng(0).permutation(len(tags))
    folds = np.array_split(order, 5)
    truth, guess = [], []
    for fold in folds:
        train = np.setdiff1d(order, fold)
        head = fit_head("cv", x[train], [tags[i] for i in train], model_id, multilabel=True)
        probs = head.predict_proba(x[fold])
        for row, i in enumerate(fold):
            truth.append([c in tags[i] for c in head.classes])
            guess.append(list(probs[row] >= 0.5))
    return float(f1_score(np.array(truth), np.array(guess), average="micro"))


def train_roles(encoder: MiniLMEncoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "roles.jsonl")
    x = encoder.encode([r["text"] for r in rows])
    heads: list[LinearHead] = []
    lines.append(f"Roles ({len(rows)} labelled descriptions, 5-fold CV):\n")
    lines.append("| head | classes | CV accuracy |\n| --- | --- | --- |")
    for name in ("kind", "relationship", "seniority", "setting"):
        labels = [r[name] for r in rows]
        accuracy = cv_accuracy(x, labels, encoder.model_id)
        head = fit_head(name, x, labels, encoder.model_id)
        heads.append(LinearHead(**{**head.__dict__, "info": {"cv_accuracy": round(accuracy, 4)}}))
        lines.append(f"| {name} | {len(head.classes)} | {accuracy:.3f} |")
    for name in ("retired", "hires"):
        labels = [[name] if r[name] else [] for r in rows]
        accuracy = cv_accuracy(x, [str(bool(r[name])) for r in rows], encoder.model_id)
        head = fit_head(name, x, labels, encoder.model_id, multilabel=True)
        heads.append(LinearHead(**{**head.__dict__, "info": {"cv_accuracy": round(accuracy, 4)}}))
        lines.append(f"| {name} | 2 | {accuracy:.3f} |")
    save_heads(TRAINED / "roles.json", heads, {"data": "benchmarks/data/roles.jsonl", "examples": len(rows)})
    lines.append("")


def train_goals(encoder: MiniLMEncoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "goals.jsonl")
    x = encoder.encode([r["text"] for r in rows])
    stages = [r["stage"] for r in rows]
    needs = [list(r["needs"]) for r in rows]
    accuracy = cv_accuracy(x, stages, encoder.model_id)
    micro = cv_multilabel_f1(x, needs, encoder.model_id)
    stage_head = fit_head("stage", x, stages, encoder.model_id)
    need_head = fit_head("needs", x, needs, encoder.model_id, multilabel=True)
    save_heads(
        TRAINED / "goals.json",
        [
            LinearHead(**{**stage_head.__dict__, "info": {"cv_accuracy": round(accuracy, 4)}}),
            LinearHead(**{**need_head.__dict__, "info": {"cv_micro_f1": round(micro, 4)}}),
        ],
        {"data": "benchmarks/data/goals.jsonl", "examples": len(rows)},
    )
    lines.append(f"Goals ({len(rows)} labelled statements, 5-fold CV):\n")
    lines.append("| head | classes | CV score |\n| --- | --- | --- |")
    lines.append(f"| stage | {len(stage_head.classes)} | accuracy {accuracy:.3f} |")
    lines.append(f"| needs (multi-label) | {len(need_head.classes)} | micro-F1 {micro:.3f} |\n")


def train_etiquette(encoder: MiniLMEncoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "etiquette.jsonl")
    test = np.array([is_test(r["text"]) for r in rows])
    x = encoder.encode([r["text"] for r in rows])
    y = np.array([bool(r["asks_for_job"]) for r in rows])
    labels = [["asks_for_job"] if v else [] for v in y]
    train_idx, test_idx = np.flatnonzero(~test), np.flatnonzero(test)
    # The threshold is chosen by cross-validation inside the training split, never on the test split.
    inner = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    oof = np.zeros(len(train_idx))
    for a, b in inner.split(x[train_idx], y[train_idx]):
        head = fit_head("cv", x[train_idx][a], [labels[i] for i in train_idx[a]], encoder.model_id, multilabel=True)
        oof[b] = head.predict_proba(x[train_idx][b])[:, 0]
    grid = np.arange(0.2, 0.81, 0.025)
    threshold = float(max(grid, key=lambda t: f1_score(y[train_idx], oof >= t)))
    head = fit_head("asks_for_job", x[train_idx], [labels[i] for i in train_idx], encoder.model_id, multilabel=True)
    predicted = head.predict_proba(x[test_idx])[:, 0] >= threshold
    p, r, f, _ = precision_recall_fscore_support(y[test_idx], predicted, average="binary")
    hard = [i for i in test_idx if rows[i]["kind"] == "hard_negative"]
    hard_fp = int(sum(head.predict_proba(x[hard])[:, 0] >= threshold))
    info = {
        "threshold": round(threshold, 4),
        "test_precision": round(float(p), 4),
        "test_recall": round(float(r), 4),
        "test_f1": round(float(f), 4),
        "train_examples": len(train_idx),
        "test_examples": len(test_idx),
    }
    save_heads(TRAINED / "etiquette.json", [LinearHead(**{**head.__dict__, "info": info})],
               {"data": "benchmarks/data/etiquette.jsonl", "split": "common.is_test (sha256 % 4 == 0 is test)"})
    lines.append(
        f"Etiquette guard ({len(train_idx)} training / {len(test_idx)} held-out examples, threshold "
        f"{threshold:.3f} chosen by 5-fold CV on the training split):\n"
    )
    lines.append("| split | precision | recall | F1 | hard negatives flagged |\n| --- | --- | --- | --- | --- |")
    lines.append(f"| held-out | {p:.3f} | {r:.3f} | {f:.3f} | {hard_fp} of {len(hard)} |\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["roles", "goals", "etiquette"])
    args = parser.parse_args()
    encoder = MiniLMEncoder()
    lines = ["# Heads: held-out quality\n", "Command: `python benchmarks/train_heads.py`\n"]
    for name, train in (("roles", train_roles), ("goals", train_goals), ("etiquette", train_etiquette)):
        if args.only in (None, name):
            train(encoder, lines)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / ("heads.md" if args.only is None else f"heads-{args.only}.md")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
