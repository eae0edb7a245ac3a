"""Security: admin keys and roles, the rate limit, and what the server's logs never hold."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.reliability.conftest import ADMIN, ADMIN_KEY, USER, USER_KEY, rel_settings

ADMIN_CALLS = [
    ("GET", "/api/v1/admin/feedback"),
    ("GET", "/api/v1/admin/feedback?format=csv"),
    ("POST", "/api/v1/admin/reindex"),
]


@pytest.mark.server
@pytest.mark.parametrize(("method", "path"), ADMIN_CALLS)
def test_admin_endpoints_need_an_admin_key(
    shared_api: tuple[str, Path], method: str, path: str
) -> None:
    url, _ = shared_api
    with httpx.Client(base_url=url, timeout=120) as client:
        none = client.request(method, path)
        assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
        assert none.json()["error"]["code"] == "api_key_required"
        assert client.request(method, path, headers=USER).status_code == 403
        for wrong in ({"Authorization": "Bearer not-a-key"}, {"X-API-Key": ADMIN_KEY + "x"}):
            refused = client.request(method, path, headers=wrong)
            assert refused.status_code == 403
            assert refused.json()["error"]["code"] == "invalid_api_key"
        if method == "GET":
            assert client.request(method, path, headers=ADMIN).status_code == 200


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    settings = rel_settings(tmp_path, rate_limit_per_minute=5, feedback_db=tmp_path / "f.db")
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    statuses = [client.get("/api/v1/rules", headers=USER).status_code for _ in range(5)]
    assert statuses == [200] * 5
    limited = client.get("/api/v1/rules", headers=USER)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["code"] == "rate_limited"
    # Buckets are per key: another caller is not punished, and health checks are never limited.
    assert client.get("/api/v1/rules", headers=ADMIN).status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.server
def test_logs_hold_no_keys_and_no_message_bodies(shared_api: tuple[str, Path]) -> None:
    url, log = shared_api
    marker = f"secret-question-{uuid.uuid4().hex}"
    comment = f"secret-comment-{uuid.uuid4().hex}"
    with httpx.Client(base_url=url, timeout=120) as client:
        chat = client.post(
            "/api/v1/chat",
            json={"messages": [{"role": "user", "content": f"What is IMMEX? {marker}"}]},
            headers=USER,
        )
        assert chat.status_code == 200
        bad = client.post(
            "/api/v1/chat",
            json={"messages": [{"role": "system", "content": marker}]},
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        )
        assert bad.status_code == 422
        assert client.post(
            "/api/v1/feedback", json={"answer_id": "x", "rating": "up", "comment": comment}
        ).is_success
        client.get("/api/v1/admin/feedback", headers={"X-API-Key": "wrong-" + ADMIN_KEY})
        client.get("/api/v1/admin/feedback", headers=ADMIN)
    text = log.read_text(errors="replace")
    assert '"/api/v1/chat"' in text  # the log is captured and has request lines...
    for secret in (ADMIN_KEY, USER_KEY, marker, comment):  # ...but nothing secret
        assert secret not in text, secret
