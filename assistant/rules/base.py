"""Shared plumbing for rule modules: reading parameters, recording the trace, building results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from assistant.rules.models import ParameterUsed, RuleInputError, RuleResult, TraceStep, Verdict
from assistant.rules.parameters import ParameterNotInForceError, load_parameters
from assistant.rules.wording import both, field_label


class RuleInput(BaseModel):
    """Base of every rule's input model: unknown fields are rejected, so typos surface."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def to_decimal(value: float | int | Decimal) -> Decimal:
    """Exact decimal of what the user typed (via str, so 0.1 stays 0.1)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def plain_number(value: Decimal) -> float | int:
    """JSON-friendly number: int when whole, else float."""
    return int(value) if value == value.to_integral_value() else float(value)


def money(amount: Decimal | float | int, currency: str) -> str:
    value = to_decimal(amount)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{currency} {text}"


def require_not_future(field: str, day: dt.date, as_of: dt.date) -> None:
    if day > as_of:
        (day_en, day_es), (ref_en, ref_es) = both(day), both(as_of)
        raise RuleInputError(
            field,
            f"({day_en}) is after the reference date ({ref_en})",
            f"({day_es}) es posterior a la fecha de referencia ({ref_es})",
        )


class Recorder:
    """Collects the parameters read and the trace steps while a rule runs."""

    def __init__(self, rule_id: str, as_of: dt.date) -> None:
        self.rule_id = rule_id
        self.as_of = as_of
        self.parameters: list[ParameterUsed] = []
        self.trace: list[TraceStep] = []
        self.extra_references: list[str] = []

    def param(self, name: str, on: dt.date | None = None, field: str = "as_of") -> ParameterUsed:
        """Value in force on `on` (default as_of); a date before the first value is an input
        error on `field`, the input that chose the date."""
        day = on or self.as_of
        try:
            used = load_parameters().get(name, day)
        except ParameterNotInForceError as exc:
            first_en, first_es = both(exc.first)
            raise RuleInputError(
                field,
                f"has no rule on file for that date: the rule applies from {first_en}",
                f"no tiene regla vigente para esa fecha: la regla aplica desde el {first_es}",
            ) from exc
        if all(p.name != used.name for p in self.parameters):
            self.parameters.append(used)
        return used

    def step(
        self, en: str, es: str, inputs: dict[str, Any] | None = None, result: Any = None
    ) -> None:
        self.trace.append(
            TraceStep(description={"en": en, "es": es}, inputs=inputs or {}, result=result)
        )

    def cite(self, reference: str) -> None:
        self.extra_references.append(reference)

    def checklist_verdict(
        self,
        facts: BaseModel,
        outputs: dict[str, Any],
        failed: tuple[list[str], list[str]],
        missing: list[str],
        fails: tuple[str, str],
        pending: tuple[str, str],
    ) -> RuleResult | None:
        """The shared ending of checklist rules: any failed item decides does_not_meet, else any
        unknown item gives needs_info; None when everything passed (the caller says meets)."""
        failed_en, failed_es = failed
        if failed_en:
            return self.result(
                Verdict.does_not_meet,
                f"{fails[0]}: " + "; ".join(failed_en) + ".",
                f"{fails[1]}: " + "; ".join(failed_es) + ".",
                facts,
                outputs,
                missing,
            )
        if missing:
            return self.result(
                Verdict.needs_info,
                f"{pending[0]}: " + ", ".join(field_label(f, "en") for f in missing) + ".",
                f"{pending[1]}: " + ", ".join(field_label(f, "es") for f in missing) + ".",
                facts,
                outputs,
                missing,
            )
        return None

    def result(
        self,
        verdict: Verdict,
        en: str,
        es: str,
        facts: BaseModel,
        outputs: dict[str, Any] | None = None,
        missing: list[str] | None = None,
    ) -> RuleResult:
        references: list[str] = []
        for ref in [p.reference for p in self.parameters] + self.extra_references:
            if ref not in references:
                references.append(ref)
        return RuleResult(
            rule_id=self.rule_id,
            verdict=verdict,
            as_of=self.as_of,
            facts_used=facts.model_dump(mode="json", exclude_none=True),
            missing_facts=list(dict.fromkeys(missing or [])),
            parameters=self.parameters,
            outputs=outputs or {},
            explanation={"en": en, "es": es},
            references=references,
            trace=self.trace,
        )
