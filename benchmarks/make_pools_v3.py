"""Pool, for a further judging round, the (persona, question) pairs with no valid grade that the current rankings reach.

    python benchmarks/make_pools_v3.py [--depth 10] [--out pools_v3.jsonl]

Grades count only for a question whose text is unchanged since it was graded (``common.valid_judges``); after
review rounds 5-8 reworded questions, the current rankers' top picks held ungraded pairs (the third round,
``pools_v3.jsonl``); after the rankers were retrained on gain-weighted pairs, their top 10s held ungraded pairs
again (the fourth round, ``--out pools_v4.jsonl``). For each persona, the top ``depth`` of MiniLM and static
cosine on the whole profile, BM25, and infoquest's own ``rank()`` and ``recommend()`` with both encoders are
pooled (``make_pools_v2.pool``), and the pairs with no valid grade go to ``data/<out>`` for both judges.
"""

from __future__ import annotations

import argparse

from make_pools_v2 import pool


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=10)
    parser.add_argument("--out", default="pools_v3.jsonl", help="file name under data/")
    args = parser.parse_args()
    pool(args.depth, args.out, ("static", "minilm"))


if __name__ == "__main__":
    main()
