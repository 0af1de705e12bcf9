"""Questions written from the seeker's own words for concerns the bank does not answer."""

from __future__ import annotations

import pytest

from infoquest.concerns import Concern, extract_concerns
from infoquest.writer import without_repeats, write_question, written_from


def concern(text: str, kind: str) -> Concern:
    return Concern(text=text, start=0, end=len(text), kind=kind, sentence=text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("burnout", "worry", "How do people in your line of work handle burnout?"),
        ("Does being bilingual in Cantonese help?", "question", "Does being bilingual in Cantonese help in your work?"),
        (
            "Should I do a new-grad residency or start on a med-surg floor first?",
            "question",
            "In your view, should I do a new-grad residency or start on a med-surg floor first?",
        ),
        (
            "how to price bids without underbidding",
            "learn",
            "What advice do you have on how to price bids without underbidding?",
        ),
        ("my age will count against me", "worry", "Do you think my age will count against me?"),
        ("whether a master's is worth it", "worry", "Do you think a master's is worth it?"),
        ("whether that comes up in background checks", "worry", None),
        ("know when to hire", "learn", "What advice would you give someone who wants to know when to hire?"),
        # Wh-questions with their auxiliary stay direct; lead-ins go; spans cut short are left unwritten.
        ("how hard is the EIAT aptitude test?", "question", "How hard is the EIAT aptitude test?"),
        ("How big a pay cut should I expect going public?", "learn", "How big a pay cut should I expect going public?"),
        ("how the cash flow works", "learn", "Could you tell me how the cash flow works?"),
        ("how bad is mandatory OT", "question", "How bad is mandatory OT?"),
        ("how long it takes to reach 225 wpm", "worry", "Could you tell me how long it takes to reach 225 wpm?"),
        ("which route is faster for licensing", "question", "Which route is faster for licensing?"),
        # What the seeker would do is theirs to say: asked as what people do.
        ("how I'd ever handle letting someone go", "worry", "How do people handle letting someone go?"),
        ("how I would handle cases like his every day", "worry", None),
        ("how I'd feel pitching stories", "worry", None),
        ("how u deal with the permit mess", "question", "Could you tell me how you deal with the permit mess?"),
        # Quick typing mended; a comma splice made one question; a bare choice compared; advice heard checked.
        (
            "do u get carpal tunnel eventually bc my wrists already hurt lol",
            "question",
            "Do you get carpal tunnel eventually because my wrists already hurt?",
        ),
        ("how long til ur fully booked, my instructor said 2-3 yrs", "question", "How long until you're fully booked?"),
        (
            "Is it okay that I'm a girl, will people take me seriously",
            "question",
            "Is it okay that I'm a girl, and will people take me seriously?",
        ),
        ("I wear glasses, is that an issue", "question", "I wear glasses: is that an issue?"),
        ("salon vs suite vs chair rental??", "question", "How would you compare salon vs suite vs chair rental?"),
        ("Everyone says go into cybersecurity", "worry", "Is it good advice to go into cybersecurity?"),
        ("ill burn thru my savings", "worry", "Do you think I'll burn through my savings?"),
        (
            "do agencies care abt degrees or just ur portfolio??",
            "question",
            "Do agencies care about degrees or just your portfolio?",
        ),
        (
            "heard court reporting pays well and theres a shortage",
            "worry",
            "Is it true that court reporting pays well and there's a shortage?",
        ),
        # A lead-in before the question; a fragment of whom to hear from; a pair with something said about it.
        (
            "Would love to hear what a normal day looks like",
            "question",
            "Could you tell me what a normal day looks like?",
        ),
        ("from someone who did both", "learn", None),
        ("Sony vs Canon doesn't matter right??", "question", "Sony vs Canon doesn't matter right?"),
        # An option asked inside brackets: the question mark comes once, at the end.
        (
            "whether I should specialize (data, archives, UX?) before graduating",
            "learn",
            "In your view, should I specialize (data, archives, UX) before graduating?",
        ),
        ("handling unruly kids", "worry", "How do people in your line of work handle unruly kids?"),
        ("should I try once more or move on", "learn", "In your view, should I try once more or move on?"),
        ("my wrists", "worry", None),
        # A capital means something else: "BC" is a province, not "because".
        ("Is a BC licence accepted in Alberta?", "question", "Is a BC licence accepted in Alberta?"),
        ("online", "worry", None),
        (
            "While I'm studying for the NPTE, is working as a PT aide worth it",
            "question",
            "While I'm studying for the NPTE, is working as a PT aide worth it?",
        ),
        ("Big Law will wreck my mental health", "worry", "Do you think Big Law will wreck my mental health?"),
        ("how do you go from research to ux research", "question", "How do you go from research to UX research?"),
        # Words that point to what the concern left out: "after" what, "if not" what, which "split".
        ("How many people actually find work after", "question", None),
        ("how long is the Ausbildung if not", "question", None),
        ("how does that split look in practice?", "question", None),
        (
            "the big question is when do you hire your first guy?",
            "question",
            "When do you hire your first guy?",
        ),
        (
            "With AI doing transcription now, will AE jobs even exist?",
            "question",
            "With AI doing transcription now, will AE jobs even exist?",
        ),
        ("with night shifts", "worry", "How do people in your line of work handle night shifts?"),
        ("will make a security clearance hard or impossible", "worry", None),
        (
            "Would commercial refrigeration suit me better?",
            "question",
            "Would commercial refrigeration suit me better?",
        ),
        ("to code, or at least read code", "learn", None),
        ("what certs (ETCP?", "question", None),
        ("what does it take to reinstate it?", "question", None),
        # A question that points back to the clause before it in the span keeps that clause.
        (
            "My Merchant Mariner Credential expired in 2021, so what does it take to reinstate it?",
            "question",
            "My Merchant Mariner Credential expired in 2021, so what does it take to reinstate it?",
        ),
        ("Is it frowned on to leave after two years?", "question", "Is it frowned on to leave after two years?"),
        # What the seeker has heard is put to the interviewee to check, without the seeker's comment on it.
        ("I've heard caseloads are insane", "worry", "Is it true that caseloads are insane?"),
        # A worry that is a clause without an auxiliary is asked as one, not put after "handle".
        ("employers prefer American trained nurses", "worry", "Do you think employers prefer American trained nurses?"),
        # Words that point outside a short concern: "how true that is", "which gives…", "… is better?".
        ("how true that is", "learn", None),
        ("Which gives more flexibility?", "question", None),
        ("Maybe compliance area is better?", "question", None),
        ("Is it better to go Big 4 or a mid-size firm?", "question", "Is it better to go Big 4 or a mid-size firm?"),
        ("Is hospital work better than clinic work?", "question", "Is hospital work better than clinic work?"),
        ("is the pay getting worse", "question", "Is the pay getting worse?"),
        # Options typed as questions in a bracket are listed; "a 47 yr old" before a noun is hyphenated.
        ("what certs (ETCP? SPRAT?) should I get first", "question", "What certs (ETCP, SPRAT) should I get first?"),
        ("Will companies take a 47 yr old apprentice?", "question", "Will companies take a 47-year-old apprentice?"),
        ("is 35 yrs old too late", "question", "Is 35 years old too late?"),
        # What was heard only named, with no claim in it, is nothing to check.
        ("I've heard a few stories", "worry", None),
        ("I keep hearing about instructional design", "worry", None),
        ("I've heard of people burning out in a year", "worry", None),
        ("I hear on set you get ten minutes", "worry", "Is it true that on set you get ten minutes?"),
        ("I've heard horror stories about people getting denied after ten years", "worry", None),
        ("ive heard its like 100 calls a day which sounds bad", "worry", "Is it true that it's like 100 calls a day?"),
        ("Everyone says you need a master's but I'm already in debt", "worry", "Is it true that you need a master's?"),
        ("I've been told I'm too blunt", "worry", None),
        ("FL?", "question", None),  # from "(TX? FL?)": too short to stand alone (it used to crash recommend())
        # Pointers a blind judge could not resolve: "that" after a preposition or "carry".
        ("How do senior HR people not carry that home?", "question", None),
        ("how the field is dealing with that criticism", "learn", None),
        ("with the cuts is this sector going to exist?", "question", "With the cuts is this sector going to exist?"),
        ("how much retraining I need", "learn", "Could you tell me how much retraining I need?"),
        ("How much of the job is cold calling", "question", "How much of the job is cold calling?"),
        ("I've heard stories", "worry", None),
        # A worry that is a clause is asked as one; a long "-ing" worry is put as advice; one about the seeker
        # or running into a comment is left unwritten.
        ("AI will replace translators", "worry", "Do you think AI will replace translators?"),
        ("the market is saturated", "worry", "Do you think the market is saturated?"),
        ("they will make me start as a PSW forever", "worry", None),
        (
            "going back to irregular self-employed income with two kids in middle school",
            "worry",
            "What would you say to someone worried about going back to irregular self-employed income with two kids in "
            "middle school?",
        ),
        ("consenting patients in Spanish when mine is only intermediate", "worry", None),
        ("spending days in attics full of old insulation — do you worry about vermiculite?", "worry", None),
        ("Would it be smarter to move into a new role?", "question", "Would it be smarter to move into a new role?"),
        (
            "what I can do this year that makes my application stronger",
            "learn",
            "Could you tell me what I can do this year that makes my application stronger?",
        ),
        # The lead-in an opener would drop is kept when the question points back to it.
        (
            "I like that PAs can switch specialties, but is that really as easy as people say?",
            "question",
            "I like that PAs can switch specialties, but is that really as easy as people say?",
        ),
        ("work-life balance", "learn", "What should I know about work-life balance?"),
        ("if its too late to start", "learn", "Do you think it's too late to start?"),
        # Quick typing is mended: missing apostrophes, a trailing "lol".
        ("whats a fair rate", "question", "What's a fair rate?"),
        (
            "how do you price kitchens so you dont lose money lol",
            "question",
            "How do you price kitchens so you don't lose money?",
        ),
        # A concern read with the clause it points back to is asked with that clause.
        (
            "My ROS and Python are self-taught and I don't know if that's enough",
            "worry",
            "My ROS and Python are self-taught: do you think that's enough?",
        ),
        (
            "My Ohio license lapsed in 2022 and I don't know what reactivating it involves",
            "worry",
            "My Ohio license lapsed in 2022: could you tell me what reactivating it involves?",
        ),
        (
            "I've also heard the field is flooded with former teachers and want to know if that's true",
            "learn",
            "Is it true that the field is flooded with former teachers?",
        ),
        (
            "When we talked she said apprenticeships are unpaid, and I don't get how people pay rent for a year of it",
            "worry",
            None,
        ),
        ("Some of the drone work is defense-related and I'm not sure how I feel about that", "worry", None),
    ],
)  # fmt: skip
def test_written_questions_keep_the_seekers_words(text: str, kind: str, expected: str | None) -> None:
    assert write_question(concern(text, kind)) == expected


