"""The two seekers from the concern issue, with the real default model: their specific concerns come out."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoquest import Profile, Recommendation, Recommender

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "resumes"


@pytest.fixture(scope="module")
def rec() -> Recommender:
    return Recommender()


def test_the_nursing_students_concerns_are_answered(rec: Recommender) -> None:
    profile = Profile.from_files(
        resume=EXAMPLES / "maya_chen_student.pdf",
        goals="I graduate next May and want to work in pediatric oncology. Should I do a new-grad residency or "
        "start on a med-surg floor first? I'm worried about burnout and night shifts. Does being bilingual in "
        "Cantonese help?",
        role="charge nurse on the pediatric oncology unit at UC Davis Medical Center, also a clinical instructor",
    )
    insight = rec.explain_profile(profile)
    assert insight.interviewee.kind == "practitioner"
    top = rec.recommend(profile, k=10)
    texts = " ".join(r.question.text.lower() for r in top)
    assert "burnout" in texts and "night shift" in texts
    assert "bilingual" in texts or "second language" in texts
    answered = {c for r in top for c in r.concerns}
    assert {"burnout", "night shifts", "Does being bilingual in Cantonese help?"} <= answered
    assert any(r.reasons and r.reasons[0].startswith('Answers your worry: "burnout"') for r in top)


def test_the_electricians_business_concerns_are_answered(rec: Recommender) -> None:
    profile = Profile.from_files(
        resume=EXAMPLES / "luis_ortega.docx",
        goals="I'm a licensed electrician starting my own contracting business. I want to learn how to price bids "
        "without underbidding, handle cash flow in the first year and know when to hire.",
        role="owner of a 25-person plumbing company",
    )
    top = [r.question.text.lower() for r in rec.recommend(profile, k=10)]
    assert any("cash flow" in t for t in top)
    assert any("price" in t or "pricing" in t for t in top)
    assert any("hire" in t or "first employee" in t for t in top)
    assert not any("salary expectations" in t for t in top)
    assert not any("positions would my experience qualify" in t for t in top)


def picks_for(rec: Recommender, goals: str, role: str, kind: str) -> list[Recommendation]:
    """The set of 10 for a seeker with no résumé, after checking the interviewee is read as ``kind``."""
    profile = Profile(goals=goals, role=role)
    assert rec.explain_profile(profile).interviewee.kind == kind
    return rec.recommend(profile, k=10)


def test_a_retired_interviewee_still_answers_a_pay_concern(rec: Recommender) -> None:
    # The bank tags pay questions for working interviewees; a retired court reporter can still speak to pay, and
    # judges who saw the interviewee say so. A concern's answer is not held to the interviewee's kind.
    top = picks_for(
        rec,
        "I'm halfway through a court reporting program. Can you actually live on the pay in this job? How hard is it "
        "to reach 225 words a minute?",
        "retired after 35 years as a court reporter, my mom's cousin",
        "retired",
    )
    pay = [r for r in top if any("pay" in c for c in r.concerns)]
    assert pay and any("earning" in r.question.text or "salary" in r.question.text for r in pay)


def test_a_concern_is_answered_by_a_question_the_bank_does_not_tag_for_this_interviewee(rec: Recommender) -> None:
    # The bank tags "what do people find hardest to live with over the years" for practitioners, leaders and
    # retirees; a recruiter at a contractor has seen enough careers to answer it, and the seeker asked.
    top = picks_for(
        rec,
        "I'm finishing an HVAC certificate. Is it better to join the union apprenticeship or go non-union? How do "
        "people handle the physical toll after 40?",
        "recruiter at a commercial HVAC contractor",
        "recruiter",
    )
    toll = [r for r in top if "How do people handle the physical toll after 40?" in r.concerns]
    assert toll and all(r.source == "bank" for r in toll)
    assert any("recruiter" not in r.question.interviewees for r in toll)


def test_a_stylist_who_rents_a_chair_is_read_as_running_her_own_business(rec: Recommender) -> None:
    # Renting a chair, a room or a booth in someone else's salon or clinic is self-employment: questions about
    # running a business need the interviewee to run one, and a stylist on a chair rent does.
    top = picks_for(
        rec,
        "I'm in cosmetology school and want to work for myself one day. What does running your own business involve "
        "beyond doing hair?",
        "my friend Tasha, does hair out of a rented chair at a salon in Denver",
        "business_owner",
    )
    business = [r for r in top if "owns_business" in r.question.requires]
    assert business and any("running your own business" in r.question.text for r in business)


MANY_CONCERNS = [
    (
        "I'm a paralegal thinking about law school. Is retaking the LSAT at 158 worth it? How do firms view "
        "part-time JD programs? Will my student debt limit where I can work? I'm worried about burnout in litigation.",
        "litigation partner at a mid-size firm",
    ),
    (
        "I'm a line cook hoping to become a food scientist. Do I need a master's? Will my kitchen years count? How do "
        "R&D teams feel about people without lab experience? I worry about the pay cut.",
        "senior food scientist at a snack company",
    ),
    (
        "I'm a high school chemistry teacher thinking about pharma QA. Do QA managers value teaching? Which "
        "certifications matter? How steep is the pay jump? I'm anxious about shift work in manufacturing.",
        "quality assurance manager at a generic drug plant",
    ),
]


@pytest.mark.parametrize(("goals", "role"), MANY_CONCERNS)
def test_a_set_full_of_concern_answers_still_asks_for_referrals(rec: Recommender, goals: str, role: str) -> None:
    # Four or five concerns, some answered unsurely: their answers and the questions written from the seeker's
    # words once filled all ten places, and the guide's referral ask was lost.
    top = rec.recommend(Profile(goals=goals, role=role), k=10)
    assert len(top) == 10
    assert 1 <= sum(r.source == "goals" for r in top) <= 2
    assert any(r.question.category == "Referrals and Closing" or "referrals" in r.question.topics for r in top)


def test_a_fragment_of_a_question_is_not_written_and_does_not_break_the_set(rec: Recommender) -> None:
    # "(TX? FL?)" reads as the questions "TX?" and "FL?"; the question written from "FL?" was too short to be a
    # Question, and recommend() raised a validation error instead of returning a set.
    goals = (
        "Thinking of becoming an independent CAT adjuster. Which state licenses should I get first (TX? FL?) And "
        "how often do homeowners get aggressive when the number is low?"
    )
    picks = rec.recommend(Profile(goals=goals, role="independent adjuster, 12 years of deployments"), k=10)
    assert len(picks) == 10
    assert all(len(p.question.text.split()) >= 3 for p in picks if p.source == "goals")


def test_a_long_concern_is_matched_by_its_clauses(rec: Recommender) -> None:
    # The whole sentence is a worry; the question that answers it matches its first clause, not the whole.
    profile = Profile(
        goals="I'm a paediatric nurse thinking about midwifery. I've heard a lot about burnout and staffing on labour "
        "wards at the moment, so I want an honest picture.",
        role="community midwife",
    )
    (concern,) = [c for c in rec.explain_profile(profile).concerns if "labour wards" in c.text]
    assert concern.question_id in {"Q0101", "Q0109", "Q0505", "Q0617"}
    picks = {r.question.id for r in rec.recommend(profile, k=10)}
    assert picks & {"Q0101", "Q0109"}


def test_a_question_written_from_two_typed_halves_answers_both_concerns(rec: Recommender) -> None:
    # The reader splits "Do I need coded welds first, how many years onshore?"; the written question asks both
    # halves, so both concerns are the ones it answers.
    profile = Profile(
        goals="Welder, 8 years in shipyards. Do I need coded welds first, how many years onshore?",
        role="offshore welding supervisor",
    )
    written = [p for p in rec.recommend(profile, k=10) if p.source == "goals"]
    joined = [p for p in written if ", and how many years onshore" in p.question.text]
    assert joined, [p.question.text for p in written]
    assert joined[0].concerns == ("Do I need coded welds first", "how many years onshore?")
