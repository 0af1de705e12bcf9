"""What must be true for a question to make sense (``requires``), checked against what is known.

"How did our school shape your path?" needs a shared school; "Since we last talked…" an earlier meeting. A
question whose premise the profile does not meet is never ranked, recommended or planned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from infoquest.interviewee import Interviewee
from infoquest.vocab import REQUIRES


def facts(interviewee: Interviewee, met_before: bool) -> frozenset[str]:
    """The premises this profile meets, read from the interviewee and what the seeker said."""
    kind = interviewee.kind
    found = set()
    if met_before:
        found.add("met_before")
    if interviewee.relationship == "alumni":
        found.add("shared_school")
    if interviewee.relationship == "family_connection":
        found.add("knows_family")
    if interviewee.retired or kind == "retired":
        found.add("retired")
    if kind == "business_owner" or interviewee.setting in ("own_business", "freelance"):
        found.add("owns_business")
    if kind in ("hiring_manager", "senior_leader", "business_owner") or interviewee.hires:
        found.add("manages_people")
    if kind == "academic" or interviewee.relationship == "professor":
        found.add("in_academia")
    return frozenset(found)


def requirement_matrix(requires: Sequence[Sequence[str]]) -> np.ndarray:
    """One row per question, one column per premise in ``REQUIRES``: 1 where the question needs it."""
    out = np.zeros((len(requires), len(REQUIRES)), dtype=bool)
    for row, needed in enumerate(requires):
        for premise in needed:
            out[row, REQUIRES.index(premise)] = True
    return out


def premises_met(matrix: np.ndarray, met: frozenset[str]) -> np.ndarray:
    """``(n,)`` bool: every premise of the question is among ``met``."""
    have = np.array([p in met for p in REQUIRES], dtype=bool)
    return np.asarray(~(matrix & ~have).any(axis=1))
