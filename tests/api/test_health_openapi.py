"""Health probes, metrics, and the OpenAPI document (examples and errors everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.api.conftest import api_settings
from tests.api.helpers import ask


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_readyz_when_ready(client: TestClient) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True
    assert body["checks"] == {
        "model_loaded": True,
        "chroma_reachable": True,
        "index_not_empty": True,
    }


def test_readyz_names_an_empty_index_and_reindex_fixes_it(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge" / "en"
    knowledge.mkdir(parents=True)
    from tests.api.conftest import ADMIN, REPO_ROOT

    app = create_app(api_settings(tmp_path / "data", knowledge_dir=tmp_path / "knowledge"))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        body = r.json()
        assert body["ready"] is False and body["checks"]["index_not_empty"] is False
        assert any("index_not_empty" in m for m in body["missing"])
        # Add a note and reindex: ready without a restart.
        src = REPO_ROOT / "knowledge" / "en" / "prosec.md"
        (knowledge / "prosec.md").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
        assert c.post("/api/v1/admin/reindex", headers=ADMIN).json()["added"] > 0
        assert c.get("/readyz").status_code == 200
        assert [s["id"] for s in c.get("/api/v1/sources").json()] == ["prosec-en"]


def test_metrics_count_requests_and_answers(client: TestClient) -> None:
    assert client.post("/api/v1/chat", json=ask("hello")).status_code == 200
    client.get("/api/v1/does-not-exist")
    text = client.get("/metrics").text
    assert 'immex_http_requests_total{method="POST",route="/api/v1/chat",status="200"}' in text
    assert 'route="unmatched",status="404"' in text
    assert "immex_http_request_duration_seconds_bucket" in text
    assert 'immex_answers_total{endpoint="chat",lang="en",status="greeting"}' in text


def test_every_operation_has_examples_and_documented_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = [
        (path, method, op) for path, item in spec["paths"].items() for method, op in item.items()
    ]
    assert len(operations) >= 14
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        ok = op["responses"].get("200") or op["responses"]["201"]
        assert any("example" in c or "examples" in c for c in ok["content"].values()), where
        if "requestBody" in op:
            body = op["requestBody"]["content"]["application/json"]
            assert "examples" in body or "example" in body, where
        if path.startswith(("/api/", "/v1/")):
            assert "429" in op["responses"], where
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"].endswith("/ErrorResponse"), where


def test_docs_page_is_served(make_client: Callable[..., TestClient]) -> None:
    assert make_client().get("/docs").status_code == 200
