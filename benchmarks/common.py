"""Shared helpers for the benchmark and training scripts (data files, the encoder, splits)."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infoquest.encoders import Encoder

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
TRAINED = HERE.parent / "models" / "trained"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every JSON object in a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_test(text: str, share: int = 4) -> bool:
    """A stable held-out split: about 1 in ``share`` examples, decided by a hash of the text."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % share == 0


#: The encoders the training scripts can use, by the name given with ``--encoder``.
ENCODERS = ("static", "minilm")
DEFAULT_ENCODER = "static"


def make_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """The encoder called ``name`` (``--encoder``): the one place that maps names to encoders."""
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder {name!r}; use one of {', '.join(ENCODERS)}")
    from infoquest.encoders import resolve_encoder

    return resolve_encoder(name)


def trained_folder(encoder: Encoder) -> Path:
    """Where the trained parts for ``encoder`` are written (``models/trained`` or ``models/trained/minilm``)."""
    from infoquest.trained import folder_for

    folder = TRAINED.parent / folder_for(encoder.model_id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stratified_split(keys: Sequence[str], test_share: float = 0.25, seed: int = 0) -> tuple[list[int], list[int]]:
    """A fixed held-out split with the same share of every class: ``(train indices, test indices)``."""
    from sklearn.model_selection import train_test_split

    train, test = train_test_split(list(range(len(keys))), test_size=test_share, stratify=list(keys), random_state=seed)
    return sorted(train), sorted(test)


def machine() -> str:
    """One line about the machine, printed with every timing."""
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load_judgments() -> dict[str, dict[str, dict[str, int]]]:
    """Grades by judge ("A", "B"), then persona, then question id."""
    judges: dict[str, dict[str, dict[str, int]]] = {}
    for path in sorted((DATA / "judgments").glob("*.jsonl")):
        judge = path.stem.split("_")[0]
        for row in read_jsonl(path):
            judges.setdefault(judge, {}).setdefault(row["persona"], {})[row["question"]] = int(row["grade"])
    return judges


def valid_judges() -> dict[str, dict[str, dict[str, int]]]:
    """Each judge's grades still valid for the current corpus: a grade counts only where the question's text is
    unchanged since it was graded (``data/judged_texts_v1.json`` for the grades in ``data/judgments/``,
    ``data/judged_texts_v2.json`` for those in ``data/judgments_v2/``, made for corpus v2, and
    ``data/judged_texts_v3.json`` for the third round in ``data/judgments_v3/``, ``data/judged_texts_v4.json`` for
    the fourth in ``data/judgments_v4/``)."""
    import json as _json

    from infoquest.corpus import default_corpus

    current = {q.id: q.text for q in default_corpus()}
    judges: dict[str, dict[str, dict[str, int]]] = {}
    rounds = (
        ("judgments", "judged_texts_v1.json"),
        ("judgments_v2", "judged_texts_v2.json"),
        ("judgments_v3", "judged_texts_v3.json"),
        ("judgments_v4", "judged_texts_v4.json"),
    )
    for folder, texts_file in rounds:
        if not (DATA / folder).exists():
            continue
        graded = _json.loads((DATA / texts_file).read_text(encoding="utf-8"))
        for path in sorted((DATA / folder).glob("*.jsonl")):
            judge = path.stem.split("_")[0]
            for row in read_jsonl(path):
                qid = row["question"]
                if qid in current and graded.get(qid) == current[qid]:
                    judges.setdefault(judge, {}).setdefault(row["persona"], {})[qid] = int(row["grade"])
    return judges


def valid_judgments() -> dict[str, dict[str, int]]:
    """The consensus of ``valid_judges()``, per persona and question."""
    return consensus(valid_judges())


def consensus(judges: dict[str, dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """One grade per (persona, question): the two judges' mean, rounded half up; one judge where only one graded."""
    out: dict[str, dict[str, int]] = {}
    names = sorted(judges)
    personas = sorted({p for grades in judges.values() for p in grades})
    for persona in personas:
        merged: dict[str, list[int]] = {}
        for name in names:
            for qid, grade in judges[name].get(persona, {}).items():
                merged.setdefault(qid, []).append(grade)
        out[persona] = {qid: int(sum(g) / len(g) + 0.5) for qid, g in merged.items()}
    return out


def personas() -> list[dict[str, Any]]:
    """The judged dev personas (the first 48, then the 24 added later)."""
    return [row for name in ("personas.jsonl", "personas_more.jsonl") for row in read_jsonl(DATA / name)]


def write_report(name: str, lines: list[str]) -> None:
    """Write ``results/<name>`` (the lines joined by newlines) and print it."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / name).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
