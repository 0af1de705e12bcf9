"""The signals that decide how well a question fits a profile, one row per (profile, question).

They are computed from a ``Reading`` (``infoquest.reading``): the profile's texts are embedded once, there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from infoquest.metadata import QuestionMeta
from infoquest.reading import Reading
from infoquest.vocab import CATEGORIES, INTERVIEWEES, KINDS, PLACEMENTS, SETTINGS, STAGES, TOPICS

FEATURES: tuple[str, ...] = (
    "goal_max",
    "goal_all",
    "resume_max",
    "resume_top3",
    "role_sim",
    "lexical",
    "kind_fit",
    "kind_specific",
    "relationship_fit",
    "stage_fit",
    "stage_specific",
    "need_max",
    "need_share",
    "setting_mismatch",
    "field_restricted",
    "field_match",
    "sensitive",
    "concern_max",
    "concern_best",
    *(f"placement_{p}" for p in PLACEMENTS if p != "core"),
    *(f"category_{c.lower().replace(' ', '_')}" for c in CATEGORIES),
)


@dataclass(frozen=True)
class FeatureSet:
    """The feature matrix of one profile against every question, plus what reasons need."""

    values: np.ndarray  # (n_questions, len(FEATURES))
    best_goal: np.ndarray  # (n,) index into goal_sentences, -1 when none
    best_chunk: np.ndarray  # (n,) index into resume_chunks, -1 when none
    relevance: np.ndarray  # (c, n) P(question addresses concern), from the concern matcher
    threshold: float  # relevance at or above which a question answers a concern


@dataclass(frozen=True)
class CorpusSide:
    """Everything in the features that depends on the corpus alone, computed once per recommender."""

    vectors: np.ndarray  # (n, d) the questions' embeddings
    meta: QuestionMeta
    field_vectors: np.ndarray  # (n, d) embedding of each question's ``fields``; zero rows for any field
    field_restricted: np.ndarray  # (n,) 1.0 for a question only for some fields
    kind_generality: np.ndarray  # (n,) 1 - the share of interviewee kinds that answer it well
    stage_generality: np.ndarray  # (n,) 1 - the share of stages it suits
    topic_counts: np.ndarray  # (n,) its topics, at least 1
    setting_restricted: np.ndarray  # (n,) only for some settings
    constant: np.ndarray  # (n, m) the last columns: placement, category


def corpus_side(vectors: np.ndarray, meta: QuestionMeta, field_vectors: np.ndarray) -> CorpusSide:
    """The corpus's part of the features: ``vectors`` of the questions, their ``meta``, ``field_vectors``."""
    placement = [meta.placement[:, PLACEMENTS.index(p)] for p in PLACEMENTS if p != "core"]
    return CorpusSide(
        vectors=vectors,
        meta=meta,
        field_vectors=field_vectors,
        field_restricted=(np.abs(field_vectors).sum(axis=1) > 0).astype(float),
        kind_generality=1.0 - meta.interviewees[:, : len(KINDS)].mean(axis=1),
        stage_generality=1.0 - meta.stages.mean(axis=1),
        topic_counts=np.maximum(meta.topics.sum(axis=1), 1.0),
        setting_restricted=meta.settings.min(axis=1) < 1.0,
        constant=np.column_stack([*placement, *meta.category.T]).reshape(len(vectors), -1),
    )


def _cos_max(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not sims.shape[1]:
        return np.zeros(len(sims)), np.full(len(sims), -1)
    return sims.max(axis=1), sims.argmax(axis=1)


def compute_features(
    reading: Reading,
    side: CorpusSide,
    lexical: np.ndarray,
    relevance: np.ndarray,
    threshold: float,
) -> FeatureSet:
    """All signals for one profile against the whole corpus.

    Args:
        side: the corpus's part (``corpus_side``): question vectors, metadata and what follows from them.
        lexical: TF-IDF cosine of the profile's goals and role with each question, ``(n,)``.
        relevance: ``(c, n)`` calibrated probability that each question addresses each concern.
        threshold: the relevance that counts as answering a concern.
    """
    text, seeker, interviewee = reading.text, reading.seeker, reading.interviewee
    q, meta = side.vectors, side.meta
    n = len(q)
    goal_max, best_goal = _cos_max(q @ text.goal_vectors.T)
    goal_all = q @ text.goals_vector if text.goals_vector is not None else np.zeros(n)
    resume_sims = q @ text.resume_vectors.T
    resume_max, best_chunk = _cos_max(resume_sims)
    if len(text.resume_vectors):
        sims = np.sort(resume_sims, axis=1)[:, ::-1]
        resume_top3 = sims[:, :3].mean(axis=1)
    else:
        resume_top3 = np.zeros(n)
    role_sim = q @ text.role_vector if text.role_vector is not None else np.zeros(n)

    kinds = np.array([interviewee.kind_probs.get(k, 0.0) for k in KINDS])
    kind_fit = meta.interviewees[:, : len(KINDS)] @ kinds
    kind_specific = kind_fit * side.kind_generality
    relationship_fit = np.zeros(n)
    for tag in interviewee.relationship_tags:
        relationship_fit = np.maximum(relationship_fit, meta.interviewees[:, INTERVIEWEES.index(tag)])

    stages = np.array([seeker.stage_probs.get(s, 0.0) for s in STAGES])
    stage_fit = meta.stages @ stages
    stage_specific = stage_fit * side.stage_generality

    needs = np.array([seeker.needs.get(t, 0.0) for t in TOPICS])
    weighted = meta.topics * needs
    need_max = weighted.max(axis=1) if len(TOPICS) else np.zeros(n)
    need_share = weighted.sum(axis=1) / side.topic_counts

    setting_mismatch = np.zeros(n)
    if interviewee.setting in SETTINGS:
        fits = meta.settings[:, SETTINGS.index(interviewee.setting)]
        setting_mismatch = side.setting_restricted * (1.0 - fits)

    # A question only for some fields ("How does an apprenticeship in your trade work?") fits when the
    # seeker's goals or interviewee are in one of them.
    # Either the field's name or the question itself must be close to the goals or the role: "trades"
    # alone is far from "becoming an electrician", the apprenticeship question is not.
    targets = [v for v in (text.goals_vector, text.role_vector) if v is not None]
    own = [goal_all] if text.goals_vector is not None else []
    own += [role_sim] if text.role_vector is not None else []
    closeness = [side.field_vectors @ v for v in targets] + own
    field_match = side.field_restricted * (np.max(closeness, axis=0) if targets else np.zeros(n))

    # A question that answers one of the seeker's stated concerns, and the one that answers it best.
    concern_max = relevance.max(axis=0) if len(relevance) else np.zeros(n)
    concern_best = np.zeros(n)
    for row in relevance:
        if row.max() >= threshold:
            concern_best[int(row.argmax())] = 1.0

    columns = [
        goal_max, goal_all, resume_max, resume_top3, role_sim, lexical, kind_fit, kind_specific,
        relationship_fit, stage_fit, stage_specific, need_max, need_share, setting_mismatch,
        side.field_restricted, field_match, meta.sensitive, concern_max, concern_best,
    ]  # fmt: skip
    values = np.empty((n, len(FEATURES)), dtype=np.float64)
    for column, value in enumerate(columns):
        values[:, column] = value
    values[:, len(columns) :] = side.constant
    return FeatureSet(
        values=values, best_goal=best_goal, best_chunk=best_chunk, relevance=relevance, threshold=threshold
    )
