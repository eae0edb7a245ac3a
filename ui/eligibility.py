"""Eligibility checker: one form per rule, generated from the API's input JSON schemas."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.errors import ApiError
from ui.form_widgets import draw_field
from ui.forms import collect_inputs, fields_from_schema
from ui.i18n import t
from ui.models import RuleInfo, RuleResult
from ui.widgets import client, error_banner, rule_result

RULES_ERROR = "elig_rules_error"
RESULTS = "elig_results"  # rule_id -> RuleResult JSON
RUN_ERROR = "elig_run_error"
# The deadline calculators have their own page; the checker keeps the eligibility questions first.
ORDER_LAST = ("temporary_import_deadline", "annual_report_deadline")


def load_rules() -> list[RuleInfo] | None:
    try:
        with client() as api:
            rules = api.rules()
    except ApiError as exc:
        st.session_state[RULES_ERROR] = state.error_record(exc)
        return None
    st.session_state.pop(RULES_ERROR, None)
    return sorted(rules, key=lambda r: r.id in ORDER_LAST)


def rule_form(rule: RuleInfo, lang: str) -> None:
    fields = fields_from_schema(rule.input_schema)
    prefix = f"rule_{rule.id}"
    with st.form(key=f"form_{rule.id}"):
        values = {f.name: draw_field(f, prefix, lang) for f in fields}
        submitted = st.form_submit_button(t("elig.run", lang), type="primary")
    if submitted:
        try:
            inputs = collect_inputs(fields, values)
            with client() as api:
                result = api.evaluate_rule(rule.id, inputs)
        except ValueError as exc:
            st.session_state[RUN_ERROR] = {
                "kind": "response",
                "message": str(exc),
                "status": 422,
                "code": "invalid_input",
            }
        except ApiError as exc:
            st.session_state[RUN_ERROR] = state.error_record(exc)
        else:
            st.session_state.pop(RUN_ERROR, None)
            st.session_state.setdefault(RESULTS, {})[rule.id] = result.model_dump()
    error = st.session_state.get(RUN_ERROR)
    if error and error_banner(error, lang, retry_key="elig_run_retry"):
        st.session_state.pop(RUN_ERROR, None)
        st.rerun()
    stored = st.session_state.get(RESULTS, {}).get(rule.id)
    if stored:
        rule_result(RuleResult.model_validate(stored), lang)


def render() -> None:
    lang = state.ui_lang()
    st.title(t("elig.title", lang))
    st.caption(t("elig.intro", lang))
    rules = load_rules()
    if rules is None:
        if error_banner(st.session_state[RULES_ERROR], lang, retry_key="elig_retry"):
            st.rerun()
        return
    by_id = {r.id: r for r in rules}
    chosen = st.selectbox(
        t("elig.rule", lang),
        options=list(by_id),
        format_func=lambda rid: by_id[rid].title.get(lang) or by_id[rid].title.get("en") or rid,
        key="elig_rule",
    )
    rule = by_id[chosen]
    if rule.description:
        st.caption(rule.description)
    rule_form(rule, lang)
