"""Throughput of ``infoquest batch``: profiles per second through the batch logic, on this machine.

    python benchmarks/batch_speed.py [--profiles 1000] [--large 10000] [--repeats 3] [--encoder static]

Builds N synthetic profiles from the example résumés (examples/resumes), the goal statements of
benchmarks/data/goals.jsonl and the role texts of benchmarks/data/roles.jsonl, writes them as JSON Lines,
and times what ``infoquest batch`` does (``recommend_file`` + ``write_results``, k=10) on a warm
recommender, twice: with the résumé text inline, and with ``resume_path`` (each résumé file read and
parsed per profile: PDF, DOCX, Markdown, text). It also times the whole command in a new process (cold
start included), with one process and with ``--workers 2``, on the same profiles and on ``--large`` of them
(where the start-up, about a second, weighs less). Medians of ``--repeats`` runs.
Writes benchmarks/results/batch.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, machine, read_jsonl, write_report
from infoquest.batch import recommend_file, write_results
from infoquest.recommender import Recommender
from infoquest.resume import read_resume

RESUMES = Path(__file__).resolve().parents[1] / "examples" / "resumes"


def synthetic(n: int, folder: Path, *, paths: bool) -> Path:
    """``n`` profiles in ``folder/profiles.jsonl``: goals, roles and résumés combined in varying ways."""
    goals = [row["text"] for row in read_jsonl(DATA / "goals.jsonl")]
    roles = [row["text"] for row in read_jsonl(DATA / "roles.jsonl")]
    files = sorted(p for p in RESUMES.iterdir() if p.suffix in (".pdf", ".docx", ".md", ".txt", ".json"))
    texts = [read_resume(p).text for p in files]
    path = folder / ("paths.jsonl" if paths else "inline.jsonl")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            row: dict[str, object] = {
                "id": f"p{i}",
                "goals": goals[i % len(goals)],
                "role": roles[(i * 7) % len(roles)],
            }
            if i % 5:  # four in five profiles have a résumé
                which = (i * 3) % len(files)
                row.update({"resume_path": str(files[which])} if paths else {"resume": texts[which]})
            out.write(json.dumps(row) + "\n")
    return path


def timed_run(rec: Recommender, source: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (all threads of this process) and profiles answered."""
    start, cpu = time.perf_counter(), time.process_time()
    summary = write_results(recommend_file(source, rec, k=10), out)
    return time.perf_counter() - start, time.process_time() - cpu, summary.ok


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000, help="profiles for the long whole-command runs (0: none)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--encoder", choices=("static", "minilm"), default="static")
    args = parser.parse_args()
    # The whole process on one encoder: the etiquette guard that checks written questions uses the default one.
    os.environ["INFOQUEST_ENCODER"] = args.encoder
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rec = Recommender(encoder=args.encoder)
        rec.recommend_many([], k=10)
        write_results(recommend_file(synthetic(64, folder, paths=False), rec), folder / "warm.jsonl")  # warm
        for label, paths in (("résumé text inline", False), ("résumé paths (files read and parsed)", True)):
            source = synthetic(args.profiles, folder, paths=paths)
            runs = [timed_run(rec, source, folder / "out.jsonl") for _ in range(args.repeats)]
            rows.append(
                (label, runs[0][2], statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
            )
        sizes = [(args.profiles, folder / "inline.jsonl")]
        if args.large:
            (folder / "large").mkdir()
            sizes.append((args.large, synthetic(args.large, folder / "large", paths=False)))
        for count, source in sizes:
            for workers in (1, 2):
                command = [sys.executable, "-m", "infoquest", "batch", str(source), "-o", str(folder / "cli.jsonl")]
                walls, cpus = [], []
                for _ in range(args.repeats):
                    start, cpu = time.perf_counter(), children_cpu()
                    subprocess.run([*command, "--workers", str(workers)], check=True, capture_output=True)
                    walls.append(time.perf_counter() - start)
                    cpus.append(children_cpu() - cpu)
                label = f"whole command, new process, `--workers {workers}` (résumé text inline)"
                rows.append((label, count, statistics.median(walls), statistics.median(cpus)))
    lines = [
        "# Batch throughput",
        "",
        f"Command: `python benchmarks/batch_speed.py --profiles {args.profiles} --large {args.large} "
        f"--repeats {args.repeats} --encoder {args.encoder}`. Machine: {machine()}; load average {load:.1f} when "
        "it started (the cores are shared with other work).",
        "",
        f"{args.profiles:,} synthetic profiles (goals from `data/goals.jsonl`, roles from `data/roles.jsonl`, "
        "four in five with one of the example résumés), k=10, chunks of 64 profiles per `recommend_many` call, "
        f"JSON Lines written to a file; median of {args.repeats} runs on a warm recommender. The whole command "
        f"also runs on {args.large:,} such profiles, where its start-up (about a second) weighs less.",
        "",
        "| input | profiles answered | median wall (s) | profiles/s (wall) "
        "| median CPU (s) | profiles per CPU-second |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, ok, wall, cpu in rows:
        lines.append(f"| {label} | {ok:,} | {wall:.2f} | {ok / wall:,.0f} | {cpu:.2f} | {ok / cpu:,.0f} |")
    lines += [
        "",
        "CPU time counts every thread of the process (the command's in a new process includes its start-up), so",
        "profiles per CPU-second is what one otherwise idle core would give, whatever else the machine was running.",
        "`--workers 2` starts two worker processes (each loads its own model, with one BLAS thread) and the",
        "command's own process reads the input and writes the results; the Ray recipe is the same on many machines.",
        "",
        "Target (issue 11): ≥ 500 profiles/s on 2 cores.",
    ]
    write_report("batch.md", [*lines, ""])


if __name__ == "__main__":
    main()
