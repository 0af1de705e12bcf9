"""An interview plan that fits 20–30 minutes, in the guide's order: a short rapport question about the
interviewee's path, then the seeker's job search, the core, the careful questions later, a closing that asks
for referrals, and the guide's preparation and follow-up checklist.

The printed times add up exactly to the meeting: introductions + questions + thanks = ``minutes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from infoquest.errors import InputError

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 10, 60, 25
Part = Literal["opening", "job_search", "core", "later", "closing"]
PART_TITLES: dict[str, str] = {
    "opening": "Opening: a little about their path",
    "job_search": "First: your job search",
    "core": "Core: the work and the field",
    "later": "Later, with care: pay and their organisation",
    "closing": "Closing: referrals and next steps",
}


class PlannedQuestion(BaseModel):
    """One question in the plan, where it goes, how long it may take and why it is there."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    category: str
    part: Part
    minutes: float
    reason: str
    yours: bool = False
    #: ``bank`` (a corpus question), ``yours`` (the seeker's own) or ``goals`` (written from the seeker's words
    #: for a concern no bank question answers).
    source: str = "bank"


class InterviewPlan(BaseModel):
    """A timed conversation plan. ``questions`` are in the order to ask them.

    JSON (``model_dump(mode="json")``) is stable: ``minutes``, ``intro_minutes``, ``thanks_minutes``,
    ``question_minutes``, ``interviewee``, ``questions`` (objects with ``id``, ``text``, ``category``,
    ``part``, ``minutes``, ``reason``, ``yours``), ``preparation``, ``follow_up`` and ``refused`` (your own
    questions left out because they ask for a job, each with a suggested rewording).
    """

    model_config = ConfigDict(frozen=True)

    minutes: int
    intro_minutes: float
    thanks_minutes: float
    question_minutes: float
    interviewee: str
    questions: tuple[PlannedQuestion, ...]
    preparation: tuple[str, ...]
    follow_up: tuple[str, ...]
    refused: tuple[dict[str, Any], ...] = ()

    def part(self, name: Part) -> list[PlannedQuestion]:
        """The questions of one part, in order."""
        return [q for q in self.questions if q.part == name]

    def to_markdown(self) -> str:
        """A printable plan to take to the meeting."""
        return self._render(markdown=True)

    def to_text(self) -> str:
        """The plan as plain text (the same content as the Markdown, without its markup)."""
        return self._render(markdown=False)

    def _render(self, markdown: bool) -> str:
        # One layout, two spellings: markup is added only where ``markdown`` is true.
        def wrap(text: str, mark: str) -> str:
            return f"{mark}{text}{mark}" if markdown else text

        def heading(text: str, level: int) -> list[str]:
            return [f"{'#' * level} {text}" if markdown else text, ""]

        item = "- [ ] " if markdown else "- "
        lines = heading("Informational interview plan", 1)
        if self.interviewee:
            lines += [f"{wrap('With:', '**')} {self.interviewee}", ""]
        lines += [
            f"{wrap(f'{self.minutes} minutes', '**')}: {self.intro_minutes:g} for introductions, "
            f"{self.question_minutes:g} for questions, {self.thanks_minutes:g} to thank them and wrap up.",
            "",
            f"{'> ' if markdown else ''}Never ask for a job: ask for information, advice and referrals.",
            "",
        ]
        lines += [*heading("Before the meeting", 2), *(f"{item}{entry}" for entry in self.preparation), ""]
        number = 0
        for name, title in PART_TITLES.items():
            questions = self.part(name)  # type: ignore[arg-type]
            if not questions:
                continue
            lines += heading(title, 2)
            for q in questions:
                number += 1
                mine = f" {wrap('(your question)', '_')}" if q.yours else ""
                mine = f" {wrap('(from your goals)', '_')}" if q.source == "goals" else mine
                hard_break = "  " if markdown else ""
                lines.append(f"{number}. {wrap(q.text, '**')}{mine} {wrap(f'(~{q.minutes:g} min)', '_')}{hard_break}")
                lines.append(f"   {q.reason}")
            lines.append("")
        lines += [*heading("After the meeting", 2), *(f"{item}{entry}" for entry in self.follow_up), ""]
        if self.refused:
            lines += heading("Left out: these ask for a job", 2)
            lines += [f"- {wrap(r['text'], '~~')} Try instead: {r['suggestion']}" for r in self.refused]
            lines.append("")
        return "\n".join(lines)


