"""Reading concerns from goals: exact spans, one concern per item, context left out."""

from __future__ import annotations

import pytest

from infoquest.concerns import MAX_CONCERNS, MAX_VIEWS, concern_views, context_split, extract_concerns
from infoquest.writer import write_question

MAYA = (
    "I graduate next May and want to work in pediatric oncology. Should I do a new-grad residency or start on a "
    "med-surg floor first? I'm worried about burnout and night shifts. Does being bilingual in Cantonese help?"
)


def spans(goals: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract_concerns(goals)]


def test_the_nursing_students_goals_hold_five_concerns() -> None:
    assert spans(MAYA) == [
        ("goal", "want to work in pediatric oncology"),
        ("question", "Should I do a new-grad residency or start on a med-surg floor first?"),
        ("worry", "burnout"),
        ("worry", "night shifts"),
        ("question", "Does being bilingual in Cantonese help?"),
    ]


def test_a_list_after_how_to_is_split_into_its_items() -> None:
    goals = (
        "I want to learn how to price bids without underbidding, handle cash flow in the first year and know when "
        "to hire."
    )
    assert [t for _, t in spans(goals)] == [
        "how to price bids without underbidding",
        "handle cash flow in the first year",
        "know when to hire",
    ]


def test_or_joins_one_choice_not_two_concerns() -> None:
    assert spans("Should I take the union apprenticeship or a non-union helper job?") == [
        ("question", "Should I take the union apprenticeship or a non-union helper job?")
    ]


def test_a_clause_stays_whole_until_the_next_cue() -> None:
    goals = "im kinda worried my gap will hurt me and wondering if i should do a certificate first"
    assert spans(goals) == [("worry", "my gap will hurt me"), ("learn", "if i should do a certificate first")]


def test_pairs_that_name_one_thing_are_not_split() -> None:
    assert [t for _, t in spans("I'm curious about the pros and cons of travel nursing.")] == [
        "the pros and cons of travel nursing"
    ]


def test_context_is_at_most_a_statement() -> None:
    # No cue, no question: a sentence about the seeker's situation is kept whole, as the weakest kind.
    assert spans("I graduated in 2019. I have five years in retail.") == [("statement", "I have five years in retail")]
    assert spans("Hi there.") == []


def test_statements_of_fact_that_carry_a_worry_are_read() -> None:
    found = spans("I have a misdemeanor from when I was 19. I can't decide between hospital work and home care.")
    assert ("statement", "I have a misdemeanor from when I was 19") in found
    assert ("worry", "hospital work and home care") in found or ("worry", "hospital work") in found


def test_what_the_seeker_has_heard_is_a_worry_but_other_context_is_a_statement() -> None:
    assert spans("I've heard caseloads are insane. My cousin says no.") == [
        ("worry", "I've heard caseloads are insane"),
        ("statement", "My cousin says no"),
    ]
    assert spans("Everyone says the market is flooded.")[0][0] == "worry"


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ("I also worry about going back to irregular income.", ("worry", "going back to irregular income")),
        ("My wife and I also worry about rotating shifts with a toddler.", ("worry", "rotating shifts with a toddler")),
        ("She is a nurse, so I also wonder how partners keep a career.", ("worry", "how partners keep a career")),
        ("I'd also like to know whether salaries cover the debt.", ("learn", "whether salaries cover the debt")),
        ("I'm also terrified of public speaking.", ("worry", "public speaking")),
    ],
)  # fmt: skip
def test_a_cue_with_also_or_a_strong_word_is_still_a_cue(goals: str, expected: tuple[str, str]) -> None:
    # These were read as statements (the weakest kind, never written for), so the concern went unanswered.
    assert spans(goals) == [expected]


@pytest.mark.parametrize(
    ("goals", "expected", "context"),
    [
        (
            "My ROS and Python are self-taught and I don't know if that's enough.",
            "My ROS and Python are self-taught and I don't know if that's enough",
            "My ROS and Python are self-taught",
        ),
        (
            "I keep reading about 12-hour rotating shifts, and I want to know what that schedule really looks like.",
            "I keep reading about 12-hour rotating shifts, and I want to know what that schedule really looks like",
            "I keep reading about 12-hour rotating shifts",
        ),
        (
            "I'm red-green colorblind and I've been wondering if that rules me out.",
            "I'm red-green colorblind and I've been wondering if that rules me out",
            "I'm red-green colorblind",
        ),
    ],
)  # fmt: skip
def test_a_concern_that_points_back_keeps_the_clause_it_points_to(goals: str, expected: str, context: str) -> None:
    # "if that's enough" alone says nothing a question could be matched or written for.
    (concern,) = extract_concerns(goals)
    assert concern.text == expected
    split = context_split(concern.text)
    assert split is not None and split[0] == context


