"""The answer pipeline: guard → facts → standalone → route → retrieve → compute → compose →
verify, composed as LangChain runnables over one state dict, each step timed."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chat import steps
from assistant.chat.answer import Answer, Message, StepTiming

if TYPE_CHECKING:
    from assistant.chat.llm import LLMWriter
    from assistant.settings import Settings

State = dict[str, Any]
Step = Callable[[State], dict[str, Any]]


class Retriever(Protocol):
    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        lang: str | None = None,
        topics: Sequence[str] | None = None,
        query_vector: Sequence[float] | None = None,
    ) -> list[Document]: ...

    def best_relevance(self, docs: Sequence[Document]) -> float: ...


class QueryEmbedder(Protocol):
    def embed_query(self, text: str) -> list[float]: ...
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


class TimedStep(Runnable[State, State]):
    """One pipeline step as a LangChain runnable: runs `step` unless the answer is already
    final and records its time and decision. A plain `invoke` (no per-step callback run)
    because RunnableLambda's bookkeeping costs more than most steps do."""

    def __init__(self, name: str, step: Step) -> None:
        self.name = name
        self.step_name = name
        self.step = step

    def invoke(self, input: State, config: RunnableConfig | None = None, **kwargs: Any) -> State:
        if input.get("final") and self.step_name not in steps.ALWAYS_RUN:
            return input
        start = time.perf_counter()
        detail = self.step(input)
        ms = (time.perf_counter() - start) * 1000
        input["timings"].append(StepTiming(step=self.step_name, ms=round(ms, 3), detail=detail))
        return input


def timed(name: str, step: Step) -> Runnable[State, State]:
    return TimedStep(name, step)


class AnswerPipeline:
    """Turns a conversation into one `Answer`. Build once per process; `answer` is thread-safe
    as long as the retriever and embedder are."""

    def __init__(
        self,
        retriever: Retriever,
        embedder: QueryEmbedder,
        *,
        top_k: int = 5,
        relevance_threshold: float = 0.3,
        llm: LLMWriter | None = None,
    ) -> None:
        from assistant.chat.router import Router

        self.retriever = retriever
        self.embedder = embedder
        self.router = Router(embedder)
        self.top_k = top_k
        self.relevance_threshold = relevance_threshold
        self.llm = llm
        self.chain = self._build()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> AnswerPipeline:
        """Load the retriever (embedder, Chroma, BM25) and router examples once."""
        from assistant.retrieval import load_retriever
        from assistant.settings import get_settings

        settings = settings or get_settings()
        retriever = load_retriever(settings)
        llm = None
        if getattr(settings, "llm", None):
            from assistant.chat.llm import LLMWriter

            llm = LLMWriter.from_settings(settings)
        return cls(
            retriever,
            retriever.embedder,
            top_k=settings.top_k,
            relevance_threshold=settings.relevance_threshold,
            llm=llm,
        )

    def _build(self) -> Runnable[State, State]:
        chain: Runnable[State, State] = timed("guard", steps.guard_step)
        for name, step in [
            ("facts", steps.facts_step),
            ("standalone", steps.standalone_step),
            ("route", self._route),
            ("retrieve", self._retrieve),
            ("compute", steps.compute_step),
            ("compose", steps.compose_step),
            ("llm", self._llm),
            ("verify", steps.verify_step),
        ]:
            chain = chain | timed(name, step)
        return chain

    def _route(self, state: State) -> dict[str, Any]:
        return steps.route_step(state, self.router, self.embedder)

    def _retrieve(self, state: State) -> dict[str, Any]:
        return steps.retrieve_step(state, self.retriever, self.top_k, self.relevance_threshold)

    def _llm(self, state: State) -> dict[str, Any]:
        if self.llm is None:
            return {"used": False}
        return self.llm.rewrite(state)

    def answer(
        self,
        messages: Sequence[Message],
        *,
        lang: Literal["en", "es"] | None = None,
        audience: Literal["investor", "sales"] = "investor",
        as_of: dt.date | None = None,
    ) -> Answer:
        state: State = {
            "messages": list(messages),
            "fixed_lang": lang,
            "audience": audience,
            "as_of": as_of or dt.date.today(),
            "timings": [],
        }
        result = self.chain.invoke(state)
        return steps.to_answer(result)
