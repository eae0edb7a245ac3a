"""The one error shape for routing, size, rate, store and unexpected failures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.services import Services
from assistant.index.store import StoreUnavailableError
from tests.api.helpers import ask, assert_error


def test_unknown_route_is_404_shape(client: TestClient) -> None:
    error = assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert "/docs" in error["message"]


def test_wrong_method_is_405_shape(client: TestClient) -> None:
    assert_error(client.get("/api/v1/chat"), 405, "method_not_allowed")


def test_body_over_limit_is_413(make_client: Callable[..., TestClient]) -> None:
    c = make_client(max_body_bytes=2048)
    big = ask("x" * 5000)
    assert_error(c.post("/api/v1/chat", json=big), 413, "payload_too_large")


def test_chunked_body_over_limit_is_413(make_client: Callable[..., TestClient]) -> None:
    c = make_client(max_body_bytes=2048)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must count bytes
        yield b'{"messages": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}]}'

    r = c.post("/api/v1/chat", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(r, 413, "payload_too_large")


def test_rate_limit_gives_429_with_retry_after(make_client: Callable[..., TestClient]) -> None:
    c = make_client(rate_limit_per_minute=2)
    assert c.get("/api/v1/rules").status_code == 200
    assert c.get("/api/v1/rules").status_code == 200
    r = c.get("/api/v1/rules")
    assert_error(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1
    assert c.get("/healthz").status_code == 200  # probes are never limited


def test_rate_limit_buckets_per_key(make_client: Callable[..., TestClient]) -> None:
    from tests.api.conftest import ADMIN, USER

    c = make_client(rate_limit_per_minute=1)
    assert c.get("/api/v1/rules", headers=USER).status_code == 200
    assert c.get("/api/v1/rules", headers=USER).status_code == 429
    assert c.get("/api/v1/rules", headers=ADMIN).status_code == 200


class _FlakyPipeline:
    """Fails like an unreachable Chroma server, then works."""

    def __init__(self, real: Any, failures: int) -> None:
        self.real, self.failures = real, failures
        self.retriever = real.retriever

    def answer(self, *args: Any, **kwargs: Any) -> Any:
        if self.failures:
            self.failures -= 1
            raise StoreUnavailableError("Chroma at http://127.0.0.1:9 is not reachable")
        return self.real.answer(*args, **kwargs)


def test_store_outage_is_503_and_recovers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    services: Services = client.app.state.services  # type: ignore[attr-defined]
    real = services.pipeline()
    monkeypatch.setattr(services, "_pipeline", _FlakyPipeline(real, failures=1))
    r = client.post("/api/v1/chat", json=ask("What is IMMEX?"))
    error = assert_error(r, 503, "store_unavailable")
    assert "retry" in error["message"].lower()
    assert r.headers["retry-after"]
    assert client.post("/api/v1/chat", json=ask("What is IMMEX?")).status_code == 200


def test_unreachable_chroma_at_start_gives_503_not_a_crash(
    make_client: Callable[..., TestClient],
) -> None:
    from tests.api.conftest import free_port

    c = make_client(chroma_url=f"http://127.0.0.1:{free_port()}")
    with c:  # lifespan runs: the load fails, the app still starts
        assert c.get("/healthz").status_code == 200
        assert_error(c.post("/api/v1/chat", json=ask("What is IMMEX?")), 503, "store_unavailable")
        ready = c.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["ready"] is False
        assert ready.json()["checks"]["chroma_reachable"] is False
        assert any("chroma" in m.lower() for m in ready.json()["missing"])


def test_unexpected_error_is_500_without_internals(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    services: Services = client.app.state.services  # type: ignore[attr-defined]

    class Broken:
        retriever = services.pipeline().retriever

        def answer(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret internal detail")

    monkeypatch.setattr(services, "_pipeline", Broken())
    r = client.post("/api/v1/chat", json=ask("What is IMMEX?"))
    error = assert_error(r, 500, "internal_error")
    assert "secret" not in r.text
    assert error["message"]
