"""Temporary-import deadline: how long goods may stay, by category, from the import date.

The term in force on the import date applies (the law at the time of the import governs the
stay); the end date follows CFF art. 12 (see `business_days`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assistant.rules.base import Recorder, RuleInput, require_not_future
from assistant.rules.business_days import add_months_legal, next_business_day, non_business_reason
from assistant.rules.goods import CATEGORIES, CATEGORY_LABELS, Category, classify
from assistant.rules.models import RuleResult, RuleSpec, Verdict
from assistant.rules.wording import long_date


class TemporaryImportInput(RuleInput):
    category: Category | None = Field(
        None,
        description="materials (raw materials, parts, components, consumables, fuels, "
        "lubricants, packaging, labels, brochures), containers (containers and trailer boxes) "
        "or machinery (machinery, equipment, tools, instruments, molds, spare parts).",
    )
    goods_description: str | None = Field(
        None, description="Free-text description of the goods, EN or ES, if no category."
    )
    import_date: dt.date | None = Field(None, description="Date of the temporary import.")


def _category(inp: TemporaryImportInput, rec: Recorder) -> Category | None:
    if inp.category is not None:
        return inp.category
    if not inp.goods_description:
        return None
    category, hits = classify(inp.goods_description)
    rec.step(
        "Classify the goods description by keywords",
        "Clasificar la descripción de las mercancías por palabras clave",
        {"goods_description": inp.goods_description, "matches": hits},
        category,
    )
    return category


def _needs_category(rec: Recorder, inp: TemporaryImportInput, missing: list[str]) -> RuleResult:
    labels_en = "; ".join(CATEGORY_LABELS[c]["en"] for c in CATEGORIES)
    labels_es = "; ".join(CATEGORY_LABELS[c]["es"] for c in CATEGORIES)
    what = inp.goods_description
    en = f"Could not tell the category of '{what}'. " if what else "The goods category is needed. "
    es = (
        f"No se pudo determinar la categoría de '{what}'. "
        if what
        else "Se necesita la categoría de las mercancías. "
    )
    return rec.result(
        Verdict.needs_info,
        en + f"Choose one: {labels_en}.",
        es + f"Elija una: {labels_es}.",
        inp,
        {"categories": list(CATEGORIES)},
        ["category", *missing],
    )


def evaluate(inp: TemporaryImportInput, as_of: dt.date) -> RuleResult:
    if inp.import_date is not None:
        require_not_future("import_date", inp.import_date, as_of)
    rec = Recorder("temporary_import_deadline", as_of)
    category = _category(inp, rec)
    if category is None:
        return _needs_category(rec, inp, [] if inp.import_date else ["import_date"])
    on = inp.import_date or as_of
    field = "import_date" if inp.import_date else "as_of"
    if category == "machinery":
        rec.param("temporary_import.machinery_term", on, field)
        rec.param("program.validity", on, field)
        return rec.result(
            Verdict.meets,
            "Machinery and equipment have no fixed date: they may stay while the IMMEX program is "
            "valid (the program has no fixed term), kept at the registered addresses and used "
            "for the program.",
            "La maquinaria y el equipo no tienen fecha límite: pueden permanecer mientras el "
            "programa IMMEX esté vigente (el programa no tiene plazo fijo), en los domicilios "
            "registrados y para los fines del programa.",
            inp,
            {"category": category, "deadline": None, "term": "program_validity"},
        )
    if inp.import_date is None:
        return rec.result(
            Verdict.needs_info,
            "The import date is needed to compute the deadline.",
            "Se necesita la fecha de importación para calcular el plazo.",
            inp,
            {"category": category},
            ["import_date"],
        )
    if category == "materials":
        months = int(rec.param("temporary_import.materials_term_months", on, field).value)
        term_en, term_es = f"{months} months", f"{months} meses"
    else:
        years = int(rec.param("temporary_import.containers_term_years", on, field).value)
        months = years * 12
        term_en, term_es = f"{years} years", f"{years} años"
    rec.param("calendar.month_term_end", on, field)
    nominal, shifted = add_months_legal(inp.import_date, months)
    rec.step(
        f"Add {term_en} to the import date (CFF art. 12)",
        f"Sumar {term_es} a la fecha de importación (CFF art. 12)",
        {"import_date": inp.import_date.isoformat(), "months": months, "month_lacks_day": shifted},
        nominal.isoformat(),
    )
    roll = rec.param("calendar.roll_to_next_business_day", on, field).value
    deadline = next_business_day(nominal) if roll else nominal
    reason = non_business_reason(nominal)
    if deadline != nominal:
        rec.step(
            "The last day is not a business day: move to the next business day",
            "El último día es inhábil: se recorre al siguiente día hábil",
            {"date": nominal.isoformat(), "reason": reason},
            deadline.isoformat(),
        )
    days_left = (deadline - as_of).days
    outputs = {
        "category": category,
        "deadline": deadline.isoformat(),
        "nominal_end": nominal.isoformat(),
        "month_lacks_day": shifted,
        "days_left": days_left,
        "moved_to_business_day": deadline != nominal,
        "non_business_reason": reason,
    }
    if days_left >= 0:
        return rec.result(
            Verdict.meets,
            f"{category.capitalize()} imported on {long_date(inp.import_date, 'en')} may stay "
            f"{term_en}, until {long_date(deadline, 'en')} ({days_left} days left).",
            f"Los {'materiales' if category == 'materials' else 'contenedores'} importados el "
            f"{long_date(inp.import_date, 'es')} pueden permanecer {term_es}, hasta el "
            f"{long_date(deadline, 'es')} (quedan {days_left} días).",
            inp,
            outputs,
        )
    return rec.result(
        Verdict.does_not_meet,
        f"The {term_en} term ended on {long_date(deadline, 'en')} ({-days_left} days ago): "
        "the goods should have been returned abroad or changed to another regime.",
        f"El plazo de {term_es} venció el {long_date(deadline, 'es')} (hace {-days_left} días): "
        "las mercancías debieron retornarse al extranjero o cambiar de régimen.",
        inp,
        outputs,
    )


SPEC = RuleSpec(
    id="temporary_import_deadline",
    title={"en": "Temporary-import deadline", "es": "Plazo de importación temporal"},
    description=(
        "Computes until when temporarily imported goods may stay in Mexico: 18 months for "
        "materials, 2 years for containers and trailer boxes, the program's validity for "
        "machinery. Use for 'until when can these goods stay?' given a category or description "
        "and the import date."
    ),
    input_model=TemporaryImportInput,
    evaluate=evaluate,
)
