"""Fault: the Chroma server stops mid-run, then comes back on the same port.

A real `chroma run` and a real `assistant serve` pointed at it: while Chroma is down /readyz is
503 and names Chroma, chat is a 503 with a clear message, and once the server is back the API
answers again by itself, without a restart.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from evals.load_test import canonical
from tests.reliability.conftest import api_env
from tests.support.servers import api_server, chroma_server, wait_http

pytestmark = pytest.mark.server

QUESTION = {"messages": [{"role": "user", "content": "What is IMMEX?"}]}


def chat(url: str) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/chat", json=QUESTION, timeout=60)


def poll(url: str, path: str, status: int, timeout_s: float = 90.0) -> httpx.Response:
    """Poll until `path` answers `status` (bounded); returns the last response."""
    deadline = time.monotonic() + timeout_s
    while True:
        response = httpx.get(f"{url}{path}", timeout=30)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


def test_chroma_down_gives_503_and_the_api_recovers_without_restart(
    index_dir: Path, tmp_path: Path
) -> None:
    server_path = tmp_path / "chroma-server"
    shutil.copytree(index_dir / "chroma", server_path)
    with chroma_server(server_path) as (chroma, chroma_url):
        env = api_env(tmp_path / "api" / "data", ASSISTANT_CHROMA_URL=chroma_url)
        with api_server(tmp_path / "api", env, ready_path="/readyz") as (api, url):
            before = chat(url)
            assert before.status_code == 200
            api_pid = api.proc.pid if api.proc else None

            chroma.stop()  # mid-run: the API keeps running
            ready = poll(url, "/readyz", 503)
            assert ready.status_code == 503, ready.text
            body: dict[str, Any] = ready.json()
            assert body["ready"] is False
            assert body["checks"]["chroma_reachable"] is False
            assert any("chroma" in m.lower() for m in body["missing"]), body

            down = chat(url)
            assert down.status_code == 503, down.text
            error = down.json()["error"]
            assert error["code"] == "store_unavailable"
            assert "index" in error["message"] and "Chroma" in error["message"]
            assert down.headers.get("Retry-After")
            assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200  # alive, not ready

            chroma.start()  # same command, same port, same data
            wait_http(f"{chroma_url}/api/v2/heartbeat", timeout_s=60)
            assert poll(url, "/readyz", 200).status_code == 200
            after = chat(url)
            assert after.status_code == 200, after.text
            assert canonical(after.json()) == canonical(before.json())
            assert api.proc is not None and api.proc.pid == api_pid  # no restart happened
            assert api.running
