"""External benchmark: ranking the ClariQ clarifying-question bank with infoquest's building blocks.

    python benchmarks/clariq.py [--data ../shared/benchmarks/clariq]

ClariQ (Aliannejadi et al., "ConvAI3: Generating Clarifying Questions for Open-Domain Dialogue Systems
(ClariQ)", 2020) asks, for each search request, to rank a bank of 3,941 clarifying questions; the
official metric is Recall@5/10/20/30 over the top 30. It is not informational interviewing, but it tests
the parts infoquest's ranking stands on: the MiniLM question index, the TF-IDF lexical matcher, and a
fusion of signals learned with scikit-learn. The data is read from the shared folder, never copied here.
Metrics from ranx; writes benchmarks/results/clariq.md.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import bm25s
import numpy as np
from ranx import Qrels, Run, evaluate
from sklearn.linear_model import LogisticRegression

from common import machine, write_report
from infoquest.encoders import MiniLMEncoder
from infoquest.lexical import LexicalMatcher

METRICS = ["recall@5", "recall@10", "recall@20", "recall@30"]
PUBLISHED = {  # Recall@30 from the ClariQ README / ConvAI3 leaderboard, for orientation
    "dev": {"BM25 (official baseline)": 0.6913, "BERT full-bank ranker": 0.7543, "best (NTES_ALONG)": 0.8761},
    "test": {"BM25 (official baseline)": 0.7682, "BERT full-bank ranker": 0.8190, "best (NTES_ALONG)": 0.8744},
}


def read(path: Path) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """Topics (id -> initial request) and binary qrels of one split."""
    topics: dict[str, str] = {}
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            topics[row["topic_id"]] = row["initial_request"]
            qrels.setdefault(row["topic_id"], {})[row["question_id"]] = 1
    return topics, qrels


def zscore(matrix: np.ndarray) -> np.ndarray:
    return (matrix - matrix.mean(axis=1, keepdims=True)) / (matrix.std(axis=1, keepdims=True) + 1e-9)


def to_run(topic_ids: list[str], qids: list[str], scores: np.ndarray, depth: int = 30) -> Run:
    """The top ``depth`` per topic with strictly decreasing scores (the official tool drops ties)."""
    out = {}
    for row, tid in enumerate(topic_ids):
        top = np.argsort(-scores[row], kind="stable")[:depth]
        out[tid] = {qids[j]: float(depth - rank) for rank, j in enumerate(top)}
    return Run(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    here = Path(__file__).resolve().parent
    parser.add_argument("--data", type=Path, default=here.parent.parent / "shared" / "benchmarks" / "clariq")
    args = parser.parse_args()
    with (args.data / "question_bank.tsv").open(encoding="utf-8") as handle:
        bank = [(row["question_id"], row["question"] or "") for row in csv.DictReader(handle, delimiter="\t")]
    qids = [q for q, _ in bank]
    texts = [t for _, t in bank]
    encoder = MiniLMEncoder()
    qv = encoder.encode(texts)
    lexical = LexicalMatcher(texts)
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)

    def signals(requests: list[str]) -> dict[str, np.ndarray]:
        docs, values = retriever.retrieve(
            bm25s.tokenize(requests, stopwords="en", show_progress=False), k=len(texts), show_progress=False
        )
        bm = np.zeros((len(requests), len(texts)))
        for i in range(len(requests)):
            bm[i, docs[i]] = values[i]
        return {"bm25": bm, "cosine": encoder.encode(requests) @ qv.T, "tfidf": lexical.similarities(requests)}

    def features(sig: dict[str, np.ndarray]) -> np.ndarray:
        return np.stack([zscore(sig["bm25"]), zscore(sig["cosine"]), zscore(sig["tfidf"])], axis=2)

    # Fusion weights learned on the training topics, pairwise as infoquest's ranker is: each relevant
    # question against 25 of the top irrelevant ones of the embedding ranking and 25 random ones.
    train_topics, train_qrels = read(args.data / "train.tsv")
    train_ids = sorted(train_topics)
    x_train = features(signals([train_topics[t] for t in train_ids]))
    position = {q: i for i, q in enumerate(qids)}
    rng = np.random.default_rng(0)
    diffs = []
    for n, tid in enumerate(train_ids):
        relevant = [position[q] for q in train_qrels[tid] if q in position]
        top = [j for j in np.argsort(-x_train[n, :, 1])[:60] if j not in set(relevant)][:25]
        negatives = top + [int(j) for j in rng.choice(len(texts), 25, replace=False) if j not in set(relevant)]
        diffs += [x_train[n, i] - x_train[n, j] for i in relevant for j in negatives]
    d = np.array(diffs)
    flip = rng.random(len(d)) < 0.5
    fusion = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000).fit(
        np.where(flip[:, None], -d, d), (~flip).astype(int)
    )

    lines = [
        "# ClariQ question-bank ranking (external benchmark)",
        "",
        f"Command: `python benchmarks/clariq.py`. Machine: {machine()}.",
        "",
        f"{len(bank)} questions; fusion weights (BM25, MiniLM cosine, TF-IDF; z-scored per topic) learned "
        f"on the {len(train_ids)} training topics: {np.round(fusion.coef_[0], 3).tolist()}.",
        "",
    ]
    for split, file in (("dev", "dev.tsv"), ("test", "test_with_labels.tsv")):
        topics, qrels = read(args.data / file)
        ids = sorted(topics)
        sig = signals([topics[t] for t in ids])
        systems = {
            "BM25 (bm25s)": sig["bm25"],
            "TF-IDF (infoquest LexicalMatcher)": sig["tfidf"],
            "MiniLM cosine (infoquest index)": sig["cosine"],
            "learned fusion of the three": features(sig) @ fusion.coef_[0],
        }
        lines += [f"## {split} ({len(ids)} topics)", "", "| system | R@5 | R@10 | R@20 | R@30 |"]
        lines += ["| --- | --- | --- | --- | --- |"]
        for name, scores in systems.items():
            result = evaluate(Qrels(qrels), to_run(ids, qids, scores), METRICS)
            lines.append(f"| {name} | " + " | ".join(f"{result[m]:.4f}" for m in METRICS) + " |")
        for name, value in PUBLISHED[split].items():
            lines.append(f"| _published: {name}_ | | | | {value:.4f} |")
        lines.append("")
    write_report("clariq.md", [*lines, ""])


if __name__ == "__main__":
    main()
