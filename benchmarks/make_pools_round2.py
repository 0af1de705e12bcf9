"""Second pooling round: the questions infoquest itself ranks highest that the judges have not graded yet.

    python benchmarks/make_pools_round2.py [--depth 20]

For each persona, the top ``depth`` of ``rank()`` (with the weights trained on round one) and the
questions ``recommend(k=10)`` selects, minus those already judged, go to
benchmarks/data/pools_round2.jsonl for both judges. Without this, rank() would be scored against
judgments pooled only from other systems, and its own best picks would count as irrelevant.
"""

from __future__ import annotations

import argparse
import json

from common import DATA, load_judgments
from infoquest.recommender import Recommender
from train_ranker import persona_profiles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--out", default="pools_round2.jsonl", help="file in benchmarks/data")
    parser.add_argument("--only", nargs="*", help="persona ids (default: all)")
    args = parser.parse_args()
    ids, profiles = persona_profiles()
    if args.only:
        keep = [i for i, pid in enumerate(ids) if pid in set(args.only)]
        ids, profiles = [ids[i] for i in keep], [profiles[i] for i in keep]
    judges = load_judgments()
    rec = Recommender()
    ranked = rec.rank_many(profiles)
    chosen = rec.recommend_many(profiles, k=10)
    total = 0
    with (DATA / args.out).open("w", encoding="utf-8") as handle:
        for pid, ranking, picks in zip(ids, ranked, chosen, strict=True):
            judged = set(judges.get("A", {}).get(pid, {})) & set(judges.get("B", {}).get(pid, {}))
            wanted = [r.question.id for r in ranking[: args.depth]] + [r.question.id for r in picks]
            new = sorted({q for q in wanted if q not in judged})
            total += len(new)
            handle.write(json.dumps({"persona": pid, "questions": new}) + "\n")
    print(f"{len(ids)} personas, {total} new questions to judge per judge")


if __name__ == "__main__":
    main()
