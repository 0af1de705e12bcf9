"""The etiquette guard: what the guide recommends is never flagged, job requests are, and a suggestion keeps
the question's intent (the issue's examples). Rewording rules run fast; the guard needs the real model."""

from __future__ import annotations

import pytest

from infoquest.rewording import _plural, reword

JUNIOR = "Any chance your firm needs a junior engineer this fall?"
RESUME = "Could you pass my résumé to your hiring manager?"
KEEP = "Would you keep me in mind if anything opens up?"


@pytest.mark.parametrize(
    ("question", "suggestion"),
    [
        (JUNIOR, "How does your firm usually bring on junior engineers, and when do those roles open?"),
        (RESUME, "What makes a résumé stand out to hiring managers where you work?"),
        ("Can you forward my CV to the lab manager?", "What makes a résumé stand out to lab managers where you work?"),
        (
            "Would you slip my resume to whoever does the hiring?",
            "What makes a résumé stand out to the people who hire where you work?",
        ),
        (KEEP, "Who else would you suggest I talk to about this field, and may I mention that you sent me?"),
        (
            "Please keep me in mind for a paralegal position.",
            "Who else would you suggest I talk to about how people become paralegals, and may I mention that you "
            "sent me?",
        ),
        (
            "Is there a chance your studio needs another junior designer this spring?",
            "How does your studio usually bring on junior designers, and when do those roles open?",
        ),
        (
            "Would you ever consider me for the clinical coordinator spot?",
            "How do clinical coordinators usually get hired in this field, and when do those roles open?",
        ),
        (
            "After our call, could you recommend me to your team lead for the QA tester role?",
            "How does your team usually bring on QA testers, and when do those roles open?",
        ),
        (
            "Might there be a place for me in your department next year?",
            "How does your department usually bring on new people, and when do those roles open?",
        ),
        # A recommendation to someone named: what they look for, not an unrelated curated question.
        (
            "Could you put in a good word for me with HR?",
            "What does HR where you work look for when it hires someone at my stage?",
        ),
        (
            "Could you recommend me to your boss?",
            "What do bosses where you work look for when they hire someone at my stage?",
        ),
        (
            "Would you vouch for me with the head chef?",
            "What do head chefs where you work look for when they hire someone at my stage?",
        ),
        (
            "Could you recommend me to the recruiter about the role?",
            "What do recruiters where you work look for when they hire someone at my stage?",
        ),
        # A recommendation for a role: how that role is filled.
        (
            "Could you recommend me for the paralegal position?",
            "How do paralegals usually get hired in this field, and when do those roles open?",
        ),
        # "Tell me when something opens", in either order.
        (
            "If a position opens up, would you let me know first?",
            "How do people usually hear about openings on teams like yours before they are posted?",
        ),
        (
            "Can you text me when something opens up in your lab?",
            "How do people usually hear about openings at your lab before they are posted?",
        ),
        # Internships and the like are applied for, not become: never "How do internships get hired".
        (
            "Would you consider me for an internship this summer?",
            "How do people usually land internships in this field, and when do they open?",
        ),
        (
            "Could your hospital offer me a residency spot?",
            "How does your hospital usually choose people for residencies, and when do they open?",
        ),
        (
            "Would you keep me in mind for an internship?",
            "Who else would you suggest I talk to about this field, and may I mention that you sent me?",
        ),
    ],
)  # fmt: skip
def test_reword_keeps_the_intent_in_the_seekers_own_words(question: str, suggestion: str) -> None:
    assert reword(question) == suggestion


@pytest.mark.parametrize("question", ["Are you hiring?", "Could you see me working alongside you?"])
def test_reword_gives_up_when_no_pattern_fits(question: str) -> None:
    assert reword(question) is None


@pytest.mark.parametrize(
    ("noun", "plural"),
    [("junior engineer", "junior engineers"), ("secretary", "secretaries"), ("attorney", "attorneys"),
     ("coach", "coaches"), ("analysts", "analysts"), ("hr", "HR")],
)  # fmt: skip
def test_plural(noun: str, plural: str) -> None:
    assert _plural(noun) == plural


