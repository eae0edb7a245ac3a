from __future__ import annotations

import math
from typing import Any

import pytest

from assistant.chat.answer import Answer, AnswerStatus, Citation
from assistant.evals.dataset import GoldItem
from assistant.evals.metrics import (
    citation_problems,
    coverage,
    percentile,
    ranked_notes,
    retrieval_scores,
    score_item,
    summarize,
    unsupported_numbers,
)


def _answer(text: str, status: str = "answered", **extra: Any) -> dict[str, Any]:
    cite = Citation(index=1, note_id="export-commitment-en", title="T", section="S",
                    as_of="2026-02-01", lang="en", snippet="...", chunk_id="export-commitment-en:a")
    return Answer(status=AnswerStatus(status), text=text, citations=[cite], lang="en",
                  route="faq", route_confidence=0.9, **extra).model_dump(mode="json")


def test_retrieval_scores_on_a_hand_ranking() -> None:
    s = retrieval_scores(["a", "b", "c"], ["b"])
    assert s == {"hit@1": 0.0, "hit@5": 1.0, "mrr": 0.5, "ndcg@5": pytest.approx(1 / math.log2(3))}
    assert retrieval_scores(["x", "y"], ["b"])["mrr"] == 0.0
    assert retrieval_scores(["b", "a"], ["a", "b"])["ndcg@5"] == pytest.approx(1.0)
    assert retrieval_scores(["a"], [])["hit@1"] is None


def test_ranked_notes_keeps_first_rank_of_each_note() -> None:
    assert ranked_notes(["n1:x", "n2:y", "n1:z"]) == ["n1", "n2"]


def test_coverage_reports_what_is_missing() -> None:
    text = "Exports above USD 500 000 or 10 % of sales"
    score, missing = coverage(text, ["500,000", "10%", "PROSEC"])
    assert score == pytest.approx(2 / 3) and missing == ["PROSEC"]
    assert coverage("anything", []) == (None, [])


def test_unsupported_numbers_flags_only_invented_ones() -> None:
    trusted = ["The minimum is USD 500,000.", '{"deadline": "2027-05-31"}']
    assert unsupported_numbers("USD 500 thousand, due 31 May 2027", trusted) == []
    invented = unsupported_numbers("USD 750,000, due 1 June 2027", trusted)
    assert invented == ["750000", "date20270601"]


def test_citation_problems() -> None:
    answer = _answer("Text [1] and [3].")
    problems = citation_problems(answer, {"export-commitment-en"}, {"export-commitment-en:a"})
    assert problems == ["marker [3] has no citation"]
    assert citation_problems(answer, set(), None)[-1].startswith("[1] cites unknown note")
    assert "not retrieved" in citation_problems(answer, {"export-commitment-en"}, set())[-1]


def test_score_item_on_a_good_and_a_bad_answer() -> None:
    item = GoldItem(id="e1", question="q", must_include=["500,000"], must_not_include=["PITEX"],
                    gold_sources=["export-commitment-en"], expected_status="answered",
                    expected_rule="export_commitment", expected_verdict="meets")
    good = _answer("Above USD 500,000 [1].")
    good["rule_results"] = [{"rule_id": "export_commitment", "verdict": "meets"}]
    scores, detail = score_item(item, good, ranked=["export-commitment-en"],
                                trusted=["USD 500,000"], known_notes={"export-commitment-en"},
                                retrieved={"export-commitment-en:a"})
    assert scores["pass"] == 1.0 and scores["verdict"] == 1.0 and detail["failures"] == []

    bad = _answer("Was PITEX; USD 900 [1].", status="needs_info")
    bad["rule_results"] = [{"rule_id": "export_commitment", "verdict": "needs_info"}]
    scores, detail = score_item(item, bad, ranked=["who-can-apply-en"], trusted=[],
                                known_notes={"export-commitment-en"}, retrieved=None)
    assert scores["coverage"] == 0.0 and scores["must_not_ok"] == 0.0
    assert scores["status"] == 0.0 and scores["rule"] == 1.0 and scores["verdict"] == 0.0
    assert scores["faithfulness"] == 0.0 and scores["hit@5"] == 0.0 and scores["pass"] == 0.0
    assert "unsupported number: 900" in detail["failures"]


def test_out_of_scope_item_accepts_not_covered() -> None:
    item = GoldItem(id="o", question="weather?", category="out_of_scope")
    declined = _answer("Not covered.", status="not_covered")
    scores, _ = score_item(item, declined, ranked=[], trusted=[],
                           known_notes={"export-commitment-en"}, retrieved=None)
    assert scores["status"] == 1.0 and scores["hit@1"] is None


def test_summary_breaks_down_by_category_and_language() -> None:
    rows = [{"category": "faq", "lang": "en", "latency_ms": [10.0], "unsupported_numbers": [],
             "scores": {"coverage": 1.0, "pass": 1.0}},
            {"category": "faq", "lang": "es", "latency_ms": [30.0, 50.0],
             "unsupported_numbers": ["9"], "scores": {"coverage": 0.5, "pass": 0.0}}]
    s = summarize(rows)
    assert s["overall"]["coverage"] == 0.75 and s["overall"]["unsupported_numbers"] == 1
    assert s["by_lang"]["es"]["pass"] == 0.0 and s["by_category"]["faq"]["items"] == 2
    assert s["overall"]["latency_p50_ms"] == 30.0 and s["overall"]["mrr"] is None
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
