"""The pipeline steps. Each takes the state dict, updates it, and returns what it decided."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.chat.answer import Answer, AnswerStatus, Citation
from assistant.chat.compose import compose
from assistant.chat.compute import compute
from assistant.chat.facts.extract import extract_facts, last_asked, turn_facts
from assistant.chat.facts.model import ConversationFacts
from assistant.chat.guard import guard
from assistant.chat.replies import label, reply
from assistant.chat.router import RULE_ROUTES
from assistant.chat.standalone import resolve
from assistant.chat.topics import ROUTE_TOPICS, own_case
from assistant.chat.verify import unsupported_in, verify
from assistant.knowledge.language import Lang, detect_language

if TYPE_CHECKING:
    from assistant.chat.pipeline import QueryEmbedder, Retriever, State
    from assistant.chat.router import Router

ALWAYS_RUN = frozenset({"verify"})


def guard_step(state: State) -> dict[str, Any]:
    messages = guard(state["messages"])
    langs: list[Lang] = []
    for m in messages:
        if m.role == "user":
            langs.append(detect_language(m.content, default=langs[-1] if langs else "en"))
    state["messages"] = messages
    state["lang"] = state["fixed_lang"] or langs[-1]
    return {"turns": len(messages), "detected": langs[-1], "lang": state["lang"]}


def facts_step(state: State) -> dict[str, Any]:
    messages = state["messages"]
    prior = extract_facts(messages[:-1])
    last = messages[-1].content
    lang = detect_language(last, default=state["lang"])
    update = turn_facts(last, lang, prior, last_asked(messages))
    state["facts"] = prior.merged(update)
    state["turn_facts"] = ConversationFacts().merged(update)
    return {"facts": state["facts"].known(), "this_turn": state["turn_facts"].known()}


def standalone_step(state: State) -> dict[str, Any]:
    resolved = resolve(state["messages"])
    state["standalone"] = resolved
    return {"question": resolved.question, "follow_up": resolved.follow_up}


def route_step(state: State, router: Router, embedder: QueryEmbedder) -> dict[str, Any]:
    question = state["standalone"].question
    state["vector"] = embedder.embed_query(question)  # the turn's one embedding
    decision = router.route(
        state["messages"][-1].content,
        question,
        state["vector"],
        state["turn_facts"],
        follow_up=state["standalone"].follow_up,
    )
    state["route"] = decision
    lang = state["lang"]
    if decision.label in ("greeting", "handoff"):
        _finish(state, AnswerStatus(decision.label), reply(decision.label, lang))
    elif decision.label == "out_of_scope":
        text = f"{reply('out_of_scope', lang, decision.variant)}\n\n{reply('offer', lang)}"
        _finish(state, AnswerStatus.out_of_scope, text)
    return decision.detail()


def retrieve_step(
    state: State, retriever: Retriever, top_k: int, threshold: float
) -> dict[str, Any]:
    question, lang = state["standalone"].question, state["lang"]
    topics = ROUTE_TOPICS.get(state["route"].label)
    docs = retriever.search(
        question, k=top_k, lang=lang, topics=topics, query_vector=state["vector"]
    )
    if topics and not docs:  # a rule route whose notes are missing: search everything
        docs = retriever.search(question, k=top_k, lang=lang, query_vector=state["vector"])
    if not docs:  # nothing in this language: the other one is better than nothing
        docs = retriever.search(question, k=top_k, query_vector=state["vector"])
    best = retriever.best_relevance(docs)
    state["docs"] = docs
    covered = best >= threshold
    if not covered and state["route"].label not in RULE_ROUTES:
        text = f"{reply('not_covered', lang)}\n\n{reply('offer', lang)}"
        _finish(state, AnswerStatus.not_covered, text)
    return {
        "best_relevance": round(best, 3),
        "covered": covered,
        "chunks": [d.metadata.get("chunk_id") for d in docs],
    }


def compute_step(state: State) -> dict[str, Any]:
    route = state["route"].label
    if route not in RULE_ROUTES:
        state["computation"] = None
        return {"rule": None}
    comp = compute(route, state["facts"], state["as_of"])
    state["computation"] = comp
    return comp.detail()


def compose_step(state: State) -> dict[str, Any]:
    comp = state["computation"]
    users = [m.content for m in state["messages"] if m.role == "user"]
    # A general question ("is exactly USD 500,000 enough?") gets the general answer; only a
    # user describing their own case is asked for the facts the rule still lacks.
    ask = bool(comp and comp.needs_info and (comp.error is not None or own_case(users)))
    composition = compose(
        question=state["standalone"].question,
        docs=state["docs"],
        lang=state["lang"],
        route=state["route"].label,
        audience=state["audience"],
        computation=comp,
        ask=ask,
    )
    state["composition"] = composition
    status = AnswerStatus.needs_info if ask else AnswerStatus.answered
    _finish(state, status, composition.text, composition.citations, final=False)
    state["follow_ups"] = composition.follow_ups
    return {
        "status": status.value,
        "citations": len(composition.citations),
        "sentences": len(composition.body_parts),
    }


def verify_step(state: State) -> dict[str, Any]:
    composition = state.get("composition")
    if composition is None:  # canned reply: fixed data, nothing to check against
        return {"ok": True, "checked": False}
    retrieved = {str(d.metadata.get("chunk_id")) for d in state["docs"]}
    trusted = composition.trusted + list(state.get("llm_trusted", []))
    private = state.get("llm_private", [])
    result = verify(state["text"], state["citations"], retrieved, trusted, private)
    detail: dict[str, Any] = result.detail()
    if result.ok:
        return detail
    if state.get("llm_used"):
        # The model's text failed: fall back to the deterministic composition, visibly.
        state["text"], state["citations"] = composition.text, composition.citations
        state["notice"] = state.get("llm_fallback_notice")
        result = verify(state["text"], state["citations"], retrieved, composition.trusted)
        detail["fallback"] = "deterministic"
        if result.ok:
            return detail
    kept = [p for p in composition.body_parts if not unsupported_in(p, result)]
    lang = state["lang"]
    safer = "\n\n".join([label("safer", lang), *kept])
    state["text"] = safer
    state["notice"] = label("safer", lang)
    detail["fallback"] = "safer"
    detail["dropped_parts"] = len(composition.body_parts) - len(kept)
    return detail


def _finish(
    state: State,
    status: AnswerStatus,
    text: str,
    citations: list[Citation] | None = None,
    final: bool = True,
) -> None:
    state["status"], state["text"] = status, text
    state["citations"] = citations or []
    state["final"] = final


def to_answer(state: State) -> Answer:
    comp = state.get("computation")
    route = state.get("route")
    return Answer(
        status=state["status"],
        text=state["text"],
        citations=state.get("citations", []),
        rule_results=[comp.result] if comp is not None and comp.result is not None else [],
        missing_facts=(
            list(comp.missing)
            if comp is not None and state["status"] == AnswerStatus.needs_info
            else []
        ),
        follow_ups=state.get("follow_ups", []),
        lang=state["lang"],
        route=route.label if route else "faq",
        route_confidence=route.confidence if route else 0.0,
        timings=state["timings"],
        notice=state.get("notice"),
    )
