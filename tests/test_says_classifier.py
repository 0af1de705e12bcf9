"""The corpus's question classifier: its log-probabilities, its stamped files, and the shipped ones."""

from __future__ import annotations

import json

import numpy as np
import pytest

from infoquest.corpus import default_corpus
from infoquest.errors import ModelError
from infoquest.heads import Lexicon
from infoquest.matching import SIGNALS
from infoquest.says_classifier import SaysClassifier, load_says_classifier, read_says_classifier
from infoquest.trained import FOLDERS, MINILM_ID, STATIC_ID, load_trained


def classifier(model_id: str = "enc", corpus_hash: str = "c1") -> SaysClassifier:
    weights = np.array([[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]], dtype=np.float32)
    return SaysClassifier(model_id, corpus_hash, weights, np.array([0.0, 0.0, -0.5], dtype=np.float32))


def worded(model_id: str = "enc", corpus_hash: str = "c1") -> SaysClassifier:
    """Three questions over 2-d vectors that also read words: "shifts" points to question 2."""
    lexicon = Lexicon("word", (1, 1), {"night": 0, "pay": 1, "shifts": 2}, np.ones(3))
    words = np.zeros((3, 3), dtype=np.float16)
    words[2, 2] = 6.0
    words[1, 1] = 6.0
    base = classifier(model_id, corpus_hash)
    return SaysClassifier(model_id, corpus_hash, base.weights, base.bias, lexicon, words)


