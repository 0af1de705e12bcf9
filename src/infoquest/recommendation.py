"""The typed, immutable, JSON-serialisable results of ranking."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from infoquest.corpus import Question


class Recommendation(BaseModel):
    """One ranked question with its score and the reasons it was picked for this profile."""

    model_config = ConfigDict(frozen=True)

    question: Question
    score: float
    rank: int
    reasons: tuple[str, ...] = ()
    #: The seeker's concerns (their own words) this question is the chosen answer to.
    concerns: tuple[str, ...] = ()

    @computed_field  # type: ignore[prop-decorator]  # serialised with the model, e.g. by the HTTP API
    @property
    def source(self) -> str:
        """``"bank"`` for a corpus question, ``"goals"`` for one written from the seeker's words."""
        return "goals" if self.question.source == "goals" else "bank"

    def to_dict(self) -> dict[str, Any]:
        """The flat JSON shape the CLI prints: ``id``, ``text``, ``category``, ``score``, ``rank``, ``reasons``,
        ``source`` (``bank`` or ``goals``) and ``concerns``."""
        return {
            "id": self.question.id,
            "text": self.question.text,
            "category": self.question.category,
            "score": round(self.score, 6),
            "rank": self.rank,
            "reasons": list(self.reasons),
            "source": self.source,
            "concerns": list(self.concerns),
        }
