"""Question embeddings, computed once per corpus and model and kept in a stamped, atomic, pickle-free cache.

Layout: ``<cache>/<model-slug>/<corpus-hash[:20]>/`` holds ``vectors.npy`` (one row per question),
``says.npy`` (one row per entry of the questions' ``says``, in corpus order) and ``manifest.json`` (model id,
dimension, corpus hash, counts, library version, format, dtype and the arrays' SHA-256). Only
corpus questions are stored here: profile and résumé text never are. Files are created with the user's
umask (readable by others under the usual 022), so a cache built at image-build time serves other users.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from infoquest._files import write_atomically
from infoquest._version import __version__
from infoquest.corpus import Corpus
from infoquest.encoders import Encoder
from infoquest.errors import IndexCacheError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 3
#: Questions are embedded in batches of this size, so large corpora can show progress.
BATCH = 256


def default_cache_dir() -> Path:
    """``$INFOQUEST_CACHE_DIR`` if set, else the user's cache folder (e.g. ``~/.cache/infoquest``)."""
    override = os.environ.get("INFOQUEST_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("infoquest", appauthor=False))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:80] or "model"


@dataclass(frozen=True)
class QuestionIndex:
    """Unit-length question vectors aligned with ``corpus.questions``."""

    corpus: Corpus
    model_id: str
    vectors: np.ndarray
    #: Unit-length vectors of every question's ``says`` entries, in corpus order (``says_owners`` maps them).
    says_vectors: np.ndarray | None = None

    def says(self) -> np.ndarray:
        """``says_vectors``, or an empty ``(0, dimension)`` array."""
        if self.says_vectors is None:
            return np.zeros((0, self.vectors.shape[1]), dtype=np.float32)
        return self.says_vectors

    def manifest(self) -> dict[str, Any]:
        """The stamp saved next to the vectors and checked on load."""
        return {
            "format": FORMAT_VERSION,
            "library_version": __version__,
            "model_id": self.model_id,
            "dimension": int(self.vectors.shape[1]),
            "count": int(self.vectors.shape[0]),
            "says_count": int(self.says().shape[0]),
            "corpus_hash": self.corpus.content_hash,
            "dtype": "float32",
            "sha256": vectors_checksum(self.vectors),
            "says_sha256": vectors_checksum(self.says()),
        }


def says_owners(corpus: Corpus) -> np.ndarray:
    """For each ``says`` entry of the corpus (in order), the index of the question it belongs to."""
    return np.array([i for i, q in enumerate(corpus.questions) for _ in q.says], dtype=np.int64)


def cache_path(corpus: Corpus, model_id: str, cache_dir: Path) -> Path:
    """The folder that holds (or will hold) this corpus's vectors for this model."""
    return cache_dir / _slug(model_id) / f"{corpus.content_hash[:20]}-v{__version__}"


def encode_corpus(corpus: Corpus, encoder: Encoder, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Embed every question of ``corpus``; ``progress(done, total)`` is called after each batch.

    An encoder's optional ``encode_bulk`` is used when it has one: a faster batched form for many texts
    (the transformer encoders' ``encode`` gives each text its own forward pass, for batch-independent
    profile vectors; a corpus is always embedded in the same batches, so it does not need that).
    """
    return _encode_texts([q.text for q in corpus.questions], encoder, progress)


def encode_says(
    corpus: Corpus, encoder: Encoder, progress: Callable[[int, int], None] | None = None
) -> np.ndarray | None:
    """Embed every ``says`` entry of ``corpus``, in corpus order (``None`` when there are none)."""
    texts = [s for q in corpus.questions for s in q.says]
    return _encode_texts(texts, encoder, progress) if texts else None


def _encode_texts(texts: list[str], encoder: Encoder, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    encode: Callable[[Sequence[str]], np.ndarray] = getattr(encoder, "encode_bulk", encoder.encode)
    parts = []
    for start in range(0, len(texts), BATCH):
        parts.append(encode(texts[start : start + BATCH]))
        if progress is not None:
            progress(min(start + BATCH, len(texts)), len(texts))
    return np.vstack(parts).astype(np.float32)


def half_checksum(values: np.ndarray) -> str:
    """SHA-256 of ``values`` as little-endian float16, C order: for arrays stored as float16 (no float32 copy)."""
    return hashlib.sha256(np.ascontiguousarray(values, dtype="<f2").data.cast("B")).hexdigest()


def vectors_checksum(vectors: np.ndarray) -> str:
    """SHA-256 of the vectors as little-endian float32, C order: what the manifest stamps."""
    return hashlib.sha256(np.ascontiguousarray(vectors, dtype="<f4").tobytes()).hexdigest()


def _read(folder: Path) -> tuple[Any, np.ndarray, np.ndarray | None]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    vectors = np.load(folder / "vectors.npy", allow_pickle=False)
    says_file = folder / "says.npy"
    says = np.load(says_file, allow_pickle=False) if says_file.exists() else None
    return manifest, vectors, says


def _problem(index: QuestionIndex, manifest: Any, vectors: np.ndarray) -> str | None:
    """What is wrong with a loaded cache, or ``None`` when it is the one this corpus and model need."""
    if not isinstance(manifest, dict):
        return f"manifest is a JSON {type(manifest).__name__}, not an object"
    if vectors.dtype != np.float32:
        return f"vectors are {vectors.dtype}, not float32"
    if vectors.ndim != 2 or vectors.shape[0] != len(index.corpus):
        return f"vectors have shape {vectors.shape}, the corpus has {len(index.corpus)} questions"
    says = index.says()
    if says.dtype != np.float32 or says.ndim != 2 or says.shape != (len(says_owners(index.corpus)), vectors.shape[1]):
        return f"says vectors have shape {says.shape}, the corpus needs {len(says_owners(index.corpus))}"
    if manifest != index.manifest():
        stale = sorted(k for k, v in index.manifest().items() if manifest.get(k) != v)
        return f"manifest differs in {', '.join(stale) or 'extra keys'}"
    return None


def load_index(corpus: Corpus, model_id: str, cache_dir: Path) -> QuestionIndex | None:
    """The cached index, or ``None`` when it is missing, stale or damaged in any way (it is then rebuilt).

    Damage includes an empty, truncated or garbage file, a manifest that is not a JSON object, vectors of
    another shape or dtype, and vectors that do not match the manifest's SHA-256 checksum.
    """
    folder = cache_path(corpus, model_id, cache_dir)
    try:
        manifest, vectors, says = _read(folder)
    except FileNotFoundError:
        return None
    except Exception as exc:  # json and numpy raise many types (EOFError, ValueError, …) for damaged files
        logger.warning("embeddings cache at %s is unreadable (%s); rebuilding it", folder, type(exc).__name__)
        return None
    index = QuestionIndex(corpus=corpus, model_id=model_id, vectors=vectors, says_vectors=says)
    problem = _problem(index, manifest, vectors)
    if problem is None and not (np.all(np.isfinite(vectors)) and np.all(np.isfinite(index.says()))):
        problem = "vectors are not all finite"
    if problem is not None:
        logger.warning("embeddings cache at %s is stale or damaged (%s); rebuilding it", folder, problem)
        return None
    return index


def save_index(index: QuestionIndex, cache_dir: Path) -> Path:
    """Write vectors then manifest, each atomically; the manifest last, so a half-written cache never loads."""
    folder = cache_path(index.corpus, index.model_id, cache_dir)
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(index.vectors, dtype=np.float32), allow_pickle=False)
    says = io.BytesIO()
    np.save(says, np.ascontiguousarray(index.says(), dtype=np.float32), allow_pickle=False)
    text = json.dumps(index.manifest(), indent=2, sort_keys=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / "vectors.npy", buffer.getvalue())
        write_atomically(folder / "says.npy", says.getvalue())
        write_atomically(folder / "manifest.json", text.encode("utf-8"))
    except OSError as exc:
        raise IndexCacheError(
            f"cannot write the embeddings cache at {folder} ({exc.strerror}); "
            "set INFOQUEST_CACHE_DIR to a writable folder"
        ) from None
    return folder


#: Indexes that could not be saved, kept for the rest of the process so that a read-only cache costs one
#: build per (folder, model, corpus), not one per call. Keyed by folder too: another folder may be writable.
_UNSAVED: dict[tuple[Path, str, str], QuestionIndex] = {}
_UNSAVED_LOCK = threading.Lock()


def get_index(
    corpus: Corpus,
    encoder: Encoder,
    cache_dir: Path | None = None,
    *,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> QuestionIndex:
    """Load the cached index for ``corpus`` and ``encoder``, or build and cache it.

    A cache that cannot be written is not fatal: the index is kept in memory for the rest of the process
    (one warning, one build) and used by every later call with the same folder, model and corpus.
    Safe to call from several threads; two threads that both find no cache both build it (equal results).
    """
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    key = (folder, encoder.model_id, corpus.content_hash)
    if not rebuild:
        kept = _UNSAVED.get(key)
        if kept is not None:
            return kept
        cached = load_index(corpus, encoder.model_id, folder)
        if cached is not None:
            return cached
    n_questions, n_says = len(corpus), len(says_owners(corpus))
    total = n_questions + n_says

    def questions_done(done: int, _: int) -> None:
        if progress is not None:
            progress(done, total)

    def says_done(done: int, _: int) -> None:
        if progress is not None:
            progress(n_questions + done, total)

    index = QuestionIndex(
        corpus=corpus,
        model_id=encoder.model_id,
        vectors=encode_corpus(corpus, encoder, questions_done),
        says_vectors=encode_says(corpus, encoder, says_done),
    )
    try:
        save_index(index, folder)
    except IndexCacheError as exc:
        with _UNSAVED_LOCK:
            first = key not in _UNSAVED
            _UNSAVED[key] = index
        if first:
            logger.warning("%s; keeping the embeddings in memory for this process", exc)
    else:
        with _UNSAVED_LOCK:
            _UNSAVED.pop(key, None)
    return index
