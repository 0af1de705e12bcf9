from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoquest.selection import MMR_LAMBDA, NEAR_DUPLICATE, conversation_order, select


def _run(scores, k, *, vectors=None, categories=None, allowed=None, referral=None):
    scores = np.asarray(scores, dtype=float)
    n = len(scores)
    return select(
        scores,
        np.eye(n) if vectors is None else np.asarray(vectors, dtype=float),
        [str(i) for i in range(n)] if categories is None else categories,
        k,
        allowed=np.ones(n, dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool),
        referral=np.zeros(n, dtype=bool) if referral is None else np.asarray(referral, dtype=bool),
    )


def _unit(*components):
    v = np.asarray(components, dtype=float)
    return v / np.linalg.norm(v)


# --- select: hand-checked cases ---------------------------------------------------------------------


def test_orthogonal_distinct_categories_give_the_top_k_by_score():
    rng = np.random.default_rng(7)
    scores = rng.normal(size=30)
    for k in (1, 3, 5, 7):  # below 8, so no referral swap
        reference = [int(i) for i in np.argsort(-scores)[:k]]
        assert _run(scores, k) == reference


def test_orthogonal_top_k_skips_disallowed_questions():
    rng = np.random.default_rng(11)
    scores = rng.normal(size=25)
    allowed = rng.random(25) < 0.6
    ranked = [int(i) for i in np.argsort(-scores) if allowed[i]]
    for k in (1, 4, 6, 12):
        assert _run(scores, k, allowed=allowed) == ranked[:k]


def test_empty_selection_for_k_zero_or_nothing_allowed():
    assert _run([3.0, 2.0, 1.0], 0) == []
    assert _run([3.0, 2.0, 1.0], 2, allowed=[False, False, False]) == []


def test_k_larger_than_the_allowed_pool_returns_every_allowed_question():
    assert sorted(_run([3.0, 2.0, 1.0, 0.5], 10, allowed=[True, False, True, True])) == [0, 2, 3]


def test_exact_duplicate_is_skipped_for_the_next_question():
    vectors = np.eye(4)
    vectors[1] = vectors[0]
    assert _run([4.0, 3.0, 2.0, 1.0], 2, vectors=vectors) == [0, 2]


def test_near_duplicate_threshold_boundary():
    # Two questions with cosine just under / just over NEAR_DUPLICATE, nothing else to choose from.
    below = [_unit(1, 0), _unit(NEAR_DUPLICATE - 0.01, math.sqrt(1 - (NEAR_DUPLICATE - 0.01) ** 2))]
    above = [_unit(1, 0), _unit(NEAR_DUPLICATE + 0.01, math.sqrt(1 - (NEAR_DUPLICATE + 0.01) ** 2))]
    assert _run([2.0, 1.0], 2, vectors=below) == [0, 1]
    assert _run([2.0, 1.0], 2, vectors=above) == [0]


def test_mmr_prefers_a_slightly_less_relevant_novel_question():
    # Q1 is 0.8-similar to Q0; Q2 is a little less relevant but new. For any lambda below ~0.94,
    # MMR takes Q2 before Q1: lambda*0.9 > lambda*0.95 - (1 - lambda)*0.8.
    assert MMR_LAMBDA < 0.94
    vectors = [_unit(1, 0, 0, 0), _unit(0.8, 0.6, 0, 0), _unit(0, 0, 1, 0), _unit(0, 0, 0, 1)]
    assert _run([1.0, 0.95, 0.9, 0.0], 3, vectors=vectors) == [0, 2, 1]


def test_category_cap_is_half_of_k_from_five():
    # Five "A" questions lead the ranking; k=6 allows ceil(6/2)=3 of them.
    categories = ["A"] * 5 + ["B", "C", "D"]
    chosen = _run(np.arange(8, 0, -1.0), 6, categories=categories)
    assert chosen == [0, 1, 2, 5, 6, 7]


def test_category_cap_is_relaxed_when_the_pool_cannot_fill_the_set():
    # k=5 caps "A" at 3; only one "B" exists, so the cap gives way rather than returning 4 questions.
    categories = ["A"] * 5 + ["B"]
    assert _run(np.arange(6, 0, -1.0), 5, categories=categories) == [0, 1, 2, 5, 3]


def test_no_category_cap_below_five():
    assert _run(np.arange(6, 0, -1.0), 4, categories=["A"] * 6) == [0, 1, 2, 3]


def test_referral_swapped_in_for_the_last_pick_from_k_eight():
    referral = np.arange(10) == 9  # the worst-scored question is the only referral
    assert _run(np.arange(10, 0, -1.0), 8, referral=referral) == [0, 1, 2, 3, 4, 5, 6, 9]
    assert _run(np.arange(10, 0, -1.0), 7, referral=referral) == [0, 1, 2, 3, 4, 5, 6]


def test_no_swap_when_a_referral_is_already_chosen():
    referral = (np.arange(10) == 3) | (np.arange(10) == 9)
    assert _run(np.arange(10, 0, -1.0), 8, referral=referral) == list(range(8))


def test_referral_swap_never_brings_in_a_disallowed_question():
    referral = (np.arange(10) == 8) | (np.arange(10) == 9)
    allowed = np.arange(10) != 8
    assert _run(np.arange(10, 0, -1.0), 8, referral=referral, allowed=allowed) == [0, 1, 2, 3, 4, 5, 6, 9]


def test_referral_swap_does_not_bring_in_a_near_duplicate():
    vectors = np.eye(10)
    vectors[9] = vectors[0]  # the only referral says the same as the best question
    chosen = _run(np.arange(10, 0, -1.0), 8, vectors=vectors, referral=np.arange(10) == 9)
    assert not {0, 9} <= set(chosen)


