"""Ranking quality on the judged dev personas: infoquest against baselines and ablations, in one run.

    python benchmarks/evaluate.py

Metrics come from ranx: nDCG@5, nDCG@10 (graded 0-3) and MAP (relevant = consensus grade >= 2), on two
scopes: the guide's 34 questions only, and the whole corpus (pooled judgments; unjudged questions count
as not relevant). Learned systems are scored on personas held out of their training (6-fold CV over
personas, repeated with 3 shuffles). Writes benchmarks/results/evaluation.md and evaluation.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence

import bm25s
import numpy as np
from ranx import Qrels, Run, evaluate

from common import RESULTS, consensus, machine, valid_judges
from infoquest.features import FEATURES
from infoquest.ranking import LinearRanker
from infoquest.recommender import Recommender
from train_ranker import (
    feature_recommender,
    fit_pairwise,
    fit_pointwise,
    fit_ranknet,
    judged_indices,
    persona_profiles,
    training_rows,
)

METRICS = ["ndcg@5", "ndcg@10"]
FOLDS, REPEATS = 6, 3
SINGLE_SIGNALS = (
    "goal_max",
    "goal_all",
    "resume_max",
    "role_sim",
    "lexical",
    "kind_fit",
    "stage_fit",
    "need_max",
)
FAMILIES = {
    "goals (embedding)": ("goal_max", "goal_all"),
    "résumé": ("resume_max", "resume_top3"),
    "role similarity": ("role_sim",),
    "lexical": ("lexical",),
    "interviewee fit": ("kind_fit", "kind_specific", "relationship_fit", "setting_mismatch"),
    "field restriction": ("field_restricted", "field_match"),
    "stage fit": ("stage_fit", "stage_specific"),
    "goal needs (topics)": ("need_max", "need_share"),
    "placement, category, sensitivity": tuple(
        f for f in FEATURES if f.startswith(("placement_", "category_")) or f == "sensitive"
    ),
}


def to_run(ids: Sequence[str], qids: Sequence[str], scores: np.ndarray, keep: np.ndarray) -> Run:
    """A ranx Run over the questions in ``keep``; a tiny seeded jitter breaks ties fairly."""
    jitter = np.random.default_rng(99).random(scores.shape) * 1e-9
    return Run(
        {pid: {qids[j]: float(scores[i, j] + jitter[i, j]) for j in np.flatnonzero(keep)} for i, pid in enumerate(ids)}
    )


def score_run(qrels: dict[str, dict[str, int]], run: Run, scope: set[str]) -> dict[str, float]:
    graded = Qrels({p: {q: g for q, g in d.items() if q in scope and g > 0} or {"-": 1} for p, d in qrels.items()})
    binary = Qrels({p: {q: 1 for q, g in d.items() if q in scope and g >= 2} or {"-": 1} for p, d in qrels.items()})
    out = {m: float(evaluate(graded, run, m)) for m in METRICS}
    out["map"] = float(evaluate(binary, run, "map"))
    return out


def cross_validated(
    matrices: np.ndarray,
    judged: list[dict[int, int]],
    fit: Callable[..., LinearRanker],
    columns: Sequence[int] | None = None,
    repeats: int = REPEATS,
) -> list[np.ndarray]:
    """Held-out scores for every persona, one array per repeat."""
    n = len(matrices)
    out = []
    for seed in range(repeats):
        order = np.random.default_rng(seed).permutation(n)
        scores = np.zeros(matrices.shape[:2])
        for fold in np.array_split(order, FOLDS):
            train = np.setdiff1d(order, fold)
            m = matrices if columns is None else _mask(matrices, columns)
            xs, ys = training_rows([m[i] for i in train], [judged[i] for i in train])
            ranker = fit(xs, ys)
            for i in fold:
                scores[i] = ranker.score(m[i])
        out.append(scores)
    return out


def _mask(matrices: np.ndarray, columns: Sequence[int]) -> np.ndarray:
    masked = matrices.copy()
    masked[:, :, list(columns)] = 0.0  # a constant column carries no signal after standardisation
    return masked


def quality_floor(
    matrices: np.ndarray,
    judged: list[dict[int, int]],
    ids: Sequence[str],
    qids: Sequence[str],
    qrels: dict[str, dict[str, int]],
    guide: set[str],
) -> dict[str, float]:
    """The numbers the slow quality test re-checks: nDCG@10 of the pairwise ranker, one CV shuffle."""
    scores = cross_validated(matrices, judged, fit_pairwise, repeats=1)[0]
    out = {}
    for name, scope in (("guide", guide), ("full", set(qids))):
        keep = np.array([q in scope for q in qids])
        out[f"ndcg@10_{name}"] = score_run(qrels, to_run(ids, qids, scores, keep), scope)["ndcg@10"]
    return out


def agreement(judges: dict[str, dict[str, dict[str, int]]], qids: Sequence[str], scope: set[str]) -> dict[str, float]:
    """How well one judge's grades, used as a ranking, score against the other judge's (both ways)."""
    a, b = judges["A"], judges["B"]
    results = []
    for first, second in ((a, b), (b, a)):
        personas = sorted(set(first) & set(second))
        for seed in range(10):
            rng = np.random.default_rng(seed)
            run = Run({p: {q: g + rng.random() * 0.01 for q, g in first[p].items() if q in scope} for p in personas})
            results.append(score_run({p: second[p] for p in personas}, run, scope))
    return {m: float(np.mean([r[m] for r in results])) for m in results[0]}


def set_quality(
    recs_per_persona: list[list[str]],
    qrels: dict[str, dict[str, int]],
    ids: Sequence[str],
    categories: dict[str, str],
) -> dict[str, float]:
    grades, good, cats, judged, judged_grades = [], [], [], [], []
    for pid, chosen in zip(ids, recs_per_persona, strict=True):
        g = [qrels[pid].get(q, 0) for q in chosen]
        grades.append(np.mean(g))
        good.append(np.mean([x >= 2 for x in g]))
        cats.append(len({categories.get(q, q) for q in chosen}))  # a written question is its own category
        known = [qrels[pid][q] for q in chosen if q in qrels[pid]]
        judged.append(len(known) / max(1, len(chosen)))
        judged_grades.extend(known)
    return {
        "mean grade": float(np.mean(grades)),
        "share graded >= 2": float(np.mean(good)),
        "categories": float(np.mean(cats)),
        "share judged": float(np.mean(judged)),
        "mean grade of the judged picks": float(np.mean(judged_grades)) if judged_grades else 0.0,
    }


#: Personas P01-P48 were the dev set the first weights were fitted on; P49 on came later.
FIRST_BATCH = 48


def later_split(
    ids: Sequence[str],
    profiles: Sequence[object],
    matrices: np.ndarray,
    judged: list[dict[int, int]],
    qrels: dict[str, dict[str, int]],
    qids: Sequence[str],
    scopes: dict[str, set[str]],
    systems: dict[str, list[np.ndarray]],
    cosine_name: str,
) -> dict[tuple[str, str], dict[str, float]]:
    """Train on the first batch of personas, score the later ones; baselines on the same later personas."""
    first = [i for i, pid in enumerate(ids) if int(pid[1:]) <= FIRST_BATCH]
    later = [i for i, pid in enumerate(ids) if int(pid[1:]) > FIRST_BATCH]
    if not later:
        return {}
    xs, ys = training_rows([matrices[i] for i in first], [judged[i] for i in first])
    ranker = fit_pairwise(xs, ys)
    runs = {
        cosine_name: systems[cosine_name][0][later],
        "BM25 on the concatenated profile": systems["BM25 on the concatenated profile"][0][later],
        "**infoquest rank()** trained on the first batch": np.array([ranker.score(matrices[i]) for i in later]),
    }
    later_ids = [ids[i] for i in later]
    later_qrels = {pid: qrels[pid] for pid in later_ids}
    out = {}
    for name, scores in runs.items():
        for scope_name, scope in scopes.items():
            keep = np.array([q in scope for q in qids])
            out[(name, scope_name)] = score_run(later_qrels, to_run(later_ids, qids, scores, keep), scope)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", default="minilm", choices=["static", "minilm"])
    parser.add_argument("--no-ablations", action="store_true", help="skip the single-signal and ablation rows")
    args = parser.parse_args()
    started = time.time()
    ids, profiles = persona_profiles()
    judges = valid_judges()
    qrels = consensus(judges)
    rec = feature_recommender(args.encoder)
    cosine_name = f"{'MiniLM' if args.encoder == 'minilm' else 'static'} cosine on the concatenated profile"
    corpus = rec.corpus
    qids = [q.id for q in corpus]
    guide = {q.id for q in corpus if q.source == "guide"}
    everything = set(qids)
    matrices = np.array(rec.feature_matrices(profiles))
    judged = judged_indices(rec, ids, qrels)

    systems: dict[str, list[np.ndarray]] = {}
    rng = np.random.default_rng(0)
    systems["random"] = [rng.random(matrices.shape[:2]) for _ in range(REPEATS)]
    texts = [f"{p.goals}\n{p.role}\n{p.resume}" for p in profiles]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([q.text for q in corpus], stopwords="en", show_progress=False), show_progress=False)
    docs, values = retriever.retrieve(
        bm25s.tokenize(texts, stopwords="en", show_progress=False), k=len(corpus), show_progress=False
    )
    bm = np.zeros(matrices.shape[:2])
    for i in range(len(ids)):
        bm[i, docs[i]] = values[i]
    systems["BM25 on the concatenated profile"] = [bm]
    qv = rec._state.vectors
    systems[cosine_name] = [rec.encoder.encode(texts) @ qv.T]
    systems["**infoquest rank()** (pairwise, CV)"] = cross_validated(matrices, judged, fit_pairwise)
    systems["the last ranker instead: pairs weighted by grade difference alone (CV)"] = cross_validated(
        matrices, judged, fit_ranknet
    )
    systems["pointwise ridge instead (CV)"] = cross_validated(matrices, judged, fit_pointwise)
    for feature in () if args.no_ablations else SINGLE_SIGNALS:
        systems[f"signal alone: {feature}"] = [matrices[:, :, FEATURES.index(feature)]]
    for family, names in () if args.no_ablations else FAMILIES.items():
        columns = [FEATURES.index(f) for f in names]
        systems[f"rank() without {family} (CV)"] = cross_validated(matrices, judged, fit_pairwise, columns)

    scopes = {"guide (34 questions)": guide, f"full corpus ({len(qids)} questions)": everything}
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, repeats in systems.items():
        results[name] = {}
        for scope_name, scope in scopes.items():
            keep = np.array([q in scope for q in qids])
            per = [score_run(qrels, to_run(ids, qids, s, keep), scope) for s in repeats]
            results[name][scope_name] = {m: float(np.mean([p[m] for p in per])) for m in per[0]}
    floor = quality_floor(matrices, judged, ids, qids, qrels, guide)
    agree = {scope_name: agreement(judges, qids, scope) for scope_name, scope in scopes.items()}

    # Selected sets (k=10): recommend() with fold-held-out weights against the top 10 of plain cosine.
    categories = {q.id: q.category for q in corpus}
    chosen: list[list[str]] = [[] for _ in ids]
    chosen_before: list[list[str]] = [[] for _ in ids]
    order = np.random.default_rng(0).permutation(len(ids))
    for fold in np.array_split(order, FOLDS):
        train = np.setdiff1d(order, fold)
        xs, ys = training_rows([matrices[i] for i in train], [judged[i] for i in train])
        for fitter, picks in ((fit_pairwise, chosen), (fit_ranknet, chosen_before)):
            fold_rec = Recommender(encoder=rec.encoder, ranker=fitter(xs, ys))
            for i, recs in zip(fold, fold_rec.recommend_many([profiles[i] for i in fold], k=10), strict=True):
                picks[i] = [r.question.id for r in recs]
    cosine_top = [[qids[j] for j in np.argsort(-row)[:10]] for row in systems[cosine_name][0]]
    rank_top = [[qids[j] for j in np.argsort(-row)[:10]] for row in systems["**infoquest rank()** (pairwise, CV)"][0]]
    sets = {
        "recommend(k=10) (CV weights)": set_quality(chosen, qrels, ids, categories),
        "recommend(k=10), the last ranker (CV weights)": set_quality(chosen_before, qrels, ids, categories),
        "top 10 of rank() (CV weights)": set_quality(rank_top, qrels, ids, categories),
        f"top 10 of {cosine_name.split(' on ')[0]}": set_quality(cosine_top, qrels, ids, categories),
    }

    later = later_split(ids, profiles, matrices, judged, qrels, qids, scopes, systems, cosine_name)

    lines = [
        "# Ranking quality on the dev personas",
        "",
        f"Command: `python benchmarks/evaluate.py --encoder {args.encoder}` (from the repository root, in the "
        "project's virtualenv)",
        "",
        f"{len(ids)} personas, two independent judges, consensus grades (mean rounded half up); a grade counts "
        "only for a question whose text is unchanged since it was graded (corpus v1 grades, and the v2 pools "
        "graded for the new and reworded questions). "
        f"Learned rows: persona-held-out {FOLDS}-fold CV, {REPEATS} shuffles averaged. Machine: {machine()}. "
        f"Run took {time.time() - started:.0f} s.",
        "",
    ]
    for scope_name in scopes:
        lines += [
            f"## {scope_name}",
            "",
            "| system | nDCG@5 | nDCG@10 | MAP (grade ≥ 2) |",
            "| --- | --- | --- | --- |",
        ]
        for name, by_scope in results.items():
            r = by_scope[scope_name]
            lines.append(f"| {name} | {r['ndcg@5']:.3f} | {r['ndcg@10']:.3f} | {r['map']:.3f} |")
        a = agree[scope_name]
        lines.append(
            "| _judge agreement (one judge's grades ranked against the other's)_ | "
            f"{a['ndcg@5']:.3f} | {a['ndcg@10']:.3f} | {a['map']:.3f} |"
        )
        lines.append("")
    lines += [
        f"## Personas added later ({FIRST_BATCH + 1}-{len(ids)}), ranked with weights trained on the first "
        f"{FIRST_BATCH} only",
        "",
        "The later personas were written, pooled and judged after the first weights were fitted, so this is the "
        "closest this repository comes to the held-out check.",
        "",
        "| system | scope | nDCG@5 | nDCG@10 | MAP (grade ≥ 2) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (name, scope_name), r in later.items():
        lines.append(f"| {name} | {scope_name} | {r['ndcg@5']:.3f} | {r['ndcg@10']:.3f} | {r['map']:.3f} |")
    lines.append("")
    lines += [
        "## Selected sets of 10",
        "",
        "Unjudged picks (and questions written from the goals) count as grade 0 in the first two columns; the last "
        "two say how many picks the judges graded and how those grade.",
        "",
        "| set | mean grade | share graded ≥ 2 | categories covered | share judged | mean grade of the judged picks |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in sets.items():
        lines.append(
            f"| {name} | {r['mean grade']:.2f} | {r['share graded >= 2']:.2f} | {r['categories']:.1f} | "
            f"{r['share judged']:.2f} | {r['mean grade of the judged picks']:.2f} |"
        )
    RESULTS.mkdir(exist_ok=True)
    suffix = "" if args.encoder == "minilm" else f"_{args.encoder}"
    (RESULTS / f"evaluation{suffix}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / f"evaluation{suffix}.json").write_text(
        json.dumps(
            {
                "systems": results,
                "agreement": agree,
                "sets": sets,
                "floor": floor,
                "later": {f"{n} | {s}": v for (n, s), v in later.items()},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
