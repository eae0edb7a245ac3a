"""Bounded HTTP load test for `POST /api/v1/chat` (async httpx).

    python evals/load_test.py --url http://127.0.0.1:8000 --requests 500 --concurrency 32 \
        --out data/load.json

First each conversation in the mix is asked once, alone: that answer is the reference. Then
`--requests` requests (round-robin over the mix) run with at most `--concurrency` in flight.
Each response must be 200, a complete Answer, and equal to its reference once the per-request
fields (answer_id, timings) are dropped. The report counts statuses, 5xx, incomplete and
mismatched answers, and gives latency p50/p95/p99 and throughput. Figures are printed and
written as JSON; nothing here asserts a timing.

Exit code: 0 when every request was a complete, identical 200; 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

# A mix that walks every pipeline branch: FAQ in both languages, a rule with facts, a rule
# that needs facts, not covered, out of scope and a greeting.
DEFAULT_MIX: list[dict[str, Any]] = [
    {"messages": [{"role": "user", "content": "What is IMMEX?"}]},
    {"messages": [{"role": "user", "content": "¿Cuánto tiempo pueden quedarse los moldes?"}]},
    {
        "messages": [
            {
                "role": "user",
                "content": "We export USD 650,000 a year out of total sales of USD 4 million. "
                "Do we meet the export commitment?",
            }
        ],
        "as_of": "2026-11-26",
    },
    {"messages": [{"role": "user", "content": "When is the IMMEX annual report due?"}]},
    {"messages": [{"role": "user", "content": "¿Una empresa mediana puede solicitar IMMEX?"}]},
    {"messages": [{"role": "user", "content": "What is the best pizza in Monterrey?"}]},
    {"messages": [{"role": "user", "content": "Hello!"}]},
]
VOLATILE = ("answer_id", "timings")
COMPLETE_STATUSES = {"answered", "needs_info", "not_covered", "out_of_scope", "greeting", "handoff"}


@dataclass
class LoadReport:
    url: str
    requests: int
    concurrency: int
    seconds: float
    throughput_rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    server_errors: int
    transport_errors: int
    incomplete: int
    mismatched: int
    examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.server_errors == 0
            and self.transport_errors == 0
            and self.incomplete == 0
            and self.mismatched == 0
            and self.statuses == {"200": self.requests}
        )

    def summary(self) -> str:
        return (
            f"{self.requests} requests at concurrency {self.concurrency} in {self.seconds:.1f} s: "
            f"{self.throughput_rps:.1f} req/s, p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, "
            f"p99 {self.p99_ms:.0f} ms, max {self.max_ms:.0f} ms; statuses {self.statuses}; "
            f"5xx {self.server_errors}, transport errors {self.transport_errors}, "
            f"incomplete {self.incomplete}, mismatched {self.mismatched}"
        )


def canonical(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer without the fields that differ per request by design."""
    return {k: v for k, v in answer.items() if k not in VOLATILE}


def complete(answer: Any) -> bool:
    return (
        isinstance(answer, dict)
        and answer.get("status") in COMPLETE_STATUSES
        and isinstance(answer.get("text"), str)
        and bool(answer["text"].strip())
        and isinstance(answer.get("citations"), list)
        and answer.get("lang") in ("en", "es")
    )


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def reference_answers(
    client: httpx.AsyncClient, mix: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    refs = []
    for payload in mix:
        response = await client.post("/api/v1/chat", json=payload)
        response.raise_for_status()
        refs.append(canonical(response.json()))
    return refs


async def run_load(
    url: str,
    *,
    requests: int = 500,
    concurrency: int = 32,
    mix: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: float = 60.0,
) -> LoadReport:
    """Run the load and compare every answer with its single-request reference."""
    mix = mix or DEFAULT_MIX
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, timeout=timeout_s, limits=limits
    ) as client:
        refs = await reference_answers(client, mix)
        gate = asyncio.Semaphore(concurrency)
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        counts = Counter[str]()
        examples: list[str] = []

        async def one(i: int) -> None:
            payload, ref = mix[i % len(mix)], refs[i % len(mix)]
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.post("/api/v1/chat", json=payload)
                except httpx.HTTPError as exc:
                    counts["transport"] += 1
                    if len(examples) < 5:
                        examples.append(f"#{i}: {type(exc).__name__}: {exc}")
                    return
                latencies.append((time.perf_counter() - started) * 1000)
            statuses[str(response.status_code)] += 1
            if response.status_code >= 500:
                counts["5xx"] += 1
            if response.status_code != 200:
                if len(examples) < 5:
                    examples.append(f"#{i}: {response.status_code} {response.text[:200]}")
                return
            body = response.json()
            if not complete(body):
                counts["incomplete"] += 1
            elif canonical(body) != ref:
                counts["mismatched"] += 1
                if len(examples) < 5:
                    examples.append(f"#{i}: differs from the single-request answer")

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(requests)))
        seconds = time.perf_counter() - started
    return LoadReport(
        url=url,
        requests=requests,
        concurrency=concurrency,
        seconds=round(seconds, 3),
        throughput_rps=round(requests / seconds, 2) if seconds else 0.0,
        p50_ms=round(statistics.median(latencies), 1) if latencies else 0.0,
        p95_ms=round(percentile(latencies, 95), 1),
        p99_ms=round(percentile(latencies, 99), 1),
        max_ms=round(max(latencies), 1) if latencies else 0.0,
        statuses=dict(sorted(statuses.items())),
        server_errors=counts["5xx"],
        transport_errors=counts["transport"],
        incomplete=counts["incomplete"],
        mismatched=counts["mismatched"],
        examples=examples,
    )


def write_report(report: LoadReport, out: Path | None) -> None:
    print(report.summary())
    for line in report.examples:
        print(f"  {line}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {**asdict(report), "ok": report.ok}
        out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="API base URL")
    parser.add_argument("--requests", type=int, default=500, help="total requests (1..100000)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight (1..512)")
    parser.add_argument("--api-key", default=None, help="sent as X-API-Key when given")
    parser.add_argument("--timeout", type=float, default=60.0, help="per-request timeout, s")
    parser.add_argument("--out", type=Path, default=None, help="write the JSON report here")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 512:
        parser.error("--requests must be 1..100000 and --concurrency 1..512")
    headers = {"X-API-Key": args.api_key} if args.api_key else None
    report = asyncio.run(
        run_load(
            args.url,
            requests=args.requests,
            concurrency=args.concurrency,
            headers=headers,
            timeout_s=args.timeout,
        )
    )
    write_report(report, args.out)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
