"""Short reasons for each pick, quoting the seeker's own words: never generic filler."""

from __future__ import annotations

import re

import numpy as np

from infoquest.concerns import Concern
from infoquest.features import FEATURES, FeatureSet
from infoquest.reading import Reading
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
_GOAL_MAX, _RESUME_MAX = FEATURES.index("goal_max"), FEATURES.index("resume_max")
_KIND_FIT, _KIND_SPECIFIC = FEATURES.index("kind_fit"), FEATURES.index("kind_specific")
_STAGE_FIT, _STAGE_SPECIFIC = FEATURES.index("stage_fit"), FEATURES.index("stage_specific")
_RELATIONSHIP = FEATURES.index("relationship_fit")
#: A similarity below this is too weak to quote as the reason for a pick.
MIN_QUOTE_SIMILARITY = 0.3
#: Why a referral ask is in a set: the guide says to ask for one, whatever the goals say.
REFERRAL_REASON = "The guide: always ask for other people to talk to, and whether you may use their name"
_WORD = re.compile(r"[a-z]{3,}")


def quote(text: str, limit: int = 90) -> str:
    """``text`` cut at a word boundary to ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_HEADING = re.compile(r"^[A-Z][A-Z &/,'-]{2,40}:?$|^[A-Za-z &/]{2,30}:$")


def _best_line(chunk: str, question: str) -> str:
    """The one line of a résumé chunk that shares most words with the question (never a heading, never two
    lines run together)."""
    lines = [line.strip() for line in chunk.splitlines() if line.strip()]
    units = [u for line in lines for u in re.split(r"(?<=[.!?;•|])\s+|\s{2,}", line) if u.strip()]
    units = [u for u in units if not _HEADING.match(u) and len(u.split()) >= 3] or units or [chunk]
    words = set(_WORD.findall(question.lower()))
    return max(units, key=lambda u: len(words & set(_WORD.findall(u.lower()))))


_CONCERN_LEADS = {
    "worry": ("Answers your worry", "Answers your worries"),
    "question": ("Answers your question", "Answers your questions"),
    "learn": ("Answers what you want to learn", "Answers what you want to learn"),
    "goal": ("Fits your goal", "Fits your goals"),
    "statement": ("Speaks to what you wrote", "Speaks to what you wrote"),
}


def concern_reason(concerns: list[Concern]) -> str:
    """ "Answers your worry: "burnout"" — the concerns a question answers, quoted as the seeker wrote them."""
    lead = _CONCERN_LEADS[concerns[0].kind][min(len(concerns), 2) - 1]
    quoted = ", ".join(f'"{quote(c.text, 70)}"' for c in concerns[:2])
    return f"{lead}: {quoted}"


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


def cutoffs(features: FeatureSet) -> dict[str, float]:
    """Per-profile bars a similarity must clear to be quoted: absolute, and among this profile's best."""
    # One call for both (np.percentile costs more in its checks than in the sorting).
    (goal, _), (_, resume) = np.percentile(features.values[:, [_GOAL_MAX, _RESUME_MAX]], [85, 90], axis=0)
    return {"goal": max(MIN_QUOTE_SIMILARITY, float(goal)), "resume": max(MIN_QUOTE_SIMILARITY, float(resume))}


def _coverage(fit: float, specific: float) -> float:
    """Share of kinds (or stages) a question suits, recovered from ``fit`` and ``fit * (1 - share)``."""
    return 1.0 - specific / fit if fit > 1e-9 else 1.0


def family_weights(contributions: np.ndarray) -> dict[str, np.ndarray]:
    """What pushed each question up, per family of signals: the sum of their positive contributions, ``(n,)``
    each (computed once per profile rather than once per explained question)."""
    return {family: np.clip(contributions[:, columns], 0, None).sum(axis=1) for family, columns in _COLUMNS.items()}


