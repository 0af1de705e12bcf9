"""``infoquest corpus validate`` and ``stats``: every problem in a corpus file, with its line and id."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest import _checks, _paths
from infoquest.corpus import (
    Corpus,
    Question,
    content_lines,
    default_corpus,
    iter_lines,
    load_corpus,
    parse_entry,
    read_corpus_text,
)
from infoquest.duplicates import (
    ALLOW_LIST_NAME,
    PairFinder,
    duplicate_threshold,
    near_duplicate_pairs,
    read_allowed_pairs,
)
from infoquest.encoders import Encoder, default_encoder
from infoquest.errors import CorpusError
from infoquest.jsonsafe import JSONTextError, loads
from infoquest.sanitise import clip
from infoquest.selection import NEAR_DUPLICATE
from infoquest.vocab import CATEGORIES, INTERVIEWEES, PLACEMENTS, REQUIRES, STAGES, UNCATEGORIZED
from infoquest.wording import wording_warnings

ProblemKind = Literal[
    "file", "json", "schema", "duplicate_id", "duplicate_text", "near_duplicate", "asks_for_job", "warning"
]
#: Retired questions are listed next to the corpus file (``{"id", "text", "reason", "replaced_by"}``).
RETIRED_NAME = "retired.jsonl"

#: Near-duplicate pairs listed at most; past it one problem says more were left out. A corpus of
#: near-identical questions has millions of pairs, and a report that long helps nobody.
MAX_NEAR_DUPLICATES = 200
# Pairs looked at before giving up on finding more to list (most can be skipped: one report per question).
_MAX_PAIRS_EXAMINED = 200_000


class Problem(BaseModel):
    """One problem in a corpus file."""

    model_config = ConfigDict(frozen=True)

    kind: ProblemKind
    line: int | None
    id: str | None
    message: str

    def __str__(self) -> str:
        # "LINE: (ID) KIND: MESSAGE", so that "path:LINE:" is the form editors jump to.
        who = f" ({self.id})" if self.id else ""
        return f"{self.line or 0}:{who} {self.kind}: {self.message}"


class ValidationReport(BaseModel):
    """Everything ``validate_corpus_file`` found: errors, and warnings (kind ``warning``) that do not fail it."""

    model_config = ConfigDict(frozen=True)

    path: str
    questions: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind != "warning")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind == "warning")

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors


def _read_entries(path: Path) -> tuple[list[tuple[int, Question]], list[Problem]]:
    problems: list[Problem] = []
    entries: list[tuple[int, Question]] = []
    source = clip(str(path), 200)
    for number, line in content_lines(read_corpus_text(path)):
        try:
            raw = loads(line)
        except JSONTextError as exc:
            problems.append(Problem(kind="json", line=number, id=None, message=str(exc)))
            continue
        try:
            entries.append((number, parse_entry(raw, number, source)))
        except CorpusError as exc:
            qid = raw.get("id") if isinstance(raw, dict) else None
            detail = str(exc).split(": ", 1)[-1]
            problems.append(Problem(kind="schema", line=number, id=clip(str(qid)) if qid else None, message=detail))
    return entries, problems


def validate_corpus_file(
    path: str | os.PathLike[str],
    *,
    encoder: Encoder | None = None,
    semantic: bool = True,
    find_pairs: PairFinder = near_duplicate_pairs,
    threshold: float | None = None,
    allowed_pairs: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Check a corpus file and report every problem rather than stopping at the first.

    Errors: JSON and schema per line (unknown categories, kinds, stages, topics, settings, fields,
    premises), duplicate ids, duplicate texts (case and spacing ignored), and with ``semantic``:
    near-duplicates (similarity at or above ``threshold``, pairs in the allow-list left out; each question
    reported once, at most :data:`MAX_NEAR_DUPLICATES`) and questions that ask for a job (the etiquette
    guard). Warnings (kind ``warning``, not failures): two questions in one, more than 25 words, and
    allow-list pairs naming an id the corpus does not have.

    Args:
        path: the corpus file.
        encoder: embeds the questions for the semantic checks; the default model if not given.
        semantic: run the checks that need embeddings.
        find_pairs: the near-duplicate detector (vectors and threshold in, ``(i, j, similarity)`` out).
        threshold: the similarity from which two questions count as saying the same thing; ``None`` for the
            one chosen for the encoder (:func:`infoquest.duplicates.duplicate_threshold`).
        allowed_pairs: the reviewed near-pairs not to report (JSON Lines ``{"a", "b", "why"}``); ``None`` for
            ``near_pairs_allowed.jsonl`` next to the corpus file, if there is one.
        cache_dir: where the etiquette guard caches the curated questions' embeddings (default: the user's cache).

    Raises:
        CorpusError: the corpus file or the allow-list cannot be read.
    """
    _checks.path(path, "path", "a path to a .jsonl corpus file")
    _checks.path_or_none(cache_dir, "cache_dir", "a folder path or None")
    _checks.path_or_none(allowed_pairs, "allowed_pairs", "a path to a .jsonl allow-list or None")
    path = Path(path)
    allowed = read_allowed_pairs(allowed_pairs if allowed_pairs is not None else path.with_name(ALLOW_LIST_NAME))
    entries, problems = _read_entries(path)
    if not entries and not problems:
        problems.append(Problem(kind="file", line=None, id=None, message="no questions; add one JSON object per line"))
    first_line: dict[str, int] = {}
    first_text: dict[str, tuple[int, str]] = {}
    for number, q in entries:
        if q.id in first_line:
            problems.append(
                Problem(
                    kind="duplicate_id",
                    line=number,
                    id=q.id,
                    message=f"id also used on line {first_line[q.id]}",
                )
            )
        first_line.setdefault(q.id, number)
        key = _key(q.text)
        if key in first_text:
            other_line, other_id = first_text[key]
            problems.append(
                Problem(
                    kind="duplicate_text",
                    line=number,
                    id=q.id,
                    message=f"same text as line {other_line} ({other_id})",
                )
            )
        first_text.setdefault(key, (number, q.id))
        problems.extend(Problem(kind="warning", line=number, id=q.id, message=m) for m in wording_warnings(q.text))
    problems.extend(_stale_allowed(allowed, set(first_line)))
    if semantic and entries:
        encoder = encoder or default_encoder()
        vectors = encoder.encode([q.text for _, q in entries])
        cutoff = duplicate_threshold(encoder.model_id) if threshold is None else threshold
        problems.extend(
            near_duplicate_problems(entries, vectors, find_pairs=find_pairs, threshold=cutoff, allowed=allowed)
        )
        problems.extend(_job_request_problems(entries, encoder, vectors, cache_dir))
    problems.sort(key=lambda p: (p.line or 0, p.kind))
    return ValidationReport(path=str(path), questions=len(entries), problems=tuple(problems))


