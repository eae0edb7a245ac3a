"""Rule explanations and input errors speak like people: long dates, EN and ES reasons."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from assistant.rules import RuleInputError, evaluate_rule
from assistant.rules.wording import long_date
from tests.rules.test_cases import CASES, _json
from tests.rules.test_invalid_inputs import AS_OF, INVALID

_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2026, 3, 17), "en", "17 March 2026"),
        (dt.date(2026, 3, 17), "es", "17 de marzo de 2026"),
        (dt.date(2027, 1, 5), "es", "5 de enero de 2027"),
        (dt.date(2025, 12, 31), "en", "31 December 2025"),
    ],
)
def test_long_date(day: dt.date, lang: str, expected: str) -> None:
    assert long_date(day, lang) == expected


@pytest.mark.parametrize("case", CASES)
def test_explanations_write_dates_in_words(case: dict[str, Any]) -> None:
    if "error_field" in case:
        return
    inputs = {k: _json(v) for k, v in case["inputs"].items()}
    result = evaluate_rule(case["rule"], inputs, case["as_of"])
    for lang in ("en", "es"):
        assert not _ISO.search(result.explanation[lang]), result.explanation[lang]


def test_annual_report_dates_in_words_outputs_in_iso() -> None:
    result = evaluate_rule(
        "annual_report_deadline", {"fiscal_year": 2025, "has_prosec": False}, AS_OF
    )
    deadline = dt.date.fromisoformat(result.outputs["deadline"])
    assert long_date(deadline, "en") in result.explanation["en"]
    assert long_date(deadline, "es") in result.explanation["es"]
    assert " de mayo de 2026" in result.explanation["es"]


def test_change_notice_explanation_in_words() -> None:
    result = evaluate_rule("change_notice", {"change_date": "2026-11-02"}, AS_OF)
    assert "2 November 2026" in result.explanation["en"]
    assert "2 de noviembre de 2026" in result.explanation["es"]
    assert result.outputs["deadline"] == _ISO.search(result.outputs["deadline"])[0]  # type: ignore[index]


@pytest.mark.parametrize(
    ("rule", "inputs"), [pytest.param(r, i, id=c) for c, r, i, _f, _w in INVALID]
)
def test_every_input_error_has_a_spanish_reason(rule: str, inputs: dict[str, Any]) -> None:
    with pytest.raises(RuleInputError) as info:
        evaluate_rule(rule, inputs, AS_OF)
    error = info.value
    assert error.reason_es and error.reason_es != error.reason
    for lang in ("en", "es"):
        sentence = error.message(lang)
        assert not sentence[0].islower() and sentence.endswith(".")
        assert not _ISO.search(sentence), sentence
    assert error.message("es") != error.message("en")


def test_future_filing_reads_as_a_sentence_in_both_languages() -> None:
    inputs = {"fiscal_year": 2025, "has_prosec": False, "filed_on": "2026-12-01"}
    with pytest.raises(RuleInputError) as info:
        evaluate_rule("annual_report_deadline", inputs, AS_OF)
    assert info.value.message("en") == (
        "The filing date (1 December 2026) is after the reference date (26 November 2026)."
    )
    assert info.value.message("es") == (
        "La fecha de presentación (1 de diciembre de 2026) es posterior a la fecha de "
        "referencia (26 de noviembre de 2026)."
    )


def test_a_reason_that_names_its_figures_is_not_prefixed() -> None:
    inputs = {"possession": "leased", "contract_term_months": 12, "months_remaining": 14}
    with pytest.raises(RuleInputError) as info:
        evaluate_rule("premises", inputs, AS_OF)
    assert info.value.message("es") == (
        "14 meses restantes no pueden superar un contrato de 12 meses."
    )
