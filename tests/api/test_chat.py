"""POST /api/v1/chat and /api/v1/chat/stream through the ASGI app."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.helpers import ask, assert_error, parse_sse

AS_OF = "2026-11-26"


def test_chat_answers_with_citations(client: TestClient) -> None:
    r = client.post("/api/v1/chat", json=ask("What is IMMEX?", as_of=AS_OF))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "answered"
    assert body["lang"] == "en"
    assert body["citations"] and body["citations"][0]["note_id"].endswith("-en")
    assert {"answer_id", "text", "route", "timings", "follow_ups"} <= set(body)
    assert r.headers["x-request-id"]


def test_chat_answers_in_spanish(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat", json=ask("¿Cuánto tiempo pueden quedarse los moldes en México?")
    )
    assert r.status_code == 200, r.text
    assert r.json()["lang"] == "es"


def test_rule_question_carries_rule_results(client: TestClient) -> None:
    body = ask(
        "We export USD 400,000 a year and our total sales are USD 2,000,000. "
        "Do we meet the export commitment?"
    )
    r = client.post("/api/v1/chat", json=body)
    assert r.status_code == 200, r.text
    results = r.json()["rule_results"]
    assert any(res["rule_id"] == "export_commitment" for res in results)


def test_request_id_is_echoed_when_safe_and_replaced_when_not(client: TestClient) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces" * 10})
    assert r.headers["x-request-id"] != "bad id\twith spaces" * 10
    assert len(r.headers["x-request-id"]) == 32


def test_last_message_from_assistant_is_422_with_field(client: TestClient) -> None:
    body = {
        "messages": [
            {"role": "user", "content": "What is IMMEX?"},
            {"role": "assistant", "content": "A program."},
        ]
    }
    error = assert_error(client.post("/api/v1/chat", json=body), 422, "invalid_conversation")
    assert error["field"] == "messages.1.role"


def test_blank_message_is_422(client: TestClient) -> None:
    error = assert_error(client.post("/api/v1/chat", json=ask("   \u200b ")), 422)
    assert error["field"] == "messages.0.content"


def test_too_long_message_is_422(client: TestClient) -> None:
    error = assert_error(client.post("/api/v1/chat", json=ask("x" * 4001)), 422)
    assert error["field"] == "messages.0.content"


def test_schema_errors_are_422_with_dotted_field(client: TestClient) -> None:
    error = assert_error(
        client.post("/api/v1/chat", json={"messages": []}), 422, "validation_error"
    )
    assert error["field"] == "messages"
    bad_role = {"messages": [{"role": "system", "content": "hi"}]}
    error = assert_error(client.post("/api/v1/chat", json=bad_role), 422)
    assert error["field"] == "messages.0.role"
    error = assert_error(client.post("/api/v1/chat", json=ask("hi", lang="fr")), 422)
    assert error["field"] == "lang"
    error = assert_error(client.post("/api/v1/chat", json=ask("hi", colour="red")), 422)
    assert error["field"] == "colour"
    error = assert_error(client.post("/api/v1/chat", json=ask("hi", as_of="26/11/2026")), 422)
    assert error["field"] == "as_of"


def test_invalid_json_is_400(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat", content=b'{"messages": [', headers={"Content-Type": "application/json"}
    )
    assert assert_error(r, 400, "invalid_json")["field"] == "body"


def test_stream_events_match_the_json_answer(client: TestClient) -> None:
    body = ask("How long can molds stay in Mexico under IMMEX?", as_of=AS_OF)
    plain = client.post("/api/v1/chat", json=body).json()
    r = client.post("/api/v1/chat/stream", json=body)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    names = [name for name, _ in events]
    assert names[0] == "status" and names[-2:] == ["citations", "done"]
    assert set(names[1:-2]) == {"delta"} and len(names) > 4
    done = events[-1][1]
    assert events[0][1] == {"status": done["status"], "answer_id": done["answer_id"]}
    assert "".join(data["text"] for name, data in events if name == "delta") == done["text"]
    assert events[-2][1] == done["citations"]
    # Same question, same content as the JSON endpoint (ids and timings differ per call).
    for key in ("status", "text", "citations", "rule_results", "lang", "route"):
        assert done[key] == plain[key], key


def test_stream_request_errors_are_json_before_any_event(client: TestClient) -> None:
    r = client.post(
        "/api/v1/chat/stream", json={"messages": [{"role": "assistant", "content": "x"}]}
    )
    assert_error(r, 422, "invalid_conversation")
