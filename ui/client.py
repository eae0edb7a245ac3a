"""HTTP client of the IMMEX Guide API (httpx); every failure becomes an `ApiError`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import httpx

from ui.config import UiConfig, load_config
from ui.errors import ApiError, ApiResponseError, ApiTimeout, ApiUnavailable
from ui.models import Answer, RuleInfo, RuleResult, SourceNote, SourceSummary
from ui.sse import SseEvent, parse_sse


def _error_from_response(response: httpx.Response) -> ApiResponseError:
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return ApiResponseError(
            response.status_code,
            str(error.get("code", "error")),
            str(error.get("message", "")) or response.reason_phrase,
            error.get("field"),
        )
    return ApiResponseError(response.status_code, "http_error", response.reason_phrase or "error")


@contextmanager
def _translated() -> Iterator[None]:
    """Map transport exceptions to the UI's error types, so no page ever sees httpx."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ApiTimeout(f"the API did not answer in time ({type(exc).__name__})") from exc
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise ApiUnavailable(f"cannot reach the API ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise ApiUnavailable(f"HTTP failure talking to the API: {exc}") from exc


class ApiClient:
    """Thin, typed wrapper over the API contract; one instance per script run is fine."""

    def __init__(
        self, config: UiConfig | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.config = config or load_config()
        timeout = httpx.Timeout(self.config.read_timeout_s, connect=self.config.connect_timeout_s)
        headers = {"Accept": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        self._http = httpx.Client(
            base_url=self.config.api_url, timeout=timeout, headers=headers, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing -----------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        with _translated():
            response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise _error_from_response(response)
        try:
            return response.json()
        except ValueError as exc:
            raise ApiResponseError(
                response.status_code, "bad_json", "the API sent a reply that is not JSON"
            ) from exc

    # --- endpoints ----------------------------------------------------------------------------
    def ready(self) -> dict[str, Any]:
        with _translated():
            response = self._http.get("/readyz")
        body = (
            response.json()
            if response.headers.get("content-type", "").startswith("application/json")
            else {}
        )
        return {"status": response.status_code, **(body if isinstance(body, dict) else {})}

    def chat(self, payload: Mapping[str, Any]) -> Answer:
        return Answer.model_validate(self._request("POST", "/api/v1/chat", json=dict(payload)))

    def chat_stream(self, payload: Mapping[str, Any]) -> Iterator[SseEvent]:
        """Yield the SSE events of one answer; an `error` event is raised as ApiResponseError."""
        with (
            _translated(),
            self._http.stream(
                "POST",
                "/api/v1/chat/stream",
                json=dict(payload),
                headers={"Accept": "text/event-stream"},
            ) as response,
        ):
            if response.status_code >= 400:
                response.read()
                raise _error_from_response(response)
            for event in parse_sse(response.iter_lines()):
                if event.event == "error":
                    error = event.data.get("error", {}) if isinstance(event.data, dict) else {}
                    raise ApiResponseError(
                        200,
                        str(error.get("code", "stream_error")),
                        str(error.get("message", "the answer stream failed")),
                        error.get("field"),
                    )
                yield event

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo.model_validate(r) for r in self._request("GET", "/api/v1/rules")]

    def evaluate_rule(
        self, rule_id: str, inputs: Mapping[str, Any], as_of: str | None = None
    ) -> RuleResult:
        body = {"inputs": dict(inputs), "as_of": as_of}
        return RuleResult.model_validate(
            self._request("POST", f"/api/v1/rules/{rule_id}", json=body)
        )

    def sources(
        self, lang: str | None = None, topic: str | None = None, q: str | None = None
    ) -> list[SourceSummary]:
        params = {k: v for k, v in {"lang": lang, "topic": topic, "q": q}.items() if v}
        data = self._request("GET", "/api/v1/sources", params=params)
        return [SourceSummary.model_validate(s) for s in data]

    def source(self, note_id: str) -> SourceNote:
        return SourceNote.model_validate(self._request("GET", f"/api/v1/sources/{note_id}"))

    def feedback(
        self,
        answer_id: str,
        rating: str,
        reason: str | None = None,
        comment: str | None = None,
    ) -> dict[str, Any]:
        body = {"answer_id": answer_id, "rating": rating, "reason": reason, "comment": comment}
        result: dict[str, Any] = self._request("POST", "/api/v1/feedback", json=body)
        return result


MAX_TURNS = 50  # the API refuses longer histories (422)


def chat_payload(
    messages: Sequence[Mapping[str, str]], lang: str | None, audience: str
) -> dict[str, Any]:
    """The request body of /chat and /chat/stream: only role and content go over the wire.

    Long conversations send their most recent turns only, starting at a user turn; the screen
    still shows the whole history."""
    recent = list(messages[-MAX_TURNS:])
    while len(recent) > 1 and recent[0]["role"] != "user":
        recent.pop(0)
    return {
        "messages": [{"role": m["role"], "content": m["content"]} for m in recent],
        "lang": lang,
        "audience": audience,
        "as_of": None,
    }


__all__ = ["ApiClient", "ApiError", "chat_payload"]
