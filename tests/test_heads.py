from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from infoquest import heads as heads_mod
from infoquest.encoders import default_encoder
from infoquest.errors import ModelError
from infoquest.heads import LinearHead, fit_head, load_heads, save_heads
from infoquest.vocab import KINDS, RELATIONSHIPS, SENIORITIES, SETTINGS, STAGES, TOPICS

C = 4.0  # fit_head's default


def _reference(x, y) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(x, y)


def _clusters(sizes, dim=5, seed=0):
    """Well-separated Gaussian blobs, one per class, of the given (unequal) sizes."""
    rng = np.random.default_rng(seed)
    centres = 4.0 * np.eye(dim)[: len(sizes)]
    x = np.vstack([centres[c] + rng.normal(scale=0.5, size=(n, dim)) for c, n in enumerate(sizes)])
    return x, [c for c, n in enumerate(sizes) for _ in range(n)]


@pytest.fixture(scope="module")
def probe():
    return np.random.default_rng(99).normal(scale=3.0, size=(40, 5))


def test_multiclass_matches_sklearn_predict_proba(probe):
    x, y = _clusters([12, 20, 8])
    labels = [("red", "green", "blue")[c] for c in y]
    head = fit_head("colour", x, labels, "toy-model")
    reference = _reference(x, labels)
    assert head.classes == tuple(reference.classes_) == ("blue", "green", "red")
    assert not head.multilabel and head.name == "colour" and head.model_id == "toy-model"
    for data in (x, probe):
        np.testing.assert_allclose(head.predict_proba(data), reference.predict_proba(data), atol=1e-6)
    proba = head.predict_proba(x)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert [head.classes[i] for i in proba.argmax(axis=1)] == labels


@pytest.mark.parametrize("multilabel", [False, True])
def test_an_embedding_weight_is_fitted_on_scaled_vectors_and_read_on_plain_ones(probe, multilabel):
    x, y = _clusters([12, 20, 8], seed=2)
    labels = [("red", "green", "blue")[c] for c in y]
    given = [[t] for t in labels] if multilabel else labels
    head = fit_head("colour", x, given, "toy-model", multilabel=multilabel, weight=0.5)
    plain = fit_head("colour", x, given, "toy-model", multilabel=multilabel)
    for data in (x, probe):
        if multilabel:  # one sigmoid per class, each fitted on the halved vectors
            for k, tag in enumerate(head.classes):
                reference = _reference(0.5 * x, [t == tag for t in labels])
                np.testing.assert_allclose(
                    head.predict_proba(data)[:, k], reference.predict_proba(0.5 * data)[:, 1], atol=1e-6
                )
        else:
            reference = _reference(0.5 * x, labels)
            np.testing.assert_allclose(head.predict_proba(data), reference.predict_proba(0.5 * data), atol=1e-6)
    # A smaller weight is a stronger penalty on the embedding: the fitted model is not the plain one.
    assert not np.allclose(head.coef, plain.coef)


def test_binary_matches_sklearn_predict_proba(probe):
    x, y = _clusters([25, 10], seed=1)
    labels = ["no" if c == 0 else "yes" for c in y]
    head = fit_head("answer", x, labels, "toy-model")
    reference = _reference(x, labels)
    assert head.classes == ("no", "yes")
    assert head.coef.shape == (2, 5) and head.intercept.shape == (2,)
    for data in (x, probe):
        np.testing.assert_allclose(head.predict_proba(data), reference.predict_proba(data), atol=1e-6)
    assert [head.classes[i] for i in head.predict_proba(x).argmax(axis=1)] == labels


def test_multilabel_is_one_sigmoid_per_tag(probe):
    x, y = _clusters([10, 10, 10], seed=2)
    # Tag "a" on blob 0, "b" on blobs 1 and 2, "c" on blob 2: blob 2 carries two tags.
    tags = [(("a",), ("b",), ("b", "c"))[c] for c in y]
    head = fit_head("tags", x, tags, "toy-model", multilabel=True)
    assert head.multilabel and head.classes == ("a", "b", "c")
    for column, tag in enumerate(head.classes):
        reference = _reference(x, [int(tag in t) for t in tags])
        np.testing.assert_allclose(
            head.predict_proba(probe)[:, column], reference.predict_proba(probe)[:, 1], atol=1e-6
        )
    predicted = head.predict_proba(x) > 0.5
    assert [tuple(c for c, on in zip(head.classes, row, strict=True) if on) for row in predicted] == tags
    assert not np.allclose(head.predict_proba(x).sum(axis=1), 1.0), "multi-label rows need not sum to 1"


def test_predict_proba_survives_huge_logits():
    head = LinearHead("h", "m", ("a", "b"), np.array([[1000.0], [-1000.0]]), np.zeros(2))
    proba = head.predict_proba(np.array([[1.0], [-1.0]]))
    assert np.isfinite(proba).all()
    np.testing.assert_allclose(proba, [[1.0, 0.0], [0.0, 1.0]])


def _toy_head(multilabel=False) -> LinearHead:
    x, y = _clusters([6, 6, 6], seed=3)
    if multilabel:
        return fit_head("tags", x, [(("a",), ("b",), ("a", "b"))[c] for c in y], "toy", multilabel=True)
    return fit_head("kind", x, [str(c) for c in y], "toy")


