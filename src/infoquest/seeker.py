"""Where the job seeker stands and what they ask for, read from their goals and résumé."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest.heads import LinearHead
from infoquest.profile import Profile
from infoquest.timeline import Timeline, read_timeline
from infoquest.vocab import STAGES

Source = Literal["given", "inferred", "unknown"]
#: Needs whose probability passes this are reported (and explained) as what the goals ask for.
NEED_THRESHOLD = 0.5

_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+")
#: At most this many goal sentences are read and embedded (bounded work on long goals; 5,000 characters
#: can hold 180 sentences). The whole goals are still read as one text as well.
MAX_GOAL_SENTENCES = 40


def goal_sentences(goals: str) -> list[str]:
    """The first ``MAX_GOAL_SENTENCES`` sentences of the goals; fragments under four words join their neighbour."""
    pieces = [" ".join(p.split()) for p in _SPLIT.split(goals) if p and p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and (len(piece.split()) < 4 or len(sentences[-1].split()) < 4):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            if len(sentences) == MAX_GOAL_SENTENCES:
                break
            sentences.append(piece)
    return sentences


class Seeker(BaseModel):
    """What infoquest understood about the job seeker."""

    model_config = ConfigDict(frozen=True)

    stage: str | None
    stage_probs: dict[str, float]
    needs: dict[str, float]
    goal_sentences: tuple[str, ...]
    experience_years: float | None = None
    gap_years: float | None = None
    expected_graduation: int | None = None
    source: Source = "unknown"


def timeline_prior(timeline: Timeline) -> dict[str, float]:
    """A soft stage distribution from résumé dates alone (uniform where the dates say nothing).

    Student: a graduation still to come. Returning: nothing ongoing and over 18 months since the last
    dated activity. Otherwise years of experience separate recent graduates from experienced people
    (career changers look experienced on paper; their goals tell them apart).
    """
    prior = dict.fromkeys(STAGES, 1.0)
    if timeline.expected_graduation is not None:
        prior.update(student=6.0, recent_graduate=1.5)
    if timeline.gap_years is not None and timeline.gap_years >= 1.5:
        prior.update(returning=6.0)
    years = timeline.experience_years
    if years is not None and timeline.expected_graduation is None:
        if years < 2.5:
            prior.update(recent_graduate=prior["recent_graduate"] * 4.0, experienced=0.4)
        elif years >= 7:
            prior.update(experienced=prior["experienced"] * 3.0, career_changer=2.0, student=0.3)
        else:
            prior.update(experienced=2.0, career_changer=2.0, student=0.5)
    total = sum(prior.values())
    return {stage: value / total for stage, value in prior.items()}


def infer_seekers(
    profiles: Sequence[Profile],
    goal_vectors: np.ndarray | None,
    heads: dict[str, LinearHead] | None,
    today: date | None = None,
) -> list[Seeker]:
    """Read every profile at once.

    Args:
        profiles: the profiles.
        goal_vectors: one embedding of each profile's goals (heads' encoder), or ``None`` without heads.
        heads: the goal heads (``stage``, ``needs``) or ``None``.
        today: reference date for résumé dates.
    """
    stage_probs_all = needs_all = None
    if heads and goal_vectors is not None and len(profiles):
        goals = [p.goals or " " for p in profiles]
        stage_probs_all = heads["stage"].predict_proba(goal_vectors, goals)
        needs_all = heads["needs"].predict_proba(goal_vectors, goals)
    seekers = []
    for row, profile in enumerate(profiles):
        timeline = read_timeline(profile.resume, profile.resume_sections.get("experience"), today)
        prior = timeline_prior(timeline)
        probs = dict(prior)
        if stage_probs_all is not None and heads and profile.goals.strip():
            from_goals = dict(zip(heads["stage"].classes, stage_probs_all[row], strict=True))
            probs = {s: prior[s] * (0.05 + from_goals.get(s, 0.0)) for s in STAGES}
        total = sum(probs.values())
        probs = {s: round(v / total, 4) for s, v in probs.items()}
        informative = stage_probs_all is not None or prior != dict.fromkeys(STAGES, 1 / len(STAGES))
        if profile.stage:
            probs = {s: float(s == profile.stage) for s in STAGES}
        needs: dict[str, float] = {}
        if needs_all is not None and heads and profile.goals.strip():
            scored = zip(heads["needs"].classes, needs_all[row], strict=True)
            needs = {tag: round(float(p), 4) for tag, p in sorted(scored, key=lambda x: -x[1]) if p >= 0.05}
        seekers.append(
            Seeker(
                stage=profile.stage or (max(probs, key=probs.__getitem__) if informative else None),
                stage_probs=probs,
                needs=needs,
                goal_sentences=tuple(goal_sentences(profile.goals)),
                experience_years=timeline.experience_years,
                gap_years=timeline.gap_years,
                expected_graduation=timeline.expected_graduation,
                source="given" if profile.stage else ("inferred" if informative else "unknown"),
            )
        )
    return seekers