def test_referral_swap_keeps_the_category_cap():
    categories = ["A", "A", "A", "A", "B", "C", "D", "E", "A", "F"]  # k=8: at most 4 "A"
    chosen = _run(np.arange(10, 0, -1.0), 8, categories=categories, referral=np.arange(10) == 8)
    assert sum(categories[i] == "A" for i in chosen) <= 4


# --- select: properties over random small inputs -----------------------------------------------------

_SMALL = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _inputs(draw, *, with_referral: bool = True):
    n = draw(st.integers(1, 30))
    scores = np.array(draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=n, max_size=n)))
    # Each question points along one of a few basis directions: equal directions are exact duplicates.
    directions = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    vectors = np.eye(6)[directions]
    categories = draw(st.lists(st.sampled_from("ABC"), min_size=n, max_size=n))
    allowed = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    referral = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n))) if with_referral else np.zeros(n, bool)
    k = draw(st.integers(1, 12))
    return scores, vectors, categories, allowed, referral, k, directions


@_SMALL
@given(_inputs())
def test_select_returns_distinct_allowed_indices(case):
    scores, vectors, categories, allowed, referral, k, _ = case
    chosen = select(scores, vectors, categories, k, allowed=allowed, referral=referral)
    assert len(chosen) == len(set(chosen)) <= k
    assert all(allowed[i] for i in chosen)
    if k >= 8 and chosen and referral[allowed].any() and not any(referral[i] for i in chosen):
        # The referral rule yields only to the near-duplicate rule: every referral left out repeats a pick.
        for r in np.flatnonzero(referral & allowed):
            assert max(float(vectors[r] @ vectors[c]) for c in chosen) >= NEAR_DUPLICATE


@_SMALL
@given(_inputs(with_referral=False))
def test_select_never_keeps_two_near_duplicates_and_fills_what_it_can(case):
    scores, vectors, categories, allowed, referral, k, directions = case
    chosen = select(scores, vectors, categories, k, allowed=allowed, referral=referral)
    picked = vectors[chosen]
    sims = picked @ picked.T - 2 * np.eye(len(chosen))
    assert len(chosen) < 2 or sims.max() < NEAR_DUPLICATE
    # Brute force: with at most 30 questions the whole allowed set is the pool, so the set is as large as
    # the number of distinct directions among allowed questions allows.
    distinct = {d for d, ok in zip(directions, allowed, strict=True) if ok}
    assert len(chosen) == min(k, len(distinct))


@_SMALL
@given(
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=1, max_size=30),
    st.lists(st.sampled_from("ABCDE"), min_size=30, max_size=30),
    st.integers(5, 12),
)
def test_category_cap_holds_whenever_other_categories_can_fill(scores, categories, k):
    n = len(scores)
    categories = categories[:n]
    chosen = _run(scores, k, categories=categories)
    cap = math.ceil(k / 2)
    counts = {c: sum(categories[i] == c for i in chosen) for c in set(categories)}
    # Brute force: the cap binds unless fewer than k questions exist once each category is capped.
    if sum(min(categories.count(c), cap) for c in set(categories)) >= k:
        assert max(counts.values()) <= cap
    assert len(chosen) == min(k, n)


# --- conversation_order ------------------------------------------------------------------------------


def _order(chosen, scores, organisation, sensitive):
    return conversation_order(
        chosen, np.asarray(scores, dtype=float), np.asarray(organisation, bool), np.asarray(sensitive, bool)
    )


def test_best_first_when_nothing_is_special():
    assert _order([2, 0, 1], [1.0, 3.0, 2.0], [0, 0, 0], [0, 0, 0]) == [1, 2, 0]


def test_organisation_questions_come_last():
    scores = [5.0, 4.0, 3.0, 2.0]
    organisation = [1, 0, 1, 0]
    assert _order([0, 1, 2, 3], scores, organisation, organisation) == [1, 3, 0, 2]


def test_first_question_is_never_sensitive_when_a_plain_one_exists():
    # The best question is sensitive pay talk: the best plain one moves up, the rest keep their order.
    assert _order([0, 1, 2, 3], [5.0, 4.0, 3.0, 2.0], [0, 0, 0, 0], [1, 1, 0, 0]) == [2, 0, 1, 3]


def test_all_sensitive_stays_best_first():
    assert _order([0, 1, 2], [1.0, 3.0, 2.0], [0, 0, 0], [1, 1, 1]) == [1, 2, 0]


def test_order_of_nothing_is_nothing():
    assert _order([], [1.0], [0], [0]) == []


@_SMALL
@given(st.data())
def test_conversation_order_properties(data):
    n = data.draw(st.integers(1, 20))
    scores = np.array(data.draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=n, max_size=n)))
    organisation = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    # As in the corpus: organisation questions are always sensitive.
    sensitive = organisation | np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    chosen = data.draw(st.permutations(range(n)))
    ordered = conversation_order(chosen, scores, organisation, sensitive)
    assert sorted(ordered) == list(range(n))
    flags = [bool(organisation[i]) for i in ordered]
    assert flags == sorted(flags), "organisation questions after the others"
    if not sensitive.all():
        assert not sensitive[ordered[0]]
        rest = [i for i in ordered[1:] if not organisation[i]]
        assert [scores[i] for i in rest] == sorted((scores[i] for i in rest), reverse=True)
    else:
        non_org = [i for i in ordered if not organisation[i]]
        assert [scores[i] for i in non_org] == sorted((scores[i] for i in non_org), reverse=True)
