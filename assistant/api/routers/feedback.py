"""POST /api/v1/feedback: a rating of one answer, stored in SQLite."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import ServicesDep, UserDep
from assistant.api.examples import COMMON, FEEDBACK_EXAMPLES, errors
from assistant.api.schemas import FeedbackCreated, FeedbackIn

router = APIRouter(prefix="/api/v1", tags=["feedback"])


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackCreated,
    summary="Rate an answer (up/down, reason, comment)",
    responses={
        201: {"content": {"application/json": {"example": {"id": 42, "stored": True}}}},
        **errors(*COMMON, 503),
    },
)
async def add_feedback(
    body: Annotated[FeedbackIn, Body(openapi_examples=FEEDBACK_EXAMPLES)],
    services: ServicesDep,
    _caller: UserDep,
) -> FeedbackCreated:
    """The comment is stored as written (HTML included); exports never render it."""
    new_id = await run_in_threadpool(
        services.feedback.add, body.answer_id, body.rating, body.reason, body.comment
    )
    return FeedbackCreated(id=new_id)
