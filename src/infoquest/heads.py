"""Small linear classifiers over sentence embeddings, trained with scikit-learn, saved as stamped JSON.

infoquest reads free text with them (who the interviewee is, where the seeker stands, what their
goals ask for, whether a question asks for a job). Training lives in ``benchmarks/``; at run time
only numpy is needed, and nothing is unpickled.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest.errors import ModelError

FORMAT_VERSION = 1


@dataclass(frozen=True)
class LinearHead:
    """Multiclass (softmax) or multi-label (one sigmoid per class) logistic model on embeddings."""

    name: str
    model_id: str
    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    multilabel: bool = False
    info: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, vectors: np.ndarray) -> np.ndarray:
        """Class probabilities, ``(n, len(classes))``; rows sum to 1 unless multi-label."""
        logits = np.asarray(vectors, dtype=np.float64) @ self.coef.T + self.intercept
        if self.multilabel:
            return 1.0 / (1.0 + np.exp(-logits))
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model_id": self.model_id,
            "classes": list(self.classes),
            "coef": np.round(self.coef, 6).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
            "multilabel": self.multilabel,
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearHead:
        coef = np.asarray(data["coef"], dtype=np.float64)
        intercept = np.asarray(data["intercept"], dtype=np.float64)
        classes = tuple(data["classes"])
        if coef.ndim != 2 or coef.shape[0] != len(classes) or intercept.shape != (len(classes),):
            raise ValueError(f"head {data.get('name')!r} has inconsistent shapes")
        return cls(
            name=data["name"],
            model_id=data["model_id"],
            classes=classes,
            coef=coef,
            intercept=intercept,
            multilabel=bool(data["multilabel"]),
            info=dict(data.get("info", {})),
        )


def fit_head(
    name: str,
    vectors: np.ndarray,
    labels: Sequence[str] | Sequence[Sequence[str]],
    model_id: str,
    *,
    multilabel: bool = False,
    c: float = 4.0,
) -> LinearHead:
    """Fit a head with scikit-learn's ``LogisticRegression`` (balanced class weights)."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(vectors, dtype=np.float64)
    if multilabel:
        classes = tuple(sorted({tag for tags in labels for tag in tags}))
        coefs, intercepts = [], []
        for tag in classes:
            y = np.array([tag in tags for tags in labels], dtype=int)
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
            coefs.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        return LinearHead(name, model_id, classes, np.array(coefs), np.array(intercepts), multilabel=True)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, list(labels))
    classes = tuple(str(c) for c in model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes; softmax over [-z/2, z/2] is the same model
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearHead(name, model_id, classes, np.asarray(coef), np.asarray(intercept))


def save_heads(path: Path, heads: Sequence[LinearHead], info: dict[str, Any] | None = None) -> None:
    """Write heads to one JSON file atomically."""
    payload = {"format": FORMAT_VERSION, "info": info or {}, "heads": [h.to_dict() for h in heads]}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, separators=(",", ":"))
    os.replace(tmp, path)


_CACHE: dict[str, dict[str, LinearHead]] = {}


def load_heads(name: str) -> dict[str, LinearHead]:
    """The heads in the shipped file ``trained/<name>.json``, by head name (read once per process)."""
    if name not in _CACHE:
        path = _paths.data_file(f"trained/{name}.json")
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("format") != FORMAT_VERSION:
                raise ValueError(f"format {payload.get('format')!r}, expected {FORMAT_VERSION}")
            heads = [LinearHead.from_dict(item) for item in payload["heads"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load trained model {path} ({exc}); reinstall infoquest") from None
        _CACHE[name] = {head.name: head for head in heads}
    return _CACHE[name]
