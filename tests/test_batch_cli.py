"""``infoquest batch``: JSON Lines out, one line per profile, errors in place, a summary on stderr.

Fast tests replace ``infoquest.cli._recommender`` with a recommender on the hashing encoder; one slow test
runs the shipped example files with the real default recommender.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.conftest import RESUME

from infoquest import cli as cli_module
from infoquest.cli import cli
from infoquest.encoders import HashingEncoder
from infoquest.recommender import Recommender

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOALS = "I want to move from teaching math into software engineering. How do I get my first role?"
ROLE = "director of engineering at a cloud company"
QUESTION_KEYS = {"id", "text", "category", "score", "rank", "reasons", "source", "concerns"}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    return Recommender(encoder=HashingEncoder(128), trained=False, cache_dir=tmp_path_factory.mktemp("cli-batch"))


@pytest.fixture
def encoders(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, fake: Recommender) -> list[Any]:
    """The encoder names the command asked for; the recommender it gets is the fake one."""
    asked: list[Any] = []
    if request.node.get_closest_marker("slow") is None:

        def recommender(corpus_path: str | None, encoder: str | None = None) -> Recommender:
            asked.append(encoder)
            return fake

        monkeypatch.setattr(cli_module, "_recommender", recommender)
    return asked


def run(*args: str | Path, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["batch", *map(str, args)], input=input, catch_exceptions=False)


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "cvs").mkdir()
    (tmp_path / "cvs" / "jordan.txt").write_text(RESUME, encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "goals": GOALS, "role": ROLE}),
                json.dumps({"id": "b", "goals": GOALS, "resume_path": "cvs/jordan.txt"}),
                '{"id": "broken", "goals": ',
                json.dumps({"id": "c", "goal": "a typo"}),
                json.dumps({"id": "d", "resume_path": "cvs/missing.pdf"}),
                json.dumps({"id": 5, "goals": GOALS, "role": ROLE, "met_before": True}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "p.csv").write_text(
        f'id,goals,role,resume_path,met_before\na,"{GOALS}",{ROLE},,\nb,"{GOALS}",,cvs/jordan.txt,yes\n',
        encoding="utf-8",
    )
    return tmp_path


def test_jsonl_in_json_lines_out_with_errors_in_place_and_a_summary(encoders, inputs):
    result = run(inputs / "p.jsonl", "-k", "3")
    assert result.exit_code == 0, result.output
    records = lines(result.stdout)
    assert [(r["line"], r["id"]) for r in records] == [(1, "a"), (2, "b"), (3, None), (4, "c"), (5, "d"), (6, 5)]
    assert ["questions" in r for r in records] == [True, True, False, False, False, True]
    for record in records:
        if "questions" in record:
            assert len(record["questions"]) == 3
            assert set(record["questions"][0]) == QUESTION_KEYS
            assert set(record) == {"line", "id", "questions"}
        else:
            assert set(record) == {"line", "id", "error"}
    assert "not valid JSON" in records[2]["error"]
    assert "unknown field 'goal'" in records[3]["error"]
    assert "missing.pdf: no such file" in records[4]["error"]
    assert result.stderr == "6 profiles: 3 ok, 3 errors\n"
    assert encoders == ["auto"]


def test_the_resume_path_is_read(encoders, inputs, fake):
    (record,) = lines(run(inputs / "p.csv", "-k", "4").stdout)[1:]
    from infoquest import Profile

    expected = fake.recommend(Profile(goals=GOALS, resume=RESUME, met_before=True), k=4)
    assert record["questions"] == [r.to_dict() for r in expected]


def test_csv_input_and_k(encoders, inputs):
    result = run(inputs / "p.csv", "-k", "2")
    assert result.exit_code == 0, result.output
    records = lines(result.stdout)
    assert [(r["line"], r["id"], len(r["questions"])) for r in records] == [(2, "a", 2), (3, "b", 2)]
    assert result.stderr == "2 profiles: 2 ok, 0 errors\n"


def test_default_k_is_ten(encoders, inputs):
    records = lines(run(inputs / "p.csv").stdout)
    assert [len(r["questions"]) for r in records] == [10, 10]


def test_standard_input_is_json_lines_unless_told(encoders, inputs):
    jsonl = (inputs / "p.jsonl").read_bytes()
    from_file = run(inputs / "p.jsonl", "-k", "2")
    from_stdin = run("-", "-k", "2", input=jsonl)
    assert from_stdin.exit_code == 0, from_stdin.output
    by_id = {r["id"]: r for r in lines(from_stdin.stdout)}
    # Relative résumé paths on standard input are relative to the current folder, not the file's.
    assert "no such file" in by_id["b"]["error"]
    assert by_id["a"] == lines(from_file.stdout)[0]

    csv = run("-", "--input-format", "csv", "-k", "2", input=f"goals,role\n{GOALS},{ROLE}\n")
    assert [r["line"] for r in lines(csv.stdout)] == [2]


def test_output_file_is_written_and_stdout_stays_empty(encoders, inputs, tmp_path):
    out = tmp_path / "results.jsonl"
    result = run(inputs / "p.csv", "--output", out, "-k", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [r["id"] for r in lines(out.read_text(encoding="utf-8"))] == ["a", "b"]
    assert result.stderr == "2 profiles: 2 ok, 0 errors\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_the_encoder_is_passed_through_and_the_progress_flag_keeps_stdout_clean(encoders, inputs):
    result = run(inputs / "p.csv", "--encoder", "static", "--progress", "-k", "1")
    assert result.exit_code == 0, result.output
    assert len(lines(result.stdout)) == 2
    assert result.stderr.splitlines()[-1].endswith("2 profiles: 2 ok, 0 errors")
    assert encoders == ["static"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.jsonl"], "missing.jsonl: no such file"),
        (["profiles.txt"], "--input-format"),
        (["bad_header.csv"], "unknown CSV column 'goal'"),
        (["array.json"], "JSON array"),
        (["p.csv", "--output", "nope/out.jsonl"], "its folder does not exist"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_exits_1_with_one_line(encoders, inputs, monkeypatch, args, fragment):
    (inputs / "profiles.txt").write_text("{}\n", encoding="utf-8")
    (inputs / "bad_header.csv").write_text("id,goal\na,b\n", encoding="utf-8")
    (inputs / "array.json").write_text('[{"goals": "x"}]\n', encoding="utf-8")
    monkeypatch.chdir(inputs)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ") and fragment in result.stderr


def test_a_bad_header_leaves_no_output_file(encoders, inputs):
    (inputs / "bad.csv").write_text("id,goal\na,b\n", encoding="utf-8")
    result = run(inputs / "bad.csv", "--output", inputs / "out.jsonl")
    assert result.exit_code == 1
    assert not (inputs / "out.jsonl").exists()
    assert not [p for p in inputs.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    "args", [["-k", "0"], ["-k", "101"], ["--encoder", "hashing"], ["--input-format", "xml"], ["--format", "csv"]]
)
def test_usage_errors_exit_2(encoders, inputs, args):
    result = run(inputs / "p.csv", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Usage: ")


@pytest.mark.slow
def test_the_example_files_run_with_the_real_recommender():
    for name, count in (("profiles.jsonl", 5), ("profiles.csv", 3)):
        result = run(EXAMPLES / name, "-k", "5")
        assert result.exit_code == 0, result.output
        records = lines(result.stdout)
        assert len(records) == count and all(len(r.get("questions", [])) == 5 for r in records), records
        assert result.stderr.splitlines()[-1] == f"{count} profiles: {count} ok, 0 errors"


def test_workers_answer_the_example_file_like_one_process():
    # The static model: each worker process loads its own (about half a second), no torch.
    one = run(EXAMPLES / "profiles.jsonl", "-k", "4", "--encoder", "static")
    two = run(EXAMPLES / "profiles.jsonl", "-k", "4", "--encoder", "static", "--workers", "2")
    assert one.exit_code == two.exit_code == 0, two.output
    ids = [[(r["line"], [q["id"] for q in r["questions"]]) for r in lines(result.stdout)] for result in (one, two)]
    assert ids[0] == ids[1] and len(ids[0]) == 5
    assert two.stderr.splitlines()[-1] == "5 profiles: 5 ok, 0 errors"


def test_the_commands_workers_bound_is_the_librarys():
    from infoquest.batch import MAX_WORKERS

    (option,) = [p for p in cli.commands["batch"].params if p.name == "workers"]
    assert option.type.max == MAX_WORKERS and option.type.min == 1
