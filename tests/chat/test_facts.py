"""Conversation-fact parsers, table-driven, EN and ES."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assistant.chat.answer import Message
from assistant.chat.facts.dates import find_dates
from assistant.chat.facts.extract import extract_facts
from assistant.chat.facts.numbers import find_money, find_percents, parse_number


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("USD 730k", 730_000, "USD"),
        ("$12.5M", 12_500_000, "USD"),
        ("2.3 millones de dólares", 2_300_000, "USD"),
        ("MXN 14 million", 14_000_000, "MXN"),
        ("8,200,000 pesos", 8_200_000, "MXN"),
        ("US$ 1,2 millones", 1_200_000, "USD"),
        ("500 mil dólares", 500_000, "USD"),
        ("USD 500,000", 500_000, "USD"),
        ("$3.5 mdp", 3_500_000, "MXN"),
        ("1.234.567 pesos", 1_234_567, "MXN"),
    ],
)
def test_money(text: str, amount: float, currency: str) -> None:
    found = find_money(text)
    assert len(found) == 1
    assert found[0].amount == pytest.approx(amount)
    assert found[0].currency == currency


@pytest.mark.parametrize("text", ["a 24-month term", "120 workers", "14 months left", "art. 11"])
def test_plain_numbers_are_not_money(text: str) -> None:
    assert find_money(text) == []


def test_bare_dollar_sign_follows_language() -> None:
    assert find_money("$ 2 millones", "es")[0].currency == "MXN"
    assert find_money("$2M", "en")[0].currency == "USD"


@pytest.mark.parametrize(
    ("token", "value"),
    [("8,200,000", 8_200_000), ("1,2", 1.2), ("2.3", 2.3), ("1.234,5", 1234.5), ("12 500", 12_500)],
)
def test_parse_number(token: str, value: float) -> None:
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"), [("8%", 8), ("10,5 %", 10.5), ("65 percent", 65), ("70 por ciento", 70)]
)
def test_percentages(text: str, value: float) -> None:
    assert [p.value for p in find_percents(text)] == [value]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("14 July 2025", dt.date(2025, 7, 14)),
        ("July 14, 2025", dt.date(2025, 7, 14)),
        ("2 de marzo de 2026", dt.date(2026, 3, 2)),
        ("14/07/2025", dt.date(2025, 7, 14)),
        ("2025-07-14", dt.date(2025, 7, 14)),
        ("el 1º de abril de 2026", dt.date(2026, 4, 1)),
    ],
)
def test_dates(text: str, date: dt.date) -> None:
    assert [d.value for d in find_dates(text)] == [date]


def test_impossible_date_is_ignored() -> None:
    assert find_dates("31/02/2025") == []


def facts(*turns: str) -> dict[str, Any]:
    return extract_facts([Message(role="user", content=t) for t in turns]).known()


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            ["We export USD 730k out of total sales of USD 5M"],
            {
                "export_sales": {"amount": 730_000, "currency": "USD"},
                "total_sales": {"amount": 5_000_000, "currency": "USD"},
            },
        ),
        (
            ["USD 730k in exports and USD 5M in sales"],
            {
                "export_sales": {"amount": 730_000, "currency": "USD"},
                "total_sales": {"amount": 5_000_000, "currency": "USD"},
            },
        ),
        (
            ["Vendemos MXN 14 millones, de las cuales 8,200,000 pesos son exportaciones"],
            {
                "export_sales": {"amount": 8_200_000, "currency": "MXN"},
                "total_sales": {"amount": 14_000_000, "currency": "MXN"},
            },
        ),
        (
            ["exports of USD 400k", "what if exports were 510k?"],
            {"export_sales": {"amount": 510_000, "currency": "USD"}},
        ),
        (["exportamos 9 millones de pesos, tipo de cambio de 17.5"], {"exchange_rate": 17.5}),
        (["exports are 8% of our sales"], {"export_share_pct": 8}),
        (["We are an S.A. de C.V."], {"entity_type": "sa_de_cv"}),
        (["Somos una SAS en RESICO"], {"entity_type": "sas", "tax_regime": "simplified"}),
        (["soy persona física"], {"entity_type": "individual"}),
        (["we are a foreign company"], {"entity_type": "foreign"}),
        (["we also have PROSEC"], {"prosec_held": True}),
        (["no tenemos PROSEC"], {"prosec_held": False}),
        (
            ["our lease has 14 months left of a 24-month term"],
            {"lease_term_months": 24, "lease_remaining_months": 14, "tenure": "leased"},
        ),
        (
            ["our lease has 14 months left of a 24-month term", "what if only 10 remained?"],
            {"lease_term_months": 24, "lease_remaining_months": 10},
        ),
        (["¿y si el contrato fuera de solo 10 meses?"], {"lease_term_months": 10}),
        (
            ["el contrato de arrendamiento es de 2 años y quedan 9 meses"],
            {"lease_term_months": 24, "lease_remaining_months": 9},
        ),
        (["we returned 65% of our temporary imports"], {"returns_pct": 65}),
        (["retornamos el 70 por ciento de los insumos"], {"returns_pct": 70}),
        (["we have 120 workers"], {"workers": 120}),
        (["tenemos 45 empleados"], {"workers": 45}),
        (["we imported molds on 14 July 2025"], {"goods": "molds", "import_date": "2025-07-14"}),
        (
            ["importamos resina el 3 de febrero de 2025"],
            {"goods": "resina", "import_date": "2025-02-03"},
        ),
        (["lo cambiamos el 2 de marzo de 2026"], {"change_date": "2026-03-02"}),
        (
            ["Nos notificaron la cancelación el 10 de marzo de 2026"],
            {"notification_date": "2026-03-10"},
        ),
        (["when is the report for fiscal year 2025 due?"], {"fiscal_year": 2025}),
    ],
)
def test_conversation_facts(turns: list[str], expected: dict[str, Any]) -> None:
    got = facts(*turns)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


def test_later_turn_overrides_and_keeps_the_rest() -> None:
    got = facts("exports of USD 400k and total sales of USD 3M", "what if exports were 510k?")
    assert got["export_sales"]["amount"] == 510_000
    assert got["total_sales"]["amount"] == 3_000_000


def test_assistant_turns_are_not_facts() -> None:
    msgs = [
        Message(role="user", content="hello"),
        Message(role="assistant", content="exports of USD 900k would pass"),
        Message(role="user", content="ok"),
    ]
    assert extract_facts(msgs).export_sales is None


def test_money_in_an_exchange_rate_is_not_sales() -> None:
    got = facts("We export MXN 14 million at 18.5 pesos per dollar")
    assert got["export_sales"]["amount"] == 14_000_000
    assert got["exchange_rate"] == 18.5
