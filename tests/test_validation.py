from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoquest import corpus_stats, default_corpus, validate_corpus_file
from infoquest.errors import CorpusError
from infoquest.vocab import INTERVIEWEES, STAGES


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
