"""User-facing wording of rule outputs: ISO dates as people write them, and rule-input
problems explained in the user's language."""

from __future__ import annotations

import re

from assistant.rules import RuleInputError

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre".split(),
}


def natural_dates(text: str, lang: str) -> str:
    """'2026-03-17' -> '17 March 2026' (EN) or '17 de marzo de 2026' (ES)."""
    names = _MONTHS["es" if lang == "es" else "en"]

    def one(m: re.Match[str]) -> str:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return m.group(0)
        if lang == "es":
            return f"{day} de {names[month - 1]} de {year}"
        return f"{day} {names[month - 1]} {year}"

    return _ISO.sub(one, text)


# Short names of the inputs a rule can reject, for the sentence that says what is wrong.
_FIELDS: dict[str, tuple[str, str]] = {
    "filed_on": ("the filing date", "la fecha de presentación"),
    "notification_date": ("the notification date", "la fecha de notificación"),
    "notified_on": ("the date SE was notified", "la fecha del aviso a la SE"),
    "change_date": ("the date of the change", "la fecha del cambio"),
    "import_date": ("the import date", "la fecha de importación"),
    "certification_date": ("the certification date", "la fecha de certificación"),
    "exports": ("the exports", "las exportaciones"),
    "total_sales": ("total sales", "las ventas totales"),
    "exchange_rate_mxn_per_usd": ("the exchange rate", "el tipo de cambio"),
    "contract_term_months": ("the contract term", "el plazo del contrato"),
    "months_remaining": ("the months remaining", "los meses restantes"),
    "returns_pct": ("the returns percentage", "el porcentaje de retornos"),
    "imss_workers": ("the number of IMSS workers", "el número de trabajadores en el IMSS"),
}

# (pattern over the rule's English reason, EN template, ES template); groups fill {0}, {1}.
_REASONS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"(\d{4}-\d{2}-\d{2}) is after the reference date (\d{4}-\d{2}-\d{2})"),
        "{field} ({0}) is later than today ({1})",
        "{field} ({0}) es posterior a hoy ({1})",
    ),
    (
        re.compile(r"cannot be before the fiscal year (\d{4}) ends"),
        "{field} cannot be before fiscal year {0} ends",
        "{field} no puede ser anterior al cierre del ejercicio {0}",
    ),
    (
        re.compile(r"(\d+) months left cannot exceed the (\d+)-month contract term"),
        "{0} months left cannot exceed a {1}-month contract term",
        "{0} meses restantes no pueden superar un contrato de {1} meses",
    ),
    (
        re.compile(r"exports \((.+?)\) cannot exceed total sales \((.+?)\)"),
        "exports ({0}) cannot exceed total sales ({1}): please check both figures",
        "las exportaciones ({0}) no pueden superar las ventas totales ({1}): revise ambas cifras",
    ),
    (
        re.compile(r"must be a percentage from 0 to 100, got (.+)"),
        "{field} must be a percentage from 0 to 100 (got {0})",
        "{field} debe ser un porcentaje de 0 a 100 (se indicó {0})",
    ),
    (
        re.compile(r"must be zero or positive, got (.+)"),
        "{field} must be zero or positive (got {0})",
        "{field} debe ser cero o positivo (se indicó {0})",
    ),
    (
        re.compile(r"must be greater than zero"),
        "{field} must be greater than zero",
        "{field} debe ser mayor que cero",
    ),
]
_FALLBACK = ("{field} cannot be used as given", "no puedo usar {field} tal como se indicó")


def input_problem(error: RuleInputError, lang: str) -> str:
    """One sentence, in `lang`, saying which of the user's figures the rule could not use."""
    es = lang == "es"
    names = _FIELDS.get(error.field, (error.field.replace("_", " "),) * 2)
    field = names[1] if es else names[0]
    sentence = _FALLBACK[1] if es else _FALLBACK[0]
    groups: tuple[str, ...] = ()
    for pattern, en_text, es_text in _REASONS:
        if m := pattern.search(error.reason):
            sentence, groups = (es_text if es else en_text), m.groups()
            break
    text = natural_dates(sentence.format(*groups, field=field), lang)
    return f"{text[0].upper()}{text[1:]}."
