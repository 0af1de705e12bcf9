"""A shortened run of ``benchmarks/load.py``: 50 clients, 200 requests, no errors, memory about flat.

The server runs the static encoder: what is tested (no request fails under concurrency, memory stays flat)
is the server's, not the model's, and MiniLM would make this one test take minutes on two cores. The
benchmark itself (``make load``) runs the default encoder.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from server_support import ROOT


@pytest.mark.slow
def test_200_requests_from_50_clients_without_an_error() -> None:
    spec = importlib.util.spec_from_file_location("load", ROOT / "benchmarks" / "load.py")
    assert spec and spec.loader
    load = importlib.util.module_from_spec(spec)
    sys.modules["load"] = load
    spec.loader.exec_module(load)
    result = load.run(requests=200, concurrency=50, max_seconds=600, encoder="static")
    assert result.error_count == 0, result.errors
    assert result.requests == 200
    assert set(result.latencies) == set(load.MIX)
    # Flat: measured +10 MiB over 200 requests; +340 MiB when calls were spread over 40 threads.
    assert result.rss_after_mib - result.rss_before_mib < 120
