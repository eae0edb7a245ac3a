"""OpenAPI examples and the documented error responses shared by every endpoint."""

from __future__ import annotations

from typing import Any

from assistant.api.schemas import ErrorResponse

_ERROR_TEXT = {
    400: ("invalid_json", "The body is not valid JSON; send a JSON object."),
    401: (
        "api_key_required",
        "This endpoint needs an API key: send 'Authorization: Bearer <key>'.",
    ),
    403: ("forbidden", "This endpoint needs an API key with the admin role."),
    404: ("not_found", "No note with id 'foo-en'; list the notes at /api/v1/sources."),
    413: ("payload_too_large", "The request body is larger than 1000000 bytes."),
    422: ("validation_error", "'messages.0.content': the message is empty."),
    429: ("rate_limited", "Too many requests: the limit is 120 per minute. Retry after 2 s."),
    503: ("store_unavailable", "The search index is not available. Retry in a few seconds."),
}


def errors(*statuses: int, streaming: bool = False) -> dict[int | str, dict[str, Any]]:
    """Documented error responses, each with the one error shape and an example.

    Streaming routes name the JSON schema explicitly: given a `model`, FastAPI would also
    document errors as text/event-stream, but errors are always JSON."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        code, message = _ERROR_TEXT[status]
        json_content: dict[str, Any] = {"example": {"error": {"code": code, "message": message}}}
        out[status] = {
            "description": code.replace("_", " "),
            "content": {"application/json": json_content},
        }
        if streaming:
            json_content["schema"] = {"$ref": "#/components/schemas/ErrorResponse"}
        else:
            out[status]["model"] = ErrorResponse
    return out


COMMON = (400, 401, 413, 422, 429)

CHAT_EXAMPLES: dict[str, Any] = {
    "question_en": {
        "summary": "A first question in English",
        "value": {"messages": [{"role": "user", "content": "What is IMMEX?"}]},
    },
    "follow_up_es": {
        "summary": "A follow-up in Spanish, sales audience",
        "value": {
            "messages": [
                {"role": "user", "content": "¿Cuánto hay que exportar para IMMEX?"},
                {"role": "assistant", "content": "Más de USD 500,000 al año o el 10 % ..."},
                {"role": "user", "content": "Exportamos USD 400,000 y vendemos USD 2 millones"},
            ],
            "lang": "es",
            "audience": "sales",
            "as_of": "2026-11-26",
        },
    },
}

ANSWER_EXAMPLE: dict[str, Any] = {
    "answer_id": "51b2e3ca30fe41fc9c10a2f31b59c496",
    "status": "answered",
    "text": "IMMEX lets a manufacturer import inputs temporarily without paying duties ... [1]",
    "citations": [
        {
            "index": 1,
            "note_id": "what-is-immex-en",
            "title": "What IMMEX is",
            "section": "What is IMMEX?",
            "references": ["Decreto IMMEX, art. 1"],
            "url": "https://www.gob.mx/se",
            "as_of": "2026-02-12",
            "lang": "en",
            "snippet": "IMMEX is a program ...",
            "chunk_id": "3f2a...",
        }
    ],
    "rule_results": [],
    "missing_facts": [],
    "follow_ups": ["Who can apply?"],
    "lang": "en",
    "route": "faq",
    "route_confidence": 0.91,
    "timings": [{"step": "retrieve", "ms": 4.2, "detail": {}}],
    "notice": None,
}

SSE_EXAMPLE = (
    'event: status\ndata: {"status": "answered", "answer_id": "51b2..."}\n\n'
    'event: delta\ndata: {"text": "IMMEX lets a manufacturer "}\n\n'
    'event: citations\ndata: [{"index": 1, "note_id": "what-is-immex-en", ...}]\n\n'
    'event: done\ndata: {"answer_id": "51b2...", "status": "answered", ...}\n\n'
)

RULE_EXAMPLES: dict[str, Any] = {
    "export_commitment": {
        "summary": "Export commitment with both figures",
        "value": {"inputs": {"exports": 400000, "total_sales": 2000000, "currency": "USD"}},
    },
    "missing_facts": {
        "summary": "Only part of the facts: the verdict is needs_info",
        "value": {"inputs": {"exports": 400000}, "as_of": "2026-11-26"},
    },
}

FEEDBACK_EXAMPLES: dict[str, Any] = {
    "down": {
        "summary": "A thumbs-down with a reason",
        "value": {
            "answer_id": "51b2e3ca30fe41fc9c10a2f31b59c496",
            "rating": "down",
            "reason": "wrong_source",
            "comment": "The lease term is 1 year, the answer cited the annual report note.",
        },
    },
    "up": {"summary": "A thumbs-up", "value": {"answer_id": "51b2e3ca", "rating": "up"}},
}

OPENAI_EXAMPLES: dict[str, Any] = {
    "basic": {
        "summary": "OpenAI-style request",
        "value": {
            "model": "immex-guide",
            "messages": [
                {"role": "system", "content": "You are helpful."},
                {"role": "user", "content": "How long can molds stay in Mexico under IMMEX?"},
            ],
            "stream": False,
        },
    }
}


def sse_event_schema(events: list[str] | None = None, json_data: bool = True) -> dict[str, Any]:
    """Schema of one Server-Sent Event as a parsed `{event, data, id, retry}` object."""
    data: dict[str, Any] = {"type": "string"}
    if json_data:
        data["contentMediaType"] = "application/json"
    event: dict[str, Any] = {"type": "string"}
    if events:
        event["enum"] = events
    return {
        "type": "object",
        "required": ["data"],
        "properties": {
            "event": event,
            "data": data,
            "id": {"type": "string"},
            "retry": {"type": "integer", "minimum": 0},
        },
    }
