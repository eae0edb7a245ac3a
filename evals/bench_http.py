"""Warm latency of POST /api/v1/chat over HTTP, at several concurrency levels.

    .venv/bin/python evals/bench_http.py                      # starts `assistant serve` itself
    .venv/bin/python evals/bench_http.py --url http://127.0.0.1:8000   # an existing server

Reports p50/p95/max in ms and throughput per concurrency level. Numbers depend on the
machine and its load; they are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

QUESTIONS = [
    "What is IMMEX?",
    "How long can molds stay in Mexico under IMMEX?",
    "¿Quién puede solicitar un programa IMMEX?",
    "When is the IMMEX annual report due?",
    "¿Cuánto hay que exportar para obtener IMMEX?",
    "Can two IMMEX companies share the same building?",
    "What is PROSEC?",
    "¿Qué es la certificación de IVA e IEPS?",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = dict(os.environ, ASSISTANT_RATE_LIMIT_PER_MINUTE="0", HF_HUB_OFFLINE="1")
    cli = Path(sys.executable).parent / "assistant"
    proc = subprocess.Popen(
        [str(cli), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("server exited; is the index built? run: assistant ingest")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("server did not become ready")


def run(url: str, concurrency: int, requests: int) -> dict[str, float]:
    client = httpx.Client(base_url=url, timeout=120)

    def one(i: int) -> float:
        body = {"messages": [{"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}]}
        start = time.perf_counter()
        response = client.post("/api/v1/chat", json=body)
        elapsed = (time.perf_counter() - start) * 1000
        response.raise_for_status()
        return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        times = sorted(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    client.close()
    return {
        "concurrency": concurrency,
        "requests": requests,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "req_per_s": round(requests / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="An already running server (default: start one).")
    parser.add_argument("--workers", type=int, default=1, help="Workers of the started server.")
    parser.add_argument("--requests", type=int, default=80, help="Requests per level.")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--json", action="store_true", help="Print JSON only.")
    args = parser.parse_args()

    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(args.workers)
    try:
        run(url, 2, len(QUESTIONS) * 2)  # warm-up: caches, lazy imports, thread pools
        results = [run(url, c, args.requests) for c in args.concurrency]
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"POST /api/v1/chat at {url}, warm, {os.cpu_count()} CPUs")
    for r in results:
        print(
            f"  concurrency {r['concurrency']:>2}: p50 {r['p50_ms']:>7.1f} ms  "
            f"p95 {r['p95_ms']:>7.1f} ms  max {r['max_ms']:>7.1f} ms  {r['req_per_s']:>6.1f} req/s"
        )


if __name__ == "__main__":
    main()
