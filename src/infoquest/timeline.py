"""Dates in a résumé: how long someone has worked, whether they are still studying, whether there is a gap.

Only formats are parsed (years, months, "present", "expected"), never field vocabulary, so it works for
any profession.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
# Every repetition is bounded and possessive, and a month name or a keyword must start a word: each
# match attempt does a bounded amount of work, so a scan is linear in the text ("janjanjan..." 60,000
# characters long took 30 s when ``[a-z]*`` could run to the end of the line and back).
_YEAR = r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)"
_MONTH = r"(?:(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}+\.?\s{1,3}+|\d{1,2}/)?+"
_PRESENT = r"(?:present|current|now|today|ongoing)"
_DASH = r"\s{0,3}+(?:-|–|—|to|until)\s{0,3}+"
_RANGE = re.compile(
    rf"(?P<m1>{_MONTH})(?P<y1>{_YEAR}){_DASH}(?:(?P<m2>{_MONTH})(?P<y2>{_YEAR})|(?P<now>{_PRESENT}))",
    re.IGNORECASE,
)
_GRADUATION = r"(?<![a-z])(?:expected|anticipated|candidate|graduating|graduation|class of|est\.?)"
_EXPECTED = re.compile(rf"{_GRADUATION}\W{{1,5}}+(?:{_MONTH})(?P<y>{_YEAR})", re.IGNORECASE)


@dataclass(frozen=True)
class Timeline:
    """What the dates in a résumé say; ``None`` where the résumé does not tell."""

    experience_years: float | None
    latest_end: float | None  # fractional year the latest dated activity ended (today if ongoing)
    ongoing: bool
    expected_graduation: int | None
    gap_years: float | None  # time since the latest dated activity ended, if nothing is ongoing
    earliest_start: float | None


def _when(month: str | None, year: str) -> float:
    value = float(year)
    if month:
        key = month.strip().lower().rstrip("./")
        if key.isdigit():
            value += (min(max(int(key), 1), 12) - 1) / 12
        elif key[:3] in _MONTHS:
            value += _MONTHS.index(key[:3] if key[:4] != "sept" else "sep") / 12
    return value


def read_timeline(text: str, experience: str | None = None, today: date | None = None) -> Timeline:
    """Parse date ranges (``Jun 2019 – Present``, ``2015-2018``) and expected graduation.

    Args:
        text: the whole résumé.
        experience: the experience section when one was found; ranges there count as work.
        today: the reference date (tests pass one).
    """
    today = today or date.today()
    now = today.year + (today.month - 1) / 12
    expected = [int(m.group("y")) for m in _EXPECTED.finditer(text)]
    future_grad = max((y for y in expected if y >= today.year), default=None)
    work_text = experience if experience and experience.strip() else text
    spans: list[tuple[float, float, bool]] = []
    for match in _RANGE.finditer(work_text):
        start = _when(match.group("m1"), match.group("y1"))
        ongoing = bool(match.group("now"))
        end = now if ongoing else _when(match.group("m2"), match.group("y2"))
        if start <= end <= now + 1:
            spans.append((start, min(end, now), ongoing))
    if not spans:
        return Timeline(None, None, False, future_grad, None, None)
    merged: list[list[float]] = []
    for start, end, _ in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    experience_years = sum(end - start for start, end in merged)
    latest_end = max(end for _, end, _ in spans)
    ongoing = any(flag for *_, flag in spans)
    gap = None if ongoing else max(0.0, now - latest_end)
    return Timeline(
        experience_years=round(experience_years, 2),
        latest_end=round(latest_end, 2),
        ongoing=ongoing,
        expected_graduation=future_grad,
        gap_years=None if gap is None else round(gap, 2),
        earliest_start=round(min(s for s, _, _ in spans), 2),
    )
