"""Scale batch recommendation out with Ray Data: one ``Recommender`` per worker, profiles in batches.

For more profiles than one machine answers in time (a platform re-ranking millions of them), this runs the
same per-record logic as ``infoquest batch`` on a Ray cluster: ``ray.data.read_text`` reads a JSON Lines
file of profiles, ``map_batches`` sends batches of lines to a pool of workers, each of which builds one
``Recommender`` in ``__init__`` (the model loads once per worker, not per batch) and answers a batch with one
``recommend_many`` call; ``write_json`` writes the results as JSON Lines files into a folder.

    pip install "infoquest[scale]"        # ray[data]
    python examples/scale_out_ray.py examples/profiles.jsonl results/ [--workers 2] [-k 10] [--encoder static]

Each output line is ``{"id": ..., "questions": [...], "error": null}`` or, for a profile that cannot be
used, ``{"id": ..., "questions": null, "error": "..."}``: give every profile an ``id``, since Ray reads the
file in parallel and the results are not in input order. A relative ``resume_path`` is resolved against the
input file's folder, which every worker must see (a shared file system on a real cluster). Without a
running cluster this starts a local one with ``--workers`` CPUs; with ``RAY_ADDRESS`` set it joins that one.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import ray

from infoquest.batch import BatchResult, recommend_profiles
from infoquest.batch_input import parse_profile_line

QUESTION = pa.struct(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("category", pa.string()),
        ("score", pa.float64()),
        ("rank", pa.int64()),
        ("reasons", pa.list_(pa.string())),
        ("source", pa.string()),
        ("concerns", pa.list_(pa.string())),
    ]
)
# One schema for every batch, so that a batch of errors only still has the questions' type.
SCHEMA = pa.schema([("id", pa.string()), ("questions", pa.list_(QUESTION)), ("error", pa.string())])


class RecommendBatch:
    """A Ray Data worker: builds one ``Recommender`` when it starts, then answers batches of profile lines."""

    def __init__(self, k: int = 10, base_dir: str | None = None) -> None:
        from infoquest import Recommender

        self.recommender = Recommender()  # the encoder named by $INFOQUEST_ENCODER (see main), else the default
        self.k = k
        self.base_dir = base_dir

    def __call__(self, batch: dict[str, np.ndarray]) -> pa.Table:
        records = [parse_profile_line(str(text), base_dir=self.base_dir) for text in batch["text"]]
        results = recommend_profiles(self.recommender, records, k=self.k, chunk_size=max(len(records), 1))
        return pa.Table.from_pylist([row(result) for result in results], schema=SCHEMA)


def row(result: BatchResult) -> dict[str, Any]:
    """A result as an output row: ids as text (JSON ids may be numbers), ``questions`` or ``error``."""
    return {
        "id": None if result.id is None else str(result.id),
        "questions": [r.to_dict() for r in result.questions] if result.ok else None,
        "error": result.error,
    }


def run(source: Path, output: Path, *, k: int = 10, workers: int = 2, batch_size: int = 64) -> None:
    """Recommend ``k`` questions for every profile in ``source`` and write JSON Lines files into ``output``."""
    profiles = ray.data.read_text(str(source))
    results = profiles.map_batches(
        RecommendBatch,
        fn_constructor_kwargs={"k": k, "base_dir": str(source.resolve().parent)},
        batch_size=batch_size,
        # A pool of 1 to ``workers`` workers, each with its own Recommender. A pool fixed at every CPU would
        # leave none for the tasks that read and write the files, and the job would wait forever.
        concurrency=(1, workers),
        batch_format="numpy",
    )
    results.write_json(str(output))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="a JSON Lines file of profiles")
    parser.add_argument("output", type=Path, help="the folder to write the results into")
    parser.add_argument("-k", type=int, default=10, help="questions per profile (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="workers, each with one Recommender (default 2)")
    parser.add_argument("--encoder", choices=("auto", "static", "minilm"), default="auto", help="the embedding model")
    args = parser.parse_args()
    # The workers read the encoder from the environment, as the library's default does, so that every part
    # of the recommender (the etiquette guard included) uses the same one.
    env = {"INFOQUEST_ENCODER": args.encoder} if args.encoder != "auto" else {}
    if "RAY_ADDRESS" in os.environ:
        ray.init(runtime_env={"env_vars": env})
    else:
        ray.init(num_cpus=args.workers, include_dashboard=False, runtime_env={"env_vars": env})
    try:
        run(args.input, args.output, k=args.k, workers=args.workers)
    finally:
        ray.shutdown()
    print(f"results written to {args.output}/")


if __name__ == "__main__":
    main()
