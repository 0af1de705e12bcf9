from __future__ import annotations

from datetime import date

import pytest

from infoquest.seeker import goal_sentences, timeline_prior
from infoquest.timeline import read_timeline

TODAY = date(2026, 11, 26)


def test_ongoing_work_counts_years_to_today():
    t = read_timeline("Nurse, City Hospital, Jun 2016 – Present\nAide, 2014 - 2016", today=TODAY)
    assert t.ongoing and t.gap_years is None
    assert t.experience_years == pytest.approx(12.4, abs=0.1)


def test_a_gap_is_the_time_since_the_last_role():
    t = read_timeline("Accountant, Firm, Mar 2012 – Jun 2022", today=TODAY)
    assert not t.ongoing
    assert t.gap_years == pytest.approx(4.4, abs=0.2)
    assert timeline_prior(t)["returning"] == max(timeline_prior(t).values())


def test_expected_graduation_marks_a_student():
    t = read_timeline("B.S. Nursing, expected May 2028\nBarista, 2023 – Present", today=TODAY)
    assert t.expected_graduation == 2028
    assert max(timeline_prior(t), key=timeline_prior(t).get) == "student"


def test_no_dates_means_no_opinion():
    t = read_timeline("Skills: welding, blueprint reading", today=TODAY)
    assert t.experience_years is None
    assert len(set(timeline_prior(t).values())) == 1


def test_goal_sentences_split_sentences_and_merge_fragments():
    assert goal_sentences("I want a summer internship in nursing. What do nurses earn in year one?") == [
        "I want a summer internship in nursing.",
        "What do nurses earn in year one?",
    ]
    assert goal_sentences("Internship. I want a summer role in nursing!\nAlso salary?") == [
        "Internship. I want a summer role in nursing! Also salary?"
    ]
