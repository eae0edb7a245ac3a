"""The rule catalogue and the single entry point `evaluate_rule`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.rules import (
    annual_report,
    applicant,
    certification,
    deadlines,
    export_commitment,
    modality,
    temporary_import,
)
from assistant.rules.models import RuleInputError, RuleResult, RuleSpec

RULES: dict[str, RuleSpec] = {
    spec.id: spec
    for spec in (
        export_commitment.SPEC,
        applicant.APPLICANT_SPEC,
        applicant.PREMISES_SPEC,
        modality.SPEC,
        temporary_import.SPEC,
        annual_report.SPEC,
        deadlines.POST_CANCELLATION_SPEC,
        deadlines.CHANGE_NOTICE_SPEC,
        certification.SPEC,
    )
}

_FRIENDLY = {
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "decimal_parsing": "must be a number",
    "bool_parsing": "must be true or false (yes/no)",
    "bool_type": "must be true or false (yes/no)",
    "date_parsing": "must be a date in YYYY-MM-DD form",
    "date_from_datetime_parsing": "must be a date in YYYY-MM-DD form",
    "date_type": "must be a date in YYYY-MM-DD form",
    "extra_forbidden": "is not an input of this rule",
}


def validation_to_input_error(model: type[BaseModel], exc: ValidationError) -> RuleInputError:
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else "inputs"
    value = error.get("input")
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return RuleInputError(field, f"is not an input of this rule (expected one of: {allowed})")
    if error["type"] in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return RuleInputError(field, f"{value!r} is not accepted; use {expected}")
    reason = _FRIENDLY.get(error["type"], error["msg"])
    return RuleInputError(field, f"{reason}, got {value!r}")


def parse_inputs(rule_id: str, inputs: Mapping[str, Any] | BaseModel) -> BaseModel:
    """Validate raw inputs against the rule's model; failures become RuleInputError."""
    spec = get_rule(rule_id)
    if isinstance(inputs, spec.input_model):
        return inputs
    raw = inputs.model_dump(exclude_unset=True) if isinstance(inputs, BaseModel) else dict(inputs)
    try:
        return spec.input_model.model_validate(raw)
    except ValidationError as exc:
        raise validation_to_input_error(spec.input_model, exc) from exc


def get_rule(rule_id: str) -> RuleSpec:
    try:
        return RULES[rule_id]
    except KeyError:
        known = ", ".join(RULES)
        raise RuleInputError("rule_id", f"unknown rule {rule_id!r}; known rules: {known}") from None


def evaluate_rule(
    rule_id: str, inputs: Mapping[str, Any] | BaseModel, as_of: dt.date | None = None
) -> RuleResult:
    """Run one rule on raw inputs at `as_of` (default today)."""
    spec = get_rule(rule_id)
    model = parse_inputs(rule_id, inputs)
    return spec.evaluate(model, as_of or dt.date.today())
