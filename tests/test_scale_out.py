"""The Ray Data recipe (examples/scale_out_ray.py) runs as it is, on a local two-CPU Ray, and gives the same
answers as ``infoquest batch``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infoquest.batch import recommend_file
from infoquest.recommender import Recommender

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scale_out_ray.py"


@pytest.mark.slow
def test_the_ray_example_writes_the_same_answers_as_the_batch_command(tmp_path, monkeypatch):
    pytest.importorskip("ray.data", reason='Ray is not installed: pip install "infoquest[scale]"')
    monkeypatch.setenv("INFOQUEST_ENCODER", "static")
    source = tmp_path / "profiles.jsonl"
    lines = (ROOT / "examples" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [line.replace('"resume_path": "resumes/', f'"resume_path": "{ROOT}/examples/resumes/') for line in lines]
    source.write_text("\n".join([*lines, '{"id": "bad", "goal": "a typo"}']) + "\n", encoding="utf-8")
    output = tmp_path / "results"

    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(source), str(output), "-k", "3", "--workers", "2", "--encoder", "static"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    rows = [json.loads(line) for path in sorted(output.iterdir()) for line in path.read_text("utf-8").splitlines()]
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == len(by_id) == 6
    assert by_id["bad"]["questions"] is None and "unknown field 'goal'" in by_id["bad"]["error"]
    expected = {str(r.id): r for r in recommend_file(source, Recommender(encoder="static"), k=3)}
    for key, row in by_id.items():
        if key != "bad":
            assert row["error"] is None
            assert row["questions"] == [q.to_dict() for q in expected[key].questions]
