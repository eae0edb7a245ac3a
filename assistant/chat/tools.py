"""The rules as LangChain tools: one StructuredTool per rule, for an LLM backend to call.

The tool's input schema is the rule's own pydantic model and its description is the rule's
"when to use it" text, so the rules module stays free of LangChain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import ValidationError

from assistant.rules import RULES, RuleInputError, RuleSpec, evaluate_rule
from assistant.rules.registry import validation_to_input_error


def _error(error: RuleInputError) -> dict[str, Any]:
    # Returned, not raised: a model can read the field and reason and ask the user again.
    return {"error": {"field": error.field, "reason": error.reason, "message": str(error)}}


def _make_tool(spec: RuleSpec, as_of: dt.date | None) -> StructuredTool:
    def run(**inputs: Any) -> dict[str, Any]:
        try:
            result = evaluate_rule(spec.id, inputs, as_of)
        except RuleInputError as error:
            return _error(error)
        return result.model_dump(mode="json")

    def on_invalid(exc: ValidationError) -> str:
        error = validation_to_input_error(spec.input_model, exc)
        return f"Invalid input for {spec.id}: {error}"

    return StructuredTool.from_function(
        func=run,
        name=spec.id,
        description=spec.description,
        args_schema=spec.input_model,
        handle_validation_error=on_invalid,
    )


def rule_tools(as_of: dt.date | None = None) -> list[StructuredTool]:
    """One tool per rule, in catalogue order; `as_of` fixes the reference date (default today)."""
    return [_make_tool(spec, as_of) for spec in RULES.values()]
