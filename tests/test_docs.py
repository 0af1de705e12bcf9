"""Documentation that tests can hold to: every command has help and is in the README, the public API
has docstrings, and every example script says what it shows (after sqlite-utils' ``test_docs.py``)."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

import infoquest
from infoquest.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLES = ROOT / "examples"


def walk(command: click.Command, name: str = "infoquest") -> Iterator[tuple[str, click.Command]]:
    """Every command under ``command``, itself included, with its full name (``infoquest corpus list``)."""
    yield name, command
    if isinstance(command, click.Group):
        for sub_name, sub in sorted(command.commands.items()):
            yield from walk(sub, f"{name} {sub_name}")


COMMANDS = list(walk(cli))
SUBCOMMANDS = COMMANDS[1:]


def test_the_walk_finds_nested_commands() -> None:
    names = [name for name, _ in COMMANDS]
    assert {"infoquest suggest", "infoquest plan", "infoquest check"} <= set(names)
    assert {"infoquest corpus list", "infoquest corpus validate", "infoquest corpus stats"} <= set(names)
    assert "infoquest index build" in names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_has_help(name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"{name} has no help text"
    assert command.get_short_help_str().strip()
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"{name} {param.opts[0]} has no help text"


@pytest.mark.parametrize(("name", "command"), SUBCOMMANDS, ids=[name for name, _ in SUBCOMMANDS])
def test_command_is_in_the_readme(name: str, command: click.Command) -> None:
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", readme), f"README.md does not mention `{name}`"


@pytest.mark.parametrize("name", infoquest.__all__)
def test_public_name_is_importable_and_documented(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from infoquest import {name}", namespace)
    obj = namespace[name]
    if inspect.isclass(obj):
        # A class's own docstring: inspect.getdoc would accept one inherited from, say, BaseModel.
        assert (vars(obj).get("__doc__") or "").strip(), f"class {name} has no docstring"
    elif callable(obj):
        assert (obj.__doc__ or "").strip(), f"function {name} has no docstring"
    elif name == "ENCODER_NAMES":  # the names Recommender(encoder=...) accepts
        assert isinstance(obj, tuple) and all(isinstance(n, str) for n in obj)
    else:  # the only other public value that is neither a class nor a function
        assert name == "__version__"
        assert isinstance(obj, str) and re.fullmatch(r"\d+\.\d+\.\d+\S*", obj)


def test_all_is_complete_and_star_import_matches() -> None:
    assert len(set(infoquest.__all__)) == len(infoquest.__all__)
    namespace: dict[str, object] = {}
    exec("from infoquest import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(infoquest.__all__)
    assert infoquest.__doc__ and infoquest.__doc__.strip()


def test_examples_open_with_a_docstring() -> None:
    scripts = sorted(EXAMPLES.rglob("*.py"))
    assert scripts, f"no example scripts under {EXAMPLES}"
    undocumented = []
    for script in scripts:
        docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"), filename=str(script)))
        if not (docstring or "").strip():
            undocumented.append(str(script.relative_to(ROOT)))
    assert undocumented == []
