"""Batch recommendation: the same answers as ``recommend_many``, in input order, chunked, errors passed
through, and JSON Lines written atomically."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator, Sequence

import pytest
from tests.conftest import RESUME

from infoquest import InputError, ModelError, Profile, ProfileError, Recommender
from infoquest.batch import BatchResult, BatchSummary, recommend_file, recommend_profiles, write_results
from infoquest.batch_input import ProfileRecord
from infoquest.encoders import HashingEncoder
from infoquest.recommendation import Recommendation
from infoquest.workers import in_workers

GOALS = [
    "Move from teaching math into software engineering. How do I get my first role?",
    "Return to accounting after four years caring for family. How do I explain the gap?",
    "I'm a junior in nursing and want a summer externship. Which specialties are growing?",
    "Start my own electrical contracting business in a few years.",
    "Understand where local news is heading and how to break into journalism.",
]
ROLES = ["director of engineering", "controller at a regional bank", "pediatric nurse", "electrician", "editor"]


@pytest.fixture(scope="module")
def rec(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    return Recommender(encoder=HashingEncoder(128), trained=False, cache_dir=tmp_path_factory.mktemp("batch-cache"))


def profiles(n: int) -> list[Profile]:
    return [
        Profile(goals=GOALS[(i // 2) % len(GOALS)], role=ROLES[i % len(ROLES)], resume=RESUME if i % 3 == 0 else "")
        for i in range(n)
    ]


def records(items: Sequence[Profile | str]) -> list[ProfileRecord]:
    return [
        ProfileRecord(n, f"p{n}", error=item) if isinstance(item, str) else ProfileRecord(n, f"p{n}", profile=item)
        for n, item in enumerate(items, start=1)
    ]


def dicts(results: Sequence[Sequence[Recommendation]] | Sequence[BatchResult]) -> list[object]:
    return [r.to_dict() if isinstance(r, BatchResult) else [q.to_dict() for q in r] for r in results]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 64])
def test_results_are_recommend_many_in_input_order_whatever_the_chunk_size(rec, chunk_size):
    batch = profiles(7)
    results = list(recommend_profiles(rec, records(batch), k=4, chunk_size=chunk_size))
    expected = rec.recommend_many(batch, k=4)
    assert [(r.line, r.id, r.error) for r in results] == [(n, f"p{n}", None) for n in range(1, 8)]
    assert [[q.to_dict() for q in r.questions] for r in results] == dicts(expected)
    assert all(len(r.questions) == 4 for r in results)


def test_error_records_pass_through_in_place(rec):
    batch = profiles(3)
    items: list[Profile | str] = [batch[0], "not valid JSON", batch[1], "unknown field 'goal'", batch[2]]
    results = list(recommend_profiles(rec, records(items), k=3, chunk_size=2))
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert results[1].to_dict() == {"line": 2, "id": "p2", "error": "not valid JSON"}
    assert [r.questions for r in results if r.ok] == [tuple(x) for x in rec.recommend_many(batch, k=3)]


class Picky:
    """A recommender that refuses one profile (by its role) with ``ProfileError``, or fails as told."""

    def __init__(self, real: Recommender, refuse: str = "", fail: Exception | None = None) -> None:
        self.real, self.refuse, self.fail, self.calls = real, refuse, fail, 0

    def recommend_many(self, batch: Sequence[Profile], k: int = 10) -> list[list[Recommendation]]:
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        if any(p.role == self.refuse for p in batch):
            raise ProfileError(f"cannot use role {self.refuse}")
        return self.real.recommend_many(batch, k=k)

    def recommend(self, profile: Profile, k: int = 10) -> list[Recommendation]:
        return self.recommend_many([profile], k=k)[0]


def test_a_profile_the_recommender_refuses_is_an_error_and_its_chunk_is_still_answered(rec):
    batch = profiles(4)
    picky = Picky(rec, refuse=batch[1].role)
    results = list(recommend_profiles(picky, records(batch), k=2, chunk_size=4))  # type: ignore[arg-type]
    assert [r.ok for r in results] == [True, False, True, True]
    assert results[1].error == f"cannot use role {batch[1].role}"
    assert dicts(results[2:3]) == [{"line": 3, "id": "p3", "questions": dicts(rec.recommend_many(batch[2:3], k=2))[0]}]


def test_a_failure_that_is_not_about_one_profile_stops_the_batch(rec):
    picky = Picky(rec, fail=ModelError("the model is missing; reinstall infoquest"))
    with pytest.raises(ModelError):
        list(recommend_profiles(picky, records(profiles(3)), k=2))  # type: ignore[arg-type]
    assert picky.calls == 1  # not retried profile by profile


def test_records_are_read_one_chunk_at_a_time(rec):
    pulled = 0

    def source() -> Iterator[ProfileRecord]:
        nonlocal pulled
        for record in records(profiles(10)):
            pulled += 1
            yield record

    results = recommend_profiles(rec, source(), k=2, chunk_size=3)
    assert pulled == 0  # nothing happens before the first result is asked for
    next(results)
    assert pulled == 3


def test_arguments_are_checked_before_anything_is_read(rec):
    with pytest.raises(InputError, match="k must be"):
        recommend_profiles(rec, iter(()), k=0)
    with pytest.raises(InputError, match="chunk_size"):
        recommend_profiles(rec, iter(()), chunk_size=0)
    assert list(recommend_profiles(rec, [], k=3)) == []


def test_result_records_have_the_documented_shape(rec):
    (ok,) = recommend_profiles(rec, records(profiles(1)), k=2)
    data = json.loads(json.dumps(ok.to_dict()))
    assert set(data) == {"line", "id", "questions"}
    assert set(data["questions"][0]) == {"id", "text", "category", "score", "rank", "reasons", "source", "concerns"}
    assert BatchResult(4, None, error="bad").to_dict() == {"line": 4, "id": None, "error": "bad"}


# --- files and writing ----------------------------------------------------------------------------------------


def test_recommend_file_reads_jsonl_and_csv_and_resolves_resume_paths_next_to_the_file(rec, tmp_path):
    (tmp_path / "cv.txt").write_text(RESUME, encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(
        json.dumps({"id": "j", "goals": GOALS[0], "resume_path": "cv.txt"}) + "\n", encoding="utf-8"
    )
    (tmp_path / "p.csv").write_text(f"id,goals,resume_path\nc,{GOALS[0]},cv.txt\n", encoding="utf-8")
    from_jsonl = list(recommend_file(tmp_path / "p.jsonl", rec, k=3))
    from_csv = list(recommend_file(tmp_path / "p.csv", rec, k=3))
    expected = rec.recommend(Profile(goals=GOALS[0], resume=RESUME), k=3)
    assert [r.questions for r in from_jsonl] == [r.questions for r in from_csv] == [tuple(expected)]
    assert (from_jsonl[0].line, from_csv[0].line) == (1, 2)


def test_recommend_file_reads_standard_input_and_takes_the_format(rec):
    stdin = io.BytesIO(f"goals,role\n{GOALS[1]},{ROLES[1]}\n".encode())
    (result,) = recommend_file("-", rec, k=2, input_format="csv", stdin=stdin)
    assert result.ok and result.line == 2


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("missing.jsonl", "no such file"), ("folder.jsonl", "is a folder"), ("p.txt", "--input-format")],
)
def test_recommend_file_refuses_a_file_it_cannot_open_before_reading(rec, tmp_path, name, fragment):
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / "p.txt").write_text("{}\n", encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        recommend_file(tmp_path / name, rec)


def test_recommend_file_closes_the_file_when_done(rec, tmp_path, monkeypatch):
    opened: list[io.BufferedReader] = []
    real_open = open

    def spy(*args: object, **kwargs: object) -> object:
        handle = real_open(*args, **kwargs)  # type: ignore[call-overload]
        opened.append(handle)
        return handle

    (tmp_path / "p.jsonl").write_text(json.dumps({"goals": GOALS[0]}) + "\n", encoding="utf-8")
    monkeypatch.setattr("builtins.open", spy)
    list(recommend_file(tmp_path / "p.jsonl", rec, k=1))
    assert opened and all(h.closed for h in opened)


def test_write_results_writes_one_utf8_json_line_per_result_to_any_stream():
    results = [BatchResult(1, "a", error="caf\u00e9 \u202e"), BatchResult(2, 3, error="x")]
    binary, text = io.BytesIO(), io.StringIO()
    seen: list[int] = []
    assert write_results(results, binary, progress=lambda s: seen.append(s.total)) == BatchSummary(0, 2)
    write_results(results, text)
    lines = binary.getvalue().decode("utf-8").splitlines()
    assert lines == text.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in results]
    assert "\u202e" not in lines[0] and "\\u202e" in lines[0]  # bidi overrides escaped, as everywhere
    assert "café" in lines[0] and seen == [1, 2]


def test_write_results_to_a_path_replaces_it_only_when_complete(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def failing() -> Iterator[BatchResult]:
        yield BatchResult(1, "a", error="x")
        raise ModelError("boom")

    with pytest.raises(ModelError):
        write_results(failing(), out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left behind

    assert write_results([BatchResult(1, "a", error="x")], out) == BatchSummary(0, 1)
    assert json.loads(out.read_text(encoding="utf-8")) == {"line": 1, "id": "a", "error": "x"}
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_write_results_to_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        write_results([], tmp_path / "nope" / "out.jsonl")


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (BatchSummary(998, 2), "1,000 profiles: 998 ok, 2 errors"),
        (BatchSummary(1, 0), "1 profile: 1 ok, 0 errors"),
        (BatchSummary(0, 1), "1 profile: 0 ok, 1 error"),
        (BatchSummary(), "0 profiles: 0 ok, 0 errors"),
    ],
)
def test_the_summary_reads_as_one_line(summary, text):
    assert str(summary) == text


def test_batch_results_never_hold_the_resume_outside_the_reasons(rec, tmp_path):
    secret = "Zebra-Confidential-Employer"
    path = tmp_path / "p.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {"goals": GOALS[0], "resume": f"{RESUME}\n{secret}", "stage": "wizard"},
                {"resume": secret * 5_000},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    write_results(recommend_file(path, rec, k=2), out)
    assert secret not in out.read_text(encoding="utf-8")


def _ids(results: Sequence[BatchResult]) -> list[object]:
    return [(r.line, r.id, r.error, [q.question.id for q in r.questions]) for r in results]


def test_worker_processes_give_the_same_answers_in_input_order_with_errors_passed_through(rec):
    items: list[Profile | str] = [*profiles(9)]
    items[4] = "line 5: goals is not text"
    one = list(recommend_profiles(rec, records(items), k=4, chunk_size=2))
    two = list(recommend_profiles(rec, records(items), k=4, chunk_size=2, workers=2))
    assert _ids(two) == _ids(one)
    assert two[4].error == "line 5: goals is not text"
    # Scores may differ in the last digit (one BLAS thread per worker sums in another order), nothing else.
    for a, b in zip(one, two, strict=True):
        for q, r in zip(a.questions, b.questions, strict=True):
            assert q.to_dict() | {"score": 0} == r.to_dict() | {"score": 0}
            assert q.score == pytest.approx(r.score, abs=1e-5)


def test_a_script_that_starts_workers_without_a_main_guard_fails_in_one_line_instead_of_hanging(tmp_path):
    # Each worker imports the script and would start workers of its own; multiprocessing refuses, and the
    # worker dies while starting. With the shipped corpus pickled whole (600 KB), the script hung for good.
    import subprocess
    import sys

    script = tmp_path / "no_guard.py"
    script.write_text(
        "from infoquest.batch import recommend_profiles\n"
        "from infoquest.batch_input import ProfileRecord\n"
        "from infoquest import Profile, Recommender\n"
        "records = [ProfileRecord(line=1, id=1, profile=Profile(goals='become a nurse'))]\n"
        "list(recommend_profiles(Recommender(encoder='static'), records, k=3, workers=2))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False
    )
    assert done.returncode != 0
    assert "WorkerError: a worker process stopped before it answered" in done.stderr
    assert 'a script that starts workers outside `if __name__ == "__main__":`' in done.stderr


def _thread_settings(_: Recommender, __: int) -> dict[str, object]:
    # Runs in a worker: what its thread pools are set to, torch imported the way the model loads it (late).
    import threadpoolctl
    import torch

    pools = {info["user_api"]: info["num_threads"] for info in threadpoolctl.threadpool_info()}
    return {"torch": torch.get_num_threads(), "blas": pools.get("blas", 1), "env": os.environ["OMP_NUM_THREADS"]}


@pytest.mark.slow
def test_each_worker_runs_one_thread_so_two_workers_do_not_oversubscribe_the_cores(rec, monkeypatch):
    # torch's own pool, started after the worker began, once made two MiniLM workers 2.6 times slower than one
    # process. `make test` sets OMP_NUM_THREADS=1 for its own workers; a user's shell does not.
    pytest.importorskip("torch")
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    settings = [result for _, result in in_workers(rec, _thread_settings, [1, 2], workers=2)]
    assert settings == [{"torch": 1, "blas": 1, "env": "1"}] * 2


def test_a_recommender_that_cannot_be_copied_to_a_worker_is_refused_in_one_line(tmp_path):
    class LocalEncoder(HashingEncoder):  # a class defined in a function cannot be pickled
        pass

    local = Recommender(encoder=LocalEncoder(64), trained=False, cache_dir=tmp_path)
    with pytest.raises(InputError, match=r"cannot run in worker processes.*workers=1"):
        list(recommend_profiles(local, records(profiles(2)), k=3, workers=2))


@pytest.mark.parametrize("workers", [0, 65, 1.5, "2"])
def test_workers_out_of_range_is_refused(rec, workers):
    with pytest.raises(InputError, match="workers"):
        recommend_profiles(rec, records(profiles(1)), workers=workers)


class MyRecommender(Recommender):  # module level, so it pickles
    pass


@pytest.mark.parametrize("kind", [Recommender, MyRecommender])
def test_a_used_recommender_pickles_without_what_it_loaded(tmp_path, kind):
    import pickle

    used = kind(encoder=HashingEncoder(128), trained=False, cache_dir=tmp_path)
    used.recommend(profiles(1)[0], k=3)  # loads the encoder, index and heads
    copy = pickle.loads(pickle.dumps(used))
    assert type(copy) is kind
    assert set(vars(copy)) == {"corpus", "_encoder", "cache_dir", "_ranker", "_use_trained"}
    assert dicts([copy.recommend(profiles(1)[0], k=3)]) == dicts([used.recommend(profiles(1)[0], k=3)])