def test_goals_and_dangling_fragments_are_not_turned_into_questions() -> None:
    assert write_question(concern("want to work in pediatric oncology", "goal")) is None
    assert write_question(concern("do I need them before applying?", "question")) is None


def test_every_written_question_is_one_question() -> None:
    goals = (
        "I'm worried about burnout and night shifts. Does being bilingual help? I want to learn how to price "
        "bids, handle cash flow and know when to hire. Not sure whether a master's is worth it."
    )
    for c in extract_concerns(goals):
        text = write_question(c)
        if text is not None:
            assert text.endswith("?") and text.count("?") == 1 and text[0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "how that works with DOT drug testing",
        "is it all twenty-somethings?",
        "do companies see that as a conflict?",
        "what reactivating it involves",
        "Is that rare in this industry?",
        "Is it crazy?",
        "how to bring it up",
        "whether to mention it in interviews",
        # The third held-out set's judge (round 15) found these unreadable as well.
        "how long it take to prepare for it",
        "what's involved in getting it back",
        "the degree side of it",
        "what companies hire for this in Argentina",
        "which is closer to the truth",
        "Is it too risky?",
        "Which one you recommend for someone with average finances?",
        "what they look for",
        "they get heated",
        "do firms pay for it",
    ],
)
def test_a_concern_whose_words_point_outside_it_gets_no_written_question(text: str) -> None:
    # A blind judge found these unreadable: "that", "it" name something the span left out.
    kind = (
        "learn"
        if text.startswith(("how", "what", "whether", "which is"))
        else "worry"
        if text.startswith(("the ", "they "))
        else "question"
    )
    assert write_question(Concern(text=text, start=0, end=len(text), kind=kind, sentence=text)) is None


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # A concern that names what "it" stands for is still written.
        (
            "How should I explain a seven-year break without apologizing for it?",
            "question",
            "How should I explain a seven-year break without apologizing for it?",
        ),
        ("Do they send you anywhere?", "question", "Do they send you anywhere?"),
        # Grammar the seeker's typing left: the second half of an either-or, a quote the span cut, a gerund.
        (
            "whether companies hire new grads into RA or you have to start in quality first",
            "learn",
            "Do you think companies hire new grads into RA or do you have to start in quality first?",
        ),
        (
            "whether counselling psychology is a serious alternative or a 'second best",
            "learn",
            "Do you think counselling psychology is a serious alternative or a 'second best'?",
        ),
        ("moving into HR generalist work", "learn", "What should I know about moving into HR generalist work?"),
        (
            "if you think I should consider working abroad",
            "learn",
            "In your view, should I consider working abroad?",
        ),
        (
            "Meanwhile, can I work as a PTA while I am waiting?",
            "question",
            "Can I work as a PTA while I am waiting?",
        ),
    ],
)
def test_written_questions_mend_what_quick_typing_left(text: str, kind: str, expected: str) -> None:
    assert write_question(Concern(text=text, start=0, end=len(text), kind=kind, sentence=text)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Is this field growing in Ohio?", "Is that certification worth the cost?"])
def test_a_question_that_names_its_subject_after_this_or_that_is_still_written(text: str) -> None:
    concern = Concern(text=text, start=0, end=len(text), kind="question", sentence=text)
    assert write_question(concern) == text


def test_chatty_openers_and_a_missing_apostrophe_are_tidied() -> None:
    def written(text: str) -> str | None:
        return write_question(Concern(text=text, start=0, end=len(text), kind="question", sentence=text))

    assert written("Random one but can you bring a dog into park housing?") == "Can you bring a dog into park housing?"
    assert written("I love the work but is it realistic to live on zookeeper pay?") == (
        "Is it realistic to live on zookeeper pay?"
    )
    assert written("but im 20, can I even work harvest if I can't legally taste?") == (
        "I'm 20, can I even work harvest if I can't legally taste?"
    )
    assert written("Is it worth it to get a master's?") == "Is it worth it to get a master's?"


def _in(sentence: str, span: str) -> Concern:
    start = sentence.index(span)
    return Concern(text=span, start=start, end=start + len(span), kind="question", sentence=sentence)


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        (
            "Is a $60k CNC router worth financing in year one or do I stay with the table saw and track saw?",
            "do I stay with the table saw and track saw?",
            "Is a $60k CNC router worth financing in year one or do I stay with the table saw and track saw?",
        ),
        (
            "honestly how does the commission work, is there a draw or do you starve the first 6 months?",
            "do you starve the first 6 months?",
            "Is there a draw or do you starve the first 6 months?",
        ),
        (
            "How long is operator training before you're licensed, and do people wash out?",
            "do people wash out?",
            "How long is operator training before you're licensed, and do people wash out?",
        ),
        # Typed without its question mark.
        (
            "do i need a lawyer for the first contract or is that overkill",
            "is that overkill",
            "Do I need a lawyer for the first contract or is that overkill?",
        ),
    ],
)
def test_the_second_half_of_an_either_or_is_written_with_its_first_half(
    sentence: str, span: str, expected: str
) -> None:
    # A blind judge found the half alone unreadable: "Do I stay with the table saw?" instead of what?
    assert write_question(_in(sentence, span)) == expected


