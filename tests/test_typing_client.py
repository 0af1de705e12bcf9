"""An integrator's code type-checks against infoquest with ``mypy --strict``, and its mistakes do not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.parametrize("plugin", [False, True], ids=["plain mypy", "pydantic plugin"])
def test_a_strict_client_type_checks(tmp_path, plugin):
    pytest.importorskip("mypy")
    # An integrator's own configuration, not ours: plain --strict, with or without pydantic's plugin.
    config = tmp_path / "mypy.ini"
    # infoquest is read from src/ but, as for an installed package, its own internals are not reported.
    config.write_text(
        "[mypy]\nstrict = True\n"
        + ("plugins = pydantic.mypy\n" if plugin else "")
        + "[mypy-infoquest.*]\nfollow_imports = silent\n"
        # Without init_typed the plugin types every field argument as Any (pydantic coerces), so
        # Profile(stage=5) would pass; Profile(goal=...) fails either way.
        + ("[pydantic-mypy]\ninit_typed = True\n" if plugin else "")
    )
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(ROOT / "tests" / "typing_client.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
