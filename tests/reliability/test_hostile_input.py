"""Hostile and malformed input against the real 2-worker server: each case is a clear 4xx in
the one error shape, and the service keeps serving afterwards (/healthz, then a real answer).
HTML and spreadsheet formulas are stored as written but never become live in an export."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.conftest import ADMIN

pytestmark = pytest.mark.server
JSON = {"content-type": "application/json"}


def user(content: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": content}]}


def raw(body: bytes | str) -> bytes:
    return body.encode() if isinstance(body, str) else body


NESTED = '{"messages": ' + "[" * 100_000 + "]" * 100_000 + "}"
NESTED_OBJECT = (
    '{"messages": [{"role": "user", "content": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}]}"
)

# (case id, request body as bytes, acceptable statuses)
CASES: list[tuple[str, bytes, set[int]]] = [
    ("empty body", b"", {400, 422}),
    ("whitespace body", b"  \n\t  ", {400, 422}),
    ("not json", b"messages=hello", {400, 422}),
    ("json null", b"null", {400, 422}),
    ("empty messages", raw(json.dumps({"messages": []})), {422}),
    ("whitespace message", raw(json.dumps(user("   \n\t  "))), {422}),
    ("1 MB message", raw(json.dumps(user("a" * 1_000_000))), {413}),
    ("900 kB message under the body limit", raw(json.dumps(user("b" * 900_000))), {413, 422}),
    (
        "invalid UTF-8",
        b'{"messages": [{"role": "user", "content": "\xff\xfe\xc3\x28"}]}',
        {400, 422},
    ),
    (
        "lone surrogate escape",
        raw('{"messages": [{"role": "user", "content": "\\ud800"}]}'),
        {400, 422},
    ),
    ("control characters only", raw(json.dumps(user("\x00\x01\x02\x1b\x7f\u200b"))), {422}),
    ("deeply nested array", raw(NESTED), {400, 413, 422}),
    ("deeply nested object", raw(NESTED_OBJECT), {400, 413, 422}),
    (
        "10,000 messages",
        raw(json.dumps({"messages": [{"role": "user", "content": "hi"}] * 10_000})),
        {413, 422},
    ),
    (
        "unknown role system",
        raw(json.dumps({"messages": [{"role": "system", "content": "x"}]})),
        {422},
    ),
    ("unknown role tool", raw(json.dumps({"messages": [{"role": "tool", "content": "x"}]})), {422}),
    ("role not a string", raw(json.dumps({"messages": [{"role": 7, "content": "x"}]})), {422}),
    (
        "content not a string",
        raw(json.dumps({"messages": [{"role": "user", "content": {}}]})),
        {422},
    ),
    (
        "last turn from assistant",
        raw(json.dumps({"messages": [{"role": "assistant", "content": "x"}]})),
        {422},
    ),
    ("extra field", raw(json.dumps({**user("hi"), "debug": True})), {422}),
    ("bad lang", raw(json.dumps({**user("hi"), "lang": "fr"})), {422}),
    ("bad as_of", raw(json.dumps({**user("hi"), "as_of": "2026-13-45"})), {422}),
]


@pytest.fixture(scope="module")
def api(shared_api: tuple[str, Path]) -> Iterator[httpx.Client]:
    url, _ = shared_api
    with httpx.Client(base_url=url, timeout=120) as client:
        yield client


def assert_clear_error(response: httpx.Response, allowed: set[int]) -> None:
    assert response.status_code in allowed, (response.status_code, response.text[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] and len(body["error"]["message"]) > 10
    assert "Traceback" not in response.text


def assert_still_serving(api: httpx.Client) -> None:
    assert api.get("/healthz").status_code == 200
    answer = api.post("/api/v1/chat", json=user("What is IMMEX?"))
    assert answer.status_code == 200 and answer.json()["text"], answer.text


@pytest.mark.parametrize(("case", "body", "allowed"), CASES, ids=[c[0] for c in CASES])
def test_bad_chat_input_is_a_clear_4xx(
    api: httpx.Client, case: str, body: bytes, allowed: set[int]
) -> None:
    for path in ("/api/v1/chat", "/api/v1/chat/stream"):
        assert_clear_error(api.post(path, content=body, headers=JSON), allowed)
    assert api.get("/healthz").status_code == 200


def test_service_answers_normally_after_every_hostile_case(api: httpx.Client) -> None:
    assert_still_serving(api)


def test_control_characters_inside_a_real_question_are_stripped(api: httpx.Client) -> None:
    text = "What\x00 is\x1b IMMEX?\u200b\ud800"  # json.dumps escapes the lone surrogate
    response = api.post("/api/v1/chat", content=json.dumps(user(text)), headers=JSON)
    assert response.status_code == 200, response.text
    assert "\x00" not in response.text and "\\u0000" not in response.text


def test_html_in_a_message_is_returned_as_json_data_only(api: httpx.Client) -> None:
    response = api.post("/api/v1/chat", json=user("<script>alert(1)</script> What is IMMEX?"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" not in response.json()["text"]


FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
HTML = '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script>'


def test_feedback_exports_neutralise_formulas_and_never_render_html(api: httpx.Client) -> None:
    tag = f"hostile-{uuid.uuid4().hex[:8]}"
    comments = [*FORMULAS, HTML]
    for i, comment in enumerate(comments):
        response = api.post(
            "/api/v1/feedback",
            json={
                "answer_id": f"{tag}-{i}",
                "rating": "down",
                "reason": "other",
                "comment": comment,
            },
        )
        assert response.status_code == 201, response.text
    formula_id = api.post("/api/v1/feedback", json={"answer_id": "=1+2", "rating": "up"})
    assert formula_id.status_code == 201

    exported = api.get("/api/v1/admin/feedback", params={"format": "csv"}, headers=ADMIN)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.headers["x-content-type-options"] == "nosniff"
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(exported.text)))
    mine = [r for r in rows[1:] if r[2].startswith(tag) or r[2].lstrip("'") == "=1+2"]
    assert len(mine) == len(comments) + 1
    for row in mine:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    by_id = {r[2]: r[5] for r in mine}
    for i, comment in enumerate(comments):  # the text is kept, only defused
        assert by_id[f"{tag}-{i}"].lstrip("'") == comment

    as_json = api.get("/api/v1/admin/feedback", headers=ADMIN)
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in as_json.headers["content-security-policy"]
    stored = {r["answer_id"]: r["comment"] for r in as_json.json()}
    assert stored[f"{tag}-{len(comments) - 1}"] == HTML  # stored as written, served as data


@pytest.mark.parametrize(
    "body",
    [
        {"answer_id": "", "rating": "up"},
        {"answer_id": "x" * 65, "rating": "up"},
        {"answer_id": "a", "rating": "meh"},
        {"answer_id": "a", "rating": "up", "comment": "c" * 2001},
        {"answer_id": "a", "rating": "up", "reason": "<script>"},
        {"answer_id": "a", "rating": "up", "extra": 1},
    ],
)
def test_bad_feedback_is_a_clear_422(api: httpx.Client, body: dict[str, Any]) -> None:
    assert_clear_error(api.post("/api/v1/feedback", json=body), {422})


def test_lone_surrogates_in_feedback_are_not_a_server_error(api: httpx.Client) -> None:
    body = json.dumps({"answer_id": "s\ud800", "rating": "up", "comment": "x\udfff"})
    response = api.post("/api/v1/feedback", content=body, headers=JSON)
    assert response.status_code in (201, 422), response.text
    assert api.get("/api/v1/admin/feedback", headers=ADMIN).status_code == 200
    assert api.get("/api/v1/admin/feedback?format=csv", headers=ADMIN).status_code == 200
