"""`assistant check` through Typer's CliRunner."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from assistant.cli.check import register
from assistant.rules import RULES

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps Typer in multi-command mode, like the real app
        """Unused."""

    return app


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_issue_example_meets_with_reference_and_trace() -> None:
    code, out, _ = _run(
        "export_commitment",
        "--field",
        "exports=2100000",
        "--field",
        "total_sales=30000000",
        "--field",
        "currency=USD",
        "--as-of",
        "2026-11-26",
    )
    assert code == 0
    assert "Verdict: MEETS" in out
    assert "USD 1,600,000" in out
    assert "Decreto IMMEX, art. 11, fr. I" in out
    assert "Trace:" in out and "1. Exports in USD must be greater" in out


def test_spanish_report() -> None:
    code, out, _ = _run(
        "temporary_import_deadline",
        "-f",
        "goods_description=alambre de cobre",
        "-f",
        "import_date=2025-07-14",
        "--lang",
        "es",
        "--as-of",
        "2026-11-26",
    )
    assert code == 0
    assert "Veredicto: CUMPLE" in out and "2027-01-14" in out and "quedan 49 días" in out


def test_json_output_is_the_rule_result() -> None:
    code, out, _ = _run(
        "annual_report_deadline",
        "--field",
        "fiscal_year=2025",
        "--field",
        "has_prosec=true",
        "--json",
        "--as-of",
        "2026-01-26",
    )
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == "meets"
    assert data["outputs"]["deadline"] == "2026-04-30"


def test_double_dash_name_value_form() -> None:
    code, out, _ = _run(
        "premises",
        "--possession",
        "leased",
        "--contract-term-months=12",
        "--months_remaining",
        "10",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["verdict"] == "does_not_meet"


def test_missing_facts_are_listed() -> None:
    code, out, _ = _run(
        "export_commitment",
        "--field",
        "exports=12000000",
        "--field",
        "currency=MXN",
        "--field",
        "total_sales=300000000",
    )
    assert code == 0
    assert "NEEDS INFORMATION" in out
    assert "Missing facts: exchange_rate_mxn_per_usd" in out
    assert "24 MXN/USD" in out


def test_invalid_input_exits_2_with_message_on_stderr() -> None:
    code, out, err = _run(
        "export_commitment",
        "--field",
        "exports=3000000",
        "--field",
        "total_sales=2000000",
        "--field",
        "currency=USD",
    )
    assert code == 2
    assert out == ""
    assert "exports (USD 3,000,000) cannot exceed total sales (USD 2,000,000)" in err


def test_fractional_months_exit_2_naming_the_field() -> None:
    code, _, err = _run("premises", "-f", "possession=leased", "-f", "months_remaining=10.5")
    assert code == 2
    assert "months_remaining" in err and "whole number" in err


def test_unknown_rule_and_bad_arguments_exit_2() -> None:
    assert _run("eligibility")[0] == 2
    assert "known rules" in _run("eligibility")[2]
    assert _run("premises", "--field", "possession")[0] == 2
    assert _run("premises", "--lang", "fr")[0] == 2
    assert _run("premises", "--as-of", "26/11/2026")[0] == 2
    assert _run()[0] == 2


def test_list_shows_every_rule_and_its_inputs() -> None:
    code, out, _ = _run("--list")
    assert code == 0
    for rule_id, spec in RULES.items():
        assert rule_id in out
        for name in spec.input_model.model_fields:
            assert f"--field {name}=" in out


def test_list_json() -> None:
    code, out, _ = _run("--list", "--json")
    assert code == 0
    catalogue = json.loads(out)
    assert [item["id"] for item in catalogue] == list(RULES)
    assert "exports" in catalogue[0]["inputs"]["properties"]


def test_registered_on_the_real_app() -> None:
    from assistant.cli import app

    result = runner.invoke(app, ["check", "premises", "--field", "possession=owned", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "meets"
