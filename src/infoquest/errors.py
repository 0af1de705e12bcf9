"""The exceptions infoquest raises: one small hierarchy, each message says what was wrong and what to do.

Errors about a caller's arguments are also the built-in exception a Python caller expects:
``InputError``, ``ProfileError`` and ``CorpusError`` are ``ValueError`` subclasses, and ``InputTypeError``
(an argument of the wrong type) is both an ``InputError`` and a ``TypeError``.
"""

from __future__ import annotations


class InfoquestError(Exception):
    """Base class of every error infoquest raises on purpose."""


class InputError(InfoquestError, ValueError):
    """A caller's argument is out of range or missing (e.g. ``k=0``, ``minutes`` outside 10–60)."""


class InputTypeError(InputError, TypeError):
    """A caller's argument has the wrong type (e.g. ``Recommender(corpus=123)``, one ``Profile`` where a
    list of them is expected); the message names the argument and what to pass instead."""


class ResumeReadError(InfoquestError):
    """A résumé file could not be read: missing, unsupported, corrupt, encrypted, too large or empty.

    The message names the file, never its contents.
    """


class CorpusError(InfoquestError, ValueError):
    """A question corpus is missing or invalid; the message names the entry (line and id) and the problem."""


class ModelError(InfoquestError):
    """An embedding model or a trained model file could not be loaded."""


class IndexCacheError(InfoquestError):
    """The embeddings cache folder cannot be written or read."""


class ProfileError(InfoquestError, ValueError):
    """A profile cannot be used: it has neither goals nor a résumé, or a field is out of range."""


class WorkerError(InfoquestError):
    """A worker process of a batch stopped (killed, out of memory) before it answered its profiles."""
