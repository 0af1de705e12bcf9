"""Concern coverage: does ``recommend(k=10)`` answer each concern the seeker states? Baselines in the same run.

    python benchmarks/evaluate_concerns.py [--release-run results/concern_runs/v0.1.0.json]

Data: 64 concern personas (``data/concern_personas.jsonl``), 198 concerns, each annotated blind by two judges with
the bank questions that address it (``data/concern_judgments/``; consensus grade ≥ 2 addresses it). A concern is
*answerable* when at least one bank question addresses it; it is *answered* by a set of 10 when the set holds one
of those. infoquest's matcher is scored on personas held out of its training (4 folds, as in
``train_concerns.py``); the ranker never saw these personas. Systems:

- the last release (v0.1.0), run from its own commit (``--release-run`` reads its saved top-10s, made by
  ``release_run.py``; retired ids count as their replacement);
- MiniLM cosine between the whole profile and each question, top 10;
- a naive round-robin over the goal sentences' nearest questions (MiniLM);
- infoquest ``recommend(k=10)`` with the static encoder and with MiniLM.

Also reported: how many concerns got a question written from the seeker's words (and, of every stated concern,
how many the set answers with a bank question or else with a written one), the matcher's calibration (how often
its best question addresses the concern, by relevance), earlier rules for comparison, and the "generic repeat" share
(the share of result lists that hold the single most frequent question). Writes ``results/concerns.md`` and
``results/concerns.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from common import DATA, RESULTS, consensus, machine, read_jsonl, valid_judges, write_report
from infoquest import recommender
from infoquest.corpus import default_corpus
from infoquest.profile import Profile
from infoquest.recommender import Recommender
from infoquest.seeker import goal_sentences
from train_concerns import (
    FOLDS,
    addressing,
    concern_personas,
    dev_addressing,
    fit,
    judge_grades,
    labelled,
    training_concerns,
)

K = 10


def profiles(rows: list[dict[str, Any]]) -> list[Profile]:
    return [
        Profile(goals=r["goals"], resume=r["resume"], role=r["role"], met_before=bool(r.get("met_before")))
        for r in rows
    ]


def replacements() -> dict[str, str]:
    """Retired id -> the active id that replaced it (followed to the end)."""
    rows = read_jsonl(Path(__file__).resolve().parent.parent / "corpus" / "retired.jsonl")
    direct = {r["id"]: r["replaced_by"] for r in rows if r.get("replaced_by")}
    out = {}
    for rid in direct:
        target, seen = direct[rid], {rid}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        out[rid] = target
    return out


def release_sets(path: Path) -> dict[str, list[str]]:
    """The last release's saved top-10s (``release_run.py``), retired ids counted as their replacement."""
    swap = replacements()
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {p: [swap.get(q, q) for q in qs] for p, qs in saved.items()}


