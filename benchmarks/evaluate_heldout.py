"""Concern coverage on held-out seekers: people infoquest was never tuned on, judged blind. Baselines in the same run.

    python benchmarks/evaluate_heldout.py

Data: six sets of seekers, each written with its concerns marked by a helper who never saw infoquest, its rules or its
data (goals and interviewee, no résumé): 120 seekers and 362 concerns (``data/reader_heldout.jsonl``) and, each written
later, 100 seekers and 303 concerns (``data/reader_heldout_2.jsonl``), 100 and 378 (``data/reader_heldout_3.jsonl``,
written after commit ee91df1), 100 and 354 (``data/reader_heldout_4.jsonl``, written after commit 953b4c6), 100 and 377
(``data/reader_heldout_5.jsonl``, written after commit 742547e; three of its seekers, V057, V070 and V071, talk to
someone outside the field they ask about, as their writer left them) and 100 and 368 (``data/reader_heldout_6.jsonl``,
written after commit a1b2a86). Each seeker's pool (``make_heldout_pools.py``: every question the compared systems put in
a set of 10, and the best 3 per concern by MiniLM cosine and by the static matcher) was graded 0-3 against every concern
by two judges working alone from shuffled candidates with no system names (``data/concern_judgments/heldout_*``,
``heldout2_*`` … ``heldout6_*``; each role was played by one judge per half of the seekers). The pools grow when the
product picks new questions, and the new questions are graded with the next set: the first set's by 12 after the writer
fixes, the first two sets' by 24 after ee91df1, the first three sets' by 23 after 953b4c6, all four sets' by 216 after
916e82c (matching long concerns clause by clause), graded by two judges in a round of their own, and the first four
sets' by 2 after 742547e, graded with the fifth set, all five sets' by 15 after 278129d, graded by two judges in a round
of their own, and all five sets' by 510 after 2cf8329 (the judged says), graded by four sessions, one per role and half;
the sixth set's pools were graded the same way, by four sessions. A question addresses a concern at a consensus grade of
2 or more; a concern is *answerable* when a pooled question addresses it, and *answered* when the set of 10 holds one.
Nothing here was used to train or tune infoquest's matcher or ranker; its shipped models run as they are (the decision
to ship the judged says of 2cf8329 followed a probe of the matcher on these judgments as well as on the dev personas;
nothing was fitted on them). (Judged written questions and missed concerns did prompt reader and writer fixes: the first
set's in e584379, 4a85555 and ee91df1, the second set's in a1d15b9 and ad432bf, the third set's in 7b10e17, 90a2857 and
953b4c6, after its first measurement at ee91df1, and the fourth set's in 916e82c and df61467, after its first
measurement at 953b4c6. The fifth set was first measured at 742547e, and its judged written questions and missed
concerns prompted da0d013, 204fe5d and 278129d: `results/written.md`. The sixth set was first measured at a1b2a86, and
its judged written questions prompted e2826a4, a8a89f0 and d7af7c5, whose 24 new pool questions were graded by two
judges.)

A question a system picks that is not in the pool (the product changed after the pooling) counts as not addressing;
the table says how many such picks there are. Writes ``results/heldout.md`` and ``results/heldout.json``.
"""

from __future__ import annotations

import json
import time
from typing import Any

import numpy as np

from common import DATA, RESULTS, machine, read_jsonl, write_report
from evaluate_concerns import answered_either_way, cosine_runs, coverage, generic_repeat, referral_asks, release_sets
from infoquest.corpus import default_corpus
from infoquest.recommender import Recommender
from make_heldout_pools import SETS, HeldOutSet, recommended
from train_concerns import addressing


def agreement(pattern: str, pooled: str) -> dict[str, float]:
    """How the two judges agree on "addresses it" (grade ≥ 2) over every pooled (concern, question) pair."""
    from sklearn.metrics import cohen_kappa_score

    from train_concerns import judge_grades

    judges = judge_grades(pattern)
    a, b = (judges[name] for name in sorted(judges))
    pools = {r["seeker"]: r["questions"] for r in read_jsonl(DATA / pooled)}
    keys = sorted(set(a) | set(b))
    first = [a.get(k, {}).get(q, 0) >= 2 for k in keys for q in pools[k[0]]]
    second = [b.get(k, {}).get(q, 0) >= 2 for k in keys for q in pools[k[0]]]
    return {
        "pairs": len(first),
        "agreed": float(np.mean(np.array(first) == np.array(second))),
        "kappa": float(cohen_kappa_score(first, second)),
    }


