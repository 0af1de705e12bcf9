"""Latency of warm recommend() against plain MiniLM cosine, and the cold start, on this machine.

    python benchmarks/speed.py [--repeats 5]

Medians and 95th percentiles over the 48 dev personas, each timed ``repeats`` times after a warm-up.
Writes benchmarks/results/speed.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np

from common import RESULTS, machine
from infoquest.recommender import Recommender
from train_ranker import persona_profiles

COLD = (
    "import time; t = time.perf_counter(); from infoquest import Recommender, Profile; "
    "Recommender().recommend(Profile(goals='Become a nurse', role='nurse manager')); "
    "print(time.perf_counter() - t)"
)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    _, profiles = persona_profiles()
    rec = Recommender()
    rec.recommend(profiles[0])  # warm: model loaded, corpus embedded
    vectors = rec._state.vectors
    timings: dict[str, list[float]] = {
        "recommend(k=10)": [],
        "rank()": [],
        "plain cosine (encode + dot + sort)": [],
    }
    for _ in range(args.repeats):
        for profile in profiles:
            t = time.perf_counter()
            rec.recommend(profile, k=10)
            timings["recommend(k=10)"].append(time.perf_counter() - t)
            t = time.perf_counter()
            rec.rank(profile)
            timings["rank()"].append(time.perf_counter() - t)
            t = time.perf_counter()
            query = rec.encoder.encode([f"{profile.goals}\n{profile.role}\n{profile.resume}"])[0]
            np.argsort(-(vectors @ query))
            timings["plain cosine (encode + dot + sort)"].append(time.perf_counter() - t)
    t = time.perf_counter()
    rec.recommend_many(profiles, k=10)
    batch = (time.perf_counter() - t) / len(profiles)
    cold = [
        float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    base = statistics.median(timings["plain cosine (encode + dot + sort)"])
    lines = [
        "# Speed",
        "",
        f"Command: `python benchmarks/speed.py --repeats {args.repeats}`. Machine: {machine()}.",
        "",
        "| operation | median (ms) | p95 (ms) | median / plain cosine |",
        "| --- | --- | --- | --- |",
    ]
    for name, values in timings.items():
        median = statistics.median(values)
        lines.append(f"| {name} | {median * 1000:.0f} | {percentile(values, 95) * 1000:.0f} | {median / base:.1f}× |")
    lines += [
        "",
        f"recommend_many over the {len(profiles)} personas: {batch * 1000:.0f} ms per profile.",
        "",
        f"Cold start (new process: import, load the model, read the cached index, first recommend), "
        f"median of 3: {statistics.median(cold):.1f} s.",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
