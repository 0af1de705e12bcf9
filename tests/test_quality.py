"""Quality floors: a test fails if ranking quality or the etiquette guard falls below what was recorded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import evaluate
        import train_ranker
        from common import valid_judgments

        yield evaluate, train_ranker, valid_judgments()
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_dev_ndcg_at_10_stays_at_the_recorded_level(bench):
    # The static run: features, ranker and selection are the same code for both encoders, and the MiniLM
    # run (evaluation.json, `make bench`) takes minutes here. Its floor is evaluation_static.json's.
    evaluate, train_ranker, qrels = bench
    recorded = json.loads((BENCHMARKS / "results" / "evaluation_static.json").read_text())["floor"]
    ids, profiles = train_ranker.persona_profiles()
    rec = train_ranker.feature_recommender("static")
    matrices = np.array(rec.feature_matrices(profiles))
    judged = train_ranker.judged_indices(rec, ids, qrels)
    qids = [q.id for q in rec.corpus]
    guide = {q.id for q in rec.corpus if q.source == "guide"}
    now = evaluate.quality_floor(matrices, judged, ids, qids, qrels, guide)
    for key, value in recorded.items():
        assert now[key] >= value - TOLERANCE, (key, now[key], value)


def test_etiquette_f1_on_the_held_out_split_stays_at_the_recorded_level(bench):
    from sklearn.metrics import f1_score

    from common import DATA, read_jsonl, stratified_split
    from infoquest.etiquette import EtiquetteGuard

    guard = EtiquetteGuard()
    rows = read_jsonl(DATA / "etiquette.jsonl")
    _, test = stratified_split([r["kind"] for r in rows])
    texts = [rows[i]["text"] for i in test]
    # The classifier's verdicts, as train_guard.py scores them (check() would also build a suggestion for
    # every flagged question, which is tested in test_etiquette.py).
    flagged = guard.probabilities(texts, guard.encoder.encode(texts)) >= guard.threshold
    f1 = f1_score([rows[i]["asks_for_job"] for i in test], flagged)
    assert f1 >= guard.head.info["test_f1"] - 0.03


def test_etiquette_false_alarms_on_the_held_out_hard_negatives_stay_at_the_recorded_level(bench):
    from common import DATA, read_jsonl
    from infoquest.etiquette import EtiquetteGuard

    guard = EtiquetteGuard()
    hard = read_jsonl(DATA / "etiquette_hard_negatives.jsonl")
    assert len(hard) == 30 and not any(r["asks_for_job"] for r in hard)
    flagged = [v.text for v in guard.check([r["text"] for r in hard]) if v.asks_for_job]
    assert len(flagged) <= guard.head.info["hard_negative_false_alarms"], flagged
