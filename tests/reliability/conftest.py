"""Reliability fixtures: one real index of knowledge/ per session (copied for each server that
may damage it), and one shared `assistant serve --workers 2` for load, feedback and input tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings
from tests.conftest import REPO_ROOT
from tests.support.servers import api_server, server_env

ADMIN_KEY = "rel-admin-key-9f3a7c"
USER_KEY = "rel-user-key-51d2e8"
KEYS = f"{ADMIN_KEY}:admin,{USER_KEY}:user"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
USER = {"X-API-Key": USER_KEY}
KNOWLEDGE = REPO_ROOT / "knowledge"


def rel_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "knowledge_dir": KNOWLEDGE,
        "api_keys": KEYS,
        "rate_limit_per_minute": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def api_env(data_dir: Path, **values: str) -> dict[str, str]:
    """Environment for `assistant serve` on `data_dir` with the test keys and no rate limit."""
    base = {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_KNOWLEDGE_DIR": str(KNOWLEDGE),
        "ASSISTANT_API_KEYS": KEYS,
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
    }
    base.update(values)
    return server_env(**base)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the embedded Chroma index of knowledge/ (built once per session)."""
    from assistant.index.ingest import ingest

    data_dir = tmp_path_factory.mktemp("rel-index")
    prebuilt = os.environ.get("IMMEX_TEST_INDEX_DIR")  # developer shortcut, as in tests/api
    if prebuilt:
        shutil.copytree(prebuilt, data_dir, dirs_exist_ok=True)
    report = ingest(rel_settings(data_dir))
    assert report.ok and report.chunks > 0, report.summary()
    return data_dir


def copy_index(index: Path, dest: Path) -> Path:
    """A private copy of the index data dir (the feedback DB is not copied)."""
    shutil.copytree(index / "chroma", dest / "chroma")
    return dest


@pytest.fixture(scope="session")
def shared_api(
    index_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """`assistant serve --workers 2` on a copy of the index; yields (base URL, log path)."""
    root = tmp_path_factory.mktemp("rel-shared-api")
    data = copy_index(index_dir, root / "data")
    with api_server(root, api_env(data), workers=2, ready_path="/readyz") as (proc, url):
        yield url, proc.log
