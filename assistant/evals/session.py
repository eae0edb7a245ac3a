"""One evaluation run end to end: load, replay, score, summarise, write, compare."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evals.dataset import load_dataset
from assistant.evals.gate import check, load_thresholds
from assistant.evals.metrics import summarize
from assistant.evals.runner import (
    Baseline,
    HttpTarget,
    InProcessTarget,
    Knowledge,
    Target,
    baseline_summary,
    run,
)
from assistant.settings import REPO_ROOT, Settings

DEFAULT_DATASET = REPO_ROOT / "evals" / "datasets" / "gold.jsonl"
DEFAULT_THRESHOLDS = REPO_ROOT / "evals" / "thresholds.yaml"
# The gold set's dated answers (deadlines, days left) are written for this date.
DEFAULT_AS_OF = dt.date(2026, 11, 26)


@dataclass
class EvalOptions:
    dataset: Path = DEFAULT_DATASET
    url: str | None = None
    api_key: str | None = None
    out: Path | None = None
    as_of: dt.date = DEFAULT_AS_OF
    thresholds: Path | None = DEFAULT_THRESHOLDS
    baseline: bool = True


def _in_process(settings: Settings, with_baseline: bool) -> tuple[Target, Baseline | None]:
    from assistant.chat.pipeline import AnswerPipeline
    from assistant.evals.baseline import DenseRetriever

    pipeline = AnswerPipeline.from_settings(settings)
    retriever = pipeline.retriever
    if not len(retriever.corpus):  # type: ignore[attr-defined]
        raise RuntimeError("the index is empty: run `assistant ingest` first")
    baseline = None
    if with_baseline:
        baseline = Baseline(retriever, DenseRetriever(retriever.collection), settings.top_k)  # type: ignore[arg-type,attr-defined]
    return InProcessTarget(pipeline), baseline


def evaluate(
    settings: Settings,
    options: EvalOptions,
    on_item: Callable[[int, dict[str, Any]], None] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Run the dataset and return (summary, rows); writes the run folder if `options.out`."""
    items = load_dataset(options.dataset)
    started = dt.datetime.now().isoformat(timespec="seconds")
    if options.url:
        target: Target = HttpTarget(options.url, options.api_key)
        baseline = None
    else:
        target, baseline = _in_process(settings, options.baseline)
    knowledge = Knowledge.load(settings.knowledge_dir)
    rows = run(items, target, as_of=options.as_of, knowledge=knowledge, baseline=baseline,
               on_item=on_item)
    summary: dict[str, Any] = {
        "run": {"started": started, "dataset": str(options.dataset), "target": target.name,
                "as_of": options.as_of.isoformat(), "items": len(items)},
        **summarize(rows),
    }
    summary["baseline"] = baseline_summary(rows)
    if options.thresholds and options.thresholds.is_file():
        summary["gates"] = check(summary, load_thresholds(options.thresholds))
    if options.out:
        from assistant.evals.report import write_run

        write_run(options.out, summary, rows)
    return summary, rows