def coverage(
    runs: dict[str, list[str]], rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> dict[str, float]:
    answerable = answered = 0
    for row in rows:
        picks = set(runs[row["id"]])
        for n, _ in enumerate(row["concerns"], start=1):
            good = set(gold.get((row["id"], n), {}))
            if good:
                answerable += 1
                answered += bool(picks & good)
    return {"answerable": answerable, "answered": answered, "coverage": answered / max(1, answerable)}


def generic_repeat(runs: dict[str, list[str]], leave_out: frozenset[str] = frozenset()) -> tuple[float, str]:
    counts = Counter(q for picks in runs.values() for q in set(picks) if q not in leave_out)
    top, n = counts.most_common(1)[0]
    return n / len(runs), top


def referral_asks() -> frozenset[str]:
    """The bank's questions that ask for people to talk to (topic ``referrals``): every set of 10 holds one by
    design (the guide says to ask for referrals), so the repeat is also reported without them."""
    return frozenset(q.id for q in default_corpus() if "referrals" in q.topics)


def referral_table(systems: dict[str, dict[str, list[str]]], names: list[str]) -> list[str]:
    """How often each referral ask closes a set of ``names``' systems, and how the ranking judges grade it: the
    consensus grade over the 72 ranking personas who had it graded (``benchmarks/data/judgments*``)."""
    grades = consensus(valid_judges())
    asks = sorted(referral_asks(), key=lambda q: -sum(q in set(p) for n in names for p in systems[n].values()))
    lines = [
        "Referral asks: the share of infoquest's sets holding each, and the ranking judges' mean consensus grade "
        "for it (the 72 dev personas of `evaluate.py` that have it graded). Every set of 10 holds one by design.\n",
        "| question | "
        + " | ".join(f"in sets, {n.split(', ')[1].split(' ')[0]}" for n in names)
        + " | judged | mean grade |",
        "| --- |" + " --- |" * (len(names) + 2),
    ]
    for q in asks:
        shares = [np.mean([q in set(p) for p in systems[n].values()]) for n in names]
        graded = [g[q] for g in grades.values() if q in g]
        if not any(shares):
            continue
        mean = f"{np.mean(graded):.2f}" if graded else "—"
        lines.append(f"| {q} | " + " | ".join(f"{x:.2f}" for x in shares) + f" | {len(graded)} | {mean} |")
    return [*lines, ""]


def cosine_runs(rec: Recommender, rows: list[dict[str, Any]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    qids = [q.id for q in rec.corpus]
    vectors = rec._state.vectors
    whole = rec.encoder.encode([f"{r['goals']}\n{r['role']}\n{r['resume']}" for r in rows]) @ vectors.T
    cosine = {r["id"]: [qids[j] for j in np.argsort(-whole[i])[:K]] for i, r in enumerate(rows)}
    robin: dict[str, list[str]] = {}
    for r in rows:
        sentences = goal_sentences(r["goals"]) or [r["goals"]]
        orders = [list(np.argsort(-(v @ vectors.T))) for v in rec.encoder.encode(sentences)]
        picks: list[str] = []
        depth = 0
        while len(picks) < K:
            for order in orders:
                if qids[order[depth]] not in picks and len(picks) < K:
                    picks.append(qids[order[depth]])
            depth += 1
        robin[r["id"]] = picks
    return cosine, robin


def infoquest_runs(
    encoder: str, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> tuple[dict[str, list[str]], dict[str, list[str]], int]:
    """recommend(k=10) with the concern matcher trained on the other folds' personas: each persona's bank
    questions, the concerns (the seeker's spans) its written questions were written for (one question may answer
    two), and how many questions it wrote in all."""
    rec = Recommender(encoder=encoder)
    values, labels, keys, fold_of = labelled(Recommender(encoder=encoder, trained=False), rows, gold)
    runs: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    count = 0
    shipped = rec.trained
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        matcher = fit([values[i] for i in train], [labels[i] for i in train], rec.encoder.model_id)
        matcher = replace(matcher, threshold=shipped.matcher.threshold)
        rec.__dict__["trained"] = replace(shipped, matcher=matcher)  # this fold's matcher, for this fold only
        test_rows = [r for r in rows if fold_of[r["id"]] == fold]
        for row, picks in zip(test_rows, rec.recommend_many(profiles(test_rows), k=K), strict=True):
            runs[row["id"]] = [p.question.id for p in picks if p.source == "bank"]
            written[row["id"]] = [c for p in picks if p.source == "goals" for c in p.concerns]
            count += sum(p.source == "goals" for p in picks)
    return runs, written, count


#: Bins of the matcher's calibrated relevance for the calibration table (the last bin includes 1.0).
BINS = (0.0, 0.25, 0.5, 0.8, 1.0)


def calibration(
    encoder: str, rows: list[dict[str, Any]], gold: dict[tuple[str, int], dict[str, int]]
) -> list[tuple[int, float]]:
    """How often the matcher's best question for a concern addresses it, by the best question's relevance (the
    matcher trained on the other folds): per bin of ``BINS``, the concerns in it and the share addressed. It shows
    where ``recommender.WRITE_BELOW`` sits: under it the best question is more often wrong than right."""
    rec = Recommender(encoder=encoder, trained=False)
    values, labels, keys, fold_of = labelled(rec, rows, gold)
    best, hit = np.zeros(len(keys)), np.zeros(len(keys), dtype=bool)
    for fold in range(FOLDS):
        train = [i for i, k in enumerate(keys) if fold_of[k[0]] != fold]
        matcher = fit([values[i] for i in train], [labels[i] for i in train], rec.encoder.model_id)
        for i, key in enumerate(keys):
            if fold_of[key[0]] == fold:
                p = matcher.probabilities(values[i])
                best[i], hit[i] = p.max(), labels[i][int(np.argmax(p))] > 0
    out = []
    for n, (low, high) in enumerate(pairwise(BINS)):
        inside = (best >= low) & ((best < high) | (n == len(BINS) - 2))
        out.append((int(inside.sum()), float(hit[inside].mean()) if inside.any() else float("nan")))
    return out


def answered_either_way(
    runs: dict[str, list[str]],
    written: dict[str, list[str]],
    rows: list[dict[str, Any]],
    gold: dict[tuple[str, int], dict[str, int]],
) -> tuple[int, int, int]:
    """Of every stated concern (answerable or not): how many the set answers with an addressing bank question,
    how many more with a question written from the concern's own words (its span overlaps the concern's by at
    least half the shorter), and how many concerns there are."""
    bank = by_writing = total = 0
    for row in rows:
        goals, picks = row["goals"], set(runs[row["id"]])
        spans = [(goals.find(t), goals.find(t) + len(t)) for t in written.get(row["id"], []) if t in goals]
        for n, concern in enumerate(row["concerns"], start=1):
            total += 1
            if picks & set(gold.get((row["id"], n), {})):
                bank += 1
                continue
            start = goals.find(concern["span"])
            end = start + len(concern["span"])
            by_writing += any(min(end, b) - max(start, a) >= 0.5 * min(end - start, b - a) for a, b in spans)
    return bank, by_writing, total


def pool_agreement(pattern: str, listed: dict[tuple[str, int], dict[str, int]]) -> dict[str, float]:
    """How the two judges of pooled grades (``pooled_*`` or ``training_*``) agree on "addresses it" (grade ≥ 2):
    pairs graded, share agreed, Cohen's kappa, and the share of ``listed`` questions each found addressing."""
    from sklearn.metrics import cohen_kappa_score

    a, b = (
        {(*key, q): g for key, grades in judge.items() for q, g in grades.items()}
        for _, judge in sorted(judge_grades(pattern).items())
    )
    pairs = sorted(a)
    first, second = [a[p] >= 2 for p in pairs], [b.get(p, 0) >= 2 for p in pairs]
    on_list = [p for p in pairs if p[2] in listed.get((p[0], p[1]), {})]
    return {
        "pairs": len(pairs),
        "agreed": float(np.mean(np.array(first) == np.array(second))),
        "kappa": float(cohen_kappa_score(first, second)),
        "listed_found_A": float(np.mean([a[p] >= 2 for p in on_list])) if on_list else float("nan"),
        "listed_found_B": float(np.mean([b.get(p, 0) >= 2 for p in on_list])) if on_list else float("nan"),
    }


def training_summary(active: set[str]) -> list[str]:
    """The training concerns (which only train the question classifier) by round: seekers, concerns, concerns
    with an addressing question in the bank (consensus ≥ 2) and those (concern, question) pairs."""
    rows, gold = training_concerns()
    lines = [
        "The training concerns (`data/concern_training.jsonl`; they train the question classifier only):\n",
        "| round | seekers | concerns | with an addressing question | addressing pairs |",
        "| --- | --- | --- | --- | --- |",
    ]
    totals = np.zeros(4, dtype=int)
    for number in sorted({int(r["round"]) for r in rows}):
        chosen = [r for r in rows if int(r["round"]) == number]
        found = [
            [q for q in gold.get((r["id"], n), {}) if q in active]
            for r in chosen
            for n in range(1, len(r["concerns"]) + 1)
        ]
        counts = np.array([len(chosen), len(found), sum(1 for f in found if f), sum(len(f) for f in found)])
        totals += counts
        lines.append(f"| {number} | " + " | ".join(str(int(c)) for c in counts) + " |")
    lines.append("| all | " + " | ".join(f"**{int(c)}**" for c in totals) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release-run", type=Path, default=RESULTS / "concern_runs" / "v0.1.0.json")
    args = parser.parse_args()
    started = time.time()
    rows = concern_personas()
    # Only questions still in the bank can answer: an annotated question retired since does not count.
    active = {q.id for q in default_corpus()}
    gold = {key: {q: g for q, g in found.items() if q in active} for key, found in dev_addressing().items()}
    first = {key: {q: g for q, g in found.items() if q in active} for key, found in addressing().items()}
    systems: dict[str, dict[str, list[str]]] = {}
    if args.release_run.exists():
        systems["last release (v0.1.0, MiniLM)"] = release_sets(args.release_run)
    minilm = Recommender(encoder="minilm", trained=False)
    cosine, robin = cosine_runs(minilm, rows)
    systems["MiniLM cosine on the whole profile"] = cosine
    systems["round-robin over the goal sentences' nearest questions (MiniLM)"] = robin
    notes, either_way = {}, {}

    def run(name: str, encoder: str) -> None:
        runs, written, count = infoquest_runs(encoder, rows, gold)
        systems[name] = runs
        notes[name] = count
        either_way[name] = answered_either_way(runs, written, rows, gold)

    for encoder in ("static", "minilm"):
        run(f"**infoquest recommend()**, {encoder} encoder (matcher CV)", encoder)
    # Earlier rules, for comparison: a concern's answer held to a kind fit of 0.01 (recommender.CONCERN_MIN_KIND_FIT),
    # and questions written only for concerns the bank cannot answer (recommender.WRITE_BELOW at 0).
    for attribute, value, rule in (
        ("CONCERN_MIN_KIND_FIT", 0.01, "a concern's answer held to kind fit ≥ 0.01 (an earlier rule)"),
        ("WRITE_BELOW", 0.0, "written only where no bank question clears the bar (the last rule)"),
    ):
        kept = getattr(recommender, attribute)
        setattr(recommender, attribute, value)
        try:
            for encoder in ("static", "minilm"):
                run(f"infoquest recommend(), {encoder}, {rule}", encoder)
        finally:
            setattr(recommender, attribute, kept)
    calibrated = {encoder: calibration(encoder, rows, gold) for encoder in ("static", "minilm")}
    table = [
        "| system | concerns answered (of answerable) | coverage | coverage, the first lists only "
        "| questions written from the goals | generic repeat | generic repeat, the referral ask left out |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    results: dict[str, Any] = {}
    for name, runs in systems.items():
        score = coverage(runs, rows, gold)
        listed = coverage(runs, rows, first)
        repeat, top = generic_repeat(runs)
        other, other_top = generic_repeat(runs, referral_asks())
        results[name] = {
            **score,
            "coverage_first_lists": listed["coverage"],
            "generic_repeat": repeat,
            "most_frequent": top,
            "generic_repeat_without_referral_ask": other,
            "most_frequent_without_referral_ask": other_top,
            "written": notes.get(name, 0),
        }
        if name in either_way:
            bank, wrote, total = either_way[name]
            results[name].update(all_concerns=total, answered_by_bank=bank, answered_by_written=wrote)
        written = str(notes[name]) if name in notes else "—"
        table.append(
            f"| {name} | {score['answered']} / {score['answerable']} | {score['coverage']:.3f} | "
            f"{listed['coverage']:.3f} ({listed['answered']} / {listed['answerable']}) | {written} | "
            f"{repeat:.2f} ({top}) | {other:.2f} ({other_top}) |"
        )
    per_judge = []
    for judge in ("A", "B"):
        single = {
            (r["persona"], int(r["n"])): {q: g for q, g in r["questions"].items() if g >= 2 and q in active}
            for r in read_jsonl(DATA / "concern_judgments" / f"concerns_{judge}.jsonl")
        }
        cells = [f"{coverage(runs, rows, single)['coverage']:.3f}" for runs in systems.values()]
        per_judge.append(f"| judge {judge} alone | " + " | ".join(cells) + " |")
    added = sum(len(set(gold.get(key, {})) - set(first.get(key, {}))) for key in gold)
    pooled, training = pool_agreement("pooled_*.jsonl", first), pool_agreement("training_*.jsonl", {})
    second = (
        pool_agreement("pooled_*_2.jsonl", {}) if any((DATA / "concern_judgments").glob("pooled_*_2.jsonl")) else {}
    )
    agreement = [
        "",
        'The pooled grades\' two judges ("addresses it" = grade ≥ 2; listed = questions on the first, exhaustive '
        f"lists). Pooling added {added} addressing (concern, question) pairs to the dev gold.\n",
        "| pooled grades | pairs | judges agree | Cohen's kappa | listed found addressing (A / B) |",
        "| --- | --- | --- | --- | --- |",
        f"| dev concerns, every round (`pooled_*`) | {pooled['pairs']} | {pooled['agreed']:.3f} | "
        f"{pooled['kappa']:.2f} | {pooled['listed_found_A']:.2f} / {pooled['listed_found_B']:.2f} |",
        *(
            [
                f"| of which the second round (`pooled_*_2`: the current matchers' best 6 and MiniLM cosine's best 3 "
                f"on the concern, where ungraded) | {second['pairs']} | {second['agreed']:.3f} | "
                f"{second['kappa']:.2f} | — |"
            ]
            if second
            else []
        ),
        f"| training concerns (`training_*`) | {training['pairs']} | {training['agreed']:.3f} | "
        f"{training['kappa']:.2f} | — |",
        "",
        *training_summary(active),
    ]
    report = [
        "# Concern coverage\n",
        "Command: `python benchmarks/evaluate_concerns.py`\n",
        f"{len(rows)} personas stating {sum(len(r['concerns']) for r in rows)} concerns; two judges annotated, blind, "
        "which bank questions address each (consensus grade ≥ 2), and two more judges graded, blind, the candidates "
        "the matchers pooled for each, adding the addressing questions the first lists missed (`pooled_*`; a second "
        "pooling round graded what the current matchers and MiniLM cosine reach that had no grade, `pooled_*_2`). A "
        "concern counts as answered when the set of 10 holds one of them; the first lists alone are scored too. "
        f"Machine: {machine()}. Run took {time.time() - started:.0f} s.\n",
        *table,
        "",
        f"Every stated concern ({sum(len(r['concerns']) for r in rows)}, whether the bank can answer it or not): "
        "answered in the set of 10 by an addressing bank question, or else by a question written from the "
        "concern's own words (judged for quality in `results/written.md`).\n",
        "| system | by a bank question | by a written question | either way |",
        "| --- | --- | --- | --- |",
        *(
            f"| {name} | {bank} ({bank / total:.3f}) | {wrote} ({wrote / total:.3f}) | "
            f"{bank + wrote} ({(bank + wrote) / total:.3f}) |"
            for name, (bank, wrote, total) in either_way.items()
        ),
        "",
        "How often the matcher's best question addresses the concern (judged), by its calibrated relevance, "
        "with the matcher trained on the other folds (all 198 concerns). Under 0.5 it is more often wrong than "
        "right, so such a concern also gets a question written from the seeker's words "
        f"(`recommender.WRITE_BELOW` = {recommender.WRITE_BELOW}).\n",
        "| best question's relevance | " + " | ".join(f"{e}: concerns / share addressed" for e in calibrated) + " |",
        "| --- |" + " --- |" * len(calibrated),
        *(
            f"| {low:.2f}–{high:.2f} | "
            + " | ".join(f"{bins[n][0]} / {bins[n][1]:.2f}" for bins in calibrated.values())
            + " |"
            for n, (low, high) in enumerate(pairwise(BINS))
        ),
        "",
        "The same coverage against each judge's annotations alone (columns in the order of the rows above):\n",
        "| annotations | " + " | ".join(f"s{n}" for n in range(1, len(systems) + 1)) + " |",
        "| --- |" + " --- |" * len(systems),
        *per_judge,
        "",
        *referral_table(systems, [n for n in systems if n.startswith("**infoquest")]),
        *agreement,
        "",
    ]
    write_report("concerns.md", report)
    (RESULTS / "concerns.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
