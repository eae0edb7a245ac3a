"""How rules write for people: dates in words and input names in plain EN/ES.

Outputs keep ISO dates for programs; explanations and input-error messages use these.
"""

from __future__ import annotations

import datetime as dt

_MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre".split(),
}


def long_date(day: dt.date, lang: str) -> str:
    """17 March 2026 (EN) / 17 de marzo de 2026 (ES)."""
    if lang == "es":
        return f"{day.day} de {_MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def both(day: dt.date) -> tuple[str, str]:
    """`day` in words in English and in Spanish, for building the two explanations."""
    return long_date(day, "en"), long_date(day, "es")


# Plain names of the inputs a rule can reject, for the sentence that says what is wrong.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "as_of": ("the reference date", "la fecha de referencia"),
    "filed_on": ("the filing date", "la fecha de presentación"),
    "notification_date": ("the notification date", "la fecha de notificación"),
    "notified_on": ("the date SE was notified", "la fecha del aviso a la SE"),
    "change_date": ("the date of the change", "la fecha del cambio"),
    "import_date": ("the import date", "la fecha de importación"),
    "certification_date": ("the certification date", "la fecha de certificación"),
    "fiscal_year": ("the fiscal year", "el ejercicio fiscal"),
    "exports": ("the exports", "las exportaciones"),
    "total_sales": ("total sales", "las ventas totales"),
    "exchange_rate_mxn_per_usd": ("the exchange rate", "el tipo de cambio"),
    "contract_term_months": ("the contract term", "el plazo del contrato"),
    "months_remaining": ("the months remaining", "los meses restantes"),
    "returns_pct": ("the returns percentage", "el porcentaje de retornos"),
    "imss_workers": ("the number of IMSS workers", "el número de trabajadores en el IMSS"),
    "entity_type": ("the type of entity", "el tipo de entidad"),
    "title_ii_taxpayer": ("taxed under LISR Title II", "tributa en el Título II de la LISR"),
    "rfc_active": ("an active RFC", "RFC activo"),
    "efirma_valid": ("a valid e.firma", "e.firma vigente"),
    "addresses_registered": (
        "all addresses registered in the RFC",
        "domicilios registrados en el RFC",
    ),
    "positive_compliance_opinion": (
        "a positive tax-compliance opinion",
        "opinión de cumplimiento positiva",
    ),
    "on_sat_69_list": ("not on SAT's art. 69 list", "no estar en la lista del art. 69 del SAT"),
    "on_sat_69b_list": (
        "not on SAT's art. 69-B list",
        "no estar en la lista del art. 69-B del SAT",
    ),
    "valid_immex": ("a valid IMMEX program", "programa IMMEX vigente"),
    "has_infrastructure": ("the required infrastructure", "la infraestructura requerida"),
    "processes_described": ("the processes described", "los procesos descritos"),
    "investment_in_mexico": ("investment in Mexico", "inversión en México"),
    "suppliers_on_69b_list": (
        "no suppliers on the art. 69-B list",
        "sin proveedores en la lista del art. 69-B",
    ),
    "refund_denials_within_limit": (
        "VAT refund denials within the limit",
        "negativas de devolución de IVA dentro del límite",
    ),
    "tax_mailbox_updated": ("an up-to-date tax mailbox", "buzón tributario actualizado"),
    "previously_certified": ("whether it was certified before", "si ya estuvo certificada"),
    "annex31_compliant": ("Annex 31 compliance", "cumplimiento del Anexo 31"),
    "level": ("the certification level", "el nivel de certificación"),
}


# Inputs whose Spanish name is plural, so the verb after it agrees ("deben ser").
_PLURAL_ES = frozenset({"exports", "total_sales", "months_remaining"})


def es_agree(field: str, singular: str, plural: str) -> str:
    """The Spanish reason that agrees in number with the input's Spanish name."""
    return plural if field in _PLURAL_ES else singular


def field_label(field: str, lang: str) -> str:
    """Plain name of a rule input; an input without one keeps its own name, quoted."""
    names = FIELD_LABELS.get(field)
    if names is None:
        return f"'{field}'"
    return names[1] if lang == "es" else names[0]
