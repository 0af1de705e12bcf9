"""How long the README's test command takes on a fresh clone: ``make install``, then ``make test``.

    python benchmarks/suite_time.py [--runs 3] [--ref HEAD]

Each run clones the repository at ``--ref`` into a new temporary folder and gives uv an empty cache folder
(``UV_CACHE_DIR``), as on a fresh machine, then times ``make install`` (the venv, torch through pip, the rest
through uv) and ``make test`` (the whole suite, slow tests included) separately; a failing run stops the
benchmark. pip's own cache and the torch wheel on local disk are this machine's, as they are for CI here.
Writes benchmarks/results/suite_time.md with the medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import HERE, machine, write_report

ROOT = HERE.parent


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of ``command``; raises with its output's tail when it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{(done.stdout + done.stderr)[-3000:]}")
    return seconds


def one_run(ref: str) -> tuple[float, float]:
    """(install seconds, test seconds) on a fresh clone of ``ref``."""
    with tempfile.TemporaryDirectory(prefix="infoquest-suite-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "checkout", "--quiet", ref], cwd=clone, check=True)
        env = {**os.environ, "UV_CACHE_DIR": str(Path(tmp) / "uv-cache"), "CI": "true"}
        return timed(["make", "install"], clone, env), timed(["make", "test"], clone, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ref", default="HEAD")
    args = parser.parse_args()
    ref = subprocess.run(
        ["git", "rev-parse", "--short", args.ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    runs = []
    for n in range(args.runs):
        runs.append(one_run(ref))
        print(f"run {n + 1}: install {runs[-1][0]:.0f} s, tests {runs[-1][1]:.0f} s", flush=True)
    install = statistics.median(r[0] for r in runs)
    tests = statistics.median(r[1] for r in runs)
    total = statistics.median(r[0] + r[1] for r in runs)
    lines = [
        "# The test command on a fresh clone",
        "",
        f"Command: `python benchmarks/suite_time.py --runs {args.runs}` at commit {ref}. Machine: {machine()}.",
        "",
        "Each run: a new clone, an empty uv cache, `make install`, then `make test` (every test, the real models",
        "and the browser included). Medians of the runs; the target is 180 s for both together.",
        "",
        "| step | median seconds | runs |",
        "| --- | --- | --- |",
        f"| `make install` | {install:.0f} | {', '.join(f'{r[0]:.0f}' for r in runs)} |",
        f"| `make test` (tests only) | {tests:.0f} | {', '.join(f'{r[1]:.0f}' for r in runs)} |",
        f"| both | **{total:.0f}** | {', '.join(f'{r[0] + r[1]:.0f}' for r in runs)} |",
        "",
    ]
    write_report("suite_time.md", lines)


if __name__ == "__main__":
    main()