def test_a_concern_that_stands_alone_is_not_extended() -> None:
    # The clause before a cue is part of the concern only when the concern points back to it; otherwise a fact
    # about the seeker stays a statement of its own.
    assert spans("I have five years in retail and I want to know how people price bids.") == [
        ("statement", "I have five years in retail"),
        ("learn", "how people price bids"),
    ]
    assert context_split("how people price bids") is None


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ("I'm on an F-1 visa.", [("statement", "I'm on an F-1 visa")]),
        ("I am 37 also.", [("statement", "I am 37 also")]),
        (
            "Also I have ADHD and I can't tell yet whether 80 dials a day would suit me.",
            [("statement", "I have ADHD"), ("worry", "whether 80 dials a day would suit me")],
        ),
        (
            "I'm excited but anxious: my CAD skills are a decade old, I've let my license lapse, and I don't know "
            "whether returnships are real.",
            [
                ("statement", "my CAD skills are a decade old"),
                ("statement", "I've let my license lapse"),
                ("worry", "whether returnships are real"),
            ],
        ),
        # Feelings alone, and the cue's own words, are no fact.
        ("I'm excited!", []),
        ("I'm a bit concerned about the pay.", [("worry", "the pay")]),
    ],
)
def test_a_short_fact_about_the_seeker_is_a_statement(goals: str, expected: list[tuple[str, str]]) -> None:
    assert spans(goals) == expected


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # A clause to learn about typed as a sentence of its own.
        ("Also whether telehealth-only is viable.", [("learn", "whether telehealth-only is viable")]),
        # A concern's clause ends on "because"; the reason states a fact, and the list goes on after it.
        (
            "I'd love to know what setup you need because I see people spending thousands on booths and also how "
            "you find an agent and whether narration pays anything at all",
            [
                ("learn", "what setup you need"),
                ("statement", "I see people spending thousands on booths"),
                ("learn", "how you find an agent"),
                ("learn", "whether narration pays anything at all"),
            ],
        ),
        (
            "I want to know which certificates companies look at, because NEBOSH is very expensive for me.",
            [("learn", "which certificates companies look at"), ("statement", "NEBOSH is very expensive for me")],
        ),
        (
            "I want to know what to expect because I heard many banks don't sponsor graduates anymore.",
            [("learn", "what to expect"), ("worry", "I heard many banks don't sponsor graduates anymore")],
        ),
        # "since then" is no reason: the clause goes on.
        (
            "I want to know whether the code changes since then mean I am starting over.",
            [("learn", "whether the code changes since then mean I am starting over")],
        ),
        # A greeting and a condition are no concern.
        ("Good afternoon Sir.", []),
        ("If I get in, I will move to Denver.", []),
    ],
)
def test_what_a_cue_leaves_over_is_still_read(goals: str, expected: list[tuple[str, str]]) -> None:
    assert spans(goals) == expected


def test_a_question_word_after_also_or_honestly_starts_a_second_concern() -> None:
    assert spans("I want to know if principals prefer new grads, and honestly whether there's bias against men.") == [
        ("learn", "if principals prefer new grads"),
        ("learn", "whether there's bias against men"),
    ]
    assert spans("I want to know how pay works, also whether summers on boats are realistic.") == [
        ("learn", "how pay works"),
        ("learn", "whether summers on boats are realistic"),
    ]


@pytest.mark.parametrize("goals", [MAYA, "tell me about the pay and how people advance? also nights?"])
def test_every_concern_is_an_exact_span_of_the_goals(goals: str) -> None:
    for concern in extract_concerns(goals):
        assert goals[concern.start : concern.end] == concern.text
        assert concern.text.strip() == concern.text


def test_long_goals_give_at_most_the_cap_questions_and_worries_first() -> None:
    goals = " ".join(f"I want to work in field {i}. Does topic {i} matter?" for i in range(30))
    found = extract_concerns(goals)
    assert len(found) == MAX_CONCERNS
    assert all(c.kind == "question" for c in found)


