"""``import infoquest`` and ``infoquest --help`` stay light: torch and its friends load only when the
model is first needed. Each check runs in a fresh interpreter, since this test process may already
hold those modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "transformers", "sentence_transformers")

# Prints, as its last stdout line, the heavy modules present after running the code before it.
REPORT = f"import json, sys; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"


def python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def heavy_modules(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def run_cli(*commands: tuple[str, ...]) -> str:
    """Code running ``python -m infoquest ARGS`` in-process for each ARGS, then reporting heavy modules."""
    return (
        "import runpy, sys\n"
        f"for args in {list(commands)!r}:\n"
        "    sys.argv = ['infoquest', *args]\n"
        "    try:\n"
        "        runpy.run_module('infoquest', run_name='__main__', alter_sys=True)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), (args, exc.code)\n"
        f"{REPORT}\n"
    )


def test_import_infoquest_does_not_load_torch(tmp_path: Path) -> None:
    result = python(f"import infoquest\nassert infoquest.Recommender\n{REPORT}", tmp_path)
    assert heavy_modules(result) == []


def test_help_does_not_load_torch(tmp_path: Path) -> None:
    result = python(run_cli(("--help",)), tmp_path)
    assert heavy_modules(result) == []
    assert result.stdout.startswith("Usage: infoquest")


def test_every_commands_help_and_version_do_not_load_torch(tmp_path: Path) -> None:
    import click

    from infoquest.cli import cli

    def paths(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        subcommands = command.commands.items() if isinstance(command, click.Group) else []
        return [path, *(p for name, sub in subcommands for p in paths(sub, (*path, name)))]

    commands = [(*path, "--help") for path in paths(cli)]
    assert ("corpus", "validate", "--help") in commands
    result = python(run_cli(*commands, ("--version",)), tmp_path)
    assert heavy_modules(result) == []
    assert result.stdout.count("Usage: infoquest") == len(commands)


def test_python_dash_m_infoquest_help(tmp_path: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "infoquest", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: infoquest")
    assert result.stderr == ""


@pytest.mark.slow
def test_the_probe_sees_torch_once_the_model_loads(tmp_path: Path) -> None:
    # The checks above would pass vacuously if the report could not see heavy imports at all.
    code = f"from infoquest.encoders import MiniLMEncoder\nMiniLMEncoder().encode(['hello'])\n{REPORT}"
    assert set(heavy_modules(python(code, tmp_path))) == set(HEAVY)


def test_import_and_help_load_neither_numpy_nor_pydantic(tmp_path: Path) -> None:
    # Names are imported on first use, so the bare import and --help stay in the tens of milliseconds.
    probe = "import json, sys; print(json.dumps(sorted(m for m in ('numpy', 'pydantic') if m in sys.modules)))"
    assert heavy_modules(python(f"import infoquest\n{probe}", tmp_path)) == []
    assert heavy_modules(python(run_cli(("--help",)).replace(REPORT, probe), tmp_path)) == []
    # ...and a public name still resolves to the class its module defines.
    code = "import infoquest, infoquest.recommender as r\nprint(infoquest.Recommender is r.Recommender)"
    result = python(code, tmp_path)
    assert result.stdout.strip() == "True", result.stderr


def test_every_public_name_resolves(tmp_path: Path) -> None:
    import infoquest

    missing = [name for name in infoquest.__all__ if getattr(infoquest, name, None) is None]
    assert missing == []
    assert set(infoquest.__all__) <= set(dir(infoquest))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = infoquest.nope  # type: ignore[attr-defined]
