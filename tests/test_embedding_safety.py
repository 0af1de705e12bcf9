"""infoquest inside another app: bad arguments, threads, the host's environment, batch-independent results."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

import infoquest
from infoquest import (
    EtiquetteGuard,
    InfoquestError,
    InputError,
    InputTypeError,
    Profile,
    ProfileError,
    Recommender,
    check_question,
    check_questions,
    load_corpus,
    validate_corpus_file,
)
from infoquest.encoders import HashingEncoder


@pytest.fixture(scope="module")
def rec(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    return Recommender(encoder=HashingEncoder(dimension=128), cache_dir=tmp_path_factory.mktemp("safety-cache"))


@pytest.fixture(scope="module")
def seeker() -> Profile:
    return Profile(goals="I teach math and want to move into data analysis. How do people make that switch?")


# (call, error class, words the one-line message must contain)
BAD_ARGUMENTS: list[tuple[str, Callable[[Recommender, Profile], object], type[Exception], tuple[str, ...]]] = [
    ("corpus=123", lambda r, p: Recommender(corpus=123), InputTypeError, ("corpus",)),  # type: ignore[arg-type]
    ("encoder=object", lambda r, p: Recommender(encoder=object()), InputTypeError, ("encoder",)),  # type: ignore[arg-type]
    ("encoder='nope'", lambda r, p: Recommender(encoder="nope"), InputError, ("encoder", "static")),
    ("cache_dir=5", lambda r, p: Recommender(cache_dir=5), InputTypeError, ("cache_dir",)),  # type: ignore[arg-type]
    ("ranker=5", lambda r, p: Recommender(ranker=5), InputTypeError, ("ranker",)),  # type: ignore[arg-type]
    ("explain_profile(str)", lambda r, p: r.explain_profile("x"), InputTypeError, ("profile", "Profile(")),  # type: ignore[arg-type]
    ("rank(None)", lambda r, p: r.rank(None), InputTypeError, ("profile",)),  # type: ignore[arg-type]
    ("recommend(list)", lambda r, p: r.recommend([p]), InputTypeError, ("profile", "recommend_many")),  # type: ignore[arg-type]
    ("plan(dict)", lambda r, p: r.plan({"goals": "x"}), InputTypeError, ("profile",)),  # type: ignore[arg-type]
    ("recommend_many(one)", lambda r, p: r.recommend_many(p), InputTypeError, ("pass a list of profiles",)),  # type: ignore[arg-type]
    ("rank_many(one)", lambda r, p: r.rank_many(p), InputTypeError, ("pass a list of profiles",)),  # type: ignore[arg-type]
    ("rank_many(str)", lambda r, p: r.rank_many("goals"), InputTypeError, ("profiles",)),  # type: ignore[arg-type]
    ("rank_many([p, str])", lambda r, p: r.rank_many([p, "x"]), InputTypeError, ("profiles[1]",)),  # type: ignore[list-item]
    ("feature_matrices(one)", lambda r, p: r.feature_matrices(p), InputTypeError, ("profiles",)),  # type: ignore[arg-type]
    ("k=True", lambda r, p: r.recommend(p, k=True), InputTypeError, ("k", "bool")),
    ("k=2.5", lambda r, p: r.recommend(p, k=2.5), InputTypeError, ("k", "float")),  # type: ignore[arg-type]
    ("k='5'", lambda r, p: r.recommend(p, k="5"), InputTypeError, ("k", "str")),  # type: ignore[arg-type]
    ("k=0", lambda r, p: r.recommend(p, k=0), InputError, ("k", "1 to 100")),
    ("k=np.int64(101)", lambda r, p: r.recommend_many([p], k=np.int64(101)), InputError, ("k", "101")),  # type: ignore[arg-type]
    ("minutes=True", lambda r, p: r.plan(p, minutes=True), InputTypeError, ("minutes", "bool")),
    ("minutes=25.0", lambda r, p: r.plan(p, minutes=25.0), InputTypeError, ("minutes",)),  # type: ignore[arg-type]
    ("minutes=5", lambda r, p: r.plan(p, minutes=5), InputError, ("minutes", "10 to 60")),
    ("extra=str", lambda r, p: r.plan(p, extra="How did you start?"), InputTypeError, ("extra", "list")),
    ("extra=[1]", lambda r, p: r.plan(p, extra=[1]), InputTypeError, ("extra[0]",)),  # type: ignore[list-item]
    ("check_questions(str)", lambda r, p: check_questions("Are you hiring?"), InputTypeError, ("list",)),
    ("check_questions([None])", lambda r, p: check_questions([None]), InputTypeError, ("texts[0]",)),  # type: ignore[list-item]
    (
        "check_questions(cache_dir=1)",
        lambda r, p: check_questions(["Hi?"], cache_dir=1),
        InputTypeError,
        ("cache_dir",),
    ),  # type: ignore[arg-type]
    ("check_question(list)", lambda r, p: check_question(["Are you hiring?"]), InputTypeError, ("text",)),  # type: ignore[arg-type]
    ("EtiquetteGuard(cache_dir=1)", lambda r, p: EtiquetteGuard(cache_dir=1), InputTypeError, ("cache_dir",)),  # type: ignore[arg-type]
    ("load_corpus(123)", lambda r, p: load_corpus(123), InputTypeError, ("path",)),  # type: ignore[arg-type]
    ("validate_corpus_file(None)", lambda r, p: validate_corpus_file(None), InputTypeError, ("path",)),  # type: ignore[arg-type]
    ("Profile(goal=)", lambda r, p: Profile(goal="x"), ProfileError, ("goal", "goals")),  # type: ignore[call-arg]
    ("Profile(stage=5)", lambda r, p: Profile(goals="x", stage=5), ProfileError, ("stage",)),  # type: ignore[arg-type]
    ("Profile(stage='x')", lambda r, p: Profile(goals="x", stage="boss"), ProfileError, ("stage", "student")),
    ("Profile()", lambda r, p: Profile(), ProfileError, ("empty",)),
    ("Profile(goals=long)", lambda r, p: Profile(goals="x" * 5001), ProfileError, ("goals", "5,000")),
]


@pytest.mark.parametrize(
    ("call", "error", "words"), [row[1:] for row in BAD_ARGUMENTS], ids=[r[0] for r in BAD_ARGUMENTS]
)
def test_bad_arguments_raise_one_line_infoquest_errors_naming_the_argument(rec, seeker, call, error, words):
    with pytest.raises(error) as caught:
        call(rec, seeker)
    assert isinstance(caught.value, InfoquestError)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300, message
    for word in words:
        assert word in message, message


def test_argument_errors_are_also_the_builtin_error_a_caller_expects():
    assert issubclass(InputTypeError, TypeError) and issubclass(InputTypeError, InputError)
    for cls in (InputError, ProfileError, infoquest.CorpusError):
        assert issubclass(cls, ValueError) and issubclass(cls, InfoquestError)


def test_numpy_integers_are_whole_numbers(rec, seeker):
    assert len(rec.recommend(seeker, k=np.int64(4))) == 4
    plan = rec.plan(seeker, minutes=np.int32(20))
    assert plan.minutes == 20 and type(plan.minutes) is int


def test_an_encoder_may_be_named(tmp_path):
    assert Recommender(encoder="hashing", cache_dir=tmp_path).encoder.model_id.startswith("infoquest/hashing")