def test_the_reason_quotes_what_the_question_was_written_from() -> None:
    sentence = "honestly how does the commission work, is there a draw or do you starve the first 6 months?"
    half = _in(sentence, "do you starve the first 6 months?")
    # The question holds the first half, so its reason quotes both; a question from the span alone quotes it.
    assert written_from(half, "Is there a draw or do you starve the first 6 months?") == (
        "is there a draw or do you starve the first 6 months?"
    )
    assert written_from(half, "Do you starve the first 6 months?") == "do you starve the first 6 months?"
    alone = concern("burnout", "worry")
    assert written_from(alone, "How do people in your line of work handle burnout?") == "burnout"


def test_a_full_question_after_and_stands_alone() -> None:
    sentence = "Do I need a license first, and can new grads get in through associate programs?"
    span = "can new grads get in through associate programs?"
    assert write_question(_in(sentence, span)) == "Can new grads get in through associate programs?"


def test_a_draft_another_draft_holds_is_dropped() -> None:
    first = "Can I start under the cottage food law and still get into coffee shops?"
    whole = "Can I start under the cottage food law and still get into coffee shops, or do I need a commercial kitchen?"
    other = "How do people in your line of work handle burnout?"
    assert without_repeats([(0, first), (1, whole), (2, other)]) == [(1, whole), (2, other)]
    assert without_repeats([(0, other), (1, other.upper())]) == [(0, other)]


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        (
            "I can't decide between law enforcement and interpretive ranger tracks.",
            "How would you choose between law enforcement and interpretive ranger tracks?",
        ),
        (
            "I can't decide between hospital work and a home-care company after I graduate in June.",
            "How should I choose between hospital work and a home-care company after I graduate in June?",
        ),
        ("I'm applying to sonography programs and can't decide between general and cardiac.", None),
    ],
)
def test_a_choice_between_two_paths_is_put_to_the_interviewee(goals: str, expected: str | None) -> None:
    # "How do people in your line of work handle general and cardiac?" asked nothing; a choice too short to name
    # both paths ("general and cardiac" split into items) is left unwritten.
    written = [write_question(c) for c in extract_concerns(goals) if c.kind != "statement"]
    assert written == [expected]


def test_a_short_question_split_from_the_one_before_it_is_asked_with_it() -> None:
    goals = "Do I need coded welds first, how many years onshore?"
    *_, second = extract_concerns(goals)
    assert second.text == "how many years onshore?"
    assert write_question(second) == "Do I need coded welds first, and how many years onshore?"
    # A longer second question stands alone.
    goals = "How do people get curatorial jobs, how much of the work is hands-on fabrication vs patient time?"
    *_, second = extract_concerns(goals)
    assert write_question(second) == "How much of the work is hands-on fabrication vs patient time?"
