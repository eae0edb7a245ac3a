"""Public models of the answer pipeline: what the API, CLI and UI code against."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

try:  # The rules package lands in parallel; until then rule results stay untyped.
    from assistant.rules import RuleResult
except ImportError:  # pragma: no cover - only before the rules package exists
    RuleResult = Any  # type: ignore[misc,assignment]

Lang = Literal["en", "es"]
Audience = Literal["investor", "sales"]


class Message(BaseModel):
    """One turn of the conversation as the client sends it."""

    model_config = ConfigDict(frozen=True)

    role: Literal["user", "assistant"]
    content: str


class AnswerStatus(StrEnum):
    """How the pipeline disposed of a turn (GOV.UK Chat style)."""

    answered = "answered"
    needs_info = "needs_info"
    not_covered = "not_covered"
    out_of_scope = "out_of_scope"
    greeting = "greeting"
    handoff = "handoff"


class Citation(BaseModel):
    """A numbered source behind the answer; `index` is the [n] used in the text."""

    index: int = Field(ge=1)
    note_id: str
    title: str
    section: str
    references: list[str] = Field(default_factory=list)
    url: str | None = None
    as_of: str
    lang: Lang
    snippet: str
    chunk_id: str


class StepTiming(BaseModel):
    """Wall time of one pipeline step and what it decided."""

    step: str
    ms: float
    detail: dict[str, Any] = Field(default_factory=dict)


def new_answer_id() -> str:
    return uuid.uuid4().hex


class Answer(BaseModel):
    """The pipeline's reply to the last user turn."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    answer_id: str = Field(default_factory=new_answer_id)
    status: AnswerStatus
    text: str = Field(description="Markdown, in `lang`.")
    citations: list[Citation] = Field(default_factory=list)
    rule_results: list[RuleResult] = Field(default_factory=list)
    missing_facts: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    lang: Lang
    route: str
    route_confidence: float = Field(ge=0.0, le=1.0)
    timings: list[StepTiming] = Field(default_factory=list)
    notice: str | None = Field(default=None, description="Visible caveat, e.g. LLM fallback.")
