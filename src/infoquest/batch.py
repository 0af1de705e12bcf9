"""Recommending questions for many profiles from a file: records in, one result per record out, streaming.

Records (see :mod:`infoquest.batch_input`) are read and answered in chunks of ``CHUNK_SIZE`` through
``Recommender.recommend_many``, so memory stays bounded however long the input is, and each chunk costs
one embedding call. A record that cannot be used gives an error result and the rest go on. Results come
in input order and are written as JSON Lines.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from infoquest import _checks as checks
from infoquest._files import new_file_beside, replace_with
from infoquest.batch_input import INPUT_FORMATS, ProfileRecord, format_of, read_records
from infoquest.errors import InputError, ProfileError
from infoquest.recommendation import Recommendation
from infoquest.sanitise import clip, for_json, one_line

if TYPE_CHECKING:
    from infoquest.profile import Profile
    from infoquest.recommender import Recommender

#: Profiles answered per ``recommend_many`` call.
CHUNK_SIZE = 64
#: The most worker processes a batch may use.
MAX_WORKERS = 64
_MAX_K = 100


@dataclass(frozen=True)
class BatchResult:
    """The answer for one input record: its questions, or the one-line reason the record was not used."""

    line: int
    id: str | int | None
    questions: tuple[Recommendation, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the record was answered."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """``{"line", "id", "questions": [Recommendation.to_dict(), ...]}``, or ``{"line", "id", "error"}``."""
        if self.error is not None:
            return {"line": self.line, "id": self.id, "error": self.error}
        return {"line": self.line, "id": self.id, "questions": [r.to_dict() for r in self.questions]}


@dataclass(frozen=True)
class BatchSummary:
    """How many records a batch had, answered and not."""

    ok: int = 0
    errors: int = 0

    @property
    def total(self) -> int:
        """Every record."""
        return self.ok + self.errors

    def __str__(self) -> str:
        profiles = "profile" if self.total == 1 else "profiles"
        errors = "error" if self.errors == 1 else "errors"
        return f"{self.total:,} {profiles}: {self.ok:,} ok, {self.errors:,} {errors}"


def recommend_profiles(
    recommender: Recommender,
    records: Iterable[ProfileRecord],
    *,
    k: int = 10,
    chunk_size: int = CHUNK_SIZE,
    workers: int = 1,
) -> Iterator[BatchResult]:
    """Select ``k`` questions for each record's profile, ``chunk_size`` profiles per ``recommend_many`` call.

    With ``workers`` above 1, chunks are answered in that many worker processes, each with its own copy of
    ``recommender`` (see :mod:`infoquest.workers`); results still come in input order, and are the same.
    As with any ``multiprocessing`` code, a script that uses workers must start them under
    ``if __name__ == "__main__":`` (the workers import the script).

    A record with an ``error`` passes through as an error result. A profile the recommender refuses
    (``ProfileError``) becomes an error result too; any other failure (a missing model, a bug) stops the
    batch, since it would fail every profile alike.

    Returns:
        An iterator of one :class:`BatchResult` per record, in order; it reads ``records`` as it goes.

    Raises:
        InputError: ``k`` is not between 1 and 100, ``chunk_size`` is not a positive whole number,
            ``workers`` is not between 1 and ``MAX_WORKERS``, or the recommender cannot be copied to a worker
            process (an encoder object that cannot be pickled).
        WorkerError: while iterating, a worker process died.
    """
    k = checks.whole_number("k", k, 1, _MAX_K)
    chunk_size = checks.whole_number("chunk_size", chunk_size, 1, 100_000)
    workers = checks.whole_number("workers", workers, 1, MAX_WORKERS)
    return _recommend(recommender, records, k, chunk_size, workers)


_Answers = list[list[Recommendation] | str]
_Job = tuple[list[ProfileRecord], int]


def _recommend(
    recommender: Recommender, records: Iterable[ProfileRecord], k: int, size: int, workers: int
) -> Iterator[BatchResult]:
    iterator = iter(records)
    jobs: Iterator[_Job] = ((chunk, k) for chunk in iter(lambda: list(islice(iterator, size)), []))
    answered: Iterator[tuple[_Job, _Answers]]
    if workers == 1:
        answered = ((job, _answer_chunk(recommender, job)) for job in jobs)
    else:
        from infoquest.workers import in_workers

        answered = in_workers(recommender, _answer_chunk, jobs, workers)
    for (chunk, _), answers in answered:
        for record, answer in zip(chunk, answers, strict=True):
            if isinstance(answer, str):
                yield BatchResult(record.line, record.id, error=answer)
            else:
                yield BatchResult(record.line, record.id, questions=tuple(answer))


def _answer_chunk(recommender: Recommender, job: _Job) -> _Answers:
    """Per record of a chunk, its questions or why it has none (run in a worker process, or here)."""
    chunk, k = job
    answers = iter(_answer(recommender, [r.profile for r in chunk if r.profile is not None], k))
    return [next(answers) if r.profile is not None else r.error or "no profile" for r in chunk]


def _answer(recommender: Recommender, profiles: list[Profile], k: int) -> _Answers:
    if not profiles:
        return []
    try:
        return list(recommender.recommend_many(profiles, k=k))
    except ProfileError:  # one profile spoils the chunk: answer them one by one to find it
        out: _Answers = []
        for profile in profiles:
            try:
                out.append(recommender.recommend(profile, k=k))
            except ProfileError as exc:
                out.append(one_line(str(exc)))
        return out


def recommend_file(
    path: str | os.PathLike[str],
    recommender: Recommender | None = None,
    *,
    k: int = 10,
    input_format: str | None = None,
    stdin: BinaryIO | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int = 1,
) -> Iterator[BatchResult]:
    """Recommend questions for every profile in a JSON Lines or CSV file, streaming.

    Args:
        path: the input file, or ``"-"`` for standard input. Relative ``resume_path`` values are resolved
            against the file's folder (the current folder for standard input).
        recommender: the recommender to use (default: ``Recommender()``).
        k: questions per profile, 1 to 100.
        input_format: ``"jsonl"`` or ``"csv"``; default: from the file's extension (JSON Lines for ``"-"``).
        stdin: the binary stream ``"-"`` reads (default: ``sys.stdin.buffer``).
        chunk_size: profiles per ``recommend_many`` call.
        workers: worker processes answering chunks side by side (1: in this process); see
            :func:`recommend_profiles`.

    Returns:
        An iterator of one :class:`BatchResult` per record, in input order; the file is read as it is consumed
        and closed when it is exhausted or closed.

    Raises:
        InputError: the file cannot be opened, its format is unknown, ``k`` is out of range; while iterating,
            the input as a whole cannot be read (see :func:`infoquest.batch_input.read_records`).
    """
    name = os.fspath(path)
    fmt = input_format or ("jsonl" if name == "-" else format_of(name))
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {clip(str(fmt))}; use one of {', '.join(INPUT_FORMATS)}")
    if recommender is None:
        from infoquest.recommender import Recommender

        recommender = Recommender()
    if name == "-":
        records = read_records(stdin or sys.stdin.buffer, fmt)
        return recommend_profiles(recommender, records, k=k, chunk_size=chunk_size, workers=workers)
    stream = _open(name)
    try:
        records = read_records(stream, fmt, base_dir=Path(name).parent)
        results = recommend_profiles(recommender, records, k=k, chunk_size=chunk_size, workers=workers)
    except BaseException:
        stream.close()
        raise
    return _closing(stream, results)


def _open(name: str) -> BinaryIO:
    label = clip(name, 200)
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{label}: is a folder; give the profiles file inside it")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            raise InputError(f"{label}: is not a file; give a file, or - for standard input")
        return open(name, "rb")
    except FileNotFoundError:
        raise InputError(f"{label}: no such file; check the path and the spelling") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied; check who may read the file") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def _closing(stream: IO[bytes], results: Iterator[BatchResult]) -> Iterator[BatchResult]:
    with stream:
        yield from results


def write_results(
    results: Iterable[BatchResult],
    output: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Write results as JSON Lines (one ``BatchResult.to_dict()`` per line, UTF-8) and count them.

    Args:
        results: the results, e.g. from :func:`recommend_file`; consumed as they are written.
        output: a file path, or an open binary or text stream (flushed, not closed). A file is written
            atomically: to a temporary file in the same folder, moved over ``output`` only when every result
            is written, and removed if anything fails.
        progress: called with the running counts after each result.

    Returns:
        The counts of results answered and not.

    Raises:
        InputError: ``output``'s folder does not exist or cannot be written.
    """
    if not isinstance(output, str | os.PathLike):
        summary = _write(results, output, progress)
        output.flush()
        return summary
    target = Path(output)
    return replace_with(target, _temporary(target), lambda handle: _write(results, handle, progress))


def _write(
    results: Iterable[BatchResult], out: IO[bytes] | IO[str], progress: Callable[[BatchSummary], None] | None
) -> BatchSummary:
    text = isinstance(out, io.TextIOBase) or hasattr(out, "encoding")  # binary streams have no encoding
    ok = errors = 0
    for result in results:
        line = for_json(json.dumps(result.to_dict(), ensure_ascii=False)) + "\n"
        out.write(line if text else line.encode("utf-8"))  # type: ignore[arg-type]
        ok, errors = (ok + 1, errors) if result.ok else (ok, errors + 1)
        if progress is not None:
            progress(BatchSummary(ok, errors))
    return BatchSummary(ok, errors)


def _temporary(target: Path) -> tuple[Path, int]:
    """A new file next to ``target``, created with mode 0o666 so the user's umask decides, as for any output."""
    try:
        return new_file_beside(target)
    except FileNotFoundError:
        raise InputError(f"{clip(str(target), 200)}: its folder does not exist; create it first") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{clip(str(target), 200)}: cannot be written ({reason}); check the folder") from None
