"""`assistant ask` and `assistant chat` over the session index."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.settings import Settings, get_settings


@pytest.fixture()
def cli_env(chat_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(chat_settings.data_dir))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_ask_human_output(cli_env: CliRunner) -> None:
    result = cli_env.invoke(app, ["ask", "We export USD 730k, do we meet the export commitment?"])
    assert result.exit_code == 0, result.output
    assert "[answered] route=export_commitment" in result.output
    assert "Sources" in result.output and "Timings (ms): total=" in result.output


def test_ask_json_spanish(cli_env: CliRunner) -> None:
    result = cli_env.invoke(app, ["ask", "¿Cumplimos el compromiso de exportación?", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output[result.output.index("{") :])
    assert answer["status"] == "needs_info" and answer["lang"] == "es"
    assert answer["missing_facts"]


def test_ask_rejects_bad_lang(cli_env: CliRunner) -> None:
    result = cli_env.invoke(app, ["ask", "What is IMMEX?", "--lang", "fr"])
    assert result.exit_code != 0


def test_chat_keeps_history(cli_env: CliRunner) -> None:
    turns = "our lease has 14 months left of a 24-month term\nwhat if only 10 remained?\nexit\n"
    result = cli_env.invoke(app, ["chat"], input=turns)
    assert result.exit_code == 0, result.output
    assert result.output.count("route=premises") == 2
    assert "10 months left" in result.output
