"""Who can hold a program (entity type, tax regime, tax-status checks) and the premises test."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assistant.rules.base import Recorder, RuleInput
from assistant.rules.models import RuleInputError, RuleResult, RuleSpec, Verdict
from assistant.rules.wording import es_agree

EntityType = Literal["legal_entity", "individual", "sas_cash_flow", "foreign_non_resident"]
Possession = Literal["owned", "leased", "loaned"]

# field -> (parameter, value that passes, failure text EN, failure text ES)
_CHECKS: dict[str, tuple[str, bool, str, str]] = {
    "title_ii_taxpayer": (
        "applicant.title_ii_taxpayer",
        True,
        "not taxed under Title II of the Income Tax Law",
        "no tributa en el Título II de la LISR",
    ),
    "rfc_active": ("applicant.rfc_active", True, "RFC not active", "RFC no activo"),
    "efirma_valid": ("applicant.efirma_valid", True, "e.firma not valid", "e.firma no vigente"),
    "addresses_registered": (
        "applicant.addresses_registered",
        True,
        "fiscal or program addresses not registered and active in the RFC",
        "domicilio fiscal o del programa no registrado y activo en el RFC",
    ),
    "positive_compliance_opinion": (
        "applicant.positive_compliance_opinion",
        True,
        "no current positive tax-compliance opinion",
        "sin opinión de cumplimiento positiva vigente",
    ),
    "on_sat_69_list": (
        "applicant.not_on_sat_69_list",
        False,
        "listed by SAT under CFF art. 69",
        "publicado en la lista del SAT del art. 69 del CFF",
    ),
    "on_sat_69b_list": (
        "applicant.not_on_sat_69b_list",
        False,
        "listed by SAT under CFF art. 69-B",
        "publicado en la lista del art. 69-B",
    ),
}


class ApplicantProfileInput(RuleInput):
    entity_type: EntityType | None = Field(
        None,
        description="legal_entity (Mexican persona moral), individual (persona física), "
        "sas_cash_flow (SAS under the LISR cash-flow regime) or foreign_non_resident.",
    )
    title_ii_taxpayer: bool | None = Field(None, description="Taxed under LISR Title II.")
    rfc_active: bool | None = Field(None, description="RFC (taxpayer registry) status active.")
    efirma_valid: bool | None = Field(None, description="e.firma (FIEL) valid.")
    addresses_registered: bool | None = Field(
        None, description="Fiscal address and all program addresses registered and active."
    )
    positive_compliance_opinion: bool | None = Field(
        None, description="Current positive tax-compliance opinion (CFF art. 32-D)."
    )
    on_sat_69_list: bool | None = Field(None, description="Listed by SAT under CFF art. 69.")
    on_sat_69b_list: bool | None = Field(None, description="Listed by SAT under CFF art. 69-B.")


class PremisesInput(RuleInput):
    possession: Possession | None = Field(
        None, description="How the premises are held: owned, leased or loaned (comodato)."
    )
    contract_term_months: int | None = Field(
        None, description="Total term of the lease or loan contract, in whole months."
    )
    months_remaining: int | None = Field(
        None, description="Whole months of the contract left on the filing date."
    )


def evaluate_applicant(inp: ApplicantProfileInput, as_of: dt.date) -> RuleResult:
    rec = Recorder("applicant_profile", as_of)
    failed_en: list[str] = []
    failed_es: list[str] = []
    missing: list[str] = []
    eligible = rec.param("applicant.eligible_entity_types").value
    if inp.entity_type is None:
        missing.append("entity_type")
    elif inp.entity_type not in eligible:
        ref = rec.param("applicant.eligible_entity_types").reference
        if inp.entity_type == "sas_cash_flow":
            ref = rec.param("applicant.sas_cash_flow_excluded").reference
        reason = {
            "individual": (
                "individuals cannot hold a program",
                "las personas físicas no pueden tener programa",
            ),
            "sas_cash_flow": (
                "an SAS under the cash-flow regime does not qualify",
                "una SAS en el régimen de flujo de efectivo no califica",
            ),
            "foreign_non_resident": (
                "the holder must be a legal entity resident in Mexico "
                "(a shelter can operate for a foreign company)",
                "el titular debe ser persona moral residente en México "
                "(un albergue puede operar para una empresa extranjera)",
            ),
        }[inp.entity_type]
        failed_en.append(f"{reason[0]} ({ref})")
        failed_es.append(f"{reason[1]} ({ref})")
    for field, (name, passing, text_en, text_es) in _CHECKS.items():
        value = getattr(inp, field)
        if (
            field == "title_ii_taxpayer"
            and value is None
            and inp.entity_type in ("individual", "sas_cash_flow", "foreign_non_resident")
        ):
            continue  # already failed on the entity type; asking more would be noise
        used = rec.param(name)
        ok = None if value is None else value == passing
        rec.step(f"Check {field}", f"Verificar {field}", {field: value}, ok)
        if ok is None:
            missing.append(field)
        elif not ok:
            failed_en.append(f"{text_en} ({used.reference})")
            failed_es.append(f"{text_es} ({used.reference})")
    outputs = {"failed": failed_en, "failed_es": failed_es}
    ending = rec.checklist_verdict(
        inp,
        outputs,
        (failed_en, failed_es),
        missing,
        fails=(
            "Does not meet the applicant requirements",
            "No cumple los requisitos del solicitante",
        ),
        pending=(
            "No requirement fails so far; still to confirm",
            "Ningún requisito falla hasta ahora; falta confirmar",
        ),
    )
    if ending is not None:
        return ending
    return rec.result(
        Verdict.meets,
        "Meets the entity, tax-regime and tax-status requirements.",
        "Cumple los requisitos de tipo de entidad, régimen fiscal y situación fiscal.",
        inp,
        outputs,
    )


def evaluate_premises(inp: PremisesInput, as_of: dt.date) -> RuleResult:
    for field in ("contract_term_months", "months_remaining"):
        value = getattr(inp, field)
        if value is not None and value < 0:
            raise RuleInputError(
                field,
                f"must be zero or positive (got {value})",
                es_agree(field, "debe ser cero o positivo", "deben ser cero o positivos")
                + f" (se indicó {value})",
            )
    term, left = inp.contract_term_months, inp.months_remaining
    if term is not None and left is not None and left > term:
        raise RuleInputError(
            "months_remaining",
            f"{left} months left cannot exceed the {term}-month contract term",
            f"{left} meses restantes no pueden superar un contrato de {term} meses",
            names_field=True,
        )
    rec = Recorder("premises", as_of)
    if inp.possession is None:
        return rec.result(
            Verdict.needs_info,
            "Are the premises owned, leased or loaned?",
            "¿El inmueble es propio, arrendado o en comodato?",
            inp,
            {},
            ["possession"],
        )
    if inp.possession == "owned":
        rec.cite("Trámite SE-03-074-B (posesión legal del inmueble)")
        return rec.result(
            Verdict.meets,
            "Owned premises: no minimum contract term applies; "
            "proof of ownership is still required.",
            "Inmueble propio: no aplica "
            "plazo mínimo de contrato; se requiere acreditar la propiedad.",
            inp,
            {},
        )
    min_term = int(rec.param("premises.min_contract_term_months").value)
    min_left = int(rec.param("premises.min_months_remaining").value)
    missing = [f for f in ("contract_term_months", "months_remaining") if getattr(inp, f) is None]
    en: list[str] = []
    es: list[str] = []
    fails = False
    if term is not None:
        ok = term >= min_term
        fails |= not ok
        rec.step(
            f"Contract term at least {min_term} months",
            f"Plazo del contrato de al menos {min_term} meses",
            {"contract_term_months": term},
            ok,
        )
        en.append(f"term {term} months ({'ok' if ok else 'too short'}, minimum {min_term})")
        es.append(f"plazo {term} meses ({'cumple' if ok else 'insuficiente'}, mínimo {min_term})")
    if left is not None:
        ok = left >= min_left
        fails |= not ok
        rec.step(
            f"At least {min_left} months left at filing",
            f"Al menos {min_left} meses restantes al presentar",
            {"months_remaining": left},
            ok,
        )
        en.append(f"{left} months left ({'ok' if ok else 'too few'}, minimum {min_left})")
        es.append(
            f"{left} meses restantes ({'cumple' if ok else 'insuficiente'}, mínimo {min_left})"
        )
    outputs = {"min_contract_term_months": min_term, "min_months_remaining": min_left}
    detail_en, detail_es = "; ".join(en), "; ".join(es)
    if fails:
        verdict, head_en, head_es = Verdict.does_not_meet, "Does not meet", "No cumple"
        missing = []
    elif missing:
        verdict, head_en, head_es = (
            Verdict.needs_info,
            "Still needed: " + ", ".join(missing),
            "Falta: " + ", ".join(missing),
        )
    else:
        verdict, head_en, head_es = Verdict.meets, "Meets", "Cumple"
    kind_en = "lease" if inp.possession == "leased" else "loan (comodato)"
    kind_es = "arrendamiento" if inp.possession == "leased" else "comodato"
    return rec.result(
        verdict,
        f"{head_en} the premises requirement for a {kind_en}"
        + (f": {detail_en}." if detail_en else "."),
        f"{head_es} el requisito del inmueble en {kind_es}"
        + (f": {detail_es}." if detail_es else "."),
        inp,
        outputs,
        missing,
    )


APPLICANT_SPEC = RuleSpec(
    id="applicant_profile",
    title={"en": "Applicant profile", "es": "Perfil del solicitante"},
    description=(
        "Checks who can hold an IMMEX program: a Mexican legal entity taxed under LISR Title II "
        "with active RFC, valid e.firma, registered addresses, a positive tax-compliance opinion "
        "and not on SAT's art. 69 / 69-B lists. Names every failed requirement."
    ),
    input_model=ApplicantProfileInput,
    evaluate=evaluate_applicant,
)

PREMISES_SPEC = RuleSpec(
    id="premises",
    title={"en": "Premises (lease or loan)", "es": "Inmueble (arrendamiento o comodato)"},
    description=(
        "Checks the premises requirement: leased or loaned premises need a contract of at least "
        "1 year with at least 11 months left at filing. Use for lease-term questions."
    ),
    input_model=PremisesInput,
    evaluate=evaluate_premises,
)
