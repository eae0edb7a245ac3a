"""A real Chroma server goes away under a running app and comes back: the app answers 503
with a clear message meanwhile, and recovers without a restart."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.index.store import fetch_all, open_collection
from tests.api.conftest import api_settings, free_port
from tests.api.helpers import ask, assert_error

pytestmark = pytest.mark.server


class ChromaServer:
    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        self.proc = subprocess.Popen(
            [
                str(chroma),
                "run",
                "--path",
                str(self.path),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        pytest.fail("chroma server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


@pytest.fixture
def chroma(tmp_path: Path, index_dir: Path) -> Iterator[ChromaServer]:
    if not (Path(sys.executable).parent / "chroma").exists():
        pytest.skip("the chroma server CLI is not installed")
    server = ChromaServer(tmp_path / "chroma-server", free_port())
    server.start()
    # Copy the session index (with its vectors) into the server: no re-embedding.
    records = fetch_all(open_collection(api_settings(index_dir)), include_embeddings=True)
    remote = open_collection(api_settings(tmp_path, chroma_url=server.url))
    for start in range(0, len(records["ids"]), 200):
        end = start + 200
        remote.upsert(
            ids=records["ids"][start:end],
            documents=records["documents"][start:end],
            metadatas=records["metadatas"][start:end],
            embeddings=records["embeddings"][start:end],
        )
    yield server
    server.stop()


def test_chroma_outage_is_503_and_the_app_recovers(chroma: ChromaServer, tmp_path: Path) -> None:
    app = create_app(api_settings(tmp_path, chroma_url=chroma.url))
    question = ask("What is the IMMEX annual report?")
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/api/v1/chat", json=question).status_code == 200
        assert client.get("/readyz").status_code == 200

        chroma.stop()
        error = assert_error(client.post("/api/v1/chat", json=question), 503, "store_unavailable")
        assert "retry" in error["message"].lower()
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["chroma_reachable"] is False

        chroma.start()
        assert client.post("/api/v1/chat", json=question).status_code == 200
        assert client.get("/readyz").status_code == 200
