"""OpenAI Chat Completions compatibility: GET /v1/models and POST /v1/chat/completions, so any
OpenAI client or chat front end can use the assistant (model id `immex-guide`)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from assistant.api import answering
from assistant.api.dependencies import ServicesDep, UserDep
from assistant.api.errors import ApiError
from assistant.api.examples import COMMON, OPENAI_EXAMPLES, errors, sse_event_schema
from assistant.api.openai_schemas import (
    MODEL_ID,
    AssistantMessage,
    ChatCompletion,
    Choice,
    CompletionRequest,
    ImmexExtension,
    ModelCard,
    ModelList,
    OAMessage,
    Usage,
)
from assistant.api.sse import SSE_HEADERS, SSEResponse, text_deltas
from assistant.chat.answer import Answer, Message

router = APIRouter(prefix="/v1", tags=["openai-compatible"])
_STARTED = int(time.time())
_SOURCE_HEADINGS = ("**Sources**", "**Fuentes**")
_COMPLETION_EXAMPLE = {
    "id": "chatcmpl-51b2e3ca30fe41fc9c10a2f31b59c496",
    "object": "chat.completion",
    "created": 1795680000,
    "model": MODEL_ID,
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Molds may stay ... [1]\n\n**Sources**"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 9, "completion_tokens": 120, "total_tokens": 129},
    "immex": {
        "answer_id": "51b2e3ca30fe41fc9c10a2f31b59c496",
        "status": "answered",
        "citations": [],
    },
}


def _text_of(message: OAMessage) -> str:
    if isinstance(message.content, list):
        return "\n".join(p.text for p in message.content if p.type == "text" and p.text)
    return message.content or ""


def to_messages(request: CompletionRequest) -> list[Message]:
    """User and assistant turns only: system prompts cannot steer the grounded pipeline."""
    turns = [
        Message(role="user" if m.role == "user" else "assistant", content=_text_of(m))
        for m in request.messages
        if m.role in ("user", "assistant")
    ]
    if not turns:
        raise ApiError(422, "invalid_conversation", "Send at least one 'user' message.", "messages")
    return turns


def completion_text(answer: Answer) -> str:
    """The answer text, with a Sources section when the composer did not already write one."""
    if not answer.citations or any(h in answer.text for h in _SOURCE_HEADINGS):
        return answer.text
    heading = "Fuentes" if answer.lang == "es" else "Sources"
    lines = [
        f"[{c.index}] {c.title} — {c.section}. {'; '.join(c.references)}"
        + (f" {c.url}" if c.url else "")
        for c in answer.citations
    ]
    return f"{answer.text}\n\n**{heading}**\n" + "\n".join(lines)


def _words(text: str) -> int:
    return len(text.split())


@router.get(
    "/models",
    response_model=ModelList,
    summary="Models offered (OpenAI format)",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "object": "list",
                        "data": [
                            {
                                "id": MODEL_ID,
                                "object": "model",
                                "created": 0,
                                "owned_by": "immex-guide",
                            }
                        ],
                    }
                }
            }
        },
        **errors(401, 429),
    },
)
async def models(_caller: UserDep) -> ModelList:
    return ModelList(data=[ModelCard(id=MODEL_ID, created=_STARTED)])


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    summary="Chat Completions (OpenAI format), streaming or not",
    responses={
        200: {
            "description": "A chat.completion, or chat.completion.chunk events when stream=true.",
            "content": {
                "application/json": {"example": _COMPLETION_EXAMPLE},
                "text/event-stream": {
                    "schema": sse_event_schema(json_data=False),
                    "example": 'data: {"object": "chat.completion.chunk", "choices": '
                    '[{"index": 0, "delta": {"content": "IMMEX "}, "finish_reason": null}]}'
                    "\n\ndata: [DONE]\n\n",
                },
            },
        },
        **errors(404, *COMMON, 503, streaming=True),
    },
)
async def chat_completions(
    body: Annotated[CompletionRequest, Body(openapi_examples=OPENAI_EXAMPLES)],
    services: ServicesDep,
    _caller: UserDep,
) -> Any:
    if body.model != MODEL_ID:
        raise ApiError(
            404, "model_not_found", f"Unknown model {body.model!r}; use '{MODEL_ID}'.", "model"
        )
    answer = await answering.answer(
        services,
        to_messages(body),
        lang=body.lang,
        audience=body.audience,
        as_of=body.as_of,
        endpoint="openai",
    )
    text = completion_text(answer)
    completion_id = f"chatcmpl-{answer.answer_id}"
    created = int(time.time())
    if not body.stream:
        prompt = sum(_words(_text_of(m)) for m in body.messages)
        result = ChatCompletion(
            id=completion_id,
            created=created,
            choices=[Choice(message=AssistantMessage(content=text))],
            usage=Usage(
                prompt_tokens=prompt,
                completion_tokens=_words(text),
                total_tokens=prompt + _words(text),
            ),
            immex=ImmexExtension(
                answer_id=answer.answer_id,
                status=answer.status.value,
                citations=[c.model_dump(mode="json") for c in answer.citations],
            ),
        )
        return JSONResponse(result.model_dump(mode="json"))

    def chunk(delta: dict[str, str], finish: str | None = None) -> str:
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    async def events() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""})
        for piece in text_deltas(text):
            yield chunk({"content": piece})
        yield chunk({}, finish="stop")
        yield "data: [DONE]\n\n"

    return SSEResponse(events(), headers=SSE_HEADERS)
