"""Rewordings of a job request that keep its intent, built from the seeker's own words.

"Any chance your firm needs a junior engineer this fall?" wants to know whether the firm hires junior
engineers and when; the guide's way to ask that is about how the firm hires, not for the job: "How does
your firm usually bring on junior engineers, and when do those roles open?". "Pass my résumé to your hiring
manager" becomes a question about what makes a résumé stand out to hiring managers there; "keep me in mind"
becomes a request for other people to talk to. These are pattern rewrites: where no pattern fits, the
etiquette guard falls back to the nearest labelled example's suggestion and then to a curated question.
"""

from __future__ import annotations

import re

#: Where the interviewee works, as the seeker names it after "your".
_PLACES = (
    "firm", "company", "team", "department", "practice", "lab", "laboratory", "clinic", "unit", "agency",
    "office", "hospital", "school", "organisation", "organization", "group", "studio", "shop", "restaurant",
    "store", "business", "bank", "newsroom", "kitchen", "crew", "site", "ward", "district", "library",
)  # fmt: skip
_PLACE = re.compile(rf"\byour (?:own )?(?:[a-z-]+ )?({'|'.join(_PLACES)})\b", re.IGNORECASE)
#: Words that end a role's name ("a junior engineer *this* fall", "an analyst *at* your bank").
_ROLE_END = frozenset({
    "this", "next", "in", "at", "on", "for", "with", "who", "to", "from", "like", "or", "and", "by", "soon",
    "when", "if", "during", "after", "before", "any", "some", "the", "about", "regarding",
})  # fmt: skip
_ROLE_NOUNS = frozenset({"role", "position", "job", "spot", "opening", "vacancy", "post", "place"})
_ROLE_AFTER = re.compile(
    r"\b(?:needs?|need of|hire|hiring|take on|taking on|looking for|use|have room for|room for|"
    r"(?:opening|position|spot|place|role|job|vacancy|post|work|opportunit(?:y|ies)) (?:for|as)|"
    r"consider me (?:for|as)|me (?:as|for))\s+(?:a|an|another|one more|more|some)\s+([a-z][\w-]*(?: [a-z][\w-]*){0,4})",
    re.IGNORECASE,
)
_ROLE_BEFORE = re.compile(
    r"\b(?:the|a|an|that|your|any)\s+((?:[a-z][\w-]*\s){0,3}?[a-z][\w-]*)\s+"
    r"(?:role|position|opening|vacancy|post|spot|job)\b",
    re.IGNORECASE,
)
_RESUME = re.compile(
    r"\b(?:pass|forward|send|give|hand|show|share|put|slip|get)\b[^?.!]*?"
    r"\bmy (?:résumé|resume|cv|c\.v\.|portfolio|application)"
    r"(?:[^?.!]*?\b(?:to|with) (?:your|the|a|their) ((?:[a-z-]+ ){0,2}?(?:hiring manager|manager|recruiter|"
    r"director|boss|supervisor|partner|chief|head|editor|lead|hr|people|team)s?))?",
    re.IGNORECASE,
)
_KEEP_IN_MIND = re.compile(r"\b(?:keep me in mind|think of me|remember me|keep my name)\b", re.IGNORECASE)
#: People the seeker wants to be recommended to ("put in a good word with HR", "recommend me to your boss").
_WHO = (
    r"((?:[a-z-]+ ){0,2}(?:hiring manager|manager|recruiter|director|boss|supervisor|partner|chief|head|editor|"
    r"lead|hr|people|team|principal|owner|foreman|superintendent|chef|dean|chair)s?)"
)
_GOOD_WORD = re.compile(
    rf"\b(?:(?:put|say) in a (?:good|kind) word|(?:speak|vouch) (?:up )?for me|recommend me|mention me|"
    rf"talk me up)\b(?:[^?.!]*?\b(?:to|with) (?:(?:your|the|a|their) )?{_WHO}\b)?",
    re.IGNORECASE,
)
_TELL = r"(?:let me know|tell me|give me a heads[- ]up|give me a shout|ping me|call me|text me|email me)"
_OPENS = r"(?:open(?:s|ing|ings)?|opens up|comes? up|come along|vacanc(?:y|ies)|hiring|posted)"
#: "Let me know if something opens up", in either order.
_TELL_ME = re.compile(rf"\b{_TELL}\b[^?.!]*?\b{_OPENS}\b|\b{_OPENS}\b[^?.!]*?\b{_TELL}\b", re.IGNORECASE)
#: Things one applies for rather than people one becomes ("an internship", not "an intern").
_OPPORTUNITIES = frozenset({
    "internship", "apprenticeship", "placement", "residency", "fellowship", "externship", "co-op", "traineeship",
    "contract", "gig", "shift", "clerkship", "practicum", "rotation",
})  # fmt: skip
_GENERIC_ROLES = frozenset({"job", "position", "role", "spot", "opening", "place", "chance", "way", "new", "good"})


