"""Word overlap between a profile and the questions (TF-IDF cosine), a signal embeddings blur."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


class LexicalMatcher:
    """TF-IDF over the corpus questions (scikit-learn), English stop words removed, sublinear counts."""

    def __init__(self, questions: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer: Any = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
        self._matrix = self._vectorizer.fit_transform(list(questions))

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text with each question, ``(len(texts), n_questions)``."""
        if not texts:
            return np.zeros((0, self._matrix.shape[0]))
        return np.asarray((self._vectorizer.transform(list(texts)) @ self._matrix.T).todense())
