"""POST /api/v1/chat (JSON) and /api/v1/chat/stream (Server-Sent Events)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Body

from assistant.api import answering
from assistant.api.dependencies import ServicesDep, UserDep
from assistant.api.examples import (
    ANSWER_EXAMPLE,
    CHAT_EXAMPLES,
    COMMON,
    SSE_EXAMPLE,
    errors,
    sse_event_schema,
)
from assistant.api.schemas import ChatRequest
from assistant.api.sse import SSE_HEADERS, SSEResponse, answer_events
from assistant.chat.answer import Answer

router = APIRouter(prefix="/api/v1", tags=["chat"])
ChatBody = Annotated[ChatRequest, Body(openapi_examples=CHAT_EXAMPLES)]


@router.post(
    "/chat",
    response_model=Answer,
    summary="Answer the last user message of a conversation",
    responses={
        200: {"content": {"application/json": {"example": ANSWER_EXAMPLE}}},
        **errors(*COMMON, 503),
    },
)
async def chat(body: ChatBody, services: ServicesDep, _caller: UserDep) -> Answer:
    """Send the whole history (the server keeps no session); get a cited `Answer`."""
    return await answering.answer(
        services,
        body.messages,
        lang=body.lang,
        audience=body.audience,
        as_of=body.as_of,
        endpoint="chat",
    )


@router.post(
    "/chat/stream",
    response_class=SSEResponse,
    summary="The same answer as Server-Sent Events",
    responses={
        200: {
            "description": "Events: status, delta (repeated), citations, done.",
            "content": {
                "text/event-stream": {
                    "schema": sse_event_schema(["status", "delta", "citations", "done", "error"]),
                    "example": SSE_EXAMPLE,
                }
            },
        },
        **errors(*COMMON, 503, streaming=True),
    },
)
async def chat_stream(body: ChatBody, services: ServicesDep, _caller: UserDep) -> SSEResponse:
    """Request errors (400/401/413/422/429/503) come back as JSON before any event is sent;
    the concatenated `delta` texts equal the `text` of the final `done` Answer."""
    result = await answering.answer(
        services,
        body.messages,
        lang=body.lang,
        audience=body.audience,
        as_of=body.as_of,
        endpoint="chat_stream",
    )

    async def events() -> AsyncIterator[str]:
        for chunk in answer_events(result):
            yield chunk

    return SSEResponse(events(), headers=SSE_HEADERS)
