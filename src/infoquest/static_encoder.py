"""A static embedding model: one vector per word piece, a text's embedding is their mean.

Distilled from all-MiniLM-L6-v2 with model2vec (``models/build_static.py``), it needs neither torch nor
sentence-transformers: loading is reading one ``.npy`` array and a ``tokenizer.json``, and encoding is a
table look-up. It is infoquest's default encoder.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest.errors import ModelError

#: The format of ``models/static/config.json``; a different one is refused rather than misread.
FORMAT_VERSION = 1
#: The folder name of the shipped model under ``models/`` (and ``infoquest/data/`` in a wheel).
SHIPPED = "static"


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0), dtype=np.float32)


#: Word pieces above which a text is summed on its own rather than in the vectorised loop.
_LONG_TEXT = 512


def _segment_sums(table: np.ndarray, flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``(len(lengths), d)`` float32: for each text, the sum of ``table``'s rows for its ``lengths[i]`` ids in
    ``flat`` (texts one after another).

    Each text's rows are added in order, the j-th word piece of every text that has one in one vectorised
    step (texts sorted longest first, so those are a prefix). A text's sum is the same whatever other texts
    share the batch, and this is several times faster than ``np.add.reduceat`` over the gathered rows.
    """
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    sums = np.zeros((len(lengths), table.shape[1]), dtype=np.float32)
    # A long text (a whole document) would make the loop below long; each is summed on its own.
    long = np.flatnonzero(lengths > _LONG_TEXT)
    for i in long:
        sums[i] = table[flat[starts[i] : starts[i] + lengths[i]]].astype(np.float32).sum(axis=0)
    short = np.flatnonzero((lengths > 0) & (lengths <= _LONG_TEXT))
    if len(short):
        sums[short] = _short_sums(table, flat, starts[short], lengths[short])
    return sums


def _short_sums(table: np.ndarray, flat: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    order = np.argsort(-lengths, kind="stable")
    starts = starts[order]
    longest_first = lengths[order]
    # How many texts have a j-th word piece, for each j.
    active = np.searchsorted(-longest_first, -np.arange(int(longest_first[0])), side="left")
    sums = np.zeros((len(order), table.shape[1]), dtype=np.float32)
    for j, count in enumerate(active):
        sums[:count] += table[flat[starts[:count] + j]]  # float16 rows, widened as they are added
    out = np.empty_like(sums)
    out[order] = sums
    return out


# Typographic marks common in résumés; like ASCII punctuation, a BERT tokenizer splits each off on its own.
_MARKS = "\u2018\u2019\u201c\u201d\u2013\u2014\u00b7\u2022\u2026"
# Text the word counter can split as the tokenizer does: printable ASCII, Latin letters, those marks.
_PLAIN = re.compile(f"[\\x20-\\x7e\\t\\n\\r\\u00c0-\\u024f{_MARKS}]*")
# Its pieces: runs of letters and digits, and each other mark alone.
_PIECES = re.compile(f"[A-Za-z0-9\\u00c0-\\u024f]+|[!-/:-@\\[-`{{-~{_MARKS}]")


@dataclass(frozen=True)
class _WordCounter:
    """Exact word-piece counts for plain text (``_PLAIN``) from a BERT tokenizer's vocabulary."""

    known: dict[str, int]  # lower-case words and marks that are one vocabulary entry (marks: their count)
    specials: tuple[str, ...]  # added tokens ("[CLS]"), matched in the raw text before any splitting

    @classmethod
    def for_tokenizer(cls, tokenizer: Any, unk: int | None) -> _WordCounter | None:
        """The counter for ``tokenizer``, or ``None`` when it does not split text as BERT's does."""
        if (
            type(tokenizer.normalizer).__name__ != "BertNormalizer"
            or not getattr(tokenizer.normalizer, "lowercase", False)
            or type(tokenizer.pre_tokenizer).__name__ != "BertPreTokenizer"
            or type(tokenizer.model).__name__ != "WordPiece"
        ):
            return None
        whole = re.compile(r"[a-z0-9]+")
        known = {word: 1 for word in tokenizer.get_vocab() if whole.fullmatch(word)}
        marks = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()] + list(_MARKS)
        for mark, encoding in zip(marks, tokenizer.encode_batch(marks, add_special_tokens=False), strict=True):
            known[mark] = sum(1 for i in encoding.ids if i != unk)
        return cls(known, tuple(t.content for t in tokenizer.get_added_tokens_decoder().values()))

    def pieces(self, text: str) -> list[str] | None:
        """The words and marks of ``text``, lower case; ``None`` when only the tokenizer can count it."""
        lower = text.lower()  # checked after lowering: a few capitals lower to two characters ("İ")
        if not _PLAIN.fullmatch(lower) or ("[" in text and any(t in text for t in self.specials)):
            return None
        return _PIECES.findall(lower)


