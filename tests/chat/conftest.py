"""Chat fixtures: one real index built from knowledge/ per session, one pipeline over it."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chat.answer import Answer, Message
from assistant.chat.pipeline import AnswerPipeline
from assistant.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _no_real_model_calls() -> Iterator[None]:
    """Hosted models are unreachable from chat tests: any non-loopback connect fails."""
    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and str(address[0]) not in {"127.0.0.1", "::1", "localhost"}:
            raise RuntimeError(f"chat tests may not reach {address!r}")
        return real(self, address)  # type: ignore[arg-type]

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    yield
    socket.socket.connect = real  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def chat_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from assistant.index.ingest import ingest

    data_dir = tmp_path_factory.mktemp("chat-index")
    settings = Settings(data_dir=data_dir, knowledge_dir=REPO_ROOT / "knowledge", _env_file=None)  # type: ignore[call-arg]
    report = ingest(settings)
    assert report.ok, report.summary()
    return settings


@pytest.fixture(scope="session")
def pipeline(chat_settings: Settings) -> AnswerPipeline:
    return AnswerPipeline.from_settings(chat_settings)


def conversation(*turns: str) -> list[Message]:
    """User turns only; the history a client would resend (assistant turns do not matter)."""
    return [Message(role="user", content=t) for t in turns]


def ask(pipeline: AnswerPipeline, *turns: str, **kwargs: object) -> Answer:
    return pipeline.answer(conversation(*turns), as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
