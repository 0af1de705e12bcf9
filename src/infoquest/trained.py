"""The learned parts that read a profile and score questions, as one set per encoder.

Each set was trained on one encoder's vectors (``benchmarks/train_heads.py``, ``train_concerns.py``,
``train_ranker.py``) and says so in every file; using a set with another encoder is an error, never a
silent fallback. ``models/trained/`` holds the set for the default static encoder and ``models/trained/minilm/``
the set for all-MiniLM-L6-v2.
"""

from __future__ import annotations

from dataclasses import dataclass

from infoquest import _paths
from infoquest.errors import ModelError
from infoquest.heads import LinearHead, load_heads
from infoquest.matching import ConcernMatcher, load_matcher
from infoquest.ranking import LinearRanker, load_ranker

STATIC_ID = "infoquest/static-minilm-v2"
MINILM_ID = "sentence-transformers/all-MiniLM-L6-v2"
#: Where each encoder's set lives, under ``models/`` (``infoquest/data/`` in a wheel).
FOLDERS = {STATIC_ID: "trained", MINILM_ID: "trained/minilm"}


@dataclass(frozen=True)
class Trained:
    """One encoder's learned parts. ``roles`` and ``goals`` are ``None`` when reading runs untrained.

    ``matcher`` uses the shipped corpus's question classifier (``says_classifier``); ``general`` is the same
    matcher trained without it, for any other corpus.
    """

    model_id: str
    roles: dict[str, LinearHead] | None
    goals: dict[str, LinearHead] | None
    matcher: ConcernMatcher
    folder: str
    general: ConcernMatcher

    def matcher_for(self, classified: bool) -> ConcernMatcher:
        """The matcher for a corpus with (``classified``) or without a question classifier."""
        return self.matcher if classified else self.general

    def ranker(self) -> LinearRanker:
        """The ranking weights trained on this encoder's features (read on demand: training supplies its own)."""
        ranker = load_ranker(_paths.data_file(f"{self.folder}/ranker.json"))
        stamped = str(ranker.info.get("model_id", ""))
        if stamped != self.model_id and self.roles is not None:
            raise ModelError(
                f"the shipped ranker in {self.folder} was trained on {stamped or 'an unknown encoder'}, not "
                f"{self.model_id}; retrain it with benchmarks/train_ranker.py or reinstall infoquest"
            )
        return ranker


def folder_for(model_id: str) -> str:
    """The shipped folder of ``model_id``'s set; ``ModelError`` when infoquest ships none for it."""
    try:
        return FOLDERS[model_id]
    except KeyError:
        raise ModelError(
            f"infoquest has no trained models for encoder {model_id[:80]!r} (it ships them for "
            f"{', '.join(FOLDERS)}); retrain them with benchmarks/train_heads.py, train_concerns.py and "
            "train_ranker.py, or pass trained=False to rank on similarities and corpus metadata alone"
        ) from None


def load_trained(model_id: str) -> Trained:
    """The shipped set for ``model_id``, each file checked against it.

    Raises:
        ModelError: none ships for this encoder, a file is damaged, or a file was trained on another encoder.
    """
    folder = folder_for(model_id)
    roles, goals = load_heads("roles", folder), load_heads("goals", folder)
    matcher = load_matcher(_paths.data_file(f"{folder}/concerns.json"))
    general = load_matcher(_paths.data_file(f"{folder}/concerns_general.json"))
    stamps = {
        "roles": {h.model_id for h in roles.values()},
        "goals": {h.model_id for h in goals.values()},
        "concerns": {matcher.model_id, general.model_id},
    }
    for name, ids in stamps.items():
        if ids != {model_id}:
            raise ModelError(
                f"the shipped {name} model in {folder} was trained on {', '.join(sorted(ids))}, not {model_id}; "
                "retrain it or reinstall infoquest"
            )
    return Trained(model_id, roles, goals, matcher, folder, general)


def untrained(model_id: str) -> Trained:
    """No learned reading: every interviewee kind and stage alike, a plain concern rule, and the default
    encoder's ranking weights (for custom encoders, ``Recommender(trained=False)``)."""
    neutral = ConcernMatcher.neutral(model_id)
    return Trained(model_id, None, None, neutral, FOLDERS[STATIC_ID], neutral)