def evaluate(rows: list[dict[str, Any]], chosen: HeldOutSet) -> tuple[list[str], dict[str, Any], int]:
    """One held-out set: the table's rows, the results and the number of answerable concerns."""
    active = {q.id for q in default_corpus()}
    graded = addressing(pattern=chosen.judgments)
    gold = {key: {q: g for q, g in found.items() if q in active} for key, found in graded.items()}
    pools = {r["seeker"]: set(r["questions"]) for r in read_jsonl(DATA / chosen.pools)}
    systems: dict[str, dict[str, list[str]]] = {}
    release = RESULTS / "concern_runs" / chosen.release
    if release.exists():
        systems["last release (v0.1.0, MiniLM)"] = release_sets(release)
    cosine, robin = cosine_runs(Recommender(encoder="minilm", trained=False), rows)
    systems["MiniLM cosine on the whole profile"] = cosine
    systems["round-robin over the goal sentences' nearest questions (MiniLM)"] = robin
    written: dict[str, dict[str, list[str]]] = {}
    counts: dict[str, dict[str, int]] = {}
    for encoder in ("static", "minilm"):
        name = f"**infoquest recommend()**, {encoder} encoder"
        systems[name], written[name], counts[name] = recommended(encoder, rows)
    table: list[str] = []
    results: dict[str, Any] = {}
    for name, runs in systems.items():
        score = coverage(runs, rows, gold)
        repeat, top = generic_repeat(runs)
        other, other_top = generic_repeat(runs, referral_asks())
        outside = sum(q not in pools[p] for p, picks in runs.items() for q in picks)
        picks = sum(len(p) for p in runs.values())
        notes = sum(counts.get(name, {}).values())
        bank, wrote, total = answered_either_way(runs, written.get(name, {}), rows, gold)
        results[name] = {
            **score,
            "written": notes,
            "answered_either_way": bank + wrote,
            "all_concerns": total,
            "picks_outside_pool": outside,
            "picks": picks,
            "generic_repeat": repeat,
            "most_frequent": top,
            "generic_repeat_without_referral_ask": other,
            "most_frequent_without_referral_ask": other_top,
        }
        either = f"{bank + wrote} / {total} ({(bank + wrote) / total:.3f})" if name in written else "—"
        table.append(
            f"| {name} | {score['answered']} / {score['answerable']} | {score['coverage']:.3f} | "
            f"{notes if name in written else '—'} | {either} | {outside} of {picks} | {repeat:.2f} ({top}) | "
            f"{other:.2f} ({other_top}) |"
        )
    results["judges"] = agreement(chosen.judgments, chosen.pools)
    answerable = sum(1 for r in rows for n in range(1, len(r["concerns"]) + 1) if gold.get((r["id"], n)))
    return table, results, answerable


def main() -> None:
    started = time.time()
    lines = ["# Concern coverage on held-out seekers", "", "Command: `python benchmarks/evaluate_heldout.py`", ""]
    out: dict[str, Any] = {}
    for chosen in SETS.values():
        if not any((DATA / "concern_judgments").glob(chosen.judgments)):
            continue  # a set whose judging has not been merged yet
        rows = [{**r, "resume": ""} for r in read_jsonl(DATA / chosen.seekers)]
        table, results, answerable = evaluate(rows, chosen)
        agreed = results["judges"]
        out[chosen.name] = results
        lines += [
            f"## {chosen.name[0].upper()}{chosen.name[1:]} (`data/{chosen.seekers}`)",
            "",
            f"{len(rows)} seekers stating {sum(len(r['concerns']) for r in rows)} concerns; {answerable} have a bank "
            "question that addresses them among the pooled candidates (two judges, blind, consensus grade ≥ 2; they "
            f"agree on {agreed['agreed']:.3f} of {agreed['pairs']} pooled pairs, Cohen's kappa {agreed['kappa']:.2f}).",
            "",
            "| system | concerns answered (of answerable) | coverage | questions written from the goals "
            "| every concern answered, bank or written (of all) | picks outside the judged pool | generic repeat "
            "| generic repeat, the referral ask left out |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *table,
            "",
        ]
    lines += [
        "infoquest runs with its shipped models: no cross-validation is needed, as none of its learned parts was "
        "trained on these seekers. A written question counts for the concerns it was written from (a span that "
        "overlaps the marked one by at least half the shorter); its quality is judged in `results/written.md`. "
        f"Machine: {machine()}. Run took {time.time() - started:.0f} s.",
        "",
    ]
    write_report("heldout.md", lines)
    (RESULTS / "heldout.json").write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
