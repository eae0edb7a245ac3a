"""Write a run folder: results.jsonl, summary.json, report.md and chart.png."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.evals.metrics import METRICS

_SHOWN = ("hit@1", "hit@5", "mrr", "ndcg@5", "coverage", "status", "verdict", "faithfulness",
          "citations", "pass")


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(groups: Mapping[str, Mapping[str, Any]], first: str) -> list[str]:
    head = [first, "items", *_SHOWN, "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in groups.items():
        cells = [name, str(s["items"]), *(_fmt(s.get(m)) for m in _SHOWN),
                 _fmt(s.get("latency_p50_ms")), _fmt(s.get("latency_p95_ms"))]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def worst(rows: Sequence[Mapping[str, Any]], n: int = 15) -> list[Mapping[str, Any]]:
    """Failing items ordered by how many of their checks failed."""

    def badness(row: Mapping[str, Any]) -> tuple[float, int]:
        checks = [v for k, v in row["scores"].items() if v is not None and k != "pass"]
        return (sum(checks) / len(checks) if checks else 1.0, -len(row["failures"]))

    failing = [r for r in rows if r["scores"].get("pass") != 1.0]
    return sorted(failing, key=badness)[:n]


def markdown(summary: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> str:
    out = [f"# Evaluation run {summary['run']['started']}", "",
           f"Dataset `{summary['run']['dataset']}` ({summary['overall']['items']} items), target "
           f"`{summary['run']['target']}`, as of {summary['run']['as_of']}.", "", "## Overall", ""]
    out += _table({"all": summary["overall"]}, "")
    out += ["", "## By category", "", *_table(summary["by_category"], "category")]
    out += ["", "## By language", "", *_table(summary["by_lang"], "lang")]
    base = summary.get("baseline")
    if base:
        out += ["", f"## Hybrid vs dense-only baseline ({base['items']} items, same queries)", "",
                "| retriever | hit@1 | hit@5 | MRR | nDCG@5 |", "|---|---|---|---|---|"]
        for system in ("hybrid", "dense", "ratio"):
            s = base[system]
            out.append(f"| {system} | " + " | ".join(_fmt(s[m]) for m in s) + " |")
    gates = summary.get("gates")
    if gates:
        out += ["", "## Gate", "", "| metric | value | threshold | ok |", "|---|---|---|---|"]
        for g in gates:
            out.append(f"| {g['metric']} | {_fmt(g['value'])} | {g['op']} {g['threshold']} | "
                       f"{'yes' if g['ok'] else 'NO'} |")
    out += ["", "## Worst items", ""]
    for row in worst(rows):
        out.append(f"- **{row['id']}** ({row['lang']}, {row['category']}, status "
                   f"{row['status']}): {row['turns'][-1]}")
        out += [f"  - {f}" for f in row["failures"][:6]]
    return "\n".join(out) + "\n"


def chart(summary: Mapping[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = ["hit@5", "mrr", "coverage", "status", "verdict", "faithfulness", "pass"]
    groups = {**{f"cat:{k}": v for k, v in summary["by_category"].items()},
              **{f"lang:{k}": v for k, v in summary["by_lang"].items()}}
    fig, ax = plt.subplots(figsize=(12, 5))
    width = 0.8 / len(metrics)
    for i, metric in enumerate(metrics):
        values = [g.get(metric) or 0.0 for g in groups.values()]
        ax.bar([x + i * width for x in range(len(groups))], values, width, label=metric)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(groups))], list(groups), rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title("IMMEX Guide evaluation: scores by category and language")
    ax.legend(ncol=len(metrics), fontsize=8, loc="lower center")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_run(out: Path, summary: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(markdown(summary, rows), encoding="utf-8")
    chart(summary, out / "chart.png")


__all__ = ["METRICS", "chart", "markdown", "worst", "write_run"]