def test_goals_typed_as_lines_are_read_line_by_line() -> None:
    # A line with no full stop used to be dropped unless it was the last one.
    goals = "- how do i get my first client\n- whats a fair hourly rate for a new bookkeeper\n- do i need a certificate"
    assert spans(goals) == [
        ("question", "how do i get my first client"),
        ("question", "whats a fair hourly rate for a new bookkeeper"),
        ("question", "do i need a certificate"),
    ]


def test_a_question_typed_without_its_question_mark_is_a_question() -> None:
    found = spans("I'm a line cook. what is the civil service test like. What I want is a stable job.")
    assert ("question", "what is the civil service test like") in found
    assert ("statement", "What I want is a stable job") in found
    assert spans("How competitive is getting into a program with a 3.2 GPA") == [
        ("question", "How competitive is getting into a program with a 3.2 GPA")
    ]
    # Not a question, though it starts with "what": a worry, read from its cue.
    assert spans("What scares me is being the only nurse on nights.") == [("worry", "being the only nurse on nights")]


def test_abbreviations_and_degrees_do_not_end_a_sentence() -> None:
    goals = "Did you weigh a postdoc vs. a VAP? I finished my B.S. in May. Do I need the M.Ed to get hired?"
    assert spans(goals) == [
        ("question", "Did you weigh a postdoc vs. a VAP?"),
        ("statement", "I finished my B.S. in May"),
        ("question", "Do I need the M.Ed to get hired?"),
    ]


def test_a_list_after_a_heading_gives_one_concern_per_item() -> None:
    goals = (
        "I am a veteran. My concerns: translating military experience, whether I need a degree (I have some "
        "college), and whether the PMP is worth it."
    )
    assert spans(goals) == [
        ("statement", "I am a veteran"),
        ("worry", "translating military experience"),
        ("worry", "whether I need a degree (I have some college)"),
        ("worry", "whether the PMP is worth it"),
    ]
    numbered = "My questions: (1) will my salary history hurt me; (2) is an online master's respected?"
    assert spans(numbered) == [
        ("question", "will my salary history hurt me"),
        ("question", "is an online master's respected?"),
    ]
    # A heading over one long thought is no list: the thought is read as usual.
    one = "Honest question: I love animals and I'm scared of the euthanasia part."
    assert spans(one) == [("worry", "the euthanasia part")]


def test_a_cue_with_an_adverb_is_still_a_cue() -> None:
    assert spans("I don't really know what brand managers do all day.") == [("worry", "what brand managers do all day")]


def test_wh_clauses_separated_by_commas_are_separate_concerns() -> None:
    goals = (
        "I'd love to learn more about what PAs do day-to-day, how PA school admissions work, and whether I should "
        "take a gap year."
    )
    assert spans(goals) == [
        ("learn", "what PAs do day-to-day"),
        ("learn", "how PA school admissions work"),
        ("learn", "whether I should take a gap year"),
    ]
    assert spans("Wondering about: CRNA school competitiveness, the clinical hours.") == [
        ("learn", "CRNA school competitiveness"),
        ("learn", "the clinical hours"),
    ]


def test_a_bracket_does_not_end_a_concern() -> None:
    # What followed the bracket ("and whether airlines will hire…") used to be lost.
    goals = "I'm worried about the cost of flight training (around $100k) and whether airlines will hire me at 35."
    assert spans(goals) == [
        ("worry", "the cost of flight training (around $100k)"),
        ("worry", "whether airlines will hire me at 35"),
    ]


