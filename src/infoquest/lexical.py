"""Word overlap between a profile and the questions (TF-IDF cosine), a signal embeddings blur."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from infoquest.tfidf import ENGLISH_STOP_WORDS, Tfidf


class LexicalMatcher:
    """TF-IDF over the corpus questions, English stop words removed, word 1-2-grams, sublinear counts."""

    def __init__(self, questions: Sequence[str]) -> None:
        self._space = Tfidf.fit(list(questions), "word", (1, 2), ENGLISH_STOP_WORDS)
        # (vocabulary, n_questions): a text's similarities are then one small product per text.
        self._matrix = self._space.transform(list(questions)).T.astype(np.float32)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text with each question, ``(len(texts), n_questions)``."""
        return self._space.dot(list(texts), self._matrix)
