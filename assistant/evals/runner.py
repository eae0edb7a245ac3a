"""Replay gold items against the pipeline (in-process) or a running API (`--url`).

A multi-turn item is played turn by turn: each reply is appended to the history before the
next user message, exactly as a client would, and the last answer is the one scored.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.evals.dataset import GoldItem
from assistant.evals.metrics import ranked_notes, retrieval_scores, score_item

if TYPE_CHECKING:
    from assistant.chat.pipeline import AnswerPipeline
    from assistant.evals.baseline import DenseRetriever
    from assistant.retrieval.hybrid import HybridRetriever

Messages = list[dict[str, str]]


class Target(Protocol):
    name: str

    def ask(self, messages: Messages, as_of: dt.date) -> dict[str, Any]: ...


class InProcessTarget:
    name = "in-process"

    def __init__(self, pipeline: AnswerPipeline) -> None:
        self.pipeline = pipeline

    def ask(self, messages: Messages, as_of: dt.date) -> dict[str, Any]:
        from assistant.chat.answer import Message

        history = [Message(role=m["role"], content=m["content"]) for m in messages]  # type: ignore[arg-type]
        return self.pipeline.answer(history, as_of=as_of).model_dump(mode="json")


class HttpTarget:
    """POSTs each turn to `/api/v1/chat` of a running API."""

    def __init__(self, url: str, api_key: str | None = None, timeout: float = 60.0) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.name = url
        self.client = httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=timeout)

    def ask(self, messages: Messages, as_of: dt.date) -> dict[str, Any]:
        body = {"messages": messages, "lang": None, "audience": "investor",
                "as_of": as_of.isoformat()}
        response = self.client.post("/api/v1/chat", json=body)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
        data: dict[str, Any] = response.json()
        return data


@dataclass
class Baseline:
    """Hybrid and dense-only retrieval of the same standalone question, side by side."""

    hybrid: HybridRetriever
    dense: DenseRetriever
    k: int = 5

    def compare(self, question: str, lang: str, gold: Sequence[str]) -> dict[str, Any]:
        vector = self.hybrid.embedder.embed_query(question)
        hybrid_docs = self.hybrid.search(question, k=self.k, lang=lang, query_vector=vector)
        hybrid = ranked_notes(str(d.metadata.get("chunk_id")) for d in hybrid_docs)
        dense = ranked_notes(self.dense.search_ids(vector, k=self.k, lang=lang))
        return {"hybrid": retrieval_scores(hybrid, gold, self.k),
                "dense": retrieval_scores(dense, gold, self.k),
                "hybrid_ranked": hybrid, "dense_ranked": dense}


@dataclass
class Knowledge:
    """Note texts (for the number check) and the set of valid note ids."""

    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, knowledge_dir: Path) -> Knowledge:
        from assistant.knowledge.loader import DocumentError, discover_files, load_document

        texts: dict[str, str] = {}
        for path in discover_files([knowledge_dir]):
            try:
                doc = load_document(path)
            except DocumentError:
                continue  # ingest skips it too, so nothing can cite it
            parts = [doc.title, *(f"{s.heading}\n{s.text}" for s in doc.sections)]
            texts[doc.doc_id] = "\n".join(parts)
        return cls(texts)


def _step(answer: dict[str, Any], name: str) -> dict[str, Any]:
    for timing in answer.get("timings") or []:
        if timing.get("step") == name:
            return dict(timing.get("detail") or {})
    return {}


def trusted_texts(answer: dict[str, Any], turns: Sequence[str], knowledge: Knowledge) -> list[str]:
    """What an answer's numbers may come from: cited notes, rule results, the user's turns."""
    texts = list(turns)
    for c in answer.get("citations") or []:
        texts.append(knowledge.texts.get(str(c.get("note_id")), ""))
        texts.append(" ".join(str(c.get(k, "")) for k in ("title", "section", "as_of", "url")))
        texts.extend(str(r) for r in c.get("references") or [])
    for result in answer.get("rule_results") or []:
        texts.append(json.dumps(result, ensure_ascii=False))
    return texts


def run_item(
    item: GoldItem,
    target: Target,
    as_of: dt.date,
    knowledge: Knowledge,
    baseline: Baseline | None = None,
) -> dict[str, Any]:
    messages: Messages = []
    latencies: list[float] = []
    answer: dict[str, Any] = {}
    error: str | None = None
    try:
        for turn in item.user_turns:
            messages.append({"role": "user", "content": turn})
            start = time.perf_counter()
            answer = target.ask(messages, as_of)
            latencies.append(round((time.perf_counter() - start) * 1000, 3))
            messages.append({"role": "assistant", "content": str(answer.get("text", ""))})
    except Exception as exc:  # one broken item must not stop the run; it scores zero
        error = f"{type(exc).__name__}: {exc}"
        answer = {"status": "error", "text": "", "citations": [], "rule_results": []}
    retrieve = _step(answer, "retrieve")
    chunks = [str(c) for c in retrieve.get("chunks") or []]
    ranked = ranked_notes(chunks)
    scores, detail = score_item(
        item, answer, ranked=ranked,
        trusted=trusted_texts(answer, item.user_turns, knowledge),
        known_notes=set(knowledge.texts), retrieved=set(chunks) if retrieve else None,
    )
    if error:
        scores["pass"] = 0.0
        detail["failures"].insert(0, error)
    question = str(_step(answer, "standalone").get("question") or item.user_turns[-1])
    row: dict[str, Any] = {
        "id": item.id, "lang": item.lang, "category": item.category,
        "turns": item.user_turns, "expected_answer": item.expected_answer,
        "expected_status": sorted(item.accepted_statuses or []),
        "status": answer.get("status"), "route": answer.get("route"),
        "text": answer.get("text", ""), "citations": answer.get("citations", []),
        "rule_results": [{k: r.get(k) for k in ("rule_id", "verdict", "missing_facts", "outputs")}
                         for r in answer.get("rule_results") or []],
        "ranked_notes": ranked, "gold_sources": item.gold_sources,
        "standalone_question": question, "latency_ms": latencies, "error": error,
        "scores": scores, **detail,
    }
    if baseline is not None and item.gold_sources:
        row["retrieval_compare"] = baseline.compare(
            question, str(answer.get("lang") or item.lang), item.gold_sources
        )
    return row


def run(
    items: Sequence[GoldItem],
    target: Target,
    *,
    as_of: dt.date,
    knowledge: Knowledge,
    baseline: Baseline | None = None,
    on_item: Callable[[int, dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(items, start=1):
        row = run_item(item, target, as_of, knowledge, baseline)
        rows.append(row)
        if on_item:
            on_item(number, row)
    return rows


def baseline_summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Mean hybrid vs dense retrieval scores and the hybrid/dense ratio per metric."""
    compared = [r["retrieval_compare"] for r in rows if "retrieval_compare" in r]
    if not compared:
        return None
    out: dict[str, Any] = {"items": len(compared)}
    for system in ("hybrid", "dense"):
        out[system] = {m: round(sum(c[system][m] for c in compared) / len(compared), 4)
                       for m in ("hit@1", "hit@5", "mrr", "ndcg@5")}
    out["ratio"] = {m: (round(out["hybrid"][m] / out["dense"][m], 3) if out["dense"][m] else None)
                    for m in out["hybrid"]}
    return out
