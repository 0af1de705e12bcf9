"""Questions written from the seeker's own words, for concerns the bank does not answer or answers unsurely.

"Does being bilingual in Cantonese help?" has no question in any bank; the seeker's own words make one,
addressed to the interviewee. The rules are few and plain (no generative model, nothing downloaded):

- a concern stated as a question is kept, turned to the interviewee ("Should I do X or Y first?" →
  "In your view, should I do X or Y first?"; "Does being bilingual help?" → "Does being bilingual help in your
  work?");
- a worry becomes a question about how people in the interviewee's work handle it ("burnout" →
  "How do people in your line of work handle burnout?"); a worry that is a clause is asked as one ("my age will
  count against me", "the market is saturated" → "Do you think the market is saturated?"); a long one is put as
  advice ("What would you say to someone worried about going back to irregular self-employed income?");
- a choice the seeker cannot make is put to the interviewee ("I can't decide between law enforcement and
  interpretive ranger tracks" → "How would you choose between law enforcement and interpretive ranger tracks?");
- something the seeker has heard is put to the interviewee to check ("I've heard caseloads are insane" → "Is it
  true that caseloads are insane?");
- something to learn becomes a request for advice ("how to price bids without underbidding" → "What advice
  do you have on how to price bids without underbidding?");
- the second half of an either-or keeps its first half ("…, or do I stay with the table saw?" → "Is a CNC
  router worth financing, or do I stay with the table saw?"): alone it would not say what it is weighed against.

A question whose words point back to the clause before it in the span keeps that clause ("My Merchant Mariner
Credential expired in 2021, so what does it take to reinstate it?"); so does a worry or something to learn that
the reader took with the clause it points back to ("My ROS and Python are self-taught and I don't know if that's
enough" → "My ROS and Python are self-taught: do you think that's enough?"). A concern whose words point outside
its span ("is that rare?", "reinstate it") or whose subject lies outside it ("will make a security clearance hard")
is left unwritten rather than garbled.

Every written question is checked by the etiquette guard before it is offered.
"""

from __future__ import annotations

import re

from infoquest.concerns import HEARSAY, Concern, context_split
from infoquest.typography import plain_typing

#: Written questions longer than this read badly; the concern is then left unanswered rather than garbled.
MAX_WORDS = 30
#: Nor is a question under this many words written ("FL?" from "(TX? FL?)" says nothing on its own).
MIN_WORDS = 3

