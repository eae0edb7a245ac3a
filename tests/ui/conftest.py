"""A real IMMEX Guide API on loopback for the UI tests: fresh index in a temp dir, uvicorn
subprocess, admin key for checking stored feedback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.servers import free_port, wait_http

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ADMIN_KEY = "ui-test-admin-key"
READY_TIMEOUT_S = 300


@dataclass(frozen=True)
class ApiServer:
    url: str
    admin_key: str
    data_dir: Path


def _server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_API_KEYS=f"{ADMIN_KEY}:admin",
        ASSISTANT_RATE_LIMIT_PER_MINUTE="0",
        HF_HUB_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
    )
    return env


def _build_index(data_dir: Path, env: dict[str, str]) -> None:
    # The repo's own index, when present, makes this a no-change re-ingest (seconds, not minutes);
    # the ingest below still brings it up to date with the notes on disk.
    local = REPO / "data" / "chroma"
    if local.is_dir():
        shutil.copytree(local, data_dir / "chroma", dirs_exist_ok=True)
    done = subprocess.run(
        [str(BIN / "assistant"), "ingest"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        pytest.fail(f"assistant ingest failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    try:
        wait_http(
            f"{url}/readyz",
            READY_TIMEOUT_S,
            alive=lambda: proc.poll() is None,
            log=log.read_text,
        )
    except (RuntimeError, TimeoutError) as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    data_dir = tmp_path_factory.mktemp("ui-api-data")
    env = _server_env(data_dir)
    _build_index(data_dir, env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = data_dir / "api.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(BIN / "python"),
                "-m",
                "uvicorn",
                "--factory",
                "assistant.api.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(url, proc, log)
            yield ApiServer(url=url, admin_key=ADMIN_KEY, data_dir=data_dir)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def ui_env(api_server: ApiServer, monkeypatch: pytest.MonkeyPatch) -> ApiServer:
    """Point the in-process UI (AppTest) at the real API."""
    monkeypatch.setenv("ASSISTANT_UI_API_URL", api_server.url)
    return api_server


def stored_feedback(server: ApiServer) -> list[dict[str, object]]:
    response = httpx.get(
        f"{server.url}/api/v1/admin/feedback",
        params={"format": "json"},
        headers={"Authorization": f"Bearer {server.admin_key}"},
        timeout=10,
    )
    response.raise_for_status()
    body = response.json()
    items = body.get("items", body.get("feedback", [])) if isinstance(body, dict) else body
    return [dict(item) for item in items or []]
