"""Per-item scores and their aggregation by category and language.

Each score is None when the item gives nothing to check it against (no gold sources, no
must-include list, no expected rule...), so averages only count items that say something.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from assistant.evals.dataset import GoldItem
from assistant.evals.matching import contains, number_tokens

Scores = dict[str, float | None]

# Score keys in report order; all are "higher is better" fractions in 0..1.
METRICS: tuple[str, ...] = (
    "hit@1", "hit@5", "mrr", "ndcg@5", "coverage", "must_not_ok", "status", "rule", "verdict",
    "faithfulness", "citations", "pass",
)
_MARKER = re.compile(r"\[(\d{1,2})\]")


def ranked_notes(chunk_ids: Iterable[str]) -> list[str]:
    """Note ids in the order their first chunk was ranked (chunk ids are '<note_id>:<hash>')."""
    return list(dict.fromkeys(str(c).split(":", 1)[0] for c in chunk_ids))


def retrieval_scores(ranked: Sequence[str], gold: Iterable[str], k: int = 5) -> Scores:
    """hit@1, hit@k, reciprocal rank and binary nDCG@k of a ranked list of note ids."""
    wanted = set(gold)
    if not wanted:
        return {"hit@1": None, f"hit@{k}": None, "mrr": None, f"ndcg@{k}": None}
    top = list(ranked[:k])
    first = next((i for i, note in enumerate(ranked) if note in wanted), None)
    dcg = sum(1.0 / math.log2(i + 2) for i, note in enumerate(top) if note in wanted)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(wanted), k)))
    return {
        "hit@1": float(bool(top) and top[0] in wanted),
        f"hit@{k}": float(any(note in wanted for note in top)),
        "mrr": 0.0 if first is None else 1.0 / (first + 1),
        f"ndcg@{k}": dcg / ideal,
    }


def coverage(text: str, must_include: Sequence[str]) -> tuple[float | None, list[str]]:
    """Share of must-include phrases found in `text`, and the ones missing."""
    if not must_include:
        return None, []
    missing = [phrase for phrase in must_include if not contains(text, phrase)]
    return 1 - len(missing) / len(must_include), missing


def violations(text: str, must_not_include: Sequence[str]) -> list[str]:
    return [phrase for phrase in must_not_include if contains(text, phrase)]


def unsupported_numbers(text: str, trusted: Iterable[str]) -> list[str]:
    """Number and date tokens of `text` found in none of the trusted texts."""
    pool: set[str] = set()
    for source in trusted:
        pool.update(number_tokens(source))
    return list(dict.fromkeys(t for t in number_tokens(text) if t not in pool))


def citation_problems(
    answer: Mapping[str, Any], known_notes: set[str], retrieved: set[str] | None
) -> list[str]:
    """Markers without a citation, citations to unknown notes or to passages not retrieved."""
    citations = answer.get("citations") or []
    indexes = [int(c.get("index", 0)) for c in citations]
    problems = [f"marker [{n}] has no citation" for n in
                sorted({int(m) for m in _MARKER.findall(answer.get("text", ""))} - set(indexes))]
    if len(indexes) != len(set(indexes)):
        problems.append("duplicate citation index")
    for c in citations:
        if c.get("note_id") not in known_notes:
            problems.append(f"[{c.get('index')}] cites unknown note {c.get('note_id')!r}")
        elif retrieved is not None and c.get("chunk_id") not in retrieved:
            problems.append(f"[{c.get('index')}] cites a passage that was not retrieved")
    return problems


def rule_scores(item: GoldItem, answer: Mapping[str, Any]) -> tuple[float | None, float | None]:
    results = answer.get("rule_results") or []
    rule_ok: float | None = None
    verdict_ok: float | None = None
    chosen = results[0] if results else None
    if item.expected_rule:
        chosen = next((r for r in results if r.get("rule_id") == item.expected_rule), None)
        rule_ok = float(chosen is not None)
    if item.expected_verdict:
        verdict_ok = float(chosen is not None and chosen.get("verdict") == item.expected_verdict)
    return rule_ok, verdict_ok


def score_item(
    item: GoldItem,
    answer: Mapping[str, Any],
    *,
    ranked: Sequence[str],
    trusted: Sequence[str],
    known_notes: set[str],
    retrieved: set[str] | None,
) -> tuple[Scores, dict[str, Any]]:
    """All scores of one answered item, plus what went wrong (for the report)."""
    text = str(answer.get("text", ""))
    scores: Scores = dict(retrieval_scores(ranked, item.gold_sources))
    scores["coverage"], missing = coverage(text, item.must_include)
    bad = violations(text, item.must_not_include)
    scores["must_not_ok"] = float(not bad) if item.must_not_include else None
    accepted = item.accepted_statuses
    status = str(answer.get("status", ""))
    scores["status"] = None if accepted is None else float(status in accepted)
    scores["rule"], scores["verdict"] = rule_scores(item, answer)
    unsupported = unsupported_numbers(text, trusted)
    scores["faithfulness"] = float(not unsupported)
    problems = citation_problems(answer, known_notes, retrieved)
    scores["citations"] = float(not problems)
    checks = [v for k, v in scores.items() if k not in ("hit@1", "mrr", "ndcg@5") and v is not None]
    scores["pass"] = float(all(v == 1.0 for v in checks))
    failures: list[str] = [f"missing: {m}" for m in missing]
    failures += [f"must not include: {b}" for b in bad]
    if scores["status"] == 0.0:
        failures.append(f"status {status}, expected {'/'.join(sorted(accepted or []))}")
    if scores["rule"] == 0.0:
        got = [r.get("rule_id") for r in answer.get("rule_results") or []]
        failures.append(f"rule {got or 'none'}, expected {item.expected_rule}")
    if scores["verdict"] == 0.0:
        failures.append(f"verdict wrong, expected {item.expected_verdict}")
    if scores.get("hit@5") == 0.0:
        failures.append(f"gold source not in top 5 (got {list(ranked[:5])})")
    failures += [f"unsupported number: {n}" for n in unsupported]
    failures += problems
    detail = {"missing": missing, "violations": bad, "unsupported_numbers": unsupported,
              "citation_problems": problems, "failures": failures}
    return scores, detail


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def mean_scores(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Mean of every metric over the rows that have it, with counts and latency."""
    out: dict[str, Any] = {"items": len(rows)}
    for metric in METRICS:
        values = [r["scores"][metric] for r in rows if r["scores"].get(metric) is not None]
        out[metric] = round(sum(values) / len(values), 4) if values else None
        out[f"n_{metric}"] = len(values)
    out["unsupported_numbers"] = sum(len(r["unsupported_numbers"]) for r in rows)
    latencies = [ms for r in rows for ms in r["latency_ms"]]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    out["latency_p50_ms"] = None if p50 is None else round(p50, 2)
    out["latency_p95_ms"] = None if p95 is None else round(p95, 2)
    return out


def summarize(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Overall figures plus the same broken down by category and by language."""

    def split(key: str) -> dict[str, Any]:
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            groups.setdefault(str(row[key]), []).append(row)
        return {name: mean_scores(group) for name, group in sorted(groups.items())}

    return {"overall": mean_scores(rows), "by_category": split("category"),
            "by_lang": split("lang")}

