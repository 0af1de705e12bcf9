"""Pool the bank questions that the held-out seekers' concerns are judged against.

    python benchmarks/make_heldout_pools.py [--set 2]

The 120 held-out seekers (``data/reader_heldout.jsonl``) were written, with their concerns marked, by a helper who
never saw infoquest. For each seeker the pool is every question that one of the compared systems puts in its set
of 10 (infoquest ``recommend()`` with both encoders, the last release from
``results/concern_runs/v0.1.0_heldout.json`` made by ``release_run.py`` with retired ids as their replacement,
MiniLM cosine on the whole profile, the round-robin over the goal sentences), and for each marked concern the best
3 by MiniLM cosine on its span and by the shipped static matcher on its span, so that a concern the sets all miss
can still show that the bank answers it. Writes ``data/heldout_pools.jsonl``: one row per seeker,
``{"seeker", "questions"}``, the pool sorted by id (the judging brief shuffles it). ``--set 2`` does the same for
the second held-out set (``data/reader_heldout_2.jsonl``, 100 seekers, written later by another helper): its
release run is ``v0.1.0_heldout_2.json`` and its pools ``data/heldout_pools_2.jsonl``. A pool only grows: the
questions already in the file stay (their grades keep counting), and a new run adds what the systems pick now,
for a further judging round.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from common import DATA, RESULTS, read_jsonl
from evaluate_concerns import K, cosine_runs, release_sets
from infoquest.corpus import default_corpus
from infoquest.profile import Profile
from infoquest.recommender import Recommender
from train_concerns import gold_signals

#: The best this many per concern, by MiniLM cosine and by the static matcher, join the seeker's pool.
PER_CONCERN = 3


@dataclass(frozen=True)
class HeldOutSet:
    """One held-out set's files: seekers and pools under ``data/``, judges' grades under
    ``data/concern_judgments/`` (a glob), the last release's saved sets under ``results/concern_runs/``."""

    name: str
    seekers: str
    judgments: str
    pools: str
    release: str


SETS = {
    "1": HeldOutSet(
        "the first set", "reader_heldout.jsonl", "heldout_*.jsonl", "heldout_pools.jsonl", "v0.1.0_heldout.json"
    ),
    "2": HeldOutSet(
        "the second set", "reader_heldout_2.jsonl", "heldout2_*.jsonl", "heldout_pools_2.jsonl", "v0.1.0_heldout_2.json"
    ),
    "3": HeldOutSet(
        "the third set", "reader_heldout_3.jsonl", "heldout3_*.jsonl", "heldout_pools_3.jsonl", "v0.1.0_heldout_3.json"
    ),
    "4": HeldOutSet(
        "the fourth set", "reader_heldout_4.jsonl", "heldout4_*.jsonl", "heldout_pools_4.jsonl", "v0.1.0_heldout_4.json"
    ),
    "5": HeldOutSet(
        "the fifth set", "reader_heldout_5.jsonl", "heldout5_*.jsonl", "heldout_pools_5.jsonl", "v0.1.0_heldout_5.json"
    ),
    "6": HeldOutSet(
        "the sixth set", "reader_heldout_6.jsonl", "heldout6_*.jsonl", "heldout_pools_6.jsonl", "v0.1.0_heldout_6.json"
    ),
}


def heldout_profiles(rows: list[dict[str, Any]]) -> list[Profile]:
    """The held-out seekers as profiles: goals and interviewee, no résumé."""
    return [Profile(goals=r["goals"], role=r["role"]) for r in rows]


def recommended(
    encoder: str, rows: list[dict[str, Any]]
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
    """``recommend(k=10)`` with the shipped models: each seeker's bank questions, the concerns (the seeker's spans)
    its written questions were written for (one question may answer two), and how many questions it wrote."""
    sets = Recommender(encoder=encoder).recommend_many(heldout_profiles(rows), k=K)
    pairs = list(zip(rows, sets, strict=True))
    runs = {r["id"]: [p.question.id for p in s if p.source == "bank"] for r, s in pairs}
    written = {r["id"]: [c for p in s if p.source == "goals" for c in p.concerns] for r, s in pairs}
    counts = {r["id"]: sum(p.source == "goals" for p in s) for r, s in pairs}
    return runs, written, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="1", choices=sorted(SETS))
    chosen = SETS[parser.parse_args().set]
    rows = [{**r, "resume": ""} for r in read_jsonl(DATA / chosen.seekers)]
    out = DATA / chosen.pools
    pools: dict[str, set[str]] = {r["id"]: set() for r in rows}
    if out.exists():
        for row in read_jsonl(out):
            pools[row["seeker"]].update(row["questions"])
    release = RESULTS / "concern_runs" / chosen.release
    if release.exists():
        # A retired id with no replacement is not judged: it is in no bank now.
        active = {q.id for q in default_corpus()}
        for seeker, picks in release_sets(release).items():
            pools[seeker].update(q for q in picks if q in active)
    for encoder in ("static", "minilm"):
        for seeker, picks in recommended(encoder, rows)[0].items():
            pools[seeker].update(picks)
    minilm = Recommender(encoder="minilm", trained=False)
    cosine, robin = cosine_runs(minilm, rows)
    qids = [q.id for q in minilm.corpus]
    spans = [(r["id"], c["span"]) for r in rows for c in r["concerns"]]
    span_cosine = minilm.encoder.encode([s for _, s in spans]) @ minilm._state.vectors.T
    static = Recommender(encoder="static")
    values, keys = gold_signals(static, rows)
    matched = [static.trained.matcher.probabilities(v[None])[0] for v in values]
    for (seeker, _), by_cosine, by_matcher in zip(spans, span_cosine, matched, strict=True):
        pools[seeker].update(qids[j] for j in np.argsort(-by_cosine)[:PER_CONCERN])
        pools[seeker].update(qids[j] for j in np.argsort(-by_matcher)[:PER_CONCERN])
    for runs in (cosine, robin):
        for seeker, picks in runs.items():
            pools[seeker].update(picks)
    with Path(out).open("w", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps({"seeker": r["id"], "questions": sorted(pools[r["id"]])}) + "\n")
    sizes = [len(p) for p in pools.values()]
    print(f"wrote {out}: {len(rows)} seekers, {len(keys)} concerns, pool of {np.mean(sizes):.1f} questions per seeker")


if __name__ == "__main__":
    main()
