"""`assistant serve`: run the HTTP API under uvicorn (app factory, so each worker builds its own
app and loads the model once in its lifespan)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.settings import Settings


def serve_command(
    host: Annotated[str | None, typer.Option(help="Bind address (default: api_host).")] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port (default: api_port).")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development).")] = False,
) -> None:
    """Start the API (JSON, SSE, OpenAI-compatible, rules, sources, feedback, admin, health)."""
    import uvicorn

    try:
        settings = Settings()
    except Exception as exc:  # pydantic ValidationError: a usage problem, not a crash
        typer.echo(f"Invalid settings: {exc}", err=True)
        raise typer.Exit(2) from exc
    if reload and workers > 1:
        typer.echo("--reload works with one worker only", err=True)
        raise typer.Exit(2)
    uvicorn.run(
        "assistant.api:create_app",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        workers=workers,
        reload=reload,
        access_log=False,  # the app writes its own JSON access log, with request ids
        proxy_headers=True,
        timeout_graceful_shutdown=10,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
