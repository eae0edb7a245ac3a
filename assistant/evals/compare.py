"""Compare a run with an earlier one: metric deltas and the items that flipped."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.evals.metrics import METRICS

_EXTRA = ("latency_p50_ms", "latency_p95_ms", "unsupported_numbers")


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    rows: dict[str, dict[str, Any]] = {}
    with (run_dir / "results.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return summary, rows


def deltas(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per metric: old value, new value and new - old (None where either is missing)."""
    out: dict[str, dict[str, Any]] = {}
    for metric in (*METRICS, *_EXTRA):
        a, b = old.get(metric), new.get(metric)
        delta = None if a is None or b is None else round(b - a, 4)
        out[metric] = {"old": a, "new": b, "delta": delta}
    return out


def flipped(
    old_rows: Mapping[str, Mapping[str, Any]], new_rows: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[str]]:
    """Items whose overall pass changed, and items present in only one run."""
    fixed, broke = [], []
    for item_id in sorted(set(old_rows) & set(new_rows)):
        was = old_rows[item_id]["scores"].get("pass") == 1.0
        now = new_rows[item_id]["scores"].get("pass") == 1.0
        if was and not now:
            broke.append(item_id)
        elif now and not was:
            fixed.append(item_id)
    return {"now_failing": broke, "now_passing": fixed,
            "added": sorted(set(new_rows) - set(old_rows)),
            "removed": sorted(set(old_rows) - set(new_rows))}


def compare_runs(old_dir: Path, new_dir: Path) -> dict[str, Any]:
    old_summary, old_rows = load_run(old_dir)
    new_summary, new_rows = load_run(new_dir)
    return {"overall": deltas(old_summary["overall"], new_summary["overall"]),
            "flipped": flipped(old_rows, new_rows)}


def render(result: Mapping[str, Any]) -> str:
    lines = [f"{'metric':<22}{'old':>10}{'new':>10}{'delta':>10}"]
    for metric, d in result["overall"].items():
        cells = ["–" if d[k] is None else f"{d[k]:.3f}" for k in ("old", "new")]
        delta = "–" if d["delta"] is None else f"{d['delta']:+.3f}"
        lines.append(f"{metric:<22}{cells[0]:>10}{cells[1]:>10}{delta:>10}")
    flips = result["flipped"]
    for key, label in (("now_failing", "Now failing"), ("now_passing", "Now passing"),
                       ("added", "Added"), ("removed", "Removed")):
        if flips[key]:
            lines.append(f"{label} ({len(flips[key])}): {', '.join(flips[key])}")
    if not any(flips.values()):
        lines.append("No item flipped.")
    return "\n".join(lines)
