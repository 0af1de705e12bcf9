"""Who the seeker will talk to, read from free text ("friend of my dad who runs a small electrical firm")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest.heads import LinearHead, predict_many
from infoquest.vocab import KINDS

Source = Literal["given", "inferred", "unknown"]
#: Below this probability the kind head is unsure: the reading falls back to neutral (every kind alike)
#: rather than commit to a wrong kind. Chosen on the labelled roles (``benchmarks/results/heads.md``).
KIND_MIN_CONFIDENCE = 0.45


class Interviewee(BaseModel):
    """What infoquest understood about the interviewee; ``kind_probs`` drives which questions fit."""

    model_config = ConfigDict(frozen=True)

    role: str
    kind: str | None
    kind_probs: dict[str, float]
    #: How sure the reading is of ``kind`` (the head's probability; 1.0 when given, 0.0 when unknown).
    confidence: float = 0.0
    relationship: str = "none"
    seniority: str | None = None
    setting: str | None = None
    retired: bool = False
    hires: bool = False
    source: Source = "unknown"

    @property
    def relationship_tags(self) -> tuple[str, ...]:
        """The corpus ``interviewees`` tags the relationship adds (alumni, family connection)."""
        return (self.relationship,) if self.relationship in ("alumni", "family_connection") else ()


def _uniform() -> dict[str, float]:
    return {kind: 1.0 / len(KINDS) for kind in KINDS}


def _top(head: LinearHead, probs: np.ndarray) -> str:
    return head.classes[int(np.argmax(probs))]


def infer_interviewees(
    roles: Sequence[str],
    vectors: np.ndarray | None,
    heads: dict[str, LinearHead] | None,
    overrides: Sequence[str | None] | None = None,
) -> list[Interviewee]:
    """Read every role text at once.

    Args:
        roles: the free-text descriptions (empty strings allowed: nothing is inferred).
        vectors: their embeddings, one row per role, from the encoder the heads were trained with;
            ``None`` when no heads apply to the caller's encoder.
        heads: the role heads (``kind``, ``relationship``, ``seniority``, ``setting``, ``retired``, ``hires``).
        overrides: a kind the caller states per role, which wins over inference.
    """
    overrides = overrides or [None] * len(roles)
    results: list[Interviewee] = []
    probs: dict[str, np.ndarray] = {}
    if heads and vectors is not None and len(roles):
        probs = predict_many(heads, vectors, roles)
    for row, (role, given) in enumerate(zip(roles, overrides, strict=True)):
        if not probs or not role.strip():
            kind_probs = {given: 1.0} if given else _uniform()
            results.append(
                Interviewee(
                    role=role,
                    kind=given,
                    kind_probs={k: kind_probs.get(k, 0.0) for k in KINDS},
                    confidence=1.0 if given else 0.0,
                    source="given" if given else "unknown",
                )
            )
            continue
        assert heads is not None
        kind_head = heads["kind"]
        inferred = {c: float(p) for c, p in zip(kind_head.classes, probs["kind"][row], strict=True)}
        top = _top(kind_head, probs["kind"][row])
        confidence = 1.0 if given else inferred[top]
        sure = given is not None or confidence >= KIND_MIN_CONFIDENCE
        # Given: that kind only. Inferred and sure: the head's probabilities. Unsure: every kind alike.
        kind_probs = {k: float(k == given) for k in KINDS} if given else (inferred if sure else _uniform())
        results.append(
            Interviewee(
                role=role,
                kind=given or (top if sure else None),
                kind_probs={k: round(kind_probs.get(k, 0.0), 4) for k in KINDS},
                confidence=round(confidence, 4),
                relationship=_top(heads["relationship"], probs["relationship"][row]),
                seniority=_top(heads["seniority"], probs["seniority"][row]),
                setting=_top(heads["setting"], probs["setting"][row]),
                retired=bool(probs["retired"][row][0] > 0.5),
                hires=bool(probs["hires"][row][0] > 0.5),
                source="given" if given else "inferred",
            )
        )
    return results
