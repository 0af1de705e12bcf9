"""Shared fixtures: a fast deterministic encoder, an isolated cache folder, small corpora and profiles."""

from __future__ import annotations

import functools
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Fast tests never load the transformer: where they need the default encoder (the etiquette guard), they get
# the static one, even in module-scoped fixtures. Slow tests see the default as a user would (below).
os.environ["INFOQUEST_ENCODER"] = "static"

import pytest

from infoquest.corpus import Corpus, Question
from infoquest.encoders import HashingEncoder
from infoquest.profile import Profile

RESUME = """Jordan Lee
jordan.lee@example.com

Experience
Mathematics Teacher, Lincoln High School, Aug 2014 – Present
Taught algebra and statistics to 150 students a year; wrote Python scripts to automate grading.

Education
B.S. Mathematics, State University, 2010 – 2014

Skills
Python, SQL, data analysis, public speaking
"""


@pytest.fixture(scope="session")
def _shared_slow_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # pytest-xdist: one folder for all the run's workers (their base folders share a parent), so the
        # corpus is embedded with MiniLM once per run, not once per worker. Cache writes are atomic.
        folder = tmp_path_factory.getbasetemp().parent / "slow-cache"
        folder.mkdir(exist_ok=True)
        return str(folder)
    return str(tmp_path_factory.mktemp("slow-cache"))


@functools.cache  # once per worker
def _warm_shared_cache(folder: str) -> None:
    """Under pytest-xdist, the first worker to run a slow test embeds the corpus with MiniLM into the shared
    folder while the others wait for it, rather than every worker embedding it at once on the same cores."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    try:
        from infoquest.transformer_encoder import MiniLMEncoder

        encoder = MiniLMEncoder()
    except ImportError:  # no transformers extra: the MiniLM tests skip or fail on their own
        return
    import fcntl

    from infoquest.corpus import default_corpus
    from infoquest.index import get_index

    with open(Path(folder) / ".warming", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        get_index(default_corpus(), encoder, Path(folder))  # a worker after the first reads the cache


@pytest.fixture(autouse=True)
def _isolated_cache(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    _shared_slow_cache: str,
) -> None:
    # No test may touch the user's real cache folder. Fast tests each get a fresh one. Slow tests share one per
    # session: embedding the curated corpus with MiniLM takes about 20 s, and a cache holds only corpus vectors
    # (test_privacy checks that no résumé text reaches it). Tests of the cache itself pass their own folder.
    if request.node.get_closest_marker("slow") is not None:
        _warm_shared_cache(_shared_slow_cache)
        monkeypatch.setenv("INFOQUEST_CACHE_DIR", _shared_slow_cache)
        monkeypatch.delenv("INFOQUEST_ENCODER", raising=False)
    else:
        monkeypatch.setenv("INFOQUEST_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def encoder() -> HashingEncoder:
    return HashingEncoder(dimension=128)


@pytest.fixture
def profile() -> Profile:
    return Profile(
        goals="I want to move from teaching math into software engineering. How do I get my first role?",
        resume=RESUME,
        role="director of engineering at a cloud company",
    )


@pytest.fixture
def small_corpus() -> Corpus:
    texts = [
        ("a", "What skills do software engineers need to get hired?", "Training and Preparation"),
        ("b", "Could you describe a typical day in your job?", "Career Specific"),
        ("c", "What is the employment outlook in your field?", "Industry Questions"),
        ("d", "How are promotions handled where you work?", "Salary and Advancement Opportunities"),
        ("e", "Do you know other professionals I could speak with?", "Referrals and Closing"),
    ]
    return Corpus.from_questions([Question(id=i, text=t, category=c) for i, t, c in texts])