def _stale_allowed(allowed: frozenset[frozenset[str]], ids: set[str]) -> list[Problem]:
    # An allowed pair whose question was retired or renamed no longer protects anything: say so, gently.
    problems = []
    for pair in sorted(allowed, key=sorted):
        missing = sorted(pair - ids)
        if missing and ids:
            problems.append(
                Problem(
                    kind="warning",
                    line=None,
                    id=None,
                    message=f"the allow-list pairs {' and '.join(sorted(pair))}, but the corpus has no "
                    f"{', '.join(missing)}; remove the pair from {ALLOW_LIST_NAME}",
                )
            )
    return problems


def _key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?. ")


def near_duplicate_problems(
    entries: list[tuple[int, Question]],
    vectors: np.ndarray,
    *,
    find_pairs: PairFinder = near_duplicate_pairs,
    threshold: float = NEAR_DUPLICATE,
    limit: int = MAX_NEAR_DUPLICATES,
    allowed: frozenset[frozenset[str]] = frozenset(),
) -> list[Problem]:
    """One problem per question that says the same as an earlier one, at most ``limit`` (then a note).

    Exact duplicates (same text, case and spacing aside) are left out: they are reported as such. So are
    pairs of ids in ``allowed`` (reviewed near-pairs that are distinct on purpose).
    """
    problems: list[Problem] = []
    reported: set[int] = set()
    keys: dict[int, str] = {}
    for examined, (i, j, similarity) in enumerate(find_pairs(vectors, threshold)):
        if j in reported:
            continue
        if len(problems) >= limit or examined >= _MAX_PAIRS_EXAMINED:
            problems.append(
                Problem(
                    kind="near_duplicate",
                    line=None,
                    id=None,
                    message=f"more near-duplicates than the {len(problems)} listed; fix these and validate again",
                )
            )
            break
        (line_i, qi), (line_j, qj) = entries[i], entries[j]
        if frozenset((qi.id, qj.id)) in allowed:
            continue
        if keys.setdefault(i, _key(qi.text)) == keys.setdefault(j, _key(qj.text)):
            continue  # already reported as an exact duplicate
        reported.add(j)
        problems.append(
            Problem(
                kind="near_duplicate",
                line=line_j,
                id=qj.id,
                message=f"says the same as line {line_i} ({qi.id}), similarity {similarity:.2f}",
            )
        )
    return problems


