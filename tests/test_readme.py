"""The README stays true: every setting and every CLI command it names exists, and vice versa."""

from __future__ import annotations

import re

import typer.main

from assistant.cli import app
from assistant.settings import Settings
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    missing = [
        f"ASSISTANT_{name.upper()}"
        for name in Settings.model_fields
        if f"`ASSISTANT_{name.upper()}`" not in README
    ]
    assert missing == []


def test_every_cli_command_is_documented_and_every_documented_one_exists() -> None:
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    documented = set(re.findall(r"^\| `assistant ([a-z]+)", README, flags=re.MULTILINE))
    assert commands - documented == set(), "commands missing from the README's CLI table"
    assert documented - commands == set(), "README names commands that do not exist"


def test_the_two_commands_come_first() -> None:
    first_block = README.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block
