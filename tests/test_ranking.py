from __future__ import annotations

import json

import numpy as np
import pytest

from infoquest.errors import ModelError
from infoquest.features import FEATURES
from infoquest.ranking import FORMAT_VERSION, LinearRanker, load_ranker

N = len(FEATURES)


@pytest.fixture
def ranker() -> LinearRanker:
    rng = np.random.default_rng(3)
    return LinearRanker(
        features=FEATURES,
        mean=np.round(rng.normal(size=N), 4),
        scale=np.round(rng.uniform(0.5, 2.0, size=N), 4),
        coef=np.round(rng.normal(size=N), 4),
        intercept=0.25,
        info={"method": "test"},
    )


def _brute_force_score(ranker: LinearRanker, row: np.ndarray) -> float:
    total = ranker.intercept
    for j in range(len(ranker.features)):
        total += ranker.coef[j] * (row[j] - ranker.mean[j]) / ranker.scale[j]
    return total


def test_score_of_a_hand_checked_row():
    coef = np.zeros(N)
    coef[0], coef[1] = 3.0, -1.0
    ranker = LinearRanker(features=FEATURES, mean=np.ones(N), scale=np.full(N, 2.0), coef=coef, intercept=1.0)
    row = np.zeros((1, N))
    row[0, 0], row[0, 1] = 5.0, 3.0
    # 3 * (5-1)/2 - 1 * (3-1)/2 + 1 = 6
    assert ranker.score(row).tolist() == [6.0]


def test_score_matches_the_brute_force_formula(ranker):
    values = np.random.default_rng(5).normal(size=(12, N))
    expected = [_brute_force_score(ranker, row) for row in values]
    np.testing.assert_allclose(ranker.score(values), expected, rtol=1e-12, atol=1e-12)


def test_contributions_add_up_to_the_score(ranker):
    values = np.random.default_rng(6).normal(size=(7, N))
    contributions = ranker.contributions(values)
    assert contributions.shape == (7, N)
    np.testing.assert_allclose(contributions.sum(axis=1) + ranker.intercept, ranker.score(values))
    # The contribution of feature j depends only on feature j.
    changed = values.copy()
    changed[:, 4] += 1.0
    diff = ranker.contributions(changed) - contributions
    np.testing.assert_allclose(np.delete(diff, 4, axis=1), 0.0)
    np.testing.assert_allclose(diff[:, 4], ranker.coef[4] / ranker.scale[4])


def test_round_trip_through_json(ranker):
    again = LinearRanker.from_dict(json.loads(json.dumps(ranker.to_dict())))
    assert again.features == ranker.features
    assert again.intercept == ranker.intercept
    assert again.info == ranker.info
    for name in ("mean", "scale", "coef"):
        np.testing.assert_array_equal(getattr(again, name), getattr(ranker, name))
    values = np.random.default_rng(8).normal(size=(4, N))
    np.testing.assert_array_equal(again.score(values), ranker.score(values))


def test_to_dict_is_stamped_with_the_format(ranker):
    data = ranker.to_dict()
    assert data["format"] == FORMAT_VERSION
    assert data["features"] == list(FEATURES)


@pytest.mark.parametrize("fmt", [None, 0, FORMAT_VERSION + 1, "1"])
def test_from_dict_rejects_another_format(ranker, fmt):
    data = ranker.to_dict()
    if fmt is None:
        del data["format"]
    else:
        data["format"] = fmt
    with pytest.raises(ValueError, match="format"):
        LinearRanker.from_dict(data)


@pytest.mark.parametrize(
    "features",
    [list(FEATURES[:-1]), [*FEATURES, "extra"], [FEATURES[1], FEATURES[0], *FEATURES[2:]], ["x"] * N],
    ids=["missing", "extra", "reordered", "renamed"],
)
def test_from_dict_rejects_another_feature_list(ranker, features):
    data = {**ranker.to_dict(), "features": features}
    with pytest.raises(ValueError, match="features differ"):
        LinearRanker.from_dict(data)


@pytest.mark.parametrize("field", ["mean", "scale", "coef"])
@pytest.mark.parametrize("bad", [lambda v: v[:-1], lambda v: [*v, 0.0], lambda v: [v]], ids=["short", "long", "2d"])
def test_from_dict_rejects_wrong_shapes(ranker, field, bad):
    data = ranker.to_dict()
    data[field] = bad(data[field])
    with pytest.raises(ValueError, match="shapes"):
        LinearRanker.from_dict(data)


def _write(tmp_path, text: str):
    path = tmp_path / "ranker.json"
    path.write_text(text, encoding="utf-8")
    return path


def _assert_one_line_model_error(path):
    with pytest.raises(ModelError) as info:
        load_ranker(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_load_ranker_on_a_missing_file(tmp_path):
    _assert_one_line_model_error(tmp_path / "nope.json")


@pytest.mark.parametrize("text", ["", "not json {", '{"format": 1}', '{"format": 1, "features": 3}'])
def test_load_ranker_on_garbage(tmp_path, text):
    _assert_one_line_model_error(_write(tmp_path, text))


def test_load_ranker_on_weights_for_other_features(tmp_path, ranker):
    data = {**ranker.to_dict(), "features": list(FEATURES[:-1])}
    message = _assert_one_line_model_error(_write(tmp_path, json.dumps(data)))
    assert "retrain" in message


@pytest.mark.parametrize("text", ["[1, 2]", "null", '"weights"'])
def test_load_ranker_on_json_that_is_not_an_object(tmp_path, text):
    _assert_one_line_model_error(_write(tmp_path, text))


def test_load_ranker_reads_what_to_dict_wrote(tmp_path, ranker):
    again = load_ranker(_write(tmp_path, json.dumps(ranker.to_dict())))
    np.testing.assert_array_equal(again.coef, ranker.coef)


def test_shipped_ranker_loads_with_the_current_features():
    ranker = load_ranker()
    assert ranker.features == FEATURES
    assert ranker.mean.shape == ranker.scale.shape == ranker.coef.shape == (N,)
    assert np.isfinite(ranker.mean).all() and np.isfinite(ranker.coef).all()
    assert (ranker.scale > 0).all(), "a zero scale would divide by zero"
    assert np.isfinite(ranker.score(np.zeros((1, N)))).all()
