"""The judged says: seekers' concerns with the questions judged to address them, stamped files, and their use."""

from __future__ import annotations

import json

import numpy as np
import pytest

from infoquest.corpus import default_corpus
from infoquest.errors import ModelError
from infoquest.judged_says import JudgedSays, load_judged_says, read_judged_says, with_judged
from infoquest.matching import Says, best_per_question, says_similarity
from infoquest.trained import FOLDERS, MINILM_ID, STATIC_ID


def judged(model_id: str = "enc", corpus_hash: str = "c1") -> JudgedSays:
    vectors = np.array([[0.6, 0.8], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    return JudgedSays(model_id, corpus_hash, ("night shifts?", "pay", "night shifts?"), ("Q3", "Q1", "Q9"), vectors)


def corpus_says() -> tuple[Says, list[str]]:
    """Three questions Q1, Q2, Q3 with says entries for Q1 (two) and Q3 (one)."""
    vectors = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    return Says(vectors, np.array([0, 0, 2])), ["a", "b", "c"]


def test_judged_rows_join_their_questions_says_grouped_by_question_and_unknown_ids_are_left_out() -> None:
    says, texts = corpus_says()
    merged, merged_texts = with_judged(says, texts, judged(), ["Q1", "Q2", "Q3"])
    assert merged.owners.tolist() == [0, 0, 0, 2, 2]  # Q9 is not in this corpus
    assert merged_texts == ["a", "b", "pay", "c", "night shifts?"]
    np.testing.assert_allclose(merged.vectors[2], [1.0, 0.0])
    np.testing.assert_allclose(merged.vectors[4], [0.6, 0.8], rtol=1e-6)
    # The grouping is what best_per_question needs: each question's best entry, its own cosine for Q2.
    best = says_similarity(np.array([[1.0, 0.0]]), merged, np.array([[0.5, 0.25, 0.5]]))
    np.testing.assert_allclose(best, [[1.0, 0.25, 1.0]])
    assert best_per_question(np.arange(5.0)[None], merged, np.zeros((1, 3))).tolist() == [[2.0, 0.0, 4.0]]


def test_without_judged_says_the_corpus_says_are_unchanged() -> None:
    says, texts = corpus_says()
    merged, merged_texts = with_judged(says, texts, None, ["Q1", "Q2", "Q3"])
    assert merged is says and merged_texts == texts


def test_a_judged_entry_makes_its_question_the_nearest_for_a_concern_worded_like_it() -> None:
    says, texts = corpus_says()
    concern = np.array([[0.6, 0.8]])
    fallback = np.zeros((1, 3))
    before = says_similarity(concern, says, fallback)
    after = says_similarity(concern, with_judged(says, texts, judged(), ["Q1", "Q2", "Q3"])[0], fallback)
    assert before.argmax() == 0 and after.argmax() == 2


def test_saved_judged_says_load_back_for_their_corpus_only(tmp_path) -> None:
    judged().save(tmp_path)
    again = read_judged_says(tmp_path, "enc", "c1")
    assert again is not None
    assert again.texts == judged().texts and again.questions == judged().questions
    np.testing.assert_allclose(again.vectors, judged().vectors, atol=1e-3)  # stored as float16
    assert again.vectors.dtype == np.float32
    assert read_judged_says(tmp_path, "enc", "another corpus") is None
    assert read_judged_says(tmp_path / "missing", "enc", "c1") is None
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave nothing behind


def test_judged_says_from_another_encoder_or_damaged_files_are_an_error(tmp_path) -> None:
    judged().save(tmp_path)
    with pytest.raises(ModelError, match="embedded by enc, not other"):
        read_judged_says(tmp_path, "other", "c1")
    stamp = json.loads((tmp_path / "judged_says.json").read_text())
    (tmp_path / "judged_says.json").write_text(json.dumps({**stamp, "questions": stamp["questions"][:2]}))
    with pytest.raises(ModelError, match="do not match their stamp"):
        read_judged_says(tmp_path, "enc", "c1")
    (tmp_path / "judged_says.json").write_text(json.dumps({**stamp, "sha256": "0" * 64}))
    with pytest.raises(ModelError, match="do not match their stamp"):
        read_judged_says(tmp_path, "enc", "c1")
    (tmp_path / "judged_says.json").write_text(json.dumps(stamp))
    (tmp_path / "judged_says.npy").write_bytes(b"not an array")
    with pytest.raises(ModelError, match="cannot load the judged says"):
        read_judged_says(tmp_path, "enc", "c1")


@pytest.mark.parametrize("model_id", [STATIC_ID, MINILM_ID])
def test_each_encoder_ships_judged_says_for_questions_of_the_shipped_corpus(model_id: str) -> None:
    corpus = default_corpus()
    shipped = load_judged_says(FOLDERS[model_id], model_id, corpus.content_hash)
    assert shipped is not None, "retrain with benchmarks/train_concerns.py after changing the corpus"
    assert len(shipped.texts) > 1000 and set(shipped.questions) <= {q.id for q in corpus}
    np.testing.assert_allclose(np.linalg.norm(shipped.vectors, axis=1), 1.0, atol=5e-3)


def test_the_shipped_corpus_reads_its_judged_says_and_any_other_corpus_its_own_says_only(tmp_path) -> None:
    from infoquest.corpus import Corpus
    from infoquest.recommender import Recommender

    corpus = default_corpus()
    own = sum(len(q.says) for q in corpus)
    shipped = Recommender(encoder="static", cache_dir=tmp_path)
    assert len(shipped._state.says.owners) > own
    assert np.all(np.diff(shipped._state.says.owners) >= 0)
    part = Corpus(questions=corpus.questions[:120])
    other = Recommender(part, encoder="static", cache_dir=tmp_path)
    assert len(other._state.says.owners) == sum(len(q.says) for q in part)
