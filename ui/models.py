"""The UI's view of the API's JSON: lenient mirrors (unknown fields ignored, most optional)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Citation(_Lenient):
    index: int
    note_id: str = ""
    title: str = ""
    section: str = ""
    references: list[str] = Field(default_factory=list)
    url: str | None = None
    as_of: str = ""
    lang: str = "en"
    snippet: str = ""
    chunk_id: str = ""


class StepTiming(_Lenient):
    step: str
    ms: float = 0.0
    detail: dict[str, Any] = Field(default_factory=dict)


class RuleResult(_Lenient):
    rule_id: str = ""
    verdict: str = ""
    as_of: str = ""
    facts_used: dict[str, Any] = Field(default_factory=dict)
    missing_facts: list[str] = Field(default_factory=list)
    parameters: list[dict[str, Any]] = Field(default_factory=list)
    outputs: dict[str, Any] = Field(default_factory=dict)
    explanation: dict[str, str] = Field(default_factory=dict)
    references: list[str] = Field(default_factory=list)
    trace: list[dict[str, Any]] = Field(default_factory=list)


class Answer(_Lenient):
    answer_id: str
    status: str
    text: str = ""
    citations: list[Citation] = Field(default_factory=list)
    rule_results: list[RuleResult] = Field(default_factory=list)
    missing_facts: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    lang: str = "en"
    route: str = ""
    route_confidence: float = 0.0
    timings: list[StepTiming] = Field(default_factory=list)
    notice: str | None = None


class RuleInfo(_Lenient):
    id: str
    title: dict[str, str] = Field(default_factory=dict)
    description: str = ""
    input_schema: dict[str, Any] = Field(default_factory=dict)


class SourceSummary(_Lenient):
    id: str
    title: str = ""
    lang: str = ""
    topics: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    as_of: str = ""
    translation: str | None = None
    sources: list[str] = Field(default_factory=list)


class SourceNote(SourceSummary):
    text: str = ""
    sections: list[Any] = Field(default_factory=list)
