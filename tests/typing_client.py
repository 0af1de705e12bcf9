"""An integrator's code, type-checked by ``mypy --strict`` in ``tests/test_typing_client.py`` (never run).

It uses the public API as the README shows it; the ``type: ignore`` lines are mistakes that must stay
type errors (``--strict`` warns about an ignore that is no longer needed, so the check fails if they pass).
"""

from __future__ import annotations

from pathlib import Path

from infoquest import (
    Concern,
    EtiquetteVerdict,
    InfoquestError,
    InputError,
    InterviewPlan,
    PlannedQuestion,
    Profile,
    ProfileInsight,
    Recommendation,
    Recommender,
    check_question,
    check_questions,
)


def suggest(goals: str, role: str, cache: Path) -> list[dict[str, object]]:
    rec = Recommender(cache_dir=cache)
    profile = Profile(goals=goals, role=role, stage="career_changer")
    top: list[Recommendation] = rec.recommend(profile, k=5)
    batch: list[list[Recommendation]] = rec.recommend_many([profile, profile], k=5)
    insight: ProfileInsight = rec.explain_profile(profile)
    plan: InterviewPlan = rec.plan(profile, minutes=25, extra=["How did you start?"])
    first: PlannedQuestion = plan.questions[0]
    verdicts: list[EtiquetteVerdict] = check_questions(["Are you hiring?"], cache_dir=cache)
    one: EtiquetteVerdict = check_question("How did you start?")
    score: float = top[0].score
    kind: str | None = insight.interviewee.kind
    del batch, first, verdicts, one, score, kind
    return [r.to_dict() for r in top]


def named_encoder() -> Recommender:
    return Recommender(encoder="static")


def handles_errors(goals: str) -> str:
    try:
        Profile(goals=goals)
    except InputError as exc:
        return str(exc)
    except InfoquestError as exc:
        return str(exc)
    return ""


def concern_text(concern: Concern) -> str:
    return concern.text


def mistakes() -> None:
    Profile(goal="typo in a field name")  # type: ignore[call-arg]
    Profile(goals="x", stage=5)  # type: ignore[arg-type]
    Recommender().recommend(Profile(goals="x"), k="5")  # type: ignore[arg-type]
    Recommender().recommend_many(Profile(goals="x"))  # type: ignore[arg-type]
