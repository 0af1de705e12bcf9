"""Scores from features with weights learned on judged personas (``benchmarks/train_ranker.py``)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest.errors import ModelError
from infoquest.features import FEATURES

FORMAT_VERSION = 1


@dataclass(frozen=True)
class LinearRanker:
    """``score = coef · standardise(features) + intercept``; contributions explain each score."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float = 0.0
    info: dict[str, Any] = field(default_factory=dict)

    def contributions(self, values: np.ndarray) -> np.ndarray:
        """Per-feature contribution to each score, ``(n, len(features))``."""
        return np.asarray((values - self.mean) / self.scale * self.coef)

    def score(self, values: np.ndarray) -> np.ndarray:
        """One score per row of ``values``."""
        return np.asarray(self.contributions(values).sum(axis=1) + self.intercept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "features": list(self.features),
            "mean": np.round(self.mean, 8).tolist(),
            "scale": np.round(self.scale, 8).tolist(),
            "coef": np.round(self.coef, 8).tolist(),
            "intercept": round(float(self.intercept), 8),
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearRanker:
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT_VERSION}")
        ranker = cls(
            features=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            info=dict(data.get("info", {})),
        )
        if ranker.features != FEATURES:
            raise ValueError("its features differ from this version's; retrain with benchmarks/train_ranker.py")
        if not (ranker.mean.shape == ranker.scale.shape == ranker.coef.shape == (len(FEATURES),)):
            raise ValueError("inconsistent shapes")
        if not np.all(ranker.scale > 0) or not np.all(np.isfinite(ranker.coef)):
            raise ValueError("scales must be positive and weights finite")
        return ranker


def load_ranker(path: str | os.PathLike[str] | None = None) -> LinearRanker:
    """The shipped ranker (``trained/ranker.json``) or one saved by the training script."""
    source = Path(path) if path is not None else _paths.data_file("trained/ranker.json")
    remedy = "reinstall infoquest" if path is None else "retrain it with benchmarks/train_ranker.py"
    try:
        return LinearRanker.from_dict(json.loads(source.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot load ranker weights {source} ({exc}); {remedy}") from None
