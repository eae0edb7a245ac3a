"""Request and response models of the HTTP API (the pipeline's own `Answer` is reused)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from assistant.chat.answer import Message

Lang = Literal["en", "es"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: object) -> object:
    """Only 'YYYY-MM-DD': pydantic's lax mode would read 0 or '0' as 1970-01-01."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("must be a date in YYYY-MM-DD form")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable snake_case error code.")
    message: str = Field(description="What was wrong and how to fix it.")
    field: str | None = Field(default=None, description="Dotted path of the offending input.")


class ErrorResponse(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


class ChatRequest(BaseModel):
    """A conversation: the full message history, last message from the user."""

    model_config = ConfigDict(extra="forbid")

    messages: list[Message] = Field(
        min_length=1, max_length=50, description="The history, oldest first; at most 50 turns."
    )
    lang: Lang | None = Field(default=None, description="Answer language; detected when null.")
    audience: Literal["investor", "sales"] = Field(
        default="investor", description="'sales' adds the legal references up front."
    )
    as_of: IsoDate | None = Field(
        default=None, description="Date the rules are evaluated at (default: today)."
    )


class RuleInfo(BaseModel):
    id: str
    title: dict[str, str] = Field(description="Keys 'en' and 'es'.")
    description: str
    input_schema: dict[str, Any] = Field(description="JSON schema of the rule's inputs.")


class RuleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inputs: dict[str, Any] = Field(
        default_factory=dict, description="The rule's inputs (see its input_schema)."
    )
    as_of: IsoDate | None = Field(default=None, description="Evaluate at this date.")


class SourceSection(BaseModel):
    heading: str
    heading_path: list[str]
    references: list[str]
    text: str


class SourceSummary(BaseModel):
    id: str
    title: str
    lang: Lang
    topics: list[str]
    references: list[str]
    as_of: str
    translation: str | None
    sources: list[str]


class SourceDetail(SourceSummary):
    text: str = Field(description="The note's Markdown body (front matter removed).")
    sections: list[SourceSection]


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(min_length=1, max_length=64, description="Answer.answer_id rated.")
    rating: Literal["up", "down"]
    reason: Literal["incorrect", "wrong_source", "unclear", "other"] | None = None
    comment: str | None = Field(default=None, max_length=2000)


class FeedbackCreated(BaseModel):
    id: int
    stored: Literal[True] = True


class FeedbackRecord(BaseModel):
    id: int
    created_at: str
    answer_id: str
    rating: str
    reason: str | None
    comment: str | None


class FileFailureOut(BaseModel):
    path: str
    reason: str


class ReindexReport(BaseModel):
    ok: bool
    summary: str
    files: int
    chunks: int
    added: int
    updated: int
    removed: int
    unchanged: int
    failed: list[FileFailureOut]
    seconds: float


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool] = Field(description="Each check and whether it passed.")
    missing: list[str] = Field(default_factory=list, description="What is not ready, and why.")