def _job_request_problems(
    entries: list[tuple[int, Question]],
    encoder: Encoder,
    vectors: np.ndarray,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[Problem]:
    from infoquest.etiquette import EtiquetteGuard

    texts = [q.text for _, q in entries]
    guard = EtiquetteGuard(cache_dir=cache_dir)
    same = encoder.model_id == guard.head.model_id  # then the embeddings above are the guard's own
    problems = []
    for (line, q), verdict in zip(entries, guard.check(texts, vectors if same else None), strict=True):
        if verdict.asks_for_job:
            problems.append(
                Problem(
                    kind="asks_for_job",
                    line=line,
                    id=q.id,
                    message=f"asks for a job (confidence {verdict.confidence:.2f}); ask for information instead",
                )
            )
    return problems


class CorpusStats(BaseModel):
    """Counts that make gaps visible: a question counts for every interviewee and stage it suits."""

    model_config = ConfigDict(frozen=True)

    questions: int
    by_category: dict[str, int]
    by_interviewee: dict[str, int]
    by_stage: dict[str, int]
    by_placement: dict[str, int]
    by_requires: dict[str, int]
    sensitive: int
    restricted: int
    retired: int


def corpus_stats(corpus: Corpus, *, retired: int = 0) -> CorpusStats:
    """Counts by category, interviewee kind, seeker stage, placement and premise (no metadata counts as all;
    ``by_requires`` has ``none`` for questions with no premise); ``retired`` is passed through."""
    categories = Counter(q.category for q in corpus)
    interviewees = Counter(k for q in corpus for k in (q.interviewees or INTERVIEWEES))
    stages = Counter(s for q in corpus for s in (q.stages or STAGES))
    placements = Counter(q.placement for q in corpus)
    premises = Counter(p for q in corpus for p in (q.requires or ("none",)))
    return CorpusStats(
        questions=len(corpus),
        by_category={
            c: categories.get(c, 0) for c in (*CATEGORIES, UNCATEGORIZED) if c in categories or c != UNCATEGORIZED
        },
        by_interviewee={k: interviewees.get(k, 0) for k in INTERVIEWEES},
        by_stage={s: stages.get(s, 0) for s in STAGES},
        by_placement={p: placements.get(p, 0) for p in PLACEMENTS},
        by_requires={p: premises.get(p, 0) for p in ("none", *REQUIRES)},
        sensitive=sum(q.sensitive for q in corpus),
        restricted=sum(bool(q.settings or q.fields) for q in corpus),
        retired=retired,
    )


def corpus_file_stats(path: str | os.PathLike[str] | None = None) -> CorpusStats:
    """:func:`corpus_stats` of a corpus file (the default corpus if ``None``), counting the retired questions
    listed in ``retired.jsonl`` next to it (none if there is no such file).

    Raises:
        CorpusError: the corpus or the retired list cannot be read.
    """
    _checks.path_or_none(path, "path", "a path to a .jsonl corpus file or None")
    corpus = load_corpus(path) if path is not None else default_corpus()
    where = Path(path) if path is not None else _paths.data_file("questions.jsonl")
    retired = where.with_name(RETIRED_NAME)
    count = sum(1 for _ in iter_lines(retired)) if retired.exists() else 0
    return corpus_stats(corpus, retired=count)
