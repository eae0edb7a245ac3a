"""Streamlit pieces every page uses: the API client, the error banner, rule results."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from ui.client import ApiClient
from ui.i18n import t
from ui.models import RuleResult

VERDICT_STYLE = {"meets": st.success, "does_not_meet": st.error, "needs_info": st.warning}


def client() -> ApiClient:
    """A fresh client per run: the env (API URL) is re-read, so tests and operators can move it."""
    return ApiClient()


def error_banner(record: dict[str, Any], lang: str, retry_key: str, kept: bool = False) -> bool:
    """Show what happened and what to do; True when the user pressed Retry."""
    kind = record.get("kind", "response")
    if kind not in ("unavailable", "timeout"):
        kind = "response"
    body = t(
        f"err.{kind}.body",
        lang,
        url=record.get("url", ""),
        message=record.get("message", ""),
        status=record.get("status", "?"),
        code=record.get("code", "error"),
    )
    lines = [f"**{t(f'err.{kind}.title', lang)}**", body]
    if record.get("field"):
        lines.append(t("err.field", lang, field=record["field"]))
    if kept:
        lines.append(t("err.kept", lang))
    st.error("\n\n".join(lines), icon=":material/error:")
    return st.button(t("err.retry", lang), key=retry_key, icon=":material/refresh:")


def _fmt(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rule_result(result: RuleResult, lang: str) -> None:
    """Verdict, explanation in the UI language, references, then the detail behind them."""
    show = VERDICT_STYLE.get(result.verdict, st.info)
    label = t(f"verdict.{result.verdict}", lang)
    explanation = result.explanation.get(lang) or result.explanation.get("en", "")
    show(f"**{label}** — {explanation}")
    if result.missing_facts:
        st.caption(t("result.missing", lang, facts=", ".join(result.missing_facts)))
    if result.references:
        st.markdown(f"**{t('result.references', lang)}**")
        st.markdown("\n".join(f"- {ref}" for ref in dict.fromkeys(result.references)))
    if result.outputs:
        with st.expander(t("result.outputs", lang)):
            st.markdown("\n".join(f"- **{k}**: {_fmt(v)}" for k, v in result.outputs.items()))
    if result.parameters or result.trace:
        with st.expander(t("result.trace", lang)):
            rule_trace(result, lang)
    if result.as_of:
        st.caption(t("result.as_of", lang, date=result.as_of))


def rule_trace(result: RuleResult, lang: str) -> None:
    for n, step in enumerate(result.trace, start=1):
        desc = step.get("description", {})
        text = desc.get(lang) or desc.get("en", "") if isinstance(desc, dict) else str(desc)
        st.markdown(f"{n}. {text} → `{_fmt(step.get('result'))}`")
    if result.parameters:
        st.markdown(f"**{t('result.parameters', lang)}**")
        st.markdown(
            "\n".join(
                f"- `{p.get('name')}` = {_fmt(p.get('value'))} {p.get('unit', '')} — "
                f"{p.get('reference', '')} ({p.get('effective_from', '')})"
                for p in result.parameters
            )
        )
