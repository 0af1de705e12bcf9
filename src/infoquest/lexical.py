"""Word overlap between a profile and the questions (TF-IDF cosine), a signal embeddings blur."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from infoquest.tfidf import ENGLISH_STOP_WORDS, Tfidf


class LexicalMatcher:
    """TF-IDF over the corpus questions, English stop words removed, word 1-2-grams, sublinear counts."""

    def __init__(self, questions: Sequence[str]) -> None:
        texts = list(questions)
        self._space, rows = Tfidf.fit_rows(texts, "word", (1, 2), ENGLISH_STOP_WORDS)
        # An inverted index (term -> the texts holding it, with their weights), not a dense vocabulary-by-text
        # matrix: thousands of short texts would make that hundreds of megabytes.
        columns = np.concatenate([c for c, _ in rows] or [np.zeros(0, dtype=np.int64)])
        owners = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, (c, _) in enumerate(rows)] or [columns])
        weights = np.concatenate([w for _, w in rows] or [np.zeros(0)])
        order = np.argsort(columns, kind="stable")
        self._owners, self._weights = owners[order], weights[order]
        self._starts = np.searchsorted(columns[order], np.arange(len(self._space.vocabulary) + 1))
        self._count = len(texts)

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text with each question, ``(len(texts), n_questions)``."""
        out = np.zeros((len(texts), self._count))
        for row, (columns, weights) in enumerate(self._space.rows(list(texts))):
            for column, weight in zip(columns.tolist(), weights.tolist(), strict=True):
                start, end = self._starts[column], self._starts[column + 1]
                # A term occurs once per text's row, so these indices are distinct and += is exact.
                out[row, self._owners[start:end]] += weight * self._weights[start:end]
        return out
