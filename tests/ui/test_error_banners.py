"""Banners for a slow API and for an API error: situations the real server does not produce
on demand, so a silent socket and a tiny stub stand in for it here."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture
def silent_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Accepts connections and never answers: every request times out."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        monkeypatch.setenv("ASSISTANT_UI_API_URL", url)
        monkeypatch.setenv("ASSISTANT_UI_READ_TIMEOUT_S", "0.5")
        yield url


class _Unready(BaseHTTPRequestHandler):
    def _reply(self) -> None:
        body = json.dumps(
            {
                "error": {
                    "code": "index_unavailable",
                    "message": "The index is empty: run 'assistant ingest'.",
                }
            }
        )
        self.send_response(503)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unready)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("ASSISTANT_UI_API_URL", url)
    yield url
    server.shutdown()
    server.server_close()


def test_slow_api_gives_timeout_banner_and_keeps_the_question(silent_api: str) -> None:
    at = AppTest.from_file(str(UI / "views" / "chat.py"), default_timeout=60).run()
    at = at.chat_input[0].set_value("What is IMMEX?").run()
    assert not at.exception
    [banner] = at.error
    assert "taking too long" in banner.value and silent_api in banner.value
    assert at.session_state["history"] == [{"role": "user", "content": "What is IMMEX?"}]


def test_api_error_banner_names_code_and_message_in_spanish(failing_api: str) -> None:
    at = AppTest.from_file(str(UI / "views" / "chat.py"), default_timeout=60)
    at.session_state["lang_choice"] = "es"
    at = at.run().chat_input[0].set_value("¿Qué es IMMEX?").run()
    [banner] = at.error
    assert "El servicio devolvió un error" in banner.value
    assert "index_unavailable" in banner.value and "assistant ingest" in banner.value
    assert "Reintentar" in [b.label for b in at.button]


@pytest.mark.parametrize("name", ["eligibility", "deadlines", "sources"])
def test_other_pages_show_the_banner_not_a_trace(failing_api: str, name: str) -> None:
    at = AppTest.from_file(str(UI / "views" / f"{name}.py"), default_timeout=60).run()
    if name == "deadlines":
        at = at.button[0].click().run()
    assert not at.exception
    assert any("index_unavailable" in e.value for e in at.error)