def reword(question: str) -> str | None:
    """A question that asks for information or advice instead of a job, in the seeker's own terms, or
    ``None`` when no pattern fits (then the caller falls back to other suggestions)."""
    resume = _RESUME.search(question)
    if resume:
        who = _plural(resume.group(1).lower()) if resume.group(1) else "the people who hire"
        return f"What makes a résumé stand out to {who} where you work?"
    role = _role(question)
    place = _place(question)
    if _KEEP_IN_MIND.search(question):
        about = f"how people become {_plural(role)}" if role and not _is_opportunity(role) else "this field"
        return f"Who else would you suggest I talk to about {about}, and may I mention that you sent me?"
    if _TELL_ME.search(question):
        where = f"at your {place}" if place else "on teams like yours"
        return f"How do people usually hear about openings {where} before they are posted?"
    good_word = _GOOD_WORD.search(question)
    # Recommended for a role: how that role is filled (below); to someone, for no role: what they look for.
    if good_word and not role:
        who = _plural(good_word.group(1).lower()) if good_word.group(1) else "the people who hire"
        if who == "HR":
            return "What does HR where you work look for when it hires someone at my stage?"
        return f"What do {who} where you work look for when they hire someone at my stage?"
    if role and _is_opportunity(role):
        if place:
            return f"How does your {place} usually choose people for {_plural(role)}, and when do they open?"
        return f"How do people usually land {_plural(role)} in this field, and when do they open?"
    if role and place:
        return f"How does your {place} usually bring on {_plural(role)}, and when do those roles open?"
    if role:
        return f"How do {_plural(role)} usually get hired in this field, and when do those roles open?"
    if place:
        return f"How does your {place} usually bring on new people, and when do those roles open?"
    return None


def _is_opportunity(role: str) -> bool:
    return role.split()[-1].lower() in _OPPORTUNITIES or role.lower().endswith("ships")


def _place(question: str) -> str | None:
    match = _PLACE.search(question)
    return match.group(1).lower() if match else None


def _role(question: str) -> str | None:
    for pattern in (_ROLE_AFTER, _ROLE_BEFORE):
        for match in pattern.finditer(question):
            found = match.group(1).split()
            if pattern is _ROLE_BEFORE:
                # The role's name ends at the role noun: keep the words after the last that cannot be part of
                # it ("the recruiter about *the* role" names no role).
                stops = [n for n, word in enumerate(found) if word.lower() in _ROLE_END]
                found = found[stops[-1] + 1 :] if stops else found
            words = []
            for word in found:
                if word.lower() in _ROLE_END:
                    break
                # Keep acronyms as written ("QA tester"); other words in lower case.
                words.append(word if word.isupper() and len(word) > 1 else word.lower())
            while words and words[-1].lower() in _ROLE_NOUNS:
                words.pop()
            if words and words[-1].lower() not in _GENERIC_ROLES and words[0].lower() not in _PLACES:
                return " ".join(words)
    return None


def _plural(noun_phrase: str) -> str:
    *head, last = noun_phrase.split()
    if last == "hr":
        plural = "HR"
    elif last.endswith(("ss", "ch", "sh", "x", "z")):
        plural = last + "es"
    elif last.endswith("s") or last in ("staff", "personnel", "people"):
        plural = last
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return " ".join([*head, plural])
