"""Argument checks for the public entry points, so a caller's mistake is an ``InfoquestError`` that names
the argument (``InputTypeError`` for a wrong type, ``InputError`` for a wrong value), never an
``AttributeError`` deep inside.

Batch entry points take a list: a single ``Profile`` or a bare string given to one is refused with a
message saying to pass a list (a string is a sequence of characters, and checking or planning each
character would be silently wrong).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from numbers import Integral
from typing import TYPE_CHECKING

from infoquest.errors import InputError, InputTypeError

if TYPE_CHECKING:
    from infoquest.encoders import Encoder
    from infoquest.profile import Profile


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def whole_number(name: str, value: object, low: int, high: int, hint: str = "") -> int:
    """``value`` as an ``int`` from ``low`` to ``high``: any integer type (``numpy.int64`` too), never a bool."""
    # bool is an int subclass; k=True meaning k=1 is always a bug in the caller.
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputTypeError(f"{name} must be a whole number from {low} to {high}{hint}, got {_kind(value)}")
    number = int(value)
    if not low <= number <= high:
        raise InputError(f"{name} must be a whole number from {low} to {high}{hint}, got {number}")
    return number


def profile(value: object, name: str = "profile") -> Profile:
    """``value`` if it is a ``Profile``."""
    from infoquest.profile import Profile

    if isinstance(value, Profile):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str):
        raise InputTypeError(
            f"{name} must be one Profile, got a {_kind(value)}; rank_many and recommend_many take lists"
        )
    raise InputTypeError(f"{name} must be a Profile, got {_kind(value)}; build one with Profile(goals=..., ...)")


def profiles(value: object, name: str = "profiles") -> list[Profile]:
    """``value`` as a list of ``Profile``s (any sequence of them)."""
    from infoquest.profile import Profile

    if isinstance(value, Profile):
        raise InputTypeError(f"{name} must be a list of Profile objects, got one Profile; pass a list of profiles")
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InputTypeError(f"{name} must be a list of Profile objects, got {_kind(value)}")
    for position, item in enumerate(value):
        if not isinstance(item, Profile):
            raise InputTypeError(
                f"{name}[{position}] must be a Profile, got {_kind(item)}; build one with Profile(goals=..., ...)"
            )
    return list(value)


def texts(value: object, name: str = "texts") -> list[str]:
    """``value`` as a list of strings; a bare string is refused (pass ``[text]``)."""
    if isinstance(value, str):
        raise InputTypeError(f"{name} must be a list of questions, got one str; pass a list: [{value[:40]!r}]")
    if isinstance(value, bytes) or not isinstance(value, Sequence):
        raise InputTypeError(f"{name} must be a list of questions (strings), got {_kind(value)}")
    for position, item in enumerate(value):
        if not isinstance(item, str):
            raise InputTypeError(f"{name}[{position}] must be a str, got {_kind(item)}")
    return list(value)


def path(value: object, name: str, what: str) -> None:
    """Refuse anything but a ``str`` or an ``os.PathLike``; ``what`` says what is accepted."""
    if not isinstance(value, str | os.PathLike):
        raise InputTypeError(f"{name} must be {what}, got {_kind(value)}")


def path_or_none(value: object, name: str, what: str) -> None:
    """Refuse anything but ``None``, a ``str`` or an ``os.PathLike``; ``what`` says what else is accepted."""
    if value is not None and not isinstance(value, str | os.PathLike):
        raise InputTypeError(f"{name} must be {what}, got {_kind(value)}")


def corpus(value: object) -> None:
    """Refuse a ``corpus`` argument that is neither a ``Corpus``, a path nor ``None``."""
    from infoquest.corpus import Corpus

    if not isinstance(value, Corpus):
        path_or_none(value, "corpus", "a Corpus, a path to a .jsonl file, or None for the curated corpus")


def encoder(value: object) -> Encoder | None:
    """``None`` (the default, loaded lazily), or an ``Encoder`` from an object or a name (``"static"``, …)."""
    from infoquest.encoders import ENCODER_NAMES, Encoder, resolve_encoder

    if value is None:
        return None
    if isinstance(value, str):
        return resolve_encoder(value)  # InputError naming the choices for an unknown name
    if not isinstance(value, Encoder):
        raise InputTypeError(
            f"encoder must be an Encoder (model_id, max_tokens, encode, count_tokens) or one of "
            f"{', '.join(ENCODER_NAMES)}, got {_kind(value)}"
        )
    return value
