from __future__ import annotations

import json

import numpy as np
import pytest

from infoquest import InputError, Profile, ProfileError, Recommender
from infoquest.selection import NEAR_DUPLICATE


@pytest.fixture(scope="module")
def rec(tmp_path_factory):
    from infoquest.encoders import HashingEncoder

    return Recommender(
        encoder=HashingEncoder(dimension=128), trained=False, cache_dir=tmp_path_factory.mktemp("rec-cache")
    )


def test_rank_returns_every_eligible_question_once_concern_answers_first(rec, profile):
    ranked = rec.rank(profile)
    ids = [r.question.id for r in ranked]
    assert len(ids) == len(set(ids))
    # Every question with no premise is ranked; of those with one, only a matter the seeker's goals raise can
    # hold here (no shared school, earlier meeting … in this profile).
    assert {q.id for q in rec.corpus if not q.requires} <= set(ids)
    assert all(set(rec.corpus.get(i).requires) <= {"raised_by_seeker"} for i in ids)
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    # The questions that answer the seeker's concerns come first; after them, best first by score.
    first_plain = next(n for n, r in enumerate(ranked) if not r.concerns)
    assert all(r.concerns for r in ranked[:first_plain])
    scores = [r.score for r in ranked[first_plain:] if not r.concerns]
    assert scores == sorted(scores, reverse=True)


def test_results_are_immutable_and_json_serialisable(rec, profile):
    first = rec.recommend(profile, k=3)[0]
    data = json.loads(json.dumps(first.to_dict()))
    assert set(data) == {"id", "text", "category", "score", "rank", "reasons", "source", "concerns"}
    assert json.loads(first.model_dump_json())["question"]["id"] == first.question.id
    with pytest.raises(Exception):  # noqa: B017 - frozen pydantic model
        first.score = 0.0  # type: ignore[misc]


def test_batch_and_single_forms_agree(rec, profile):
    other = Profile(goals="I want to become a nurse and need a summer internship", role="nurse manager")
    batch = rec.rank_many([profile, other])
    assert [r.question.id for r in batch[1]] == [r.question.id for r in rec.rank(other)]
    assert [r.question.id for r in batch[0]] == [r.question.id for r in rec.rank(profile)]
    assert rec.rank_many([]) == []


def test_all_three_inputs_shape_the_ranking(rec, profile):
    base = [r.question.id for r in rec.rank(profile)[:20]]
    for change in (
        {"goals": "How do salaries and promotions work in banking?"},
        {"role": "retired newspaper editor"},
        {"resume": "Nursing student, expected May 2028. Hospital volunteer 2024 - Present."},
    ):
        changed = Profile(**{**profile.model_dump(), **change})
        assert [r.question.id for r in rec.rank(changed)[:20]] != base, change


@pytest.mark.parametrize("k", [1, 5, 8, 10, 20])
def test_recommend_selects_a_diverse_set_in_the_guides_order(rec, profile, k):
    recs = rec.recommend(profile, k=k)
    assert len(recs) == k and [r.rank for r in recs] == list(range(1, k + 1))
    vectors = rec.encoder.encode([r.question.text for r in recs])
    sims = vectors @ vectors.T - np.eye(k) * 2
    assert sims.max() < NEAR_DUPLICATE
    categories = [r.question.category for r in recs]
    if k >= 5:
        assert len(set(categories)) >= 2
    if k >= 8:
        assert any(r.question.category == "Referrals and Closing" or "referrals" in r.question.topics for r in recs)
    assert not recs[0].question.sensitive
    org = [c == "About the Organization" for c in categories]
    assert org == sorted(org), "organisation questions come after the others"


@pytest.mark.parametrize("k", [0, -1, 101, 2.5, "3"])
def test_bad_k_is_a_typed_error(rec, profile, k):
    with pytest.raises(InputError, match="k must be"):
        rec.recommend(profile, k=k)


def test_a_profile_needs_goals_or_a_resume():
    with pytest.raises(ProfileError, match="empty"):
        Profile(goals="  ", resume="", role="nurse")
    assert Profile(resume="Experience: welder 2010 - Present").goals == ""
    assert Profile(goals="Become a welder").resume == ""


def test_profile_errors_never_echo_the_resume():
    secret = "Zanzibar-unique-marker " * 20_000
    with pytest.raises(ProfileError) as info:
        Profile(goals="x", resume=secret)
    assert "Zanzibar" not in str(info.value)
    assert "Zanzibar" not in repr(Profile(goals="x", resume="Zanzibar at 2020 - Present"))


