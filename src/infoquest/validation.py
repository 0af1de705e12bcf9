"""``infoquest corpus validate`` and ``stats``: every problem in a corpus file, with its line and id."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from infoquest import _checks
from infoquest.corpus import Corpus, Question, content_lines, parse_entry, read_corpus_text
from infoquest.duplicates import PairFinder, near_duplicate_pairs
from infoquest.encoders import Encoder, default_encoder
from infoquest.errors import CorpusError
from infoquest.jsonsafe import JSONTextError, loads
from infoquest.sanitise import clip
from infoquest.selection import NEAR_DUPLICATE
from infoquest.vocab import CATEGORIES, INTERVIEWEES, PLACEMENTS, STAGES, UNCATEGORIZED

ProblemKind = Literal["file", "json", "schema", "duplicate_id", "duplicate_text", "near_duplicate", "asks_for_job"]

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
    """Everything ``validate_corpus_file`` found."""

    model_config = ConfigDict(frozen=True)

    path: str
    questions: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


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
    threshold: float = NEAR_DUPLICATE,
    cache_dir: str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Check a corpus file and report every problem rather than stopping at the first.

    Checks: JSON and schema per line (unknown categories, kinds, stages, topics, settings), duplicate
    ids, duplicate texts (case and spacing ignored), and with ``semantic``: near-duplicates (similarity
    at or above ``threshold``; each question reported once, at most :data:`MAX_NEAR_DUPLICATES`) and
    questions that ask for a job (the etiquette guard).

    Args:
        path: the corpus file.
        encoder: embeds the questions for the semantic checks; the default model if not given.
        semantic: run the checks that need embeddings.
        find_pairs: the near-duplicate detector (vectors and threshold in, ``(i, j, similarity)`` out).
        threshold: the similarity from which two questions count as saying the same thing.
        cache_dir: where the etiquette guard caches the curated questions' embeddings (default: the user's cache).

    Raises:
        CorpusError: the file itself cannot be read.
    """
    _checks.path(path, "path", "a path to a .jsonl corpus file")
    _checks.path_or_none(cache_dir, "cache_dir", "a folder path or None")
    path = Path(path)
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
    if semantic and entries:
        encoder = encoder or default_encoder()
        vectors = encoder.encode([q.text for _, q in entries])
        problems.extend(near_duplicate_problems(entries, vectors, find_pairs=find_pairs, threshold=threshold))
        problems.extend(_job_request_problems(entries, encoder, vectors, cache_dir))
    problems.sort(key=lambda p: (p.line or 0, p.kind))
    return ValidationReport(path=str(path), questions=len(entries), problems=tuple(problems))


def _key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?. ")


def near_duplicate_problems(
    entries: list[tuple[int, Question]],
    vectors: np.ndarray,
    *,
    find_pairs: PairFinder = near_duplicate_pairs,
    threshold: float = NEAR_DUPLICATE,
    limit: int = MAX_NEAR_DUPLICATES,
) -> list[Problem]:
    """One problem per question that says the same as an earlier one, at most ``limit`` (then a note).

    Exact duplicates (same text, case and spacing aside) are left out: they are reported as such.
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
    sensitive: int
    restricted: int


def corpus_stats(corpus: Corpus) -> CorpusStats:
    """Counts by category, interviewee kind, seeker stage and placement (no metadata counts as all)."""
    categories = Counter(q.category for q in corpus)
    interviewees = Counter(k for q in corpus for k in (q.interviewees or INTERVIEWEES))
    stages = Counter(s for q in corpus for s in (q.stages or STAGES))
    placements = Counter(q.placement for q in corpus)
    return CorpusStats(
        questions=len(corpus),
        by_category={
            c: categories.get(c, 0) for c in (*CATEGORIES, UNCATEGORIZED) if c in categories or c != UNCATEGORIZED
        },
        by_interviewee={k: interviewees.get(k, 0) for k in INTERVIEWEES},
        by_stage={s: stages.get(s, 0) for s in STAGES},
        by_placement={p: placements.get(p, 0) for p in PLACEMENTS},
        sensitive=sum(q.sensitive for q in corpus),
        restricted=sum(bool(q.settings or q.fields) for q in corpus),
    )
