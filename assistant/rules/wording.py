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