_VERB_START = re.compile(
    r"^(?:get|getting|find|finding|handle|handling|know|knowing|price|pricing|set|setting|build|building|"
    r"make|making|balance|balancing|deal|dealing|manage|managing|choose|choosing|break|breaking|move|moving|"
    r"switch|switching|start|starting|prepare|preparing|negotiate|negotiating|explain|explaining|land|landing|"
    r"grow|growing|keep|keeping|avoid|avoiding|stand|standing|network|networking|pass|passing|transition|"
    r"transitioning|return|returning|become|becoming|work|working|learn|learning|write|writing|pay|paying|"
    r"hire|hiring|apply|applying|stay|staying|cope|coping|figure|figuring|decide|deciding|earn|earning)\b(?!-)",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    r"^(?:how|what|when|where|which|who|why|is|are|do|does|did|can|could|would|will|should|has|have)\b", re.I
)
# A verb, so a question with "vs" is more than a list of options ("which one pays better").
_VERB = re.compile(
    # "Sony vs Canon doesn't matter right??" says something about the pair: no bare comparison.
    r"\b(?:is|are|was|were|do|does|did|can|could|should|would|will|pays?|makes?|better|worse|need|get|matters?)\b"
    r"|\w+n't\b",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(r"^(?:is|are|do|does|did|can|could|would|will|should|has|have)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"^(?:whether|if)\s+", re.IGNORECASE)
_SHOULD_I = re.compile(r"^should i\b", re.IGNORECASE)
# Words that point back to something the concern's span left out ("Do you think that's true?", "how that works
# with DOT testing", "make that jump", "see that as a conflict", "reactivating it", "how to bring it up", "is it all
# twenty-somethings?", "is that rare?").
_DANGLING = re.compile(
    r"\b(?:them|that's|those|these|her|him|she|he|they're)\b|\b(?:that|this)[?.!]*$"
    # "ptsd from that", "dealing with that criticism", "carry that home": what "that" is lies outside the span.
    r"|\b(?:from|with|about|over|after|carry|carrying)\s+(?:that|this)\b(?!\s+(?:is|are|was|were|i|you|we|they|he|she|"
    r"the|a|an|my|your|there)\b)"
    # "find work after", "how long is the Ausbildung if not", "which to start w", "start one", "that split".
    r"|\b(?:after|if not|w|with)\s*[?.!]*$|\b(?:start|open|get|find|buy)\s+one\b"
    # "what's involved in getting it back", "how long it takes", "how long it take to prepare for it": what "it" is
    # lies outside ("how long it takes to reach 225 wpm" says).
    r"|\bgetting\s+it\s+back\b|^how\s+long\s+it\s+takes?\b(?!\s+to\b)|\bto\s+(?:prepare|study|apply|train|qualify)\s+for\s+it\s*$"
    # "what they look for", "how they hire": asked as "Could you tell me what they look for?", "they" names nobody.
    r"|^(?:what|how|when|where|why|who|which)\s+they\b(?!'re)"
    # "what companies hire for this in Argentina": "this" stands for the field the span left out.
    r"|\b(?:for|into|in|about|with)\s+this\s+(?:in|at|here|there|without|if|when)\b"
    r"|\bthat\s+(?:split|part|route|path|option|one)\b"
    # "how true that is": what "that" is lies outside the span.
    r"|\bhow\s+\w+\s+(?:that|this)\s+(?:is|was|would be)\b"
    r"|\b(?:how|why|when|if)\s+(?:that|this|it)\b(?!(?:'s|\s+is)\s+(?:too|worth|possible|hard|easy|realistic|normal|"
    r"common|better)\b)"
    r"|\b(?:make|see|do|handle|take|get|reactivate|reactivating|renew|renewing|reinstate|reinstating|transfer|transferring|use|using|"
    r"bring|bringing|raise|raising|mention|mentioning|disclose|disclosing|explain|explaining|address|addressing)"
    r"\s+(?:that|this|it)\b(?!\s+(?:to|for|the|year|month|week|summer|fall|spring|winter|semester|term|time|way)\b)"
    r"|^(?:is|was|does|did|will|would|can|could)\s+it\s+(?!(?:be\s+(?:smarter|better|wiser|worth|possible|realistic|easier|harder|"
    r"a mistake|a bad idea|a good idea)|worth|possible|common|hard|easy|normal|realistic|better|"
    r"smarter|smart|wise|ok|okay|usual|typical|necessary|too|true|likely|unusual|rare|risky|frowned|looked|seen|"
    r"difficult|tough|safe|legal|allowed|expected|required|fair|reasonable|weird|strange|bad|crazy|late|early)\b)"
    # "Is it crazy?", "Is it too risky?" say nothing about what.
    r"|^(?:is|was|does|did|will|would|can|could)\s+it\s+(?:too\s+|very\s+|really\s+|so\s+)?\w+\s*[?.!]*$"
    # "Is that rare in this industry?" points back; "Is this field growing?" names its subject.
    r"|^(?:is|was|does|did|will|would|can|could)\s+(?:that|this)\s+(?!(?:field|industry|job|role|work|career|path|"
    r"company|program|degree|certificate|certification|license|kind|type|sort|trade|sector|area|specialty|line)\b)",
    re.I,
)
# Chatty openers the seeker typed before the question ("Random one but", "Kind of a weird one:", "I love the
# work but").
_OPENER = re.compile(
    r"^(?:(?:kind of an?|a|one)\s+)?(?:random|weird|quick|silly|dumb|odd|last|other)\s+(?:one|question|thing)\b[,:]?\s*"
    r"(?:but\s+|-\s*)?"
    r"|^(?:also|and|but|so|plus|oh and|ok so|okay so|honestly|seriously|realistically|meanwhile)[,:]?\s+"
    r"|^(?:the\s+|my\s+)?(?:big|real|main|other|one)\s+question\s+is[,:]?\s+"
    # "Would love to hear what a normal day looks like": the question is what follows.
    r"|^(?:i\s+|i'd\s+)?(?:would\s+)?love\s+to\s+(?:hear|know|learn)\s+(?=(?:what|how|whether|if|why|when|where|which)\b)"
    # A short lead-in before the question itself ("I love the work but is it realistic…?").
    r"|^i\s+(?:really\s+)?(?:love|like|enjoy)\s+[^,?]{1,40}?,?\s+but\s+"
    r"(?=(?:is|are|do|does|can|could|will|would|should|how|what)\b)",
    re.I,
)
_ABOUT_ME = re.compile(r"^(?:i|i'm|i am)\s+(?:want|wanna|can't|cannot|don't|do not|am|'m)\b", re.IGNORECASE)
# "how I'd ever handle letting someone go": what the seeker would do, which only they can say; put to the
# interviewee as what people do ("How do people handle letting someone go?").
_WHAT_I_WOULD = re.compile(
    r"^(how|what)\s+(?:I|we)(?:'d|\s+would|\s+could)(?:\s+(?:ever|even|actually|possibly|really))?\s+"
    r"([a-z]+)\b(.*)$",
    re.IGNORECASE,
)
# "How the cash flow works": a wh-word with no verb right after it is an embedded question, not a question.
_EMBEDDED = re.compile(
    r"^(?:how|what|when|where|which|who|why)\s+(?!(?:is|are|do|does|did|can|could|would|will|should|has|have|was|were|to|much|many|long|often|far|soon)\b)",
    re.I,
)
# "how hard is the EIAT test", "how big a pay cut should I expect": a wh-phrase, then an auxiliary and its subject,
# is a direct question ("Could you tell me how hard is…" is not English).
_DIRECT = re.compile(
    r"^(?:how|what|which|who|when|where|why)\b(?!\s+(?:i|you|we|they|he|she)\b)[^,]{0,30}?\b(?:is|are|was|were|do|does|"
    r"did|can|could|should|will|"
    r"would)\s+(?:i|you|we|they|he|she|it|there|people|the|a|an|my|your|this|most|new)\b"
    # "how bad is mandatory OT", "which company is good to learn tanker": an adjective or noun, then the verb.
    r"|^(?:how|which)\s+[\w-]+\s+(?:is|are|was|were)\s+\w",
    re.I,
)
# "will make a security clearance hard": a verb with its subject left outside the span.
_NO_SUBJECT = re.compile(
    r"^(?:will|would|could|might|may|can|should)\s+(?:make|be|get|have|mean|cause|hurt|help|affect|stop|keep|ruin|"
    r"block|count|matter|take|need|let|put|limit|disqualify|prevent|rule)\b",
    re.I,
)
# The second half of an either-or ("…worth financing in year one, or do I stay with the table saw?"), or a
# short question joined by "and" ("…, and do people wash out?"): alone it loses what it is weighed against or
# what it is about.
_JOINED = re.compile(r"(?:^|[,;]?\s)(?:or|and)\s*$", re.I)
# A claim the seeker heard ends at the next clause ("…, but the wait is long", "…, how do I prep", "… which
# sounds brutal"): what follows is their comment on it.
_CLAIM_END = re.compile(
    r",\s*(?:but|so|how|what|like|which|lol)\b|,?\s+(?:but|and)\s+(?:I|I'm|I'd|I've|my)\b"
    r"|\s+which\s+(?:sounds|seems|is|means)\b|\s+lol\b",
    re.IGNORECASE,
)
# Advice the seeker was given, in the imperative ("Everyone says go into cybersecurity").
_ADVICE = re.compile(
    r"^(?:go|get|do|take|learn|start|move|become|avoid|stay|skip|switch|apply|study|join|find|focus|try|pick|"
    r"choose|specialize|specialise|network)\b",
    re.IGNORECASE,
)
# What was heard named, not said ("I've heard a few stories", "I've heard mixed things about it"): no claim to check.
_REPORTS = re.compile(
    r"^(?:(?:a|an|some|many|lots of|a lot of|a few|a couple of|so many|several|mixed|conflicting|different|good|bad|"
    r"great|horror|scary|terrible|awful|crazy|wild|negative|positive|the same)\s+)*"
    r"(?:stories|things|rumou?rs|opinions|reviews|advice|answers|views|complaints|comments|accounts)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_CLAUSE = re.compile(r"^(?:i|i'm|i'd|i've|my|we|our)\b", re.IGNORECASE)
# A worry that is a clause ("AI will replace translators", "the market is saturated"), not a thing to handle: a
# verb within its first few words, before any "who"/"that" (so "being the one who has…" stays a noun phrase).
_WORRY_CLAUSE = re.compile(
    r"^(?!\w+ing\b)(?:(?!\b(?:who|that|which|when|where|if|because|while|as)\b)[\w'’-]+\s+){1,4}?(?:will|would|could|might|may|can|can't|won't|"
    r"is|are|was|were|isn't|aren't|has|have|hasn't|haven't|don't|doesn't)\b",
    re.IGNORECASE,
)
# A clause whose verb has no auxiliary ("employers prefer American-trained nurses", "hospitals hire new grads"):
# a plural subject of up to four words, then a verb that says what people do.
_WORRY_CLAUSE_PLAIN = re.compile(
    r"^(?!\w+ing\b)(?:[\w'’-]+\s+){0,3}?[\w'’-]+s\s+(?:\w+ly\s+|still\s+|only\s+|just\s+|now\s+)?(?:prefer|want|hire|value|"
    r"expect|require|care|look down|treat|favou?r|discriminate|judge|reject|ignore|avoid|dislike|distrust)\b",
    re.IGNORECASE,
)
_ANY_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'd|i've|me|my|mine|myself)\b", re.IGNORECASE)


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-")
    text = re.sub(r"\s+(?:lol|lmao|haha)\W*$", "", text, flags=re.IGNORECASE)  # "…poems and syllabi lol"
    # "about malpractice lawsuits"; but "With AI tools, will there be jobs?" keeps its "With"
    text = re.sub(r"^(?:about|of)\s+", "", text, flags=re.IGNORECASE)
    if "," not in text and not re.search(r"\b(?:is|are|will|can|should|do|does)\s+(?:this|the|it|there)\b", text, re.I):
        text = re.sub(r"^with\s+", "", text, flags=re.IGNORECASE)  # "with night shifts"; not "with the cuts is this…"
    text = _OPENER.sub("", text).strip(" ,;:-")
    return text.rstrip("?.! ")


def _lower_first(text: str) -> str:
    words = text.split(maxsplit=2)
    if len(words) > 1 and words[1][:1].isupper() and words[1] != "I" and not _QUESTION_WORD.match(words[0]):
        return text  # "Big Law will wreck…", "New York firms…": a name keeps its capitals
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text.startswith("I "):
        return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    # "what jobs pastors end up in (HR? nonprofit? counseling?)": the bracket's options, listed.
    text = _ASKED_OPTIONS.sub(lambda m: "(" + re.sub(r"\?\s*(?=\S)", ", ", m.group(1)).rstrip("? ") + ")", text)
    # "(data, archives, UX?)": the whole is asked once, at the end.
    text = re.sub(r"\?+\s*\)", ")", text)
    text = _ACRONYM.sub(lambda m: _CAPITALISED.get(m.group(0), m.group(0).upper()), text[0].upper() + text[1:])
    opened = len(re.findall(r"(?:^|(?<=\s))'(?=\w)", text))
    if opened > len(re.findall(r"(?<=\w)'(?=\s|$|[?.!,;:])", text)) and re.search(r"(?:^|\s)'[^']*$", text):
        text = text.rstrip("?") + "'"  # "a 'second best": the span ended before the closing quote
    return text if text.endswith("?") else f"{text}?"


# A bracket of options typed as questions ("(HR? nonprofit? counseling?)").
_ASKED_OPTIONS = re.compile(r"\(([^()?]+\?(?:\s*[^()?]+\?)+)\s*\)")
#: Quick typing, mended in written questions ("a problem w razors", "bc im shy", "how do ppl survive"). Lower case
#: only where a capital means something else ("BC", "George W. Bush").
_TYPED = (
    (
        r"(?i:(?:^|\s+)(?:lol|lmao|haha|tbh|ngl)(?![\w'])\s*(?=[,.!?]|$)|(?:^|(?<=\s))(?:lol|lmao|haha|tbh|ngl)\s+)",
        "",
    ),
    (r"(?<![\w'])w/\s*|(?<![\w'/])w(?=\s+\w)", "with "),
    (r"(?<![\w'])bc(?![\w'])", "because"),
    (r"(?<![\w'])ppl(?![\w'])", "people"),
    (r"(?<![\w'])thru(?![\w'])", "through"),
    (r"(?<![\w'])abt(?![\w'])", "about"),
    (r"(?<![\w'])til(?![\w'])", "until"),
    # "til ur fully booked" is "you're"; "ur portfolio" is "your".
    (r"(?<![\w'])ur(?=\s+(?:a|an|the|not|going|gonna|so|too|very|really|fully|still|just|\w+ing|\w+ed)\b)", "you're"),
    (r"(?<![\w'])ur(?![\w'])", "your"),
    # "a 47 yr old apprentice" (before a noun); "I'm 35 yrs old" stays a predicate ("years" below).
    (r"\b((?i:a|an|the|our|my|his|her|their|your)\s+\d{1,2})[\s-]*(?:yrs?|years?)[\s-]+old\b", r"\1-year-old"),
    (r"(?<![\w'])yrs(?![\w'])", "years"),
    (r"(?<![\w'])(?i:idk)(?![\w'])", "I don't know"),
    (r"(?<![\w'])((?i:ca|wo))nt(?![\w'])", r"\1n't"),
    (r"^(?i:ill)(?=\s+(?:be|have|need|burn|lose|get|end|never|always|just|still)\b)", "I'll"),
    # The second half of an either-or typed as a statement: "or you have to start in quality", "or it is mostly CS".
    (r"\bor (you|we|they|I) (have|need) to\b", r"or do \1 \2 to"),
    (r"\bor it is\b", "or is it"),
    (r"(?<=,\s)specially\b", "especially"),
)
#: Short forms written in capitals.
_ACRONYM = re.compile(r"\b(?:ux|ui|cs|ai|qa|seo|mba|phd|gpa|cpa|lpn|cna|emt|cdl|hvac|ceo|cfo|cto|ngo)\b")
_CAPITALISED = {"phd": "PhD"}


def _fix_i(text: str) -> str:
    for pattern, replacement in _TYPED:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = re.sub(r"\b[iI]m\b", "I'm", text)  # "but im 20" typed without the apostrophe
    # "whats a fair rate", "so you dont lose money": apostrophes left out in quick typing.
    text = re.sub(r"\b([Ww])hats\b", r"\1hat's", text)
    text = re.sub(r"\b([Tt])heres\b", r"\1here's", text)
    text = re.sub(r"(?<![\w.'])u(?![\w.'])", "you", text)  # "how u deal with the permit mess"
    text = re.sub(
        r"\b([Ii])ts\s+(?=(?:too|not|worth|possible|hard|easy|normal|going|been|realistic|true|ok|okay|better|common)\b)",
        r"\1t's ",
        text,
    )
    text = re.sub(r"\b(do|does|did|is|are|was|were|have|has|should|would|could)nt\b", r"\1n't", text, flags=re.I)
    return re.sub(r"\bi\b", "I", re.sub(r"\bi'(m|d|ve|ll)\b", r"I'\1", text))


def _parts(body: str) -> list[str]:
    # "I keep hearing new RTs get stuck on nights, so is the night rotation forever?" → context, question.
    return re.split(
        r",\s*(?:so|but|and)\s+(?=(?:is|are|do|does|how|what|when|which|who|why|can|could|should|will|would)\b)", body
    )


def _in_context(body: str) -> str | None:
    """The whole span as the question when its question part points back ("so what does it take to reinstate
    it?", "so how do people get those…?") to what the clause before it names ("My Merchant Mariner Credential
    expired in 2021, so what does it take to reinstate it?"); ``None`` otherwise."""
    parts = _parts(body)
    if len(parts) != 2:
        return None
    context, question = parts
    if (
        len(context.split()) >= 4
        and len(question.split()) >= 4
        and len(body.split()) <= MAX_WORDS
        and _DANGLING.search(question)
        and not _DANGLING.search(context)
        and not _QUESTION_WORD.match(context)
    ):
        return _sentence(body)
    return None


def _joined(body: str) -> str:
    """A question typed as two clauses with a comma, made one: two questions joined with "and" ("Is it okay that
    I'm a girl, and will people take me seriously?"), a statement before its question with a colon ("After Brexit
    I have settled status: is this OK for employers?"), a remark after a question dropped ("how long until you're
    fully booked, my instructor said 2-3 years" → the question)."""
    left, comma, right = body.rpartition(", ")
    if not comma or len(left.split()) < 3 or ":" in left:
        return body
    if len(right.split()) >= 3 and _QUESTION_WORD.match(right) and not right.lower().startswith(("who ", "which is")):
        if _QUESTION_WORD.match(left):
            return f"{left}, and {right}"
        if not re.match(
            r"(?:if|when|once|after|before|since|with|as|because|so|while|until|unless|though|although)\b", left, re.I
        ):
            return f"{left}: {right}"
    elif _QUESTION_WORD.match(left) and re.match(r"(?:my|I|I'm|I've|she|he|they|we|our)\b", right, re.IGNORECASE):
        return left
    return body


def _question(body: str) -> str | None:
    parts = _parts(body)
    # A question joined to another question ("How long is training, and do people wash out?") stays whole.
    if len(parts) > 1 and len(parts[-1].split()) >= 4 and not _QUESTION_WORD.match(parts[0]):
        body = parts[-1]
    _, colon, rest = body.partition(": ")
    if colon and _QUESTION_WORD.match(rest):  # "The on-call part scares me though: how often …?"
        body = rest[0].upper() + rest[1:]
    body = _joined(body)
    if _DANGLING.search(body):
        return None  # "do I need them before applying?" means nothing out of its sentence
    if re.search(r"\bvs\.?\s", body, re.I) and not _VERB.search(body) and not _QUESTION_WORD.match(body):
        return _sentence(f"How would you compare {_lower_first(body)}")  # "salon vs suite vs chair rental??"
    # "how long it really takes to reach 225 wpm": a "how long" with no verb after it is embedded too.
    how_much = re.match(
        r"^how\s+(?:long|much|many|often|far|soon)\s+(?:(?!(?:is|are|was|were|do|does|did|can|could|should|will|would|"
        r"has|have|of|until|til|till|before|after)\b)[\w-]+\s+(?:i|you|we|they|people)\b|(?!(?:is|are|was|were|do|does|did|can|could|should|"
        r"will|would|has|have)\b)(?:i|you|we|they|it|people|the|a|an|my|your|this|that|new)\b)",
        body,
        re.I,
    )
    if (_EMBEDDED.match(body) and not _DIRECT.match(body)) or how_much:
        return _sentence(f"Could you tell me {_lower_first(body)}")
    if _SHOULD_I.match(body):
        # The seeker asks the interviewee's advice: say so.
        return _sentence(f"In your view, {_lower_first(body)}")
    if len(body.split()) <= 8 and re.search(r"\b(?:helps?|matters?|counts?)$", body, re.IGNORECASE):
        return _sentence(f"{body} in your work")  # "Does being bilingual in Cantonese help in your work?"
    return _sentence(body)


def _whole_question(concern: Concern) -> str | None:
    """The question the concern is the second half of, from the clause it is joined to: "Is a CNC router worth
    financing, or do I stay with the table saw?" for "do I stay with the table saw?", "Do I need coded welds first,
    and how many years onshore?" for "how many years onshore?"; ``None`` otherwise."""
    if concern.kind != "question":
        return None
    at = concern.sentence.find(concern.text)
    before = concern.sentence[:at] if at > 0 else ""
    # The reader splits two questions typed with a comma ("Do I need coded welds first, how many years
    # onshore?"); a short second one, asked alone, loses what the first says, so it is asked with it, as typed.
    joined = _JOINED.search(before)
    if not joined and len(concern.text.split()) <= 6 and (comma := re.search(r",\s*$", before)):
        first = before[: comma.start()].strip()
        if "," not in first and len(first.split()) <= 12 and _QUESTION_WORD.match(_clean(first)):
            return f"{first}, {concern.text}"
    if not joined:
        return None
    if before[joined.start() :].strip(" ,;").lower() == "and" and len(concern.text.split()) > 5:
        return None  # a full question after "and" stands alone
    # The first half starts at the last clause boundary before it that opens a question (each start is read
    # once, a few words of it, so a long run of clauses stays linear).
    head = before[: joined.start()]
    starts = [0, *(m.end() for m in re.finditer(r"[,;:]\s+", head))]
    for start in reversed(starts):
        if _QUESTION_WORD.match(_clean(head[start : start + 60])):
            return f"{head[start:].strip()}{before[joined.start() :]}{concern.text}"
    return None


def write_question(concern: Concern) -> str | None:
    """A question that asks the interviewee about ``concern`` in the seeker's words, or ``None`` when the
    concern does not make a readable question."""
    # The rules read plain typing ("I’ve heard…" typed on a phone reads as "I've heard…").
    text = _write(
        concern.model_copy(update={"text": plain_typing(concern.text), "sentence": plain_typing(concern.sentence)})
    )
    return text if text is not None and len(text.split()) >= MIN_WORDS else None


def _write(concern: Concern) -> str | None:
    whole = _whole_question(concern)
    if whole and len(whole.split()) <= MAX_WORDS and whole.count("(") == whole.count(")"):
        both = _question(_fix_i(_clean(whole)))
        if both is not None:
            return both  # else the half alone, if it reads as a question by itself
    if concern.kind in ("worry", "learn") and (split := context_split(concern.text)):
        return _with_context(*split)
    body = _fix_i(_clean(concern.text))
    if concern.kind == "question" and concern.text.rstrip().endswith("?"):
        # "I like that PAs can switch specialties, but is that really as easy as people say?": the lead-in an
        # opener would drop is what "that" points to.
        kept = _in_context(body) or _in_context(_fix_i(" ".join(concern.text.split()).rstrip("?.! ")))
        if kept:
            return kept
    heard = HEARSAY.match(body)
    if heard and concern.kind == "worry":
        return _checked(body[heard.end() :])
    if not body or len(body.split()) > MAX_WORDS - 8 or concern.kind in ("goal", "statement"):
        return None
    if (
        _DANGLING.search(body)
        or _ABOUT_ME.match(body)
        or _NO_SUBJECT.match(body)
        or body.lower().startswith("to ")
        or body.count("(") != body.count(")")  # "what certs (ETCP?": the span was cut inside a bracket
        # "Do firms pay for it?", "the degree side of it": a short concern ending on "it" names nothing it could
        # stand for ("without apologizing for it" after "how to explain a seven-year break" does).
        or (len(body.split()) <= 6 and re.search(r"\b(?:for|of|on|into|about)\s+it\s*$", body, re.I))
        # "which one you recommend", "Which is closer to the truth?", "Which gives more flexibility?": the options
        # lie outside the span.
        or (
            re.search(
                r"(?:^|,\s*)which\s+(?:one|is|gives|pays|offers|has|would|should|will|makes|leads|suits|fits|works)\b",
                body,
                re.I,
            )
            and not re.search(r"\b(?:or|vs|versus|between)\b", body, re.I)
        )
        # "Maybe compliance area is better?": better than what lies outside the short span.
        or (
            len(body.split()) <= 6
            and re.search(
                r"\b(?:is|are|be|was)\s+(?:better|worse|easier|harder|smarter|safer|wiser)\s*[?.!]*$", body, re.I
            )
            and not re.search(r"\b(?:or|vs|versus|between|than|over)\b", body, re.I)
        )
    ):
        return None  # a pointer to words left out, a subject or verb left out, or what only the seeker can know
    if concern.kind != "question" and re.search(rf"\bbetween\s+{re.escape(concern.text)}", concern.sentence, re.I):
        # "I can't decide between hospital work and a home-care company": the choice, put to the interviewee.
        if re.search(r"\s(?:and|or)\s", body) and len(body.split()) >= 4:
            # "… after I graduate": the seeker's own choice, so "should I" rather than "would you".
            who = "should I" if re.search(r"\b(?:I|I'm|I'd|I've|me|my)\b", body) else "would you"
            if " and " not in body:
                body = body.replace(" or ", " and ", 1)  # "between pushing for store manager and moving over…"
            return _sentence(f"How {who} choose between {_lower_first(body)}")
        return None  # "between general and cardiac" split into items: neither half is the choice
    would = _WHAT_I_WOULD.match(body)
    if would and concern.kind != "question":
        if would.group(2).lower() in ("feel", "be", "like", "fit") or re.search(
            r"\b(?:he|she|his|her|him)\b", would.group(3), re.IGNORECASE
        ):
            return None  # "how I'd feel": only the seeker knows; "cases like his": who he is lies outside it
        return _sentence(f"{would.group(1).capitalize()} do people {would.group(2).lower()}{would.group(3)}")
    lowered = body.lower()
    if lowered.startswith(("how to ", "what to ", "when to ", "where to ", "whether to ")):
        return _sentence(f"What advice do you have on {_lower_first(body)}")
    if concern.kind == "question":
        return _question(body)
    clause = _CLAUSE_START.match(body)
    if clause:
        # "whether a master's is worth it" → "Do you think a master's is worth it?"; "if you think I should…" is
        # already put to them.
        rest = re.sub(
            r"^(?:you|u)\s+(?:think|believe|feel|reckon)\s+(?:that\s+)?", "", body[clause.end() :], flags=re.I
        )
        dummy = re.match(
            r"^it(?:'s|\s+is)\s+(?:too\s+\w+|worth|possible|hard|easy|realistic|normal|common|better)\b", rest, re.I
        )
        if _ABOUT_ME.match(rest) or (re.match(r"^(?:that|it|this)\b", rest, re.IGNORECASE) and not dummy):
            return None  # "whether it comes up" points outside; "whether it's too late to start" does not
        if re.match(r"^I should\b", rest):
            return _sentence(f"In your view, should I{rest[len('I should') :]}")
        return _sentence(f"Do you think {rest}")
    if _QUESTION_WORD.match(body):
        if concern.kind == "learn" and _AUXILIARY.match(body):
            return _question(body)  # "should I give one more attempt": a direct question, not "tell me should I"
        if concern.kind == "learn" and not (
            re.match(r"^\w+\s+(?:is|are|do|does|did|can|should|would|will)\b", body, re.I) or _DIRECT.match(body)
        ):
            return _sentence(f"Could you tell me {_lower_first(body)}")  # "how the cash flow works"
        return _question(body)
    if concern.kind == "worry":
        if re.match(r"^(?:that|it|this)\b", body, re.IGNORECASE):
            return None
        if _FIRST_PERSON_CLAUSE.match(body) and not body.lower().startswith("my "):
            # "my age will count against me" reads as a question; "I already get strain" does not.
            if re.search(r"\b(?:will|would|could|might|can|can't|won't|should|is|are)\b|^I'll\b", body, re.IGNORECASE):
                return _sentence(f"Do you think {body}")
            return None
        if body.lower().startswith("my ") and re.search(r"\b(?:will|would|could|might|can)\b", body, re.I):
            return _sentence(f"Do you think {body}")  # "my age will count against me"; not "my math is weak"
        if (_WORRY_CLAUSE.match(body) or _WORRY_CLAUSE_PLAIN.match(body)) and not re.match(
            r"^(?:they|he|she|these|those)\b", body, re.IGNORECASE
        ):
            return _sentence(f"Do you think {_lower_first(body)}")  # "Do you think the market is saturated?"
        if len(body.split()) > 5:
            # A long worry reads badly after "handle". Only a plain "-ing" phrase ("going back to irregular
            # self-employed income with two kids") is sure to be a thing one worries about; one about the seeker
            # ("when mine is only intermediate") would change whose it is.
            if (
                re.match(r"^\w+ing\b", body)
                and len(body.split()) <= 16
                and not _ANY_FIRST_PERSON.search(body)
                and not re.search(r"[—–:?;]|\s-\s|\blol\b", body, re.IGNORECASE)
            ):
                return _sentence(f"What would you say to someone worried about {_lower_first(body)}")
            return None
        noun = re.sub(r"^my\b", "their", _lower_first(body), flags=re.IGNORECASE)
        noun = re.sub(r"^(?:handling|dealing with|managing|coping with)\s+", "", noun)  # not "handle handling …"
        if re.fullmatch(
            r"their\s+\S+(?:\s+\S+)?|online|abroad|remotely|overseas|alone|outside", noun, re.IGNORECASE
        ) or re.match(r"(?:they|he|she|it|we|you|I)\b", noun):
            # "handle their wrists", "handle online": what about them lies outside the span; "handle they get
            # heated": a clause, not a thing one handles.
            return None
        return _sentence(f"How do people in your line of work handle {noun}")
    if concern.kind == "learn":
        if re.match(r"^(?:from|with|by|to)\s", body, re.IGNORECASE):
            return None  # "from someone who did both": a fragment of what the seeker wants to hear, not a topic
        if _VERB_START.match(body) and not re.match(r"^\w+ing\b", body):
            return _sentence(f"What advice would you give someone who wants to {_lower_first(body)}")
        return _sentence(f"What should I know about {_lower_first(body)}")
    return None


def _with_context(context: str, obj: str) -> str | None:
    """A concern that points back to the clause before it, asked with that clause: "My ROS and Python are
    self-taught and I don't know if that's enough" → "My ROS and Python are self-taught: do you think that's
    enough?"; "I've heard X and want to know if that's true" → "Is it true that X?"; ``None`` when it does not
    make a readable question."""
    heard = HEARSAY.match(context)
    if heard and re.match(r"^(?:if|whether)\s+(?:that|it)(?:'s|\s+is)\s+(?:true|right|real|accurate)\b", obj, re.I):
        return _checked(context[heard.end() :])
    # The clause nearest the cue: "Pipeline pays the most but I'd be the only woman on most crews" → the second.
    nearest = re.split(r",?\s+(?:but|because|since|although|though|while)\s+|[;:]\s+", context)[-1]
    if len(nearest.split()) >= 4:
        context = nearest
    context = _fix_i(re.sub(r"^(I(?:'ve|'m| have| am)?)\s+(?:also|honestly|really|still)\s+", r"\1 ", _clean(context)))
    obj = _fix_i(_clean(obj))
    if (
        not context
        or _DANGLING.search(context)  # "she said apprenticeships are unpaid": who she is lies further back
        or _QUESTION_WORD.match(context)
        or re.match(r"^(?:it|this|that)(?:'s|\s+is|\s+was)\b", context, re.IGNORECASE)  # "It's open-admission"
        or re.search(r"\b(?:she|he|her|him|she's|he's|they're)\b|\blol\b", f"{context} {obj}", re.IGNORECASE)
        or re.search(r"\bI(?:'d|'ll|\s+would|\s+will)?\s+feel\b", obj, re.IGNORECASE)  # only the seeker knows that
        or re.match(r"^(?:how|whether|if|what)\s+I(?:'d|'ll|\s+would|\s+will)\b", obj, re.IGNORECASE)
        or re.search(r",\s*like\b", context, re.IGNORECASE)  # "the legal side, like could I get in trouble"
    ):
        return None
    clause = _CLAUSE_START.match(obj)
    if clause:
        ask = f"do you think {obj[clause.end() :]}"
    elif _DIRECT.match(obj):
        ask = _lower_first(obj)
    elif _QUESTION_WORD.match(obj):
        ask = f"could you tell me {_lower_first(obj)}"
    else:
        return None
    text = f"{context[0].upper()}{context[1:]}: {ask}"
    return _sentence(text) if len(text.split()) <= MAX_WORDS else None


def _checked(claim: str) -> str | None:
    """ "Is it true that …?" for a claim the seeker has heard, cut to its first clause ("agents have no personal
    life, like you're on call 24/7" → "agents have no personal life"); ``None`` for a claim about the seeker
    ("I'm too blunt"), one that only names what was heard ("a few stories", "about instructional design"), one that
    points outside itself, or one too short or long to stand alone."""
    claim = _CLAIM_END.split(claim, maxsplit=1)[0].strip(" ,;:-")
    claim = re.sub(r"^its\b", "it's", claim)  # "ive heard its like 100 cold calls a day"
    words = claim.split()
    if (
        not 3 <= len(words) <= 20
        or _DANGLING.search(claim)
        or _FIRST_PERSON_CLAUSE.match(claim)
        or _REPORTS.match(claim)
        # "I keep hearing about instructional design": a topic heard of, not a claim ("Is it true that about…").
        or re.match(r"^(?:about|of|regarding)\b", claim, re.IGNORECASE)
    ):
        return None
    if _ADVICE.match(claim):
        return _sentence(f"Is it good advice to {_lower_first(claim)}")  # "Everyone says go into cybersecurity"
    return _sentence(f"Is it true that {_lower_first(claim)}")


def written_from(concern: Concern, question: str) -> str:
    """The seeker's words ``question`` was written from, for its reason to quote: the whole either-or when the
    question holds its first half ("Is a CNC router worth financing, or do I stay with the table saw?" for the
    concern "do I stay with the table saw?"), else the concern's own span."""
    whole = _whole_question(concern)
    if whole:
        head = re.findall(r"[\w'’-]+", whole[: len(whole) - len(concern.text)])[-4:]
        if head and all(re.search(rf"\b{re.escape(w)}\b", question, re.IGNORECASE) for w in head):
            return re.sub(r"^(?:but|and|so|or|also|plus)\s+", "", whole, flags=re.IGNORECASE)
    return concern.text


def without_repeats(drafts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``(concern, question)`` drafts without those another draft already holds.

    Both halves of an either-or unanswered: the whole question written for the second ("Can I start under the
    cottage food law, or do I need a commercial kitchen?") holds the first's ("Can I start under the cottage food
    law?"); asking both repeats it.
    """
    kept: list[tuple[int, str]] = []
    for n, (c, text) in enumerate(drafts):
        key = text.rstrip("?").lower()
        longer = any(len(other) > len(text) and key in other.lower() for _, other in drafts)
        same = any(other.rstrip("?").lower() == key for _, other in drafts[:n])
        if not longer and not same:
            kept.append((c, text))
    return kept
