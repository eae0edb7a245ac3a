"""The rules wrapped as LangChain StructuredTools."""

from __future__ import annotations

import datetime as dt

from langchain_core.tools import StructuredTool

from assistant.chat.tools import rule_tools
from assistant.rules import RULES, RuleResult

AS_OF = dt.date(2026, 11, 26)


def _tools() -> dict[str, StructuredTool]:
    return {tool.name: tool for tool in rule_tools(AS_OF)}


def test_one_tool_per_rule_with_schema_and_description() -> None:
    tools = _tools()
    assert list(tools) == list(RULES)
    for rule_id, tool in tools.items():
        spec = RULES[rule_id]
        assert tool.args_schema is spec.input_model
        assert tool.description == spec.description
        assert set(tool.args) == set(spec.input_model.model_fields)


def test_tool_returns_the_rule_result_as_a_dict() -> None:
    out = _tools()["temporary_import_deadline"].invoke(
        {"goods_description": "copper wire", "import_date": "2025-07-14"}
    )
    result = RuleResult.model_validate(out)
    assert result.verdict.value == "meets"
    assert out["outputs"]["deadline"] == "2027-01-14"
    assert out["as_of"] == "2026-11-26"


def test_tool_reports_rule_errors_with_field_and_reason() -> None:
    out = _tools()["export_commitment"].invoke(
        {"exports": 3_000_000, "total_sales": 2_000_000, "currency": "USD"}
    )
    assert out["error"]["field"] == "exports"
    assert "cannot exceed total sales" in out["error"]["reason"]


def test_tool_reports_schema_errors_naming_the_field() -> None:
    out = _tools()["export_commitment"].invoke({"currency": "EUR"})
    assert isinstance(out, str)
    assert "currency" in out and "'EUR'" in out


def test_tool_missing_facts_come_back_as_needs_info() -> None:
    out = _tools()["annual_report_deadline"].invoke({"fiscal_year": 2025})
    assert out["verdict"] == "needs_info"
    assert out["missing_facts"] == ["has_prosec"]


def test_tool_call_from_a_model_message_shape() -> None:
    # An LLM tool call arrives as a ToolCall dict; the tool answers with a ToolMessage.
    call = {
        "name": "premises",
        "args": {"possession": "leased", "contract_term_months": 12, "months_remaining": 10},
        "id": "call-1",
        "type": "tool_call",
    }
    message = _tools()["premises"].invoke(call)
    assert message.tool_call_id == "call-1"
    assert "does_not_meet" in str(message.content)
