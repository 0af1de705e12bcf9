"""One-line warnings about a profile that infoquest can use but not use well: what is missing and what it
would add, and input that is not in English (which infoquest does not pretend to understand)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from infoquest.language import UNDETERMINED, input_languages, language_name

if TYPE_CHECKING:
    from infoquest.profile import Profile

_FIELD_NAMES = {"goals": "goals", "role": "role", "resume": "résumé"}


def profile_languages(profile: Profile) -> dict[str, str]:
    """The language of each part of the profile that was given, e.g. ``{"goals": "es", "role": "en"}``."""
    return input_languages({"goals": profile.goals, "role": profile.role, "resume": profile.resume})


def profile_warnings(profile: Profile, languages: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """What would make the recommendations better, one line each (empty when nothing is amiss).

    Args:
        profile: the seeker's inputs.
        languages: ``profile_languages(profile)``, when the caller has it already.

    Returns:
        Warnings such as "no goals and no role: ..." or "the goals look Spanish: ...", without the input's text.
    """
    warnings = []
    if not profile.goals.strip() and not profile.role.strip():
        warnings.append(
            "no goals and no role given, so the questions fit your résumé only: your goals (what you want to "
            "find out) and the interviewee's role (who you will meet) would make them fit you and that person"
        )
    languages = profile_languages(profile) if languages is None else languages
    foreign = {
        field: code for field, code in languages.items() if code not in ("en", UNDETERMINED) and field in _FIELD_NAMES
    }
    if foreign:
        parts = ", ".join(f"{_FIELD_NAMES[field]} ({language_name(code)})" for field, code in foreign.items())
        warnings.append(
            f"not in English: {parts}; infoquest reads English only, so what it infers and suggests may not fit: "
            "write them in English for better results"
        )
    return tuple(warnings)
