from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from assistant.evals.compare import compare_runs, render
from assistant.evals.dataset import GoldItem
from assistant.evals.gate import check, es_en_gap
from assistant.evals.metrics import summarize
from assistant.evals.report import write_run
from assistant.evals.runner import Knowledge, run

KNOWLEDGE = Knowledge({"export-commitment-en": "Exports above USD 500,000 or 10% of sales."})


class FakeTarget:
    """Answers from a script; records the histories it was sent."""

    name = "fake"

    def __init__(self, replies: dict[str, dict[str, Any]]) -> None:
        self.replies = replies
        self.seen: list[list[dict[str, str]]] = []

    def ask(self, messages: list[dict[str, str]], as_of: dt.date) -> dict[str, Any]:
        self.seen.append(list(messages))
        reply = self.replies[messages[-1]["content"]]
        if isinstance(reply, Exception):
            raise reply
        return reply


def _reply(text: str, status: str = "answered") -> dict[str, Any]:
    return {"status": status, "text": text, "lang": "en", "rule_results": [],
            "citations": [{"index": 1, "note_id": "export-commitment-en",
                           "chunk_id": "export-commitment-en:a", "references": []}],
            "timings": [{"step": "retrieve", "detail": {"chunks": ["export-commitment-en:a"]}}]}


ITEMS = [
    GoldItem(id="a", question="How much?", must_include=["500,000"],
             gold_sources=["export-commitment-en"], expected_status="answered"),
    GoldItem(id="b", turns=["first", "second"], must_include=["10%"], category="multi_turn"),
    GoldItem(id="c", question="boom", lang="es"),
]


def _run(replies: dict[str, Any]) -> tuple[list[dict[str, Any]], FakeTarget]:
    target = FakeTarget(replies)
    rows = run(ITEMS, target, as_of=dt.date(2026, 11, 26), knowledge=KNOWLEDGE)
    return rows, target


def test_multi_turn_history_and_errors() -> None:
    rows, target = _run({"How much?": _reply("Above USD 500,000 [1]."),
                         "first": _reply("One."), "second": _reply("At least 10 % [1]."),
                         "boom": RuntimeError("server down")})
    assert [m["role"] for m in target.seen[2]] == ["user", "assistant", "user"]
    assert target.seen[2][1]["content"] == "One."
    assert rows[0]["scores"]["pass"] == 1.0 and rows[0]["scores"]["hit@1"] == 1.0
    assert rows[1]["scores"]["coverage"] == 1.0 and len(rows[1]["latency_ms"]) == 2
    assert rows[2]["scores"]["pass"] == 0.0 and "server down" in rows[2]["failures"][0]


def _write(tmp: Path, name: str, replies: dict[str, Any]) -> Path:
    rows, _ = _run(replies)
    summary = {"run": {"started": "t", "dataset": "d", "target": "fake", "as_of": "2026-11-26"},
               **summarize(rows)}
    write_run(tmp / name, summary, rows)
    return tmp / name


def test_report_files_and_compare_flips(tmp_path: Path) -> None:
    good = {"How much?": _reply("Above USD 500,000 [1]."), "first": _reply("One."),
            "second": _reply("10 % [1]."), "boom": _reply("ok")}
    worse = {**good, "How much?": _reply("Above USD 400,000 [1].")}
    old, new = _write(tmp_path, "old", good), _write(tmp_path, "new", worse)
    assert (new / "chart.png").stat().st_size > 1000
    assert "**a**" in (new / "report.md").read_text()
    assert len((new / "results.jsonl").read_text().splitlines()) == 3
    result = compare_runs(old, new)
    assert result["flipped"]["now_failing"] == ["a"] and result["flipped"]["now_passing"] == []
    assert result["overall"]["coverage"]["delta"] < 0
    assert "Now failing (1): a" in render(result)
    assert json.loads((new / "summary.json").read_text())["overall"]["items"] == 3


def test_gate_checks_min_max_and_language_gap() -> None:
    summary = {"overall": {"hit@5": 0.9, "unsupported_numbers": 2},
               "by_lang": {"en": {"hit@5": 0.95, "coverage": 0.9, "status": 1.0},
                           "es": {"hit@5": 0.85, "coverage": 0.9, "status": 1.0}}}
    assert es_en_gap(summary) == 0.1
    results = {g["metric"]: g["ok"] for g in check(
        summary, {"min": {"hit@5": 0.9, "mrr": 0.5}, "max": {"unsupported_numbers": 1,
                                                              "es_en_gap": 0.1}})}
    assert results == {"hit@5": True, "mrr": False, "unsupported_numbers": False,
                       "es_en_gap": True}
