"""A minimal Server-Sent Events reader: enough for the API's `event:` / `data:` frames."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SseEvent:
    """One dispatched event; `data` is the JSON-decoded payload (raw text if not JSON)."""

    event: str
    data: Any


def _decode(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def parse_sse(lines: Iterable[str]) -> Iterator[SseEvent]:
    """Turn text lines (without their newline) into events, per the SSE framing rules."""
    event = "message"
    data: list[str] = []
    for line in lines:
        if line == "":
            if data:
                yield SseEvent(event, _decode("\n".join(data)))
            event, data = "message", []
            continue
        if line.startswith(":"):
            continue  # comment / keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value or "message"
        elif name == "data":
            data.append(value)
    if data:  # a stream cut without the final blank line still delivers its last event
        yield SseEvent(event, _decode("\n".join(data)))
