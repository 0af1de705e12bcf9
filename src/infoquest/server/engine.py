"""The one ``Recommender`` every request shares, called off the event loop so the loop stays free.

Every call goes through :meth:`Engine.call`, which runs it on the engine's own worker thread under a
lock. The lock is there because ``Recommender`` is not yet safe to call from several threads at once
(its lazy ``cached_property`` state and the etiquette guard's are built on first use); once the library
makes it thread-safe, the lock can go and ``workers`` can grow. Until then one worker is all that can
run, and a single long-lived thread also keeps memory flat: torch and numpy calls spread over Starlette's
40-thread pool made every thread grow its own malloc arena (+340 MiB in 200 requests of the load test).
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from infoquest.errors import InfoquestError, InputError
from infoquest.etiquette import EtiquetteVerdict
from infoquest.plan import InterviewPlan
from infoquest.profile import Profile
from infoquest.recommendation import Recommendation
from infoquest.recommender import MAX_K, ProfileInsight, Recommender
from infoquest.server.problems import Unexpected, log_unexpected

P = ParamSpec("P")
R = TypeVar("R")


class Engine:
    """The shared recommender and the few compositions of its public calls the server needs."""

    def __init__(self, recommender: Recommender, workers: int = 1) -> None:
        self.recommender = recommender
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="infoquest")
        # Reading a résumé (pypdf, python-docx) is CPU work that needs no lock: off the event loop, on a
        # small pool of its own (few threads, so few malloc arenas).
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="infoquest-read")

    async def call(self, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``func`` on the worker thread, one call at a time (see the module docstring)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._locked, functools.partial(func, *args, **kwargs))

    async def read(self, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``func`` (reading the request's profile) on a reader thread, in parallel with the library."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, functools.partial(func, *args, **kwargs))

    def close(self) -> None:
        """Let the worker threads finish their calls and stop."""
        self._pool.shutdown(wait=True)
        self._readers.shutdown(wait=True)

    def _locked(self, call: functools.partial[R]) -> R:
        with self._lock:
            try:
                return call()
            except InfoquestError:
                raise
            except Exception as exc:
                log_unexpected(exc, getattr(call.func, "__name__", "a library call"))
                raise Unexpected(type(exc).__name__) from None

    # --- The calls (each runs inside ``call``) ---------------------------------------------------

    def warm(self) -> None:
        """Load the model and the corpus index now rather than on the first request."""
        self.recommender.recommend(Profile(goals="Learn about a career."), k=1)

    def recommend(self, profile: Profile, k: int = 10, exclude: Sequence[str] = ()) -> list[Recommendation]:
        """``k`` questions without the ids in ``exclude``: the others stay, the next best take the dropped
        ones' places, and the set stays in asking order.

        The library has no ``exclude`` yet. This selects ``k`` questions and, when some of them are
        excluded, ``k + len(exclude)`` as well (still diverse, still in asking order); the replacements are
        the best-scored questions of the wider selection that are neither shown nor excluded.
        """
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
            raise InputError(f"k must be a whole number from 1 to {MAX_K}, got {k!r}")
        dropped = set(exclude)
        chosen = self.recommender.recommend(profile, k=k)
        kept = [r for r in chosen if r.question.id not in dropped]
        if len(kept) == len(chosen):
            return chosen
        wider = self.recommender.recommend(profile, k=min(MAX_K, k + len(dropped)))
        taken = dropped | {r.question.id for r in kept}
        fresh = sorted((r for r in wider if r.question.id not in taken), key=lambda r: -r.score)[: k - len(kept)]
        return [r.model_copy(update={"rank": n}) for n, r in enumerate(asking_order(kept, fresh, wider), start=1)]

    def rank(self, profile: Profile, limit: int | None = None) -> list[Recommendation]:
        """Every question, best first (the first ``limit`` only, when given)."""
        ranked = self.recommender.rank(profile)
        return ranked[:limit] if limit else ranked

    def explain(self, profile: Profile) -> ProfileInsight:
        """What the library understood about the seeker and the interviewee."""
        return self.recommender.explain_profile(profile)

    def plan(
        self, profile: Profile, minutes: int = 25, extra: Sequence[str] = (), exclude: Sequence[str] = ()
    ) -> InterviewPlan:
        """An interview plan; questions the seeker dropped are taken out of it (the library's ``plan``
        has no ``exclude`` yet, so the time they would have taken is left free)."""
        plan = self.recommender.plan(profile, minutes=minutes, extra=list(extra))
        dropped = set(exclude)
        if not dropped.intersection(q.id for q in plan.questions):
            return plan
        questions = tuple(q for q in plan.questions if q.id not in dropped)
        return plan.model_copy(
            update={"questions": questions, "question_minutes": round(sum(q.minutes for q in questions), 1)}
        )

    def check(self, texts: Sequence[str]) -> list[EtiquetteVerdict]:
        """The etiquette guard's verdict on each question."""
        from infoquest import etiquette

        # Looked up at call time, so tests can stand in a fake guard for the real model.
        return etiquette.check_questions(list(texts))

    def page(
        self,
        profile: Profile,
        k: int,
        exclude: Sequence[str],
        own: Sequence[str],
        minutes: int | None,
    ) -> tuple[ProfileInsight, list[Recommendation], list[EtiquetteVerdict], InterviewPlan | None]:
        """Everything the web page shows, in one trip to the worker thread."""
        insight = self.explain(profile)
        recommendations = self.recommend(profile, k, exclude)
        verdicts = self.check(own) if own else []
        plan = self.plan(profile, minutes, own, exclude) if minutes is not None else None
        return insight, recommendations, verdicts, plan


def asking_order(
    kept: Sequence[Recommendation], fresh: Sequence[Recommendation], reference: Sequence[Recommendation]
) -> list[Recommendation]:
    """``kept`` (already in asking order) and ``fresh`` merged in the asking order of ``reference``, which
    holds every fresh one and usually the kept ones; a kept question it lacks stays after its predecessor."""
    position = {r.question.id: float(n) for n, r in enumerate(reference)}
    keys: dict[str, float] = {}
    previous = -1.0
    for r in kept:
        previous = position.get(r.question.id, previous + 1e-3)
        keys[r.question.id] = previous
    for r in fresh:
        keys[r.question.id] = position[r.question.id]
    return sorted([*kept, *fresh], key=lambda r: keys[r.question.id])
