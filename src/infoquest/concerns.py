"""The distinct things a seeker wants to learn or worries about, read from their goals as exact spans.

"I'm worried about burnout and night shifts" holds two concerns ("burnout", "night shifts"); "how to price
bids without underbidding, handle cash flow in the first year and know when to hire" holds three. Each
concern keeps its span of the seeker's own text, so reasons can quote it and a written question can reuse it.

The reading is rule-based and deliberately plain: questions, cue phrases ("worried about", "want to learn",
"not sure whether", …) and coordinated lists. Sentences with none of these are context ("I graduate next
May."), not concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from infoquest.typography import plain_typing

ConcernKind = Literal["question", "worry", "learn", "goal", "statement"]
#: At most this many concerns are read from one profile's goals (bounded work on long texts).
MAX_CONCERNS = 8
#: Goals are read sentence by sentence; past this many sentences the rest is not read for concerns.
MAX_SENTENCES = 40

# Cues, longest first within a kind so "worried about" wins over "worried". The object of the cue is
# what follows it up to the end of the clause.
_WORRY = (
    r"(?:(?:i'?m|i am|am|i'?ve been|i feel)\s+)?(?:really |a bit |a little |kind of |kinda |pretty |so |also |very |"
    r"most )?(?:worried|concerned|nervous|anxious|scared|afraid|terrified|stressed|unsure|uncertain|torn|hesitant|"
    r"confused|freaked out)\s+(?:about:?\s+|of\s+|by\s+|over\s+|that\s+|(?!(?:is|are|was|were)\b))|"
    # "My biggest worry is", "Biggest question is how long…", "My big questions are whether…".
    r"(?:(?:my |the |one |another )?(?:biggest |main |big |other |real |first |last |key |only )?(?:worry|concern|fear|"
    r"question|hesitation|worries|concerns|fears|questions|hesitations) (?:is|are)(?: about| that| whether)?)\s+|"
    # "I also worry about", "I still wonder if": a word between the subject and the verb.
    r"(?:i (?:also |really |still |sometimes |just |do )?(?:worry|fear|wonder)\s+"
    r"(?:about\s+|that\s+|(?=(?:whether|if|how|what|which|when|where|why)\b))?)|"
    r"(?:(?:i'?m )?not sure\s+(?:about\s+|(?=(?:whether|if|how|what|which|when|where|why)\b))?)|"
    r"(?:i (?:struggle|am struggling|'m struggling) with)\s+|"
    r"(?:i )?(?:can'?t|cannot|can not) (?:decide|choose|tell)\s+(?:yet\s+)?(?:between\s+|(?=(?:whether|if|which)\b))?|"
    # "trying to decide between a PD office and…", "I need to decide whether to learn G-code…"
    r"(?:deciding|(?:trying|need|have|want) to decide|(?:i'?m |i am )?debating)\s+"
    r"(?:between\s+|(?=(?:whether|if|which)\b))|"
    r"(?:i'?m |i am )?(?:torn|stuck) between\s+|"
    r"(?:i )?(?:don'?t|do not|still don'?t) (?:really |actually |fully |quite |even )?(?:know|understand|get)\s+"
    r"(?=(?:what|how|if|whether|why|when|where|which)\b)|"
    r"(?:i'?m |i am )?not clear (?:on|about)\s+|"
    # "I have no idea what to charge", "idk how people get to jobsites", "part of me wonders if…".
    r"(?:(?:i )?(?:have |had )?no (?:idea|clue)|idk|part of me wonders)\s+"
    r"(?=(?:what|how|if|whether|why|when|where|which)\b)|"
    # "What scares me most is health insurance", "What worries me is going from union to management".
    # "The part that makes me nervous is handling unruly kids".
    r"(?:what|the (?:part|thing|one thing)(?: that)?) (?:scares|worries|concerns|bothers|terrifies|confuses|"
    r"makes me nervous|makes me anxious|stresses me out|keeps me up)(?: me)?(?: (?:the )?most)? (?:is|are)"
    r"(?: that| whether| about)?\s+|"
    # "thinking about whether to take insurance", "weighing whether…".
    r"(?:i'?m |been )?(?:thinking about|considering|weighing)\s+(?=(?:whether|if)\b)"
)
_LEARN = (
    # Not inside a question: "how much Excel do I need to know before applying" asks; it is no cue.
    r"(?<!\bdo )(?<!\bdoes )(?<!\bdid )(?<!\bdo i )(?<!\bdo we )(?<!\bdo you )(?<!\bdoes one )(?<!\bdid you )"
    r"(?:i'?d (?:also |really |just )?(?:like|love) to|i (?:also |really )?want to|i wanna|i (?:also )?need to|"
    r"i hope to|i'?m hoping to|hoping to|want to|"
    r"need to|trying to|would (?:also |really )?like to|i'?m trying to|i have to)\s+"
    # "I want to ask sir about whether…", "ask prof what…": whom they will ask is no concern.
    r"(?:learn|know|understand|find out|figure out|hear|get a sense of|get a feel for|"
    r"ask(?:\s+(?:prof|professor|sir|ma'?am|madam|him|her|them)(?=\s+(?:about|whether|if|how|what|which|why|when)\b))?"
    r"(?:\s+about)?|see|explore|"
    r"get advice on|talk about)\s+"
    # "What I really want to know is how much unpaid charting people do": the object after "is".
    r"(?:more\s+)?(?:about:?\s+)?(?:(?:is|are)\s+(?=(?:how|what|whether|if|why|when|where|which|who)\b))?"
    # "I'd like to hear honestly from someone on a hiring committee how they view…": whom from is no concern.
    r"(?:(?:honestly|directly|first-?hand)\s+)?(?:from\s+(?:[\w'-]+\s+){1,7}?(?=(?:how|what|whether|if|why|when|which)\b))?|"
    r"(?:i'?m |i am |also |really )?(?:curious|wondering|interested in learning|keen to learn)\s+"
    r"(?:about:?\s+|(?=(?:whether|if|how|what|which|when|where|why)\b))?|"
    r"(?:any |some )?(?:advice|tips|guidance|insight|pointers) (?:on|about|with|for)\s+|"
    r"(?:any |some )help (?:on|about|with)\s+|"
    r"(?:i need (?:advice|help|guidance) (?:on|with|about))\s+|"
    # "Kindly advise whether I should accept", "please advise on…".
    r"(?:kindly |please )?advi[sc]e (?:me )?(?:on\s+|about\s+|(?=(?:whether|if|how|what|which)\b))|"
    # "I'd also like a candid read on whether the 90-hour weeks are real".
    r"(?:a |your )(?:candid |honest |frank |realistic |straight )?(?:read|take|opinion|perspective|thoughts|view) on\s+"
    r"(?=(?:whether|if|how|what|which)\b)|"
    # "I'd like to talk to an actual owner about how many hours…".
    r"(?:like|love|want|wanna|hoping|hope) to (?:talk|speak|chat) (?:to|with) (?:[\w'-]+\s+){1,4}?about\s+|"
    # A line of a list that starts with the verb ("* Understand the path from line cook to sous chef").
    r"(?:(?<![^\n])|(?<=[.!?:]\s))[*•\-–]?\s*(?:understand|learn|figure out|find out|explore|discuss|ask about)\s+"
    r"(?:more\s+)?(?:about\s+)?"
)
_GOAL = (
    r"(?:i'?d (?:like|love) to|i want to|i wanna|i hope to|i'?m hoping to|i plan to|i'?m planning to|"
    r"i'?m trying to|i'?m looking to|my goal is to|i aim to|want to|hoping to|trying to|planning to|looking to)\s+"
    r"(?=(?:work|become|get into|break into|move into|transition into|switch into|switch to|move to|go into|"
    r"return to|get back into|go back to|start|open|launch|land|find|get|pursue|specialize|specialise)\b)"
)
_CUES: tuple[tuple[ConcernKind, re.Pattern[str]], ...] = (
    ("worry", re.compile(_WORRY, re.IGNORECASE)),
    ("learn", re.compile(_LEARN, re.IGNORECASE)),
    ("goal", re.compile(_GOAL, re.IGNORECASE)),
)
#: Something the seeker has heard and wants checked ("I've heard caseloads are insane", "Everyone says one-person
#: shops burn people out"): a worry, whose claim follows the match.
HEARSAY = re.compile(
    r"^(?:(?:and|but|also|plus|so)\s+)?(?:(?:i|we)(?:'?ve| have)?\s+(?:also\s+|always\s+|often\s+)?"
    r"(?:heard|hear|keep hearing|been told|read that|keep reading that)|(?:i|we)(?:'?ve| have)\s+(?:also\s+)?read"
    # "I've read hygienists get neck problems", not "I've read the book": a subject, then its verb.
    r"(?=\s+[\w'-]+\s+(?:[\w'-]+\s+)?(?:get|gets|are|is|have|has|make|makes|need|needs|can|can't|don't|doesn't|"
    r"will|won't|burn|quit|leave|earn)\b)"
    r"|(?:everyone|everybody|people)\s+"
    r"(?:says?|keeps? saying|tells? me)|heard)\s+(?:that\s+)?",
    re.IGNORECASE,
)
# A list of concerns after a heading ("My concerns: translating military experience, whether I need a degree, and
# whether the PMP is worth it"; "Questions: (1) … (2) …"): each item is a concern, whatever its commas hold.
_LIST_HEADER = re.compile(
    r"\b(?:(?:my|main|some|a few|the|other|big|biggest|key|two|three|few|real|specific)\s+)*(?:questions?|concerns?|"
    r"worries|qs|q'?s|q)\s*(?:are|is|i have)?\s*:\s*"
    # "Want to know: …", "wanna ask: …", "Things I want to ask: …", "Two things I keep getting stuck on: …".
    r"|(?<![\w'])(?:(?:i |i'?d |i would )?(?:(?:want|need|would like|'d like|like) to|wanna) "
    r"(?:know|ask|understand|find out)(?: about)?|(?:(?:two|three|a few|some|the|other) )?things i "
    r"(?:want|need|'d like|would like) to (?:know|ask)"
    r"(?: about)?|(?:(?:two|three|a few) )?things i keep getting stuck on)\s*:\s*",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(
    # Not before "which", "who", "when" or "if", which after a comma usually go on with the same item.
    r"\s*;\s*|\s*\((?:\d{1,2}|[a-h])\)\s*|(?<![^\s:])(?:\d{1,2}|[a-h])\)\s+|,\s*(?:and\s+|or\s+|also\s+)?(?:honestly\s+|lastly\s+|finally\s+)?"
    r"(?=(?:how|what|where|why|whether|"
    r"is|are|do|does|did|can|could|should|will|would|am)\b)",
    re.IGNORECASE,
)
# A question after the last comma of a sentence typed without its mark ("I wear glasses, is that an issue"): a
# verb and its subject, or "how/what" and a verb, so that ", which is fun" and ", did mostly hydraulics" are not.
_TAIL_QUESTION = re.compile(
    r"(?:is|are|was|were|does|do|did|can|could|should|will|would|isn't|aren't|doesn't)\s+(?:i|you|we|they|it|that|"
    r"this|there|the|a|an|my|your|people|most|anyone|someone)\b"
    r"|(?:how|what|whats|what's)\s+(?!(?:i|we)\b)(?:[\w'-]+\s+){0,2}?(?:is|are|do|does|did|can|should|will|would)\b"
    r"|how\s+(?:many|much|long|often)\b"
    # "whats the academy washout rate like really"; "union vs nonunion, which is actually better".
    r"|(?:whats|what's|hows|how's)\s+\w"
    r"|which\s+(?:one|ones|option|path|route|is (?:actually |really |usually )?(?:better|worse|easier|harder|smarter)|"
    r"would|should|pays)\b",
    re.IGNORECASE,
)
# Where a question typed without its mark can start after what the sentence said first: the last comma, a dash,
# or "so" ("I got a DUI in 2003 — does the board care", "i'm still on paper till 2026 so can i even work…").
_TAIL_BREAK = re.compile(r",\s+|\s+[—–-]+\s+|\s+so\s+(?=(?:is|are|can|could|do|does|will|would|should)\s)", re.I)
# A phrase that leads into the question after its comma ("with cookies going away, is this skill set obsolete?").
_LEAD_PHRASE = re.compile(r"(?:with|given|since|if|when|once|now that|as|because|after|before)\s", re.IGNORECASE)
# A question whose subject is what came before it ("…, is that a real risk").
_ASKS_ABOUT_IT = re.compile(
    r"(?:is|are|was|does|do|will|would|can|could|should)\s+(?:that|this|it|those|these)\b", re.IGNORECASE
)
_ASKS = re.compile(
    r"(?:how|what|whats|what's|when|where|which|who|why|is|are|do|does|did|can|could|should|will|would|am)\b", re.I
)
_ABOUT_SELF = re.compile(r"(?:i'?m|i am|i have|i've|i was|my \w+ (?:is|are|was))\b", re.IGNORECASE)
# A full stop typed without its space before a new sentence ("…is realistic.My knees…", "pay for it.And"): after a
# lower-case word (not "St.", "Mrs.", "D.Clin.", "Ph.D"), before a capitalised word, "I" or "A".
_JOINED_STOP = (
    r"(?<=(?-i:[a-z]{2}))(?<!(?-i:[A-Z][a-z]))(?<!(?-i:[A-Z][a-z]{2}))(?<!(?-i:[A-Z][a-z]{3}))"
    r"\.(?=(?-i:[A-Z][a-z]|[AI]\b))"
)
# A clause ends here: the object of a cue never runs past it.
_CLAUSE_END = re.compile(
    # A bracket does not end it ("the cost of flight training (around $100k) and whether airlines will hire…").
    # Nor does a full stop inside a word ("whether B.Ed is compulsory", "my M.Div won't count").
    # A "..." trailing off before a lower-case word does not end it either ("CRNA school and... honestly staying").
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\.)\.(?![A-Za-z0-9.])|(?<!\.)\.{2,}(?!\.)(?!\s+(?-i:[a-z]))|[;!?]"
    # "…is realistic.My knees…": a full stop typed without its space before a new sentence.
    + r"|"
    + _JOINED_STOP
    # "because of AI translation" is part of the clause, not a reason after it.
    + r"|,?\s+(?:but|because(?!\s+of\b)|since(?!\s+then\b)|although|though|so that|while|as well as)\s+|\s+-+\s+",
    re.I,
)
# Items of a list: commas and "and" (never "or": "residency or med-surg" is one choice).
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|&\s+)?|\s+and\s+(?:also\s+)?|\s+&\s+|\s+plus\s+", re.IGNORECASE)
# Pairs that "and" joins into one thing.
_BINOMIALS = re.compile(
    r"\b(?:pros and cons|research and development|health and safety|trial and error|supply and demand|"
    r"nuts and bolts|ins and outs|black and white|back and forth|q and a|r and d|diversity and inclusion|"
    r"work and life|time and money|salt and pepper|arts and crafts|food and beverage|oil and gas|"
    r"mergers and acquisitions|sales and marketing|hr and payroll|diversity, equity and inclusion|"
    r"(?:\w+) and (?:\w+) (?:work|jobs|roles|fields|industries|positions))\b",
    re.IGNORECASE,
)
# A line ends a sentence too: goals typed as a list ("- how do i get my first client") have no full stops.
# A full stop inside a word ("M.Ed", "3.5") or after a common abbreviation ("a postdoc vs. a VAP") ends nothing,
# nor does a trailing-off "..." before a lower-case word ("Deciding between CRNA school and... honestly staying"),
# nor a mark inside brackets ("what roles would use my skills (CFO, grants management?) and how big a pay cut");
# but a full stop typed without its space before a new sentence does ("…is realistic.My knees…").
_SENTENCE = re.compile(
    r"(?:\([^()\n]{0,160}\)|[^.!?\n]|(?!"
    + _JOINED_STOP
    + r")\.(?=[A-Za-z0-9])|\.{2,}(?=\s+(?-i:[a-z]))|(?<=\bvs)\.|(?<=\betc)\.(?=\s+[a-z])|(?<=\be\.g)\.|(?<=\bi\.e)\.|"
    r"(?<=\bdr)\.|"
    r"(?<=\bmr)\.|(?<=\bms)\.|(?<=\bmrs)\.|(?<=\bst)\.|(?<=\bapprox)\.|(?<=\b[A-Z]\.[A-Z])\.(?=\s+[a-z]))+"
    r"(?:[.!?]+|(?=\n)|$)|\n",
    re.IGNORECASE,
)
# A question typed without its question mark ("do i need quickbooks certification", "whats a fair rate").
_UNMARKED_QUESTION = re.compile(
    r"^(?:how|what|whats|what's|which|when|where|why|who)\s+(?!(?:i|we)\s+(?:want|need|really|would|'d|love|like|"
    r"hope|plan)\b)(?:is|are|was|do|does|did|can|could|should|would|will|much|many|long|often|kind|sort|type|"
    r"people|the|a|an|there|to)\b"
    # "how competitive is getting in", "what kind of hours do": a word or two, then the verb.
    r"|^(?:how|what|which)\s+(?!(?:i|we)\b|[\w'-]+\s+me\b)[\w'-]+(?:\s+of)?(?:\s+[\w'-]+)?\s+(?:is|are|do|does|did|can|should|will|would)\s"
    # "is CPSM worth $1k out of pocket", "does she ever get a full night's sleep": few statements start so.
    r"|^(?:is|are|was|were|do|does|did|can|should|isn't|aren't|doesn't|don't|shouldn't)\s+(?!not\b)\w"
    # "Would love feedback", "Could use advice": only with a subject that asks.
    r"|^(?:could|would|will|won't|has|have|am)\s+(?:i|you|we|they|it|there|people|most|the|a|an|my|this|that|new|"
    r"employers|companies|firms|anyone|it's)\b"
    # "what happens with kosher food on a ship", "would doing unpaid nonprofit projects help".
    r"|^what\s+happens\s+(?:to|with|if|when|after)\b|^(?:would|could|will|does|is)\s+(?!\w+ing\s+(?:to|on)\b)\w+ing\s+\w",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "about",
        "my",
        "me",
        "i",
        "i'm",
        "im",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "be",
        "been",
        "do",
        "does",
        "did",
        "how",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "whether",
        "if",
        "also",
        "just",
        "really",
        "so",
        "some",
        "any",
        "more",
        "most",
        "much",
        "very",
        "can",
        "could",
        "would",
        "should",
        "will",
        "get",
        "getting",
    ]
)
# A question clause that starts here begins a new question ("... and how do people advance?"); not a verb with
# no subject of its own ("Should I try PE license or is not needed?" is one question).
_QUESTION_START = re.compile(
    r"\s+(?:and|or|also|plus)\s+(?=(?:how|what|when|where|which|who|why|is|are|do|does|did|should|can|could|"
    r"would|will|has|have)\b(?!\s+not\b))",
    re.IGNORECASE,
)
#: A fact about the seeker, however short ("I'm on an F-1 visa.", "also im 52", "I have ADHD and I can't tell
#: whether…"): a statement a question may speak to, even in a sentence whose other words are a concern.
_FACT = re.compile(
    r"^(?:i'?m|im|i am|i have|i've|ive|i had|i was|i still|i get|i can'?t|i cannot|i don'?t have|i've got|my|"
    r"we'?re|we are|we have|we've)\b",
    re.IGNORECASE,
)
#: Where facts left over around a sentence's concerns part: after a colon ("I'm excited but anxious: my CAD
#: skills are a decade old, I've let my license lapse"), or where a clause with its own first-person subject starts.
_FACT_BREAK = re.compile(
    r":\s+|,\s*(?:and\s+|but\s+)?(?=(?:i|i'm|i've|my|we)\b)|\s+(?:and|but|so)\s+(?=(?:i|i'm|i've|my|we)\b)",
    re.IGNORECASE,
)
#: A reason a concern's clause ended on ("…what setup you need because I see people spending thousands on booths"):
#: what follows may state a fact too.
_REASON = re.compile(
    r"^(?:because|since|cause|cuz|bc|as)\s+(?!(?:then|of|to|for|in|on|at|with|well|far|long|soon)\b)", re.IGNORECASE
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|isn't|aren't|wasn't|don't|doesn't|didn't|can't|won't|have|has|had|looks|seems)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(r"^(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|dear|greetings)\b", re.IGNORECASE)
_FACT_TAIL = re.compile(r"[\s,;:]+(?:and|but|so|or|because|since|which|that)$", re.IGNORECASE)
# A sentence that starts with a list's numbering ("(2) how does…", "3) is it…").
_NUMBERING = re.compile(r"\s*[*•\-–]?\s*\(?(?:\d{1,2}|[a-h])\)\s*", re.IGNORECASE)
# A list's numbering before an item ("1) does my military experience help", "2. how the age cutoff works").
_LIST_MARK = re.compile(r"(?:\d{1,2}[).]|[a-h]\))\s+(?=[A-Za-z])", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:also|and|but|plus|so|oh|ok|okay|well|basically|honestly|genuinely|seriously|lastly|finally|then|hi|hey|"
    r"hello)[,:]?\s+",
    re.I,
)
# The object of a cue that points back to what the sentence said before it ("… and I want to know what that
# schedule really looks like", "… and I don't know if that's enough", "what reactivating it involves", "how people
# cover rent for two years of that"): alone it does not say what it is about.
_POINTS_BACK = re.compile(
    r"\b(?:if|whether|how|why|when|what|where)\s+(?:that|this|it|those|these)\b(?!\s+(?:is|was|would be)\s+"
    r"(?:possible|common|normal|realistic|worth|hard|easy|better|usual|typical|true|likely|ok|okay|too)\b)"
    r"|\b\w+ing\s+(?:it|them)\b|\b(?:of|with|about|for|from|on|like|in)\s+(?:that|this|it|them)\s*[?.!]*$"
    # "no idea how to explain that on an application".
    r"|\b(?:explain|handle|address|justify|describe|present|frame|mention|disclose)\s+(?:that|this|it|them)\b",
    re.IGNORECASE,
)


class Concern(BaseModel):
    """One thing the seeker wants to learn or worries about, as they wrote it.

    ``text`` is the exact span ``goals[start:end]``; ``kind`` says how it was stated (a question, a worry,
    something to learn, a goal); ``sentence`` is the whole sentence it came from.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    kind: ConcernKind
    sentence: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _FILLER]


