"""Pool the corpus v2 questions the judges have not graded (new, or reworded since they were graded).

    python benchmarks/make_pools_v2.py [--depth 20]

The dev personas were judged on corpus v1. A grade stays valid only for a question whose text is unchanged
(``data/judged_texts_v1.json`` keeps the texts as graded). For each persona, the top ``depth`` of several
independent rankings (MiniLM cosine and static cosine on the whole profile, BM25, and infoquest's own
``rank()`` and ``recommend()`` with either encoder) are pooled, and the ungraded ones go to
``data/pools_v2.jsonl`` for both judges.
"""

from __future__ import annotations

import argparse
import json

import bm25s
import numpy as np

from common import DATA, valid_judgments
from infoquest.recommender import Recommender
from train_ranker import persona_profiles


def pool(depth: int, out_name: str, infoquest_encoders: tuple[str, ...]) -> None:
    """Pool the top ``depth`` of every ranking and write the pairs with no valid grade to ``data/<out_name>``.

    Rankings: MiniLM and static cosine on the whole profile, BM25, and infoquest's ``rank()`` and
    ``recommend()`` with each encoder in ``infoquest_encoders`` (with their trained parts).
    """
    ids, profiles = persona_profiles()
    graded = valid_judgments()
    rankings: list[list[list[str]]] = []
    texts = [f"{p.goals}\n{p.role}\n{p.resume}" for p in profiles]
    for encoder in ("static", "minilm"):
        rec = Recommender(encoder=encoder, trained=encoder in infoquest_encoders)
        qids = [q.id for q in rec.corpus]
        sims = rec.encoder.encode(texts) @ rec._state.vectors.T
        rankings.append([[qids[j] for j in np.argsort(-row)[:depth]] for row in sims])
        if encoder in infoquest_encoders:
            rankings.append([[r.question.id for r in rank[:depth]] for rank in rec.rank_many(profiles)])
            rankings.append([[r.question.id for r in picks] for picks in rec.recommend_many(profiles, k=10)])
        if encoder == "static":  # BM25 does not depend on the encoder: once is enough
            retriever = bm25s.BM25()
            retriever.index(bm25s.tokenize([q.text for q in rec.corpus], stopwords="en", show_progress=False))
            docs, _ = retriever.retrieve(
                bm25s.tokenize(texts, stopwords="en", show_progress=False), k=depth, show_progress=False
            )
            rankings.append([[qids[int(j)] for j in row] for row in docs])
    total = 0
    with (DATA / out_name).open("w", encoding="utf-8") as handle:
        for n, pid in enumerate(ids):
            wanted = {q for ranking in rankings for q in ranking[n] if not q.startswith("W")}
            new = sorted(q for q in wanted if q not in graded.get(pid, {}))
            total += len(new)
            handle.write(json.dumps({"persona": pid, "questions": new}) + "\n")
    print(f"{len(ids)} personas, {total} questions to grade per judge")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=20)
    args = parser.parse_args()
    pool(args.depth, "pools_v2.jsonl", ("static",))


if __name__ == "__main__":
    main()
