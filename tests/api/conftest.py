"""API fixtures: one real index per session (built from knowledge/), apps over it, and a real
uvicorn server on a free loopback port for SSE and the official openai client."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.settings import Settings
from tests.support.servers import free_port, wait_http

REPO_ROOT = Path(__file__).resolve().parents[2]
ADMIN_KEY = "admin-test-key-0123"
USER_KEY = "user-test-key-4567"
KEYS = f"{ADMIN_KEY}:admin,{USER_KEY}:user"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
USER = {"X-API-Key": USER_KEY}


def api_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings on the session index; no .env, keys known to the tests, no rate limit."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "knowledge_dir": REPO_ROOT / "knowledge",
        "api_keys": KEYS,
        "rate_limit_per_minute": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assistant.index.ingest import ingest

    data_dir = tmp_path_factory.mktemp("api-index")
    prebuilt = os.environ.get("IMMEX_TEST_INDEX_DIR")  # a developer shortcut: reuse an index
    if prebuilt:
        shutil.copytree(prebuilt, data_dir, dirs_exist_ok=True)
    report = ingest(api_settings(data_dir))  # no-op when the copy is current
    assert report.ok and report.chunks > 0, report.summary()
    return data_dir


@pytest.fixture(scope="session")
def client(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app with the lifespan run (pipeline loaded once) shared by most tests."""
    feedback = tmp_path_factory.mktemp("api-feedback") / "feedback.sqlite3"
    app = create_app(api_settings(index_dir, feedback_db=feedback))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def make_client(index_dir: Path, tmp_path: Path) -> Callable[..., TestClient]:
    """An app with its own settings, lifespan not run: for checks that never reach the
    pipeline (auth, limits, feedback store), so they stay cheap."""

    def build(**overrides: Any) -> TestClient:
        overrides.setdefault("feedback_db", tmp_path / "feedback.sqlite3")
        app = create_app(api_settings(index_dir, **overrides))
        return TestClient(app, raise_server_exceptions=False)

    return build


@pytest.fixture(scope="session")
def server(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`assistant serve` in a subprocess on its own copy of the index; yields the base URL."""
    root = tmp_path_factory.mktemp("api-server")
    data_dir = root / "data"
    shutil.copytree(index_dir, data_dir)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_KNOWLEDGE_DIR=str(REPO_ROOT / "knowledge"),
        ASSISTANT_API_KEYS=KEYS,
        ASSISTANT_RATE_LIMIT_PER_MINUTE="0",
        HF_HUB_OFFLINE="1",
    )
    log_path = root / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "assistant"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=root,  # no .env from the repository
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_http(
                f"{base}/readyz", 180, alive=lambda: proc.poll() is None, log=log_path.read_text
            )
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(str(exc))
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
