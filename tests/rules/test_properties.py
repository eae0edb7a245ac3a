"""Property tests: monotonic exports, deadlines never before their start, currency round-trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.rules import Verdict, evaluate_rule
from assistant.rules.business_days import (
    add_business_days,
    add_months_legal,
    is_business_day,
    last_business_day_of_month,
)

AS_OF = dt.date(2026, 11, 26)
dates = st.dates(min_value=dt.date(2007, 1, 1), max_value=AS_OF)
usd_cents = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)
rates = st.integers(min_value=100, max_value=5000).map(lambda r: Decimal(r) / 100)


@settings(max_examples=200, deadline=None)
@given(st.lists(usd_cents, min_size=3, max_size=3), st.sampled_from(["USD", "MXN"]), rates)
def test_more_exports_never_turn_meets_into_does_not_meet(
    amounts: list[Decimal], currency: str, rate: Decimal
) -> None:
    low, high, total = sorted(amounts)
    if total == 0:
        return
    extra = {"exchange_rate_mxn_per_usd": float(rate)} if currency == "MXN" else {}
    verdicts = [
        evaluate_rule(
            "export_commitment",
            {"exports": float(x), "total_sales": float(total), "currency": currency, **extra},
            AS_OF,
        ).verdict
        for x in (low, high)
    ]
    if verdicts[0] is Verdict.meets:
        assert verdicts[1] is Verdict.meets


@settings(max_examples=200, deadline=None)
@given(usd_cents, usd_cents, rates, st.booleans())
def test_verdict_stable_under_currency_round_trip(
    a: Decimal, b: Decimal, rate: Decimal, with_total: bool
) -> None:
    exports, total = sorted((a, b))
    if total == 0:
        return
    usd = {"exports": float(exports), "currency": "USD"}
    mxn = {
        "exports": float(exports * rate),
        "currency": "MXN",
        "exchange_rate_mxn_per_usd": float(rate),
    }
    if with_total:
        usd["total_sales"] = float(total)
        mxn["total_sales"] = float(total * rate)
    in_usd = evaluate_rule("export_commitment", usd, AS_OF)
    in_mxn = evaluate_rule("export_commitment", mxn, AS_OF)
    assert in_usd.verdict == in_mxn.verdict
    assert in_usd.outputs["usd_test"] == in_mxn.outputs["usd_test"]
    assert in_usd.outputs["share_test"] == in_mxn.outputs["share_test"]


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(["materials", "containers"]))
def test_temporary_import_deadline_never_before_import(day: dt.date, category: str) -> None:
    result = evaluate_rule(
        "temporary_import_deadline", {"category": category, "import_date": day}, AS_OF
    )
    deadline = dt.date.fromisoformat(result.outputs["deadline"])
    assert deadline > day
    assert is_business_day(deadline)
    assert (deadline - day).days >= (540 if category == "materials" else 720)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2006, max_value=2040), st.booleans())
def test_annual_report_due_after_fiscal_year(year: int, prosec: bool) -> None:
    result = evaluate_rule(
        "annual_report_deadline", {"fiscal_year": year, "has_prosec": prosec}, AS_OF
    )
    due = dt.date.fromisoformat(result.outputs["deadline"])
    late = dt.date.fromisoformat(result.outputs["late_window_end"])
    cancel = dt.date.fromisoformat(result.outputs["cancellation_from"])
    assert dt.date(year, 12, 31) < due < late < cancel
    assert is_business_day(due) and is_business_day(late)
    assert due.month == (4 if prosec else 5)


@settings(max_examples=200, deadline=None)
@given(dates)
def test_notice_and_cancellation_terms_never_before_start(day: dt.date) -> None:
    notice = evaluate_rule("change_notice", {"change_date": day}, AS_OF)
    notice_end = dt.date.fromisoformat(notice.outputs["deadline"])
    # Ten business days span at least two weekends: 12 calendar days when counted from a Sunday.
    assert notice_end >= day + dt.timedelta(days=12)
    assert is_business_day(notice_end)
    after = evaluate_rule("post_cancellation", {"notification_date": day}, AS_OF)
    first = dt.date.fromisoformat(after.outputs["deadline"])
    extended = dt.date.fromisoformat(after.outputs["extended_deadline"])
    assert day + dt.timedelta(days=60) <= first < extended
    assert is_business_day(first) and is_business_day(extended)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=0, max_value=40))
def test_business_day_arithmetic(day: dt.date, count: int) -> None:
    end = add_business_days(day, count)
    assert end >= day
    if count:
        assert is_business_day(end)
    last = last_business_day_of_month(day.year, day.month)
    assert last.month == day.month and is_business_day(last)
    nominal, shifted = add_months_legal(day, 18)
    assert nominal > day
    assert shifted == (nominal.day != day.day)
