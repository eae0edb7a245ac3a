"""Draw `FieldSpec`s as Streamlit widgets (inside a form) and read their values back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from ui.forms import FieldSpec
from ui.i18n import field_label, humanize, t

_MIN_DATE = dt.date(1990, 1, 1)
_MAX_DATE = dt.date(2100, 12, 31)


def widget_key(prefix: str, field: FieldSpec) -> str:
    return f"{prefix}__{field.name}"


def draw_field(field: FieldSpec, prefix: str, lang: str) -> Any:
    """One widget per field; every widget can say 'unknown' (None), which the rule may ask for."""
    label = field_label(field.name, lang, field.title) + (" *" if field.required else "")
    key = widget_key(prefix, field)
    help_text = field.description or None
    if field.kind == "boolean":
        return st.selectbox(
            label,
            options=[None, True, False],
            format_func=lambda v: t(
                "elig.unknown" if v is None else ("elig.yes" if v else "elig.no"), lang
            ),
            key=key,
            help=help_text,
        )
    if field.kind == "enum":
        return st.selectbox(
            label,
            options=[None, *field.options],
            format_func=lambda v: t("elig.unknown", lang) if v is None else humanize(str(v)),
            key=key,
            help=help_text,
        )
    if field.kind == "date":
        return st.date_input(
            label,
            value=None,
            min_value=_MIN_DATE,
            max_value=_MAX_DATE,
            format="YYYY-MM-DD",
            key=key,
            help=help_text,
        )
    if field.kind == "integer":
        return st.number_input(label, value=None, step=1, format="%d", key=key, help=help_text)
    if field.kind == "number":
        return st.number_input(label, value=None, step=1.0, key=key, help=help_text)
    return st.text_input(label, key=key, help=help_text)
