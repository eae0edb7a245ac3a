"""The FastAPI app factory: `create_app(settings)`; uvicorn uses `assistant.api:create_app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from assistant.api.errors import install_error_handlers
from assistant.api.logs import configure_logging
from assistant.api.middleware import (
    BodyLimitMiddleware,
    RateLimitMiddleware,
    RequestContextMiddleware,
)
from assistant.api.routers import admin, chat, feedback, health, openai_compat, rules, sources
from assistant.api.services import Services
from assistant.settings import Settings, get_settings

log = logging.getLogger("assistant.api")

DESCRIPTION = """
IMMEX Guide answers questions about Mexico's IMMEX program in English and Spanish, with legal
citations, deterministic eligibility rules and honest "not covered" answers.

Every error has one shape: `{"error": {"code", "message", "field"?}}`. Authenticate with
`Authorization: Bearer <key>` or `X-API-Key: <key>` (admin endpoints always need an admin key).
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. Heavy pieces (model, Chroma, BM25) load once, in the lifespan."""
    settings = settings or get_settings()
    configure_logging()
    services = Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(services.load)
        yield

    app = FastAPI(
        title="IMMEX Guide API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    for module in (chat, openai_compat, rules, sources, feedback, admin, health):
        app.include_router(module.router)

    # add_middleware wraps: the last added runs first. Order from the outside in:
    # request context (ids, logs, metrics) -> CORS -> rate limit -> body limit -> routes.
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(RateLimitMiddleware, services=services)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    app.add_middleware(RequestContextMiddleware, services=services)
    return app
