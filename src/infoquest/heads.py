"""Small linear classifiers over sentence embeddings (plus, optionally, TF-IDF n-grams of the same text),
trained with scikit-learn and saved as stamped JSON.

infoquest reads free text with them: who the interviewee is, where the seeker stands, what their goals
ask for, whether a question asks for a job. Training lives in ``benchmarks/train_heads.py``; at run time
nothing is unpickled.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from infoquest import _paths
from infoquest.errors import ModelError
from infoquest.tfidf import WORD_PATTERNS, Tfidf
from infoquest.typography import plain_typing

FORMAT_VERSION = 2


def _sklearn_analyzer(analyzer: str) -> dict[str, str]:
    """scikit-learn's ``TfidfVectorizer`` arguments for one of ``infoquest.tfidf``'s analyzers."""
    if analyzer in WORD_PATTERNS:
        return {"analyzer": "word", "token_pattern": WORD_PATTERNS[analyzer]}
    return {"analyzer": analyzer}


@dataclass(frozen=True)
class Lexicon:
    """TF-IDF features (scikit-learn's ``TfidfVectorizer``, sublinear counts) fitted on a head's training texts.

    Character n-grams make a head robust to typos ("profesor of civil engneering"); word n-grams keep the
    small decisive words an embedding blurs ("the opening" versus "openings in this field").
    """

    analyzer: str
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray

    @cached_property
    def _space(self) -> Tfidf:
        return Tfidf(self.analyzer, self.ngram_range, self.vocabulary, self.idf)

    def dot(self, texts: Sequence[str], matrix: np.ndarray) -> np.ndarray:
        """``tfidf(texts) @ matrix`` for a ``(len(vocabulary), m)`` matrix (numpy only: no scikit-learn at run time).
        Texts are read as plain typing ("cousin’s" as "cousin's"), as the lexicon was fitted."""
        return self._space.dot([plain_typing(t) for t in texts], matrix)

    def transform(self, texts: Sequence[str]) -> Any:
        """A sparse ``(n, len(vocabulary))`` matrix (scikit-learn; for training)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(
            **_sklearn_analyzer(self.analyzer),
            ngram_range=self.ngram_range,
            sublinear_tf=True,
            vocabulary=self.vocabulary,
        )
        vectorizer.idf_ = self.idf
        return vectorizer.transform(list(texts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "vocabulary": self.vocabulary,
            "idf": np.round(self.idf, 6).tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lexicon:
        vocabulary = {str(k): int(v) for k, v in data["vocabulary"].items()}
        idf = np.asarray(data["idf"], dtype=np.float64)
        low, high = (int(n) for n in data["ngram_range"])
        if idf.shape != (len(vocabulary),) or sorted(vocabulary.values()) != list(range(len(vocabulary))):
            raise ValueError("lexicon has inconsistent shapes")
        return cls(str(data["analyzer"]), (low, high), vocabulary, idf)

    @classmethod
    def fit(cls, texts: Sequence[str], analyzer: str, ngram_range: tuple[int, int], max_features: int) -> Lexicon:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(
            **_sklearn_analyzer(analyzer), ngram_range=ngram_range, sublinear_tf=True, max_features=max_features
        ).fit(list(texts))
        vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        return cls(analyzer, ngram_range, vocabulary, np.asarray(vectorizer.idf_))


@dataclass(frozen=True)
class LinearHead:
    """Multiclass (softmax) or multi-label (one sigmoid per class) logistic model on embeddings, optionally
    extended with a ``Lexicon`` of the same text (then ``predict_proba`` needs the texts too)."""

    name: str
    model_id: str
    classes: tuple[str, ...]
    coef: np.ndarray  # (len(classes), dim [+ len(lexicon.vocabulary)])
    intercept: np.ndarray
    multilabel: bool = False
    lexicon: Lexicon | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def predict_proba(
        self, vectors: np.ndarray, texts: Sequence[str] | None = None, lexical: np.ndarray | None = None
    ) -> np.ndarray:
        """Class probabilities, ``(n, len(classes))``; rows sum to 1 unless multi-label. ``lexical``: the
        lexicon's part of the logits when the caller computed it already (``predict_many``)."""
        x = np.asarray(vectors, dtype=np.float64)
        dim = x.shape[1]
        logits = x @ self.coef[:, :dim].T + self.intercept
        if self.lexicon is not None:
            if lexical is None:
                if texts is None:
                    raise ValueError(f"head {self.name!r} reads the texts as well as their embeddings")
                lexical = self.lexicon.dot(texts, self.coef[:, dim:].T)
            logits = logits + lexical
        if self.multilabel:
            return np.asarray(1.0 / (1.0 + np.exp(-logits)))
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return np.asarray(weights / weights.sum(axis=1, keepdims=True))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model_id": self.model_id,
            "classes": list(self.classes),
            "coef": np.round(self.coef, 6).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
            "multilabel": self.multilabel,
            "lexicon": None if self.lexicon is None else self.lexicon.to_dict(),
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearHead:
        if not isinstance(data, dict):
            raise ValueError("a head must be a JSON object")
        coef = np.asarray(data["coef"], dtype=np.float64)
        intercept = np.asarray(data["intercept"], dtype=np.float64)
        classes = tuple(data["classes"])
        lexicon = Lexicon.from_dict(data["lexicon"]) if data.get("lexicon") else None
        extra = 0 if lexicon is None else len(lexicon.vocabulary)
        if (
            coef.ndim != 2
            or coef.shape[0] != len(classes)
            or coef.shape[1] <= extra
            or intercept.shape != (len(classes),)
        ):
            raise ValueError(f"head {data.get('name')!r} has inconsistent shapes")
        return cls(
            name=data["name"],
            model_id=data["model_id"],
            classes=classes,
            coef=coef,
            intercept=intercept,
            multilabel=bool(data["multilabel"]),
            lexicon=lexicon,
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
    texts: Sequence[str] | None = None,
    lexicon: tuple[str, tuple[int, int], int] | None = None,
    weight: float = 1.0,
) -> LinearHead:
    """Fit a head with scikit-learn's ``LogisticRegression`` (balanced class weights).

    Args:
        lexicon: ``(analyzer, ngram_range, max_features)`` to add TF-IDF features of ``texts``.
        weight: the embedding's scale against the lexicon's features while fitting (the L2 penalty treats both
            alike, so a smaller weight lets the words decide more); folded into the coefficients, so the head
            reads plain embeddings.
    """
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    dim = np.asarray(vectors).shape[1]
    x: Any = np.asarray(vectors, dtype=np.float64) * weight
    fitted = None
    if lexicon is not None:
        if texts is None:
            raise ValueError("a lexicon needs the texts")
        fitted = Lexicon.fit(texts, *lexicon)
        x = hstack([csr_matrix(x), fitted.transform(texts)]).tocsr()
    if multilabel:
        classes = tuple(sorted({tag for tags in labels for tag in tags}))
        coefs, intercepts = [], []
        for tag in classes:
            y = np.array([tag in tags for tags in labels], dtype=int)
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y)
            coefs.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        coef = np.array(coefs)
        coef[:, :dim] *= weight
        return LinearHead(name, model_id, classes, coef, np.array(intercepts), True, fitted)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, list(labels))
    classes = tuple(str(label) for label in model.classes_)
    coef, intercept = np.array(model.coef_, dtype=np.float64), model.intercept_
    coef[:, :dim] *= weight
    if len(classes) == 2:  # sklearn keeps one row for two classes; softmax over [-z/2, z/2] is the same model
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearHead(name, model_id, classes, np.asarray(coef), np.asarray(intercept), False, fitted)


def save_heads(path: Path, heads: Sequence[LinearHead], info: dict[str, Any] | None = None) -> None:
    """Write heads to one JSON file atomically."""
    payload = {"format": FORMAT_VERSION, "info": info or {}, "heads": [h.to_dict() for h in heads]}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_CACHE: dict[str, dict[str, LinearHead]] = {}


def load_heads(name: str, folder: str = "trained") -> dict[str, LinearHead]:
    """The heads in the shipped file ``<folder>/<name>.json``, by head name (read once per process)."""
    key = f"{folder}/{name}.json"
    if key not in _CACHE:
        path = _paths.data_file(key)
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(payload, dict):
                raise ValueError("expected a JSON object")
            if payload.get("format") != FORMAT_VERSION:
                raise ValueError(f"format {payload.get('format')!r}, expected {FORMAT_VERSION}")
            heads = [LinearHead.from_dict(item) for item in payload["heads"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"cannot load trained model {path} ({exc}); reinstall infoquest") from None
        _CACHE[key] = {head.name: head for head in _share_lexicons(heads)}
    return _CACHE[key]


def _same(a: Lexicon, b: Lexicon) -> bool:
    return (
        a.analyzer == b.analyzer
        and a.ngram_range == b.ngram_range
        and a.vocabulary == b.vocabulary
        and np.array_equal(a.idf, b.idf)
    )


def _share_lexicons(heads: Sequence[LinearHead]) -> list[LinearHead]:
    """The heads, those with equal lexicons sharing one object (so ``predict_many`` reads a text once)."""
    distinct: list[Lexicon] = []
    out = []
    for head in heads:
        lexicon = head.lexicon
        if lexicon is not None:
            lexicon = next((seen for seen in distinct if _same(seen, lexicon)), lexicon)
            if lexicon is head.lexicon:
                distinct.append(lexicon)
        out.append(replace(head, lexicon=lexicon))
    return out


def predict_many(heads: dict[str, LinearHead], vectors: np.ndarray, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """``predict_proba`` of every head, by name; heads that share a lexicon read each text's n-grams once."""
    lexical: dict[str, np.ndarray] = {}
    groups: dict[int, list[LinearHead]] = {}
    for head in heads.values():
        if head.lexicon is not None:
            groups.setdefault(id(head.lexicon), []).append(head)
    dim = np.asarray(vectors).shape[1]
    for group in groups.values():
        lexicon = group[0].lexicon
        assert lexicon is not None
        weights = np.concatenate([h.coef[:, dim:] for h in group]).T
        values = lexicon.dot(texts, weights)
        start = 0
        for h in group:
            lexical[h.name] = values[:, start : start + len(h.classes)]
            start += len(h.classes)
    return {name: head.predict_proba(vectors, texts, lexical.get(name)) for name, head in heads.items()}
