"""Where the files that ship with infoquest live, installed as a wheel or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent

# A wheel carries the corpus and trained models under infoquest/data; a checkout (editable install)
# keeps them at the top of the repository, where people edit them.
_LOCATIONS = {
    "questions.jsonl": (_PACKAGE / "data" / "questions.jsonl", _CHECKOUT / "corpus" / "questions.jsonl"),
}


def data_file(name: str) -> Path:
    """Path of a shipped data file: the corpus (``questions.jsonl``) or a trained model (``trained/<x>``)."""
    candidates = _LOCATIONS.get(name) or (_PACKAGE / "data" / name, _CHECKOUT / "models" / name)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]