def explain(
    row: int,
    question_text: str,
    weights: dict[str, np.ndarray],
    features: FeatureSet,
    reading: Reading,
    bars: dict[str, float],
    limit: int = 3,
    referral: bool = False,
) -> tuple[str, ...]:
    """The reasons for question ``row``, strongest first, at most ``limit``.

    A question that answers one of the seeker's stated concerns says so first, quoting the concern. Other
    signals are mentioned only when they pushed this question up and say something specific: a quoted goal or
    résumé line must be among this profile's closest matches; the interviewee or the stage is named only when
    the question suits them in particular, not everyone. When nothing is that specific, the one strongest
    reason is given.

    A ``referral`` question (one that asks for people to talk to) gives the guide's advice as its reason, after a
    concern it answers and before what suits the stage or interviewee; it quotes no goal or résumé line, since the
    one nearest to "Do you know of other professionals…" is near by chance, not why it was asked.
    """
    text, seeker, interviewee = reading.text, reading.seeker, reading.interviewee
    values = features.values[row]
    specific: list[tuple[float, str]] = []
    general: list[tuple[float, str]] = []
    answered = [
        (float(features.relevance[c, row]), concern)
        for c, concern in enumerate(reading.concerns)
        if features.relevance[c, row] >= features.threshold
    ]
    if answered:
        answered.sort(key=lambda item: -item[0])
        specific.append((float("inf"), concern_reason([concern for _, concern in answered])))
    for family in _COLUMNS:
        # What pushed this question up: the positive contributions of the family's signals (family_weights).
        weight = float(weights[family][row])
        if weight <= 0:
            continue
        if family == "goal" and answered:
            continue  # the concern it answers is the better quote
        if referral and family in ("goal", "resume"):
            continue
        if family == "goal" and features.best_goal[row] >= 0 and values[_GOAL_MAX] >= MIN_QUOTE_SIMILARITY:
            reason = f'Matches your goal: "{quote(text.goal_sentences[features.best_goal[row]])}"'
            (specific if values[_GOAL_MAX] >= bars["goal"] else general).append((weight, reason))
        elif family == "resume" and features.best_chunk[row] >= 0 and values[_RESUME_MAX] >= bars["resume"]:
            line = _best_line(text.resume_chunks[features.best_chunk[row]], question_text)
            specific.append((weight, f'Builds on your résumé: "{quote(line, 70)}"'))
        elif family == "interviewee" and interviewee.kind and values[_KIND_FIT] >= 0.5:
            who = (
                f'Your interviewee ("{quote(interviewee.role, 45)}")'
                if interviewee.role.strip()
                else "Your interviewee"
            )
            reason = f"{who} can answer this well as {KIND_LABELS[interviewee.kind]}"
            narrow = _coverage(values[_KIND_FIT], values[_KIND_SPECIFIC]) <= 0.6
            (specific if narrow else general).append((weight, reason))
        elif family == "relationship" and values[_RELATIONSHIP] >= 0.5 and values[_KIND_FIT] < 0.5:
            # Only questions that exist for the relationship itself ("How did our school shape your path?").
            specific.append(
                (
                    weight,
                    "Asks about the school you share"
                    if interviewee.relationship == "alumni"
                    else "A question a family friend can answer whatever their own job",
                )
            )
        elif family == "stage" and seeker.stage and values[_STAGE_FIT] >= 0.5:
            reason = f"Suits {STAGE_LABELS[seeker.stage]}{_stage_evidence(seeker)}"
            narrow = _coverage(values[_STAGE_FIT], values[_STAGE_SPECIFIC]) <= 0.6
            (specific if narrow else general).append((weight, reason))
    if referral:
        # After a concern it answers (which weighs inf), before anything else.
        specific.append((float(np.finfo(float).max), REFERRAL_REASON))
    chosen = sorted(specific, key=lambda item: -item[0])[:limit] or sorted(general, key=lambda item: -item[0])[:1]
    return tuple(reason for _, reason in chosen)
