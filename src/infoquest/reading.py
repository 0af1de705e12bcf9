"""One reading of a profile: everything infoquest understands about it, computed once.

Profiles are read in a batch: every text (goal sentences, concerns, the whole goals, résumé chunks, the role)
is embedded in one encoder call, each distinct text once; the trained heads then read the seeker and the
interviewee from those vectors. Scoring, selection, reasons and plans all work from the ``Reading`` and
never read the raw profile again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from infoquest.chunking import chunk_text
from infoquest.concerns import MAX_SENTENCES, Concern, concern_views, extract_concerns
from infoquest.encoders import Encoder
from infoquest.interviewee import Interviewee, infer_interviewees
from infoquest.premises import facts
from infoquest.profile import Profile
from infoquest.seeker import Seeker, goal_sentences, infer_seekers
from infoquest.typography import plain_typing
from infoquest.vocab import TOPICS

if TYPE_CHECKING:  # trained.py imports the ranking, which imports the features, which import this module
    from infoquest.trained import Trained

#: Résumé chunks are kept short so a match points at one line or two.
RESUME_CHUNK_TOKENS = 96
#: At most this many résumé chunks are embedded, bounding time on very long résumés.
MAX_RESUME_CHUNKS = 64


@dataclass(frozen=True)
class ProfileText:
    """One profile's texts as embedded, kept so reasons can quote the seeker's own words."""

    goal_sentences: tuple[str, ...]
    goal_vectors: np.ndarray  # (g, d)
    goals_vector: np.ndarray | None  # (d,)
    resume_chunks: tuple[str, ...]
    resume_vectors: np.ndarray  # (r, d)
    role_vector: np.ndarray | None  # (d,)
    concern_vectors: np.ndarray  # (c, d)
    concern_sentence_vectors: np.ndarray  # (c, d): the sentence each concern sits in
    #: The clauses of long concerns, matched as well as the whole (``concerns.concern_views``), and whose each is.
    concern_views: tuple[str, ...] = ()
    concern_view_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    concern_view_owners: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


@dataclass(frozen=True)
class Reading:
    """What infoquest understood about one profile, and the vectors it understood it from."""

    profile: Profile
    seeker: Seeker
    interviewee: Interviewee
    concerns: tuple[Concern, ...]
    concern_needs: np.ndarray  # (c, len(TOPICS)): what each concern asks about
    premises: frozenset[str]  # what is true of the interviewee and the seeker's relation to them
    text: ProfileText


@dataclass(frozen=True)
class _Texts:
    """A profile's texts to embed, before embedding."""

    sentences: list[str]
    goals: list[str]
    chunks: list[str]
    role: list[str]
    concerns: list[Concern]
    views: list[tuple[int, str]]

    def all(self) -> list[str]:
        return [
            *self.sentences,
            *self.goals,
            *self.chunks,
            *self.role,
            *(c.text for c in self.concerns),
            *(c.sentence for c in self.concerns),
            *(view for _, view in self.views),
        ]


def _texts(profile: Profile, encoder: Encoder) -> _Texts:
    many = getattr(encoder, "count_tokens_many", None)  # optional: one tokenizer call for all of a text's lines
    concerns = extract_concerns(profile.goals)
    return _Texts(
        sentences=goal_sentences(profile.goals)[:MAX_SENTENCES],
        goals=chunk_text(profile.goals, encoder.count_tokens, encoder.max_tokens, many)[:1],
        chunks=chunk_text(profile.resume, encoder.count_tokens, RESUME_CHUNK_TOKENS, many)[:MAX_RESUME_CHUNKS],
        role=[profile.role.strip()] if profile.role.strip() else [],
        concerns=concerns,
        views=[(c, view) for c, concern in enumerate(concerns) for view in concern_views(concern.text)],
    )


def read_profiles(profiles: Sequence[Profile], encoder: Encoder, trained: Trained) -> list[Reading]:
    """Read every profile with one encoder call (each distinct text embedded once, so a profile's vectors
    do not depend on which other profiles share the batch)."""
    layouts = [_texts(p, encoder) for p in profiles]
    unique = list(dict.fromkeys(t for layout in layouts for t in layout.all()))
    position = {t: i for i, t in enumerate(unique)}
    # Plain typing ("I’m" as "I'm", a no-break space as a space): the models were trained on it.
    vectors = encoder.encode([plain_typing(t) for t in unique]) if unique else np.zeros((0, 1), dtype=np.float32)
    dim = vectors.shape[1]

    def rows(texts: list[str]) -> np.ndarray:
        return vectors[[position[t] for t in texts]] if texts else np.zeros((0, dim), dtype=np.float32)

    texts = [
        ProfileText(
            goal_sentences=tuple(layout.sentences),
            goal_vectors=rows(layout.sentences),
            goals_vector=rows(layout.goals)[0] if layout.goals else None,
            resume_chunks=tuple(layout.chunks),
            resume_vectors=rows(layout.chunks),
            role_vector=rows(layout.role)[0] if layout.role else None,
            concern_vectors=rows([c.text for c in layout.concerns]),
            concern_sentence_vectors=rows([c.sentence for c in layout.concerns]),
            concern_views=tuple(view for _, view in layout.views),
            concern_view_vectors=rows([view for _, view in layout.views]),
            concern_view_owners=np.array([c for c, _ in layout.views], dtype=np.int64),
        )
        for layout in layouts
    ]
    zeros = np.zeros(dim, dtype=np.float32)
    goal_vecs = np.array([zeros if t.goals_vector is None else t.goals_vector for t in texts]).reshape(-1, dim)
    role_vecs = np.array([zeros if t.role_vector is None else t.role_vector for t in texts]).reshape(-1, dim)
    seekers = infer_seekers(profiles, goal_vecs if trained.goals else None, trained.goals)
    interviewees = infer_interviewees(
        [p.role for p in profiles],
        role_vecs if trained.roles else None,
        trained.roles,
        [p.interviewee for p in profiles],
    )
    readings = []
    for profile, layout, text, seeker, who in zip(profiles, layouts, texts, seekers, interviewees, strict=True):
        concerns = layout.concerns
        needs = np.zeros((len(concerns), len(TOPICS)))
        if trained.goals and concerns:
            head = trained.goals["needs"]
            probs = head.predict_proba(text.concern_vectors, [c.text for c in concerns])
            for column, tag in enumerate(head.classes):
                needs[:, TOPICS.index(tag)] = probs[:, column]
        readings.append(
            Reading(
                profile=profile,
                seeker=seeker,
                interviewee=who,
                concerns=tuple(concerns),
                concern_needs=needs,
                premises=facts(who, profile.met_before),
                text=text,
            )
        )
    return readings
