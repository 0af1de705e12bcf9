"""Short reasons for each pick, quoting the seeker's own words: never generic filler."""

from __future__ import annotations

import re

import numpy as np

from infoquest.features import FEATURES, FeatureSet, ProfileText
from infoquest.interviewee import Interviewee
from infoquest.seeker import Seeker

KIND_LABELS = {
    "practitioner": "someone doing the work",
    "early_career": "someone a few years into the field",
    "senior_leader": "a senior leader",
    "hiring_manager": "someone who hires",
    "recruiter": "a recruiter or HR professional",
    "business_owner": "someone running their own business",
    "public_nonprofit": "someone in public service or a nonprofit",
    "academic": "an academic",
    "retired": "a retired professional who has seen the whole arc",
}
STAGE_LABELS = {
    "student": "a student",
    "recent_graduate": "a recent graduate",
    "career_changer": "someone changing careers",
    "experienced": "an experienced professional",
    "returning": "someone returning after a break",
}
_FAMILIES = {
    "goal": ("goal_max", "goal_all", "lexical", "need_max", "need_share"),
    "resume": ("resume_max", "resume_top3"),
    "interviewee": ("kind_fit", "kind_specific", "role_sim"),
    "relationship": ("relationship_fit",),
    "stage": ("stage_fit", "stage_specific"),
}
_COLUMNS = {family: [FEATURES.index(f) for f in names] for family, names in _FAMILIES.items()}
#: A similarity below this is too weak to quote as the reason for a pick.
MIN_QUOTE_SIMILARITY = 0.3
_WORD = re.compile(r"[a-z]{3,}")


def quote(text: str, limit: int = 90) -> str:
    """``text`` cut at a word boundary to ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _best_line(chunk: str, question: str) -> str:
    units = [u for u in re.split(r"(?<=[.!?;•|])\s+|\s{2,}", chunk) if u.strip()] or [chunk]
    words = set(_WORD.findall(question.lower()))
    return max(units, key=lambda u: len(words & set(_WORD.findall(u.lower()))))


def _stage_evidence(seeker: Seeker) -> str:
    if seeker.source == "given":
        return ""
    if seeker.stage == "student" and seeker.expected_graduation:
        return f" (graduation expected {seeker.expected_graduation} on your résumé)"
    if seeker.stage == "returning" and seeker.gap_years:
        return f" (about {round(seeker.gap_years)} years since your last role on your résumé)"
    if seeker.stage in ("experienced", "career_changer") and seeker.experience_years:
        return f" (about {round(seeker.experience_years)} years of experience on your résumé)"
    return ""


def explain(
    row: int,
    question_text: str,
    contributions: np.ndarray,
    features: FeatureSet,
    text: ProfileText,
    seeker: Seeker,
    interviewee: Interviewee,
    limit: int = 3,
) -> tuple[str, ...]:
    """The reasons for question ``row``, strongest first, at most ``limit``.

    A family of signals is mentioned only when it pushed this question up and its evidence is real:
    a quoted goal or résumé line must be similar enough, an interviewee or stage must be known and fit.
    """
    values = features.values[row]
    candidates: list[tuple[float, str]] = []
    for family, columns in _COLUMNS.items():
        weight = float(contributions[row, columns].sum())
        if weight <= 0:
            continue
        reason = None
        if family == "goal" and features.best_goal[row] >= 0:
            if values[FEATURES.index("goal_max")] >= MIN_QUOTE_SIMILARITY:
                reason = f'Matches your goal: "{quote(text.goal_sentences[features.best_goal[row]])}"'
        elif family == "resume" and features.best_chunk[row] >= 0:
            if values[FEATURES.index("resume_max")] >= MIN_QUOTE_SIMILARITY:
                line = _best_line(text.resume_chunks[features.best_chunk[row]], question_text)
                reason = f'Builds on your résumé: "{quote(line, 70)}"'
        elif family == "interviewee" and interviewee.kind and values[FEATURES.index("kind_fit")] >= 0.5:
            who = f'"{quote(interviewee.role, 60)}"' if interviewee.role.strip() else "your interviewee"
            reason = f"{who[0].upper()}{who[1:]} can answer this well as {KIND_LABELS[interviewee.kind]}"
        elif family == "relationship" and values[FEATURES.index("relationship_fit")] >= 0.5:
            reason = (
                "A good question for an alum of your school"
                if interviewee.relationship == "alumni"
                else "A good question for a family connection, whatever their own job"
            )
        elif family == "stage" and seeker.stage and values[FEATURES.index("stage_fit")] >= 0.5:
            reason = f"Suits {STAGE_LABELS[seeker.stage]}{_stage_evidence(seeker)}"
        if reason:
            candidates.append((weight, reason))
    candidates.sort(key=lambda item: -item[0])
    return tuple(reason for _, reason in candidates[:limit])
