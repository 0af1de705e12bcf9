from __future__ import annotations

import json

import numpy as np
import pytest

from infoquest.corpus import Corpus, Question
from infoquest.index import cache_path, get_index, load_index


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


@pytest.mark.parametrize("damage", ["truncate", "garbage", "manifest", "nan", "pickle"])
def test_corrupted_or_stale_caches_are_rebuilt(small_corpus, encoder, tmp_path, damage):
    get_index(small_corpus, encoder, tmp_path)
    folder = cache_path(small_corpus, encoder.model_id, tmp_path)
    vectors = folder / "vectors.npy"
    if damage == "truncate":
        vectors.write_bytes(vectors.read_bytes()[:50])
    elif damage == "garbage":
        vectors.write_bytes(b"not a numpy file")
    elif damage == "manifest":
        manifest = json.loads((folder / "manifest.json").read_text())
        (folder / "manifest.json").write_text(json.dumps({**manifest, "library_version": "0.0.0"}))
    elif damage == "nan":
        np.save(vectors, np.full((5, 128), np.nan, dtype=np.float32))
    else:
        np.save(vectors, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    assert load_index(small_corpus, encoder.model_id, tmp_path) is None
    counting = CountingEncoder(encoder)
    rebuilt = get_index(small_corpus, counting, tmp_path)
    assert counting.calls == 1 and np.isfinite(rebuilt.vectors).all()
    assert load_index(small_corpus, encoder.model_id, tmp_path) is not None


def test_an_unwritable_cache_is_not_fatal(small_corpus, encoder, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    index = get_index(small_corpus, encoder, blocker / "sub")
    assert index.vectors.shape == (5, 128)
    assert "INFOQUEST_CACHE_DIR" in caplog.text


def test_writes_leave_no_temporary_files(small_corpus, encoder, tmp_path):
    get_index(small_corpus, encoder, tmp_path)
    folder = cache_path(small_corpus, encoder.model_id, tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "vectors.npy"]
