"""Every class of invalid input raises RuleInputError naming the field and the reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assistant.rules import RULES, RuleInputError, evaluate_rule

AS_OF = dt.date(2026, 11, 26)

INVALID: list[tuple[str, str, dict[str, Any], str, str]] = [
    # (class, rule, inputs, field, words the reason must contain)
    (
        "negative amount",
        "export_commitment",
        {"exports": -1, "currency": "USD"},
        "exports",
        "zero or positive",
    ),
    (
        "negative sales",
        "export_commitment",
        {"exports": 1, "total_sales": -2},
        "total_sales",
        "zero or positive",
    ),
    (
        "zero sales",
        "export_commitment",
        {"exports": 0, "total_sales": 0},
        "total_sales",
        "greater than zero",
    ),
    (
        "exports above sales",
        "export_commitment",
        {"exports": 3_000_000, "total_sales": 2_000_000, "currency": "USD"},
        "exports",
        "exports (USD 3,000,000) cannot exceed total sales (USD 2,000,000): check the two figures",
    ),
    (
        "unknown currency",
        "export_commitment",
        {"exports": 1, "currency": "EUR"},
        "currency",
        "'EUR'",
    ),
    (
        "non-positive rate",
        "export_commitment",
        {"exports": 1, "currency": "MXN", "exchange_rate_mxn_per_usd": -3},
        "exchange_rate_mxn_per_usd",
        "greater than zero",
    ),
    ("amount not a number", "export_commitment", {"exports": "a lot"}, "exports", "number"),
    (
        "unknown input field",
        "export_commitment",
        {"export": 5},
        "export",
        "not an input of this rule",
    ),
    (
        "future import date",
        "temporary_import_deadline",
        {"category": "materials", "import_date": "2027-01-01"},
        "import_date",
        "after the reference",
    ),
    (
        "malformed date",
        "temporary_import_deadline",
        {"category": "materials", "import_date": "yesterday"},
        "import_date",
        "YYYY-MM-DD",
    ),
    ("unknown category", "temporary_import_deadline", {"category": "food"}, "category", "'food'"),
    (
        "fractional months",
        "premises",
        {"possession": "leased", "contract_term_months": 12, "months_remaining": 10.5},
        "months_remaining",
        "whole number",
    ),
    (
        "months as words",
        "premises",
        {"possession": "leased", "contract_term_months": "twelve"},
        "contract_term_months",
        "whole number",
    ),
    (
        "more months left than the term",
        "premises",
        {"possession": "leased", "contract_term_months": 12, "months_remaining": 14},
        "months_remaining",
        "cannot exceed",
    ),
    (
        "negative months",
        "premises",
        {"possession": "leased", "months_remaining": -1},
        "months_remaining",
        "zero or positive",
    ),
    ("unknown possession", "premises", {"possession": "squatted"}, "possession", "'squatted'"),
    ("not a yes/no", "applicant_profile", {"rfc_active": "perhaps"}, "rfc_active", "true or false"),
    (
        "fiscal year before the decree",
        "annual_report_deadline",
        {"fiscal_year": 1999, "has_prosec": False},
        "fiscal_year",
        "no rule on file",
    ),
    (
        "filing in the future",
        "annual_report_deadline",
        {"fiscal_year": 2025, "has_prosec": False, "filed_on": "2026-12-01"},
        "filed_on",
        "after the reference",
    ),
    (
        "future notification",
        "post_cancellation",
        {"notification_date": "2026-12-24"},
        "notification_date",
        "after the reference",
    ),
    (
        "future notice sent",
        "change_notice",
        {"change_date": "2026-11-20", "notified_on": "2026-12-01"},
        "notified_on",
        "after the reference",
    ),
    (
        "returns over 100 %",
        "vat_ieps_certification",
        {"returns_pct": 100.5},
        "returns_pct",
        "0 to 100",
    ),
    (
        "negative workers",
        "vat_ieps_certification",
        {"imss_workers": -4},
        "imss_workers",
        "zero or positive",
    ),
    (
        "fractional workers",
        "vat_ieps_certification",
        {"imss_workers": 9.5},
        "imss_workers",
        "whole number",
    ),
]


@pytest.mark.parametrize(
    ("rule", "inputs", "field", "words"),
    [pytest.param(r, i, f, w, id=c) for c, r, i, f, w in INVALID],
)
def test_invalid_input_names_field_and_reason(
    rule: str, inputs: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(RuleInputError) as info:
        evaluate_rule(rule, inputs, AS_OF)
    error = info.value
    assert error.field == field
    assert words in error.reason
    assert str(error).startswith(field)
    assert isinstance(error, ValueError)


def test_unknown_rule_lists_the_known_ones() -> None:
    with pytest.raises(RuleInputError) as info:
        evaluate_rule("eligibility", {}, AS_OF)
    assert info.value.field == "rule_id"
    assert all(rule_id in info.value.reason for rule_id in RULES)


def test_reference_date_before_any_parameter_names_as_of() -> None:
    with pytest.raises(RuleInputError) as info:
        evaluate_rule("export_commitment", {"exports": 1}, dt.date(2000, 1, 1))
    assert info.value.field == "as_of"
    assert "1 November 2006" in info.value.reason
    assert "1 de noviembre de 2006" in info.value.reason_es


@pytest.mark.parametrize("rule_id", list(RULES))
def test_no_facts_is_needs_info_not_an_error(rule_id: str) -> None:
    result = evaluate_rule(rule_id, {}, AS_OF)
    assert result.verdict.value == "needs_info"
    assert result.missing_facts
    fields = set(RULES[rule_id].input_model.model_fields)
    assert set(result.missing_facts) <= fields
