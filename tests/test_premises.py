"""Premises (``requires``): a question whose premise is false for this profile is never offered."""

from __future__ import annotations

import numpy as np

from infoquest.interviewee import Interviewee
from infoquest.premises import facts, premises_met, requirement_matrix
from infoquest.vocab import KINDS


def who(kind: str | None = None, relationship: str = "none", **extra: object) -> Interviewee:
    probs = {k: float(k == kind) for k in KINDS}
    return Interviewee(role="x", kind=kind, kind_probs=probs, relationship=relationship, **extra)  # type: ignore[arg-type]


def test_facts_come_from_the_interviewee_and_the_seeker() -> None:
    assert facts(who("practitioner"), met_before=False) == frozenset()
    assert facts(who("practitioner", "alumni"), met_before=True) == {"shared_school", "met_before"}
    assert "retired" in facts(who("retired"), met_before=False)
    assert {"owns_business", "manages_people"} <= facts(who("business_owner"), met_before=False)
    assert "in_academia" in facts(who("practitioner", "professor"), met_before=False)
    assert "knows_family" in facts(who(None, "family_connection"), met_before=False)


def test_a_question_is_offered_only_when_every_premise_holds() -> None:
    matrix = requirement_matrix([(), ("shared_school",), ("shared_school", "met_before"), ("retired",)])
    assert premises_met(matrix, frozenset()).tolist() == [True, False, False, False]
    assert premises_met(matrix, frozenset({"shared_school"})).tolist() == [True, True, False, False]
    met = premises_met(matrix, frozenset({"shared_school", "met_before", "retired"}))
    assert np.all(met)
