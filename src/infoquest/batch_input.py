"""Reading job seekers' profiles from JSON Lines or CSV, one record at a time, for batch recommendation.

Input is read as a stream of records, never whole: a JSON Lines record is one line, a CSV record one row
(which may span lines inside double quotes, RFC 4180). No record is held longer than ``MAX_RECORD_BYTES``;
a longer one is skipped and reported. Each record becomes a :class:`ProfileRecord` holding either a
``Profile`` or a one-line reason it cannot be used, so one bad record never stops the rest.

The fields are those of :class:`~infoquest.profile.Profile` plus ``id`` (optional, echoed in the results)
and ``resume_path`` (a résumé file, read like ``--resume``; a relative path is resolved against the
input file's folder). Messages name fields and files, never their contents: résumés are personal data.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from infoquest.errors import InfoquestError, InputError
from infoquest.jsonsafe import JSONTextError, loads
from infoquest.profile import Profile
from infoquest.sanitise import clip, one_line, quote

#: The longest record read (1 MiB); a longer line or CSV row becomes an error record.
MAX_RECORD_BYTES = 1024 * 1024
#: The longest ``id`` echoed back.
MAX_ID_CHARS = 256
#: The input formats, and the file extensions they are recognised from.
INPUT_FORMATS = ("jsonl", "csv")
_FORMAT_OF_EXTENSION = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
#: The fields a record may have.
FIELDS = ("id", "goals", "role", "resume", "resume_path", "stage", "interviewee", "met_before")
_SKIP_BYTES = 64 * 1024


@dataclass(frozen=True)
class ProfileRecord:
    """One input record: its line, its ``id`` when it has one, and either its ``profile`` or an ``error``.

    ``line`` is the 1-based line of the input where the record starts (a CSV header is line 1).
    """

    line: int
    id: str | int | None
    profile: Profile | None = None
    error: str | None = None


def format_of(name: str | os.PathLike[str]) -> str:
    """``"jsonl"`` or ``"csv"``, from a file name's extension (``.jsonl``, ``.ndjson``, ``.json``, ``.csv``).

    Raises:
        InputError: the extension is none of these.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in _FORMAT_OF_EXTENSION:
        raise InputError(
            f"cannot tell the format of {clip(os.fspath(name))} from its extension; "
            "name it .jsonl or .csv, or give the format (--input-format jsonl|csv)"
        )
    return _FORMAT_OF_EXTENSION[suffix]


def read_records(
    stream: BinaryIO, fmt: str = "jsonl", *, base_dir: str | os.PathLike[str] | None = None
) -> Iterator[ProfileRecord]:
    """The records of a JSON Lines or CSV stream, read one at a time; blank lines are skipped.

    Args:
        stream: the input, opened in binary mode; UTF-8 (a byte-order mark is allowed).
        fmt: ``"jsonl"`` (one JSON object per line) or ``"csv"`` (a header row naming the fields).
        base_dir: the folder relative ``resume_path`` values are resolved against (default: the current one).
            A ``resume_path`` may name any file the process can read: for untrusted input, refuse the field.

    Yields:
        One :class:`ProfileRecord` per record, in input order.

    Raises:
        InputError: the input as a whole cannot be read: an unknown format, a JSON array instead of JSON
            Lines, a CSV header that is not UTF-8 or names unknown or repeated columns, or a read failure.
    """
    if fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {clip(str(fmt))}; use one of {', '.join(INPUT_FORMATS)}")
    folder = Path(base_dir) if base_dir is not None else None
    records = _records(stream, quoted=fmt == "csv")
    if fmt == "csv":
        yield from _csv_records(records, folder)
        return
    first = True
    for line, data in records:
        if data is not None and not data.strip():
            continue
        if first and data is not None and data.lstrip(b"\xef\xbb\xbf \t").startswith(b"["):
            raise InputError("the input is a JSON array; JSON Lines needs one profile object per line")
        first = False
        yield parse_profile_line(data, line, base_dir=folder) if data is not None else _too_long(line)


def parse_profile_line(
    text: str | bytes, line: int = 1, *, base_dir: str | os.PathLike[str] | None = None
) -> ProfileRecord:
    """One JSON Lines record (a JSON object with the profile's fields) as a :class:`ProfileRecord`.

    Never raises for bad input: invalid JSON, unknown or mistyped fields, an unreadable résumé file or a
    field that is too long is the record's ``error``.
    """
    try:
        decoded = _decode(text) if isinstance(text, bytes) else text
        data = loads(decoded)
    except (JSONTextError, _NotText) as exc:
        return ProfileRecord(line, None, error=str(exc))
    if not isinstance(data, dict):
        return ProfileRecord(line, None, error=f"a profile is a JSON object with {_field_list()}, not {_kind(data)}")
    return profile_record(data, line, base_dir=base_dir)


def profile_record(
    fields: Mapping[str, Any], line: int = 1, *, base_dir: str | os.PathLike[str] | None = None
) -> ProfileRecord:
    """A :class:`ProfileRecord` from a record's fields (``FIELDS``); a ``None`` value is a missing field.

    Never raises for bad input: the problem is the record's ``error``, in one line.
    """
    given = {key: value for key, value in fields.items() if value is not None}
    record_id = given.pop("id", None)
    if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, str | int)):
        return ProfileRecord(line, None, error=f"id must be a string or a whole number, not {_kind(record_id)}")
    if isinstance(record_id, str) and len(record_id) > MAX_ID_CHARS:
        return ProfileRecord(
            line, None, error=f"id is too long ({len(record_id):,} characters; {MAX_ID_CHARS} at most)"
        )
    unknown = [key for key in given if key not in FIELDS]
    if unknown:
        error = f"unknown field {quote(unknown[0])}; a profile has {_field_list()}"
        return ProfileRecord(line, record_id, error=error)
    try:
        return ProfileRecord(line, record_id, profile=_profile(given, base_dir))
    except InfoquestError as exc:  # ProfileError, ResumeReadError: one line, naming the field or the file
        return ProfileRecord(line, record_id, error=one_line(str(exc)))


