"""Modality recommendation: rank the five modalities against what the user says about itself.

Each modality has conditions taken from the decree's description (art. 3). A modality whose
conditions all hold 'fits', one with a contradicted condition is 'ruled_out', the rest are
'possible'; the unmet conditions say what would change the ranking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from pydantic import Field

from assistant.rules.base import Recorder, RuleInput
from assistant.rules.models import RuleResult, RuleSpec, Verdict

# modality -> (decree fraction, [(field, required value, EN condition, ES condition)])
_MODALITIES: dict[str, tuple[str, list[tuple[str, bool, str, str]]]] = {
    "holding": (
        "I",
        [
            ("mexican_entity", True, "a Mexican legal entity", "una persona moral mexicana"),
            ("certified_company", True, "a certified company", "una empresa certificada"),
            (
                "controls_subsidiaries",
                True,
                "controls subsidiaries that manufacture",
                "controla empresas que manufacturan",
            ),
        ],
    ),
    "outsourcing": (
        "V",
        [
            ("mexican_entity", True, "a Mexican legal entity", "una persona moral mexicana"),
            ("certified_company", True, "a certified company", "una empresa certificada"),
            (
                "production_through_third_parties_only",
                True,
                "manufactures only through registered third parties",
                "manufactura solo a través de terceros registrados",
            ),
        ],
    ),
    "industrial": (
        "II",
        [
            ("mexican_entity", True, "a Mexican legal entity", "una persona moral mexicana"),
            ("has_own_plant", True, "its own plant in Mexico", "planta propia en México"),
            (
                "manufactures_for_export",
                True,
                "transforms goods for export",
                "elabora o transforma mercancías para exportar",
            ),
        ],
    ),
    "services": (
        "III",
        [
            ("mexican_entity", True, "a Mexican legal entity", "una persona moral mexicana"),
            (
                "export_services",
                True,
                "services on export goods or export services "
                "(activities SE lists, tied to manufacturing)",
                "servicios a mercancías de exportación o servicios de exportación (actividades que "
                "determine la SE, ligadas a la manufactura)",
            ),
        ],
    ),
    "shelter": (
        "IV",
        [
            (
                "mexican_entity",
                False,
                "a foreign company that supplies technology and materials without its own program",
                "una empresa extranjera que aporta tecnología y materiales sin operar un programa",
            ),
        ],
    ),
}
_STATUS_ORDER = {"fits": 0, "possible": 1, "ruled_out": 2}


class ModalityInput(RuleInput):
    mexican_entity: bool | None = Field(
        None,
        description="The company has (or will have) a Mexican legal entity to hold the "
        "program; false for a foreign company without one.",
    )
    has_own_plant: bool | None = Field(None, description="Has its own production plant in Mexico.")
    manufactures_for_export: bool | None = Field(
        None, description="Elaborates or transforms goods that are then exported."
    )
    export_services: bool | None = Field(
        None, description="Performs services on export goods or renders export services."
    )
    certified_company: bool | None = Field(
        None, description="Holds SAT company certification (needed for holding and outsourcing)."
    )
    controls_subsidiaries: bool | None = Field(
        None, description="Is a controlling company with controlled companies that manufacture."
    )
    production_through_third_parties_only: bool | None = Field(
        None, description="Has no production facilities and manufactures only via third parties."
    )


@dataclass
class Assessment:
    modality: str
    reference: str
    status: str = "fits"
    reasons: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "es": []})
    would_change: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "es": []})
    missing: list[str] = field(default_factory=list)


def _assess(inp: ModalityInput, name: str) -> Assessment:
    fraction, conditions = _MODALITIES[name]
    result = Assessment(name, f"Decreto IMMEX, art. 3, fr. {fraction}")
    for fact, wanted, text_en, text_es in conditions:
        value = getattr(inp, fact)
        if value is None:
            result.missing.append(fact)
            result.would_change["en"].append(f"confirm: {text_en}")
            result.would_change["es"].append(f"confirmar: {text_es}")
            if result.status == "fits":
                result.status = "possible"
        elif value == wanted:
            result.reasons["en"].append(text_en)
            result.reasons["es"].append(text_es)
        else:
            result.status = "ruled_out"
            result.would_change["en"].append(f"would need: {text_en}")
            result.would_change["es"].append(f"requeriría: {text_es}")
    return result


def evaluate(inp: ModalityInput, as_of: dt.date) -> RuleResult:
    rec = Recorder("modality", as_of)
    order = [str(name) for name in rec.param("program.modalities").value]
    ranking = sorted(
        (_assess(inp, name) for name in order),
        key=lambda a: (_STATUS_ORDER[a.status], -len(a.reasons["en"]), order.index(a.modality)),
    )
    for item in ranking:
        rec.step(
            f"Assess {item.modality}",
            f"Evaluar {item.modality}",
            {"conditions_met": item.reasons["en"], "missing": item.missing},
            item.status,
        )
        rec.cite(item.reference)
    best = ranking[0]
    fits = [a.modality for a in ranking if a.status == "fits"]
    outputs = {
        "ranking": [asdict(a) for a in ranking],
        "best": best.modality if best.status == "fits" else None,
    }
    if fits:
        also_en = ", ".join(fits[1:]) or "none"
        also_es = ", ".join(fits[1:]) or "ninguna"
        return rec.result(
            Verdict.meets,
            f"Best fit: {best.modality} ({best.reference}), because: "
            f"{'; '.join(best.reasons['en'])}. Also fitting: {also_en}.",
            f"Mejor opción: {best.modality} ({best.reference}), porque: "
            f"{'; '.join(best.reasons['es'])}. También aplican: {also_es}.",
            inp,
            outputs,
        )
    possible = [a for a in ranking if a.status == "possible"]
    if not possible:
        return rec.result(
            Verdict.does_not_meet,
            "No modality fits the facts given.",
            "Ninguna modalidad corresponde a los datos dados.",
            inp,
            outputs,
        )
    missing = list(dict.fromkeys(f for a in possible for f in a.missing))
    names = ", ".join(a.modality for a in possible)
    return rec.result(
        Verdict.needs_info,
        f"Possible: {names}. To decide, confirm: {', '.join(missing)}.",
        f"Posibles: {names}. Para decidir, confirme: {', '.join(missing)}.",
        inp,
        outputs,
        missing,
    )


SPEC = RuleSpec(
    id="modality",
    title={"en": "Modality recommendation", "es": "Recomendación de modalidad"},
    description=(
        "Ranks the five IMMEX modalities (holding, industrial, services, shelter, outsourcing) "
        "against facts such as own plant, foreign company without a Mexican entity, certified "
        "holding with subsidiaries, production only through third parties, export services."
    ),
    input_model=ModalityInput,
    evaluate=evaluate,
)
