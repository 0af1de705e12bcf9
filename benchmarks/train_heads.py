"""Train the small classifiers infoquest reads free text with, and report their held-out quality.

    python benchmarks/train_heads.py [--only roles|goals|etiquette]

Writes models/trained/{roles,goals,etiquette}.json (stamped JSON, no pickle) and benchmarks/results/heads.md.
Each head is logistic regression (scikit-learn) on the MiniLM embedding of the text, most also on TF-IDF
n-grams of it (character n-grams for roles and stages, robust to typos; word n-grams for the etiquette
guard). Roles and goals heads are scored by 5-fold cross-validation, then trained on all their data;
the etiquette head is trained on its training split only, so the F1 its test checks is on unseen examples.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from common import DATA, RESULTS, TRAINED, is_test, make_encoder, read_jsonl
from infoquest.encoders import Encoder
from infoquest.heads import LinearHead, fit_head, save_heads

CHARS = ("char_wb", (2, 4), 4000)
WORDS = ("word", (1, 2), 6000)


def cross_validate(
    texts: Sequence[str],
    x: np.ndarray,
    labels: Sequence[Any],
    model_id: str,
    lexicon: Any,
    multilabel: bool = False,
) -> float:
    """Mean 5-fold accuracy (multiclass) or micro-F1 at 0.5 (multi-label)."""
    keys = [sorted(t)[0] if t else "" for t in labels] if multilabel else list(labels)
    every = sorted({tag for tags in labels for tag in tags}) if multilabel else []
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    truth, guess, scores = [], [], []
    for train, test in folds.split(x, [k if keys.count(k) >= 5 else "rare" for k in keys]):
        head = fit_head(
            "cv",
            x[train],
            [labels[i] for i in train],
            model_id,
            multilabel=multilabel,
            texts=[texts[i] for i in train],
            lexicon=lexicon,
        )
        probs = head.predict_proba(x[test], [texts[i] for i in test])
        if multilabel:  # a rare tag may be missing from a fold's training part: score over every tag
            column = {c: n for n, c in enumerate(head.classes)}
            truth += [[c in labels[i] for c in every] for i in test]
            guess += [[c in column and row[column[c]] >= 0.5 for c in every] for row in probs]
        else:
            predicted = np.array(head.classes)[probs.argmax(axis=1)]
            scores.append(float((predicted == np.array([labels[i] for i in test])).mean()))
    if multilabel:
        return float(f1_score(np.array(truth), np.array(guess), average="micro"))
    return float(np.mean(scores))


def train_roles(encoder: Encoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "roles.jsonl")
    texts = [r["text"] for r in rows]
    x = encoder.encode(texts)
    heads: list[LinearHead] = []
    lines += [
        f"Roles ({len(rows)} labelled descriptions, 5-fold CV, embedding + character n-grams):\n",
        "| head | classes | CV accuracy |",
        "| --- | --- | --- |",
    ]
    for name in ("kind", "relationship", "seniority", "setting", "retired", "hires"):
        labels = [str(r[name]) for r in rows]
        accuracy = cross_validate(texts, x, labels, encoder.model_id, CHARS)
        if name in ("retired", "hires"):  # one sigmoid: P(true)
            head = fit_head(
                name,
                x,
                [[name] if r[name] else [] for r in rows],
                encoder.model_id,
                multilabel=True,
                texts=texts,
                lexicon=CHARS,
            )
        else:
            head = fit_head(name, x, labels, encoder.model_id, texts=texts, lexicon=CHARS)
        heads.append(replace(head, info={"cv_accuracy": round(accuracy, 4)}))
        lines.append(f"| {name} | {len(set(labels))} | {accuracy:.3f} |")
    save_heads(TRAINED / "roles.json", heads, {"data": "benchmarks/data/roles.jsonl", "examples": len(rows)})
    lines.append("")


def train_goals(encoder: Encoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "goals.jsonl")
    texts = [r["text"] for r in rows]
    x = encoder.encode(texts)
    stages = [r["stage"] for r in rows]
    needs = [list(r["needs"]) for r in rows]
    accuracy = cross_validate(texts, x, stages, encoder.model_id, CHARS)
    micro = cross_validate(texts, x, needs, encoder.model_id, None, multilabel=True)
    stage_head = fit_head("stage", x, stages, encoder.model_id, texts=texts, lexicon=CHARS)
    need_head = fit_head("needs", x, needs, encoder.model_id, multilabel=True)
    save_heads(
        TRAINED / "goals.json",
        [
            replace(stage_head, info={"cv_accuracy": round(accuracy, 4)}),
            replace(need_head, info={"cv_micro_f1": round(micro, 4)}),
        ],
        {"data": "benchmarks/data/goals.jsonl", "examples": len(rows)},
    )
    lines += [
        f"Goals ({len(rows)} labelled statements, 5-fold CV):\n",
        "| head | classes | CV score |",
        "| --- | --- | --- |",
        f"| stage (embedding + character n-grams) | {len(stage_head.classes)} | accuracy {accuracy:.3f} |",
        f"| needs (multi-label, embedding) | {len(need_head.classes)} | micro-F1 {micro:.3f} |\n",
    ]


def train_etiquette(encoder: Encoder, lines: list[str]) -> None:
    rows = read_jsonl(DATA / "etiquette.jsonl")
    texts = [r["text"] for r in rows]
    test = np.array([is_test(t) for t in texts])
    x = encoder.encode(texts)
    y = np.array([bool(r["asks_for_job"]) for r in rows])
    labels = [["asks_for_job"] if v else [] for v in y]
    train_idx, test_idx = np.flatnonzero(~test), np.flatnonzero(test)
    # The threshold is chosen by cross-validation inside the training split, never on the test split.
    inner = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

    def fit(name: str, rows_: np.ndarray) -> LinearHead:
        return fit_head(
            name,
            x[rows_],
            [labels[i] for i in rows_],
            encoder.model_id,
            multilabel=True,
            texts=[texts[i] for i in rows_],
            lexicon=WORDS,
        )

    oof = np.zeros(len(train_idx))
    for a, b in inner.split(x[train_idx], y[train_idx]):
        oof[b] = fit("cv", train_idx[a]).predict_proba(x[train_idx[b]], [texts[i] for i in train_idx[b]])[:, 0]
    grid = np.arange(0.2, 0.81, 0.025)
    threshold = float(max(grid, key=lambda t: f1_score(y[train_idx], oof >= t)))
    head = fit("asks_for_job", train_idx)
    probs = head.predict_proba(x[test_idx], [texts[i] for i in test_idx])[:, 0]
    p, r, f, _ = precision_recall_fscore_support(y[test_idx], probs >= threshold, average="binary")
    hard = [n for n, i in enumerate(test_idx) if rows[i]["kind"] in ("hard_negative", "polite_request")]
    hard_fp = int(sum(probs[n] >= threshold for n in hard))
    info = {
        "threshold": round(threshold, 4),
        "test_precision": round(float(p), 4),
        "test_recall": round(float(r), 4),
        "test_f1": round(float(f), 4),
        "train_examples": len(train_idx),
        "test_examples": len(test_idx),
    }
    save_heads(
        TRAINED / "etiquette.json",
        [replace(head, info=info)],
        {"data": "benchmarks/data/etiquette.jsonl", "split": "common.is_test (sha256 % 4 == 0 is test)"},
    )
    lines += [
        f"Etiquette guard (embedding + word 1-2 grams; {len(train_idx)} training / {len(test_idx)} held-out "
        f"examples; threshold {threshold:.3f} chosen by 5-fold CV on the training split):\n",
        "| split | precision | recall | F1 | hard negatives and polite requests flagged |",
        "| --- | --- | --- | --- | --- |",
        f"| held-out | {p:.3f} | {r:.3f} | {f:.3f} | {hard_fp} of {len(hard)} |\n",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["roles", "goals", "etiquette"])
    parser.add_argument("--encoder", default="static", choices=["static", "minilm"])
    args = parser.parse_args()
    encoder = make_encoder(args.encoder)
    lines = ["# Heads: held-out quality\n", "Command: `python benchmarks/train_heads.py`\n"]
    for name, train in (("roles", train_roles), ("goals", train_goals), ("etiquette", train_etiquette)):
        if args.only in (None, name):
            train(encoder, lines)
    RESULTS.mkdir(exist_ok=True)
    if args.only is None:
        (RESULTS / "heads.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