def test_a_line_that_starts_with_a_learning_verb_is_something_to_learn() -> None:
    goals = "Goals:\n* Understand the path from line cook to sous chef\n* Learn how to negotiate pay"
    assert spans(goals) == [
        ("learn", "the path from line cook to sous chef"),
        ("learn", "how to negotiate pay"),
    ]


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ("Biggest question is how long before the first closing.", ("worry", "how long before the first closing")),
        (
            "2L, trying to decide between a PD office and a prosecutor's office.",
            ("worry", "a PD office and a prosecutor's office"),
        ),
        ("is CPSM worth $1k out of pocket", ("question", "is CPSM worth $1k out of pocket")),
        ("but does she ever get a full night's sleep", ("question", "does she ever get a full night's sleep")),
        ("Would also love feedback on my resume.", ("statement", "Would also love feedback on my resume")),
        # A question after the last comma, typed without its mark.
        ("I wear glasses, is that an issue", ("question", "I wear glasses, is that an issue")),
        ("Laid off in May, did mostly hydraulics.", ("statement", "Laid off in May, did mostly hydraulics")),
        ("Graduated in May, which is fun but tiring.", ("statement", "Graduated in May, which is fun but tiring")),
        # Hearsay without "I", and what the seeker has read.
        ("heard dispatchers get calls 24/7", ("worry", "heard dispatchers get calls 24/7")),
        ("I've read hygienists get neck problems.", ("worry", "I've read hygienists get neck problems")),
        ("I have read the book twice.", ("statement", "I have read the book twice")),
    ],
)  # fmt: skip
def test_more_ways_of_asking_are_read(goals: str, expected: tuple[str, str]) -> None:
    assert spans(goals) == [expected]


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # Headings people type before what they want to ask, one question or several.
        (
            "wanna ask: do they care that i don't play an instrument, and is the pay way lower than insurance",
            [
                ("question", "do they care that i don't play an instrument"),
                ("question", "is the pay way lower than insurance"),
            ],
        ),
        (
            "Want to know: does leaving without finishing look bad, do I need a bootcamp, and honestly how do you cope",
            [
                ("question", "does leaving without finishing look bad"),
                ("question", "do I need a bootcamp"),
                ("question", "how do you cope"),
            ],
        ),
        (
            "main q: do consulting firms this size actually sponsor H-1B or should i only apply to the big ones",
            [
                (
                    "question",
                    "do consulting firms this size actually sponsor H-1B or should i only apply to the big ones",
                )
            ],
        ),
        (
            "I'd like to know: with cookies going away, is this skill set obsolete in 3 years?",
            [("question", "with cookies going away, is this skill set obsolete in 3 years?")],
        ),
        # More cues: "no idea", "what scares me most is", "thinking about whether", "kindly advise whether".
        ("I have no idea what to charge per finished hour.", [("worry", "what to charge per finished hour")]),
        ("What scares me most is health insurance.", [("worry", "health insurance")]),
        (
            "thinking about whether to take insurance or stay private pay",
            [("worry", "whether to take insurance or stay private pay")],
        ),
        ("Kindly advise whether I should accept the offer.", [("learn", "whether I should accept the offer")]),
        (
            "I would also like to understand how the fellowship year works.",
            [("learn", "how the fellowship year works")],
        ),
        # A question without its mark after a dash or "so", and "which one" after a comma.
        ("I got a DUI in 2003 — does the board care", [("question", "I got a DUI in 2003 — does the board care")]),
        (
            "broadcast vs NWS, which one is more stable long term",
            [("question", "broadcast vs NWS, which one is more stable long term")],
        ),
        ("I love the job, which is new to me", [("statement", "I love the job, which is new to me")]),
        # A full stop inside a word does not end a concern; "nervous is" is no cue; bare "help with" is no cue.
        ("I want to ask whether B.Ed is compulsory.", [("learn", "whether B.Ed is compulsory")]),
        (
            "What I really want to know is how much charting people do at night.",
            [("learn", "how much charting people do at night")],
        ),
        ("My fear is that my M.Div won't count.", [("worry", "my M.Div won't count")]),
        ("The part that makes me nervous is handling unruly kids.", [("worry", "handling unruly kids")]),
        (
            "I want to ask if the company will help with the working visa.",
            [("learn", "if the company will help with the working visa")],
        ),
        # A question after a goal that asks about the goal is one question with it.
        (
            "I'd like to specialize in older adults, is there enough work in that",
            [("question", "I'd like to specialize in older adults, is there enough work in that")],
        ),
    ],
)
def test_how_people_type_what_they_want_to_ask(goals: str, expected: list[tuple[str, str]]) -> None:
    assert spans(goals) == expected


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # A list's numbering is not part of the item it numbers, whether digits or letters.
        (
            "Want to know: 1) does my military experience help with the FAA 2) how the age cutoff works",
            [("question", "does my military experience help with the FAA"), ("question", "how the age cutoff works")],
        ),
        (
            "Questions: a) is a degree needed b) how important is it to work at a chain",
            [("question", "is a degree needed"), ("question", "how important is it to work at a chain")],
        ),
        # A letter and a bracket inside a word number nothing.
        (
            "My main questions: do employers hire coders with the (CPC-A) designation, or is that a dead end?",
            [
                ("question", "do employers hire coders with the (CPC-A) designation"),
                ("question", "is that a dead end?"),
            ],
        ),
        # A "..." that trails off before a lower-case word goes on with the same sentence; its dots are not kept.
        (
            "Deciding between CRNA school and... honestly just staying bedside.",
            [("worry", "CRNA school and... honestly just staying bedside")],
        ),
        ("I worry about pay... and whether it is enough.", [("worry", "pay"), ("worry", "whether it is enough")]),
        # "do I need to know" asks a question: it is no cue to learn something.
        (
            "also how much excel/modeling do I need to know before applying",
            [("question", "how much excel/modeling do I need to know before applying")],
        ),
        ("do i need to learn figma??", [("question", "do i need to learn figma??")]),
        # A question mark inside brackets ends neither the sentence nor the concern.
        (
            "what certs (ETCP? SPRAT?) should I get first, and how do you get past the fear of heights?",
            [
                ("question", "what certs (ETCP? SPRAT?) should I get first"),
                ("question", "how do you get past the fear of heights?"),
            ],
        ),
        (
            "I want to understand what roles would use my skills (CFO, grants?) and how big a pay cut to expect.",
            [("learn", "what roles would use my skills (CFO, grants?)"), ("learn", "how big a pay cut to expect")],
        ),
        # A sentence that starts with an item's number and numbers another is a list, even with no heading left.
        (
            "(2) how does sync licensing make money for a publisher (3) I've heard Nashville runs on who-you-know",
            [
                ("question", "how does sync licensing make money for a publisher"),
                ("worry", "I've heard Nashville runs on who-you-know"),
            ],
        ),
        # Whom the seeker wants to hear it from is not part of the concern.
        (
            "I want to hear from someone who made the jump whether the pension math favors staying.",
            [("learn", "whether the pension math favors staying")],
        ),
        # "because of …" belongs to the clause; "stuck between" weighs a choice; "I hear …" is something heard.
        (
            "I want to know if the job is going away because of AI translation.",
            [("learn", "if the job is going away because of AI translation")],
        ),
        ("I'm stuck between MSW and a counseling master's.", [("worry", "MSW and a counseling master's")]),
        ("I hear the brokers pay very little.", [("worry", "I hear the brokers pay very little")]),
        # Someone else's "need to know" is no cue: "floor people need to know every regular by name".
        (
            "I hear floor people need to know every regular by name.",
            [("worry", "I hear floor people need to know every regular by name")],
        ),
        # "or is not needed" has no subject of its own: one question.
        ("Should I try PE license or is not needed?", [("question", "Should I try PE license or is not needed?")]),
    ],
)
def test_numbered_lists_trailing_dots_and_questions_that_look_like_cues(
    goals: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(goals) == expected


def test_a_single_item_after_a_heading_that_is_no_question_is_read_whole() -> None:
    goals = "Honest question: when our dog was put to sleep I couldn't stop crying for a week."
    assert [kind for kind, _ in spans(goals)] == ["statement"]


@pytest.mark.parametrize(
    "goals", ["What should I do, I want to become a nurse", "Is it worth it, I hope to open a bakery next year"]
)
def test_a_goal_after_the_last_comma_of_a_question_is_never_cut_to_nothing(goals: str) -> None:
    # The comma before a goal is no question's start: the goal keeps its words (it was read as an empty span).
    found = extract_concerns(goals)
    assert found and all(c.text and c.text == goals[c.start : c.end] for c in found)
    assert ("goal", goals.split(", ")[1]) in spans(goals)


def test_a_long_concern_has_its_clauses_as_views() -> None:
    assert concern_views("burnout and night shifts") == []
    assert concern_views(
        "I've heard a lot about burnout and staffing on labour wards at the moment, so I want an honest picture"
    ) == ["a lot about burnout and staffing on labour wards at the moment", "I want an honest picture"]
    assert concern_views(
        "how do people make the jump, since most CRA roles ask for 2 years of monitoring experience"
    ) == [
        "how do people make the jump",
        "most CRA roles ask for 2 years of monitoring experience",
    ]


def test_a_long_run_of_clauses_gives_a_bounded_number_of_views() -> None:
    text = ", ".join(f"whether option {n} pays well" for n in range(40))
    assert len(concern_views(text)) == MAX_VIEWS


@pytest.mark.parametrize(
    "goals",
    [
        "I'm trying to understand how licensing works, and I've heard caseloads are insane.",
        "I'd like to know whether I'm too old at 52. I don't know if my age will count against me.",
        "We're hoping to learn what the pay's like; I can't do nights.",
    ],
)
def test_typographic_apostrophes_read_as_plain_ones_and_keep_the_seekers_text(goals: str) -> None:
    curly = goals.replace("'", "’")
    plain, typed = extract_concerns(goals), extract_concerns(curly)
    assert [(c.kind, c.start, c.end) for c in typed] == [(c.kind, c.start, c.end) for c in plain]
    assert all(c.text == curly[c.start : c.end] and "’" in curly for c in typed)
    assert [write_question(c) for c in typed] == [write_question(c) for c in plain]


def test_no_break_spaces_and_tabs_read_as_spaces() -> None:
    goals = "I'm worried about night shifts and I'd like to know how the residency works."
    for typed in (goals.replace(" ", "\u00a0"), goals.replace(" ", "\t")):
        assert [(c.kind, c.start, c.end) for c in extract_concerns(typed)] == [
            (c.kind, c.start, c.end) for c in extract_concerns(goals)
        ]
        assert all(c.text == typed[c.start : c.end] for c in extract_concerns(typed))


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # A full stop typed without its space still ends a sentence after a lower-case word…
        (
            "I want to know if employers pay for it.And honestly how do crews treat women?",
            [("learn", "if employers pay for it"), ("question", "honestly how do crews treat women?")],
        ),
        ("My knees are shot.I want to know if estimating is a desk job.", None),
        # …but not inside an abbreviation or a degree.
        (
            "I've heard the D.Clin.Psych is near impossible to get onto.",
            [("worry", "I've heard the D.Clin.Psych is near impossible to get onto")],
        ),
        ("I live in St.Louis and I want to know how hiring works.", [("learn", "how hiring works")]),
    ],
)
def test_a_full_stop_typed_without_its_space(goals: str, expected: list[tuple[str, str]] | None) -> None:
    found = spans(goals)
    if expected is not None:
        assert found == expected
    typed = goals.replace(".I want", ". I want")
    assert [k for k, _ in found] == [k for k, _ in spans(typed)]


