from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoquest import corpus_stats, default_corpus, validate_corpus_file, validation
from infoquest.duplicates import ALLOW_LIST_NAME, DUPLICATE_THRESHOLDS, duplicate_threshold, read_allowed_pairs
from infoquest.encoders import HashingEncoder
from infoquest.errors import CorpusError
from infoquest.render import render_report, render_stats
from infoquest.selection import NEAR_DUPLICATE
from infoquest.validation import corpus_file_stats
from infoquest.vocab import INTERVIEWEES, REQUIRES, STAGES
from infoquest.wording import wording_warnings


def _write(tmp_path: Path, rows: list[object]) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_good_corpus_has_no_problems(tmp_path):
    path = _write(tmp_path, [{"id": "a", "text": "What do you enjoy most?"}, {"text": "How did you start out?"}])
    report = validate_corpus_file(path, semantic=False)
    assert report.ok and report.questions == 2


def test_every_problem_is_reported_with_its_line_and_id(tmp_path):
    path = _write(
        tmp_path,
        [
            {"id": "a", "text": "What do you enjoy most?"},
            {"id": "a", "text": "What do you dislike most?"},
            {"id": "b", "text": "what do you  enjoy most"},
            {"id": "c", "text": "Where next?", "topics": ["gossip"]},
            "{not json",
            {"id": "d", "text": "How is the outlook?", "category": "Weather"},
        ],
    )
    report = validate_corpus_file(path, semantic=False)
    found = {(p.line, p.id, p.kind) for p in report.problems}
    assert found == {
        (2, "a", "duplicate_id"),
        (3, "b", "duplicate_text"),
        (4, "c", "schema"),
        (5, None, "json"),
        (6, "d", "schema"),
    }
    messages = {p.line: p.message for p in report.problems}
    assert "gossip" in messages[4] and "Weather" in messages[6] and "line 1" in messages[3]
    assert str(report.problems[0]).startswith("2: (a) duplicate_id")


def test_an_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        validate_corpus_file(tmp_path / "missing.jsonl", semantic=False)
    (tmp_path / "latin1.jsonl").write_bytes('{"text": "Qu\xe9 tal?"}'.encode("latin-1"))
    with pytest.raises(CorpusError, match="UTF-8"):
        validate_corpus_file(tmp_path / "latin1.jsonl", semantic=False)


def test_stats_count_every_interviewee_and_stage_a_question_suits():
    stats = corpus_stats(default_corpus())
    assert stats.questions == len(default_corpus()) == sum(stats.by_category.values())
    assert set(stats.by_interviewee) == set(INTERVIEWEES) and set(stats.by_stage) == set(STAGES)
    # The corpus issue's bar: no interviewee kind or seeker stage with fewer than 30 suitable questions.
    assert min(stats.by_interviewee.values()) >= 30
    assert min(stats.by_stage.values()) >= 30


@pytest.mark.slow
def test_near_duplicates_and_job_requests_are_found(tmp_path):
    path = _write(
        tmp_path,
        [
            {"id": "a", "text": "Could you describe a typical day?"},
            {"id": "b", "text": "Can you describe a typical day for me?"},
            {"id": "c", "text": "Are you hiring anyone for your team this spring?"},
            {"id": "d", "text": "What professional journals should I read?"},
        ],
    )
    report = validate_corpus_file(path)
    assert {(p.line, p.id, p.kind) for p in report.problems} == {(2, "b", "near_duplicate"), (3, "c", "asks_for_job")}


# --- warnings: one thing per question, at most 25 words -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What do you enjoy most?", []),
        ("Is a degree required, or do employers accept other routes in?", []),  # alternatives: one question
        ("Describe your career path. How did each job lead you to the next?", []),  # one '?'
        ("What do you enjoy most? What do you like least?", ["more than one question"]),
        ("Which parts of this field are growing, and which are shrinking?", ["joins two questions"]),
        ("How long did your search take; and what finally worked?", ["joins two questions"]),
        (" ".join(["word"] * 25) + "?", []),
        (" ".join(["word"] * 26) + "?", ["26 words"]),
    ],
)
def test_wording_warnings(text, expected):
    found = wording_warnings(text)
    assert len(found) == len(expected)
    assert all(fragment in message for fragment, message in zip(expected, found, strict=True))


def test_warnings_are_shown_but_do_not_fail(tmp_path):
    long = "What " + " ".join(["exactly"] * 30) + " do you do?"
    path = _write(
        tmp_path,
        [
            {"id": "a", "text": "What do you enjoy most? What do you like least?"},
            {"id": "b", "text": long},
            {"id": "c", "text": "How did you start out?"},
        ],
    )
    report = validate_corpus_file(path, semantic=False)
    assert report.ok and report.errors == ()
    assert [(p.line, p.id, p.kind) for p in report.warnings] == [(1, "a", "warning"), (2, "b", "warning")]
    assert render_report(report, "table").endswith("3 questions checked: OK, 2 warning(s)")
    broken = _write(tmp_path, [{"id": "a", "text": "What do you enjoy most? And least?"}, {"id": "a", "text": "Why?!"}])
    report = validate_corpus_file(broken, semantic=False)
    assert not report.ok and [p.kind for p in report.errors] == ["duplicate_id"]
    assert render_report(report, "table").endswith("1 problem(s), 1 warning(s)")


