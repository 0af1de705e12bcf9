"""Reading the stamp of a trained file that belongs to one encoder and one corpus (``says_classifier``,
``judged_says``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from infoquest.errors import ModelError


def corpus_stamp(
    stamp_file: Path, format_version: int, model_id: str, corpus_hash: str, *, what: str
) -> dict[str, Any] | None:
    """The stamp in ``stamp_file`` when it is of ``format_version``, was made with ``model_id`` and belongs to
    the corpus ``corpus_hash``; ``None`` when there is no such file or it belongs to another corpus.

    Raises:
        ModelError: it was made with another encoder (``what`` names the file's contents in the message).
        ValueError, KeyError, OSError: it is damaged or unreadable (the caller says what to do).
    """
    if not stamp_file.exists():
        return None
    stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    if not isinstance(stamp, dict) or stamp.get("format") != format_version:
        raise ValueError(f"expected a stamp of format {format_version}")
    if stamp["model_id"] != model_id:
        raise ModelError(
            f"{what} {str(stamp['model_id'])[:80]}, not {model_id} ({stamp_file.parent}); retrain with "
            "benchmarks/train_concerns.py or reinstall infoquest"
        )
    return stamp if stamp["corpus_hash"] == corpus_hash else None