def check_minutes(minutes: int) -> None:
    """Raise ``InputError`` unless ``minutes`` is a whole number from 10 to 60."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError(
            f"minutes must be a whole number from {MIN_MINUTES} to {MAX_MINUTES} (the guide: keep it to "
            f"20-30), got {minutes!r}"
        )


def overhead(minutes: int) -> tuple[float, float]:
    """Minutes kept for introductions and for thanks: a few, more in longer meetings."""
    intro = 2.0 if minutes < 20 else 3.0
    thanks = 1.0 if minutes < 20 else 2.0
    return intro, thanks


def preparation(role: str, goals: Sequence[str], has_resume_question: bool) -> tuple[str, ...]:
    """The guide's preparation advice, tailored to this interviewee and these goals."""
    who = f'your interviewee ("{role.strip()}")' if role.strip() else "your interviewee"
    items = [
        f"Read up on {who}: their path, their organisation, their field's news.",
        "Print this plan: you are the interviewer, and prepared questions keep it brief.",
    ]
    if goals:
        items.append(f'Prepare a two-sentence introduction of what you are looking for: "{goals[0]}"')
    if has_resume_question:
        items.append("Bring a copy of your résumé, to hand over only when they offer feedback.")
    items += [
        "Dress appropriately and professionally; arrive (or log in) a few minutes early.",
        "Confirm the time, and keep to it: end when you said you would.",
    ]
    return tuple(items)


def follow_up(role: str) -> tuple[str, ...]:
    """The guide's follow-up advice."""
    who = f'your interviewee ("{role.strip()}")' if role.strip() else "your interviewee"
    return (
        f"Send {who} a thank-you note within a day, naming one piece of advice you will act on.",
        "Follow up on every lead they gave you, soon, and tell them how it went: it shows you valued it.",
        "Contact each person they referred you to, mentioning their name only if they said you may.",
        "Keep in touch with a short update in a month or two: that is how the network grows.",
    )