# --- the trained guard (real model) ------------------------------------------------------------------------

GUIDE_RECOMMENDS = [
    "Do you know anyone else I should talk to about opening a contracting business?",
    "Would you mind if I followed up with you in a few months?",
    "Could I shadow you for a day on the unit?",
    "Would you look over my résumé and tell me what you would change?",
    "May I connect with you on LinkedIn and keep you posted on how my search goes?",
    "How does your team usually decide whom to hire for entry-level roles?",
    "Could you introduce me to someone on your team who made the switch from teaching?",
    "What companies might be interested in hiring someone with my qualifications?",
]
JOB_REQUESTS = [
    JUNIOR,
    RESUME,
    KEEP,
    "Introduce me to your hiring manager so I can get an interview?",
    "Can you give me a job at your company?",
    "Are you hiring?",
]


#: Both shipped guards: the static one is what ``pip install infoquest`` (no torch) checks with.
@pytest.fixture(scope="module", params=["static", pytest.param("minilm", marks=pytest.mark.slow)])
def guard(request):
    from infoquest.encoders import resolve_encoder
    from infoquest.etiquette import EtiquetteGuard

    return EtiquetteGuard(resolve_encoder(request.param))


@pytest.mark.slow
@pytest.mark.parametrize("question", GUIDE_RECOMMENDS)
def test_what_the_guide_recommends_is_not_flagged(guard, question: str) -> None:
    assert not guard.check([question])[0].asks_for_job


@pytest.mark.slow
def test_job_requests_are_flagged_and_every_suggestion_passes_the_guard(guard) -> None:
    verdicts = guard.check(JOB_REQUESTS)
    assert [v.asks_for_job for v in verdicts] == [True] * len(JOB_REQUESTS)
    suggestions = [v.suggestion for v in verdicts]
    assert all(suggestions), suggestions
    assert not any(v.asks_for_job for v in guard.check([s for s in suggestions if s]))


@pytest.mark.slow
def test_the_issues_suggestions_keep_the_intent(guard) -> None:
    junior, resume, keep = guard.check([JUNIOR, RESUME, KEEP])
    assert junior.suggestion == "How does your firm usually bring on junior engineers, and when do those roles open?"
    assert resume.suggestion == "What makes a résumé stand out to hiring managers where you work?"
    assert keep.suggestion and "talk to" in keep.suggestion


@pytest.mark.slow
def test_without_a_pattern_the_suggestion_comes_from_the_labelled_or_curated_questions(guard) -> None:
    from infoquest.corpus import default_corpus

    (verdict,) = guard.check(["Are you hiring?"])
    labelled = {pair["suggestion"] for pair in guard.head.info["suggestions"]}
    curated = {q.text for q in default_corpus()}
    assert verdict.suggestion in labelled | curated


def test_the_shipped_guard_is_stamped_with_its_encoder_and_suggestions() -> None:
    from infoquest.heads import load_heads
    from infoquest.trained import FOLDERS

    for model_id, folder in FOLDERS.items():  # one guard per encoder, each stamped with its own
        head = load_heads("etiquette", folder)["asks_for_job"]
        assert head.model_id == model_id
        assert head.info["test_f1"] >= 0.92
    assert all(pair["text"] and pair["suggestion"] for pair in head.info["suggestions"])
    assert len(head.info["suggestions"]) >= 300


def test_labelled_suggestions_with_chat_spellings_are_never_offered() -> None:
    from infoquest.encoders import resolve_encoder
    from infoquest.etiquette import EtiquetteGuard, _well_written

    guard = EtiquetteGuard(resolve_encoder("static"))
    raw = [pair["suggestion"] for pair in guard.head.info["suggestions"]]
    offered, vectors = guard._labelled
    assert any(not _well_written(s) for s in raw)  # the labelled data keeps seekers' spellings on purpose
    assert len(offered) == len(vectors) > 300
    assert all(_well_written(s) for s in offered)
    assert not _well_written("what do u think would make me a strong hire?")
    assert not _well_written("Im graduating in May; what should I focus on?")
    assert _well_written("What do you think would make me a strong hire?")
