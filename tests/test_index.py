from __future__ import annotations

import json
import os
import stat

import numpy as np
import pytest

from infoquest.corpus import Corpus, Question
from infoquest.index import cache_path, get_index, load_index, vectors_checksum


class CountingEncoder:
    """Wraps an encoder and counts calls, to see when the cache is used."""

    def __init__(self, inner):
        self.inner, self.calls = inner, 0
        self.model_id, self.max_tokens = inner.model_id, inner.max_tokens

    def encode(self, texts):
        self.calls += 1
        return self.inner.encode(texts)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def test_index_is_built_once_then_loaded(small_corpus, encoder, tmp_path):
    counting = CountingEncoder(encoder)
    first = get_index(small_corpus, counting, tmp_path)
    second = get_index(small_corpus, counting, tmp_path)
    assert counting.calls == 1
    np.testing.assert_array_equal(first.vectors, second.vectors)
    manifest = json.loads((cache_path(small_corpus, encoder.model_id, tmp_path) / "manifest.json").read_text())
    assert manifest["corpus_hash"] == small_corpus.content_hash
    assert manifest["model_id"] == encoder.model_id and manifest["count"] == 5


def test_a_changed_corpus_gets_its_own_index(small_corpus, encoder, tmp_path):
    get_index(small_corpus, encoder, tmp_path)
    changed = Corpus.from_questions([*small_corpus.questions, Question(id="f", text="What would you do differently?")])
    assert load_index(changed, encoder.model_id, tmp_path) is None
    assert get_index(changed, encoder, tmp_path).vectors.shape[0] == 6


