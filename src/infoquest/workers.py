"""Answering a batch's chunks in worker processes, one ``Recommender`` each, results in input order.

Each worker is a new process (``spawn``: safe with torch's threads and on every platform) that receives a
copy of the recommender's recipe (its corpus, encoder, cache folder and ranker; see
``Recommender.__getstate__``) and loads its own model, index and heads once. At most two chunks per worker
are in flight, so memory stays bounded however long the input is. The workers pick the same questions as
one process; a score may differ in its last printed digit, since one BLAS thread sums in another order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, TypeVar

from infoquest.errors import InputError, WorkerError

if TYPE_CHECKING:
    from infoquest.recommender import Recommender

T = TypeVar("T")
R = TypeVar("R")

_RECOMMENDER: Recommender | None = None


#: Thread pools a worker must not start: the workers already use the cores.
_ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}


def _start(recommender: Recommender) -> None:
    global _RECOMMENDER
    _RECOMMENDER = recommender
    # One thread per worker: a BLAS, torch or tokenizer pool per worker on top of the workers oversubscribes
    # the machine (two MiniLM workers with torch's default pools took 49 s for 300 profiles, one process 19 s).
    # torch reads OMP_NUM_THREADS when it is first imported, which in a worker is after this (the model loads
    # on first use); a torch imported already is told directly.
    os.environ.update(_ONE_THREAD)
    import threadpoolctl

    threadpoolctl.threadpool_limits(1)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)


def _run(task: Callable[[Recommender, T], R], item: T) -> R:
    assert _RECOMMENDER is not None, "the worker was started without a recommender"
    return task(_RECOMMENDER, item)


def in_workers(
    recommender: Recommender, task: Callable[[Recommender, T], R], items: Iterable[T], workers: int
) -> Iterator[tuple[T, R]]:
    """``(item, task(recommender, item))`` for each item, run in ``workers`` processes, in the items' order.

    ``task`` must be a module-level function (it is sent to the workers by name).

    Raises:
        InputError: the recommender cannot be sent to another process (an encoder built in memory).
        WorkerError: a worker process died.
    """
    import pickle

    try:
        pickle.dumps(recommender)
    except (TypeError, AttributeError, pickle.PicklingError) as exc:
        raise InputError(f"this recommender cannot run in worker processes ({exc}); use workers=1") from None
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(recommender,))
    pending: deque[tuple[T, Future[R]]] = deque()
    try:
        for item in items:
            pending.append((item, pool.submit(_run, task, item)))
            if len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, _result(future)
        while pending:
            done, future = pending.popleft()
            yield done, _result(future)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process stopped before it answered (out of memory, or a script that starts workers outside "
            '`if __name__ == "__main__":`); try fewer workers'
        ) from None
