"""End to end in headless Chromium (Debian's package, driven by Playwright): real API, real
Streamlit server, a question in English and one in Spanish, a citation opened, feedback sent."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.servers import wait_http
from tests.ui.conftest import REPO, ApiServer, free_port, stored_feedback

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = REPO / "docs" / "screenshot-chat.png"
# Set to 1 to refresh the README screenshot (not ASSISTANT_*: the suite clears those per test).
UPDATE_FLAG = "IMMEX_UPDATE_SCREENSHOT"
ANSWER_TIMEOUT_MS = 120_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium: run `bash ui/install_browser.sh`",
    ),
]


@pytest.fixture(scope="module")
def ui_url(api_server: ApiServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["ASSISTANT_UI_API_URL"] = api_server.url
    log = tmp_path_factory.mktemp("ui-server") / "streamlit.log"
    cmd = [
        str(Path(sys.executable).parent / "streamlit"),
        "run",
        "ui/app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--client.showErrorDetails",
        "none",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_http(
                    f"{url}/_stcore/health",
                    60,
                    alive=lambda: proc.poll() is None,
                    log=log.read_text,
                )
            except (RuntimeError, TimeoutError) as exc:
                pytest.fail(str(exc))
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _ask(page: Any, question: str, turn: int) -> Any:
    """Send a question and return the locator of its answer once its citations are drawn."""
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(2 * turn - 1)
    answer.get_by_test_id("stExpander").filter(has_text="[1]").first.wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )
    return answer


def test_deep_links_open_each_page_in_the_app_frame(ui_url: str) -> None:
    """First in this module on purpose: a fresh server whose first visit is a deep link."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.set_default_timeout(60_000)
            for path, title in (
                ("eligibility", "Eligibility checker"),
                ("deadlines", "Deadlines"),
                ("sources", "Sources"),
            ):
                page.goto(f"{ui_url}/{path}")
                expect(page.get_by_role("heading", name=title)).to_be_visible()
                expect(page.get_by_test_id("stSidebar").get_by_text("Settings")).to_be_visible()
                assert page.get_by_test_id("stException").count() == 0
        finally:
            browser.close()


def test_chat_in_english_and_spanish_with_citation_and_feedback(
    ui_url: str, api_server: ApiServer, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = tmp_path / "shots"
    shots.mkdir()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1250})
            page.set_default_timeout(60_000)
            page.goto(ui_url)
            expect(page.get_by_role("heading", name="Ask about IMMEX")).to_be_visible()

            english = _ask(page, "How long can molds stay in Mexico?", 1)
            citation = english.get_by_test_id("stExpander").filter(has_text="[1]").first
            citation.locator("summary").click()
            expect(citation.get_by_text("Legal reference:")).to_be_visible()
            expect(citation.get_by_text("Decreto IMMEX", exact=False).first).to_be_visible()
            page.wait_for_timeout(500)  # let the expander animation settle for the picture
            page.screenshot(path=str(shots / "chat-en.png"))

            spanish = _ask(page, "¿Qué es IMMEX y quién puede solicitarlo?", 2)
            expect(page.get_by_role("heading", name="Pregunte sobre IMMEX")).to_be_visible()
            expect(spanish.get_by_text("Fuentes", exact=True)).to_be_visible()

            spanish.get_by_role("radio", name="Thumbs down").click()
            comment = "browser e2e: respuesta poco clara"
            spanish.get_by_label("Comentario (opcional)").fill(comment)
            spanish.get_by_role("button", name="Enviar opinión").click()
            expect(spanish.get_by_text("quedó registrada", exact=False)).to_be_visible()
            page.screenshot(path=str(shots / "chat-es-feedback.png"))
        finally:
            browser.close()

    stored = [f for f in stored_feedback(api_server) if f.get("comment") == comment]
    assert len(stored) == 1 and stored[0]["rating"] == "down"
    assert (shots / "chat-en.png").stat().st_size > 10_000
    if os.environ.get(UPDATE_FLAG) == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shots / "chat-en.png", SCREENSHOT)
