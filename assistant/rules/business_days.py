"""Mexican business days and the counting of legal terms.

Which days are not business days
    Saturdays, Sundays and the official rest days that CFF art. 12 and LFT art. 74 both list:
    1 January, the first Monday of February, the third Monday of March, 1 May, 16 September,
    the third Monday of November, the day the federal executive changes hands (1 December
    every six years until 2018, 1 October from 2024) and 25 December. They come from the
    maintained `holidays` package (`holidays.country_holidays("MX")`), which tracks the
    moved-Monday rules and the change-of-government day, instead of a hand-kept list.

What is deliberately left out, and why
    The authorities' general vacation periods and the closure days SAT and SE publish every
    year in the DOF are not known in advance, and 5 May is listed by CFF art. 12 for tax terms
    only. Leaving them out can only make a count of business days end earlier than the law
    allows, never later, which is the safe side for a filing deadline.

How terms end (CFF art. 12)
    A term in months or years ends on the same day of the later month; when that month has no
    such day (31 August + 18 months), it ends on the first business day of the following month.
    When the last day of any term is not a business day, the term runs to the next business day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import holidays

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=256)
def _holidays_for(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("MX", years=year).items())


def holiday_name(day: dt.date) -> str | None:
    """Name of the official rest day on `day`, if any."""
    return _holidays_for(day.year).get(day)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def non_business_reason(day: dt.date) -> str | None:
    """Why `day` is not a business day ('Saturday', 'Sunday' or the holiday), else None."""
    if day.weekday() >= 5:
        return day.strftime("%A")
    return holiday_name(day)


def next_business_day(day: dt.date) -> dt.date:
    """`day` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day):
        day += _ONE_DAY
    return day


def previous_business_day(day: dt.date) -> dt.date:
    """`day` itself when it is a business day, else the last business day before it."""
    while not is_business_day(day):
        day -= _ONE_DAY
    return day


def last_business_day_of_month(year: int, month: int) -> dt.date:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return previous_business_day(last)


def add_business_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `start` (the day of the event itself is not counted)."""
    if count < 0:
        raise ValueError("count must be zero or positive")
    day = start
    remaining = count
    while remaining:
        day += _ONE_DAY
        if is_business_day(day):
            remaining -= 1
    return day


def skipped_holidays(start: dt.date, end: dt.date) -> list[str]:
    """Official rest days strictly after `start` up to `end`, as 'YYYY-MM-DD name' strings."""
    found: list[str] = []
    day = start + _ONE_DAY
    while day <= end:
        name = holiday_name(day)
        if name and day.weekday() < 5:
            found.append(f"{day.isoformat()} {name}")
        day += _ONE_DAY
    return found


def add_months_legal(start: dt.date, months: int) -> tuple[dt.date, bool]:
    """End of a term of `months` months under CFF art. 12, before any weekend roll-forward.

    Returns the date and whether the month lacked the starting day (then the term ends on the
    first business day of the following month).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if start.day <= days_in_month:
        return dt.date(year, month, start.day), False
    following = dt.date(year, month, days_in_month) + _ONE_DAY
    return next_business_day(following), True
