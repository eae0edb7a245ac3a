"""GET /api/v1/rules (catalogue with input schemas) and POST /api/v1/rules/{rule_id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import UserDep
from assistant.api.errors import ApiError
from assistant.api.examples import COMMON, RULE_EXAMPLES, errors
from assistant.api.schemas import RuleInfo, RuleRequest
from assistant.rules import RULES, RuleInputError, RuleResult, evaluate_rule

router = APIRouter(prefix="/api/v1/rules", tags=["rules"])

_RULE_LIST_EXAMPLE = [
    {
        "id": "export_commitment",
        "title": {"en": "Export commitment", "es": "Compromiso de exportación"},
        "description": "Checks the USD 500,000 or 10 % export test.",
        "input_schema": {"type": "object", "properties": {"exports": {"type": "number"}}},
    }
]


_RESULT_EXAMPLE = {
    "rule_id": "export_commitment",
    "verdict": "meets",
    "as_of": "2026-11-26",
    "facts_used": {"exports": 400000, "total_sales": 2000000, "currency": "USD"},
    "missing_facts": [],
    "parameters": [
        {
            "name": "export_commitment.min_export_share",
            "value": 0.1,
            "unit": "ratio",
            "reference": "Decreto IMMEX, art. 11, fr. I",
            "effective_from": "2006-11-01",
            "note": None,
        }
    ],
    "outputs": {"export_share": 0.2},
    "explanation": {
        "en": "Exports are 20 % of total sales, above the 10 % minimum.",
        "es": "Las exportaciones son el 20 % de las ventas totales, arriba del 10 % mínimo.",
    },
    "references": ["Decreto IMMEX, art. 11, fr. I"],
    "trace": [
        {
            "description": {"en": "Export share of sales", "es": "Proporción exportada"},
            "inputs": {"exports": 400000, "total_sales": 2000000},
            "result": 0.2,
        }
    ],
}


@router.get(
    "",
    response_model=list[RuleInfo],
    summary="Every rule with its input JSON schema",
    responses={
        200: {"content": {"application/json": {"example": _RULE_LIST_EXAMPLE}}},
        **errors(401, 429),
    },
)
async def list_rules(_caller: UserDep) -> list[RuleInfo]:
    return [
        RuleInfo(
            id=spec.id,
            title=spec.title,
            description=spec.description,
            input_schema=spec.input_model.model_json_schema(),
        )
        for spec in RULES.values()
    ]


@router.post(
    "/{rule_id}",
    response_model=RuleResult,
    summary="Evaluate one rule and get its verdict with the trace",
    responses={
        200: {"content": {"application/json": {"example": _RESULT_EXAMPLE}}},
        **errors(404, *COMMON),
    },
)
async def evaluate(
    rule_id: Annotated[str, Path(max_length=64, description="A rule id from GET /api/v1/rules.")],
    body: Annotated[RuleRequest, Body(openapi_examples=RULE_EXAMPLES)],
    _caller: UserDep,
) -> RuleResult:
    if rule_id not in RULES:
        raise ApiError(
            404,
            "rule_not_found",
            f"No rule {rule_id!r}; known rules: {', '.join(RULES)}.",
            "rule_id",
        )
    try:
        return await run_in_threadpool(evaluate_rule, rule_id, body.inputs, body.as_of)
    except RuleInputError as exc:
        field = exc.field if exc.field in ("as_of", "rule_id") else f"inputs.{exc.field}"
        raise ApiError(
            422, "invalid_rule_input", f"{exc.reason}; fix '{field}' and resend.", field
        ) from exc
