"""Admin-only: feedback export (JSON or CSV) and reindex."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import AdminDep, ServicesDep
from assistant.api.examples import errors
from assistant.api.schemas import FeedbackRecord, ReindexReport

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

# Exports are downloads, never pages: a comment holding HTML must not render in a browser.
_SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}
_RECORD_EXAMPLE = {
    "id": 1,
    "created_at": "2026-11-26T10:00:00+00:00",
    "answer_id": "51b2e3ca",
    "rating": "down",
    "reason": "unclear",
    "comment": "Too long",
}


@router.get(
    "/feedback",
    response_model=list[FeedbackRecord],
    summary="Export all feedback as JSON or CSV (admin key)",
    responses={
        200: {
            "content": {
                "application/json": {"example": [_RECORD_EXAMPLE]},
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": "id,created_at,answer_id,rating,reason,comment\r\n"
                    "1,2026-11-26T10:00:00+00:00,51b2e3ca,down,unclear,'=HYPERLINK(...)\r\n",
                },
            }
        },
        **errors(401, 403, 422, 429, 503),
    },
)
async def export_feedback(
    services: ServicesDep,
    _admin: AdminDep,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Response:
    if format == "csv":
        text = await run_in_threadpool(services.feedback.to_csv)
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={
                **_SAFE_HEADERS,
                "Content-Disposition": 'attachment; filename="immex-feedback.csv"',
            },
        )
    rows = await run_in_threadpool(services.feedback.all)
    return JSONResponse(rows, headers=_SAFE_HEADERS)


@router.post(
    "/reindex",
    response_model=ReindexReport,
    summary="Run the ingest and reload the retriever (admin key)",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "ok": True,
                        "summary": "48 files (0 failed), 344 chunks: 0 added, 0 updated, "
                        "0 removed, 344 unchanged in 0.41 s",
                        "files": 48,
                        "chunks": 344,
                        "added": 0,
                        "updated": 0,
                        "removed": 0,
                        "unchanged": 344,
                        "failed": [],
                        "seconds": 0.41,
                    }
                }
            }
        },
        **errors(401, 403, 429, 503),
    },
)
async def reindex(services: ServicesDep, _admin: AdminDep) -> ReindexReport:
    report = await run_in_threadpool(services.reindex)
    return ReindexReport.model_validate(report)
