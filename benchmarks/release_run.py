"""Run the last release (v0.1.0) on the concern personas, from its own commit, and save its top-10s.

    python benchmarks/release_run.py [--commit e33b9b4] [--personas concern_personas.jsonl] [--out v0.1.0.json]

Checks the release's commit out into a temporary git worktree, runs its ``Recommender().recommend_many(k=10)``
there (its own code, corpus and trained models; MiniLM) in a subprocess, and writes
``results/concern_runs/v0.1.0.json`` (persona id -> question ids) for ``evaluate_concerns.py``; with
``--personas reader_heldout.jsonl --out v0.1.0_heldout.json``, the held-out seekers' sets for
``evaluate_heldout.py`` (they have no résumé).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import DATA, RESULTS

ROOT = Path(__file__).resolve().parent.parent
RELEASE = "e33b9b4"  # the commit v0.1.0 was released from
SCRIPT = """
import json, sys
from infoquest import Profile, Recommender
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
rec = Recommender()
profiles = [Profile(goals=r["goals"], resume=r.get("resume", ""), role=r["role"]) for r in rows]
picks = rec.recommend_many(profiles, k=10)
json.dump({r["id"]: [p.question.id for p in ps] for r, ps in zip(rows, picks)}, sys.stdout)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commit", default=RELEASE)
    parser.add_argument("--personas", default="concern_personas.jsonl", help="file name under data/")
    parser.add_argument("--out", default="v0.1.0.json", help="file name under results/concern_runs/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "release"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.commit], check=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src"), "HF_HUB_OFFLINE": "1"}
            out = subprocess.run(
                [sys.executable, "-c", SCRIPT, str(DATA / args.personas)],
                env=env,
                cwd=tree,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    target = RESULTS / "concern_runs" / args.out
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(json.loads(out), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