@pytest.mark.parametrize("multilabel", [False, True])
def test_to_dict_from_dict_round_trip(multilabel, probe):
    head = _toy_head(multilabel)
    head = LinearHead(
        head.name, head.model_id, head.classes, head.coef, head.intercept, head.multilabel, info={"f1": 0.5}
    )
    again = LinearHead.from_dict(json.loads(json.dumps(head.to_dict())))
    assert (again.name, again.model_id, again.classes, again.multilabel, again.info) == (
        head.name,
        head.model_id,
        head.classes,
        head.multilabel,
        head.info,
    )
    np.testing.assert_array_equal(again.coef, np.round(head.coef, 6))
    np.testing.assert_array_equal(again.intercept, np.round(head.intercept, 6))
    np.testing.assert_allclose(again.predict_proba(probe), head.predict_proba(probe), atol=1e-4)


def test_save_heads_then_load_heads(tmp_path, monkeypatch, probe):
    saved = [_toy_head(), _toy_head(multilabel=True)]
    save_heads(tmp_path / "trained" / "toy.json", saved, info={"note": "test"})
    monkeypatch.setattr(heads_mod._paths, "data_file", lambda name: tmp_path / name)
    monkeypatch.setattr(heads_mod, "_CACHE", {})
    loaded = load_heads("toy")
    assert list(loaded) == ["kind", "tags"]
    for head in saved:
        np.testing.assert_allclose(loaded[head.name].predict_proba(probe), head.predict_proba(probe), atol=1e-4)
    assert not list((tmp_path / "trained").glob(".toy.json.*")), "no temp file left behind"


@pytest.mark.parametrize(
    "change",
    [
        {"coef": [0.1, 0.2, 0.3]},  # one-dimensional
        {"coef": [[0.1, 0.2]]},  # one row for two classes
        {"intercept": [0.0]},  # one intercept for two classes
        {"intercept": [[0.0, 0.0]]},  # two-dimensional
        {"classes": ["a", "b", "c"]},  # more classes than rows
    ],
)
def test_from_dict_rejects_inconsistent_shapes(change):
    good = {"name": "h", "model_id": "m", "classes": ["a", "b"], "coef": [[0.1, 0.2], [0.3, 0.4]],
            "intercept": [0.0, 0.0], "multilabel": False}  # fmt: skip
    LinearHead.from_dict(good)
    with pytest.raises(ValueError, match="inconsistent shapes"):
        LinearHead.from_dict({**good, **change})


@pytest.fixture
def shipped_file(tmp_path, monkeypatch):
    """Point load_heads at a file of our own, with an empty cache."""
    monkeypatch.setattr(heads_mod._paths, "data_file", lambda name: tmp_path / name)
    monkeypatch.setattr(heads_mod, "_CACHE", {})
    (tmp_path / "trained").mkdir()
    return tmp_path / "trained" / "bad.json"


@pytest.mark.parametrize(
    "text", ["not json", '{"format": 1, "heads": []}', '{"format": 1}', '{"format": 1, "heads": [{}]}']
)
def test_load_heads_on_a_broken_file_is_a_model_error(shipped_file, text):
    shipped_file.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match="reinstall") as info:
        load_heads("bad")
    assert "\n" not in str(info.value)


def test_load_heads_on_json_that_is_not_an_object(shipped_file):
    shipped_file.write_text("[]", encoding="utf-8")
    with pytest.raises(ModelError):
        load_heads("bad")


# --- the shipped heads -----------------------------------------------------------------------------------

EXPECTED = {
    "roles": {
        "kind": (set(KINDS), False),
        "relationship": (set(RELATIONSHIPS), False),
        "seniority": (set(SENIORITIES), False),
        "setting": (set(SETTINGS), False),
        "retired": ({"retired"}, True),
        "hires": ({"hires"}, True),
    },
    "goals": {"stage": (set(STAGES), False), "needs": (set(TOPICS), True)},
    "etiquette": {"asks_for_job": ({"asks_for_job"}, True)},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_heads_have_the_expected_names_and_classes(name):
    loaded = load_heads(name)
    assert set(loaded) == set(EXPECTED[name])
    for head_name, (classes, multilabel) in EXPECTED[name].items():
        head = loaded[head_name]
        assert set(head.classes) == classes and len(head.classes) == len(classes), head_name
        assert head.multilabel is multilabel, head_name
        # Every shipped head reads the shipped default encoder's vectors.
        assert head.model_id == default_encoder().model_id
        words = 0 if head.lexicon is None else len(head.lexicon.vocabulary)
        assert head.coef.shape == (len(classes), 384 + words)
        assert np.isfinite(head.coef).all() and np.isfinite(head.intercept).all()


def test_shipped_kind_head_covers_exactly_the_nine_kinds():
    assert len(KINDS) == 9
    assert sorted(load_heads("roles")["kind"].classes) == sorted(KINDS)


def test_shipped_etiquette_head_carries_its_threshold_and_test_f1():
    info = load_heads("etiquette")["asks_for_job"].info
    assert 0.0 < info["threshold"] < 1.0
    assert 0.0 < info["test_f1"] <= 1.0


def test_load_heads_reads_once_per_process():
    assert load_heads("goals") is load_heads("goals")


def test_a_lexicon_reads_typographic_apostrophes_and_spaces_as_plain_typing():
    import numpy as np

    from infoquest.heads import Lexicon

    texts = ["my cousin's wife, she's a charge nurse", "the owner's daughter at a bakery"]
    lexicon = Lexicon.fit(texts, "char_wb", (2, 4), 500)
    matrix = np.eye(len(lexicon.vocabulary))
    typed = [t.replace("'", "’").replace(" ", "\u00a0") for t in texts]
    assert np.allclose(lexicon.dot(typed, matrix), lexicon.dot(texts, matrix))
