"""The numpy TF-IDF gives exactly scikit-learn's features (reference implementation)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from infoquest.tfidf import ENGLISH_STOP_WORDS, Tfidf

TEXTS = [
    "How did you decide to pursue this path?",
    "I'm worried about burnout   and night-shifts!! Does being bilingual in Cantonese help?",
    "profesor of civil engneering",
    "a",
    "",
    "x y zz",
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
