"""The exceptions infoquest raises: one small hierarchy, each message says what was wrong and what to do."""

from __future__ import annotations


class InfoquestError(Exception):
    """Base class of every error infoquest raises on purpose."""


class InputError(InfoquestError, ValueError):
    """A caller's argument is out of range or missing (e.g. an empty profile, ``minutes`` outside 10–60)."""


class ResumeReadError(InfoquestError):
    """A résumé file could not be read: missing, unsupported, corrupt, encrypted, too large or empty.

    The message names the file, never its contents.
    """


class CorpusError(InfoquestError):
    """A question corpus is missing or invalid; the message names the entry (line and id) and the problem."""


class ModelError(InfoquestError):
    """An embedding model or a trained model file could not be loaded."""


class IndexCacheError(InfoquestError):
    """The embeddings cache folder cannot be written or read."""


class ProfileError(InfoquestError):
    """A profile cannot be used: it has neither goals nor a résumé, or a field is out of range."""
