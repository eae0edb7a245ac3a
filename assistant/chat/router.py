"""Deterministic router: keyword rules first, then the nearest labelled examples by embedding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

import numpy as np
import yaml

from assistant.chat.facts.model import ConversationFacts
from assistant.chat.topics import (
    eligibility_phrasing,
    fact_topics,
    keyword_topics,
    out_of_scope_variant,
    own_case,
)

RULE_ROUTES = (
    "export_commitment", "applicant_profile", "premises", "modality",
    "temporary_import_deadline", "annual_report_deadline", "post_cancellation",
    "change_notice", "vat_ieps_certification",
)  # fmt: skip
CANNED_ROUTES = ("greeting", "handoff", "out_of_scope")

_GREETING = re.compile(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?(?: very much)?|"
    r"thank you|ok(?:ay)?|great|hola|buen(?:os|as) (?:d[ií]as|tardes|noches)|gracias|"
    r"muchas gracias|saludos|qu[eé] tal)\b[\s!.,¡¿?]*(?:there|a todos|so much|that helps|"
    r"me sirve)?[\s!.?]*$",
    re.IGNORECASE,
)
_HANDOFF = re.compile(
    r"\b(?:talk|speak|chat) (?:to|with) (?:a |an |someone|somebody|your )?(?:human|person|"
    r"agent|representative|sales|advisor|adviser|team|people)|call me|contact me|"
    r"(?:hablar|platicar) con (?:una persona|alguien|un asesor|un humano|ventas|un agente)|"
    r"(?:me|nos) (?:puede|pueden) (?:llamar|contactar)|contacten|ll[aá]menme|asesor humano",
    re.IGNORECASE,
)


def _concrete(f: ConversationFacts) -> bool:
    """Whether the turn states figures or dates (a specific case, whoever it is about)."""
    numbers = (f.export_share_pct, f.lease_term_months, f.lease_remaining_months)
    return bool(
        f.last_date
        or f.export_sales
        or f.total_sales
        or f.fiscal_year
        or f.workers
        or f.returns_pct is not None
        or any(n is not None for n in numbers)
    )


class VectorEmbedder(Protocol):
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class RouteDecision:
    label: str
    confidence: float
    via: str
    variant: str | None = None
    neighbours: list[tuple[str, float]] = field(default_factory=list)

    def detail(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "via": self.via,
            "variant": self.variant,
            "neighbours": [(lbl, round(sim, 3)) for lbl, sim in self.neighbours[:3]],
        }


def load_examples() -> dict[str, list[str]]:
    """Route label -> example questions (EN and ES together)."""
    text = (
        resources.files("assistant.chat").joinpath("data/router_examples.yaml").read_text("utf-8")
    )
    raw: dict[str, dict[str, list[str]]] = yaml.safe_load(text)
    return {label: [q for qs in by_lang.values() for q in qs] for label, by_lang in raw.items()}


class Router:
    """Labels a turn; example embeddings are computed once, at construction."""

    def __init__(self, embedder: VectorEmbedder, examples: dict[str, list[str]] | None = None):
        examples = examples or load_examples()
        self.labels: list[str] = [lbl for lbl, qs in examples.items() for _ in qs]
        texts = [q for qs in examples.values() for q in qs]
        self.matrix = np.asarray(embedder.embed_documents(texts), dtype=np.float32)

    def neighbours(self, vector: Sequence[float], k: int = 5) -> list[tuple[str, float]]:
        sims = self.matrix @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-sims)[:k]
        return [(self.labels[i], float(sims[i])) for i in top]

    def route(
        self,
        text: str,
        standalone: str,
        vector: Sequence[float],
        turn_facts: ConversationFacts,
        follow_up: bool = False,
    ) -> RouteDecision:
        """Route the current turn `text`; `standalone` adds earlier context for follow-ups."""
        near = self.neighbours(vector)
        if _HANDOFF.search(text):
            return RouteDecision("handoff", 0.95, "keyword", neighbours=near)
        if variant := out_of_scope_variant(text):
            return RouteDecision("out_of_scope", 0.9, "keyword", variant, near)
        if _GREETING.match(text):
            return RouteDecision("greeting", 0.95, "keyword", neighbours=near)
        return self._topic_route(text, standalone, near, turn_facts, follow_up)

    def _topic_route(
        self,
        text: str,
        standalone: str,
        near: list[tuple[str, float]],
        turn_facts: ConversationFacts,
        follow_up: bool,
    ) -> RouteDecision:
        votes: dict[str, float] = {}
        for label, sim in near:
            votes[label] = votes.get(label, 0.0) + max(sim, 0.0)
        knn_label = max(votes, key=lambda lbl: votes[lbl])
        knn_conf = min(1.0, votes[knn_label] / max(sum(votes.values()), 1e-9) * near[0][1] * 1.5)
        by_facts = fact_topics(turn_facts)
        by_words = keyword_topics(text) or (keyword_topics(standalone) if follow_up else [])
        # Facts make a question personal when they are concrete figures or dates, or when the
        # user speaks of their own company: "does a foreign company that ... have a permanent
        # establishment?" names an entity type but asks a general question.
        personal = eligibility_phrasing(text) or bool(
            by_facts and (own_case([text]) or follow_up or _concrete(turn_facts))
        )
        candidates = list(dict.fromkeys([*by_facts, *by_words]))
        if candidates and (personal or (follow_up and eligibility_phrasing(standalone))):
            ranked = sorted(votes, key=lambda lbl: -votes[lbl])
            agreed = next((lbl for lbl in ranked if lbl in candidates), None)
            label = agreed if agreed in by_facts or (agreed and not by_facts) else candidates[0]
            conf = 0.95 if label == knn_label else 0.8
            return RouteDecision(label, conf, "keyword+facts", neighbours=near)
        if knn_label in CANNED_ROUTES and near[0][1] >= 0.6 and not by_words:
            variant = "unrelated" if knn_label == "out_of_scope" else None
            return RouteDecision(knn_label, knn_conf, "examples", variant, near)
        if knn_label in RULE_ROUTES and personal and near[0][1] >= 0.55:
            return RouteDecision(knn_label, knn_conf, "examples", neighbours=near)
        return RouteDecision(
            "faq",
            max(knn_conf, 0.5) if knn_label == "faq" else 0.5,
            "default" if knn_label != "faq" else "examples",
            neighbours=near,
        )
