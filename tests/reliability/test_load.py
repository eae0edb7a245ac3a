"""Load: 500 chat requests at concurrency 32 against a real uvicorn with 2 workers.

Asserts behaviour only (no 5xx, every answer complete and identical to the single-request
answer); the latency and throughput figures are printed and written as JSON, not asserted.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from evals.load_test import run_load, write_report

pytestmark = pytest.mark.server


def test_500_requests_at_concurrency_32_all_complete_and_identical(
    shared_api: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = shared_api
    report = asyncio.run(run_load(url, requests=500, concurrency=32, timeout_s=120))
    out = Path(os.environ.get("IMMEX_LOAD_REPORT", tmp_path / "load.json"))
    write_report(report, out)
    assert report.transport_errors == 0, report.examples
    assert report.server_errors == 0, report.examples
    assert report.statuses == {"200": 500}, report.examples
    assert report.incomplete == 0
    assert report.mismatched == 0, report.examples
    saved = json.loads(out.read_text())
    assert saved["ok"] is True and saved["requests"] == 500
    assert {"p50_ms", "p95_ms", "throughput_rps"} <= set(saved)
