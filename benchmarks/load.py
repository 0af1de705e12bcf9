"""A bounded load test of ``infoquest serve`` on loopback: concurrent clients, latency, errors, memory.

    python benchmarks/load.py [--requests 2000] [--concurrency 50] [--max-seconds 900]

Starts ``python -m infoquest serve`` (the real model) on a free 127.0.0.1 port and waits until it has
warmed up. Then CONCURRENCY clients send REQUESTS requests between them, a fixed mix of what the page
and other apps do: recommend (résumé as text, or a PDF/DOCX/Markdown upload), explain, check, plan
and the page itself. It stops early at MAX_SECONDS. Reports p50/p95 latency per endpoint and overall,
the errors (there must be none), and the server's resident memory (VmRSS) after the warm-up and at the
end. Writes benchmarks/results/load.md (unless --no-write). Only loopback is ever used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

HERE = Path(__file__).resolve().parent
RESUMES = HERE.parent / "examples" / "resumes"
RESULTS = HERE / "results"

PERSONAS = [
    ("I'm a junior in nursing and want a summer externship. Which specialties are growing?",
     "alum from my school, 3 yrs into nursing at a childrens hospital"),
    ("I teach middle-school science and want to move into UX research. What skills do I need?",
     "my roommate's mom, a director of UX research at a health-tech company"),
    ("Return to accounting after four years caring for family. How do I explain the gap?",
     "friend of my mom, controller at a regional bank"),
    ("I want to become an electrician. Is an apprenticeship the best way in?",
     "friend of my dad who runs a small electrical contracting business"),
]  # fmt: skip
UPLOADS = ["maya_chen_student.pdf", "luis_ortega.docx", "grace_kim_returning.md"]
RESUME_TEXT = (RESUMES / "grace_kim_returning.md").read_text(encoding="utf-8")
#: The mix, in shares of 20 requests.
MIX = {"recommend": 5, "recommend-upload": 3, "explain": 3, "check": 4, "plan": 2, "page": 3}


@dataclass
class LoadResult:
    """What one run measured."""

    requests: int = 0
    concurrency: int = 0
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    rss_before_mib: float = 0.0
    rss_after_mib: float = 0.0
    rss_peak_mib: float = 0.0
    #: The machine's 1-minute load average at the start and the end (other work slows every request).
    load_average: tuple[float, float] = (0.0, 0.0)
    #: Latencies of one client alone (the service time, without queueing), by endpoint.
    alone: dict[str, list[float]] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def rss_mib(pid: int) -> float:
    """The process's resident memory (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def request_for(kind: str, rng: random.Random) -> dict[str, Any]:
    """The httpx arguments of one request of ``kind``."""
    goals, role = rng.choice(PERSONAS)
    if kind == "recommend":
        return {"method": "POST", "url": "/v1/recommend", "json": {"goals": goals, "role": role, "resume": RESUME_TEXT}}
    if kind == "recommend-upload":
        name = rng.choice(UPLOADS)
        files = {"resume": (name, (RESUMES / name).read_bytes())}
        return {"method": "POST", "url": "/v1/recommend", "data": {"goals": goals, "role": role}, "files": files}
    if kind == "explain":
        return {"method": "POST", "url": "/v1/explain", "json": {"goals": goals, "role": role}}
    if kind == "check":
        questions = ["Are you hiring this summer?", "How did you get started in this field?"]
        return {"method": "POST", "url": "/v1/check", "json": {"questions": questions}}
    if kind == "plan":
        extra = ["What surprised you most in your first year?"]
        return {"method": "POST", "url": "/v1/plan", "json": {"goals": goals, "role": role, "extra": extra}}
    return {"method": "GET", "url": "/"}


def schedule(n: int, seed: int = 0) -> list[str]:
    """``n`` request kinds in the proportions of ``MIX``, shuffled reproducibly."""
    kinds = [kind for kind, share in MIX.items() for _ in range(share)]
    out = [kinds[i % len(kinds)] for i in range(n)]
    random.Random(seed).shuffle(out)
    return out


def start_server(port: int, log: Any, encoder: str = "auto") -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "INFOQUEST_ENCODER": encoder}
    command = [sys.executable, "-m", "infoquest", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)


async def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with status {server.returncode}")
            try:
                if (await client.get("/")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.25)
    raise RuntimeError("the server did not answer in time")


async def drive(base: str, kinds: list[str], concurrency: int, max_seconds: float, result: LoadResult) -> None:
    """``concurrency`` clients share the queue of ``kinds`` until it is empty or time is up."""
    queue = iter(enumerate(kinds))
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient, rng: random.Random) -> None:
        for _, kind in queue:
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                response = await client.request(**request_for(kind, rng))
                if response.status_code != 200:
                    result.errors[f"{kind}: HTTP {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                result.errors[f"{kind}: {type(exc).__name__}"] += 1
            result.latencies.setdefault(kind, []).append(time.perf_counter() - started)
            result.requests += 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=max_seconds) as client:
        await asyncio.gather(*(client_loop(client, random.Random(n)) for n in range(concurrency)))


