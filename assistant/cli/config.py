"""`assistant settings`: the settings in force (secrets masked), or the README table."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from pydantic import SecretStr

from assistant.settings import Settings


def _shown(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return "********" if value.get_secret_value() else ""
    if isinstance(value, tuple | list):
        return ",".join(str(_shown(v)) for v in value)
    return "" if value is None else str(value)


def markdown_table() -> str:
    """One row per setting: variable, default, meaning (the README's settings table)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    defaults = Settings.model_construct()
    for name, field in Settings.model_fields.items():
        default = _shown(getattr(defaults, name, field.default))
        if name in {"knowledge_dir", "data_dir"}:
            default = f"./{name.removesuffix('_dir')}"
        description = (field.description or "").replace("|", "\\|")
        shown = f"`{default}`" if default != "" else "unset"
        rows.append(f"| `ASSISTANT_{name.upper()}` | {shown} | {description} |")
    return "\n".join(rows)


def settings_command(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the README table.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show the settings in force (from ASSISTANT_* variables and .env), secrets masked."""
    if markdown:
        typer.echo(markdown_table())
        return
    try:
        settings = Settings()
    except Exception as exc:
        typer.echo(f"Invalid settings: {exc}", err=True)
        raise typer.Exit(2) from exc
    values = {name: _shown(getattr(settings, name)) for name in Settings.model_fields}
    if as_json:
        typer.echo(json.dumps(values, indent=2))
        return
    for name, value in values.items():
        typer.echo(f"ASSISTANT_{name.upper()}={value}")


def register(app: typer.Typer) -> None:
    app.command("settings")(settings_command)
