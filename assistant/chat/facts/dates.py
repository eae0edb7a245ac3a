"""Date parsing, EN and ES: '14 July 2025', 'July 14, 2025', '2 de marzo de 2026', '14/07/2025'."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20)\d{2})"

_PATTERNS = [
    # 2025-07-14
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    # 14/07/2025, 14-07-2025, 14.07.2025 (day first, as written in Mexico)
    re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-]" + _YEAR + r"\b"),
    # 14 July 2025, 2 de marzo de 2026, 14th of July, 2025
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|º|°)?\s+(?:de\s+|of\s+)?(?P<mn>{_MONTH})\.?"
        rf",?\s+(?:de\s+|del\s+)?{_YEAR}\b",
        re.IGNORECASE,
    ),
    # July 14, 2025
    re.compile(
        rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
        re.IGNORECASE,
    ),
]


@dataclass(frozen=True)
class DateMention:
    value: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[DateMention]:
    """All valid calendar dates in `text`, in order of appearance, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mn"].lower()]
            day, year = int(groups["d"]), int(groups["y"])
            if groups.get("m") and month > 12 and day <= 12:  # '07/14/2025' written US-style
                day, month = month, day
            try:
                value = dt.date(year, month, day)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(value=value, start=m.start(), end=m.end()))
    return sorted(found, key=lambda d: d.start)


_FY = re.compile(
    r"\b(?:fiscal\s+year|FY|ejercicio(?:\s+fiscal)?|a[nñ]o\s+fiscal|for|de|del|year)\s*"
    r"(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def find_fiscal_year(text: str, dates: list[DateMention]) -> int | None:
    """A year named on its own ('FY2025', 'ejercicio 2025', 'for 2025'), not inside a date."""
    for m in _FY.finditer(text):
        if not any(d.start <= m.start("y") < d.end for d in dates):
            return int(m.group("y"))
    return None