async def watch_memory(pid: int, result: LoadResult, stop: asyncio.Event) -> None:
    while not stop.is_set():
        result.rss_peak_mib = max(result.rss_peak_mib, rss_mib(pid))
        await asyncio.sleep(0.5)


async def run_async(requests: int, concurrency: int, max_seconds: float, encoder: str = "auto") -> LoadResult:
    result = LoadResult(concurrency=concurrency)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = start_server(port, log, encoder)
        try:
            await wait_ready(base, server)
            # A warm-up round touches every endpoint (and lets allocator pools settle) before measuring;
            # one client alone then measures the service time that queueing adds to under load.
            await drive(base, schedule(2 * sum(MIX.values()), seed=1), 10, max_seconds, LoadResult())
            baseline = LoadResult()
            await drive(base, schedule(2 * sum(MIX.values()), seed=2), 1, max_seconds, baseline)
            result.alone = baseline.latencies
            result.rss_before_mib = result.rss_peak_mib = rss_mib(server.pid)
            stop = asyncio.Event()
            watcher = asyncio.create_task(watch_memory(server.pid, result, stop))
            started, load_before = time.perf_counter(), os.getloadavg()[0]
            await drive(base, schedule(requests), concurrency, max_seconds, result)
            result.seconds = time.perf_counter() - started
            result.load_average = (load_before, os.getloadavg()[0])
            stop.set()
            await watcher
            result.rss_after_mib = rss_mib(server.pid)
        except RuntimeError:
            log.seek(0)
            sys.stderr.write(log.read().decode("utf-8", "replace")[-4000:])
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    return result


def run(requests: int = 2000, concurrency: int = 50, max_seconds: float = 900, encoder: str = "auto") -> LoadResult:
    """Run the load test against a fresh server process (``encoder`` as ``$INFOQUEST_ENCODER``); see the module
    docstring."""
    return asyncio.run(run_async(requests, concurrency, max_seconds, encoder))


def ms(values: list[float], q: float) -> str:
    return f"{np.percentile(values, q) * 1000:,.0f}"


def report(result: LoadResult, command: str) -> str:
    every = [v for values in result.latencies.values() for v in values]
    lines = [
        "# Load",
        "",
        f"Command: `{command}`. Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        "server and clients on the same machine, over loopback; load average "
        f"{result.load_average[0]:.1f} at the start, {result.load_average[1]:.1f} at the end.",
        "",
        f"{result.requests} requests in {result.seconds:.0f} s ({result.requests / result.seconds:.1f} per second), "
        f"**{result.error_count} errors**.",
        "",
        "| endpoint | requests | p50 (ms) | p95 (ms) | one client alone: p50 (ms) |",
        "| --- | --- | --- | --- | --- |",
    ]
    alone = [v for values in result.alone.values() for v in values]
    for kind in MIX:
        values = result.latencies.get(kind, [])
        if values:
            solo = ms(result.alone[kind], 50) if result.alone.get(kind) else "-"
            lines.append(f"| {kind} | {len(values)} | {ms(values, 50)} | {ms(values, 95)} | {solo} |")
    lines += [
        f"| **all** | {len(every)} | {ms(every, 50)} | {ms(every, 95)} | {ms(alone, 50) if alone else '-'} |",
        "",
        f"With {result.concurrency} clients at once, latency is mostly waiting: the server runs one library call "
        "at a time (one shared `Recommender` behind a lock until it is thread-safe), so p50 is about the "
        "number of clients times the mean service time.",
        "",
        f"Server memory (VmRSS): {result.rss_before_mib:.0f} MiB after the warm-up, "
        f"{result.rss_after_mib:.0f} MiB at the end (peak {result.rss_peak_mib:.0f} MiB), "
        f"a change of {result.rss_after_mib - result.rss_before_mib:+.0f} MiB.",
    ]
    if result.errors:
        lines += ["", "Errors:", "", *(f"- {what}: {count}" for what, count in result.errors.most_common())]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--no-write", action="store_true", help="Print the report only.")
    parser.add_argument(
        "--encoder", choices=("auto", "static", "minilm"), default="auto", help="The server's encoder (default: auto)."
    )
    args = parser.parse_args()
    result = run(args.requests, args.concurrency, args.max_seconds, args.encoder)
    command = "python benchmarks/load.py " + " ".join(sys.argv[1:])
    text = report(result, command.strip())
    print(text)
    if not args.no_write:
        (RESULTS / "load.md").write_text(text, encoding="utf-8")
    sys.exit(1 if result.error_count else 0)


if __name__ == "__main__":
    main()