def _profile(given: dict[str, Any], base_dir: str | os.PathLike[str] | None) -> Profile:
    path = given.pop("resume_path", None)
    if path is None:
        return Profile(**given)
    if "resume" in given:
        raise InputError("give resume (text) or resume_path (a file), not both")
    if not isinstance(path, str) or not path:
        raise InputError(f"resume_path must be a file path, not {_kind(path)}")
    from infoquest.resume import read_resume

    # Joined, never bare: a path of "-" would otherwise read standard input.
    resume = read_resume(os.path.join(os.fspath(base_dir) if base_dir is not None else os.curdir, path))
    return Profile(**given, resume=resume.text, resume_sections=dict(resume.sections))


def _csv_records(records: Iterator[tuple[int, bytes | None]], folder: Path | None) -> Iterator[ProfileRecord]:
    header: list[str] | None = None
    for line, data in records:
        if data is not None and not data.strip():
            continue
        if header is None:
            header = _header(line, data)
            continue
        if data is None:
            yield _too_long(line)
            continue
        try:
            rows = list(_csv_rows(data))
        except (csv.Error, _NotText) as exc:
            yield ProfileRecord(line, None, error=f"not valid CSV ({one_line(str(exc))})")
            continue
        if len(rows) != 1:  # a stray quote joined two rows: RFC 4180 quotes a field that holds one
            yield ProfileRecord(line, None, error="a double quote outside a quoted field; quote the whole field")
        elif len(rows[0]) != len(header):
            error = f"{len(rows[0])} fields where the header has {len(header)}; check the commas and quotes"
            yield ProfileRecord(line, None, error=error)
        else:
            cells = {name: value for name, value in zip(header, rows[0], strict=True) if value != ""}
            yield profile_record(cells, line, base_dir=folder)


def _header(line: int, data: bytes | None) -> list[str]:
    if data is None:
        raise InputError(f"line {line}: the CSV header is over {MAX_RECORD_BYTES:,} bytes; is this a CSV file?")
    try:
        rows = list(_csv_rows(data))
    except (csv.Error, _NotText) as exc:
        raise InputError(f"line {line}: the CSV header cannot be read ({one_line(str(exc))})") from None
    header = [name.strip().lower() for name in rows[0]] if len(rows) == 1 else []
    unknown = [name for name in header if name not in FIELDS]
    if unknown:
        raise InputError(f"unknown CSV column {quote(unknown[0])}; the columns are {_field_list()}")
    repeated = [name for name in header if header.count(name) > 1]
    if repeated:
        raise InputError(f"the CSV column {quote(repeated[0])} appears twice; keep one")
    if not {"goals", "resume", "resume_path"} & set(header):
        raise InputError("the CSV header names none of goals, resume, resume_path; a profile needs one of them")
    return header


def _csv_rows(data: bytes) -> list[list[str]]:
    """The rows in one record's bytes: one, unless a stray quote joined lines (``csv.Error`` if malformed)."""
    return list(csv.reader(io.StringIO(_decode(data), newline=""), strict=True))


def _records(stream: BinaryIO, *, quoted: bool) -> Iterator[tuple[int, bytes | None]]:
    """``(first line, bytes)`` per record, ``None`` for a record over ``MAX_RECORD_BYTES`` (skipped unread).

    With ``quoted``, a record ends at a line break outside double quotes (RFC 4180 doubles a quote inside a
    quoted field, so an even count of quotes means the record is complete).
    """
    number = 0
    while True:
        start, size, quotes, piece = number + 1, 0, 0, b""
        parts: list[bytes] = []
        while True:
            piece = _read_line(stream, MAX_RECORD_BYTES + 1 - size if size <= MAX_RECORD_BYTES else _SKIP_BYTES)
            if not piece:
                break
            if size <= MAX_RECORD_BYTES:
                parts.append(piece)
            size += len(piece)
            quotes += piece.count(b'"') if quoted else 0
            if piece.endswith(b"\n"):
                number += 1
                if quotes % 2 == 0:
                    break
        if size == 0:
            return
        yield start, b"".join(parts) if size <= MAX_RECORD_BYTES else None
        if not piece:
            return


def _read_line(stream: BinaryIO, limit: int) -> bytes:
    try:
        return stream.readline(limit)
    except OSError as exc:
        raise InputError(f"the input cannot be read ({exc.strerror or type(exc).__name__})") from None


class _NotText(ValueError):
    def __init__(self) -> None:
        super().__init__("not UTF-8 text; save the file as UTF-8")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _NotText() from None


def _too_long(line: int) -> ProfileRecord:
    return ProfileRecord(line, None, error=f"the record is over {MAX_RECORD_BYTES:,} bytes; shorten it")


def _field_list() -> str:
    return ", ".join(FIELDS)


_KINDS = {type(None): "null", dict: "an object", list: "a list", str: "a string", bool: "true or false"}


def _kind(value: object) -> str:
    return _KINDS.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)
