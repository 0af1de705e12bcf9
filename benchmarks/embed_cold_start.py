"""Cold start and memory of a new process that serves recommendations (README, "Embedding infoquest in a service").

Run: ``INFOQUEST_CACHE_DIR=$(mktemp -d) python benchmarks/embed_cold_start.py [static|minilm]``. Prints the time
from ``import infoquest`` to the first ``recommend()`` (the corpus embedded, or read from the cache on a
second run), the median of 20 warm calls, the peak RSS and the core count.
"""

from __future__ import annotations

import os
import resource
import sys
import time

started = time.perf_counter()

from infoquest import Profile, Recommender  # noqa: E402 - the import is part of the cold start

encoder = sys.argv[1] if len(sys.argv) > 1 else "static"
rec = Recommender(encoder=encoder)
profile = Profile(
    goals="I want to move from teaching math into software engineering. How do I get my first role?",
    role="director of engineering at a cloud company",
)
rec.recommend(profile)
cold = time.perf_counter() - started
times = []
for _ in range(20):
    start = time.perf_counter()
    rec.recommend(profile)
    times.append(time.perf_counter() - start)
times.sort()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(
    f"{encoder}: cold start {cold:.2f} s, warm recommend median {times[10] * 1000:.0f} ms, "
    f"peak RSS {peak:.0f} MB, {os.cpu_count()} cores"
)
