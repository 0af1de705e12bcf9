"""End to end with the real model (all-MiniLM-L6-v2 from its package, offline) and real résumé files."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoquest import Profile, Recommender, check_questions, validate_corpus_file

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "resumes"


@pytest.fixture(scope="module")
def rec() -> Recommender:
    return Recommender()


@pytest.mark.parametrize(
    ("role", "kind", "extra"),
    [
        ("Professor of civil engineering", "academic", {}),
        ("retired newspaper editor", "retired", {"retired": True}),
        ("campus recruiter for a Big 4 firm", "recruiter", {"hires": True}),
        (
            "friend of my dad who runs a small electrical contracting business",
            "business_owner",
            {"relationship": "family_connection"},
        ),
        (
            "my roommate's mom, she's a director of engineering at a big cloud company",
            "senior_leader",
            {"relationship": "family_connection"},
        ),
        ("retird newspaper editr", "retired", {}),
        ("county planning dept senior planner", "public_nonprofit", {}),
    ],
)
def test_interviewee_is_understood_from_free_text(rec, role, kind, extra):
    who = rec.explain_profile(Profile(goals="Learn about this career", role=role)).interviewee
    assert who.kind == kind, who
    assert who.source == "inferred"
    for field, value in extra.items():
        assert getattr(who, field) == value, (field, who)


@pytest.mark.parametrize(
    ("resume", "goals", "stage"),
    [
        ("maya_chen_student.pdf", "Find a summer internship in nursing", "student"),
        ("grace_kim_returning.md", "Get back into accounting after years caring for my family", "returning"),
        ("daniel_okafor_two_column.pdf", "Move from teaching science into UX research", "career_changer"),
    ],
)
def test_stage_is_read_from_resume_and_goals(rec, resume, goals, stage):
    profile = Profile.from_files(resume=EXAMPLES / resume, goals=goals, role="a professional in the field")
    assert rec.explain_profile(profile).seeker.stage == stage


@pytest.mark.parametrize("resume", ["daniel_okafor_two_column.pdf", "priya_raman_tables.docx", "samuel_adeyemi.json"])
def test_suggest_on_real_files_gives_ten_explained_questions(rec, resume):
    profile = Profile.from_files(
        resume=EXAMPLES / resume,
        goals="What skills matter most, and how do people find their first role?",
        role="hiring manager in the field",
    )
    recs = rec.recommend(profile, k=10)
    assert len(recs) == 10 and len({r.question.id for r in recs}) == 10
    assert all(r.reasons for r in recs), "every pick is explained"
    assert len({r.question.category for r in recs}) >= 2


def test_the_interviewee_changes_what_is_recommended(rec):
    goals = "I'm a junior studying journalism and want to understand where the industry is going"
    retired = rec.recommend(Profile(goals=goals, role="retired newspaper editor"), k=10)
    recruiter = rec.recommend(Profile(goals=goals, role="recruiter at a big media company"), k=10)
    assert {r.question.id for r in retired} != {r.question.id for r in recruiter}
    # The set is filled with questions for a retired interviewee; a concern's answers may be tagged otherwise.
    fill = [r for r in retired if not r.concerns]
    assert fill and any("retired" in r.question.interviewees for r in retired)
    for r in fill:
        assert not r.question.interviewees or "retired" in r.question.interviewees, r.question.text


def test_the_curated_corpus_passes_its_own_validator():
    report = validate_corpus_file(Path(__file__).resolve().parents[1] / "corpus" / "questions.jsonl")
    assert report.ok, [str(p) for p in report.problems]


def test_guide_examples_from_the_issue_are_judged_right():
    asks = [
        "is your lab taking anyone on this fall? i'd love to join",
        "Could you slip my résumé to whoever does the hiring?",
        "Might there be a place for me in your department next year?",
    ]
    fine = [
        "How can students find summer opportunities in this field?",
        "What companies might be interested in hiring someone with my qualifications?",
        "How do people in your field usually hear about openings?",
        "Do you know of other professionals with whom I might speak?",
    ]
    verdicts = check_questions(asks + fine)
    assert [v.asks_for_job for v in verdicts] == [True] * len(asks) + [False] * len(fine)
    for verdict in verdicts[: len(asks)]:
        assert verdict.suggestion and not check_questions([verdict.suggestion])[0].asks_for_job


def test_a_custom_corpus_never_yields_a_job_request(tmp_path):
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text(
        '{"text": "Are you hiring for your team right now?"}\n'
        '{"text": "Could you pass my resume to the hiring manager for the opening?"}\n'
        '{"text": "What does a typical week look like in your role?"}\n'
        '{"text": "How did you get your start in this field?"}\n'
        '{"text": "Who else would you suggest I talk to?"}\n',
        encoding="utf-8",
    )
    rec = Recommender(corpus=corpus)
    profile = Profile(goals="I want a job at your company", role="hiring manager")
    ids = [r.question.id for r in rec.rank(profile)]
    assert sorted(ids) == ["L3", "L4", "L5"]
    plan = rec.plan(profile, minutes=20)
    assert not {"L1", "L2"} & {q.id for q in plan.questions}


@pytest.mark.parametrize("resume", sorted(p.name for p in EXAMPLES.iterdir() if p.name != "make_resumes.py"))
def test_a_plan_for_every_example_resume_fits_opens_and_closes_right(rec, resume):
    profile = Profile.from_files(
        resume=EXAMPLES / resume,
        goals="I want to learn what this work is really like and how people get in.",
        role="someone working in the field I want to enter",
    )
    for minutes in (20, 25, 30):
        plan = rec.plan(profile, minutes=minutes)
        assert plan.intro_minutes + plan.question_minutes + plan.thanks_minutes == minutes
        assert plan.questions[0].part in ("opening", "job_search")
        assert plan.part("job_search"), "the guide: the first questions help the job search"
        assert plan.questions[-1].part == "closing" and plan.questions[-1].id == "G32"
        assert not any(q.category == "About the Organization" for q in plan.part("core"))
        assert "## Closing: referrals and next steps" in plan.to_markdown()
