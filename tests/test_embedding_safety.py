"""infoquest inside another app: bad arguments, threads, the host's environment, batch-independent results."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
    return Recommender(
        encoder=HashingEncoder(dimension=128), trained=False, cache_dir=tmp_path_factory.mktemp("safety-cache")
    )


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


# --- threads, batch independence, bounded work ---------------------------------------------------------------

ROLES = [
    "director of engineering at a cloud company",
    "friend of my mom, controller at a regional bank",
    "alum from my school, nurse at a children's hospital",
    "retired high school principal",
]
GOALS = [
    "I want to move from teaching math into software engineering. How do I get my first role?",
    "Return to accounting after four years caring for family. How do I explain the gap?",
    "I'm a junior in nursing and want a summer externship. Which specialties are growing?",
    "I am curious whether school administration suits me. What does a typical week look like?",
]


def _profiles() -> list[Profile]:
    from tests.conftest import RESUME

    return [Profile(goals=GOALS[i % 4], role=ROLES[(i + i // 4) % 4], resume=RESUME if i % 2 else "") for i in range(8)]


def _as_json(results: list[infoquest.Recommendation]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in results], sort_keys=True)


def _hammer(make: Callable[[], Recommender], threads: int, calls: int) -> None:
    """``threads`` threads × ``calls`` recommend() calls on one cold Recommender match sequential results."""
    profiles = _profiles()
    sequential = make()
    expected = [_as_json(sequential.recommend(p, k=6)) for p in profiles]
    shared = make()  # cold: the threads race for its lazy state
    start = threading.Barrier(threads)

    def work(thread: int) -> list[tuple[int, str]]:
        start.wait()
        out = []
        for call in range(calls):
            which = (thread * 3 + call) % len(profiles)
            out.append((which, _as_json(shared.recommend(profiles[which], k=6))))
        return out

    with ThreadPoolExecutor(threads) as pool:
        results = [item for chunk in pool.map(work, range(threads)) for item in chunk]
    assert len(results) == threads * calls
    mismatched = [which for which, got in results if got != expected[which]]
    assert not mismatched


def test_one_recommender_shared_by_8_threads_matches_sequential_results(tmp_path):
    _hammer(
        lambda: Recommender(encoder=HashingEncoder(dimension=128), trained=False, cache_dir=tmp_path),
        threads=8,
        calls=50,
    )


def test_the_default_static_model_is_safe_to_share_across_threads(tmp_path):
    _hammer(lambda: Recommender(cache_dir=tmp_path), threads=8, calls=10)


@pytest.mark.slow
def test_minilm_shared_by_8_threads_matches_sequential_results():
    from infoquest import MiniLMEncoder

    # The race is over the cold recommender's lazy state (model, index, heads): each thread's first calls
    # start it; more only repeat warm calls that the hashing test above already hammers 400 times. The corpus
    # vectors come from the slow tests' shared cache (conftest), so the model is loaded but not re-run on it.
    _hammer(lambda: Recommender(encoder=MiniLMEncoder()), threads=8, calls=4)


@pytest.mark.parametrize("encoder", ["hashing", "static", pytest.param("minilm", marks=pytest.mark.slow)])
def test_a_profile_gets_the_same_results_alone_and_in_a_batch(encoder):
    # The cache folder is conftest's: a fresh one per fast test, the shared one for MiniLM's corpus vectors.
    rec = Recommender(encoder=encoder, trained=encoder != "hashing")
    profiles = _profiles()
    alone = [_as_json(rec.recommend(p, k=8)) for p in profiles[:4]]
    batch = [_as_json(r) for r in rec.recommend_many(profiles[:4], k=8)]
    shuffled = rec.recommend_many([profiles[3], *profiles[4:], profiles[0], profiles[2], profiles[1]], k=8)
    assert batch == alone
    assert [_as_json(shuffled[0]), _as_json(shuffled[5]), _as_json(shuffled[6]), _as_json(shuffled[7])] == [
        alone[3],
        alone[0],
        alone[2],
        alone[1],
    ]
    ranked_alone = json.dumps([r.model_dump(mode="json") for r in rec.rank(profiles[1])])
    ranked_batch = json.dumps([r.model_dump(mode="json") for r in rec.rank_many(profiles[:3])[1]])
    assert ranked_alone == ranked_batch


class CountingEncoder:
    """Wraps an encoder; records how many texts each ``encode`` call embeds."""

    def __init__(self, inner: HashingEncoder) -> None:
        self.inner, self.sizes = inner, []
        self.model_id, self.max_tokens = inner.model_id, inner.max_tokens

    def encode(self, texts):
        self.sizes.append(len(texts))
        return self.inner.encode(texts)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def test_long_goals_are_read_in_bounded_work(tmp_path):
    from infoquest.seeker import MAX_GOAL_SENTENCES

    counting = CountingEncoder(HashingEncoder(dimension=128))
    rec = Recommender(encoder=counting, trained=False, cache_dir=tmp_path)
    rec.recommend(Profile(goals="How do I start in this field?"), k=3)  # the corpus is embedded here
    sentences = " ".join(f"I wonder about topic {i} in careers today." for i in range(200))[:5000]
    long_goals = Profile(goals=sentences, role="controller at a bank")
    counting.sizes.clear()
    rec.recommend(long_goals, k=5)
    from infoquest.concerns import MAX_CONCERNS

    # + the whole goals + the role, and each concern with its sentence
    assert counting.sizes and max(counting.sizes) <= MAX_GOAL_SENTENCES + 2 + 2 * MAX_CONCERNS
    assert len(rec.explain_profile(long_goals).seeker.goal_sentences) == MAX_GOAL_SENTENCES


# --- the cache folder and the host's environment ---------------------------------------------------------------


def test_cache_dir_is_honoured_by_every_part(tmp_path, small_corpus, seeker):
    default = Path(os.environ["INFOQUEST_CACHE_DIR"])
    mine = tmp_path / "mine"
    rec = Recommender(corpus=small_corpus, encoder=HashingEncoder(dimension=128), trained=False, cache_dir=mine)
    rec.recommend(seeker, k=3)  # a custom corpus: the etiquette guard checks it
    Recommender(encoder="hashing", trained=False, cache_dir=mine).plan(
        seeker, extra=["How did you start?", "Can I have a job?"]
    )
    check_questions(["Are you hiring?"], cache_dir=mine)
    assert not [p for p in default.rglob("*") if p.is_file()]
    models = {p.parent.parent.name for p in mine.rglob("manifest.json")}
    assert len(models) >= 2 and any("hashing" in m for m in models)


def test_a_read_only_cache_costs_one_build_per_process(tmp_path, seeker):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    counting = CountingEncoder(HashingEncoder(dimension=128))
    rec = Recommender(encoder=counting, trained=False, cache_dir=blocker / "cache")
    rec.plan(seeker, extra=["How did you get started?"])
    corpus_size = len(rec.corpus)
    assert sum(counting.sizes) > corpus_size
    counting.sizes.clear()
    for _ in range(2):
        rec.plan(seeker, extra=["How did you get started?"])
    assert sum(counting.sizes) < corpus_size  # the profile and the extra question only, never the corpus again


def _host_state() -> tuple[dict[str, str], object, list[object], dict[str, int]]:
    levels = {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    return dict(os.environ), logging.root.level, list(logging.root.handlers), levels


@pytest.mark.parametrize("encoder", ["static", "hashing"])
def test_using_infoquest_leaves_the_hosts_environment_and_logging_alone(tmp_path, encoder, seeker):
    before = _host_state()
    rec = Recommender(encoder=encoder, trained=encoder != "hashing", cache_dir=tmp_path)
    rec.recommend(seeker, k=3)
    rec.plan(seeker, extra=["How did you start?"])
    check_questions(["Are you hiring?"], cache_dir=tmp_path)
    after = _host_state()
    assert after[0] == before[0]
    assert after[1:3] == before[1:3]
    assert {k: v for k, v in after[3].items() if k in before[3]} == before[3]


@pytest.mark.slow
def test_loading_and_using_minilm_leaves_the_hosts_environment_alone(tmp_path):
    # A fresh process with the libraries imported first, as a host app would have them (importing torch sets
    # a few variables of its own); HF_HUB_OFFLINE unset, so the offline behaviour must come from infoquest.
    script = """
import json, logging, os, sys
import sentence_transformers, transformers, torch
before = dict(os.environ)
levels = {n: l.level for n, l in logging.root.manager.loggerDict.items() if isinstance(l, logging.Logger)}
from infoquest import MiniLMEncoder
e = MiniLMEncoder()
e.encode(["How did you start in this field?"]); e.count_tokens("Hello there")
after_levels = {n: l.level for n, l in logging.root.manager.loggerDict.items() if n in levels}
print(json.dumps({"env": dict(os.environ) == before, "levels": after_levels == levels,
                  "filters": [n for n, l in logging.root.manager.loggerDict.items()
                              if isinstance(l, logging.Logger) and l.filters]}))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"env": True, "levels": True, "filters": []}
    assert "LOAD REPORT" not in done.stderr
