"""VAT & IEPS certification readiness for an IMMEX holder, and the validity of its levels."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from assistant.rules.base import Recorder, RuleInput, plain_number, to_decimal
from assistant.rules.business_days import add_months_legal
from assistant.rules.models import RuleInputError, RuleResult, RuleSpec, Verdict

Level = Literal["A", "AA", "AAA"]
_RULE_REF = "RGCE, regla 7.1.2"

# field -> (value that passes, EN failure, ES failure)
_CHECKS: dict[str, tuple[bool, str, str]] = {
    "valid_immex": (True, "no valid IMMEX program", "sin programa IMMEX vigente"),
    "has_infrastructure": (
        True,
        "no infrastructure for the operation",
        "sin infraestructura para la operación",
    ),
    "processes_described": (True, "processes not described", "procesos no descritos"),
    "investment_in_mexico": (True, "no investment in Mexico", "sin inversión en México"),
    "suppliers_on_69b_list": (
        False,
        "suppliers on SAT's art. 69-B list",
        "proveedores en la lista del art. 69-B del SAT",
    ),
    "refund_denials_within_limit": (
        True,
        "VAT-refund denials above the limit",
        "negativas de devolución de IVA por encima del límite",
    ),
    "tax_mailbox_updated": (
        True,
        "tax-mailbox e-mail not updated",
        "correo del buzón tributario no actualizado",
    ),
}


class CertificationInput(RuleInput):
    valid_immex: bool | None = Field(None, description="Holds a valid IMMEX program.")
    returns_pct: float | None = Field(
        None,
        description="Percent (0-100) of the value of temporary imports of inputs returned "
        "(exported) in the last 12 months.",
    )
    imss_workers: int | None = Field(
        None, description="Workers registered with IMSS with contributions paid."
    )
    has_infrastructure: bool | None = Field(None, description="Infrastructure for the operation.")
    processes_described: bool | None = Field(None, description="Processes described.")
    investment_in_mexico: bool | None = Field(None, description="Has investment in Mexico.")
    suppliers_on_69b_list: bool | None = Field(
        None, description="Any supplier listed by SAT under CFF art. 69-B."
    )
    refund_denials_within_limit: bool | None = Field(
        None,
        description="VAT-refund denials in the last 12 months at most 20 % of refunds "
        "authorised (denied amount up to MXN 5 million).",
    )
    tax_mailbox_updated: bool | None = Field(None, description="Tax-mailbox e-mail updated.")
    previously_certified: bool | None = Field(
        None, description="Was certified before (then Annex 31 compliance is checked)."
    )
    annex31_compliant: bool | None = Field(
        None, description="Complies with RGCE Annex 31 (only if previously certified)."
    )
    level: Level | None = Field(None, description="Certification level sought or held: A, AA, AAA.")
    certification_date: dt.date | None = Field(
        None, description="Date the certification took effect, to compute its expiry."
    )

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value


def _validate(inp: CertificationInput) -> None:
    if inp.returns_pct is not None and not 0 <= inp.returns_pct <= 100:
        raise RuleInputError(
            "returns_pct",
            f"must be a percentage from 0 to 100 (got {inp.returns_pct})",
            f"debe ser un porcentaje de 0 a 100 (se indicó {inp.returns_pct})",
        )
    if inp.imss_workers is not None and inp.imss_workers < 0:
        raise RuleInputError(
            "imss_workers",
            f"must be zero or positive (got {inp.imss_workers})",
            f"debe ser cero o positivo (se indicó {inp.imss_workers})",
        )


def _levels(rec: Recorder, inp: CertificationInput, as_of: dt.date) -> dict[str, object]:
    years = {
        lv: int(rec.param(f"certification.level_{lv.lower()}_validity_years").value)
        for lv in ("A", "AA", "AAA")
    }
    out: dict[str, object] = {"level_validity_years": years}
    if inp.level:
        out["validity_years"] = years[inp.level]
        if inp.certification_date:
            end, _ = add_months_legal(inp.certification_date, 12 * years[inp.level])
            out["valid_until"] = end.isoformat()
            rec.step(
                f"Level {inp.level}: {years[inp.level]} years from the start",
                f"Nivel {inp.level}: {years[inp.level]} años desde el inicio",
                {"certification_date": inp.certification_date.isoformat()},
                end.isoformat(),
            )
    return out


def evaluate(inp: CertificationInput, as_of: dt.date) -> RuleResult:
    _validate(inp)
    rec = Recorder("vat_ieps_certification", as_of)
    min_returns = rec.param("certification.min_returns_pct")
    min_workers = rec.param("certification.min_imss_workers")
    rec.param("certification.max_refund_denials_pct")
    rec.cite(_RULE_REF)
    failed_en: list[str] = []
    failed_es: list[str] = []
    missing: list[str] = []
    outputs = _levels(rec, inp, as_of)
    if inp.returns_pct is None:
        missing.append("returns_pct")
    else:
        ok = to_decimal(inp.returns_pct) >= to_decimal(min_returns.value)
        outputs["returns_margin_pct"] = plain_number(
            to_decimal(inp.returns_pct) - to_decimal(min_returns.value)
        )
        rec.step(
            f"Returns at least {min_returns.value} %",
            f"Retornos de al menos {min_returns.value} %",
            {"returns_pct": inp.returns_pct},
            ok,
        )
        if not ok:
            failed_en.append(
                f"returns {inp.returns_pct} % below {min_returns.value} % ({min_returns.reference})"
            )
            failed_es.append(
                f"retornos de {inp.returns_pct} % bajo el {min_returns.value} % "
                f"({min_returns.reference})"
            )
    if inp.imss_workers is None:
        missing.append("imss_workers")
    else:
        ok = inp.imss_workers >= int(min_workers.value)
        rec.step(
            f"At least {min_workers.value} IMSS workers",
            f"Al menos {min_workers.value} trabajadores en el IMSS",
            {"imss_workers": inp.imss_workers},
            ok,
        )
        if not ok:
            failed_en.append(f"{inp.imss_workers} IMSS workers, fewer than {min_workers.value}")
            failed_es.append(
                f"{inp.imss_workers} trabajadores en el IMSS, menos de {min_workers.value}"
            )
    checks = dict(_CHECKS)
    if inp.previously_certified is None:
        missing.append("previously_certified")
    elif inp.previously_certified:
        checks["annex31_compliant"] = (
            True,
            "not compliant with Annex 31",
            "sin cumplir el Anexo 31",
        )
    for field, (passing, text_en, text_es) in checks.items():
        value = getattr(inp, field)
        if value is None:
            missing.append(field)
        elif value != passing:
            failed_en.append(f"{text_en} ({_RULE_REF})")
            failed_es.append(f"{text_es} ({_RULE_REF})")
    outputs["failed"] = failed_en
    ending = rec.checklist_verdict(
        inp,
        outputs,
        (failed_en, failed_es),
        missing,
        fails=(
            "Not ready for VAT & IEPS certification",
            "No está lista para la certificación en IVA e IEPS",
        ),
        pending=(
            "Nothing fails so far; still to confirm",
            "Nada falla hasta ahora; falta confirmar",
        ),
    )
    if ending is not None:
        return ending
    years = outputs["level_validity_years"]
    assert isinstance(years, dict)
    levels = " / ".join(str(years[lv]) for lv in ("A", "AA", "AAA"))
    return rec.result(
        Verdict.meets,
        f"Meets the IMMEX requirements checked for VAT & IEPS "
        f"certification. Levels A / AA / AAA last {levels} years.",
        f"Cumple los requisitos IMMEX revisados para la certificación en IVA e "
        f"IEPS. Los niveles A / AA / AAA duran {levels} años.",
        inp,
        outputs,
    )


SPEC = RuleSpec(
    id="vat_ieps_certification",
    title={
        "en": "VAT & IEPS certification readiness",
        "es": "Preparación para la certificación IVA e IEPS",
    },
    description=(
        "Checks readiness for SAT's VAT & IEPS certification: valid IMMEX, at least 60 % of "
        "temporary-import input value returned in 12 months, at least 10 IMSS workers and the "
        "other listed checks; gives validity of levels A / AA / AAA (1 / 2 / 3 years)."
    ),
    input_model=CertificationInput,
    evaluate=evaluate,
)
