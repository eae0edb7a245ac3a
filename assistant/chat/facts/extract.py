"""Turn the user's messages into `ConversationFacts`, later turns overriding earlier ones."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.chat.answer import Message
from assistant.chat.facts.dates import find_dates, find_fiscal_year
from assistant.chat.facts.model import ConversationFacts, Currency, Money
from assistant.chat.facts.numbers import find_exchange_rate, find_money, find_percents
from assistant.chat.facts.patterns import keyword_facts, lease_facts
from assistant.chat.language import detect_language

_I = re.IGNORECASE
_EXPORT = re.compile(
    r"export\w*|foreign sales|sales abroad|overseas|abroad|international sales|"
    r"exporta\w*|ventas? (?:al|en el) (?:exterior|extranjero)|al extranjero|en el extranjero",
    _I,
)
_TOTAL = re.compile(
    r"total\w*|sales|revenues?|turnover|invoic\w*|sells?|sold|income|ventas?|vendemos|"
    r"vendimos|factura\w*|ingresos?",
    _I,
)
_RETURNS = re.compile(r"return\w*|retorn\w*|devuel\w*|regres\w*", _I)
# Clause breaks: a keyword across one of these belongs to another amount.
_BREAK = re.compile(
    r",|;|\band\b|\by\b|\bbut\b|\bpero\b|\bwhile\b|\bmientras\b|\bwith\b|\bcon\b", _I
)

_DATE_ROLES: list[tuple[str, re.Pattern[str]]] = [
    # "notify" alone is a change notice; a notification date is about a cancellation.
    ("notification_date", re.compile(r"cancel\w*|revoked|revoca\w*", _I)),
    (
        "import_date",
        re.compile(
            r"import\w*|entered|arrived|crossed|ingres\w*|lleg\w*|"
            r"pedimento|cruz\w*",
            _I,
        ),
    ),
    (
        "change_date",
        re.compile(
            r"chang\w*|moved|mov\w*|cambi\w*|mud\w*|effective|"
            r"modific\w*|nombr\w*|appoint\w*|sold shares",
            _I,
        ),
    ),
]


def _near(pattern: re.Pattern[str], before: str, after: str) -> float:
    """Distance from an amount to the nearest keyword in its own clause (inf if none)."""
    before = _BREAK.split(before)[-1]
    after = _BREAK.split(after)[0]
    best = float("inf")
    for m in pattern.finditer(before):
        best = min(best, len(before) - m.end())
    for m in pattern.finditer(after):
        best = min(best, m.start() + 0.5)
    return best


def _label(text: str, start: int, end: int) -> str | None:
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    exp = _near(_EXPORT, before, after)
    tot = _near(_TOTAL, before, after)
    if exp == tot == float("inf"):
        return None
    return "export" if exp <= tot + 2 else "total"


def _date_role(text: str, start: int, end: int) -> str | None:
    window = text[max(0, start - 80) : end + 40]
    for role, pattern in _DATE_ROLES:
        if pattern.search(window):
            return role
    return None


def turn_facts(text: str, lang: str, known: ConversationFacts) -> dict[str, Any]:
    """Facts stated in one user message, given what earlier turns established."""
    out: dict[str, Any] = keyword_facts(text)
    lease_ctx = known.lease_term_months is not None or known.lease_remaining_months is not None
    out.update(lease_facts(text, lease_ctx))
    default_currency: Currency = known.currency or ("MXN" if lang == "es" else "USD")
    others: list[Money] = []
    rate = find_exchange_rate(text)
    if rate:
        out["exchange_rate"] = rate[0]
    for mention in find_money(text, lang):
        if rate and rate[1] <= mention.start < rate[2]:
            continue
        currency = mention.currency or default_currency
        if mention.currency:
            out["currency"] = mention.currency
        money = Money(amount=mention.amount, currency=currency)
        label = _label(text, mention.start, mention.end)
        if label == "export":
            out["export_sales"] = money
        elif label == "total":
            out["total_sales"] = money
        else:
            others.append(money)
    if others:
        out["other_amounts"] = others
    for pct in find_percents(text):
        before, after = text[max(0, pct.start - 60) : pct.start], text[pct.end : pct.end + 60]
        if _near(_RETURNS, before, after) < float("inf"):
            out["returns_pct"] = pct.value
        elif _near(_EXPORT, before, after) < float("inf") or "of" in after[:5] or "de" in after[:5]:
            out["export_share_pct"] = pct.value
    dates = find_dates(text)
    for date in dates:
        role = _date_role(text, date.start, date.end)
        if role:
            out[role] = date.value
        out["last_date"] = date.value
    if (year := find_fiscal_year(text, dates)) is not None:
        out["fiscal_year"] = year
    return out


def extract_facts(messages: Sequence[Message]) -> ConversationFacts:
    """Facts from every user turn, oldest first, so later statements win."""
    facts = ConversationFacts()
    for message in messages:
        if message.role != "user":
            continue
        lang = detect_language(message.content)
        facts = facts.merged(turn_facts(message.content, lang, facts))
    return facts