def _damage(folder, kind):
    vectors, manifest = folder / "vectors.npy", folder / "manifest.json"
    good = np.load(vectors)
    stamp = json.loads(manifest.read_text())
    if kind == "empty vectors":
        vectors.write_bytes(b"")
    elif kind == "truncated vectors":
        vectors.write_bytes(vectors.read_bytes()[:-100])
    elif kind == "header only":
        vectors.write_bytes(vectors.read_bytes()[:50])
    elif kind == "garbage vectors":
        vectors.write_bytes(b"not a numpy file")
    elif kind == "pickled vectors":
        np.save(vectors, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    elif kind == "nan vectors":
        np.save(vectors, np.full_like(good, np.nan))
    elif kind == "wrong shape: transposed":
        np.save(vectors, np.ascontiguousarray(good.T))
    elif kind == "wrong shape: one row short":
        np.save(vectors, good[:-1])
    elif kind == "wrong shape: flat":
        np.save(vectors, good.ravel())
    elif kind == "wrong dtype":
        np.save(vectors, good.astype(np.float64))
    elif kind == "wrong checksum":  # vectors of the right shape and dtype, but not the ones stamped
        np.save(vectors, good[::-1].copy())
    elif kind == "empty manifest":
        manifest.write_bytes(b"")
    elif kind == "garbage manifest":
        manifest.write_bytes(b"\xff\xfe{not json")
    elif kind in ("manifest []", "manifest null", "manifest string"):
        manifest.write_text({"manifest []": "[]", "manifest null": "null", "manifest string": '"x"'}[kind])
    elif kind == "manifest missing checksum":
        manifest.write_text(json.dumps({k: v for k, v in stamp.items() if k != "sha256"}))
    elif kind == "stale manifest":
        manifest.write_text(json.dumps({**stamp, "library_version": "0.0.0"}))
    else:
        raise AssertionError(kind)


DAMAGE = [
    "empty vectors",
    "truncated vectors",
    "header only",
    "garbage vectors",
    "pickled vectors",
    "nan vectors",
    "wrong shape: transposed",
    "wrong shape: one row short",
    "wrong shape: flat",
    "wrong dtype",
    "wrong checksum",
    "empty manifest",
    "garbage manifest",
    "manifest []",
    "manifest null",
    "manifest string",
    "manifest missing checksum",
    "stale manifest",
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_every_damaged_cache_is_detected_and_rebuilt(small_corpus, encoder, tmp_path, damage, caplog):
    original = get_index(small_corpus, encoder, tmp_path).vectors
    folder = cache_path(small_corpus, encoder.model_id, tmp_path)
    _damage(folder, damage)
    assert load_index(small_corpus, encoder.model_id, tmp_path) is None
    assert "rebuilding" in caplog.text
    counting = CountingEncoder(encoder)
    rebuilt = get_index(small_corpus, counting, tmp_path)
    assert counting.calls == 1
    np.testing.assert_array_equal(rebuilt.vectors, original)
    healed = load_index(small_corpus, encoder.model_id, tmp_path)
    assert healed is not None
    np.testing.assert_array_equal(healed.vectors, original)


def test_the_manifest_stamps_the_vectors_checksum(small_corpus, encoder, tmp_path):
    index = get_index(small_corpus, encoder, tmp_path)
    manifest = json.loads((cache_path(small_corpus, encoder.model_id, tmp_path) / "manifest.json").read_text())
    assert manifest["sha256"] == vectors_checksum(index.vectors)
    assert len(manifest["sha256"]) == 64 and manifest["dtype"] == "float32"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_cache_files_follow_the_users_umask(small_corpus, encoder, tmp_path, umask):
    old = os.umask(umask)
    try:
        get_index(small_corpus, encoder, tmp_path)
    finally:
        os.umask(old)
    folder = cache_path(small_corpus, encoder.model_id, tmp_path)
    for name in ("vectors.npy", "manifest.json"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o666 & ~umask, name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask


def test_an_unwritable_cache_costs_one_build_and_one_warning_per_process(small_corpus, encoder, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    counting = CountingEncoder(encoder)
    first = get_index(small_corpus, counting, blocker / "sub")
    for _ in range(3):
        again = get_index(small_corpus, counting, blocker / "sub")
    assert counting.calls == 1 and again is first
    assert caplog.text.count("cannot write the embeddings cache") == 1
    # Another (writable) folder still gets its own cache.
    get_index(small_corpus, counting, tmp_path / "ok")
    assert load_index(small_corpus, encoder.model_id, tmp_path / "ok") is not None


def test_an_unwritable_cache_is_not_fatal(small_corpus, encoder, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    index = get_index(small_corpus, encoder, blocker / "sub")
    assert index.vectors.shape == (5, 128)
    assert "INFOQUEST_CACHE_DIR" in caplog.text


def test_writes_leave_no_temporary_files(small_corpus, encoder, tmp_path):
    get_index(small_corpus, encoder, tmp_path)
    folder = cache_path(small_corpus, encoder.model_id, tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "says.npy", "vectors.npy"]


def _with_says() -> Corpus:
    return Corpus(
        questions=(
            Question(
                id="a", text="How do people cope with night shifts?", says=("worried about nights", "12-hour shifts")
            ),
            Question(id="b", text="What does a typical day look like?"),
            Question(id="c", text="How do you price a bid?", says=("how to price bids without underbidding",)),
        )
    )


def test_says_are_embedded_cached_and_reloaded_in_corpus_order(encoder, tmp_path):
    from infoquest.index import says_owners

    corpus = _with_says()
    built = get_index(corpus, encoder, tmp_path)
    assert says_owners(corpus).tolist() == [0, 0, 2]
    np.testing.assert_allclose(
        built.says(),
        encoder.encode(["worried about nights", "12-hour shifts", "how to price bids without underbidding"]),
        atol=1e-6,
    )
    loaded = load_index(corpus, encoder.model_id, tmp_path)
    assert loaded is not None
    np.testing.assert_array_equal(loaded.says(), built.says())


def test_damaged_says_vectors_are_rebuilt(encoder, tmp_path):
    corpus = _with_says()
    built = get_index(corpus, encoder, tmp_path)
    folder = cache_path(corpus, encoder.model_id, tmp_path)
    np.save(folder / "says.npy", np.zeros((1, built.vectors.shape[1]), dtype=np.float32))
    assert load_index(corpus, encoder.model_id, tmp_path) is None
    np.testing.assert_array_equal(get_index(corpus, encoder, tmp_path).says(), built.says())
