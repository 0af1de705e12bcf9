"""Speed and memory of both encoders, whole process and warm, on this machine, in one run.

    python benchmarks/speed.py [--repeats 5]

For the static encoder (the default without the ``transformers`` extra) and MiniLM: a cold ``infoquest
suggest`` on a PDF résumé in a new process (wall time and peak resident memory, median of 3, index cache
built), ``import infoquest`` and ``infoquest --help``, building the shipped corpus's index, warm
``recommend(k=10)`` and ``rank()`` (medians and 95th percentiles over the 72 dev personas), and batch
throughput (``recommend_many``). Writes ``results/speed.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from common import machine, write_report
from infoquest.recommender import Recommender
from train_ranker import persona_profiles

ROOT = Path(__file__).resolve().parent.parent
SUGGEST = [
    "suggest",
    "--resume",
    str(ROOT / "examples" / "resumes" / "maya_chen_student.pdf"),
    "--goals",
    "I graduate next May. Should I do a new-grad residency first? I'm worried about burnout and night shifts.",
    "--role",
    "charge nurse on a pediatric oncology unit",
]
# Peak memory is this process image's own VmHWM: ru_maxrss would also count the process it was started from.
PEAK = (
    "import runpy, sys; sys.argv = ['infoquest', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('infoquest', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)"
)


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of ``python -m infoquest ARGS`` in a new process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *args], env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def python_seconds(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    _, profiles = persona_profiles()
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        for encoder in ("static", "minilm"):
            env = {**os.environ, "INFOQUEST_ENCODER": encoder, "INFOQUEST_CACHE_DIR": cache, "HF_HUB_OFFLINE": "1"}
            rec = Recommender(encoder=encoder, cache_dir=cache)
            started = time.perf_counter()
            rec.build_index(rebuild=True)
            build = time.perf_counter() - started
            run(SUGGEST, env)  # the cache is there now; the cold runs below read it
            cold = [run(SUGGEST, env) for _ in range(3)]
            imports = [python_seconds("import infoquest", env) for _ in range(5)]
            # The package imports its names lazily; this is what a program that uses the library pays.
            recommender_imports = [python_seconds("from infoquest import Recommender", env) for _ in range(5)]
            helps = [run(["--help"], env)[0] for _ in range(3)]
            rec.recommend(profiles[0])
            warm: dict[str, list[float]] = {"recommend(k=10)": [], "rank()": []}
            for _ in range(args.repeats):
                for profile in profiles:
                    t = time.perf_counter()
                    rec.recommend(profile, k=10)
                    warm["recommend(k=10)"].append(time.perf_counter() - t)
                    t = time.perf_counter()
                    rec.rank(profile)
                    warm["rank()"].append(time.perf_counter() - t)
            batch = profiles * 4
            t = time.perf_counter()
            rec.recommend_many(batch, k=10)
            throughput = len(batch) / (time.perf_counter() - t)
            rows.append(
                {
                    "encoder": encoder,
                    "cold suggest (s)": statistics.median(w for w, _ in cold),
                    "cold suggest peak (MiB)": statistics.median(m for _, m in cold),
                    "import infoquest (s)": statistics.median(imports),
                    "from infoquest import Recommender (s)": statistics.median(recommender_imports),
                    "--help (s)": statistics.median(helps),
                    "index build (s)": build,
                    "recommend p50 (ms)": statistics.median(warm["recommend(k=10)"]) * 1000,
                    "recommend p95 (ms)": float(np.percentile(warm["recommend(k=10)"], 95)) * 1000,
                    "rank p50 (ms)": statistics.median(warm["rank()"]) * 1000,
                    "rank p95 (ms)": float(np.percentile(warm["rank()"], 95)) * 1000,
                    "recommend_many, one process (profiles/s)": throughput,
                }
            )
    keys = [k for k in rows[0] if k != "encoder"]
    load = os.getloadavg()[0]
    lines = [
        "# Speed",
        "",
        f"Command: `python benchmarks/speed.py --repeats {args.repeats}`. Machine: {machine()}; load average "
        f"{load:.1f} when it finished (other work on the 2 cores slows every number).",
        "",
        "| measure | " + " | ".join(r["encoder"] for r in rows) + " |",
        "| --- |" + " --- |" * len(rows),
    ]
    for key in keys:
        cells = [f"{r[key]:.2f}" if "(s)" in key else f"{r[key]:.0f}" for r in rows]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Cold runs are new processes running `infoquest suggest` on `examples/resumes/maya_chen_student.pdf` with "
        "the index cache built (median of 3); warm timings are over the 72 dev personas, "
        f"{args.repeats} rounds; `recommend_many` runs over {len(profiles) * 4} profiles in this one process. "
        "The batch target (500 profiles/s on 2 cores) is measured on the whole `infoquest batch` command, with "
        "one worker per core, in `results/batch.md` (`benchmarks/batch_speed.py`).",
        "",
    ]
    write_report("speed.md", lines)


if __name__ == "__main__":
    main()