def _trim(goals: str, start: int, end: int) -> _Span:
    """Shrink a span to its words: no surrounding spaces, commas, quotes, list numbering or lead-in fillers."""
    while start < end and not goals[start].isalnum():
        start += 1
    while end > start and goals[end - 1] in " ,;:-–—'\"“”)(\t\n":
        if goals[end - 1] == ")" and goals.count("(", start, end) >= goals.count(")", start, end):
            break  # "whether I need a degree (I have some college)" keeps its bracket
        end -= 1
    trailing = re.search(r"\s*(?:\.{2,}|…)$", goals[start:end])  # "pay... and whether it's enough"
    if trailing and trailing.start() > 0:
        end = start + trailing.start()
    mark = _LIST_MARK.match(goals, start, end)
    if mark and mark.end() < end:
        start = mark.end()
    lead = _LEAD_IN.match(goals[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    return _Span(start, end)


def _is_fact(text: str) -> bool:
    """A first-person fact that says something: two words besides the filler ("I have ADHD"), or a number ("im
    52"); not "I'm excited"."""
    return bool(_FACT.match(text)) and (len(_content_words(text)) >= 2 or any(ch.isdigit() for ch in text))


def _leftovers(goals: str, start: int, end: int, listing: bool) -> list[tuple[ConcernKind, _Span]]:
    """What a sentence's concerns and cues left over in ``goals[start:end]``: facts about the seeker and, after a
    concern to answer (``listing``), more of its list ("… because I see people spending thousands on booths and
    also how you find an agent and whether audiobook narration pays anything at all")."""
    cuts = list(_WH_SPLIT.finditer(goals, start, end)) if listing else []
    out: list[tuple[ConcernKind, _Span]] = list(_facts(goals, start, cuts[0].start() if cuts else end))
    for n, cut in enumerate(cuts):
        span = _trim(goals, cut.end(), cuts[n + 1].start() if n + 1 < len(cuts) else end)
        span = _Span(span.start, span.start + len(goals[span.start : span.end].rstrip(".!")))
        if len(_content_words(goals[span.start : span.end])) >= 2:
            out.append(("learn", span))
    return out


def _facts(goals: str, start: int, end: int) -> list[tuple[ConcernKind, _Span]]:
    """The facts about the seeker in ``goals[start:end]``, text a sentence's concerns and cues left over: a
    statement, or a worry when it says what the seeker has heard."""
    out: list[tuple[ConcernKind, _Span]] = []
    at = start
    bounds = [(m.start(), m.end()) for m in _FACT_BREAK.finditer(goals, start, end)]
    for piece_end, next_start in [*bounds, (end, end)]:
        span = _trim(goals, at, piece_end)
        at, heading = next_start, ":" in goals[piece_end:next_start]
        if heading:
            continue  # "I'm excited but anxious:" leads into the facts; it is none
        reason = _REASON.match(goals[span.start : span.end])
        if reason:
            span = _trim(goals, span.start + reason.end(), span.end)
        tail = _FACT_TAIL.search(goals, span.start, span.end)
        if tail:
            span = _trim(goals, span.start, tail.start())
        span = _Span(span.start, span.start + len(goals[span.start : span.end].rstrip(".!")))
        text = goals[span.start : span.end]
        if span.end <= span.start:
            continue
        if HEARSAY.match(text):
            out.append(("worry", span))  # "because I heard many banks don't sponsor graduates anymore"
        elif _is_fact(text) or (
            reason and (len(_content_words(text)) >= 3 or (len(_content_words(text)) >= 2 and _FINITE.search(text)))
        ):
            out.append(("statement", span))  # "because NEBOSH is very expensive for me"
    return out


def _items(goals: str, start: int, end: int) -> list[_Span]:
    """Split the object of a cue into list items ("burnout and night shifts" → two)."""
    text = goals[start:end]
    protected = [(m.start(), m.end()) for m in _BINOMIALS.finditer(text)]
    protected += [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]  # "(mom and dad)" is one item
    # "the examiner role because of the remote work and stability": the reason's list is not the concern's.
    protected += [(m.start(), len(text)) for m in re.finditer(r"\bbecause of\b", text, re.IGNORECASE)]
    # "the difference between retail and hospital pharmacy work": one thing compared with another, one item.
    protected += [(m.start(), m.end()) for m in re.finditer(r"\bbetween\s+[^,;]+?\s+and\s", text, re.IGNORECASE)]
    pieces: list[_Span] = []
    at = 0
    for sep in _LIST_SPLIT.finditer(text):
        if any(a <= sep.start() < b for a, b in protected):
            continue
        pieces.append(_Span(start + at, start + sep.start()))
        at = sep.end()
    pieces.append(_Span(start + at, end))
    items = [_trim(goals, p.start, p.end) for p in pieces]
    # A list item with no content word of its own ("and so on") joins its neighbour.
    if len(items) > 1 and any(not _content_words(goals[i.start : i.end]) for i in items):
        return [_trim(goals, start, end)]
    return [i for i in items if i.end > i.start]


_PREPOSITION_END = re.compile(r"\b(?:about|of|by|over|on|with|for|in):?\s*$", re.IGNORECASE)
_WH_START = re.compile(r"\s*(?:whether|if|how|what|which|when|where|why|who)\b", re.IGNORECASE)
# "what PAs do day-to-day, how admissions work, and whether I should take a gap year": three.
_WH_SPLIT = re.compile(
    # "…, also whether", "…, and honestly whether": a word may stand between the joiner and the question word.
    r",?\s+(?:and|or|plus|also)\s+(?:(?:also|honestly|maybe|then|even)\s+)?"
    r"(?=(?:whether|if|how|what|which|when|where|why|who)\b)|,\s+(?=(?:whether|how|what|where|why)\b)",
    re.I,
)


def _clauses(goals: str, start: int, end: int) -> list[_Span]:
    spans, at = [], start
    for cut in _WH_SPLIT.finditer(goals, start, end):
        spans.append(_trim(goals, at, cut.start()))
        at = cut.end()
    spans.append(_trim(goals, at, end))
    return [s for s in spans if s.end > s.start]


def _clause_end(goals: str, start: int, limit: int) -> int:
    for match in _CLAUSE_END.finditer(goals, start, limit):
        # A mark inside brackets ends nothing: "what certs (ETCP? SPRAT?) should I get first".
        if goals.count("(", start, match.start()) <= goals.count(")", start, match.start()):
            return match.start()
    return limit


def _sentences(goals: str) -> list[_Span]:
    spans = [_Span(m.start(), m.end()) for m in _SENTENCE.finditer(goals) if goals[m.start() : m.end()].strip()]
    return spans[:MAX_SENTENCES]


def _question_spans(goals: str, sentence: _Span) -> list[_Span]:
    """A question sentence, split where a second question starts ("…, and how do people advance?", "how to pass,
    do i need paramedic to be competitive, how long the list takes")."""
    text = goals[sentence.start : sentence.end]
    cuts = sorted([*_QUESTION_START.finditer(text), *_comma_questions(text)], key=lambda m: m.start())
    spans, at = [], 0
    for cut in cuts:
        spans.append(_Span(sentence.start + at, sentence.start + cut.start()))
        at = cut.end()
    spans.append(_Span(sentence.start + at, sentence.end))
    return [s for s in (_trim_question(goals, s) for s in spans) if len(_content_words(goals[s.start : s.end])) >= 1]


# A second question after a comma: a question word and a verb, or a verb and its subject ("What are the real
# chances, how do they pay", "how to pass, do i need paramedic").
_COMMA_QUESTION = re.compile(
    r",\s+(?=(?:how|what|whats|what's|when|where|which|who|why)\s+(?:[\w'-]+\s+){0,2}?(?:is|are|do|does|did|can|"
    r"could|should|will|would|to|long|much|many|often)\b"
    r"|(?:is|are|do|does|did|can|could|should|will|would)\s+(?:i|you|we|they|it|there|people|most|the|a|an|my)\b)",
    re.IGNORECASE,
)


# "When you started, …": a clause that leads into the question, not a question of its own ("When do people…" is).
_SUBORDINATE = re.compile(
    r"(?:when|if|since|once|as|because|after|before|while)\s+(?!(?:is|are|do|does|did|can|could|should|will|would)\b)",
    re.IGNORECASE,
)


def _comma_questions(text: str) -> list[re.Match[str]]:
    """The comma cuts of ``_COMMA_QUESTION`` that leave a question before them: not after a statement ("The
    program takes 20 months, can I do it at night?" asks about it), a lead-in ("When you started, how did you
    find clients?"), a phrase too short to ask anything ("Is it worth it, how long does it take?") or before a
    question about it ("How do people get hired, is it all contract work now?")."""
    cuts, at = [], 0
    for cut in _COMMA_QUESTION.finditer(text):
        before = text[at : cut.start()].strip(" -–—*•")
        if (
            not _ASKS.match(before)
            or _SUBORDINATE.match(before)
            or len(_content_words(before)) < 2
            or _ASKS_ABOUT_IT.match(text, cut.end())  # "…, is it all contract work now" asks about the first
        ):
            continue
        cuts.append(cut)
        at = cut.end()
    return cuts


def _trim_question(goals: str, span: _Span) -> _Span:
    trimmed = _trim(goals, span.start, span.end)
    end = trimmed.end
    while end > trimmed.start and goals[end - 1] in ".!":  # "what is the civil service test like."
        end -= 1
    # Keep the question mark: it is part of how the seeker asked.
    if end < len(goals) and goals[end] == "?":
        end += 1
    return _Span(trimmed.start, end)


def _after(goals: str, span: _Span, goal_spans: list[_Span]) -> _Span:
    """A question span without the goal it starts with: "I want to move into robotics, but do robotics companies
    hire a 50-year-old engineer" → "do robotics companies hire a 50-year-old engineer"."""
    for goal in goal_spans:
        if goal.start <= span.start < goal.end < span.end:
            rest = _trim(goals, goal.end, span.end)
            lead = re.match(r"(?:but|and|so|yet)\s+", goals[rest.start : rest.end], re.IGNORECASE)
            rest = _Span(rest.start + (lead.end() if lead else 0), span.end)
            if _content_words(goals[rest.start : rest.end]):
                return rest
    return span


def _listed(goals: str, header: re.Match[str], end: int) -> list[tuple[ConcernKind, _Span]]:
    """The items of a list after a heading, each a concern: a question when it asks one, a statement when it
    says something about the seeker ("I'm type 2 diabetic on insulin"), else a worry or something to learn as
    the heading says."""
    worries = bool(re.search(r"concern|worr", header.group(0), re.IGNORECASE))
    found: list[tuple[ConcernKind, _Span]] = []
    at = header.end()
    lead: _Span | None = None
    for cut in [*_LIST_ITEM.finditer(goals, header.end(), end), None]:
        stop = cut.start() if cut else end
        span = _trim_question(goals, _Span(at, stop))
        at = cut.end() if cut else end
        text = goals[span.start : span.end]
        if span.end <= span.start or not _content_words(text):
            continue
        if lead is not None:
            # "with third-party cookies going away, is this skill set obsolete?": the lead-in belongs to the question.
            span, text, lead = _Span(lead.start, span.end), goals[lead.start : span.end], None
        elif cut is not None and cut.group(0).lstrip().startswith(",") and _LEAD_PHRASE.match(text):
            lead = span
            continue
        kind: ConcernKind
        if text.endswith("?") or _ASKS.match(text):
            kind = "question"
        elif HEARSAY.match(text):
            kind = "worry"  # "(3) I've heard Nashville runs on who-you-know": to be checked
        elif _ABOUT_SELF.match(text):
            kind = "statement"
        else:
            kind = "worry" if worries else "learn"
        found.append((kind, span))
    if lead is not None:  # a lead-in with no question after it is an item of its own
        found.append(("worry" if worries else "learn", lead))
    return found


# Words that may stand before a bare "need to know", "want to learn": the seeker's own cue ("Also want to know",
# "really need to understand"); after any other word someone else needs it ("floor people need to know every
# regular by name").
_BARE_CUE = re.compile(r"(?:need|want|wanna|trying|hoping|would)\b", re.IGNORECASE)
_BEFORE_BARE_CUE = frozenset(
    [
        "and",
        "also",
        "so",
        "but",
        "really",
        "just",
        "still",
        "i",
        "i'm",
        "im",
        "i'd",
        "id",
        "i've",
        "we",
        "we're",
        "we'd",
        "plus",
        "mainly",
        "mostly",
        "especially",
        "then",
        "honestly",
        "actually",
        "definitely",
        "seriously",
        "would",
        "def",
        "most",
    ]
)


def _cue(pattern: re.Pattern[str], goals: str, start: int, end: int) -> re.Match[str] | None:
    """The first match of the learning cue ``pattern`` in ``goals[start:end]`` that is the seeker's own."""
    at = start
    while at < end:
        match = pattern.search(goals, at, end)
        if match is None:
            return None
        window = goals[max(start, match.start() - 40) : match.start()]
        before = re.findall(r"[A-Za-z']+", window)
        if not (
            _BARE_CUE.match(match.group(0))
            and before
            and re.search(r"[A-Za-z]\s+$", window)
            and before[-1].lower() not in _BEFORE_BARE_CUE
        ):
            return match
        at = match.start() + 1
    return None


def _numbered(goals: str, sentence: _Span) -> re.Match[str] | None:
    """The numbering a sentence starts with when a later item is numbered too ("(2) how does sync licensing make
    money (3) I've heard Nashville runs on who-you-know", after "(1) …?" ended a sentence): read as a list."""
    first = _NUMBERING.match(goals, sentence.start, sentence.end)
    if first and any(re.search(r"\w\)", m.group(0)) for m in _LIST_ITEM.finditer(goals, first.end(), sentence.end)):
        return first
    return None


def _asks_alone(text: str) -> bool:
    """A question by its own shape: a question mark, or how an unmarked question starts ("do consulting firms…"),
    not a statement that starts with "when" ("when our dog was put to sleep…")."""
    return text.endswith("?") or bool(_UNMARKED_QUESTION.match(text))


def context_split(text: str) -> tuple[str, str] | None:
    """A concern read with the clause it points back to, as ``(context, object)``: "My ROS and Python are
    self-taught and I don't know if that's enough" → ("My ROS and Python are self-taught", "if that's enough");
    ``None`` for a concern that stands alone."""
    # One space between words: the strings are for writing, and a long run of spaces would make the patterns
    # below backtrack for seconds.
    text = " ".join(text.split())
    for _, pattern in _CUES:
        for match in pattern.finditer(text):
            head, tail = text[: match.start()], text[match.end() :]
            if match.start() > 0 and len(_content_words(head)) >= 3 and _POINTS_BACK.search(tail):
                # "I'm red-green colorblind and I've been [wondering …]": the subject of the cue is not context.
                head = re.sub(
                    r"(?:,?\s*\b(?:and|but|so)\b)?\s*(?:\bi(?:'ve| have)?\s+been|\bi'?m|\bi am|\bi)?\s*,?\s*$",
                    "",
                    head,
                    flags=re.IGNORECASE,
                )
                return head, tail.strip()
    return None


#: A concern this long is also matched clause by clause (``concern_views``), with at most ``MAX_VIEWS`` clauses
#: (bounded work on a long run of commas; no benchmark concern has more than 8).
VIEW_MIN_WORDS = 10
MAX_VIEWS = 8
#: Where a long concern's clauses part: a reason, a contrast, a dash, a colon, a question mark, "so I want…".
_VIEW_BREAK = re.compile(
    r",?\s+(?:so|since|because|as|but|although|though|while|which)\s+(?=\w)|\s+[—–-]+\s+|[:;?]\s+|,\s+",
    re.IGNORECASE,
)


def concern_views(text: str) -> list[str]:
    """The clauses of a long concern, each matched on its own as well as the whole: "I've heard a lot about burnout
    and staffing on labour wards at the moment, so I want an honest picture" is about "burnout and staffing on
    labour wards at the moment", which a question matches far better than the whole. What the seeker heard is
    also read without "I've heard". ``[]`` for a concern under ``VIEW_MIN_WORDS`` words."""
    if len(text.split()) < VIEW_MIN_WORDS:
        return []
    views: list[str] = []
    at = 0
    for cut in [*_VIEW_BREAK.finditer(text), None]:
        piece = text[at : cut.start() if cut else len(text)].strip(" ,;:-–—?.!")
        at = cut.end() if cut else len(text)
        heard = HEARSAY.match(piece)
        if heard:
            piece = piece[heard.end() :].strip()
        if len(_content_words(piece)) >= 2 and piece != text:
            views.append(piece)
    return list(dict.fromkeys(views))[:MAX_VIEWS]


def extract_concerns(goals: str) -> list[Concern]:
    """The concerns in ``goals``, in the order written, at most ``MAX_CONCERNS``.

    Returns ``[]`` for goals with no cue and no question (context only); see the module docstring.
    """
    typed = plain_typing(goals)
    found = _extract(typed)
    if typed == goals:
        return found
    # The rules read plain typing; each concern keeps the seeker's exact text (one character for one, so its
    # offsets are the same in both).
    return [c.model_copy(update={"text": goals[c.start : c.end]}) for c in found]


def _extract(goals: str) -> list[Concern]:
    found: list[Concern] = []
    for sentence in _sentences(goals):
        sentence_text = " ".join(goals[sentence.start : sentence.end].split())
        spans: list[tuple[ConcernKind, _Span]] = []
        header = _LIST_HEADER.search(goals, sentence.start, sentence.end) or _numbered(goals, sentence)
        listed = _listed(goals, header, sentence.end) if header else []
        if len(listed) == 1 and _asks_alone(goals[listed[0][1].start : listed[0][1].end]):
            pass  # "main q: do consulting firms this size sponsor H-1B": one question after its heading
        elif len(listed) < 2:
            # "Honest question: when our dog was put to sleep I couldn't stop crying…" is no list: read it whole.
            header, listed = None, []
        cue_end = header.start() if header else sentence.end
        at = sentence.start
        cued: list[_Span] = []  # the cue phrases themselves ("I'm worried about"): never a fact
        while at < cue_end:
            best: tuple[int, ConcernKind, re.Match[str]] | None = None
            for kind, pattern in _CUES:
                match = _cue(pattern, goals, at, cue_end) if kind == "learn" else pattern.search(goals, at, cue_end)
                if match and match.end() > match.start() and (best is None or match.start() < best[0]):
                    best = (match.start(), kind, match)
            if best is None:
                break
            _, kind, match = best
            cued.append(_Span(match.start(), match.end()))
            end = _clause_end(goals, match.end(), cue_end)
            # The next cue ("… and wondering if …") starts a concern of its own.
            following = [
                m.start() for _, p in _CUES if (m := p.search(goals, match.end(), end)) and m.end() > m.start()
            ]
            if following:
                end = min(following)
                joiner = re.search(r"(?:,?\s*(?:and|but|also|plus)\s*|,\s*)$", goals[match.end() : end], re.I)
                end = match.end() + (joiner.start() if joiner else end - match.end())
            object_text = goals[match.end() : end]
            if kind == "goal":
                items = [_trim(goals, match.start(), end)] if _content_words(object_text) else []
            elif re.match(r"\s*how to\b", object_text, re.I):
                items = _items(goals, match.end(), end)  # "how to price bids, handle cash flow and know when to hire"
            elif not _PREPOSITION_END.search(match.group(0)) or _WH_START.match(object_text):
                # A clause ("that my gap will hurt me", "whether to do a residency") is one concern, unless a
                # second one starts ("what the pay looks like and how people advance").
                items = _clauses(goals, match.end(), end)
            else:
                items = _items(goals, match.end(), end)
            items = [s for s in items if _content_words(goals[s.start : s.end])]
            if (
                items
                and kind != "goal"
                and not spans
                and _POINTS_BACK.search(goals[items[0].start : items[0].end])
                and len(_content_words(goals[at : match.start()])) >= 3
            ):
                # The clause it points back to is part of the concern: "My ROS and Python are self-taught and I
                # don't know if that's enough" is about the self-taught skills, not about "that". Of several items,
                # the first takes it ("…an externship, but I have no idea when those applications open or what…").
                items = [_Span(_trim(goals, at, match.start()).start, items[0].end), *items[1:]]
            spans += [(kind, s) for s in items]
            at = max(end, match.end()) if not following else max(min(following), match.end())
        spans += listed
        whole = _trim(goals, sentence.start, sentence.end)
        text = goals[whole.start : whole.end]
        # "my position is grant funded and ends in Sept, how do people deal with jobs disappearing": the question
        # after the last comma makes it one.
        breaks = list(_TAIL_BREAK.finditer(text))
        last = text[breaks[-1].end() :] if breaks else text
        tail_asks = last != text and len(last.split()) >= 3 and bool(_TAIL_QUESTION.match(last))
        is_question = (
            goals[sentence.start : sentence.end].rstrip().endswith("?")
            or bool(_UNMARKED_QUESTION.match(text))
            or tail_asks
        )
        if is_question and not listed and not any(k != "goal" for k, _ in spans):
            goal_spans = [s for k, s in spans if k == "goal"]
            tail = whole.start + breaks[-1].end() if tail_asks else None
            if (
                goal_spans
                and tail is not None
                and all(g.start < tail for g in goal_spans)
                and not goals[sentence.start : sentence.end].rstrip().endswith("?")
            ):
                # "I'd like to specialize in older adults, is there enough work in that": the goal, then the
                # question after the comma.
                question = _trim_question(goals, _Span(tail, whole.end))
                asked = goals[question.start : question.end]
                if _POINTS_BACK.search(asked) or _ASKS_ABOUT_IT.match(asked):
                    # "…, is there enough work in that" asks about the goal: one question, the goal with it.
                    goal_spans, question = [], _trim_question(goals, whole)
                goal_spans = [_trim(goals, g.start, min(g.end, tail)) for g in goal_spans]
                questions = [question]
            else:
                questions = [_after(goals, s, goal_spans) for s in _question_spans(goals, sentence)]
            spans = [("goal", s) for s in goal_spans] + [("question", s) for s in questions]
        if spans:
            # What the concerns and their cues leave of the sentence may state a fact the concern turns on: "Also
            # I have ADHD and I can't tell whether 80 dials a day would suit me".
            at, listing = whole.start, False
            marks: list[tuple[_Span, str]] = [(s, k) for k, s in spans] + [(c, "cue") for c in cued]
            for taken, what in sorted(marks, key=lambda m: m[0].start):
                if taken.start > at:
                    spans += _leftovers(goals, at, taken.start, listing)
                at = max(at, taken.end)
                listing = what in ("question", "worry", "learn")
            if at < whole.end:
                spans += _leftovers(goals, at, whole.end, listing)
        for kind, span in spans:
            if span.end <= span.start:
                continue
            text = goals[span.start : span.end]
            if any(c.start <= span.start < c.end or span.start <= c.start < span.end for c in found):
                continue
            found.append(Concern(text=text, start=span.start, end=span.end, kind=kind, sentence=sentence_text))
    # A sentence with no cue that still says something about the seeker's situation ("I have a misdemeanor from
    # when I was 19.") is kept whole as a statement: it may still find a question that speaks to it. One that
    # says what the seeker has heard ("I've heard caseloads are insane.") is a worry: they want it checked.
    for sentence in _sentences(goals):
        span = _trim(goals, sentence.start, sentence.end)
        text = goals[span.start : span.end].rstrip(".!")
        # "Also whether telehealth-only is viable.": a clause to learn about, typed as a sentence of its own.
        # A bare "if" only after "also" or "and": "If I get in, I'll move" is a condition, not a question.
        raw = goals[sentence.start : sentence.end].lstrip(" \t\n-•*")
        asks = (
            bool(re.match(r"whether\b", text, re.I) or re.match(r"(?:also|and|plus),?\s+if\b", raw, re.I))
            and len(_content_words(text)) >= 1
        )
        if (
            (len(_content_words(text)) < 3 and not _is_fact(text) and not asks)
            or (_GREETING.match(text) and len(text.split()) <= 4)
            or any(c.start < span.end and span.start < c.end for c in found)
        ):
            continue
        found.append(
            Concern(
                text=text,
                start=span.start,
                end=span.start + len(text),
                kind="learn" if asks else "worry" if HEARSAY.match(text) else "statement",
                sentence=" ".join(text.split()),
            )
        )
    found.sort(key=lambda c: c.start)
    # Questions and worries first when there are too many: they are what the seeker most wants answered.
    if len(found) > MAX_CONCERNS:
        priority = {"question": 0, "worry": 0, "learn": 1, "goal": 2, "statement": 3}
        keep = sorted(range(len(found)), key=lambda i: (priority[found[i].kind], i))[:MAX_CONCERNS]
        found = [found[i] for i in sorted(keep)]
    return found