# --- near-duplicates: the detector's threshold and the allow-list ---------------------------------------


class _Named(HashingEncoder):
    def __init__(self, model_id: str) -> None:
        super().__init__(dimension=64)
        self._id = model_id

    @property
    def model_id(self) -> str:
        return self._id


@pytest.fixture
def no_guard(monkeypatch):
    # The etiquette guard needs a trained model; these tests are about the near-duplicate check only.
    monkeypatch.setattr(validation, "_job_request_problems", lambda *args: [])


NEAR = [
    {"id": "a", "text": "How did you find your first job in this field?"},
    {"id": "b", "text": "How did you find your very first job in this field?"},
    {"id": "c", "text": "Which journals should I read?"},
]


def test_the_threshold_is_the_one_chosen_for_the_encoder(tmp_path, no_guard):
    path = _write(tmp_path, NEAR)
    seen = []

    def spy(vectors, threshold):
        seen.append(threshold)
        return iter(())

    for model_id in (*DUPLICATE_THRESHOLDS, "someone/else"):
        validate_corpus_file(path, encoder=_Named(model_id), find_pairs=spy)
    validate_corpus_file(path, encoder=_Named("someone/else"), find_pairs=spy, threshold=0.5)
    assert seen == [*DUPLICATE_THRESHOLDS.values(), NEAR_DUPLICATE, 0.5]
    assert duplicate_threshold("sentence-transformers/all-MiniLM-L6-v2") < NEAR_DUPLICATE


def test_allowed_pairs_are_not_reported(tmp_path, no_guard):
    path = _write(tmp_path, NEAR)
    encoder = HashingEncoder(256)
    report = validate_corpus_file(path, encoder=encoder, threshold=0.6, allowed_pairs=tmp_path / "none.jsonl")
    assert [(p.kind, p.id) for p in report.problems] == [("near_duplicate", "b")]
    # Next to the corpus file, under its usual name, in either order of the pair.
    (tmp_path / ALLOW_LIST_NAME).write_text(json.dumps({"a": "b", "b": "a", "why": "first vs very first"}) + "\n")
    report = validate_corpus_file(path, encoder=encoder, threshold=0.6)
    assert report.ok and report.problems == ()
    # A pair naming a question the corpus no longer has protects nothing: a warning says so.
    (tmp_path / ALLOW_LIST_NAME).write_text(
        "\n".join(json.dumps({"a": "a", "b": x, "why": "distinct"}) for x in ("b", "gone")) + "\n"
    )
    report = validate_corpus_file(path, encoder=encoder, threshold=0.6)
    assert report.ok and [(p.kind, p.line) for p in report.problems] == [("warning", None)]
    assert "gone" in report.problems[0].message


@pytest.mark.parametrize(
    "line",
    ['{"a": "a", "b": "b"}', '{"a": "a", "b": "b", "why": ""}', '{"a": "a", "b": "a", "why": "x"}', "[1, 2]"],
)
def test_a_malformed_allow_list_is_an_error(tmp_path, line):
    path = _write(tmp_path, NEAR)
    (tmp_path / ALLOW_LIST_NAME).write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=f"{ALLOW_LIST_NAME}:1"):
        validate_corpus_file(path, semantic=False)


def test_the_shipped_allow_list_names_active_questions_with_reasons():
    shipped = Path(__file__).resolve().parents[1] / "corpus"
    pairs = read_allowed_pairs(shipped / ALLOW_LIST_NAME)
    ids = {q.id for q in default_corpus()}
    assert pairs and all(pair <= ids for pair in pairs)


# --- stats: premises and retired questions ------------------------------------------------------------


def test_file_stats_count_premises_and_retired(tmp_path):
    path = _write(
        tmp_path,
        [
            {"id": "a", "text": "How did our school shape your path?", "requires": ["shared_school"]},
            {"id": "b", "text": "What changed since we last spoke?", "requires": ["met_before", "shared_school"]},
            {"id": "c", "text": "How did you start out?"},
        ],
    )
    stats = corpus_file_stats(path)
    assert stats.retired == 0
    assert {k: n for k, n in stats.by_requires.items() if n} == {"none": 1, "shared_school": 2, "met_before": 1}
    assert set(stats.by_requires) == {"none", *REQUIRES}
    retired = [{"id": "Q1", "text": "Old?", "reason": "duplicate of a", "replaced_by": "a"}] * 2
    (tmp_path / "retired.jsonl").write_text("\n".join(json.dumps(r) for r in retired) + "\n", encoding="utf-8")
    assert corpus_file_stats(path).retired == 2
    assert "2 retired" in render_stats(corpus_file_stats(path), "table")
