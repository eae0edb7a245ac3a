"""Guard limits and language detection."""

from __future__ import annotations

import pytest

from assistant.chat.answer import Message
from assistant.chat.guard import MAX_MESSAGE_CHARS, MAX_TURNS, ConversationError, guard
from assistant.knowledge.language import detect_language


def user(text: str) -> Message:
    return Message(role="user", content=text)


@pytest.mark.parametrize(
    ("messages", "field"),
    [
        ([], "messages"),
        ([user("   \n\t ")], "messages[0].content"),
        ([user("x" * (MAX_MESSAGE_CHARS + 1))], "messages[0].content"),
        ([user("hi")] * (MAX_TURNS + 1), "messages"),
        ([user("hi"), Message(role="assistant", content="hello")], "messages[1].role"),
    ],
)
def test_guard_refuses(messages: list[Message], field: str) -> None:
    with pytest.raises(ConversationError) as info:
        guard(messages)
    assert info.value.field == field
    assert info.value.reason


def test_guard_strips_control_characters() -> None:
    assert guard([user("What\x00 is\x07 IMMEX?\u200b")])[0].content == "What is IMMEX?"


def test_guard_accepts_limits() -> None:
    assert len(guard([user("x" * MAX_MESSAGE_CHARS)] * MAX_TURNS)) == MAX_TURNS


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("What is IMMEX?", "en"),
        ("¿Qué es IMMEX?", "es"),
        ("Can a mid-sized company apply?", "en"),
        ("¿Cuánto tiempo pueden quedarse los moldes?", "es"),
        ("y los moldes?", "es"),
        ("and the molds?", "en"),
        ("lo cambiamos el 2 de marzo de 2026, ¿hasta cuándo tenemos?", "es"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_ambiguous_text_keeps_default() -> None:
    assert detect_language("IMMEX?", default="es") == "es"
