"""How well each question addresses each of the seeker's concerns: a calibrated probability.

A small logistic model over a few signals (the concern's and its sentence's similarity to the question and to
the ways seekers put the need it answers — its ``says`` —, how the question stands out among all questions for
this concern, shared words, shared topics), fitted on judged
concern–question pairs (``benchmarks/train_concerns.py``). Its threshold says when a concern has a good
question in the bank and when it has none, so a question can be written for it instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from infoquest.errors import ModelError

FORMAT_VERSION = 4
SIGNALS: tuple[str, ...] = (
    "cosine",
    "standing",
    "margin",
    "sentence",
    "lexical",
    "topics",
    "says",
    "says_standing",
    "says_lexical",
    "says_class",
    "sentence_class",
)


@dataclass(frozen=True)
class Says:
    """The corpus's ``says`` entries as vectors, and the question each belongs to (ascending, grouped)."""

    vectors: np.ndarray  # (m, d)
    owners: np.ndarray  # (m,) question index


#: Rows per matrix product in ``row_products``: 16 halves a batch's cost against 8 (the ``says`` matrix is
#: read once per block) for 0.2 ms more on one profile.
_BLOCK = 16


def row_products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b.T``, each row exactly the same whatever other rows ``a`` holds.

    The concerns of many profiles are matched in one product (reading the ``says`` matrix once per batch, not
    once per profile). BLAS picks its kernel by the product's shape, and kernels sum in different orders, so
    a row's last bits would depend on how many rows came with it. Products of one fixed shape (blocks of
    ``_BLOCK`` rows, the last padded with zeros) give every row the same sums wherever it sits.
    """
    out = np.empty((len(a), len(b)), dtype=np.result_type(a, b))
    block = np.zeros((_BLOCK, a.shape[1]), dtype=a.dtype)
    for start in range(0, len(a), _BLOCK):
        rows = a[start : start + _BLOCK]
        block[: len(rows)] = rows
        block[len(rows) :] = 0.0
        out[start : start + len(rows)] = (block @ b.T)[: len(rows)]
    return out


def says_similarity(concern_vectors: np.ndarray, says: Says, fallback: np.ndarray) -> np.ndarray:
    """``(c, n)``: each concern's best cosine among each question's ``says``; ``fallback`` (the cosine to the
    question itself) where a question has none."""
    return best_per_question(row_products(concern_vectors, says.vectors), says, fallback)


def best_per_question(values: np.ndarray, says: Says, fallback: np.ndarray) -> np.ndarray:
    """``(c, n)`` from ``(c, m)`` values per ``says`` entry: each question's best entry; ``fallback`` where a
    question has none."""
    out = fallback.copy()
    if len(says.owners):
        starts = np.flatnonzero(np.r_[True, says.owners[1:] != says.owners[:-1]])
        out[:, says.owners[starts]] = np.maximum.reduceat(values, starts, axis=1)
    return out


def _standing(values: np.ndarray) -> np.ndarray:
    """Each value as a z-score among all questions for its concern."""
    return np.asarray((values - values.mean(axis=1, keepdims=True)) / (values.std(axis=1, keepdims=True) + 1e-6))


def signals(
    concern_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    question_vectors: np.ndarray,
    lexical: np.ndarray,
    concern_needs: np.ndarray,
    question_topics: np.ndarray,
    says: Says | None = None,
    says_lexical: np.ndarray | None = None,
    says_class: np.ndarray | None = None,
    sentence_class: np.ndarray | None = None,
) -> np.ndarray:
    """The matcher's inputs, ``(c, n, len(SIGNALS))`` for c concerns and n questions. Every row depends on its
    concern alone, so the concerns of many profiles go through in one call.

    ``standing`` is the cosine as a z-score among all questions for this concern (a concern with one clearly
    closest question stands out); ``margin`` is the gap to this concern's best cosine (0 for the best).
    ``says`` is the best cosine to the ways seekers put the need the question answers (the cosine itself for
    a question with no ``says``), ``says_standing`` its z-score; ``says_lexical`` the best word overlap with
    them (``(c, m)`` TF-IDF similarities per ``says`` entry; ``lexical`` for a question with none).
    ``says_class`` is the corpus's question classifier's log-probability for the concern (``says_classifier``;
    zeros for a corpus without one, whose matcher gives it no weight), ``sentence_class`` the same for the
    concern's sentence (a concern such as "what that schedule looks like" names its subject only there).
    """
    cosine = row_products(concern_vectors, question_vectors)
    standing = _standing(cosine)
    margin = cosine - cosine.max(axis=1, keepdims=True)
    sentence = row_products(sentence_vectors, question_vectors)
    topics = (concern_needs[:, None, :] * question_topics[None, :, :]).max(axis=2)
    said = cosine if says is None else says_similarity(concern_vectors, says, cosine)
    worded = lexical if says is None or says_lexical is None else best_per_question(says_lexical, says, lexical)
    classed = np.zeros_like(cosine) if says_class is None else says_class
    in_sentence = np.zeros_like(cosine) if sentence_class is None else sentence_class
    return np.stack(
        [cosine, standing, margin, sentence, lexical, topics, said, _standing(said), worded, classed, in_sentence],
        axis=2,
    )


@dataclass(frozen=True)
class ConcernMatcher:
    """``P(question addresses concern) = sigmoid(coef · signals + intercept)``; ``threshold`` marks a good match."""

    model_id: str
    coef: np.ndarray
    intercept: float
    threshold: float
    info: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, values: np.ndarray) -> np.ndarray:
        """``(c, n)`` probabilities from ``signals(...)``."""
        logits = values @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "model_id": self.model_id,
            "signals": list(SIGNALS),
            "coef": np.round(self.coef, 8).tolist(),
            "intercept": round(float(self.intercept), 8),
            "threshold": round(float(self.threshold), 6),
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConcernMatcher:
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ValueError(f"expected a JSON object of format {FORMAT_VERSION}")
        if tuple(data["signals"]) != SIGNALS:
            raise ValueError("its signals differ from this version's; retrain with benchmarks/train_concerns.py")
        coef = np.asarray(data["coef"], dtype=np.float64)
        if coef.shape != (len(SIGNALS),) or not np.isfinite(coef).all():
            raise ValueError("inconsistent weights")
        return cls(
            model_id=str(data["model_id"]),
            coef=coef,
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )

    @classmethod
    def neutral(cls, model_id: str = "untrained") -> ConcernMatcher:
        """A plain, untrained rule for encoders with no trained matcher: a question matches a concern when it
        stands well out among all questions for it and is close in absolute terms too."""
        coef = np.array([6.0, 1.2, 4.0, 0.0, 2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0])  # the says signals need fitting
        return cls(model_id=model_id, coef=coef, intercept=-6.5, threshold=0.5, info={"trained": False})


def load_matcher(path: str | os.PathLike[str]) -> ConcernMatcher:
    """Read a matcher saved by the training script."""
    try:
        return ConcernMatcher.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot load the concern matcher {path} ({exc}); reinstall infoquest") from None
