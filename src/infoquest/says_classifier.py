"""Which question a seeker's concern is asking for: a classifier over the corpus's own questions.

A multinomial logistic regression from a text to the question whose need it states, fitted on the questions'
``says`` (how seekers put each need), the questions' own texts and judged training concerns
(``benchmarks/train_concerns.py``). It reads the text's vector and its words (TF-IDF): an embedding blurs the
small decisive words of a concern ("night shifts", "bilingual", "a DUI"), which the words part keeps. Unlike the
nearest ``says`` entry, it weighs what tells one question's needs apart from the others', and it ranks concerns
better (``benchmarks/results/concern_matcher.md``). The concern matcher reads it on each concern and on the
concern's sentence (two of its signals).

It belongs to one corpus and one encoder: ``models/trained[/minilm]/says_classifier.npy`` (the vector weights,
bias in the last column), ``says_classifier_words.npz`` (the words' weights, float16, the smallest zeroed) and
``says_classifier.json`` (stamp: format, encoder, corpus hash, shape, the words' vocabulary and idf, SHA-256 of
each matrix). Any other corpus has none (``load_says_classifier`` returns ``None``) and the recommender uses the
matcher trained without it.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest._files import write_atomically
from infoquest._stamps import corpus_stamp
from infoquest.errors import ModelError
from infoquest.heads import Lexicon
from infoquest.index import half_checksum, vectors_checksum
from infoquest.matching import row_products

FORMAT_VERSION = 2
_STEM = "says_classifier"
_WORDS = f"{_STEM}_words.npz"


@dataclass(frozen=True)
class SaysClassifier:
    """``log P(question | text)`` for the ``n`` questions of the corpus whose hash it carries."""

    model_id: str
    corpus_hash: str
    weights: np.ndarray  # (n, d) float32
    bias: np.ndarray  # (n,) float32
    lexicon: Lexicon | None = None  # the words it reads; None: vectors only
    word_weights: np.ndarray | None = None  # (len(lexicon.vocabulary), n) float16: half the memory of float32

    def log_probabilities(self, vectors: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """``(c, n)`` log-probabilities for ``(c, d)`` text vectors and, when it reads words, the ``c`` texts;
        each row the same alone or in a batch."""
        logits = row_products(np.asarray(vectors, dtype=np.float32), self.weights) + self.bias
        if self.lexicon is not None and self.word_weights is not None:
            if texts is None or len(texts) != len(logits):
                raise ValueError("this question classifier reads the texts as well as their vectors")
            logits = logits + self.lexicon.dot(texts, self.word_weights).astype(np.float32)
        logits = logits - logits.max(axis=1, keepdims=True)
        return np.asarray(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)), dtype=np.float64)

    def stamp(self) -> dict[str, Any]:
        """What ``says_classifier.json`` records: format, encoder, corpus hash, shape, the words' lexicon and each
        matrix's SHA-256."""
        stamp: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "model_id": self.model_id,
            "corpus_hash": self.corpus_hash,
            "shape": [int(self.weights.shape[0]), int(self.weights.shape[1]) + 1],
            "sha256": vectors_checksum(self._matrix()),
        }
        if self.lexicon is not None and self.word_weights is not None:
            stamp["lexicon"] = self.lexicon.to_dict()
            stamp["words_sha256"] = half_checksum(self._words())
        return stamp

    def _matrix(self) -> np.ndarray:
        return np.ascontiguousarray(np.hstack([self.weights, self.bias[:, None]]), dtype="<f4")

    def _words(self) -> np.ndarray:
        assert self.word_weights is not None
        return np.ascontiguousarray(self.word_weights, dtype="<f2")

    def save(self, folder: Path) -> None:
        """Write the weights, then the stamp, each atomically (the stamp last: a half-written set never loads)."""
        buffer = io.BytesIO()
        np.save(buffer, self._matrix(), allow_pickle=False)
        write_atomically(folder / f"{_STEM}.npy", buffer.getvalue())
        if self.lexicon is not None and self.word_weights is not None:  # as ``stamp`` and ``log_probabilities``
            buffer = io.BytesIO()
            # Compressed: most word weights are zeroed when fitted (benchmarks/train_concerns.py).
            np.savez_compressed(buffer, weights=self._words())
            write_atomically(folder / _WORDS, buffer.getvalue())
        write_atomically(folder / f"{_STEM}.json", (json.dumps(self.stamp(), indent=1) + "\n").encode("utf-8"))


def load_says_classifier(folder: str, model_id: str, corpus_hash: str) -> SaysClassifier | None:
    """The classifier shipped in ``models/<folder>/`` if it was fitted on this corpus; ``None`` for any other
    corpus or when none ships.

    Raises:
        ModelError: the files are damaged or were fitted on another encoder.
    """
    return read_says_classifier(_paths.data_file(f"{folder}/{_STEM}.json").parent, model_id, corpus_hash)


def read_says_classifier(directory: Path, model_id: str, corpus_hash: str) -> SaysClassifier | None:
    """The classifier saved in ``directory`` if it was fitted on this corpus; ``None`` for any other corpus or
    when there is none.

    Raises:
        ModelError: the files are damaged or were fitted on another encoder.
    """
    try:
        what = "the question classifier was fitted on"
        stamp = corpus_stamp(directory / f"{_STEM}.json", FORMAT_VERSION, model_id, corpus_hash, what=what)
        if stamp is None:
            return None
        matrix = np.load(directory / f"{_STEM}.npy", allow_pickle=False)
        if list(matrix.shape) != stamp["shape"] or vectors_checksum(matrix) != stamp["sha256"]:
            raise ValueError("its weights do not match their stamp")
        lexicon, words = None, None
        if "lexicon" in stamp:
            lexicon = Lexicon.from_dict(stamp["lexicon"])
            with np.load(directory / _WORDS, allow_pickle=False) as archive:
                words = archive["weights"]
            expected = (len(lexicon.vocabulary), matrix.shape[0])
            if words.shape != expected or half_checksum(words) != stamp["words_sha256"]:
                raise ValueError("its word weights do not match their stamp")
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelError(f"cannot load the question classifier in {directory} ({exc}); reinstall infoquest") from None
    matrix = matrix.astype(np.float32)
    return SaysClassifier(
        model_id,
        corpus_hash,
        np.ascontiguousarray(matrix[:, :-1]),
        matrix[:, -1].copy(),
        lexicon,
        words,
    )
