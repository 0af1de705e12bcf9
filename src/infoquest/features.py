"""The signals that decide how well a question fits a profile, one row per (profile, question).

Every profile text is embedded in one batch: goal sentences, the whole goals, résumé chunks, the role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from infoquest.chunking import chunk_text
from infoquest.encoders import Encoder
from infoquest.interviewee import Interviewee
from infoquest.metadata import QuestionMeta
from infoquest.profile import Profile
from infoquest.seeker import Seeker, goal_sentences
from infoquest.vocab import CATEGORIES, INTERVIEWEES, KINDS, PLACEMENTS, SETTINGS, STAGES, TOPICS

#: Résumé chunks are kept short (well inside MiniLM's 256-token window) so a match points at one line or two.
RESUME_CHUNK_TOKENS = 96
#: At most this many résumé chunks are embedded, bounding time on very long résumés.
MAX_RESUME_CHUNKS = 64

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
    *(f"placement_{p}" for p in PLACEMENTS if p != "core"),
    *(f"category_{c.lower().replace(' ', '_')}" for c in CATEGORIES),
)


@dataclass(frozen=True)
class ProfileText:
    """One profile's texts as embedded, kept so reasons can quote the seeker's own words."""

    goal_sentences: tuple[str, ...]
    goal_vectors: np.ndarray  # (g, d)
    goals_vector: np.ndarray | None  # (d,)
    resume_chunks: tuple[str, ...]
    resume_vectors: np.ndarray  # (r, d)
    role_vector: np.ndarray | None  # (d,)


def embed_profiles(profiles: Sequence[Profile], encoder: Encoder, *, resume: bool = True) -> list[ProfileText]:
    """Embed every text of every profile with a single ``encoder.encode`` call (``resume=False``: all
    but the résumé chunks, for reading the goals and the role alone)."""
    texts: list[str] = []
    layout = []
    for profile in profiles:
        sentences = goal_sentences(profile.goals)
        chunks = (
            chunk_text(profile.resume, encoder.count_tokens, RESUME_CHUNK_TOKENS)[:MAX_RESUME_CHUNKS] if resume else []
        )
        goals = chunk_text(profile.goals, encoder.count_tokens, encoder.max_tokens)[:1]
        role = [profile.role.strip()] if profile.role.strip() else []
        start = len(texts)
        texts.extend([*sentences, *goals, *chunks, *role])
        layout.append((start, sentences, goals, chunks, role))
    vectors = encoder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    out = []
    for start, sentences, goals, chunks, role in layout:
        at = start
        goal_vecs = vectors[at : at + len(sentences)]
        at += len(sentences)
        goals_vec = vectors[at] if goals else None
        at += len(goals)
        resume_vecs = vectors[at : at + len(chunks)]
        at += len(chunks)
        role_vec = vectors[at] if role else None
        out.append(ProfileText(tuple(sentences), goal_vecs, goals_vec, tuple(chunks), resume_vecs, role_vec))
    return out


@dataclass(frozen=True)
class FeatureSet:
    """The feature matrix of one profile against every question, plus what reasons need."""

    values: np.ndarray  # (n_questions, len(FEATURES))
    best_goal: np.ndarray  # (n,) index into goal_sentences, -1 when none
    best_chunk: np.ndarray  # (n,) index into resume_chunks, -1 when none


def _cos_max(a: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(a):
        return np.zeros(len(q)), np.full(len(q), -1)
    sims = q @ a.T
    return sims.max(axis=1), sims.argmax(axis=1)


def compute_features(
    text: ProfileText,
    seeker: Seeker,
    interviewee: Interviewee,
    question_vectors: np.ndarray,
    meta: QuestionMeta,
    lexical: np.ndarray,
    field_vectors: np.ndarray,
) -> FeatureSet:
    """All signals for one profile against the whole corpus.

    Args:
        lexical: TF-IDF cosine of the profile's goals and role with each question, ``(n,)``.
        field_vectors: embedding of each question's ``fields`` restriction ("healthcare, nursing"),
            zero rows for questions that suit any field.
    """
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

    placement = [meta.placement[:, PLACEMENTS.index(p)] for p in PLACEMENTS if p != "core"]
    columns = [
        goal_max, goal_all, resume_max, resume_top3, role_sim, lexical, kind_fit, kind_specific,
        relationship_fit, stage_fit, stage_specific, need_max, need_share, setting_mismatch,
        field_restricted, field_match, meta.sensitive,
        *placement, *meta.category.T,
    ]  # fmt: skip
    values = np.column_stack(columns).astype(np.float64)
    return FeatureSet(values=values, best_goal=best_goal, best_chunk=best_chunk)
