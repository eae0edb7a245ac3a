"""Against a real uvicorn server (`assistant serve`) on a free loopback port: SSE over the
wire, the official openai client (streaming and not), and concurrent requests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest
from openai.types.chat import ChatCompletionMessageParam

from tests.api.conftest import USER_KEY
from tests.api.helpers import ask, parse_sse

pytestmark = pytest.mark.server
QUESTION = "How long can molds stay in Mexico under IMMEX?"


def test_sse_over_http_matches_json(server: str) -> None:
    body = ask(QUESTION, as_of="2026-11-26")
    plain = httpx.post(f"{server}/api/v1/chat", json=body, timeout=60).json()
    with httpx.stream("POST", f"{server}/api/v1/chat/stream", json=body, timeout=60) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-request-id"]
        raw = "".join(r.iter_text())
    events = parse_sse(raw)
    names = [n for n, _ in events]
    assert names[0] == "status" and names[-1] == "done" and "delta" in names
    done = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "delta") == done["text"] == plain["text"]
    assert done["citations"] == plain["citations"]


def _client(server: str, key: str = USER_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server}/v1", api_key=key, max_retries=0, timeout=60)


def test_openai_client_lists_the_model(server: str) -> None:
    assert [m.id for m in _client(server).models.list()] == ["immex-guide"]
    # chat is open by default, so any placeholder key a front end insists on also works
    assert [m.id for m in _client(server, key="sk-placeholder").models.list()] == ["immex-guide"]


def test_openai_client_non_streaming(server: str) -> None:
    completion = _client(server).chat.completions.create(
        model="immex-guide",
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": QUESTION},
        ],
        temperature=0.2,
    )
    text = completion.choices[0].message.content or ""
    assert completion.model == "immex-guide"
    assert completion.choices[0].finish_reason == "stop"
    assert "[1]" in text and "**Sources**" in text
    assert completion.usage is not None and completion.usage.completion_tokens > 0


def test_openai_client_streaming_equals_non_streaming(server: str) -> None:
    client = _client(server)
    messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "¿Qué es el PROSEC?"}]
    full = client.chat.completions.create(model="immex-guide", messages=messages)
    stream = client.chat.completions.create(model="immex-guide", messages=messages, stream=True)
    pieces: list[str] = []
    finish = None
    for chunk in stream:
        if chunk.choices:
            pieces.append(chunk.choices[0].delta.content or "")
            finish = chunk.choices[0].finish_reason or finish
    assert finish == "stop"
    assert "".join(pieces) == full.choices[0].message.content
    assert "**Fuentes**" in "".join(pieces)


def test_openai_client_unknown_model_is_a_clean_error(server: str) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        _client(server).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
    assert "immex-guide" in str(info.value)


def test_concurrent_chats_all_answer(server: str) -> None:
    questions = [QUESTION, "What is IMMEX?", "¿Quién puede solicitar IMMEX?", "hello"] * 2

    def one(q: str) -> int:
        return httpx.post(f"{server}/api/v1/chat", json=ask(q), timeout=120).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, questions))
    assert statuses == [200] * len(questions)
    metrics = httpx.get(f"{server}/metrics", timeout=10).text
    assert 'route="/api/v1/chat",status="200"' in metrics