class Candidate(BaseModel):
    """A question the plan may use, with what the ranking knows about it."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    category: str
    score: float
    minutes: float
    placement: str
    sensitive: bool
    referral: bool
    topics: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    yours: bool = False
    #: ``bank``, or ``goals`` for a question written from the seeker's words.
    source: str = "bank"


#: Categories of the short rapport questions about the interviewee's own path that may open a plan.
_RAPPORT_CATEGORIES = frozenset({"Career Specific", "Responsibilities"})
#: What the guide means by "questions that improve your job search".
JOB_SEARCH_TOPICS = frozenset(
    {
        "job_search",
        "networking",
        "resume_feedback",
        "experience_fit",
        "objections",
        "target_employers",
        "entry_paths",
        "internships",
        "skill_gaps",
    }
)
#: A rapport opening is short, and only in meetings long enough to spare the minutes for it.
_OPENING_MAX_MINUTES, _OPENING_FROM_MINUTES = 3.0, 15
#: Questions that share more than this share of their words (Jaccard) with one already planned are left out.
_OVERLAP = 0.5
#: How much longer an answer may run before the remaining minutes are shared out evenly.
_LONGER_ANSWER = 1.0

_PART_REASONS = {
    "opening": "A short rapport question about their own path, to start; your job search comes right after.",
    "job_search": "The guide: your first questions should help your job search.",
    "later": "Sensitive, so it comes late, once there is rapport (the guide: ask about pay and the company with care).",
    "closing": "The guide: always ask for referrals to other people, and whether you may use their name.",
}
PART_ORDER: tuple[Part, ...] = ("opening", "job_search", "core", "later", "closing")


def _planned(c: Candidate, part: Part, minutes: float) -> PlannedQuestion:
    if c.source == "goals":
        reason = c.reasons[0] if c.reasons else "Written from your goals: no question in the bank answers them."
    elif c.yours:
        reason = "Your own question, placed where it fits the flow."
    elif part == "opening":
        reason = _PART_REASONS["opening"]
    elif part in ("core", "job_search") and c.reasons:
        reason = c.reasons[0]
    else:
        reason = _PART_REASONS.get(part) or (c.reasons[0] if c.reasons else "Fits your goals and this interviewee.")
    return PlannedQuestion(
        id=c.id,
        text=c.text,
        category=c.category,
        part=part,
        minutes=minutes,
        reason=reason,
        yours=c.yours,
        source="yours" if c.yours else c.source,
    )


def part_of(c: Candidate) -> Part:
    """The part of the plan a question belongs in (the guide: job search first, the organisation late)."""
    if c.placement in ("closing", "follow_up"):
        return "closing"
    if c.sensitive or c.category == "About the Organization":
        return "later"
    if c.placement == "opening" and c.category in _RAPPORT_CATEGORIES:
        return "opening"
    if c.category == "Job Search and Networking" or JOB_SEARCH_TOPICS.intersection(c.topics):
        return "job_search"
    return "core"


def _half(minutes: float) -> float:
    # Whole and half minutes only, so that the parts add up exactly to the meeting.
    return max(0.5, round(minutes * 2) / 2)


def assemble(
    candidates: Sequence[Candidate],
    extras: Sequence[Candidate],
    core_order: Sequence[int],
    minutes: int,
    closing: Candidate,
) -> tuple[list[PlannedQuestion], float, float]:
    """Fill the time in the guide's order: the seeker's own questions, a short rapport opening (15 minutes
    or more), job-search questions, the core, at most one careful question late in longer meetings, and the
    closing referral question. The questions' minutes add up exactly to ``minutes - intro - thanks``: spare
    time goes to the next best questions, then to longer answers; the plan never overruns.

    Args:
        candidates: every allowed corpus question, best first.
        extras: the seeker's own questions (already checked by the etiquette guard).
        core_order: indices into ``candidates`` of a diverse selection for the core, best first.
        closing: the referral question that closes the plan.

    Returns:
        The planned questions in asking order, the introduction's minutes and the thanks' minutes.

    Raises:
        InputError: the seeker's own questions alone need more time than the plan has.
    """
    intro, thanks = overhead(minutes)
    budget = minutes - intro - thanks
    candidates = [c.model_copy(update={"minutes": _half(c.minutes)}) for c in candidates]
    extras = [c.model_copy(update={"minutes": _half(c.minutes)}) for c in extras]
    closing = closing.model_copy(update={"minutes": _half(closing.minutes)})
    chosen: dict[Part, list[Candidate]] = {part: [] for part in PART_ORDER}
    for extra in extras:
        chosen[part_of(extra)].append(extra)
    if not any(_is_same(closing, c) for c in extras):
        chosen["closing"].append(closing)
    used = sum(c.minutes for part in chosen.values() for c in part)
    if used > budget:
        raise InputError(
            f"your own questions and the closing need about {used:g} minutes, more than the {budget:g} a "
            f"{minutes}-minute meeting leaves; drop some or raise --minutes"
        )
    taken = [_words(c.text) for part in chosen.values() for c in part]

    def fits(c: Candidate) -> bool:
        words = _words(c.text)
        return used + c.minutes <= budget and not any(_overlap(words, t) > _OVERLAP for t in taken)

    def take(c: Candidate) -> None:
        nonlocal used
        chosen[part_of(c)].append(c)
        taken.append(_words(c.text))
        used += c.minutes

    if not chosen["opening"] and minutes >= _OPENING_FROM_MINUTES:
        opening = next(
            (c for c in candidates if part_of(c) == "opening" and c.minutes <= _OPENING_MAX_MINUTES and fits(c)),
            None,
        )
        if opening is not None:
            take(opening)
    # A careful question (pay, their organisation) only when the meeting is long enough for rapport.
    if minutes >= 20 and not chosen["later"]:
        top = candidates[: max(10, len(candidates) // 10)]
        later = next((c for c in top if part_of(c) == "later" and fits(c)), None)
        if later is not None:
            take(later)
    # The guide: the first questions help the job search, so the plan has at least one.
    if not chosen["job_search"]:
        pool = [candidates[i] for i in core_order] + list(candidates[:30])
        first = next((c for c in pool if part_of(c) == "job_search" and fits(c)), None)
        if first is not None:
            take(first)
    for i in core_order:
        if part_of(candidates[i]) in ("job_search", "core") and fits(candidates[i]):
            take(candidates[i])
    for c in candidates:  # spare time: the next best questions
        if part_of(c) in ("job_search", "core") and fits(c):
            take(c)
    order = [(c, part) for part in PART_ORDER for c in chosen[part]]
    extra_minutes = _longer_answers([c for c, _ in order], [part for _, part in order], budget - used)
    planned = [_planned(c, part, c.minutes + more) for (c, part), more in zip(order, extra_minutes, strict=True)]
    return planned, intro, thanks


def _longer_answers(questions: Sequence[Candidate], parts: Sequence[Part], spare: float) -> list[float]:
    """Share ``spare`` minutes (a multiple of half a minute) out as longer answers: half a minute at a time,
    to the job-search and core questions first (up to ``_LONGER_ANSWER`` each), then evenly to all."""
    more = [0.0] * len(questions)
    if not questions:
        return more
    first = [n for n, part in enumerate(parts) if part in ("job_search", "core")]
    steps = round(spare * 2)
    for rounds, pool in ((int(_LONGER_ANSWER * 2), first), (None, list(range(len(questions))))):
        turn = 0
        while steps > 0 and pool and (rounds is None or turn < rounds * len(pool)):
            more[pool[turn % len(pool)]] += 0.5
            steps -= 1
            turn += 1
    return more


_FUNCTION_WORDS = frozenset({
    "what", "which", "when", "where", "would", "could", "should", "about", "your", "there", "their", "have",
    "does", "this", "that", "with", "from", "into", "know", "like", "most", "some", "other", "think", "make",
    "then", "than", "they", "them", "were", "been", "being",
})  # fmt: skip


def _words(text: str) -> frozenset[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return frozenset(w for w in words if len(w) > 3 and w not in _FUNCTION_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def _is_same(a: Candidate, b: Candidate) -> bool:
    return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())
