"""Fault: the optional LLM backend is slow (past its timeout) or unreachable (closed port).

The app runs in-process with `llm = openai:<model>` pointed at a local fake OpenAI-compatible
server. Either way the deterministic answer comes back with a visible notice, within the
timeout plus a generous margin (a bound on behaviour, not a speed test).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.chat.replies import notice
from evals.load_test import canonical
from tests.reliability.conftest import ADMIN_KEY, USER_KEY, rel_settings
from tests.support.fake_llm import fake_chat_server, prompt_text
from tests.support.servers import free_port

TIMEOUT_S = 2.0
MARGIN_S = 5.0
QUESTION = {"messages": [{"role": "user", "content": "What is IMMEX?"}], "lang": "en"}
LLM_TEXT = "IMMEX lets a manufacturer defer import duties on goods it processes for export [1]."
LLM_KEY = "sk-fake-llm-key-2e7c"


@pytest.fixture
def build(index_dir: Path, tmp_path: Path) -> Iterator[Any]:
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = rel_settings(index_dir, feedback_db=tmp_path / "fb.db", **overrides)
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def llm_settings(base_url: str) -> dict[str, Any]:
    return {
        "llm": "openai:fake-model",
        "llm_base_url": base_url,
        "llm_api_key": LLM_KEY,
        "llm_timeout_s": TIMEOUT_S,
    }


def timed_chat(client: TestClient) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    response = client.post("/api/v1/chat", json=QUESTION)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body, elapsed


def test_llm_path_is_used_when_the_backend_answers(build: Any) -> None:
    with fake_chat_server(lambda _: LLM_TEXT) as fake:
        answer, _ = timed_chat(build(**llm_settings(fake.base_url)))
    assert answer["status"] == "answered"
    assert answer["text"].startswith(LLM_TEXT), answer["text"]
    assert answer["notice"] is None
    assert len(fake.requests) == 1
    shown = prompt_text(fake.requests[0])
    assert "What is IMMEX?" in shown
    for secret in (ADMIN_KEY, USER_KEY, LLM_KEY):  # the model never sees a key
        assert secret not in shown


@pytest.mark.parametrize("fault", ["slow", "closed_port"])
def test_slow_or_unreachable_llm_falls_back_to_the_deterministic_answer(
    build: Any, fault: str
) -> None:
    reference, _ = timed_chat(build())  # the same app without an LLM
    if fault == "slow":
        with fake_chat_server(lambda _: LLM_TEXT, delay_s=TIMEOUT_S + 8) as fake:
            answer, elapsed = timed_chat(build(**llm_settings(fake.base_url)))
        assert len(fake.requests) == 1  # it was asked, and abandoned
    else:
        closed = f"http://127.0.0.1:{free_port()}/v1"
        answer, elapsed = timed_chat(build(**llm_settings(closed)))
    assert elapsed < TIMEOUT_S + MARGIN_S, f"took {elapsed:.1f} s"
    assert answer["notice"] == notice("llm_unavailable", "en")
    assert LLM_TEXT not in answer["text"]
    expected = {**canonical(reference), "notice": answer["notice"]}
    assert canonical(answer) == expected
