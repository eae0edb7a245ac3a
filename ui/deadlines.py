"""Deadline calculators: temporary-import term and annual-report due date (via the rules API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from ui import state
from ui.errors import ApiError
from ui.i18n import t
from ui.models import RuleResult
from ui.widgets import client, error_banner, rule_result

TEMP = "temporary_import_deadline"
ANNUAL = "annual_report_deadline"
CATEGORIES = ("materials", "containers", "machinery")


def _run(rule_id: str, inputs: dict[str, Any]) -> None:
    try:
        with client() as api:
            result = api.evaluate_rule(rule_id, inputs)
    except ApiError as exc:
        st.session_state[f"dl_error_{rule_id}"] = state.error_record(exc)
        st.session_state[f"dl_last_{rule_id}"] = inputs
        return
    st.session_state.pop(f"dl_error_{rule_id}", None)
    st.session_state[f"dl_result_{rule_id}"] = result.model_dump()


def _show(rule_id: str, lang: str) -> None:
    error = st.session_state.get(f"dl_error_{rule_id}")
    if error and error_banner(error, lang, retry_key=f"dl_retry_{rule_id}"):
        _run(rule_id, st.session_state.get(f"dl_last_{rule_id}", {}))
        st.rerun()
    stored = st.session_state.get(f"dl_result_{rule_id}")
    if not stored:
        return
    result = RuleResult.model_validate(stored)
    if result.verdict != "needs_info":
        deadline = result.outputs.get("deadline")
        cols = st.columns(2)
        cols[0].metric(t("dl.deadline", lang), deadline or t("dl.no_date", lang))
        if isinstance(result.outputs.get("days_left"), int):
            cols[1].metric(t("dl.days_left", lang), result.outputs["days_left"])
    rule_result(result, lang)


def temporary_import(lang: str) -> None:
    with st.form("dl_form_temp"):
        category = st.selectbox(
            t("dl.category", lang),
            options=[None, *CATEGORIES],
            format_func=lambda c: (
                t("elig.unknown", lang) if c is None else t(f"dl.category.{c}", lang)
            ),
            key="dl_category",
        )
        goods = st.text_input(t("dl.goods", lang), key="dl_goods")
        imported = st.date_input(
            t("dl.import_date", lang),
            value=None,
            format="YYYY-MM-DD",
            min_value=dt.date(1990, 1, 1),
            max_value=dt.date(2100, 12, 31),
            key="dl_import_date",
        )
        submitted = st.form_submit_button(t("dl.compute", lang), type="primary")
    if submitted:
        inputs: dict[str, Any] = {}
        if category:
            inputs["category"] = category
        if goods.strip():
            inputs["goods_description"] = goods.strip()
        if imported:
            inputs["import_date"] = imported.isoformat()
        _run(TEMP, inputs)
    _show(TEMP, lang)


def annual_report(lang: str) -> None:
    with st.form("dl_form_annual"):
        year = st.number_input(
            t("dl.fiscal_year", lang),
            min_value=2000,
            max_value=2100,
            step=1,
            value=dt.date.today().year - 1,
            key="dl_fiscal_year",
        )
        prosec = st.toggle(t("dl.has_prosec", lang), key="dl_has_prosec")
        filed = st.date_input(
            t("dl.filed_on", lang),
            value=None,
            format="YYYY-MM-DD",
            min_value=dt.date(2000, 1, 1),
            max_value=dt.date(2100, 12, 31),
            key="dl_filed_on",
        )
        submitted = st.form_submit_button(t("dl.compute", lang), type="primary")
    if submitted:
        inputs: dict[str, Any] = {"fiscal_year": int(year), "has_prosec": bool(prosec)}
        if filed:
            inputs["filed_on"] = filed.isoformat()
        _run(ANNUAL, inputs)
    _show(ANNUAL, lang)


def render() -> None:
    lang = state.ui_lang()
    st.title(t("dl.title", lang))
    st.caption(t("dl.intro", lang))
    temp_tab, annual_tab = st.tabs([t("dl.temp.tab", lang), t("dl.annual.tab", lang)])
    with temp_tab:
        temporary_import(lang)
    with annual_tab:
        annual_report(lang)
