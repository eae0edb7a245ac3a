"""Every parameter file validates: description, unit, dated values ascending, each referenced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.rules.parameters import (
    DEFAULT_PARAMETERS_DIR,
    ParameterError,
    load_parameters,
    parse_parameter_file,
)

FILES = sorted(DEFAULT_PARAMETERS_DIR.glob("*.yaml"))


def test_parameter_files_exist() -> None:
    stems = {path.stem for path in FILES}
    assert {
        "export_commitment",
        "temporary_import",
        "premises",
        "annual_report",
        "cancellation",
        "change_notice",
        "certification",
        "program",
        "applicant",
        "calendar",
    } <= stems


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_matches_schema(path: Path) -> None:
    content = parse_parameter_file(path)
    assert content.description.strip()
    for name, definition in content.parameters.items():
        assert definition.description.strip(), name
        assert definition.unit, name
        dates = list(definition.values)
        assert dates == sorted(dates) and len(set(dates)) == len(dates), name
        for entry in definition.values.values():
            assert entry.reference.strip(), name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_dates_in_file_order_are_ascending(path: Path) -> None:
    # Checked on the raw YAML too, so a reordering by the loader could not hide a mistake.
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, definition in raw["parameters"].items():
        dates = list(definition["values"])
        assert all(isinstance(d, dt.date) for d in dates), name
        assert dates == sorted(dates), name


def test_required_values() -> None:
    params = load_parameters()
    on = dt.date(2026, 11, 26)
    expected = {
        "export_commitment.min_exports_usd": 500000,
        "export_commitment.min_export_share_pct": 10,
        "temporary_import.materials_term_months": 18,
        "temporary_import.containers_term_years": 2,
        "temporary_import.machinery_term": "program_validity",
        "program.validity": "indefinite",
        "premises.min_contract_term_months": 12,
        "premises.min_months_remaining": 11,
        "annual_report.due_month": 5,
        "annual_report.due_month_with_prosec": 4,
        "annual_report.late_window_end_month": 8,
        "annual_report.cancellation_month": 9,
        "change_notice.notice_term_business_days": 10,
        "cancellation.return_term_days": 60,
        "cancellation.extension_days": 180,
        "certification.min_returns_pct": 60,
        "certification.min_imss_workers": 10,
        "certification.level_a_validity_years": 1,
        "certification.level_aa_validity_years": 2,
        "certification.level_aaa_validity_years": 3,
    }
    for name, value in expected.items():
        assert params.get(name, on).value == value, name
    assert params.definition("export_commitment.min_exports_usd").comparison == "greater_than"
    assert params.definition("export_commitment.min_export_share_pct").comparison == "at_least"


def test_value_in_force_follows_the_date() -> None:
    params = load_parameters()
    before = params.get("change_notice.notice_term_business_days", dt.date(2026, 2, 11))
    after = params.get("change_notice.notice_term_business_days", dt.date(2026, 2, 12))
    assert before.effective_from == dt.date(2006, 11, 1)
    assert after.effective_from == dt.date(2026, 2, 12)
    assert "1.3.11" in after.reference and "1.3.11" not in before.reference


def test_date_before_first_value_is_a_clear_error() -> None:
    with pytest.raises(ParameterError, match=r"first recorded value starts on 2006-11-01"):
        load_parameters().get("export_commitment.min_exports_usd", dt.date(2006, 10, 31))


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(ParameterError, match="unknown parameter"):
        load_parameters().get("export_commitment.nope", dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "description: x\nparameters:\n  p:\n    description: d\n    unit: USD\n    values:\n"
            "      2020-01-01: {value: 1, reference: r}\n"
            "      2019-01-01: {value: 2, reference: r}\n",
            "ascending",
        ),
        (
            "description: x\nparameters:\n  p:\n    description: d\n    unit: USD\n    values:\n"
            "      2020-01-01: {value: 1, reference: '  '}\n",
            "reference",
        ),
        (
            "description: x\nparameters:\n  p:\n    description: d\n    values:\n"
            "      2020-01-01: {value: 1, reference: r}\n",
            "unit",
        ),
        (
            "description: x\nparameters:\n  p:\n    unit: USD\n    values:\n"
            "      2020-01-01: {value: 1, reference: r}\n",
            "description",
        ),
    ],
)
def test_schema_rejects_bad_files(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        parse_parameter_file(path)


def test_loader_accepts_another_directory(tmp_path: Path) -> None:
    (tmp_path / "fam.yaml").write_text(
        "description: x\nparameters:\n  p:\n    description: d\n    unit: count\n    values:\n"
        "      2020-01-01: {value: 3, reference: 'Ref 1'}\n",
        encoding="utf-8",
    )
    assert load_parameters(tmp_path).get("fam.p", dt.date(2021, 1, 1)).value == 3
