"""The ``infoquest`` command: options, parsed JSON output, exit statuses and one-line errors.

Fast tests replace ``infoquest.cli._recommender`` with a recommender on the hashing encoder, and make
loading the real model an error, so they run in seconds. Tests that need the real model (the etiquette
check, ``plan --add``, an end-to-end ``suggest``) are marked ``slow``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from infoquest import cli as cli_module
from infoquest import transformer_encoder
from infoquest._version import __version__
from infoquest.cli import cli
from infoquest.corpus import default_corpus
from infoquest.encoders import HashingEncoder
from infoquest.recommender import Recommender

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "resumes"
REAL_RECOMMENDER = cli_module._recommender

RESUME_TXT = """Jordan Lee

Experience
Mathematics Teacher, Lincoln High School, Aug 2014 – Present
Taught algebra and statistics; wrote Python scripts to automate grading.

Education
B.S. Mathematics, State University, 2010 – 2014

Skills
Python, SQL, data analysis, public speaking
"""
GOALS = "I want to move from teaching math into software engineering. How do I get my first role?"
ROLE = "director of engineering at a cloud company"
RECOMMENDATION_KEYS = {"id", "text", "category", "score", "rank", "reasons", "source", "concerns"}
PLAN_KEYS = {
    "minutes",
    "intro_minutes",
    "thanks_minutes",
    "question_minutes",
    "interviewee",
    "questions",
    "preparation",
    "follow_up",
    "refused",
}
PLANNED_KEYS = {"id", "text", "category", "part", "minutes", "reason", "yours", "source"}
PARTS = ("opening", "job_search", "core", "later", "closing")

GOOD_CORPUS = [
    {"id": "a1", "text": "What does a typical week look like for you?", "category": "Responsibilities"},
    {"id": "a2", "text": "Which skills matter most for getting started in this field?"},
    {"id": "a3", "text": "Who else would you suggest I talk to?", "category": "Referrals and Closing"},
]
BAD_CORPUS_LINES = [
    json.dumps({"id": "b1", "text": "What does a typical week look like for you?"}),
    json.dumps({"id": "b1", "text": "Which skills matter most for getting started?"}),  # line 2: duplicate id
    json.dumps({"id": "b3", "text": "How did you get into this work?", "category": "Gossip"}),  # line 3
    '{"id": "b4", "text": "an unterminated string',  # line 4: bad JSON
]


# --- Fixtures and helpers --------------------------------------------------------------------------


def _fake_recommender(corpus_path: str | None) -> Recommender:
    return Recommender(corpus=corpus_path, encoder=HashingEncoder(128), trained=False)


@pytest.fixture(autouse=True)
def _hashing_recommender(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_recommender", _fake_recommender)
    if request.node.get_closest_marker("slow") is None:

        def refuse(model_dir: str) -> Any:
            raise AssertionError(f"a fast test tried to load the real model from {model_dir}")

        monkeypatch.setattr(transformer_encoder, "_load_sentence_transformer", refuse)


def run(*args: str | Path, input: str | bytes | None = None) -> Result:
    """Run the command as a user would; an unexpected exception fails the test with its traceback."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False, prog_name="infoquest")


