"""Question embeddings, computed once per corpus and model and kept in a stamped, atomic, pickle-free cache.

Layout: ``<cache>/<model-slug>/<corpus-hash[:20]>/`` holds ``vectors.npy`` and ``manifest.json`` (model id,
dimension, corpus hash, question count, library version, format). Only corpus questions are stored here:
profile and résumé text never are.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from infoquest._version import __version__
from infoquest.corpus import Corpus
from infoquest.encoders import Encoder
from infoquest.errors import IndexCacheError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
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

    def manifest(self) -> dict[str, Any]:
        """The stamp saved next to the vectors and checked on load."""
        return {
            "format": FORMAT_VERSION,
            "library_version": __version__,
            "model_id": self.model_id,
            "dimension": int(self.vectors.shape[1]),
            "count": int(self.vectors.shape[0]),
            "corpus_hash": self.corpus.content_hash,
        }


def cache_path(corpus: Corpus, model_id: str, cache_dir: Path) -> Path:
    """The folder that holds (or will hold) this corpus's vectors for this model."""
    return cache_dir / _slug(model_id) / f"{corpus.content_hash[:20]}-v{__version__}"


def encode_corpus(corpus: Corpus, encoder: Encoder, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Embed every question of ``corpus``; ``progress(done, total)`` is called after each batch."""
    texts = [q.text for q in corpus.questions]
    parts = []
    for start in range(0, len(texts), BATCH):
        parts.append(encoder.encode(texts[start : start + BATCH]))
        if progress is not None:
            progress(min(start + BATCH, len(texts)), len(texts))
    return np.vstack(parts).astype(np.float32)


def load_index(corpus: Corpus, model_id: str, cache_dir: Path) -> QuestionIndex | None:
    """The cached index, or ``None`` when it is missing, stale or corrupted (it is then rebuilt)."""
    folder = cache_path(corpus, model_id, cache_dir)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        vectors = np.load(folder / "vectors.npy", allow_pickle=False)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("embeddings cache at %s is unreadable (%s); rebuilding it", folder, type(exc).__name__)
        return None
    index = QuestionIndex(corpus=corpus, model_id=model_id, vectors=np.asarray(vectors, dtype=np.float32))
    expected = {**index.manifest(), "dimension": manifest.get("dimension")}
    if manifest != expected or vectors.ndim != 2 or vectors.shape[0] != len(corpus) or not np.all(np.isfinite(vectors)):
        logger.warning("embeddings cache at %s is stale or corrupted; rebuilding it", folder)
        return None
    return index


def _atomic_write(path: Path, write: Callable[[Any], None], mode: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, mode) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_index(index: QuestionIndex, cache_dir: Path) -> Path:
    """Write vectors then manifest, each atomically; the manifest last, so a half-written cache never loads."""
    folder = cache_path(index.corpus, index.model_id, cache_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / "vectors.npy", lambda h: np.save(h, index.vectors, allow_pickle=False), "wb")
        text = json.dumps(index.manifest(), indent=2, sort_keys=True)
        _atomic_write(folder / "manifest.json", lambda h: h.write(text), "w")
    except OSError as exc:
        raise IndexCacheError(
            f"cannot write the embeddings cache at {folder} ({exc.strerror}); "
            "set INFOQUEST_CACHE_DIR to a writable folder"
        ) from None
    return folder


def get_index(
    corpus: Corpus,
    encoder: Encoder,
    cache_dir: Path | None = None,
    *,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> QuestionIndex:
    """Load the cached index for ``corpus`` and ``encoder``, or build and cache it.

    A cache that cannot be written is not fatal here: the index is kept in memory and a warning logged.
    """
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    if not rebuild:
        cached = load_index(corpus, encoder.model_id, folder)
        if cached is not None:
            return cached
    index = QuestionIndex(corpus=corpus, model_id=encoder.model_id, vectors=encode_corpus(corpus, encoder, progress))
    try:
        save_index(index, folder)
    except IndexCacheError as exc:
        logger.warning("%s", exc)
    return index
