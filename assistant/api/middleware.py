"""Pure ASGI middleware: request ids + access log + metrics, rate limiting, body-size limit."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import TYPE_CHECKING

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import error_body
from assistant.api.logs import request_id_var

if TYPE_CHECKING:
    from assistant.api.services import Services

log = logging.getLogger("assistant.api")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
LIMITED_PREFIXES = ("/api/", "/v1/")


async def send_error(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(error_body(code, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


_DOC_PATHS = frozenset({"/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"})


def route_label(scope: Scope, status: int) -> str:
    """The route template, never the raw path, so label cardinality stays bounded."""
    path = getattr(scope.get("route"), "path", None)
    if path:
        return str(path)
    if scope["path"] in _DOC_PATHS:
        return str(scope["path"])
    return "unmatched" if status in (404, 405) else "other"


class RequestContextMiddleware:
    """Outermost layer: assigns X-Request-ID, logs one JSON line per request (no bodies, no
    keys), records Prometheus metrics, and turns any escaped error into a 500 error shape."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        metrics = self.services.metrics
        metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            log.exception("request failed")
            if not response_started:
                await send_error(
                    send_wrapper,
                    500,
                    "internal_error",
                    "Something went wrong on our side; the error was logged.",
                )
        finally:
            metrics.in_flight.dec()
            seconds = time.perf_counter() - started
            route = route_label(scope, status)
            metrics.observe(scope["method"], route, status, seconds)
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "ms": round(seconds * 1000, 2),
                    "client": (scope.get("client") or ("-",))[0],
                },
            )
            request_id_var.reset(token)


class RateLimitMiddleware:
    """Token bucket per valid API key, else per client IP, on /api and /v1 routes -> 429."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    def _identity(self, scope: Scope) -> str:
        caller = self.services.keys.identify(Headers(scope=scope))
        if caller.key_id:  # only valid keys get their own bucket: random keys share the IP's
            return f"key:{caller.key_id}"
        return f"ip:{(scope.get('client') or ('unknown',))[0]}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limiter = self.services.limiter
        if (
            scope["type"] != "http"
            or not limiter.enabled
            or scope["method"] == "OPTIONS"
            or not scope["path"].startswith(LIMITED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        wait = limiter.take(self._identity(scope))
        if wait > 0:
            await send_error(
                send,
                429,
                "rate_limited",
                f"Too many requests: the limit is {int(limiter.capacity)} per minute. "
                f"Retry after {limiter.retry_after(wait)} s.",
                {"Retry-After": limiter.retry_after(wait)},
            )
            return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Reads the body up to `limit` bytes before the app sees it; anything larger gets 413.
    Buffering is fine: the limit bounds memory, and it covers chunked uploads too."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _too_large(self, send: Send) -> None:
        await send_error(
            send,
            413,
            "payload_too_large",
            f"The request body is larger than {self.limit} bytes; send a shorter conversation.",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
