"""Turn the user's messages into `ConversationFacts`, later turns overriding earlier ones."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.chat.answer import Message
from assistant.chat.facts.answers import asked_fields, confirmed_facts
from assistant.chat.facts.dates import find_dates, find_fiscal_year
from assistant.chat.facts.model import ConversationFacts, Currency, Money
from assistant.chat.facts.numbers import find_exchange_rate, find_money, find_percents
from assistant.chat.facts.patterns import keyword_facts, lease_facts
from assistant.knowledge.language import detect_language

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

# Keywords that say what a date is; the nearest one before the date (in its own stretch of
# text, after any earlier date) decides, so "changed on 2 Nov and notified SE on 10 Nov" gives
# each date its own role.
_DATE_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("notification_date", re.compile(r"cancel\w*|revoked|revoca\w*", _I)),
    (
        "notice",
        re.compile(
            r"notif\w*|told (?:the )?(?:SE|ministry|Economía)|informed|avis\w*|"
            r"dimos aviso|informamos|comunicamos",
            _I,
        ),
    ),
    (
        "filed_on",
        re.compile(r"filed|submitted|presentamos|presentad[oa]|present[oó]|entregamos", _I),
    ),
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
_CANCEL = _DATE_ROLES[0][1]


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


def _date_role(text: str, start: int, end: int, floor: int = 0) -> str | None:
    """The role of the date at text[start:end]: nearest keyword before it (not reaching back
    past `floor`, the end of the previous date), else the nearest one shortly after it."""
    before = text[max(floor, start - 80) : start]
    after = text[end : end + 40]
    best: tuple[float, str] | None = None
    for role, pattern in _DATE_ROLES:
        for m in pattern.finditer(before):
            dist = float(len(before) - m.end())
            if best is None or dist < best[0]:
                best = (dist, role)
    if best is None:
        for role, pattern in _DATE_ROLES:
            if hit := pattern.search(after):
                dist = 1000.0 + hit.start()
                if best is None or dist < best[0]:
                    best = (dist, role)
    if best is None:
        return None
    if best[1] == "notice":  # being notified of a cancellation, or notifying SE of a change
        return "notification_date" if _CANCEL.search(text) else "notified_on"
    return best[1]


def turn_facts(
    text: str, lang: str, known: ConversationFacts, asked: Sequence[str] = ()
) -> dict[str, Any]:
    """Facts stated in one user message, given what earlier turns established and the yes/no
    facts the assistant's previous message asked for (`asked`)."""
    out: dict[str, Any] = keyword_facts(text)
    if confirmed := confirmed_facts(text, list(asked)):
        out["confirmed"] = confirmed
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
    floor = 0
    for date in dates:
        role = _date_role(text, date.start, date.end, floor)
        floor = date.end
        if role:
            out[role] = date.value
        out["last_date"] = date.value
    if (year := find_fiscal_year(text, dates)) is not None:
        out["fiscal_year"] = year
    return out


def extract_facts(messages: Sequence[Message]) -> ConversationFacts:
    """Facts from every user turn, oldest first, so later statements win."""
    facts = ConversationFacts()
    asked: list[str] = []
    for message in messages:
        if message.role != "user":
            asked = asked_fields(message.content)
            continue
        lang = detect_language(message.content)
        facts = facts.merged(turn_facts(message.content, lang, facts, asked))
        asked = []
    return facts


def last_asked(messages: Sequence[Message]) -> list[str]:
    """Yes/no facts asked by the assistant message right before the last user message."""
    if len(messages) >= 2 and messages[-2].role != "user":
        return asked_fields(messages[-2].content)
    return []
