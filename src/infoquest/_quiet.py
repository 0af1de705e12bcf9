"""Third-party readers run quietly: their log records and warnings are dropped, never printed.

pypdf logs what it repairs, and its messages quote bytes of the file (``Skipping broken line
b'41 0041 Jane Doe ...'``, ``invalid pdf header: b'Jane '``): résumé contents, which must never reach
a terminal or a log. With no logging configured, Python would print them on stderr (its "last resort"
handler); with logging configured, the application's handlers would store them. While a résumé is
read, the libraries' loggers keep their records to themselves.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

#: Loggers of the libraries that read résumé bytes.
LIBRARY_LOGGERS = ("pypdf", "docx", "charset_normalizer", "PIL")

_LOCK = threading.Lock()
_active = 0
_saved: dict[str, bool] = {}


class _Drop(logging.Handler):
    """Takes every record (so Python's last-resort handler stays silent) and keeps none of it."""

    def emit(self, record: logging.LogRecord) -> None:
        pass


_DROP = _Drop()


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """Within the block, records of :data:`LIBRARY_LOGGERS` are dropped and warnings are ignored.

    Reentrant and safe to use from several threads: the loggers are restored when the last block ends.
    """
    global _active
    with _LOCK:
        if _active == 0:
            for name in LIBRARY_LOGGERS:
                logger = logging.getLogger(name)
                _saved[name] = logger.propagate
                logger.propagate = False
                logger.addHandler(_DROP)
        _active += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _LOCK:
            _active -= 1
            if _active == 0:
                for name in LIBRARY_LOGGERS:
                    logger = logging.getLogger(name)
                    logger.removeHandler(_DROP)
                    logger.propagate = _saved.pop(name, True)
