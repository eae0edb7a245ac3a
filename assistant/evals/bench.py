"""`assistant bench`: ingest times, warm latency, HTTP latency/throughput, RSS, first answer.

Everything runs against a fresh index in a temporary data dir, so the figures do not depend
on the state of the developer's own index.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from assistant.evals.dataset import load_dataset
from assistant.evals.metrics import percentile
from assistant.settings import Settings

Log = Callable[[str], None]


@dataclass
class BenchOptions:
    dataset: Path
    http: bool = True
    concurrency: tuple[int, ...] = (1, 8, 32)
    requests: int = 96


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def _stats(latencies: Sequence[float]) -> dict[str, float | None]:
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    return {"p50_ms": None if p50 is None else round(p50, 2),
            "p95_ms": None if p95 is None else round(p95, 2), "n": len(latencies)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, deadline_s: float) -> bool:
    import httpx

    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def _load(url: str, questions: Sequence[str], level: int, requests: int) -> dict[str, Any]:
    """`requests` chat calls from `level` threads (one keep-alive client each)."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    local = threading.local()

    def one(i: int) -> None:
        nonlocal errors
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=url, timeout=120)
        body = {"messages": [{"role": "user", "content": questions[i % len(questions)]}]}
        start = time.perf_counter()
        ok = client.post("/api/v1/chat", json=body).status_code == 200
        ms = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(ms)
            errors += not ok

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=level) as pool:
        list(pool.map(one, range(requests)))
    wall = time.perf_counter() - start
    return {**_stats(latencies), "errors": errors,
            "throughput_rps": round(len(latencies) / wall, 2)}


def http_bench(env: dict[str, str], questions: Sequence[str], options: BenchOptions,
               log: Log) -> dict[str, Any]:
    """Start uvicorn on a free loopback port and load it at each concurrency level."""
    if find_spec("assistant.api") is None:
        return {"skipped": "assistant.api does not exist yet"}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "assistant.api:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env={**env, "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0"},
    )
    try:
        if not _wait_ready(url, 180):
            return {"skipped": "the API did not become ready within 180 s"}
        out: dict[str, Any] = {}
        for level in options.concurrency:
            out[f"c{level}"] = _load(url, questions, level, options.requests)
            log(f"http c={level}: {out[f'c{level}']}")
        return out
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def run_bench(settings: Settings, options: BenchOptions, log: Log = print) -> dict[str, Any]:
    from assistant.chat.answer import Message
    from assistant.chat.pipeline import AnswerPipeline
    from assistant.index.ingest import ingest

    questions = [item.user_turns[0] for item in load_dataset(options.dataset)]
    result: dict[str, Any] = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M")}
    with tempfile.TemporaryDirectory(prefix="immex-bench-") as tmp:
        bench_settings = settings.model_copy(update={"data_dir": Path(tmp),
                                                     "chroma_url": None})
        log("cold ingest ...")
        cold = ingest(bench_settings)
        result["ingest_cold_s"] = round(cold.seconds, 2)
        result["ingest_chunks"] = cold.chunks
        again = ingest(bench_settings)
        result["reingest_nochange_s"] = round(again.seconds, 2)
        log(f"ingest cold {cold.seconds:.2f} s, no-change {again.seconds:.2f} s")
        pipeline = AnswerPipeline.from_settings(bench_settings)
        for q in questions[:5]:  # warm caches and lazy imports
            pipeline.answer([Message(role="user", content=q)])
        latencies = []
        for q in questions:
            start = time.perf_counter()
            pipeline.answer([Message(role="user", content=q)])
            latencies.append((time.perf_counter() - start) * 1000)
        result["warm_in_process"] = _stats(latencies)
        log(f"warm in-process: {result['warm_in_process']}")
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "HF_HUB_OFFLINE": "1"}
        env.pop("ASSISTANT_CHROMA_URL", None)
        child = subprocess.run([sys.executable, "-m", "assistant.evals.first_answer"], env=env,
                               capture_output=True, text=True, check=False)
        try:
            last = child.stdout.strip().splitlines()[-1]
            result["first_answer_s"] = round(json.loads(last)["seconds"], 2)
        except (ValueError, IndexError, KeyError, TypeError):
            result["first_answer_s"] = None
            result["first_answer_error"] = child.stderr[-500:]
        log(f"process start to first answer: {result['first_answer_s']} s")
        result["http"] = (http_bench(env, questions, options, log) if options.http
                          else {"skipped": "--no-http"})
        result["peak_rss_server_mb"] = round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return result


def render_table(result: dict[str, Any]) -> str:
    m = result["machine"]
    rows = [("machine", f"{m['cpu']}, {m['cores']} cores, Python {m['python']}"),
            ("cold ingest", f"{result['ingest_cold_s']} s ({result['ingest_chunks']} chunks)"),
            ("no-change re-ingest", f"{result['reingest_nochange_s']} s"),
            ("warm in-process p50 / p95", f"{result['warm_in_process']['p50_ms']} / "
             f"{result['warm_in_process']['p95_ms']} ms"),
            ("process start to first answer", f"{result['first_answer_s']} s"),
            ("peak RSS (bench / child procs)",
             f"{result['peak_rss_mb']} / {result['peak_rss_server_mb']} MB")]
    http = result["http"]
    if "skipped" in http:
        rows.append(("HTTP", f"skipped: {http['skipped']}"))
    for level, s in http.items():
        if level != "skipped":
            rows.append((f"HTTP {level} p50 / p95 / rps",
                         f"{s['p50_ms']} / {s['p95_ms']} ms / {s['throughput_rps']} rps "
                         f"({s['errors']} errors)"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)
