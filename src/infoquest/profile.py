"""What the job seeker tells infoquest: goals, résumé and who they will talk to."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from infoquest.errors import ProfileError
from infoquest.vocab import KINDS, STAGES

MAX_GOALS_CHARS = 5_000
MAX_ROLE_CHARS = 500
MAX_RESUME_CHARS = 100_000


def _one_line(error: ValidationError) -> str:
    """The first problem pydantic found, naming the field; never the value (it may be a résumé)."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "string_too_long":
        limit = first.get("ctx", {}).get("max_length")
        given = len(first["input"]) if isinstance(first.get("input"), str) else None
        length = f"{given:,} characters; " if given is not None else ""
        return f"{where} is too long ({length}{limit:,} characters at most); shorten it"
    if first["type"] == "extra_forbidden":
        return f"unknown argument {where!r}; a Profile takes {', '.join(Profile.model_fields)}"
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


class Profile(BaseModel):
    """A job seeker's inputs. Needs goals or a résumé (or both); ``role`` may be empty.

    ``stage`` and ``interviewee`` override what infoquest would infer (see ``Recommender.explain_profile``);
    ``met_before`` says the seeker has spoken with the interviewee before (follow-up questions then fit).
    The résumé is personal data: it is left out of ``repr`` so it does not end up in logs by accident.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    goals: str = Field(default="", max_length=MAX_GOALS_CHARS)
    resume: str = Field(default="", max_length=MAX_RESUME_CHARS, repr=False)
    role: str = Field(default="", max_length=MAX_ROLE_CHARS)
    stage: str | None = None
    interviewee: str | None = None
    met_before: bool = False
    resume_sections: dict[str, str] = Field(default_factory=dict, repr=False)

    if not TYPE_CHECKING:
        # At run time, pydantic's errors become one-line ``ProfileError``s. Type checkers do not see this
        # ``__init__``: they see the one pydantic derives from the fields, so ``Profile(goal="x")`` or
        # ``Profile(stage=5)`` fail type-checking in the caller's code.
        def __init__(self, **data: Any) -> None:
            try:
                super().__init__(**data)
            except ValidationError as exc:
                raise ProfileError(_one_line(exc)) from None

    @model_validator(mode="before")
    @classmethod
    def _sections(cls, data: Any) -> Any:
        # A résumé passed as text gets its sections found here, as a file's do when it is read.
        if isinstance(data, dict) and data.get("resume") and not data.get("resume_sections"):
            from infoquest.resume import split_sections

            data = {**data, "resume_sections": split_sections(str(data["resume"]))}
        return data

    @field_validator("goals", "resume", "role", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("stage")
    @classmethod
    def _known_stage(cls, value: str | None) -> str | None:
        if value is not None and value not in STAGES:
            raise ValueError(f"unknown stage {value!r}; use one of {', '.join(STAGES)}")
        return value

    @field_validator("interviewee")
    @classmethod
    def _known_kind(cls, value: str | None) -> str | None:
        if value is not None and value not in KINDS:
            raise ValueError(f"unknown interviewee kind {value!r}; use one of {', '.join(KINDS)}")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Profile:
        if not self.goals.strip() and not self.resume.strip():
            raise ValueError("the profile is empty: give your goals, a résumé, or both")
        return self

    @classmethod
    def from_files(
        cls,
        resume: str | os.PathLike[str] | None = None,
        goals: str = "",
        role: str = "",
        *,
        goals_file: str | os.PathLike[str] | None = None,
        stage: str | None = None,
        interviewee: str | None = None,
        met_before: bool = False,
    ) -> Profile:
        """Build a profile from a résumé file (PDF, DOCX, TXT, MD, JSON Resume, or ``-`` for stdin).

        Raises:
            ResumeReadError: the résumé (or goals file) cannot be read; the message names the file.
            ProfileError: neither goals nor a résumé with words in it were given.
        """
        from infoquest.resume import read_resume

        text, sections = "", {}
        if resume is not None:
            read = read_resume(resume)
            text, sections = read.text, dict(read.sections)
        if goals_file is not None:
            goals = "\n".join(filter(None, [goals, read_resume(goals_file).text]))
        return cls(
            goals=goals,
            resume=text,
            role=role,
            stage=stage,
            interviewee=interviewee,
            met_before=met_before,
            resume_sections=sections,
        )
