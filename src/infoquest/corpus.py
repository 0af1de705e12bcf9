"""Questions and the corpus that holds them: loading, validation and the content hash."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from infoquest import _checks, _paths
from infoquest._files import FileTooLargeError, NotRegularFileError, describe, read_bounded
from infoquest.errors import CorpusError
from infoquest.jsonsafe import JSONTextError, loads
from infoquest.sanitise import clip, quote
from infoquest.vocab import (
    CATEGORIES,
    FIELDS,
    INTERVIEWEES,
    REQUIRES,
    SETTINGS,
    STAGES,
    TOPICS,
    UNCATEGORIZED,
    Placement,
)

#: Corpus files above this size are refused: a question bank is small, and this keeps memory bounded.
MAX_CORPUS_BYTES = 20 * 1024 * 1024


def _check_values(values: list[str], allowed: Sequence[str], what: str) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(map(quote, unknown[:5]))}; allowed: {', '.join(allowed)}")
    return values


class Question(BaseModel):
    """One interview question and what is known about when it fits. Only ``text`` is required."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]{1,40}$")
    text: str = Field(min_length=5, max_length=300)
    category: str = UNCATEGORIZED
    interviewees: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    placement: Placement = "core"
    sensitive: bool = False
    minutes: float = Field(default=2.5, ge=0.5, le=10)
    settings: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    source: str = Field(default="user", max_length=40)
    #: How seekers put the need this question answers, in their own words ("worried I'll be stuck on nights"):
    #: concerns are matched against these as well as against the question (``matching.signals``).
    says: tuple[str, ...] = Field(default=(), max_length=12)

    @field_validator("text")
    @classmethod
    def _text_is_clean(cls, value: str) -> str:
        value = " ".join(value.split())
        if len(value) < 5:
            raise ValueError("text is too short to be a question")
        return value

    @field_validator("says")
    @classmethod
    def _clean_says(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(" ".join(v.split()) for v in value)
        if any(not 3 <= len(v) <= 200 for v in cleaned):
            raise ValueError("each of 'says' must be 3 to 200 characters")
        return cleaned

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        return _check_values([value], (*CATEGORIES, UNCATEGORIZED), "category")[0]

    @field_validator("interviewees")
    @classmethod
    def _known_interviewees(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), INTERVIEWEES, "interviewee kind"))

    @field_validator("stages")
    @classmethod
    def _known_stages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), STAGES, "stage"))

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), TOPICS, "topic"))

    @field_validator("settings")
    @classmethod
    def _known_settings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), SETTINGS, "setting"))

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), FIELDS, "field"))

    @field_validator("requires")
    @classmethod
    def _known_premises(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_values(list(value), REQUIRES, "premise"))

    @property
    def has_metadata(self) -> bool:
        """True when the question says who can answer it (curated); user corpora often do not."""
        return bool(self.interviewees or self.stages or self.topics)


