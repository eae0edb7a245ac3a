"""The HTTP client's error mapping and SSE handling, over an in-memory httpx transport."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from ui.client import ApiClient, chat_payload
from ui.config import UiConfig, load_config
from ui.errors import ApiResponseError, ApiTimeout, ApiUnavailable
from ui.sse import parse_sse


def _client(handler: object) -> ApiClient:
    transport = httpx.MockTransport(handler)  # type: ignore[arg-type]
    return ApiClient(UiConfig(api_url="http://api.test"), transport=transport)


def _sse(*events: tuple[str, object]) -> bytes:
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events).encode()


def test_sse_parser_handles_multiline_comments_and_unterminated_tail() -> None:
    lines = [
        ": keep-alive",
        "event: delta",
        'data: {"text": "a"}',
        "",
        "data: line1",
        "data: line2",
        "",
        "event: done",
        'data: {"ok": true}',
    ]
    events = list(parse_sse(lines))
    assert [(e.event, e.data) for e in events] == [
        ("delta", {"text": "a"}),
        ("message", "line1\nline2"),
        ("done", {"ok": True}),
    ]


def test_error_shape_becomes_api_response_error_with_field() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {
            "error": {"code": "invalid_input", "message": "must be a number", "field": "exports"}
        }
        return httpx.Response(422, json=body)

    with _client(handler) as api, pytest.raises(ApiResponseError) as info:
        api.evaluate_rule("export_commitment", {"exports": "x"})
    assert (info.value.status, info.value.code, info.value.field) == (
        422,
        "invalid_input",
        "exports",
    )
    assert "must be a number" in str(info.value)


def test_non_json_error_still_typed() -> None:
    bad = _client(lambda r: httpx.Response(502, text="<html>bad gateway</html>"))
    with bad as api, pytest.raises(ApiResponseError) as info:
        api.rules()
    assert info.value.status == 502


def test_timeout_and_refused_are_distinguished() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with _client(slow) as api, pytest.raises(ApiTimeout):
        api.sources()

    with socket.socket() as sock:  # a port nobody listens on: bind, read the number, close
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    closed = ApiClient(UiConfig(api_url=f"http://127.0.0.1:{port}"))
    with closed as api, pytest.raises(ApiUnavailable):
        api.rules()


def test_stream_yields_events_and_raises_error_event() -> None:
    body = _sse(
        ("status", {"status": "answered", "answer_id": "a1"}),
        ("delta", {"text": "Hi"}),
        ("error", {"error": {"code": "pipeline_failed", "message": "boom"}}),
    )

    def handler(request: httpx.Request) -> httpx.Response:
        assert json.loads(request.content)["audience"] == "sales"
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    seen: list[str] = []
    with _client(handler) as api, pytest.raises(ApiResponseError) as info:
        for event in api.chat_stream(
            chat_payload([{"role": "user", "content": "q"}], None, "sales")
        ):
            seen.append(event.event)
    assert seen == ["status", "delta"]
    assert info.value.code == "pipeline_failed"


def test_chat_payload_sends_only_role_and_content() -> None:
    payload = chat_payload([{"role": "assistant", "content": "a", "answer": "x"}], "es", "investor")
    assert payload == {
        "messages": [{"role": "assistant", "content": "a"}],
        "lang": "es",
        "audience": "investor",
        "as_of": None,
    }


def test_config_reads_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_UI_API_URL", "http://127.0.0.1:9999/")
    monkeypatch.setenv("ASSISTANT_UI_READ_TIMEOUT_S", "not-a-number")
    config = load_config()
    assert config.api_url == "http://127.0.0.1:9999"
    assert config.read_timeout_s == 60.0
    monkeypatch.delenv("ASSISTANT_UI_API_URL")
    assert load_config().api_url == "http://127.0.0.1:8000"


def test_long_history_is_trimmed_to_recent_turns_starting_with_user() -> None:
    turns = [{"role": "user" if i % 2 == 0 else "assistant", "content": str(i)} for i in range(61)]
    messages = chat_payload(turns, None, "investor")["messages"]
    assert len(messages) <= 50
    assert messages[0]["role"] == "user" and messages[-1]["content"] == "60"
