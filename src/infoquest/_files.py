"""Opening the files a user names, safely: regular files only, never blocking, never read without bound.

Every reader of a user-named file (résumés, goals and question files, corpora) goes through
:func:`read_bounded`. A FIFO would make ``open()`` wait forever, and ``/dev/zero`` would be read to the
memory ceiling; both are refused before a byte is read. Errors are ``OSError`` subclasses so each reader
words its own one-line message (see :func:`describe`).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

_T = TypeVar("_T")

_CHUNK = 1024 * 1024
# O_NONBLOCK: opening a FIFO that appeared between the stat and the open must not wait for a writer.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFileError(OSError):
    """The path is a FIFO, a device or a socket: reading it could block forever or never end."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is a {kind}, not a regular file")
        self.kind = kind


class FileTooLargeError(OSError):
    """The file holds more than the reader's limit (``size`` is a lower bound when it was still growing)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size
        self.limit = limit


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, in words; ``None`` for a regular file or a folder."""
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "special file"
    return None


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file type is checked before opening (FIFOs, devices and sockets are refused), the file is opened
    non-blocking and checked again on the open descriptor (the path may have been swapped meanwhile), and
    at most ``limit + 1`` bytes are ever read.

    Raises:
        FileNotFoundError, PermissionError, IsADirectoryError: as ``open()`` would.
        NotRegularFileError: a FIFO, device, socket or other special file.
        FileTooLargeError: more than ``limit`` bytes.
        OSError: any other failure to open or read.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if (kind := _kind(info.st_mode)) is not None:
        raise NotRegularFileError(kind)
    if info.st_size > limit:
        raise FileTooLargeError(info.st_size, limit)
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if (kind := _kind(info.st_mode)) is not None:
            raise NotRegularFileError(kind)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise FileTooLargeError(total, limit)
    return b"".join(chunks)


def describe(exc: OSError) -> str:
    """A short reason for an ``OSError`` that never quotes the path (the caller names the file)."""
    if isinstance(exc, NotRegularFileError):
        return f"is a {exc.kind}, not a regular file; give the path of a saved file"
    return exc.strerror or type(exc).__name__


def new_file_beside(path: Path) -> tuple[Path, int]:
    """Create a new, uniquely named temporary file next to ``path`` for an atomic write; its name and descriptor.

    Not ``mkstemp``: that creates files 0600, and a file one user writes (a cache built in a container image, a
    batch output) must be readable by others as any file is. Mode 0o666 lets the user's umask decide.

    Raises:
        OSError: the folder is missing or not writable (``FileExistsError`` if 100 random names are taken).
    """
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")  # pragma: no cover


def replace_with(path: Path, new: tuple[Path, int], write: Callable[[BinaryIO], _T]) -> _T:
    """Fill ``new`` (from :func:`new_file_beside`) with ``write``, sync it and move it over ``path``; remove it
    if anything fails, so ``path`` is either left as it was or replaced whole. Returns what ``write`` returns."""
    tmp, fd = new
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` whole (``replace_with``); the file is readable by others under the user's
    umask, unlike mkstemp's 0600, so files written at image-build time serve other users."""
    replace_with(path, new_file_beside(path), lambda handle: handle.write(data))
