"""Input guard: refuse malformed conversations before any work is done."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat.answer import Message

MAX_MESSAGE_CHARS = 4000
MAX_TURNS = 50

# Keep tab/newline (they carry structure); drop other C0/C1 controls and zero-width marks.
# Lone surrogates ("\ud800" is valid JSON) are dropped too: the tokenizer cannot encode them.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ud800-\udfff]"
)


class ConversationError(ValueError):
    """A conversation the pipeline refuses; `field` points at the offending input."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def clean_text(text: str) -> str:
    """Strip control characters and surrounding whitespace."""
    return _CONTROL.sub("", text).strip()


def guard(messages: Sequence[Message]) -> list[Message]:
    """Return the cleaned conversation or raise `ConversationError`."""
    if not messages:
        raise ConversationError("messages", "the conversation is empty; send at least one message")
    if len(messages) > MAX_TURNS:
        raise ConversationError(
            "messages", f"the conversation has {len(messages)} turns; the limit is {MAX_TURNS}"
        )
    cleaned: list[Message] = []
    for i, message in enumerate(messages):
        if len(message.content) > MAX_MESSAGE_CHARS:
            raise ConversationError(
                f"messages[{i}].content",
                f"the message has {len(message.content)} characters; "
                f"the limit is {MAX_MESSAGE_CHARS}",
            )
        text = clean_text(message.content)
        if not text and message.role == "user":
            raise ConversationError(f"messages[{i}].content", "the message is empty")
        cleaned.append(Message(role=message.role, content=text))
    if cleaned[-1].role != "user":
        raise ConversationError(
            f"messages[{len(cleaned) - 1}].role", "the last message must come from the user"
        )
    return cleaned
