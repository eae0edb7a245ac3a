"""`assistant ingest` and `assistant search`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.process_info import process_age
from assistant.settings import Settings


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: show it as a usage problem
        typer.echo(f"Invalid settings: {exc}", err=True)
        raise typer.Exit(2) from exc


def ingest_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to ingest (default: the knowledge dir)."),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Build or update the index from the knowledge files (only changed chunks are embedded)."""
    from assistant.index.ingest import ingest

    settings = _settings()
    report = ingest(settings, paths or None, progress=progress and sys.stderr.isatty())
    for failure in report.failed:
        typer.echo(f"skipped {failure.path}: {failure.reason}", err=True)
    typer.echo(report.summary())
    total = process_age()
    if total is not None:
        typer.echo(
            f"ingest work {report.seconds:.2f} s; process start-up and imports "
            f"{total - report.seconds:.2f} s",
            err=True,
        )
    raise typer.Exit(0 if report.ok else 1)


def search_command(
    query: Annotated[str, typer.Argument(help="The question or keywords.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Only notes in 'en' or 'es'.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many chunks.")] = 5,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Only these topics.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show the ranked chunks for a query, with note, section, legal reference and scores."""
    if lang not in (None, "en", "es"):
        typer.echo("--lang must be 'en' or 'es'", err=True)
        raise typer.Exit(2)
    from assistant.retrieval import load_retriever

    retriever = load_retriever(_settings())
    docs = retriever.search(query, k=k, lang=lang, topics=topic)
    if as_json:
        typer.echo(
            json.dumps(
                [{"text": d.page_content, **d.metadata} for d in docs],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not docs:
        typer.echo("No matching chunks. Is the index built? Run: assistant ingest")
        raise typer.Exit(1)
    for rank, doc in enumerate(docs, start=1):
        m = doc.metadata
        typer.echo(f"{rank}. [{m['note_id']}] {m['section']}")
        typer.echo(f"   ref: {'; '.join(m['references']) or '-'}   as of {m['as_of']}")
        typer.echo(
            f"   fused {m['score']:.4f}  relevance {m['relevance']:.3f}  "
            f"dense #{m['dense_rank'] or '-'}  bm25 #{m['bm25_rank'] or '-'}"
        )
        snippet = " ".join(doc.page_content.split())
        typer.echo(f"   {snippet[:220]}{'…' if len(snippet) > 220 else ''}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
