"""GET /api/v1/sources and /api/v1/sources/{note_id}: the notes behind the citations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from assistant.api.dependencies import ServicesDep, UserDep
from assistant.api.errors import ApiError
from assistant.api.examples import errors
from assistant.api.schemas import SourceDetail, SourceSummary

router = APIRouter(prefix="/api/v1/sources", tags=["sources"])

_SUMMARY_EXAMPLE = {
    "id": "premises-and-leases-en",
    "title": "IMMEX premises: legal possession, leases, shared addresses and verification",
    "lang": "en",
    "topics": ["premises"],
    "references": ["Decreto IMMEX, art. 11, fr. III"],
    "as_of": "2026-02-12",
    "translation": "premises-and-leases-es",
    "sources": ["https://www.snice.gob.mx"],
}


@router.get(
    "",
    response_model=list[SourceSummary],
    summary="List the knowledge notes",
    responses={
        200: {"content": {"application/json": {"example": [_SUMMARY_EXAMPLE]}}},
        **errors(401, 422, 429),
    },
)
async def list_sources(
    services: ServicesDep,
    _caller: UserDep,
    lang: Annotated[Literal["en", "es"] | None, Query(description="Only this language.")] = None,
    topic: Annotated[str | None, Query(max_length=64, description="Only this topic.")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in the id, title, refs or body.")
    ] = None,
) -> list[SourceSummary]:
    return services.catalogue.list(lang=lang, topic=topic, q=q)


@router.get(
    "/{note_id}",
    response_model=SourceDetail,
    summary="One note with its Markdown text and sections",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        **_SUMMARY_EXAMPLE,
                        "text": "## What proof of premises does an IMMEX application need?\n...",
                        "sections": [],
                    }
                }
            }
        },
        404: errors(404)[404],
        **errors(401, 422, 429),
    },
)
async def get_source(
    note_id: Annotated[str, Path(max_length=120, description="A note id, e.g. 'prosec-en'.")],
    services: ServicesDep,
    _caller: UserDep,
) -> SourceDetail:
    detail = services.catalogue.get(note_id)
    if detail is None:
        raise ApiError(
            404,
            "note_not_found",
            f"No note with id {note_id!r}; list the notes at /api/v1/sources.",
            "note_id",
        )
    return detail
