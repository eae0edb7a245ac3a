"""Optional LLM backend: fake chat models and a fake OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.chat.answer import AnswerStatus
from assistant.chat.llm import LLMWriter
from assistant.chat.pipeline import AnswerPipeline
from assistant.settings import Settings
from tests.chat.conftest import ask

QUESTION = "How much does a company have to export to qualify for IMMEX?"
GOOD = "Annual exports must be above USD 500,000 or at least 10% of total invoicing. [1]"
INVENTED = "Annual exports must be above USD 750,000 or at least 15% of invoicing. [1]"
BAD_CITE = "Annual exports must be above USD 500,000. [9]"


@pytest.fixture()
def with_llm(pipeline: AnswerPipeline) -> Iterator[Any]:
    def attach(writer: LLMWriter) -> AnswerPipeline:
        pipeline.llm = writer
        return pipeline

    yield attach
    pipeline.llm = None


def test_verified_llm_answer_is_used(with_llm: Any) -> None:
    p = with_llm(LLMWriter(FakeListChatModel(responses=[GOOD])))
    answer = ask(p, QUESTION)
    assert answer.status == AnswerStatus.answered
    assert answer.text.startswith(GOOD)
    assert answer.notice is None
    assert next(t for t in answer.timings if t.step == "llm").detail["used"] is True


@pytest.mark.parametrize("bad", [INVENTED, BAD_CITE])
def test_unverified_llm_answer_falls_back_with_notice(with_llm: Any, bad: str) -> None:
    p = with_llm(LLMWriter(FakeListChatModel(responses=[bad])))
    answer = ask(p, QUESTION)
    assert bad not in answer.text
    assert "750,000" not in answer.text and "[9]" not in answer.text
    assert answer.notice and "verified" in answer.notice
    verify = next(t for t in answer.timings if t.step == "verify").detail
    assert verify["fallback"] == "deterministic"


def test_spanish_notice_on_fallback(with_llm: Any) -> None:
    p = with_llm(LLMWriter(FakeListChatModel(responses=[INVENTED])))
    answer = ask(p, "¿Cuánto tiene que exportar una empresa para obtener el IMMEX?")
    assert answer.lang == "es"
    assert answer.notice and "verificarse" in answer.notice


class _Handler(BaseHTTPRequestHandler):
    reply = GOOD

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        payload = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": self.reply},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture()
def fake_openai() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_openai_compatible_server_on_loopback(with_llm: Any, fake_openai: str) -> None:
    pytest.importorskip("langchain_openai")
    settings = Settings(
        llm="openai:fake-model", llm_base_url=fake_openai, llm_api_key="test", llm_timeout_s=5
    )
    p = with_llm(LLMWriter.from_settings(settings))
    answer = ask(p, QUESTION)
    assert answer.text.startswith(GOOD)
    assert answer.notice is None


def test_unreachable_backend_keeps_deterministic_answer(with_llm: Any) -> None:
    pytest.importorskip("langchain_openai")
    # Port 9 on loopback (discard) is closed here: the connection is refused at once.
    settings = Settings(
        llm="openai:fake-model",
        llm_base_url="http://127.0.0.1:9/v1",
        llm_api_key="test",
        llm_timeout_s=2,
    )
    p = with_llm(LLMWriter.from_settings(settings))
    answer = ask(p, QUESTION)
    assert answer.status == AnswerStatus.answered
    assert answer.notice and "unavailable" in answer.notice
    assert "500,000" in answer.text


def test_real_hosts_are_blocked() -> None:
    import socket

    with pytest.raises(RuntimeError), socket.create_connection(("203.0.113.1", 443), timeout=1):
        pass
