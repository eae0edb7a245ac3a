"""Optional LLM backend: a chat model rewrites the answer from the same passages and rule
results. Its text still goes through Verify; any failure keeps the deterministic answer."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from assistant.chat.compose import sources_block
from assistant.chat.replies import notice

if TYPE_CHECKING:
    from assistant.chat.pipeline import State
    from assistant.settings import Settings

_SYSTEM = {
    "en": (
        "You are IMMEX Guide, an assistant on Mexico's IMMEX program. Answer in English, in at "
        "most 150 words, using ONLY the numbered passages and the rule result given. Cite "
        "passages as [n] after the sentences they support. Do not add numbers, dates or legal "
        "references that are not in the passages or the rule result. If a rule result is "
        "given, start with its verdict. Do not write a sources list."
    ),
    "es": (
        "Eres IMMEX Guide, un asistente sobre el programa IMMEX de México. Responde en español, "
        "en un máximo de 150 palabras, usando SOLO los pasajes numerados y el resultado de la "
        "regla. Cita los pasajes como [n] después de las oraciones que sustentan. No agregues "
        "cifras, fechas ni referencias legales que no estén en los pasajes o en el resultado. "
        "Si hay resultado de regla, empieza con su veredicto. No escribas lista de fuentes."
    ),
}


class LLMWriter:
    """Wraps a LangChain chat model; `rewrite` is the pipeline's `llm` step."""

    def __init__(self, model: Runnable[Any, Any], timeout_s: float = 20.0) -> None:
        self.model = model
        self.timeout_s = timeout_s

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMWriter:
        from langchain.chat_models import init_chat_model

        kwargs: dict[str, Any] = {"timeout": settings.llm_timeout_s}
        if settings.llm_base_url:
            kwargs["base_url"] = settings.llm_base_url
        if settings.llm_api_key:
            kwargs["api_key"] = settings.llm_api_key.get_secret_value()
        if str(settings.llm).startswith("openai:"):
            kwargs["max_retries"] = 0
        model = init_chat_model(settings.llm, **kwargs)
        return cls(model, settings.llm_timeout_s)

    def prompt(self, state: State) -> list[SystemMessage | HumanMessage]:
        lang = state["lang"]
        composition = state["composition"]
        passages = [
            f"[{c.index}] {c.title} — {c.section}\n{c.snippet}" for c in composition.citations
        ]
        comp = state.get("computation")
        rule = ""
        if comp is not None and comp.result is not None:
            rule = json.dumps(
                {
                    "rule": comp.rule_id,
                    "verdict": comp.result.verdict.value,
                    "explanation": comp.result.explanation[lang],
                    "outputs": comp.result.outputs,
                },
                ensure_ascii=False,
                default=str,
            )
        question = state["standalone"].question
        user = f"Question: {question}\n\nPassages:\n" + "\n\n".join(passages)
        if rule:
            user += f"\n\nRule result (tool output): {rule}"
        return [SystemMessage(_SYSTEM[lang]), HumanMessage(user)]

    def rewrite(self, state: State) -> dict[str, Any]:
        """Replace the composed text with the model's, keeping citations; record the outcome."""
        lang = state["lang"]
        if state["status"].value != "answered" or not state["citations"]:
            return {"used": False, "reason": "nothing to rewrite"}
        state["llm_fallback_notice"] = notice("llm_failed_verify", lang)
        messages = self.prompt(state)
        # Verify checks the model's text does not repeat its own instructions.
        state["llm_private"] = [str(messages[0].content)]
        try:
            reply = self.model.invoke(messages)
        except Exception as exc:  # any backend failure: keep the deterministic answer
            state["notice"] = notice("llm_unavailable", lang)
            return {"used": False, "error": type(exc).__name__}
        text = str(reply.content).strip()
        if not text:
            state["notice"] = notice("llm_unavailable", lang)
            return {"used": False, "error": "empty"}
        state["text"] = f"{text}\n\n{sources_block(state['citations'], lang)}"
        state["llm_used"] = True
        # Passages the model saw are trusted in full, not only the cited sentences.
        state["llm_trusted"] = [c.snippet for c in state["citations"]]
        return {"used": True, "chars": len(text)}