def test_an_abbreviation_keeps_its_sentence_whole() -> None:
    (concern,) = extract_concerns("I live in St.Louis and I want to know how hiring works.")
    assert concern.sentence == "I live in St.Louis and I want to know how hiring works."


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # Two questions typed one after the other with a comma: two concerns.
        (
            "What are the real chances, how do they pay, and should I first work locally?",
            [
                ("question", "What are the real chances"),
                ("question", "how do they pay"),
                ("question", "should I first work locally?"),
            ],
        ),
        (
            "how do you price jobs, do i need a contractor license, how do you get commercial accounts",
            [
                ("question", "how do you price jobs"),
                ("question", "do i need a contractor license"),
                ("question", "how do you get commercial accounts"),
            ],
        ),
        # Not after a clause that leads into the question, a statement, or a phrase too short to ask anything;
        # not before a question about what came first.
        ("When you started, how did you find clients?", [("question", "When you started, how did you find clients?")]),
        (
            "The program takes 20 months, can I do it at night while working?",
            [("question", "The program takes 20 months, can I do it at night while working?")],
        ),
        ("Is it worth it, how long does it take?", [("question", "Is it worth it, how long does it take?")]),
        (
            "how do people get hired at podcast networks, is it all contract work now",
            [("question", "how do people get hired at podcast networks, is it all contract work now")],
        ),
    ],
)
def test_a_second_question_after_a_comma_is_a_concern_of_its_own(goals: str, expected: list[tuple[str, str]]) -> None:
    assert spans(goals) == expected


def test_whom_the_seeker_will_ask_is_not_part_of_the_concern() -> None:
    assert spans("I want to ask sir about whether core companies hire freshers off campus.") == [
        ("learn", "whether core companies hire freshers off campus")
    ]
    assert spans("I want to ask prof what industry people think about MS vs PhD.") == [
        ("learn", "what industry people think about MS vs PhD")
    ]


def test_a_difference_between_two_things_is_one_item() -> None:
    assert spans("I want to ask about the difference between retail and hospital work, and shift patterns.") == [
        ("learn", "the difference between retail and hospital work"),
        ("learn", "shift patterns"),
    ]


def test_a_list_after_worried_about_and_a_colon_gives_one_worry_per_item() -> None:
    assert spans("Worried about: being away for weeks, whether income is feast-or-famine, and licensing.") == [
        ("worry", "being away for weeks"),
        ("worry", "whether income is feast-or-famine"),
        ("worry", "licensing"),
    ]
