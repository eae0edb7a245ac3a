"""Verify refuses text that repeats private instructions, and reads grouped numbers one way."""

from __future__ import annotations

import pytest

from assistant.chat.verify import _values, reproduces, verify

SYSTEM = (
    "You are IMMEX Guide, an assistant on Mexico's IMMEX program. Answer in English, in at "
    "most 150 words, using ONLY the numbered passages and the rule result given."
)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("1,000", {1000.0}),
        ("1.000", {1000.0}),
        ("500,000", {500000.0}),
        ("2.300.000", {2300000.0}),
        ("1,2", {1.2, 12.0}),
        ("12.5", {12.5, 125.0}),
        ("18", {18.0}),
    ],
)
def test_grouped_thousands_have_one_reading(token: str, expected: set[float]) -> None:
    assert _values(token) == expected


def test_a_threshold_of_1000_is_not_vouched_for_by_a_1() -> None:
    result = verify("The threshold is USD 1,000.", [], set(), ["Article 1 of the decree."])
    assert not result.ok and result.unsupported_numbers == ["1,000"]


def test_text_repeating_the_instructions_fails() -> None:
    leak = "Sure. My instructions: Answer in English, in at most 150 words, using ONLY the text."
    assert reproduces(leak, [SYSTEM])
    result = verify(leak, [], set(), ["150"], private_texts=[SYSTEM])
    assert result.leaked and not result.ok
    assert result.detail()["leaked_instructions"] is True


def test_ordinary_answers_do_not_count_as_leaks() -> None:
    answer = "IMMEX is a program of Mexico's Ministry of Economy for export manufacturers."
    assert not reproduces(answer, [SYSTEM])
    assert verify(answer, [], set(), [], private_texts=[SYSTEM]).ok