class Corpus(BaseModel):
    """An ordered, immutable collection of questions with unique ids."""

    model_config = ConfigDict(frozen=True)

    questions: tuple[Question, ...]
    name: str = "custom"

    def __reduce__(self) -> str | tuple[Any, ...]:
        # The shipped corpus goes to another process (``batch --workers``) as a reference, not as 600 KB of
        # questions: the worker loads its own. A small payload also lets a worker that fails while starting
        # (a script without ``if __name__ == "__main__":``) be noticed; a large one blocked its start for good.
        if self is _DEFAULT:
            return (default_corpus, ())
        return super().__reduce__()

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:  # type: ignore[override]
        return iter(self.questions)

    def __getitem__(self, index: int) -> Question:
        return self.questions[index]

    @property
    def content_hash(self) -> str:
        """SHA-256 over the questions' canonical JSON: changes whenever any question or field does."""
        payload = json.dumps([q.model_dump(mode="json") for q in self.questions], sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def get(self, question_id: str) -> Question:
        """The question with this id; raises ``KeyError`` when there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @classmethod
    def from_questions(cls, questions: Iterable[Question | str], name: str = "custom") -> Corpus:
        """A corpus from questions or plain strings (strings get ids ``L1``, ``L2``, …)."""
        built: list[Question] = []
        for position, item in enumerate(questions, start=1):
            built.append(item if isinstance(item, Question) else Question(id=f"L{position}", text=item))
        _check_unique([(q.id, i) for i, q in enumerate(built, start=1)], source=name)
        if not built:
            raise CorpusError(f"{name}: the corpus has no questions; add at least one")
        return cls(questions=tuple(built), name=name)


def _check_unique(ids_and_lines: list[tuple[str, int]], source: str) -> None:
    seen: dict[str, int] = {}
    for question_id, line in ids_and_lines:
        if question_id in seen:
            raise CorpusError(
                f"{source}:{line}: duplicate id {question_id!r} (first on line {seen[question_id]}); "
                "give every question its own id"
            )
        seen[question_id] = line


def _format_validation(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        parts.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


def parse_entry(raw: Any, line: int, source: str) -> Question:
    """Validate one decoded entry; raises ``CorpusError`` naming the line, the id and the problem."""
    if not isinstance(raw, dict):
        raise CorpusError(f"{source}:{line}: expected a JSON object with at least a 'text' field")
    data = dict(raw)
    data.setdefault("id", f"L{line}")
    label = f"{source}:{line} (id {quote(data['id'])})"
    try:
        return Question.model_validate(data)
    except ValidationError as exc:
        raise CorpusError(f"{label}: {_format_validation(exc)}") from None


def read_corpus_text(path: Path) -> str:
    """The text of a corpus file, within the size limit; ``CorpusError`` with a one-line reason otherwise.

    Only regular files are read (a FIFO or ``/dev/zero`` is refused before anything is read), and never
    more than :data:`MAX_CORPUS_BYTES`.
    """
    source = clip(str(path), 200)
    try:
        data = read_bounded(path, MAX_CORPUS_BYTES)
    except FileNotFoundError:
        raise CorpusError(f"{source}: corpus file not found; check the path") from None
    except IsADirectoryError:
        raise CorpusError(f"{source}: is a folder; pass a .jsonl corpus file") from None
    except FileTooLargeError:
        raise CorpusError(
            f"{source}: corpus file is larger than {MAX_CORPUS_BYTES // 2**20} MiB; split it or remove questions"
        ) from None
    except NotRegularFileError as exc:
        raise CorpusError(f"{source}: {describe(exc)}") from None
    except OSError as exc:
        raise CorpusError(f"{source}: cannot read corpus file ({describe(exc)})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError(f"{source}: corpus file is not UTF-8 text; save it as UTF-8 JSON Lines") from None


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank, non-comment (``#``) lines with their 1-based numbers."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def iter_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Decoded JSON Lines entries with their 1-based line numbers; blank lines and ``#`` comments skipped."""
    for number, line in content_lines(read_corpus_text(path)):
        try:
            yield number, loads(line)
        except JSONTextError as exc:
            raise CorpusError(f"{clip(str(path), 200)}:{number}: {exc}; one JSON object per line") from None


def load_corpus(path: str | os.PathLike[str]) -> Corpus:
    """Load and validate a JSON Lines corpus file.

    Args:
        path: a ``.jsonl`` file, one question object per line; only ``text`` is required.

    Returns:
        The validated corpus.

    Raises:
        CorpusError: the file is missing, unreadable, empty, or an entry is invalid (the message names the
            line, the id and the problem).
    """
    _checks.path(path, "path", "a path to a .jsonl corpus file")
    path = Path(path)
    source = clip(str(path), 200)
    entries = [(number, parse_entry(raw, number, source)) for number, raw in iter_lines(path)]
    if not entries:
        raise CorpusError(f"{source}: the corpus has no questions; add one JSON object per line")
    _check_unique([(q.id, number) for number, q in entries], source=source)
    return Corpus(questions=tuple(q for _, q in entries), name=path.name)


_DEFAULT: Corpus | None = None


def default_corpus() -> Corpus:
    """The curated corpus that ships with infoquest (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        corpus = load_corpus(_paths.data_file("questions.jsonl"))
        _DEFAULT = Corpus(questions=corpus.questions, name="infoquest-default")
    return _DEFAULT