def test_log_probabilities_are_a_distribution_over_the_questions_led_by_the_closest_class() -> None:
    out = classifier().log_probabilities(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert out.shape == (2, 3)
    np.testing.assert_allclose(np.exp(out).sum(axis=1), 1.0, rtol=1e-6)
    assert list(out.argmax(axis=1)) == [0, 1]


def test_a_row_gets_the_same_bits_alone_or_in_a_batch() -> None:
    rng = np.random.default_rng(3)
    model = SaysClassifier("enc", "c", rng.normal(size=(40, 16)).astype(np.float32), np.zeros(40, np.float32))
    batch = rng.normal(size=(21, 16))
    together = model.log_probabilities(batch)
    for i in (0, 7, 20):
        assert np.array_equal(model.log_probabilities(batch[i : i + 1])[0], together[i])


def test_the_words_it_reads_can_outweigh_the_vector() -> None:
    vector = np.array([[1.0, 0.0]])
    assert classifier().log_probabilities(vector).argmax() == 0
    assert worded().log_probabilities(vector, ["night shifts"]).argmax() == 2
    assert worded().log_probabilities(vector, ["nothing it knows"]).argmax() == 0
    with pytest.raises(ValueError, match="reads the texts"):
        worded().log_probabilities(vector)


def test_a_row_with_words_gets_the_same_bits_alone_or_in_a_batch() -> None:
    texts = ["night shifts", "pay", "night pay shifts", ""]
    batch = np.random.default_rng(4).normal(size=(4, 2))
    together = worded().log_probabilities(batch, texts)
    for i in range(4):
        assert np.array_equal(worded().log_probabilities(batch[i : i + 1], texts[i : i + 1])[0], together[i])


def test_a_saved_classifier_with_words_loads_them_back(tmp_path) -> None:
    worded().save(tmp_path)
    again = read_says_classifier(tmp_path, "enc", "c1")
    assert again is not None and again.lexicon is not None
    assert again.lexicon.vocabulary == worded().lexicon.vocabulary  # type: ignore[union-attr]
    np.testing.assert_array_equal(again.word_weights, worded().word_weights)
    vector, texts = np.array([[0.3, 0.2]]), ["pay for night shifts"]
    np.testing.assert_array_equal(again.log_probabilities(vector, texts), worded().log_probabilities(vector, texts))
    np.savez_compressed(tmp_path / "says_classifier_words.npz", weights=np.ones((3, 3), dtype=np.float16))
    with pytest.raises(ModelError, match="word weights do not match"):
        read_says_classifier(tmp_path, "enc", "c1")
    (tmp_path / "says_classifier_words.npz").write_bytes(b"PK\x03\x04 not a zip archive")
    with pytest.raises(ModelError, match="cannot load the question classifier"):
        read_says_classifier(tmp_path, "enc", "c1")


def test_a_lexicon_without_word_weights_saves_and_loads_as_a_vectors_only_classifier(tmp_path) -> None:
    base = worded()
    SaysClassifier(base.model_id, base.corpus_hash, base.weights, base.bias, base.lexicon, None).save(tmp_path)
    again = read_says_classifier(tmp_path, "enc", "c1")
    assert again is not None and again.lexicon is None and again.word_weights is None
    assert not (tmp_path / "says_classifier_words.npz").exists()
    np.testing.assert_array_equal(
        again.log_probabilities(np.array([[0.3, 0.2]])), classifier().log_probabilities(np.array([[0.3, 0.2]]))
    )


def test_a_saved_classifier_loads_for_its_corpus_only(tmp_path) -> None:
    classifier().save(tmp_path)
    again = read_says_classifier(tmp_path, "enc", "c1")
    assert again is not None
    np.testing.assert_array_equal(again.weights, classifier().weights)
    np.testing.assert_array_equal(again.bias, classifier().bias)
    assert read_says_classifier(tmp_path, "enc", "another corpus") is None
    assert read_says_classifier(tmp_path / "missing", "enc", "c1") is None
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave nothing behind


def test_a_classifier_from_another_encoder_or_with_changed_weights_is_an_error(tmp_path) -> None:
    classifier().save(tmp_path)
    with pytest.raises(ModelError, match="fitted on enc, not other"):
        read_says_classifier(tmp_path, "other", "c1")
    stamp = json.loads((tmp_path / "says_classifier.json").read_text())
    stamp["sha256"] = "0" * 64
    (tmp_path / "says_classifier.json").write_text(json.dumps(stamp))
    with pytest.raises(ModelError, match="do not match their stamp"):
        read_says_classifier(tmp_path, "enc", "c1")


@pytest.mark.parametrize("model_id", [STATIC_ID, MINILM_ID])
def test_each_encoder_ships_a_classifier_for_the_shipped_corpus(model_id: str) -> None:
    corpus = default_corpus()
    shipped = load_says_classifier(FOLDERS[model_id], model_id, corpus.content_hash)
    assert shipped is not None, "retrain with benchmarks/train_concerns.py after changing the corpus"
    assert shipped.weights.shape[0] == len(corpus) and np.isfinite(shipped.weights).all()


def test_the_general_matcher_for_other_corpora_gives_the_classifier_no_weight() -> None:
    trained = load_trained(STATIC_ID)
    columns = [SIGNALS.index("says_class"), SIGNALS.index("sentence_class")]
    assert list(trained.matcher_for(False).coef[columns]) == [0.0, 0.0]
    assert trained.matcher_for(True).coef[columns].max() > 0.0


def test_the_shipped_corpus_uses_its_classifier_and_any_other_corpus_the_general_matcher(tmp_path) -> None:
    from infoquest.corpus import Corpus
    from infoquest.profile import Profile
    from infoquest.recommender import Recommender

    profile = Profile(goals="I'm worried about burnout and night shifts in nursing.", role="charge nurse")
    shipped = Recommender(encoder="static", cache_dir=tmp_path)
    assert shipped._state.says_class is not None
    assert shipped.recommend(profile, k=5)
    part = Corpus(questions=default_corpus().questions[:120])
    other = Recommender(part, encoder="static", cache_dir=tmp_path)
    assert other._state.says_class is None
    picks = other.recommend(profile, k=5)
    assert len(picks) == 5 and {p.question.id for p in picks if p.source == "bank"} <= {q.id for q in part}
