"""Property tests for the conversation-fact parsers (`assistant/chat/facts/`).

The table-driven cases live in tests/chat/test_facts.py and the rule properties in
tests/rules/; these check what must hold for *any* input: round trips for numbers, money,
percentages and dates written the EN and ES ways, and no crash, no out-of-range offsets and a
valid `ConversationFacts` for arbitrary (hostile) text.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.chat.answer import Message
from assistant.chat.facts.dates import find_dates, find_fiscal_year
from assistant.chat.facts.extract import extract_facts, turn_facts
from assistant.chat.facts.model import ConversationFacts
from assistant.chat.facts.numbers import (
    find_exchange_rate,
    find_money,
    find_percents,
    parse_number,
)
from assistant.chat.facts.patterns import keyword_facts, lease_facts

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip

PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text a user could paste: any printable or control character, digits and separators weighted
# up so the number/date regexes actually get exercised.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("0123456789,. $%/-:USDMXNmkde"),
    ),
    max_size=400,
)
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def es_thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- numbers ---------------------------------------------------------------------------------


@PROPS
@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_in_both_thousands_styles(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(es_thousands(n)) == n
    assert parse_number(str(n)) == n


@PROPS
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_two_decimal_amounts_read_the_same_with_either_decimal_mark(whole: int, cents: int) -> None:
    expected = whole + cents / 100
    assert parse_number(f"{whole}.{cents:02d}") == pytest.approx(expected)
    assert parse_number(f"{whole},{cents:02d}") == pytest.approx(expected)
    assert parse_number(f"{whole:,}.{cents:02d}") == pytest.approx(expected)
    assert parse_number(f"{es_thousands(whole)},{cents:02d}") == pytest.approx(expected)


@PROPS
@given(st.integers(min_value=1, max_value=10**10))
def test_money_with_a_currency_is_found_with_its_amount(n: int) -> None:
    for text, currency in [
        (f"USD {n:,}", "USD"),
        (f"{n:,} dollars", "USD"),
        (f"{es_thousands(n)} pesos", "MXN"),
        (f"MXN {n}", "MXN"),
    ]:
        found = find_money(f"we sell {text} a year", "en")
        assert [(m.amount, m.currency) for m in found] == [(n, currency)], text


@PROPS
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "millones", "M"]))
def test_magnitudes_multiply(n: int, word: str) -> None:
    found = find_money(f"US$ {n} {word}" if word != "M" else f"US${n}M")
    assert len(found) == 1
    assert found[0].amount == pytest.approx(n * 1e6)
    assert found[0].currency == "USD"


@PROPS
@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=9))
def test_percentages_round_trip(whole: int, tenth: int) -> None:
    for text in (f"{whole}.{tenth}%", f"{whole},{tenth} %", f"{whole}.{tenth} percent"):
        assert [p.value for p in find_percents(text)] == [pytest.approx(whole + tenth / 10)]


@PROPS
@given(st.integers(min_value=5, max_value=99), st.integers(min_value=0, max_value=99))
def test_a_stated_exchange_rate_is_read(whole: int, cents: int) -> None:
    rate = find_exchange_rate(f"exchange rate of {whole}.{cents:02d} pesos per dollar")
    assert rate is not None
    assert rate[0] == pytest.approx(whole + cents / 100)


# --- dates -----------------------------------------------------------------------------------


@PROPS
@given(DATES)
def test_every_written_form_of_a_date_is_found(day: dt.date) -> None:
    forms = [
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}",
        f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} de {ES_MONTHS[day.month - 1]} de {day.year}",
    ]
    for form in forms:
        assert [d.value for d in find_dates(f"the goods arrived on {form}.")] == [day], form


@PROPS
@given(st.integers(min_value=1900, max_value=2099), st.integers(13, 99), st.integers(1, 12))
def test_impossible_calendar_dates_are_never_returned(year: int, bad_day: int, month: int) -> None:
    # Day-first with a day > 12 and <= 31 is legal; swap-reading '13/05' etc. is also legal; so
    # test only days that cannot exist in any month.
    if bad_day <= 31:
        bad_day += 31
    assert find_dates(f"{bad_day}/{month:02d}/{year}") == []
    assert find_dates(f"{bad_day} {EN_MONTHS[month - 1]} {year}") == []


# --- arbitrary text: never crash, offsets in range, valid facts ------------------------------


@PROPS
@given(HOSTILE)
@example("1," * 2000)
@example("1 " * 2000)
@example("$" * 4000)
@example("9" * 4000)
@example("\x00\x1b[31m USD 500,000 \u202e 10 %")
@example("01/02/0000 29 February 2023 31/04/2025")
def test_parsers_never_crash_and_offsets_stay_in_range(text: str) -> None:
    for lang in ("en", "es"):
        for m in find_money(text, lang):
            assert 0 <= m.start < m.end <= len(text)
            assert m.amount >= 0
            assert m.currency in (None, "USD", "MXN")
    for p in find_percents(text):
        assert 0 <= p.start < p.end <= len(text)
    dates = find_dates(text)
    assert [d.start for d in dates] == sorted(d.start for d in dates)
    for a, b in itertools.pairwise(dates):
        assert a.end <= b.start  # no overlapping matches
    year = find_fiscal_year(text, dates)
    assert year is None or 1900 <= year <= 2099
    rate = find_exchange_rate(text)
    assert rate is None or 5 <= rate[0] <= 100
    assert isinstance(keyword_facts(text), dict)
    assert isinstance(lease_facts(text, True), dict)


@PROPS
@given(HOSTILE, st.sampled_from(["en", "es"]))
def test_any_turn_yields_valid_conversation_facts(text: str, lang: str) -> None:
    update = turn_facts(text, lang, ConversationFacts())
    facts = ConversationFacts().merged(update)  # validates every field type
    assert isinstance(facts.known(), dict)


@PROPS
@given(st.lists(HOSTILE, min_size=1, max_size=4), st.lists(HOSTILE, max_size=4))
def test_assistant_turns_never_become_facts(users: list[str], assistants: list[str]) -> None:
    """Facts come from the user only: whatever the assistant said is ignored."""
    only_user = [Message(role="user", content=u) for u in users]
    mixed: list[Message] = []
    for i, user in enumerate(users):
        mixed.append(Message(role="user", content=user))
        if i < len(assistants):
            mixed.append(Message(role="assistant", content=assistants[i]))
    assert extract_facts(mixed) == extract_facts(only_user)


@PROPS
@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_a_later_turn_overrides_an_earlier_export_figure(first: int, second: int) -> None:
    turns = [f"Our exports are USD {first:,}.", f"Sorry, our exports are USD {second:,}."]
    facts = extract_facts([Message(role="user", content=t) for t in turns])
    assert facts.export_sales is not None
    assert facts.export_sales.amount == second
    assert facts.export_sales.currency == "USD"
