"""Documentation that tests can hold to: every command has help and is in the README, the public API
has docstrings, and every example script says what it shows (after sqlite-utils' ``test_docs.py``)."""

from __future__ import annotations

import ast
import inspect
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

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


# --- the help texts and the README's usage block say what the commands do ----------------------------------


def _help(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="infoquest", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_top_level_help_lists_every_command_without_cutting_its_description() -> None:
    text = _help()
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        assert command.short_help, f"{name} needs a short_help that fits the command list"
        assert re.search(rf"^  {name}\s+{re.escape(command.short_help)}$", text, re.MULTILINE), text
    assert "..." not in text.split("Commands:")[1].split("Examples")[0]


def test_suggest_help_lists_every_resume_format_and_the_cap_on_k() -> None:
    text = " ".join(_help("suggest").split())
    for fmt in (".pdf", ".docx", ".odt", ".json", ".md", ".txt", "- for standard input"):
        assert fmt in text, fmt
    assert "1 to 100" in text


def _usage_block() -> str:
    blocks = re.findall(r"```text\n(infoquest suggest.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "README.md has one ```text usage block starting with `infoquest suggest`"
    return str(blocks[0])


def _depth_at(text: str, position: int) -> int:
    return text.count("[", 0, position) - text.count("]", 0, position)


@pytest.mark.parametrize("name", ["suggest", "plan"])
def test_the_readme_usage_block_shows_optional_options_as_optional(name: str) -> None:
    usage = _usage_block()
    start = usage.index(f"infoquest {name}")
    following = re.search(r"\ninfoquest ", usage[start + 1 :])
    entry = usage[start : start + 1 + following.start()] if following else usage[start:]
    command = cli.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        opt = max(param.opts, key=len)
        found = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", entry)]
        assert found, f"the usage block does not show {opt} for {name}"
        if not param.required:
            assert all(_depth_at(entry, at) > 0 for at in found), f"{opt} is optional: show it in [brackets]"


def test_the_readme_documents_the_cap_on_k() -> None:
    readme = README.read_text(encoding="utf-8")
    assert re.search(r"-k[^\n]*100|100[^\n]*-k", readme), "README.md says -k is at most 100"


# --- the README's console examples and the --help examples run, against real output -----------------------

SCORE = re.compile(r"\b(relevance|score|confidence) -?\d+(\.\d+)?")


def _normalise(line: str) -> str:
    return SCORE.sub(r"\1 N", line.rstrip())


def console_examples() -> list[tuple[str, list[str]]]:
    """``(command, expected output lines)`` for every ``$ infoquest ...`` in the README's console blocks."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL):
        lines = block.splitlines()
        n = 0
        while n < len(lines):
            if not lines[n].startswith("$ "):
                n += 1
                continue
            command = lines[n][2:]
            while command.endswith("\\") and n + 1 < len(lines):
                n += 1
                command = command[:-1] + " " + lines[n].strip()
            n += 1
            expected = []
            while n < len(lines) and not lines[n].startswith("$ "):
                expected.append(lines[n])
                n += 1
            if command.startswith("infoquest "):  # other commands (curl against `serve`) are shown, not run
                out.append((command, expected))
    return out


def help_examples() -> list[str]:
    """Every example command in the ``--help`` texts (lines starting with ``infoquest``, continuations joined)."""
    out = []
    for _, command in COMMANDS:
        text = "\n".join(filter(None, [command.help, command.epilog]))
        lines = [line.strip() for line in text.splitlines()]
        n = 0
        while n < len(lines):
            # `serve` runs until stopped: its examples are shown, and tests/test_server_run.py runs it.
            if lines[n].startswith("infoquest ") and not lines[n].startswith("infoquest serve"):
                example = lines[n]
                while example.endswith("\\") and n + 1 < len(lines):
                    n += 1
                    example = example[:-1] + " " + lines[n]
                out.append(example)
            n += 1
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` has the ``expected`` lines, where a line ``...`` stands for any lines (none too)."""
    expected = [_normalise(line) for line in expected]
    actual = [_normalise(line) for line in actual]
    segments: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == "...":
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) == 1:
        return actual == segments[0]
    position = 0
    for n, segment in enumerate(segments):
        if not segment:
            continue
        last = n == len(segments) - 1
        starts = [0] if n == 0 else range(position, len(actual) - len(segment) + 1)
        for start in starts:
            if actual[start : start + len(segment)] == segment and (not last or start + len(segment) == len(actual)):
                position = start + len(segment)
                break
        else:
            return False
    return True


def test_matches_reads_ellipses_as_any_lines() -> None:
    assert matches(["a", "...", "c"], ["a", "b", "b", "c"])
    assert matches(["a", "..."], ["a", "b"]) and matches(["a", "..."], ["a"])
    assert not matches(["a", "...", "c"], ["a", "b"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert matches(["x score 2.27"], ["x score 3.16"]) and not matches(["x 2.27"], ["x 3.16"])


def test_the_readme_has_console_examples_and_help_has_examples() -> None:
    assert any(command.startswith("infoquest suggest") for command, _ in console_examples())
    assert any(command.startswith("infoquest check") for command, _ in console_examples())
    assert len(help_examples()) >= 5


def run_example(command: str) -> Result:
    """Run a documented command in-process from the checkout's root, as a shell would parse it."""
    argv = shlex.split(command)
    assert argv[0] == "infoquest", command
    stdin = None
    if "<" in argv:
        at = argv.index("<")
        stdin = (ROOT / argv[at + 1]).read_bytes()
        del argv[at : at + 2]
    return CliRunner().invoke(cli, argv[1:], input=stdin, prog_name="infoquest", terminal_width=100)


@pytest.fixture
def in_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    # The examples are slow tests, so conftest points INFOQUEST_CACHE_DIR at the session's shared cache: the
    # corpus is embedded once for all of them (and for the other slow tests), not once more here.
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")  # the README's tables were printed 100 columns wide


@pytest.mark.slow
@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=[c[:50] for c, _ in console_examples()])
def test_readme_console_example_prints_what_the_readme_shows(
    in_checkout: None, command: str, expected: list[str]
) -> None:
    result = run_example(command)
    assert "Traceback" not in result.output
    assert matches(expected, result.output.splitlines()), (
        f"README.md shows for `{command}`:\n" + "\n".join(expected) + "\n\nbut it prints:\n" + result.output
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", help_examples(), ids=[c[:50] for c in help_examples()])
def test_help_example_runs(in_checkout: None, command: str) -> None:
    result = run_example(command)
    assert "Error" not in result.output and "Traceback" not in result.output, result.output
    if command.startswith("infoquest check"):
        assert result.exit_code == ("[ASKS FOR A JOB]" in result.stdout), result.output
    else:
        assert result.exit_code == 0, result.output
    assert result.stdout.strip()
