"""The subset of the OpenAI Chat Completions wire format the compatible endpoint speaks."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from assistant.api.schemas import IsoDate

MODEL_ID = "immex-guide"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class OAMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None


class CompletionRequest(BaseModel):
    """OpenAI fields we do not use (temperature, max_tokens, ...) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(description=f"Must be '{MODEL_ID}'.")
    messages: list[OAMessage] = Field(min_length=1, max_length=60)
    stream: StrictBool = False
    lang: Literal["en", "es"] | None = Field(default=None, description="Extension: answer lang.")
    audience: Literal["investor", "sales"] = Field(default="investor", description="Extension.")
    as_of: IsoDate | None = Field(default=None, description="Extension: rules date.")


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ImmexExtension(BaseModel):
    answer_id: str
    status: str
    citations: list[dict[str, Any]]


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    usage: Usage
    immex: ImmexExtension = Field(description="Extension: answer id, status and citations.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "immex-guide"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