class StaticEncoder:
    """Mean of static word-piece vectors, L2-normalised (model2vec's recipe, reimplemented in numpy).

    Args:
        folder: a folder with ``config.json``, ``embeddings.npy`` and ``tokenizer.json``; ``None`` for the
            model that ships with infoquest.

    The model is read on first use. Encoding is thread-safe: the tokenizer is only read, never reconfigured.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else _paths.data_file(SHIPPED)
        self._loaded: tuple[Any, np.ndarray, int | None, dict[str, Any]] | None = None
        self._lock = threading.Lock()
        self._in_memory = False
        self._word_counter: _WordCounter | bool | None = None  # False: the tokenizer is not a BERT one

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to another process (``infoquest batch --workers``) as its folder; the model loads there.
        if self._in_memory:
            raise TypeError("a static model built in memory (from_table) cannot be sent to another process")
        return (type(self), (self.folder,))

    @classmethod
    def from_table(
        cls, table: np.ndarray, tokenizer_file: str | Path, model_id: str = "custom-static"
    ) -> StaticEncoder:
        """An encoder over an in-memory table and a ``tokenizer.json`` (for building and testing models)."""
        from tokenizers import Tokenizer

        encoder = cls(Path(tokenizer_file).parent)
        encoder._in_memory = True
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        encoder._loaded = (
            tokenizer,
            np.asarray(table, dtype=np.float32),
            tokenizer.token_to_id("[UNK]"),
            {"model_id": model_id},
        )
        return encoder

    def _load(self) -> tuple[Any, np.ndarray, int | None, dict[str, Any]]:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._read()
        return self._loaded

    def _read(self) -> tuple[Any, np.ndarray, int | None, dict[str, Any]]:
        try:
            from tokenizers import Tokenizer

            config = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
            if not isinstance(config, dict) or config.get("format") != FORMAT_VERSION:
                raise ValueError(f"config format {config.get('format') if isinstance(config, dict) else None!r}")
            path = self.folder / "embeddings.npy"
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            if digest != config.get("sha256"):
                raise ValueError("embeddings.npy does not match the checksum in config.json")
            # Memory-mapped and kept in its stored dtype (float16): only the rows a text uses are read and
            # widened, so the model costs its file's pages, not a float32 copy of the whole table.
            table = np.load(path, mmap_mode="r", allow_pickle=False)
            tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
            if table.ndim != 2 or table.shape != (tokenizer.get_vocab_size(), int(config["dimension"])):
                raise ValueError(f"embeddings have shape {table.shape}, config says {config.get('dimension')}")
            tokenizer.no_truncation()
            tokenizer.no_padding()
        except Exception as exc:  # tokenizers and numpy raise their own types for damaged files
            raise ModelError(
                f"cannot load the static embedding model from {self.folder} ({type(exc).__name__}: "
                f"{str(exc)[:120]}); reinstall infoquest or rebuild it with models/build_static.py"
            ) from None
        return tokenizer, table, tokenizer.token_to_id("[UNK]"), config

    @property
    def model_id(self) -> str:
        return str(self._load()[3]["model_id"])

    @property
    def dimension(self) -> int:
        return int(self._load()[1].shape[1])

    @property
    def max_tokens(self) -> int:
        # A mean of word vectors has no window; the limit only keeps résumé chunks to a line or two.
        return 512

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        tokenizer, _, unk, _ = self._load()
        encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [[i for i in e.ids if i != unk] for e in encodings]

    def count_tokens(self, text: str) -> int:
        return self.count_tokens_many([text])[0]

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]:
        """``count_tokens`` for many texts: exact, and for plain text mostly without the tokenizer's help.

        Chunking a résumé counts every line, and running the tokenizer for that cost as much as the rest of
        reading a profile. A BERT tokenizer splits text at spaces and around each punctuation mark, and a
        word that is itself in the vocabulary is one word piece; so for plain text (ASCII, Latin letters,
        common typographic marks) the count is a vocabulary look-up per word, and only the other words go
        through the tokenizer (all in one call).
        """
        counter = self._counter()
        if counter is None:
            return [len(ids) for ids in self._ids(texts)]
        known = counter.known
        pieces = [counter.pieces(text) for text in texts]
        unknown = list(dict.fromkeys(p for row in pieces if row is not None for p in row if p not in known))
        sizes = dict(zip(unknown, (len(ids) for ids in self._ids(unknown)), strict=True)) if unknown else {}
        slow = [text for text, row in zip(texts, pieces, strict=True) if row is None]
        slow_counts = iter([len(ids) for ids in self._ids(slow)] if slow else [])
        # Looked up in place: a copy of the vocabulary per call would cost more than the counting.
        return [
            next(slow_counts) if row is None else sum(known[p] if p in known else sizes[p] for p in row)
            for row in pieces
        ]

    def _counter(self) -> _WordCounter | None:
        if self._word_counter is None:
            tokenizer, _, unk, _ = self._load()
            self._word_counter = _WordCounter.for_tokenizer(tokenizer, unk) or False
        return self._word_counter if isinstance(self._word_counter, _WordCounter) else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: ``(n, dimension)`` float32, unit-length rows (zero for a text with no known word)."""
        _, table, _, _ = self._load()
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        ids = self._ids(texts)
        lengths = np.array([len(row) for row in ids])
        flat = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
        if lengths.any():
            out[:] = _segment_sums(table, flat, lengths) / np.maximum(lengths, 1)[:, None]
        return _normalise(out)  # rows with no known word stay zero
