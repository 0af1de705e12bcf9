"""Question metadata as matrices the ranking can use, with missing metadata imputed from neighbours.

A user corpus often has only ``text``. Its questions borrow soft metadata from their nearest neighbours
in the curated corpus (by embedding similarity), so interviewee and stage fit still work, more weakly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from infoquest.corpus import Corpus
from infoquest.vocab import CATEGORIES, INTERVIEWEES, PLACEMENTS, SETTINGS, STAGES, TOPICS, UNCATEGORIZED

#: How many curated neighbours lend their metadata to an undescribed question.
NEIGHBOURS = 5
TEMPERATURE = 0.05


@dataclass(frozen=True)
class QuestionMeta:
    """Per-question metadata, one row per question; values in [0, 1] (soft where imputed)."""

    interviewees: np.ndarray  # (n, len(INTERVIEWEES)): can this kind answer it well
    stages: np.ndarray  # (n, len(STAGES))
    topics: np.ndarray  # (n, len(TOPICS))
    placement: np.ndarray  # (n, len(PLACEMENTS)) one-hot (soft when imputed)
    category: np.ndarray  # (n, len(CATEGORIES)) one-hot (soft when imputed)
    sensitive: np.ndarray  # (n,)
    settings: np.ndarray  # (n, len(SETTINGS)); all ones when not restricted
    minutes: np.ndarray  # (n,)
    described: np.ndarray  # (n,) bool: the question carries its own metadata

    def categories(self) -> list[str]:
        """The most likely category of each question (imputed where the corpus gives none)."""
        return [CATEGORIES[i] for i in self.category.argmax(axis=1)]


def _multi_hot(values: tuple[str, ...], vocab: tuple[str, ...], empty_means_all: bool) -> np.ndarray:
    row = np.zeros(len(vocab))
    if not values:
        return np.ones(len(vocab)) if empty_means_all else row
    for value in values:
        row[vocab.index(value)] = 1.0
    return row


def describe(corpus: Corpus) -> QuestionMeta:
    """The corpus's own metadata (no imputation); undescribed questions get neutral rows."""
    qs = corpus.questions
    return QuestionMeta(
        interviewees=np.array([_multi_hot(q.interviewees, INTERVIEWEES, True) for q in qs]),
        stages=np.array([_multi_hot(q.stages, STAGES, True) for q in qs]),
        topics=np.array([_multi_hot(q.topics, TOPICS, False) for q in qs]).reshape(len(qs), len(TOPICS)),
        placement=np.array([_multi_hot((q.placement,), PLACEMENTS, False) for q in qs]),
        category=np.array(
            [
                _multi_hot((q.category,), CATEGORIES, False)
                if q.category != UNCATEGORIZED
                else np.full(len(CATEGORIES), 1 / len(CATEGORIES))
                for q in qs
            ]
        ),
        sensitive=np.array([float(q.sensitive) for q in qs]),
        settings=np.array([_multi_hot(q.settings, SETTINGS, True) for q in qs]),
        minutes=np.array([q.minutes for q in qs]),
        described=np.array([q.has_metadata for q in qs]),
    )


def impute(meta: QuestionMeta, vectors: np.ndarray, reference: QuestionMeta, ref_vectors: np.ndarray) -> QuestionMeta:
    """Fill undescribed questions' metadata from their nearest described reference questions."""
    missing = np.flatnonzero(~meta.described)
    usable = np.flatnonzero(reference.described)
    if not len(missing) or not len(usable):
        return meta
    sims = vectors[missing] @ ref_vectors[usable].T
    k = min(NEIGHBOURS, len(usable))
    nearest = np.argsort(-sims, axis=1)[:, :k]
    # A sharp softmax: a curated copy of the same question (similarity ~1) lends its metadata almost
    # alone, while a question with no close twin gets a blend of its neighbourhood.
    top = np.take_along_axis(sims, nearest, axis=1)
    weights = np.exp((top - top[:, :1]) / TEMPERATURE)
    weights /= weights.sum(axis=1, keepdims=True)
    rows = usable[nearest]

    def blend(own: np.ndarray, ref: np.ndarray, keep_given: np.ndarray | None = None) -> np.ndarray:
        out = own.astype(float).copy()
        borrowed = np.einsum("mk,mk...->m...", weights, ref[rows])
        if keep_given is None:
            out[missing] = borrowed
        else:  # a user-given value (e.g. a category) wins over a borrowed one
            out[missing] = np.where(keep_given[:, None], own[missing], borrowed)
        return out

    given_category = meta.category[missing].max(axis=1) == 1.0
    return QuestionMeta(
        interviewees=blend(meta.interviewees, reference.interviewees),
        stages=blend(meta.stages, reference.stages),
        topics=blend(meta.topics, reference.topics),
        placement=blend(meta.placement, reference.placement),
        category=blend(meta.category, reference.category, given_category),
        sensitive=np.maximum(meta.sensitive, blend(meta.sensitive, reference.sensitive)),
        settings=meta.settings,
        minutes=blend(meta.minutes, reference.minutes),
        described=meta.described,
    )
