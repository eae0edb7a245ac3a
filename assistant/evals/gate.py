"""Release gate: compare a run's summary with `evals/thresholds.yaml`.

The file has `min:` (metric must be at least) and `max:` (at most) maps over the keys of the
overall summary, plus `es_en_gap` (largest English-minus-Spanish difference on the gap metrics).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

GAP_METRICS = ("hit@5", "coverage", "status")


def es_en_gap(summary: Mapping[str, Any]) -> float | None:
    langs = summary.get("by_lang", {})
    en, es = langs.get("en"), langs.get("es")
    if not en or not es:
        return None
    gaps = [en[m] - es[m] for m in GAP_METRICS if en.get(m) is not None and es.get(m) is not None]
    return round(max(gaps), 4) if gaps else None


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"min": dict(raw.get("min") or {}), "max": dict(raw.get("max") or {})}


def check(
    summary: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]]
) -> list[dict[str, Any]]:
    """One entry per threshold: metric, value, op, threshold, ok (a missing value fails)."""
    values = dict(summary["overall"])
    values["es_en_gap"] = es_en_gap(summary)
    results = []
    for op, table in (("min", thresholds.get("min", {})), ("max", thresholds.get("max", {}))):
        for metric, limit in table.items():
            value = values.get(metric)
            ok = value is not None and (value >= limit if op == "min" else value <= limit)
            results.append({"metric": metric, "value": value, "op": ">=" if op == "min" else "<=",
                            "threshold": limit, "ok": ok})
    return results