def run_json(*args: str | Path, input: str | bytes | None = None, status: int = 0) -> Any:
    result = run(*args, "--format", "json", input=input)
    assert result.exit_code == status, result.output
    return json.loads(result.stdout)


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """Exit status 1, nothing on stdout, and exactly one line on stderr: ``Error: ...``."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def assert_usage_error(result: Result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Usage: infoquest")
    assert fragment in result.stderr


def squash(text: str) -> str:
    """Text without whitespace: table output wraps long questions over several lines."""
    return "".join(text.split())


@pytest.fixture
def resume_txt(tmp_path: Path) -> Path:
    path = tmp_path / "cv.txt"
    path.write_text(RESUME_TXT, encoding="utf-8")
    return path


def _write_corpus(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def good_corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "good.jsonl", [json.dumps(q) for q in GOOD_CORPUS])


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "bad.jsonl", BAD_CORPUS_LINES)


def listed_commands(help_text: str) -> set[str]:
    """The command names in the "Commands:" section of a help page."""
    section = help_text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    return {line.split()[0] for line in section.splitlines()}


# --- Top level -------------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"infoquest, version {__version__}\n"


def test_help_lists_every_command_and_short_option_matches() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert listed_commands(result.stdout) == set(cli.commands)
    assert {"suggest", "plan", "check", "corpus", "index"} <= set(cli.commands)
    assert run("-h").stdout == result.stdout


@pytest.mark.parametrize("group", ["corpus", "index"])
def test_group_help_lists_its_subcommands(group: str) -> None:
    command = cli.commands[group]
    assert isinstance(command, click.Group)
    result = run(group, "--help")
    assert result.exit_code == 0
    assert listed_commands(result.stdout) == set(command.commands)


# --- suggest ---------------------------------------------------------------------------------------


def _assert_recommendations(items: Any, k: int) -> None:
    corpus = default_corpus()
    assert isinstance(items, list)
    assert len(items) == k
    assert [item["rank"] for item in items] == list(range(1, k + 1))
    assert len({item["id"] for item in items}) == k
    for item in items:
        assert set(item) == RECOMMENDATION_KEYS
        if item["source"] == "goals":  # written from the seeker's words for a concern the bank cannot answer
            assert item["id"].startswith("W") and item["concerns"]
            continue
        assert item["text"] == corpus.get(item["id"]).text
        assert isinstance(item["category"], str) and item["category"]
        assert isinstance(item["score"], float)
        assert isinstance(item["reasons"], list)
        assert all(isinstance(reason, str) and reason for reason in item["reasons"])


@pytest.mark.parametrize(
    "resume",
    [
        "grace_kim_returning.md",
        "samuel_adeyemi.json",
        "luis_ortega.docx",
        "maya_chen_student.pdf",
        "elena_novak_latin1.txt",
        "tmp.txt",
    ],
)
def test_suggest_json_is_a_list_of_flat_recommendations(resume: str, resume_txt: Path) -> None:
    path = resume_txt if resume == "tmp.txt" else EXAMPLES / resume
    items = run_json("suggest", "--resume", path, "--goals", GOALS, "--role", ROLE)
    _assert_recommendations(items, k=10)


@pytest.mark.parametrize("k", [1, 3, 25])
def test_suggest_k(k: int, resume_txt: Path) -> None:
    items = run_json("suggest", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "-k", str(k))
    _assert_recommendations(items, k=k)


def test_markdown_and_table_show_the_same_questions_in_rank_order(resume_txt: Path) -> None:
    args = ("suggest", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "-k", "5")
    items = run_json(*args)

    markdown = run(*args, "--format", "markdown")
    assert markdown.exit_code == 0
    for item in items:
        assert f"{item['rank']}. **{item['text']}**" in markdown.stdout

    table = run(*args, "--format", "table")
    assert table.exit_code == 0
    flat = squash(table.stdout)
    positions = [flat.find(squash(item["text"])) for item in items]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert run(*args).stdout == table.stdout  # table is the default


def test_explain_json_has_profile_and_questions(resume_txt: Path) -> None:
    args = ("suggest", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "-k", "4")
    data = run_json(*args, "--explain")
    assert set(data) == {"profile", "questions"}
    assert set(data["profile"]) == {"seeker", "interviewee", "concerns", "languages", "warnings"}
    assert data["profile"]["interviewee"]["role"] == ROLE
    assert data["profile"]["seeker"]["goal_sentences"]
    _assert_recommendations(data["questions"], k=4)
    assert data["questions"] == run_json(*args)  # explaining does not change the picks


def test_stage_and_interviewee_kind_override_inference(resume_txt: Path) -> None:
    data = run_json(
        "suggest", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE,
        "--stage", "returning", "--interviewee-kind", "retired", "--explain", "-k", "2",
    )  # fmt: skip
    seeker, who = data["profile"]["seeker"], data["profile"]["interviewee"]
    assert (seeker["stage"], seeker["source"]) == ("returning", "given")
    assert (who["kind"], who["source"]) == ("retired", "given")


def test_explain_table_starts_with_what_was_inferred(resume_txt: Path) -> None:
    result = run("suggest", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "--explain", "-k", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("You: ")
    assert lines[1].startswith("Interviewee: ")
    concerns = [line for line in lines[2:] if line.startswith("Concern (")]
    assert concerns, "each concern read from the goals is listed with what answers it"
    assert "--stage" in lines[2 + len(concerns)]


def test_resume_from_stdin_reads_like_the_file(resume_txt: Path) -> None:
    from_file = run_json("suggest", "--resume", resume_txt, "--role", ROLE, "-k", "5")
    from_stdin = run_json("suggest", "--resume", "-", "--role", ROLE, "-k", "5", input=RESUME_TXT)
    # Without goals, the profile is only valid because the résumé on stdin was read.
    assert from_stdin == from_file
    _assert_recommendations(from_stdin, k=5)


def test_goals_file_reads_like_goals(tmp_path: Path) -> None:
    goals = tmp_path / "goals.txt"
    goals.write_text(GOALS + "\n", encoding="utf-8")
    from_option = run_json("suggest", "--goals", GOALS, "--role", ROLE, "-k", "5")
    assert run_json("suggest", "--goals-file", goals, "--role", ROLE, "-k", "5") == from_option


# --- plan ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [10, 19, 20, 25, 45, 60])
def test_plan_json_fits_the_minutes(minutes: int, resume_txt: Path) -> None:
    plan = run_json("plan", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "--minutes", str(minutes))
    assert set(plan) == PLAN_KEYS
    assert plan["minutes"] == minutes
    assert plan["interviewee"] == ROLE
    questions = plan["questions"]
    assert questions
    for question in questions:
        assert set(question) == PLANNED_KEYS
        assert question["part"] in PARTS
        assert question["minutes"] > 0
        assert question["reason"]
        assert question["yours"] is False
    assert len({q["id"] for q in questions}) == len(questions)
    assert plan["question_minutes"] == pytest.approx(sum(q["minutes"] for q in questions), abs=0.05)
    assert plan["intro_minutes"] + plan["question_minutes"] + plan["thanks_minutes"] == minutes
    # In the guide's order: opening, job search, core, careful questions late, referrals to close.
    order = [PARTS.index(q["part"]) for q in questions]
    assert order == sorted(order)
    assert questions[-1]["part"] == "closing"
    if minutes < 20:  # too short to build the rapport a careful question needs
        assert "later" not in {q["part"] for q in questions}
    assert plan["refused"] == []
    assert plan["preparation"] and plan["follow_up"]


def test_plan_markdown_and_text(resume_txt: Path) -> None:
    args = ("plan", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "--minutes", "20")
    plan = run_json(*args)
    markdown = run(*args)  # markdown is the default
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith(f"# Informational interview plan\n\n**With:** {ROLE}")
    text = run(*args, "--format", "text")
    assert text.exit_code == 0
    assert "**" not in text.stdout
    for question in plan["questions"]:
        assert f"**{question['text']}**" in markdown.stdout
        assert question["text"] in text.stdout


@pytest.mark.parametrize("minutes", ["5", "9", "61"])
def test_plan_minutes_out_of_range_is_a_one_line_error(minutes: str) -> None:
    result = run("plan", "--goals", GOALS, "--minutes", minutes)
    assert_one_line_error(result, "minutes must be a whole number from 10 to 60", f"got {minutes}")


# --- corpus ----------------------------------------------------------------------------------------


def test_corpus_list_json_default_and_file(good_corpus: Path) -> None:
    items = run_json("corpus", "list")
    assert [item["id"] for item in items] == [q.id for q in default_corpus()]
    assert items[0] == default_corpus()[0].model_dump(mode="json")

    mine = run_json("corpus", "list", good_corpus)
    assert [(q["id"], q["text"], q["category"]) for q in mine] == [
        ("a1", GOOD_CORPUS[0]["text"], "Responsibilities"),
        ("a2", GOOD_CORPUS[1]["text"], "Uncategorized"),
        ("a3", GOOD_CORPUS[2]["text"], "Referrals and Closing"),
    ]
    table = run("corpus", "list", good_corpus)
    assert table.exit_code == 0
    assert [line.split()[0] for line in table.stdout.splitlines()[2:]] == ["a1", "a2", "a3"]


def test_corpus_stats_json_counts(good_corpus: Path) -> None:
    stats = run_json("corpus", "stats")
    total = len(default_corpus())
    assert stats["questions"] == total
    assert sum(stats["by_category"].values()) == total
    assert sum(stats["by_placement"].values()) == total
    assert all(0 < n <= total for n in stats["by_stage"].values())

    mine = run_json("corpus", "stats", good_corpus)
    assert mine["questions"] == 3
    assert {c: n for c, n in mine["by_category"].items() if n} == {
        "Responsibilities": 1,
        "Uncategorized": 1,
        "Referrals and Closing": 1,
    }
    # Questions without metadata count for every interviewee kind and stage.
    assert set(mine["by_interviewee"].values()) == {3}
    assert set(mine["by_stage"].values()) == {3}
    assert mine["by_placement"]["core"] == 3
    assert (mine["sensitive"], mine["restricted"], mine["retired"]) == (0, 0, 0)
    assert mine["by_requires"]["none"] == 3
    # The shipped corpus lists its retired questions next to it; every question counts once by premise.
    assert stats["retired"] > 0
    assert stats["by_requires"]["none"] < total <= sum(stats["by_requires"].values())
    assert "retired" in run("corpus", "stats").stdout


def test_corpus_validate_fast_good_file(good_corpus: Path) -> None:
    result = run("corpus", "validate", "--fast", good_corpus)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("3 questions checked: OK")
    report = run_json("corpus", "validate", "--fast", good_corpus)
    assert (report["questions"], report["problems"]) == (3, [])


def test_corpus_validate_fast_bad_file_names_lines_and_ids(bad_corpus: Path) -> None:
    report = run_json("corpus", "validate", "--fast", bad_corpus, status=1)
    assert [(p["kind"], p["line"], p["id"]) for p in report["problems"]] == [
        ("duplicate_id", 2, "b1"),
        ("schema", 3, "b3"),
        ("json", 4, None),
    ]
    assert "Gossip" in report["problems"][1]["message"]

    result = run("corpus", "validate", "--fast", bad_corpus)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert "bad.jsonl:2:" in lines[0] and "b1" in lines[0] and "duplicate_id" in lines[0]
    assert "bad.jsonl:3:" in lines[1] and "b3" in lines[1] and "Gossip" in lines[1]
    assert "bad.jsonl:4:" in lines[2] and "json" in lines[2]
    assert "3 problem(s)" in lines[3]


def test_corpus_validate_shows_warnings_and_exits_0_when_there_are_only_warnings(tmp_path: Path) -> None:
    path = _write_corpus(
        tmp_path / "w.jsonl",
        [json.dumps({"id": "w1", "text": "How did you start out, and what would you change now?"})],
    )
    result = run("corpus", "validate", "--fast", path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "w.jsonl:1: (w1) warning: joins two questions" in lines[0]
    assert lines[-1] == "1 questions checked: OK, 1 warning(s)"
    report = run_json("corpus", "validate", "--fast", path)
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("warning", "w1")]


def test_corpus_commands_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    for command in ("list", "stats", "validate"):
        assert_one_line_error(run("corpus", command, missing), str(missing), "not found")


# --- index -----------------------------------------------------------------------------------------


def test_index_build_prints_the_cache_folder(good_corpus: Path) -> None:
    result = run("index", "build", "--corpus", good_corpus)
    assert result.exit_code == 0, result.output
    prefix = "Index of 3 questions cached in "
    assert result.stdout.startswith(prefix)
    folder = Path(result.stdout.strip().removeprefix(prefix))
    assert folder.is_relative_to(os.environ["INFOQUEST_CACHE_DIR"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["count"], manifest["model_id"]) == (3, "infoquest/hashing-128")
    assert (folder / "vectors.npy").is_file()

    again = run("index", "build", "--corpus", good_corpus, "--rebuild")
    assert again.exit_code == 0
    assert again.stdout == result.stdout


# --- Errors ----------------------------------------------------------------------------------------


def test_missing_resume(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    assert_one_line_error(run("suggest", "--resume", missing, "--goals", GOALS), str(missing), "no such file")


def test_resume_is_a_directory(tmp_path: Path) -> None:
    assert_one_line_error(run("suggest", "--resume", tmp_path, "--goals", GOALS), str(tmp_path), "folder")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "cv.xyz"
    path.write_text(RESUME_TXT, encoding="utf-8")
    assert_one_line_error(run("suggest", "--resume", path, "--goals", GOALS), str(path), "'.xyz'")


def test_empty_resume_file(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(b"")
    assert_one_line_error(run("plan", "--resume", path, "--goals", GOALS), str(path), "empty")


def test_empty_resume_on_stdin() -> None:
    assert_one_line_error(run("suggest", "--resume", "-", "--goals", GOALS, input=""), "<stdin>", "empty")


def test_resume_without_words(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("12345 --- 2020 ... 42\n", encoding="utf-8")
    assert_one_line_error(run("suggest", "--resume", path), str(path), "no words")


@pytest.mark.parametrize("command", ["suggest", "plan"])
def test_empty_profile(command: str) -> None:
    assert_one_line_error(run(command, "--role", ROLE), "the profile is empty")
    assert_one_line_error(run(command, "--goals", "   "), "the profile is empty")


def test_missing_goals_file(tmp_path: Path) -> None:
    missing = tmp_path / "goals.txt"
    assert_one_line_error(run("suggest", "--goals-file", missing), str(missing))


def test_missing_corpus_for_suggest(tmp_path: Path) -> None:
    missing = tmp_path / "mine.jsonl"
    assert_one_line_error(run("suggest", "--goals", GOALS, "--corpus", missing), str(missing))


@pytest.mark.parametrize("k", ["0", "101", "ten"])
def test_bad_k_is_a_usage_error(k: str) -> None:
    assert_usage_error(run("suggest", "--goals", GOALS, "-k", k), "'-k'")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("suggest", "--goals", GOALS, "--format", "yaml"), "'--format'"),
        (("suggest", "--goals", GOALS, "--stage", "astronaut"), "'--stage'"),
        (("plan", "--goals", GOALS, "--minutes", "twenty"), "'--minutes'"),
        (("check",), "give questions as arguments or with --file"),
        (("nonsense",), "No such command"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], fragment: str) -> None:
    assert_usage_error(run(*args), fragment)


# --- Slow: the real model --------------------------------------------------------------------------

ASKS = "Are you hiring?"
INFORMS = "How do people in your field hear about openings?"


@pytest.mark.slow
def test_check_flags_a_job_request() -> None:
    (verdict,) = run_json("check", ASKS, status=1)
    assert verdict["text"] == ASKS
    assert verdict["asks_for_job"] is True
    assert isinstance(verdict["suggestion"], str) and verdict["suggestion"]
    table = run("check", ASKS)
    assert table.exit_code == 1
    assert "ASKS FOR A JOB" in table.stdout and "try instead:" in table.stdout


@pytest.mark.slow
def test_check_passes_a_request_for_information() -> None:
    (verdict,) = run_json("check", INFORMS)
    assert (verdict["text"], verdict["asks_for_job"], verdict["suggestion"]) == (INFORMS, False, None)


@pytest.mark.slow
def test_check_file(tmp_path: Path) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text(f"{INFORMS}\n\n{ASKS}\n", encoding="utf-8")
    verdicts = run_json("check", "--file", questions, status=1)
    assert [(v["text"], v["asks_for_job"]) for v in verdicts] == [(INFORMS, False), (ASKS, True)]
    # Arguments come first, then the file's lines.
    both = run_json("check", "What surprised you most about this work?", "--file", questions, status=1)
    assert [v["text"] for v in both] == ["What surprised you most about this work?", INFORMS, ASKS]


@pytest.mark.slow
def test_plan_refuses_a_job_request_and_keeps_your_own_question(resume_txt: Path) -> None:
    mine = "What surprised you most when you started in this field?"
    plan = run_json("plan", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "--add", ASKS, "--add", mine)
    assert [r["text"] for r in plan["refused"]] == [ASKS]
    assert plan["refused"][0]["suggestion"]
    texts = [q["text"] for q in plan["questions"]]
    assert ASKS not in texts
    assert [q["text"] for q in plan["questions"] if q["yours"]] == [mine]
    assert plan["intro_minutes"] + plan["question_minutes"] + plan["thanks_minutes"] == plan["minutes"]
    markdown = run("plan", "--resume", resume_txt, "--goals", GOALS, "--role", ROLE, "--add", ASKS)
    assert markdown.exit_code == 0
    assert "Left out: these ask for a job" in markdown.stdout


@pytest.mark.slow
def test_plan_add_file_only_job_requests_still_plans(tmp_path: Path) -> None:
    extra = tmp_path / "mine.txt"
    extra.write_text(f"{ASKS}\nCan you get me an interview at your company?\n", encoding="utf-8")
    plan = run_json("plan", "--goals", GOALS, "--role", ROLE, "--add-file", extra)
    assert len(plan["refused"]) == 2
    assert not any(q["yours"] for q in plan["questions"])
    assert plan["questions"][-1]["part"] == "closing"


@pytest.mark.slow
def test_suggest_end_to_end_with_the_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_recommender", REAL_RECOMMENDER)
    items = run_json(
        "suggest", "--resume", EXAMPLES / "daniel_okafor_two_column.pdf", "-k", "5",
        "--goals", "I teach middle-school science and want to move into UX research.",
        "--role", "director of UX research at a health-tech company",
    )  # fmt: skip
    _assert_recommendations(items, k=5)


def test_an_unexpected_error_is_one_line_without_its_text(monkeypatch, capsys, tmp_path):
    from infoquest import cli as cli_module

    def broken(_corpus_path):
        raise RuntimeError("Quokka-7731 résumé text must not be printed")

    monkeypatch.setattr(cli_module, "_recommender", broken)
    monkeypatch.setattr("sys.argv", ["infoquest", "suggest", "--goals", "become a nurse"])
    monkeypatch.delenv("INFOQUEST_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "Error: unexpected RuntimeError; please report it (INFOQUEST_DEBUG=1 shows the details)"
    ]
    assert "Quokka" not in err
