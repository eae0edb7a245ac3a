"""One error shape for every failure: `{"error": {"code", "message", "field"?}}`.

Handlers turn FastAPI's own errors (validation, unknown routes), the domain errors of the
pipeline and rules, and store outages into that shape; nothing else ever reaches a client.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.index.store import StoreUnavailableError

log = logging.getLogger("assistant.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """An error the API reports on purpose, with its status, code and fix-it message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = dict(headers or {})


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status, headers=headers)


def dotted(loc: Sequence[Any]) -> str:
    """('body', 'messages', 0, 'content') -> 'messages.0.content'."""
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts)


def dotted_guard_field(field: str) -> str:
    """The guard writes 'messages[0].content'; the API speaks 'messages.0.content'."""
    return re.sub(r"\[(\d+)\]", r".\1", field)


def _validation_message(error: Mapping[str, Any], field: str) -> str:
    kind = str(error.get("type", ""))
    msg = str(error.get("msg", "invalid value"))
    if kind == "missing":
        return f"'{field}' is required; add it to the request."
    if kind == "extra_forbidden":
        return f"'{field}' is not a known field; remove it."
    where = f"'{field}'" if field else "the request"
    return f"{where}: {msg}. Fix the value and resend."


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        return error_response(
            400, "invalid_json", "The body is not valid JSON; send a JSON object.", "body"
        )
    field = dotted(first.get("loc", ()))
    message = _validation_message(first, field)
    if len(errors) > 1:
        message += f" ({len(errors) - 1} more problem(s) in the request.)"
    return error_response(422, "validation_error", message, field or None)


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404:
        message = f"No endpoint at {request.url.path}; see /docs for the API."
    elif status == 405:
        message = f"{request.method} is not allowed on {request.url.path}; see /docs."
    else:
        message = str(exc.detail)
    headers = dict(exc.headers or {})
    return error_response(status, _CODES.get(status, "http_error"), message, headers=headers)


async def _api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)


async def _store_handler(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store unavailable", extra={"error": str(exc)})
    return error_response(
        503,
        "store_unavailable",
        "The search index (Chroma) cannot be reached right now; retry in a few seconds. "
        "If it persists, check that the Chroma server is running.",
        headers={"Retry-After": "5"},
    )


async def _sqlite_handler(request: Request, exc: Exception) -> JSONResponse:
    log.warning("feedback store unavailable", extra={"error": str(exc)})
    return error_response(
        503,
        "feedback_store_unavailable",
        "The feedback database is busy or read-only; retry shortly.",
        headers={"Retry-After": "2"},
    )


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return error_response(
        500, "internal_error", "Something went wrong on our side; the error was logged."
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(ApiError, _api_error_handler)
    app.add_exception_handler(StoreUnavailableError, _store_handler)
    app.add_exception_handler(sqlite3.Error, _sqlite_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
