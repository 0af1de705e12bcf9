"""The guide's first rule as a check: does a question ask the interviewee for a job?

A logistic head on sentence embeddings and word n-grams, trained on a labelled set with hard negatives
(referrals to other people, résumé feedback, follow-ups, shadowing, questions about hiring) and hard
positives ("keep me in mind", "pass my résumé to ...") (``benchmarks/data/etiquette.jsonl``,
``benchmarks/train_guard.py``). A suggestion keeps the question's intent: first a rewording built from the
seeker's own words (``rewording.reword``), then the suggestion of the nearest labelled job request, then the
nearest curated question; each is checked by the guard itself before it is offered.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest import _checks as checks
from infoquest.encoders import Encoder, default_encoder
from infoquest.errors import InputError, InputTypeError, ModelError
from infoquest.heads import LinearHead, load_heads
from infoquest.rewording import reword

#: Curated questions on these topics are where a job request turns into a request for information,
#: advice or a referral; follow-ups and sensitive questions are left out (they suit a later moment).
_SUGGESTION_TOPICS = frozenset(
    {
        "job_search",
        "hiring_process",
        "entry_paths",
        "internships",
        "referrals",
        "networking",
        "target_employers",
    }
)
MAX_CHECK_CHARS = 1_000
#: The nearest labelled job request lends its suggestion only when it is this close (cosine).
_NEAR_LABELLED = 0.75


class EtiquetteVerdict(BaseModel):
    """Whether one question asks for a job, how sure the guard is, why, and a better question."""

    model_config = ConfigDict(frozen=True)

    text: str
    asks_for_job: bool
    confidence: float
    reason: str
    suggestion: str | None = None


class EtiquetteGuard:
    """Checks questions in batches, with the guard trained for its encoder (the default one unless given).

    ``cache_dir`` is where the curated questions' embeddings (for suggestions) are cached; ``None`` for the
    default cache folder. A guard may be shared by threads.
    """

    def __init__(
        self,
        encoder: Encoder | None = None,
        threshold: float | None = None,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        checks.path_or_none(cache_dir, "cache_dir", "a folder path or None")
        self._encoder = encoder
        self._threshold = threshold
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None

    @cached_property
    def head(self) -> LinearHead:
        """The trained classifier (one sigmoid: P(asks for a job)), the one trained on ``encoder``."""
        from infoquest.trained import folder_for

        head = load_heads("etiquette", folder_for(self.encoder.model_id))["asks_for_job"]
        if head.model_id != self.encoder.model_id:
            raise ModelError(
                f"the etiquette guard was trained on {head.model_id}, not {self.encoder.model_id}; "
                "retrain it with benchmarks/train_guard.py or reinstall infoquest"
            )
        return head

    @cached_property
    def encoder(self) -> Encoder:
        """The encoder the guard reads questions with (the default unless one was given)."""
        return self._encoder or default_encoder()

    @property
    def threshold(self) -> float:
        """Probability above which a question counts as asking for a job (chosen on held-out data)."""
        return self._threshold if self._threshold is not None else float(self.head.info.get("threshold", 0.5))

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """P(asks for a job) for questions and their embeddings (same model as the head)."""
        return self.head.predict_proba(vectors, texts)[:, 0]

    @cached_property
    def _suggestions(self) -> tuple[list[str], np.ndarray]:
        from infoquest.corpus import default_corpus
        from infoquest.index import get_index

        corpus = default_corpus()
        vectors = get_index(corpus, self.encoder, self.cache_dir).vectors
        rows = [
            i
            for i, q in enumerate(corpus)
            if _SUGGESTION_TOPICS.intersection(q.topics) and q.placement != "follow_up" and not q.sensitive
        ]
        return [corpus[i].text for i in rows], vectors[rows]

    def _without_request(self, vector: np.ndarray) -> np.ndarray:
        # Remove the direction the head reads as "asking for a job", so the nearest curated question
        # matches what the seeker wants to know about, not the fact that they asked for a job.
        direction = self.head.coef[0, : len(vector)]
        return np.asarray(vector - (vector @ direction) / (direction @ direction) * direction)

    @cached_property
    def _labelled(self) -> tuple[list[str], np.ndarray]:
        """The labelled job requests' suggestions (stamped in the trained head) and the requests' embeddings."""
        pairs = [
            p
            for p in self.head.info.get("suggestions", [])
            if p.get("text") and p.get("suggestion") and _well_written(p["suggestion"])
        ]
        if not pairs:
            return [], np.zeros((0, 1), dtype=np.float32)
        # Hundreds of texts: the batched form when the encoder has one (MiniLM: about a second, not ten). A
        # vector may differ from ``encode``'s in its last bits, which only matters for an exact tie.
        encode = getattr(self.encoder, "encode_bulk", self.encoder.encode)
        return [p["suggestion"] for p in pairs], encode([p["text"] for p in pairs])

    def _candidates(self, text: str, vector: np.ndarray) -> list[str]:
        """Rewordings to offer, best first: the seeker's own words, the nearest labelled request's, a curated one."""
        out = []
        own = reword(text)
        if own:
            out.append(own)
        if own is None:
            # Only when no pattern fits: the labelled requests are embedded once per guard.
            suggestions, vectors = self._labelled
            if suggestions:
                similarity = vectors @ vector
                out += [suggestions[int(i)] for i in np.argsort(-similarity)[:3] if similarity[i] >= _NEAR_LABELLED]
        texts_s, vecs_s = self._suggestions
        if len(texts_s):
            out += [texts_s[int(i)] for i in np.argsort(-(vecs_s @ self._without_request(vector)))[:3]]
        return list(dict.fromkeys(out))

    def _suggest(self, texts: Sequence[str], vectors: np.ndarray) -> list[str | None]:
        """For each job request, the first candidate rewording that the guard itself passes."""
        candidates = [self._candidates(text, vector) for text, vector in zip(texts, vectors, strict=True)]
        flat = [c for group in candidates for c in group]
        if not flat:
            return [None] * len(texts)
        passes = dict(zip(flat, self.probabilities(flat, self.encoder.encode(flat)) < self.threshold, strict=True))
        return [next((c for c in group if passes[c]), None) for group in candidates]

    def check(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> list[EtiquetteVerdict]:
        """A verdict per text, in order.

        Args:
            texts: the questions.
            vectors: their embeddings by the guard's own model, when the caller already has them
                (an index of the corpus, say), so they are not computed twice.

        Raises:
            InputTypeError: ``texts`` is a bare string (pass a list) or holds something else than strings.
            InputError: a text is empty or longer than ``MAX_CHECK_CHARS``.
        """
        cleaned = [" ".join(t.split()) for t in checks.texts(texts)]
        for position, text in enumerate(cleaned, start=1):
            if not text:
                raise InputError(f"question {position} is empty; give the question's text")
            if len(text) > MAX_CHECK_CHARS:
                raise InputError(
                    f"question {position} is over {MAX_CHECK_CHARS} characters; check one question at a time"
                )
        if not cleaned:
            return []
        if vectors is None:
            vectors = self.encoder.encode(cleaned)
        probs = self.probabilities(cleaned, vectors)
        # The guide's own 34 questions are the product's definition of a good question: never flag them
        # (the static model reads "What companies might be interested in hiring someone with my
        # qualifications?" as a near miss).
        guide = _guide_texts()
        probs = np.where([_normal(t) in guide for t in cleaned], np.minimum(probs, 0.0), probs)
        flagged = [n for n, prob in enumerate(probs) if prob >= self.threshold]
        suggested = dict(zip(flagged, self._suggest([cleaned[n] for n in flagged], vectors[flagged]), strict=True))
        verdicts = []
        for n, (text, prob) in enumerate(zip(cleaned, probs, strict=True)):
            asks = bool(prob >= self.threshold)
            confidence = float(prob if asks else 1.0 - prob)
            if asks:
                reason = "asks the interviewee for a job or a position; ask for information, advice or referrals"
                suggestion = suggested[n]
            else:
                reason = "asks for information or advice, not for a job"
                suggestion = None
            verdicts.append(
                EtiquetteVerdict(
                    text=text,
                    asks_for_job=asks,
                    confidence=round(confidence, 4),
                    reason=reason,
                    suggestion=suggestion,
                )
            )
        return verdicts


#: Chat spellings some labelled examples keep on purpose (seekers write them); a suggestion should not.
_INFORMAL = re.compile(r"\b(?:u|ur|im|dont|cant|wanna|gonna|pls|plz|thx)\b", re.IGNORECASE)


def _well_written(text: str) -> bool:
    """Whether a labelled suggestion reads as a question to offer: a capital first letter, no chat spellings."""
    return text[:1].isupper() and not _INFORMAL.search(text)


def _normal(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?.! ")


_GUIDE: frozenset[str] | None = None


def _guide_texts() -> frozenset[str]:
    global _GUIDE
    if _GUIDE is None:
        from infoquest.corpus import default_corpus

        _GUIDE = frozenset(_normal(q.text) for q in default_corpus() if q.source == "guide")
    return _GUIDE


_GUARDS: dict[tuple[str, Path | None], EtiquetteGuard] = {}
_GUARDS_LOCK = threading.Lock()


def _default_guard(cache_dir: str | os.PathLike[str] | None = None) -> EtiquetteGuard:
    from infoquest.encoders import default_encoder_name, resolve_encoder

    folder = Path(cache_dir) if cache_dir is not None else None
    # One guard per default encoder: ``$INFOQUEST_ENCODER`` may change what the default is.
    key = (default_encoder_name(), folder)
    with _GUARDS_LOCK:  # only the look-up: the guard loads lazily, outside the lock
        if key not in _GUARDS:
            _GUARDS[key] = EtiquetteGuard(resolve_encoder(key[0]), cache_dir=folder)
        return _GUARDS[key]


def check_questions(texts: Sequence[str], *, cache_dir: str | os.PathLike[str] | None = None) -> list[EtiquetteVerdict]:
    """Check questions against the guide's rule "never ask for a job" (batch form).

    Args:
        texts: a list of questions; a bare string is refused (pass ``[question]``, or use ``check_question``).
        cache_dir: the embeddings cache folder (default: the user's cache folder).

    Raises:
        InputTypeError: ``texts`` is not a list of strings.
        InputError: a question is empty or too long.
    """
    checks.path_or_none(cache_dir, "cache_dir", "a folder path or None")
    return _default_guard(cache_dir).check(texts)


def check_question(text: str, *, cache_dir: str | os.PathLike[str] | None = None) -> EtiquetteVerdict:
    """Check one question; see ``check_questions``."""
    if not isinstance(text, str):
        raise InputTypeError(f"text must be a str, got {type(text).__name__}; check_questions takes a list")
    return check_questions([text], cache_dir=cache_dir)[0]
