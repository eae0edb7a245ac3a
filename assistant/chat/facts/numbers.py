"""Number, money and percentage parsing for EN and ES conversational text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Currency = Literal["USD", "MXN"]

# A number token: digits with optional thousands groups (',' '.' or space) and decimals.
_NUM = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"

_MAGNITUDES: list[tuple[str, float]] = [
    (r"mil\s+millones", 1e9),
    (r"billions?|bn", 1e9),
    (r"millones|mill[oó]n|millions?|mdd|mdp|mm|m", 1e6),
    (r"thousand|mil|k", 1e3),
]
_MAG = "|".join(f"(?:{p})" for p, _ in _MAGNITUDES)

_CUR_BEFORE = r"(?P<cur_b>US\s?\$|USD|U\.S\.\s?dollars|MXN|MN|M\.N\.|\$|Ps\.?)"
_CUR_AFTER = (
    r"(?P<cur_a>USD|US\s?dollars|U\.S\.\s?dollars|dollars|d[oó]lares(?:\s+estadounidenses)?|"
    r"MXN|pesos(?:\s+mexicanos)?|M\.?N\.?)"
)

MONEY_RE = re.compile(
    rf"(?:{_CUR_BEFORE}\s?)?(?P<num>{_NUM})(?:\s?(?P<mag>{_MAG})\b\.?)?"
    rf"(?:\s*(?:de\s+)?{_CUR_AFTER}\b)?",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(
    rf"(?P<num>{_NUM})\s?(?:%|per\s?cent\b|percent\b|por\s+ciento\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class MoneyMention:
    """An amount of money found in text; `start`/`end` are character offsets."""

    amount: float
    currency: Currency | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PercentMention:
    value: float
    start: int
    end: int


def parse_number(token: str) -> float:
    """Parse '8,200,000', '1.234.567', '2.3', '1,2', '12 500' into a float.

    EN and ES swap ',' and '.', so a lone separator followed by exactly three digits is read
    as a thousands separator and anything else as the decimal mark.
    """
    token = token.replace("\u00a0", " ").strip()
    if " " in token:
        token = token.replace(" ", "")
    seps = [c for c in token if c in ",."]
    if not seps:
        return float(token)
    if len(set(seps)) == 2:  # '1,234.56' or '1.234,56': the last separator is the decimal
        dec = token.rfind(",") if token.rfind(",") > token.rfind(".") else token.rfind(".")
        whole = re.sub(r"[.,]", "", token[:dec])
        return float(f"{whole}.{token[dec + 1 :]}")
    sep = seps[0]
    parts = token.split(sep)
    if len(parts) > 2:
        return float("".join(parts))
    head, tail = parts
    if len(tail) == 3:
        return float(head + tail)
    return float(f"{head}.{tail}")


def _magnitude(mag: str | None) -> float:
    if not mag:
        return 1.0
    for pattern, factor in _MAGNITUDES:
        if re.fullmatch(pattern, mag.strip(), re.IGNORECASE):
            return factor
    return 1.0


def _currency(before: str | None, after: str | None, mag: str | None, lang: str) -> Currency | None:
    mark = f"{before or ''} {after or ''} {mag or ''}".lower()
    words = set(re.findall(r"[a-z.]+", mark))
    if any(t in mark for t in ("mxn", "peso", "mdp", "m.n")) or "mn" in words:
        return "MXN"
    if any(t in mark for t in ("us", "dollar", "dólar", "dolar", "mdd")):
        return "USD"
    if "$" in mark:
        # A bare '$' means pesos in Mexican Spanish usage and dollars in English usage.
        return "MXN" if lang == "es" else "USD"
    return None


def find_money(text: str, lang: str = "en") -> list[MoneyMention]:
    """Amounts that carry a currency or a magnitude (a bare '14' is not money)."""
    found: list[MoneyMention] = []
    for m in MONEY_RE.finditer(text):
        before, after, mag = m.group("cur_b"), m.group("cur_a"), m.group("mag")
        if not (before or after or mag):
            continue
        if mag and mag.lower() == "m" and not (before or after) and _followed_by_unit(text, m):
            continue
        tail = text[m.end() : m.end() + 3]
        if tail.lstrip().startswith("%"):
            continue
        value = parse_number(m.group("num")) * _magnitude(mag)
        found.append(
            MoneyMention(
                amount=value,
                currency=_currency(before, after, mag, lang),
                start=m.start(),
                end=m.end(),
                text=m.group(0).strip(),
            )
        )
    return found


def _followed_by_unit(text: str, m: re.Match[str]) -> bool:
    # '10 m2' or '300 m of fence' are not money.
    return bool(re.match(r"\s*(?:2|²|eters|etros)", text[m.end() :]))


def find_percents(text: str) -> list[PercentMention]:
    return [
        PercentMention(value=parse_number(m.group("num")), start=m.start(), end=m.end())
        for m in PERCENT_RE.finditer(text)
    ]


EXCHANGE_RE = re.compile(
    rf"(?:exchange rate|rate|tipo de cambio|t\.?\s?c\.?)\s*(?:of|de|at|a|is|es|:|=)?\s*"
    rf"(?:MXN\s?|\$\s?)?(?P<a>{_NUM})(?:\s*(?:MXN|pesos)?\s*(?:/|per|por)\s*(?:USD|d[oó]ll?ar\w*|US\$))?"
    rf"|(?:at|a)\s+(?P<b>{_NUM})\s*(?:MXN|pesos)\s*(?:/|per|por)\s*(?:USD|d[oó]ll?ar\w*|US\$)"
    rf"|(?P<c>{_NUM})\s*(?:MXN|pesos)\s*(?:/|per|por)\s*(?:USD|d[oó]ll?ar\w*|US\$)",
    re.IGNORECASE,
)


def find_exchange_rate(text: str) -> tuple[float, int, int] | None:
    """An MXN-per-USD rate the user states ('at 18.5 pesos per dollar', 'tipo de cambio de 17')."""
    for m in EXCHANGE_RE.finditer(text):
        token = m.group("a") or m.group("b") or m.group("c")
        value = parse_number(token)
        if 5 <= value <= 100:  # plausible MXN/USD; anything else is some other number
            return value, m.start(), m.end()
    return None
