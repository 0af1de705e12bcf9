from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from infoquest.corpus import Corpus, Question, default_corpus, load_corpus
from infoquest.errors import CorpusError
from infoquest.vocab import GUIDE_CATEGORIES

GUIDE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a720ef8bc797de27.txt"


def _guide_questions() -> list[tuple[str, str]]:
    """(category, question) pairs parsed from the guide's 'Formulating Questions' section."""
    text = GUIDE.read_text(encoding="utf-8").split("Formulating Questions", 1)[1]
    category, out = None, []
    for line in text.splitlines():
        line = line.strip()
        if line in GUIDE_CATEGORIES:
            category = line
        elif line.startswith("- ") and category:
            out.append((category, line[2:].strip()))
    return out


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is in the shared folder next to the repository")
def test_default_corpus_holds_every_guide_question_verbatim_in_its_category():
    pairs = _guide_questions()
    assert len(pairs) == 34
    corpus = default_corpus()
    guide = [q for q in corpus if q.source == "guide"]
    assert [(q.category, q.text) for q in guide] == pairs
    assert [q.id for q in guide] == [f"G{i:02d}" for i in range(1, 35)]


def test_default_corpus_is_large_and_fully_described():
    corpus = default_corpus()
    assert len(corpus) >= 300
    assert all(q.has_metadata and q.category != "Uncategorized" for q in corpus)
    assert len({q.id for q in corpus}) == len(corpus)


def test_only_text_is_required(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"text": "What do you enjoy most about your work?"}\n\n# a comment\n'
        '{"text": "How did you start?", "id": "x1"}\n'
    )
    corpus = load_corpus(path)
    assert [q.id for q in corpus] == ["L1", "x1"]
    assert corpus[0].category == "Uncategorized" and corpus[0].placement == "core"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"id": "q1", "text": "Hi?"}', r"mine\.jsonl:1 \(id 'q1'\): text"),
        (
            '{"id": "q1", "text": "What is your day like?", "category": "Gossip"}',
            r"unknown category 'Gossip'",
        ),
        ('{"id": "q1", "text": "What is your day like?", "stages": ["toddler"]}', r"unknown stage 'toddler'"),
        ('{"id": "q1", "text": "What is your day like?", "colour": "red"}', r"colour: Extra inputs"),
        ('{"id": "q1", "text": "What is your day like?"', r"mine\.jsonl:1: not valid JSON"),
        ('["What is your day like?"]', r"expected a JSON object"),
    ],
)
def test_bad_entries_name_the_line_the_id_and_the_problem(tmp_path, line, expected):
    path = tmp_path / "mine.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(CorpusError, match=expected):
        load_corpus(path)


def test_duplicate_ids_and_missing_files_are_refused(tmp_path):
    path = tmp_path / "dup.jsonl"
    rows = [{"id": "a", "text": "What do you enjoy?"}, {"id": "a", "text": "What do you dislike?"}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    with pytest.raises(CorpusError, match=r"dup\.jsonl:2: duplicate id 'a' \(first on line 1\)"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope.jsonl")
    with pytest.raises(CorpusError, match="no questions"):
        (tmp_path / "empty.jsonl").write_text("\n")
        load_corpus(tmp_path / "empty.jsonl")


def test_content_hash_changes_with_any_field():
    a = Corpus.from_questions([Question(id="a", text="What do you enjoy?")])
    b = Corpus.from_questions([Question(id="a", text="What do you enjoy?", minutes=3)])
    assert a.content_hash != b.content_hash
    assert a.content_hash == Corpus.from_questions([Question(id="a", text="What  do you enjoy?")]).content_hash
    assert re.fullmatch(r"[0-9a-f]{64}", a.content_hash)


def test_questions_are_immutable():
    q = Question(id="a", text="What do you enjoy?")
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError on frozen models
        q.text = "x"  # type: ignore[misc]
