"""The concern matcher's signals and calibration, and selection that covers concerns."""

from __future__ import annotations

import numpy as np
import pytest

from infoquest.matching import SIGNALS, ConcernMatcher, load_matcher, signals
from infoquest.selection import concerns_to_write, cover_concerns


def unit(rows: list[list[float]]) -> np.ndarray:
    a = np.array(rows, dtype=float)
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def test_signals_have_one_value_per_concern_question_and_signal() -> None:
    q = unit([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]])
    c = unit([[1, 0.1, 0]])
    values = signals(c, c, q, np.zeros((1, 4)), np.zeros((1, 2)), np.zeros((4, 2)))
    assert values.shape == (1, 4, len(SIGNALS))
    cosine, margin = values[0, :, SIGNALS.index("cosine")], values[0, :, SIGNALS.index("margin")]
    assert int(np.argmax(cosine)) == 0 and margin[0] == 0.0 and np.all(margin <= 0)


def test_probabilities_rise_with_every_positive_signal() -> None:
    matcher = ConcernMatcher("m", np.ones(len(SIGNALS)), -1.0, 0.5)
    low, high = np.zeros((1, 1, len(SIGNALS))), np.ones((1, 1, len(SIGNALS)))
    assert matcher.probabilities(low)[0, 0] < 0.5 < matcher.probabilities(high)[0, 0]


def test_a_saved_matcher_round_trips(tmp_path) -> None:
    import json

    matcher = ConcernMatcher("encoder-x", np.arange(len(SIGNALS), dtype=float), 0.25, 0.4, {"concerns": 3})
    path = tmp_path / "concerns.json"
    path.write_text(json.dumps(matcher.to_dict()))
    again = load_matcher(path)
    assert again.model_id == "encoder-x" and again.threshold == 0.4
    np.testing.assert_allclose(again.coef, matcher.coef)


def test_each_concern_gets_its_best_question_and_one_question_can_serve_two() -> None:
    relevance = np.array(
        [
            [0.9, 0.7, 0.0, 0.0],  # concern 0: question 0 best
            [0.0, 0.8, 0.0, 0.1],  # concern 1: question 1
            [0.0, 0.6, 0.0, 0.0],  # concern 2: only question 1 clears the bar
            [0.1, 0.0, 0.2, 0.3],  # concern 3: nothing clears it
        ]
    )
    vectors = np.eye(4)
    chosen, answered = cover_concerns(relevance, 0.5, np.ones(4, bool), np.zeros(4), vectors, [0, 1, 2, 3], 5)
    assert chosen == [0, 1]
    assert answered == {0: 0, 1: 1, 2: 1}


def test_an_ineligible_question_never_answers_and_the_limit_holds() -> None:
    relevance = np.array([[0.9, 0.8], [0.0, 0.9]])
    eligible = np.array([False, True])
    chosen, answered = cover_concerns(relevance, 0.5, eligible, np.zeros(2), np.eye(2), [0, 1], 1)
    assert chosen == [1] and answered == {0: 1, 1: 1}
    chosen, _ = cover_concerns(
        np.array([[0.9, 0.0], [0.0, 0.9]]), 0.5, np.ones(2, bool), np.zeros(2), np.eye(2), [0, 1], 1
    )
    assert len(chosen) == 1


def test_says_signal_is_the_best_phrasing_of_each_question_and_falls_back_to_the_question() -> None:
    from infoquest.matching import Says, says_similarity

    concern = unit([[1, 0, 0]])
    fallback = np.array([[0.1, 0.2, 0.3]])
    # question 0 has two phrasings, question 1 none, question 2 one
    says = Says(unit([[0, 1, 0], [0.9, 0.1, 0], [0.5, 0.5, 0]]), np.array([0, 0, 2]))
    out = says_similarity(concern, says, fallback)
    assert out[0, 0] == pytest.approx(unit([[0.9, 0.1, 0]])[0, 0])
    assert out[0, 1] == 0.2
    assert out[0, 2] == pytest.approx(unit([[0.5, 0.5, 0]])[0, 0])
    values = signals(
        concern,
        concern,
        unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        np.zeros((1, 3)),
        np.zeros((1, 2)),
        np.zeros((3, 2)),
        says,
    )
    said, cosine = values[0, :, SIGNALS.index("says")], values[0, :, SIGNALS.index("cosine")]
    assert said[[0, 2]] == pytest.approx(out[0, [0, 2]])
    assert said[1] == cosine[1]  # no phrasings: the question itself


def test_the_shipped_corpus_says_how_seekers_put_each_need() -> None:
    from infoquest.corpus import default_corpus

    corpus = default_corpus()
    with_says = [q for q in corpus if q.says]
    assert len(with_says) >= 0.95 * len(corpus)
    assert all(len(set(q.says)) == len(q.says) for q in with_says)


@pytest.mark.parametrize(("rows", "dim", "columns"), [(1, 16, 7), (13, 128, 500), (21, 384, 900)])
def test_row_products_give_a_row_the_same_bits_whatever_rows_come_with_it(rows, dim, columns):
    from infoquest.matching import row_products

    rng = np.random.default_rng(rows)
    a = rng.standard_normal((rows, dim)).astype(np.float32)
    b = rng.standard_normal((columns, dim)).astype(np.float32)
    together = row_products(a, b)
    np.testing.assert_allclose(together, a @ b.T, rtol=1e-5, atol=1e-4)
    for start in range(rows):  # alone, and with the rows before it
        assert np.array_equal(row_products(a[start : start + 1], b)[0], together[start])
        assert np.array_equal(row_products(a[: start + 1], b)[-1], together[start])
    assert row_products(a[:0], b).shape == (0, columns)


def test_concerns_the_bank_cannot_answer_are_written_for_before_those_it_answers_unsurely() -> None:
    best = np.array([0.9, 0.1, 0.4, 0.3, 0.2])
    answered = {0: 7, 2: 8, 3: 9}
    # 0 is answered surely (nothing written), 1 and 4 have nothing over the bar, 2 and 3 are answered under 0.5.
    assert concerns_to_write([3, 2, 1, 0, 4], answered, best, 0.25, 0.5) == [1, 4, 3, 2]


def test_a_concern_whose_likely_answer_was_not_taken_gets_no_written_question() -> None:
    # 0's best clears both bars but was not taken (ineligible or a near-duplicate); 1's best clears only the bar.
    assert concerns_to_write([0, 1], {}, np.array([0.7, 0.3]), 0.25, 0.5) == [1]


def test_with_the_unsure_bar_at_the_threshold_only_unanswered_concerns_are_written_for() -> None:
    best = np.array([0.3, 0.1])
    assert concerns_to_write([0, 1], {0: 4}, best, 0.25, 0.25) == [1]
    assert concerns_to_write([0, 1], {0: 4}, best, 0.25, 0.5) == [1, 0]
