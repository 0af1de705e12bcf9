"""Choose which corpus questions the judges grade for each persona (pooling, as in TREC).

    python benchmarks/make_pools.py [--depth 12] [--random 6]

Every persona's pool holds the guide's 34 questions plus the union of the top ``depth`` new questions
of several independent rankers (MiniLM cosine on the whole profile, on goals, on the role, on résumé
chunks; BM25 on the profile; cosine restricted to the curated metadata for the persona's stated
stage and interviewee) and ``random`` random ones, so the judgments are not tied to infoquest's ranker.
Writes benchmarks/data/pools.jsonl.
"""

from __future__ import annotations

import argparse
import json

import bm25s
import numpy as np

from common import DATA, read_jsonl
from infoquest.chunking import chunk_text
from infoquest.corpus import default_corpus
from infoquest.encoders import MiniLMEncoder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--random", type=int, default=6)
    parser.add_argument("--personas", default="personas.jsonl", help="file in benchmarks/data")
    parser.add_argument("--out", default="pools.jsonl", help="file in benchmarks/data")
    args = parser.parse_args()
    corpus = default_corpus()
    encoder = MiniLMEncoder()
    qv = encoder.encode([q.text for q in corpus])
    new = np.array([q.source != "guide" for q in corpus])
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([q.text for q in corpus], stopwords="en", show_progress=False), show_progress=False)
    rng = np.random.default_rng(7)
    out = []
    for persona in read_jsonl(DATA / args.personas):
        profile = f"{persona['goals']} {persona['role']} {persona['resume']}"
        chunks = chunk_text(persona["resume"], encoder.count_tokens, 96)
        vecs = encoder.encode([profile, persona["goals"], persona["role"], *chunks])
        runs = [qv @ vecs[0], qv @ vecs[1], qv @ vecs[2], (qv @ vecs[3:].T).max(axis=1)]
        tokens = bm25s.tokenize([profile], stopwords="en", show_progress=False)
        docs, scores = retriever.retrieve(tokens, k=len(corpus), show_progress=False)
        bm = np.zeros(len(corpus))
        bm[docs[0]] = scores[0]
        runs.append(bm)
        fits = np.array(
            [
                (not q.interviewees or persona["interviewee_kind"] in q.interviewees)
                and (not q.stages or persona["stage"] in q.stages)
                for q in corpus
            ]
        )
        runs.append(np.where(fits, qv @ vecs[1], -1.0))
        pool: set[int] = set()
        for run in runs:
            pool.update(int(i) for i in [j for j in np.argsort(-run) if new[j]][: args.depth])
        rest = [i for i in np.flatnonzero(new) if i not in pool]
        pool.update(int(i) for i in rng.choice(rest, size=args.random, replace=False))
        guide = [q.id for q in corpus if q.source == "guide"]
        out.append({"persona": persona["id"], "questions": guide + sorted(corpus[i].id for i in pool)})
    with (DATA / args.out).open("w", encoding="utf-8") as handle:
        for row in out:
            handle.write(json.dumps(row) + "\n")
    sizes = [len(r["questions"]) for r in out]
    print(f"{len(out)} pools, {min(sizes)}-{max(sizes)} questions each, {sum(sizes)} judgments per judge")


if __name__ == "__main__":
    main()
