"""Choosing a set of k questions from a ranking: diverse, no near-duplicates, the guide's rules kept."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Two questions whose embeddings are at least this similar are never chosen together: a conservative
#: bar (few distinct questions reach it) for choosing diverse sets. The corpus validator, which only asks
#: a person to review a pair, reports from lower, per-encoder cosines (``infoquest.duplicates``).
NEAR_DUPLICATE = 0.85
#: MMR trade-off between relevance (1.0) and novelty.
MMR_LAMBDA = 0.8
#: Candidates considered for a set of k: enough for diversity, few enough to stay fast.
POOL_FACTOR = 8
#: Closing questions in a set of 5 or more (1 below): the guide closes with a referral ask and a thank-you,
#: and a 20–30 minute conversation has room for one more closing question at most, not three.
CLOSING_CAP = 2


def select(
    scores: np.ndarray,
    vectors: np.ndarray,
    categories: Sequence[str],
    k: int,
    *,
    allowed: np.ndarray,
    referral: np.ndarray,
    seed: Sequence[int] = (),
    closing: np.ndarray | None = None,
) -> list[int]:
    """Indices of k questions chosen by MMR over the top of the ranking.

    Rules: no two near-duplicates; when ``k >= 5`` no category fills more than half the set (so at
    least two categories appear); when ``k >= 8`` at least one referral question; at most ``CLOSING_CAP``
    ``closing`` questions (closing or follow-up placement; one below k = 5), one of them kept for the referral
    question when one is due; nothing outside
    ``allowed`` (questions that ask for a job, whose premise is false, or filtered by the caller).
    ``seed`` questions (those that answer the seeker's concerns) are kept and the set is filled around them.
    """
    order = [int(i) for i in np.argsort(-scores, kind="stable") if allowed[i]]
    pool = list(dict.fromkeys([*seed, *order[: max(k * POOL_FACTOR, 40)]]))
    if not pool or k <= 0:
        return []
    low, high = float(scores[pool].min()), float(scores[pool].max())
    relevance = (scores[pool] - low) / (high - low) if high > low else np.ones(len(pool))
    cap = math.ceil(k / 2) if k >= 5 else k
    chosen: list[int] = list(seed)[:k]
    counts: dict[str, int] = {}
    for i in chosen:
        counts[categories[i]] = counts.get(categories[i], 0) + 1
    cap = max([cap, *counts.values()])  # concern answers may exceed the category cap; never drop one for it
    # Each candidate's highest similarity to the chosen set, kept up to date as the set grows (one small
    # product per pick rather than a Python loop over pairs).
    pool_vectors = vectors[pool]
    nearest = np.full(len(pool), -np.inf)
    for i in chosen:
        nearest = np.maximum(nearest, pool_vectors @ vectors[i])
    taken = np.isin(pool, chosen)
    pool_categories = [categories[i] for i in pool]
    is_closing = np.zeros(len(pool), dtype=bool) if closing is None else closing[pool]
    is_referral = referral[pool]
    closing_cap = CLOSING_CAP if k >= 5 else 1
    while len(chosen) < k:
        similarity = np.where(np.isfinite(nearest), nearest, 0.0)
        value = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * np.maximum(similarity, 0.0)
        full = np.array([counts.get(c, 0) >= cap for c in pool_categories])
        if closing is not None:
            closings = int(closing[chosen].sum()) if chosen else 0
            # The last closing slot waits for the referral question while one is due.
            due = k >= 8 and not any(referral[i] for i in chosen)
            full |= is_closing & ((closings >= closing_cap) | ((closings >= closing_cap - 1) & due & ~is_referral))
        value[taken | full | (similarity >= NEAR_DUPLICATE)] = -np.inf
        if not np.isfinite(value).any():
            if cap < k:  # the pool cannot fill the set under the cap: relax it rather than return fewer
                cap = k
                continue
            break
        position = int(np.argmax(value))
        best = pool[position]
        chosen.append(best)
        taken[position] = True
        nearest = np.maximum(nearest, pool_vectors @ vectors[best])
        counts[categories[best]] = counts.get(categories[best], 0) + 1
    if k >= 8 and chosen and not any(referral[i] for i in chosen):
        _swap_in_referral(chosen, order, vectors, categories, referral, cap, keep=len(seed))
    return chosen


def _swap_in_referral(
    chosen: list[int],
    order: list[int],
    vectors: np.ndarray,
    categories: Sequence[str],
    referral: np.ndarray,
    cap: int,
    keep: int = 0,
) -> None:
    """Replace the lowest-ranked pick it can (never one of the first ``keep``) with the best referral question
    that breaks no rule."""
    for candidate in (i for i in order if referral[i] and i not in chosen):
        for position in range(len(chosen) - 1, keep - 1, -1):
            kept = chosen[:position] + chosen[position + 1 :]
            if any(float(vectors[candidate] @ vectors[j]) >= NEAR_DUPLICATE for j in kept):
                break  # too close to a pick that stays whichever is replaced: try the next referral
            if sum(categories[j] == categories[candidate] for j in kept) < cap:
                chosen[position] = candidate
                return


def cover_concerns(
    relevance: np.ndarray,
    threshold: float,
    eligible: np.ndarray,
    scores: np.ndarray,
    vectors: np.ndarray,
    priority: Sequence[int],
    limit: int,
    per_concern: int = 2,
) -> tuple[list[int], dict[int, int]]:
    """Questions that answer the seeker's concerns, taken in turns: each concern's best question first (concerns
    in ``priority`` order), then each one's second best, and so on up to ``per_concern`` each and ``limit`` in
    all. A question must clear ``threshold`` for the concern; no two near-duplicates; a question that clears it
    for several concerns answers each of them.

    Returns the chosen question indices (in the order taken) and, per concern answered, its first answer.
    """
    chosen: list[int] = []
    answered: dict[int, int] = {}
    good = (relevance >= threshold) & eligible[None, :]
    spread = float(scores.max() - scores.min()) or 1.0
    # Each concern's candidates, best first; near-ties go to the question with the higher overall score.
    ranked = {
        c: [
            int(i)
            for i in np.argsort(-(relevance[c] + 0.02 * (scores - scores.min()) / spread), kind="stable")
            if good[c, i]
        ]
        for c in priority
    }
    taken = dict.fromkeys(priority, 0)
    for _ in range(per_concern):
        for c in priority:
            if len(chosen) >= limit:
                return chosen, answered
            for i in ranked[c]:
                if i in chosen or any(float(vectors[i] @ vectors[j]) >= NEAR_DUPLICATE for j in chosen):
                    continue
                chosen.append(i)
                taken[c] += 1
                for r in range(len(relevance)):
                    if good[r, i]:
                        answered.setdefault(r, i)
                break
    return chosen, answered


def concerns_to_write(
    priority: Sequence[int], answered: dict[int, int], best: np.ndarray, threshold: float, unsure: float
) -> list[int]:
    """The concerns a question is written for from the seeker's words, in the order they get the few places:
    first those no bank question answers (the best is under ``threshold``), then those whose answer is unsure
    (the best is under ``unsure``), each group in ``priority`` order. A concern whose likely answer (at or
    above ``unsure``) could not be taken (ineligible, a near-duplicate of another pick) gets none.
    """
    bare = [c for c in priority if c not in answered and best[c] < max(threshold, unsure)]
    doubtful = [c for c in priority if c in answered and best[c] < unsure]
    return [*bare, *doubtful]


def conversation_order(
    chosen: Sequence[int], scores: np.ndarray, organisation: np.ndarray, sensitive: np.ndarray
) -> list[int]:
    """Best first, except that organisation-specific questions come after the others and the first
    question is never a sensitive one (the guide: job search first, the company later, with care)."""
    ordered = sorted(chosen, key=lambda i: (bool(organisation[i]), -float(scores[i])))
    if ordered and sensitive[ordered[0]]:
        first = next((i for i in ordered if not sensitive[i]), None)
        if first is not None:
            ordered.remove(first)
            ordered.insert(0, first)
    return ordered
