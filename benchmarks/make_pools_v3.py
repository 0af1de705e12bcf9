"""Pool, for a third judging round, the (persona, question) pairs with no valid grade that the current rankings reach.

    python benchmarks/make_pools_v3.py [--depth 10]

Grades count only for a question whose text is unchanged since it was graded (``common.valid_judges``); after
review rounds 5-8 reworded questions, the current rankers' top picks held ungraded pairs. For each persona, the
top ``depth`` of MiniLM and static cosine on the whole profile, BM25, and infoquest's own ``rank()`` and
``recommend()`` with both encoders are pooled (``make_pools_v2.pool``), and the pairs with no valid grade go to
``data/pools_v3.jsonl`` for both judges.
"""

from __future__ import annotations

import argparse

from make_pools_v2 import pool


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=10)
    args = parser.parse_args()
    pool(args.depth, "pools_v3.jsonl", ("static", "minilm"))


if __name__ == "__main__":
    main()
