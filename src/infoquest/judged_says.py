"""Judged seekers' concerns as more ``says``: how seekers really put the need a question answers.

The corpus's ``says`` (the ways a seeker might state the need each question answers) were written to imitate
seekers. The training concerns (``benchmarks/data/concern_training.jsonl``: spans of written seekers' goals,
never the dev or held-out personas), each with the bank questions two judges found addressing it, are the real
thing. They ship with the trained parts, embedded by the encoder they were trained for, and join the corpus's
``says`` in the concern matcher's nearest-``says`` signals: a new concern close to one a judge matched, in
meaning or in words, is asked for the same question (``benchmarks/results/concern_matcher.md`` measures it).

Files: ``models/trained[/minilm]/judged_says.npy`` (one float16 row per (text, question) pair, in the training
concerns' order; ``with_judged`` groups them by question) and ``judged_says.json`` (stamp: format, encoder, corpus
hash, the texts, the ids of their questions, the matrix's shape and SHA-256). Any other corpus has none
(``load_judged_says`` returns ``None``): its matcher reads the corpus's own ``says`` alone.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest._files import write_atomically
from infoquest._stamps import corpus_stamp
from infoquest.errors import ModelError
from infoquest.index import half_checksum
from infoquest.matching import Says

FORMAT_VERSION = 1
_STEM = "judged_says"


@dataclass(frozen=True)
class JudgedSays:
    """Texts seekers wrote, each with a question judged to address it and the text's unit vector."""

    model_id: str
    corpus_hash: str
    texts: tuple[str, ...]
    questions: tuple[str, ...]  # the id of the question each text was judged to ask for
    vectors: np.ndarray  # (m, d) float32, unit length

    def stamp(self) -> dict[str, Any]:
        """What ``judged_says.json`` records."""
        return {
            "format": FORMAT_VERSION,
            "model_id": self.model_id,
            "corpus_hash": self.corpus_hash,
            "shape": [int(self.vectors.shape[0]), int(self.vectors.shape[1])],
            "sha256": half_checksum(self._stored()),
            "texts": list(self.texts),
            "questions": list(self.questions),
        }

    def _stored(self) -> np.ndarray:
        # float16 halves the file; the cosines it feeds move by about 1e-3, far under any decision's margin.
        return np.ascontiguousarray(self.vectors, dtype="<f2")

    def save(self, folder: Path) -> None:
        """Write the vectors, then the stamp, each atomically (the stamp last: a half-written pair never loads)."""
        buffer = io.BytesIO()
        np.save(buffer, self._stored(), allow_pickle=False)
        write_atomically(folder / f"{_STEM}.npy", buffer.getvalue())
        write_atomically(folder / f"{_STEM}.json", (json.dumps(self.stamp(), indent=1) + "\n").encode("utf-8"))


def with_judged(
    says: Says, texts: Sequence[str], judged: JudgedSays | None, question_ids: Sequence[str]
) -> tuple[Says, list[str]]:
    """The corpus's ``says`` (vectors, owners and ``texts``) and the judged ones in one ``Says``, grouped by
    question as ``best_per_question`` needs, with their texts in the same order. ``judged`` rows whose question
    is not in ``question_ids`` are left out."""
    if judged is None or not judged.texts:
        return says, list(texts)
    position = {qid: i for i, qid in enumerate(question_ids)}
    rows = [n for n, qid in enumerate(judged.questions) if qid in position]
    owners = np.r_[says.owners, np.array([position[judged.questions[n]] for n in rows], dtype=np.int64)]
    vectors = np.vstack([says.vectors, judged.vectors[rows].astype(says.vectors.dtype)])
    every = [*texts, *(judged.texts[n] for n in rows)]
    order = np.argsort(owners, kind="stable")  # each question's own says first, then the judged ones
    return Says(np.ascontiguousarray(vectors[order]), owners[order]), [every[i] for i in order]


def load_judged_says(folder: str, model_id: str, corpus_hash: str) -> JudgedSays | None:
    """The judged ``says`` shipped in ``models/<folder>/`` if they belong to this corpus; ``None`` for any other
    corpus or when none ship.

    Raises:
        ModelError: the files are damaged or were embedded by another encoder.
    """
    return read_judged_says(_paths.data_file(f"{folder}/{_STEM}.json").parent, model_id, corpus_hash)


def read_judged_says(directory: Path, model_id: str, corpus_hash: str) -> JudgedSays | None:
    """The judged ``says`` saved in ``directory`` if they belong to this corpus; ``None`` for any other corpus
    or when there are none.

    Raises:
        ModelError: the files are damaged or were embedded by another encoder.
    """
    try:
        what = "the judged says were embedded by"
        stamp = corpus_stamp(directory / f"{_STEM}.json", FORMAT_VERSION, model_id, corpus_hash, what=what)
        if stamp is None:
            return None
        stored = np.load(directory / f"{_STEM}.npy", allow_pickle=False)
        texts, questions = stamp["texts"], stamp["questions"]
        if (
            list(stored.shape) != stamp["shape"]
            or half_checksum(stored) != stamp["sha256"]
            or not (len(texts) == len(questions) == stored.shape[0])
            or not all(isinstance(x, str) for x in [*texts, *questions])
        ):
            raise ValueError("its vectors or texts do not match their stamp")
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise ModelError(f"cannot load the judged says in {directory} ({exc}); reinstall infoquest") from None
    return JudgedSays(model_id, corpus_hash, tuple(texts), tuple(questions), stored.astype(np.float32))