def test_explain_profile_reports_overrides(rec, profile):
    given = Profile(**{**profile.model_dump(), "stage": "returning", "interviewee": "recruiter"})
    insight = rec.explain_profile(given)
    assert insight.seeker.stage == "returning" and insight.seeker.source == "given"
    assert insight.interviewee.kind == "recruiter" and insight.interviewee.source == "given"
    assert insight.interviewee.kind_probs["recruiter"] == 1.0


def test_overriding_the_interviewee_changes_what_fits(rec, profile):
    as_retired = Profile(**{**profile.model_dump(), "interviewee": "retired"})
    top = rec.recommend(as_retired, k=10)
    # Concern answers are exempt (the seeker asked); the questions that fill the set must suit a retiree.
    unsuited = [
        r for r in top if not r.concerns and r.question.interviewees and "retired" not in r.question.interviewees
    ]
    assert len(unsuited) <= 1, [r.question.text for r in unsuited]


def test_reasons_quote_the_seekers_own_words(rec):
    goal = "What type of skills and knowledge are needed to perform your job well?"
    profile = Profile(goals=f"I am changing careers. {goal}", role="hiring manager")
    recs = {r.question.id: r for r in rec.rank(profile)[:30]}
    assert "G22" in recs, "the guide question the goal paraphrases ranks near the top"
    assert f'Answers your question: "{goal}"' in recs["G22"].reasons
    for r in recs.values():
        for reason in r.reasons:
            if reason.startswith(("Matches your goal", "Answers your")):
                assert reason.split('"')[1].rstrip("…") in profile.goals


def test_explain_shows_a_concern_answered_unsurely_with_its_written_question(rec, profile):
    from infoquest.render import render_insight

    insight = rec.explain_profile(profile)
    concern = insight.concerns[0].model_copy(
        update={"kind": "worry", "question_id": "Q0001", "written": "Is it true that caseloads are insane?"}
    )
    text = render_insight(insight.model_copy(update={"concerns": (concern,)}))
    assert "answered by Q0001, unsurely; also written: Is it true that caseloads are insane?" in text
    alone = render_insight(insight.model_copy(update={"concerns": (concern.model_copy(update={"written": None}),)}))
    assert "answered by Q0001\n" in alone + "\n" and "unsurely" not in alone


def test_a_referral_ask_gives_the_guides_reason_and_quotes_no_goal_or_resume_line(rec, profile):
    from infoquest.reasons import REFERRAL_REASON

    referral = {q.id for q in rec.corpus if "referrals" in q.topics}
    picks = [r for r in rec.recommend(profile, k=10) if r.question.id in referral]
    assert picks, "every set of 10 holds a referral ask"
    for pick in picks:
        # "Do you know of other professionals…" is near some goal or résumé line by chance; that is not why.
        assert REFERRAL_REASON in pick.reasons
        assert not any(r.startswith(("Matches your goal", "Builds on your résumé")) for r in pick.reasons)
    ranked = {r.question.id: r for r in rec.rank(profile)}
    assert all(REFERRAL_REASON in ranked[q].reasons for q in referral if q in ranked)


def test_typographic_apostrophes_change_nothing_but_the_quoted_text(rec):
    from infoquest import Profile

    plain = Profile(
        goals="I'm a nurse and I'd like to know whether night shifts ever end. I've heard burnout is common.",
        resume="RN, two years on a med-surg floor; I've precepted new grads.",
        role="my cousin's wife, she's a charge nurse",
    )
    typed = Profile(**{f: getattr(plain, f).replace("'", "’") for f in ("goals", "resume", "role")})
    assert [r.question.id for r in rec.recommend(typed, k=10)] == [r.question.id for r in rec.recommend(plain, k=10)]
    assert [r.question.id for r in rec.rank(typed)] == [r.question.id for r in rec.rank(plain)]


def test_the_encoder_reads_plain_apostrophes(tmp_path):
    from infoquest import Profile, Recommender
    from infoquest.encoders import HashingEncoder

    seen: list[str] = []

    class Spy(HashingEncoder):
        def encode(self, texts, **kwargs):
            seen.extend(texts)
            return super().encode(texts, **kwargs)

    spy = Recommender(encoder=Spy(dimension=64), trained=False, cache_dir=tmp_path)
    spy.recommend(Profile(goals="I’d like to know how “on call” works. I’ve heard it’s brutal.", role="ICU nurse"), k=5)
    read = [t for t in seen if "on call" in t]
    assert read and not any(ch in t for t in read for ch in "’“”")
