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


def _cos_max(a: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(a):
        return np.zeros(len(q)), np.full(len(q), -1)
    sims = q @ a.T
    return sims.max(axis=1), sims.argmax(axis=1)


def compute_features(
    reading: Reading,
    question_vectors: np.ndarray,
    meta: QuestionMeta,
    lexical: np.ndarray,
    field_vectors: np.ndarray,
    relevance: np.ndarray,
    threshold: float,
) -> FeatureSet:
    """All signals for one profile against the whole corpus.

    Args:
        lexical: TF-IDF cosine of the profile's goals and role with each question, ``(n,)``.
        field_vectors: embedding of each question's ``fields`` restriction ("healthcare"),
            zero rows for questions that suit any field.
        relevance: ``(c, n)`` calibrated probability that each question addresses each concern.
        threshold: the relevance that counts as answering a concern.
    """
    text, seeker, interviewee = reading.text, reading.seeker, reading.interviewee
    q = question_vectors
    n = len(q)
    goal_max, best_goal = _cos_max(text.goal_vectors, q)
    goal_all = q @ text.goals_vector if text.goals_vector is not None else np.zeros(n)
    resume_max, best_chunk = _cos_max(text.resume_vectors, q)
    if len(text.resume_vectors):
        sims = np.sort(q @ text.resume_vectors.T, axis=1)[:, ::-1]
        resume_top3 = sims[:, :3].mean(axis=1)
    else:
        resume_top3 = np.zeros(n)
    role_sim = q @ text.role_vector if text.role_vector is not None else np.zeros(n)

    kinds = np.array([interviewee.kind_probs.get(k, 0.0) for k in KINDS])
    kind_block = meta.interviewees[:, : len(KINDS)]
    kind_fit = kind_block @ kinds
    kind_specific = kind_fit * (1.0 - kind_block.mean(axis=1))
    relationship_fit = np.zeros(n)
    for tag in interviewee.relationship_tags:
        relationship_fit = np.maximum(relationship_fit, meta.interviewees[:, INTERVIEWEES.index(tag)])

    stages = np.array([seeker.stage_probs.get(s, 0.0) for s in STAGES])
    stage_fit = meta.stages @ stages
    stage_specific = stage_fit * (1.0 - meta.stages.mean(axis=1))

    needs = np.array([seeker.needs.get(t, 0.0) for t in TOPICS])
    weighted = meta.topics * needs
    need_max = weighted.max(axis=1) if len(TOPICS) else np.zeros(n)
    need_share = weighted.sum(axis=1) / np.maximum(meta.topics.sum(axis=1), 1.0)

    setting_mismatch = np.zeros(n)
    if interviewee.setting in SETTINGS:
        restricted = meta.settings.min(axis=1) < 1.0
        fits = meta.settings[:, SETTINGS.index(interviewee.setting)]
        setting_mismatch = restricted * (1.0 - fits)

    # A question only for some fields ("How does an apprenticeship in your trade work?") fits when the
    # seeker's goals or interviewee are in one of them.
    # Either the field's name or the question itself must be close to the goals or the role: "trades"
    # alone is far from "becoming an electrician", the apprenticeship question is not.
    field_restricted = (np.abs(field_vectors).sum(axis=1) > 0).astype(float)
    targets = [v for v in (text.goals_vector, text.role_vector) if v is not None]
    closeness = [field_vectors @ v for v in targets] + [q @ v for v in targets]
    field_match = field_restricted * (np.max(closeness, axis=0) if targets else np.zeros(n))

    # A question that answers one of the seeker's stated concerns, and the one that answers it best.
    concern_max = relevance.max(axis=0) if len(relevance) else np.zeros(n)
    concern_best = np.zeros(n)
    for row in relevance:
        if row.max() >= threshold:
            concern_best[int(row.argmax())] = 1.0

    placement = [meta.placement[:, PLACEMENTS.index(p)] for p in PLACEMENTS if p != "core"]
    columns = [
        goal_max, goal_all, resume_max, resume_top3, role_sim, lexical, kind_fit, kind_specific,
        relationship_fit, stage_fit, stage_specific, need_max, need_share, setting_mismatch,
        field_restricted, field_match, meta.sensitive, concern_max, concern_best,
        *placement, *meta.category.T,
    ]  # fmt: skip
    values = np.column_stack(columns).astype(np.float64)
    return FeatureSet(
        values=values, best_goal=best_goal, best_chunk=best_chunk, relevance=relevance, threshold=threshold
    )
