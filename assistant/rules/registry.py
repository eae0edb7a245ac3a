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
from assistant.rules.wording import es_agree

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

_WHOLE = ("must be a whole number", "debe ser un número entero", "deben ser números enteros")
_NUMBER = ("must be a number", "debe ser un número", "deben ser números")
_YES_NO = ("must be true or false (yes/no)", "debe ser sí o no", "deben ser sí o no")
_DATE = (
    "must be a date in YYYY-MM-DD form",
    "debe ser una fecha en formato AAAA-MM-DD",
    "deben ser fechas en formato AAAA-MM-DD",
)
# Pydantic error types as reasons in English and in Spanish (singular, plural subject).
_FRIENDLY: dict[str, tuple[str, str, str]] = {
    "int_from_float": _WHOLE,
    "int_parsing": _WHOLE,
    "int_type": _WHOLE,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "bool_parsing": _YES_NO,
    "bool_type": _YES_NO,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_type": _DATE,
}
_INVALID_ES = ("no es un valor válido", "no son valores válidos")


def validation_to_input_error(model: type[BaseModel], exc: ValidationError) -> RuleInputError:
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else "inputs"
    value = error.get("input")
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return RuleInputError(
            field,
            f"is not an input of this rule (expected one of: {allowed})",
            f"no es un dato de esta regla (se espera uno de: {allowed})",
        )
    if error["type"] in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return RuleInputError(
            field,
            f"{value!r} is not accepted as {field}; use {expected}",
            f"{value!r} no se acepta como {field}; use {expected.replace(' or ', ' o ')}",
            names_field=True,
        )
    reason_en, *reasons_es = _FRIENDLY.get(error["type"], (error["msg"], *_INVALID_ES))
    reason_es = es_agree(field, *reasons_es)
    return RuleInputError(
        field, f"{reason_en}, got {value!r}", f"{reason_es} (se indicó {value!r})"
    )


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
        raise RuleInputError(
            "rule_id",
            f"unknown rule {rule_id!r}; known rules: {known}",
            f"regla desconocida {rule_id!r}; reglas disponibles: {known}",
        ) from None


def evaluate_rule(
    rule_id: str, inputs: Mapping[str, Any] | BaseModel, as_of: dt.date | None = None
) -> RuleResult:
    """Run one rule on raw inputs at `as_of` (default today)."""
    spec = get_rule(rule_id)
    model = parse_inputs(rule_id, inputs)
    return spec.evaluate(model, as_of or dt.date.today())
