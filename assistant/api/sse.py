"""Server-Sent Events framing and the cutting of an answer into text deltas."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from starlette.responses import StreamingResponse

from assistant.chat.answer import Answer

_WORD = re.compile(r"\s*\S+\s*")


class SSEResponse(StreamingResponse):
    media_type = "text/event-stream"


SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(name: str, data: Any) -> str:
    # json.dumps escapes newlines, so each payload stays on one `data:` line.
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def text_deltas(text: str, words: int = 6) -> list[str]:
    """Pieces of about `words` words whose concatenation is exactly `text`."""
    pieces = _WORD.findall(text)
    if "".join(pieces) != text:  # only whitespace, or nothing at all
        return [text] if text else []
    return ["".join(pieces[i : i + words]) for i in range(0, len(pieces), words)]


def answer_events(answer: Answer) -> Iterator[str]:
    """status, delta..., citations, done: the deltas add up to `answer.text`."""
    data = answer.model_dump(mode="json")
    yield event("status", {"status": data["status"], "answer_id": data["answer_id"]})
    for piece in text_deltas(answer.text):
        yield event("delta", {"text": piece})
    yield event("citations", data["citations"])
    yield event("done", data)
