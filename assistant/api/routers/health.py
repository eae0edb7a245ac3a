"""/healthz (alive), /readyz (model, index, Chroma) and /metrics (Prometheus)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import ServicesDep
from assistant.api.metrics import CONTENT_TYPE
from assistant.api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    summary="The process is alive",
    responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}},
)
async def healthz() -> Health:
    return Health()


_CHECKS = {"model_loaded": True, "chroma_reachable": True, "index_not_empty": True}
_READY = {"ready": True, "checks": _CHECKS, "missing": []}
_NOT_READY = {
    "ready": False,
    "checks": {**_CHECKS, "index_not_empty": False},
    "missing": ["index_not_empty: the collection is empty; run 'assistant ingest'"],
}


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Ready to answer: model loaded, index present and not empty, Chroma reachable",
    responses={
        200: {"content": {"application/json": {"example": _READY}}},
        503: {
            "model": Readiness,
            "description": "Not ready; `missing` names what is missing.",
            "content": {"application/json": {"example": _NOT_READY}},
        },
    },
)
async def readyz(services: ServicesDep) -> JSONResponse:
    checks, missing = await run_in_threadpool(services.readiness)
    ready = all(checks.values())
    body = Readiness(ready=ready, checks=checks, missing=missing)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {
            "content": {
                CONTENT_TYPE: {
                    "schema": {"type": "string"},
                    "example": 'immex_http_requests_total{method="POST",route="/api/v1/chat",'
                    'status="200"} 3.0\n',
                }
            }
        }
    },
)
async def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=CONTENT_TYPE)
