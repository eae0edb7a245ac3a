"""`assistant eval` (gold-set evaluation) and `assistant bench` (ingest and latency figures)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.settings import REPO_ROOT, Settings

BENCH_OUT = REPO_ROOT / "evals" / "bench" / "latest.json"


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: a usage problem, not a crash
        typer.echo(f"Invalid settings: {exc}", err=True)
        raise typer.Exit(2) from exc


def _line(s: dict[str, Any], name: str) -> str:
    def f(key: str) -> str:
        value = s.get(key)
        return "   –  " if value is None else f"{value:6.3f}"

    return (f"{name:<14}{s['items']:>5} {f('hit@1')} {f('hit@5')} {f('mrr')} {f('ndcg@5')} "
            f"{f('coverage')} {f('status')} {f('verdict')} {f('faithfulness')} {f('citations')} "
            f"{f('pass')}")


def eval_command(
    dataset: Annotated[Path | None, typer.Option(help="Gold set (JSONL).")] = None,
    url: Annotated[str | None, typer.Option(help="Evaluate a running API at this URL.")] = None,
    out: Annotated[Path | None, typer.Option(help="Run folder (default evals/runs/<t>).")] = None,
    compare: Annotated[Path | None, typer.Option(help="Earlier run folder to diff.")] = None,
    as_of: Annotated[str | None, typer.Option(help="Evaluation date YYYY-MM-DD.")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="ASSISTANT_EVAL_API_KEY")] = None,
    baseline: Annotated[bool, typer.Option(help="Also score the dense-only baseline.")] = True,
    gate: Annotated[bool, typer.Option(help="Exit 1 when a threshold fails.")] = False,
) -> None:
    """Replay the gold set, score it, and write results, summary, report and chart."""
    from assistant.evals.compare import compare_runs, render
    from assistant.evals.dataset import DatasetError
    from assistant.evals.session import DEFAULT_AS_OF, DEFAULT_DATASET, EvalOptions, evaluate

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        day = dt.date.fromisoformat(as_of) if as_of else DEFAULT_AS_OF
    except ValueError as exc:
        typer.echo("--as-of must be YYYY-MM-DD", err=True)
        raise typer.Exit(2) from exc
    options = EvalOptions(dataset=dataset or DEFAULT_DATASET, url=url, api_key=api_key,
                          out=out or REPO_ROOT / "evals" / "runs" / stamp, as_of=day,
                          baseline=baseline)

    def progress(n: int, row: dict[str, Any]) -> None:
        mark = "ok " if row["scores"].get("pass") == 1.0 else "FAIL"
        typer.echo(f"[{n:>3}] {mark} {row['id']}", err=True)

    try:
        summary, _ = evaluate(_settings(), options, on_item=progress)
    except (DatasetError, RuntimeError) as exc:
        typer.echo(f"eval failed: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{'':<14}{'items':>5}  hit@1  hit@5    MRR nDCG@5  cover status verdct "
               "faithf citatn   pass")
    typer.echo(_line(summary["overall"], "overall"))
    for name, s in {**summary["by_category"], **summary["by_lang"]}.items():
        typer.echo(_line(s, name))
    o = summary["overall"]
    typer.echo(f"latency p50 {o['latency_p50_ms']} ms, p95 {o['latency_p95_ms']} ms; "
               f"unsupported numbers {o['unsupported_numbers']}")
    if summary.get("baseline"):
        b = summary["baseline"]
        typer.echo(f"hybrid vs dense-only (MRR): {b['hybrid']['mrr']:.3f} vs "
                   f"{b['dense']['mrr']:.3f}, ratio {b['ratio']['mrr']}")
    failed = [g for g in summary.get("gates", []) if not g["ok"]]
    for g in failed:
        typer.echo(f"GATE FAILED {g['metric']}: {g['value']} (needs {g['op']} {g['threshold']})")
    typer.echo(f"wrote {options.out}")
    if compare:
        typer.echo(render(compare_runs(compare, options.out)))  # type: ignore[arg-type]
    if gate and failed:
        raise typer.Exit(1)


def bench_command(
    dataset: Annotated[Path | None, typer.Option(help="Questions to time (gold set).")] = None,
    out: Annotated[Path, typer.Option(help="JSON output.")] = BENCH_OUT,
    http: Annotated[bool, typer.Option(help="Also time the HTTP API under uvicorn.")] = True,
    concurrency: Annotated[list[int] | None, typer.Option(help="HTTP concurrency levels.")] = None,
    requests: Annotated[int, typer.Option(help="HTTP requests per level.")] = 96,
) -> None:
    """Cold ingest, no-change re-ingest, warm latency, HTTP throughput, RSS, first answer."""
    from assistant.evals.bench import BenchOptions, render_table, run_bench
    from assistant.evals.session import DEFAULT_DATASET

    options = BenchOptions(dataset=dataset or DEFAULT_DATASET, http=http,
                           concurrency=tuple(concurrency or (1, 8, 32)), requests=requests)
    result = run_bench(_settings(), options, log=lambda m: typer.echo(m, err=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    typer.echo(render_table(result))
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
    app.command("bench")(bench_command)
