"""Faults in the index: missing or empty, and a corrupted knowledge file during a reindex.

These run the real app in-process (TestClient, lifespan included) on the small fixture corpus,
so a rebuild costs seconds; the `assistant ingest` used to repair is the real Typer command.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.api import create_app
from assistant.cli import app as cli_app
from assistant.index.ingest import ingest
from assistant.index.store import open_client
from evals.load_test import canonical
from tests.conftest import FIXTURE_CORPUS
from tests.reliability.conftest import ADMIN, USER, rel_settings

REPORT_Q = {"messages": [{"role": "user", "content": "When is the annual report due?"}]}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_CORPUS, knowledge)
    return knowledge


@pytest.fixture
def client_for(tmp_path: Path) -> Iterator[Any]:
    clients: list[TestClient] = []

    def build(knowledge: Path, data: Path) -> TestClient:
        settings = rel_settings(data, knowledge_dir=knowledge, feedback_db=tmp_path / "fb.db")
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


def poll_ready(client: TestClient, timeout_s: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        response = client.get("/readyz")
        if response.status_code == 200 or time.monotonic() > deadline:
            body: dict[str, Any] = response.json()
            return body
        time.sleep(0.5)


def cli_ingest(knowledge: Path, data: Path) -> Any:
    env = {"ASSISTANT_DATA_DIR": str(data), "ASSISTANT_KNOWLEDGE_DIR": str(knowledge)}
    return CliRunner().invoke(cli_app, ["ingest", "--no-progress"], env=env)


def test_missing_index_is_explained_and_assistant_ingest_rebuilds_it(
    corpus: Path, tmp_path: Path, client_for: Any
) -> None:
    data = tmp_path / "data"  # no index was ever built here
    client = client_for(corpus, data)
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["ready"] is False and body["checks"]["index_not_empty"] is False
    assert any("assistant ingest" in m for m in body["missing"]), body
    chat = client.post("/api/v1/chat", json=REPORT_Q)
    assert chat.status_code == 503, chat.text
    assert "assistant ingest" in chat.json()["error"]["message"]

    result = cli_ingest(corpus, data)
    assert result.exit_code == 0, result.output
    assert "12 added" in result.output

    assert poll_ready(client)["ready"] is True  # same app: no restart
    answer = client.post("/api/v1/chat", json=REPORT_Q)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "answered"
    assert {c["note_id"] for c in answer.json()["citations"]} & {"report-en"}


def test_emptied_index_is_explained_and_assistant_ingest_rebuilds_it(
    corpus: Path, tmp_path: Path, client_for: Any
) -> None:
    data = tmp_path / "data"
    settings = rel_settings(data, knowledge_dir=corpus)
    assert ingest(settings).added == 12
    client = client_for(corpus, data)
    assert poll_ready(client)["ready"] is True

    # Someone empties the collection under the running service.
    collection = open_client(settings).get_collection(settings.collection)
    collection.delete(ids=collection.get()["ids"])
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert any("empty" in m and "assistant ingest" in m for m in ready.json()["missing"])

    result = cli_ingest(corpus, data)
    assert result.exit_code == 0, result.output
    assert "12 added" in result.output
    assert poll_ready(client)["ready"] is True
    answer = client.post("/api/v1/chat", json=REPORT_Q)
    assert answer.status_code == 200 and answer.json()["citations"], answer.text


def test_corrupted_file_during_reindex_is_reported_and_the_old_index_keeps_serving(
    corpus: Path, tmp_path: Path, client_for: Any
) -> None:
    data = tmp_path / "data"
    assert ingest(rel_settings(data, knowledge_dir=corpus)).added == 12
    client = client_for(corpus, data)
    assert poll_ready(client)["ready"] is True
    before = client.post("/api/v1/chat", json=REPORT_Q)
    assert before.status_code == 200
    assert "report-en" in {c["note_id"] for c in before.json()["citations"]}

    truncated = corpus / "en" / "report.md"
    truncated.write_bytes(truncated.read_bytes()[:60])  # cut inside the front matter
    garbage = corpus / "es" / "report.md"
    garbage.write_bytes(b"\xff\xfe\x00\x81 not utf-8 \xc3\x28" * 50)

    forbidden = client.post("/api/v1/admin/reindex", headers=USER)
    assert forbidden.status_code == 403
    response = client.post("/api/v1/admin/reindex", headers=ADMIN)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["ok"] is False
    failed = {Path(f["path"]).resolve(): f["reason"] for f in report["failed"]}
    assert set(failed) == {truncated.resolve(), garbage.resolve()}, report
    assert all(reason.strip() for reason in failed.values())
    assert report["removed"] == 0  # the broken files' chunks were kept

    assert client.get("/readyz").status_code == 200
    after = client.post("/api/v1/chat", json=REPORT_Q)
    assert after.status_code == 200, after.text
    assert canonical(after.json()) == canonical(before.json())
    assert client.get("/api/v1/sources").status_code == 200  # the catalogue survives too
