"""The numpy TF-IDF gives exactly scikit-learn's features (reference implementation)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from infoquest.heads import Lexicon
from infoquest.tfidf import ENGLISH_STOP_WORDS, WORD_PATTERNS, Tfidf

TEXTS = [
    "How did you decide to pursue this path?",
    "I'm worried about burnout   and night-shifts!! Does being bilingual in Cantonese help?",
    "profesor of civil engneering",
    "a",
    "",
    "x y zz",
    "can i work 4 u",
    "What is the employment outlook in your field?",
]


@pytest.mark.parametrize(
    ("analyzer", "ngrams", "stop"),
    [("word", (1, 2), True), ("word", (1, 3), False), ("char_wb", (2, 4), False), ("char", (2, 4), False)],
)
def test_matches_scikit_learn(analyzer: str, ngrams: tuple[int, int], stop: bool) -> None:
    reference = TfidfVectorizer(
        analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, stop_words="english" if stop else None
    ).fit(TEXTS)
    mine = Tfidf.fit(TEXTS, analyzer, ngrams, ENGLISH_STOP_WORDS if stop else ())
    assert mine.vocabulary == reference.vocabulary_
    np.testing.assert_allclose(mine.idf, reference.idf_)
    np.testing.assert_allclose(mine.transform(TEXTS), reference.transform(TEXTS).toarray(), atol=1e-12)
    matrix = np.random.default_rng(0).random((len(mine.vocabulary), 3))
    np.testing.assert_allclose(mine.dot(TEXTS, matrix), reference.transform(TEXTS).toarray() @ matrix, atol=1e-9)


def test_word1_keeps_one_character_words_as_scikit_learn_does_with_its_pattern() -> None:
    reference = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERNS["word1"]).fit(TEXTS)
    mine = Tfidf.fit(TEXTS, "word1", (1, 2))
    assert mine.vocabulary == reference.vocabulary_
    assert {"i", "4", "u", "i work"} <= set(mine.vocabulary)
    np.testing.assert_allclose(mine.transform(TEXTS), reference.transform(TEXTS).toarray(), atol=1e-12)


def test_a_word1_lexicon_trains_and_runs_on_the_same_features() -> None:
    lexicon = Lexicon.fit(TEXTS, "word1", (1, 2), 1000)
    assert "u" in lexicon.vocabulary
    matrix = np.random.default_rng(1).random((len(lexicon.vocabulary), 2))
    np.testing.assert_allclose(lexicon.dot(TEXTS, matrix), lexicon.transform(TEXTS).toarray() @ matrix, atol=1e-9)


@pytest.mark.parametrize(("analyzer", "ngrams"), [("word", (1, 2)), ("char_wb", (2, 4))])
def test_fit_rows_equals_fit_then_rows_with_repeated_texts(analyzer: str, ngrams: tuple[int, int]) -> None:
    texts = ["night shifts and pay", "pay", "night shifts and pay", "", "How do I price bids?", "pay"]
    space, rows = Tfidf.fit_rows(texts, analyzer, ngrams, ENGLISH_STOP_WORDS)
    fitted = Tfidf.fit(texts, analyzer, ngrams, ENGLISH_STOP_WORDS)
    assert space.vocabulary == fitted.vocabulary
    np.testing.assert_array_equal(space.idf, fitted.idf)  # the repeats count towards the idf, as in fit
    for (columns, weights), (expected_columns, expected_weights) in zip(rows, fitted.rows(texts), strict=True):
        np.testing.assert_array_equal(columns, expected_columns)
        np.testing.assert_array_equal(weights, expected_weights)
