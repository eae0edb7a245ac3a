"""How one assistant answer is drawn: status, text, citations, build panel, feedback."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import state
from ui.chat_text import body_text, email_text, inline_references
from ui.errors import ApiError
from ui.i18n import t
from ui.models import Answer, Citation
from ui.widgets import client, error_banner, rule_trace

REASONS = ("incorrect", "wrong_source", "unclear", "other")


def status_marker(answer: Answer, lang: str) -> None:
    """Make the disposition of the turn visible before its text."""
    if answer.status == "needs_info":
        missing = ", ".join(answer.missing_facts)
        extra = f"\n\n{t('status.needs_info.missing', lang, facts=missing)}" if missing else ""
        st.info(f"**{t('status.needs_info', lang)}**{extra}", icon=":material/help:")
    elif answer.status in ("not_covered", "out_of_scope", "handoff"):
        st.warning(f"**{t(f'status.{answer.status}', lang)}**", icon=":material/block:")
    if answer.notice:
        st.caption(t("status.notice", lang, notice=answer.notice))


def citation_expander(citation: Citation, lang: str) -> None:
    label = f"[{citation.index}] {citation.title} — {citation.section}"
    with st.expander(label):
        refs = "; ".join(citation.references) or t("cite.none", lang)
        st.markdown(f"**{t('cite.reference', lang)}:** {refs}")
        st.markdown(f"**{t('cite.section', lang)}:** {citation.section}")
        if citation.snippet:
            st.markdown("\n".join(f"> {line}" for line in citation.snippet.splitlines()))
        st.caption(
            f"{t('cite.as_of', lang)}: {citation.as_of} · {t('cite.note', lang)}: "
            f"`{citation.note_id}`"
        )
        if citation.url:
            st.markdown(f"[{t('cite.link', lang)}]({citation.url})")


def build_panel(answer: Answer, lang: str) -> None:
    with st.expander(t("built.title", lang), icon=":material/account_tree:"):
        st.markdown(
            t(
                "built.status",
                lang,
                status=answer.status,
                route=answer.route or "-",
                conf=f"{answer.route_confidence:.2f}",
            )
        )
        if answer.timings:
            st.markdown(f"**{t('built.steps', lang)}**")
            rows = [
                f"| {t('built.step', lang)} | {t('built.ms', lang)} | {t('built.detail', lang)} |",
                "|---|---:|---|",
            ]
            for step in answer.timings:
                detail = ", ".join(f"{k}={v}" for k, v in step.detail.items())
                rows.append(f"| {step.step} | {step.ms:.1f} | {detail.replace('|', '/')[:160]} |")
            st.markdown("\n".join(rows))
            st.caption(t("built.total", lang, ms=f"{sum(s.ms for s in answer.timings):.1f}"))
        st.markdown(f"**{t('built.rules', lang)}**")
        if not answer.rule_results:
            st.caption(t("built.no_rules", lang))
        for result in answer.rule_results:
            explanation = result.explanation.get(lang) or result.explanation.get("en", "")
            verdict = t(f"verdict.{result.verdict}", lang)
            st.markdown(f"`{result.rule_id}` — **{verdict}**: {explanation}")
            rule_trace(result, lang)


def _send_feedback(answer_id: str, lang: str) -> None:
    thumb = st.session_state.get(f"fb_thumb_{answer_id}")
    reason = st.session_state.get(f"fb_reason_{answer_id}")
    comment = (st.session_state.get(f"fb_comment_{answer_id}") or "").strip() or None
    rating = "up" if thumb == 1 else "down"
    try:
        with client() as api:
            stored = api.feedback(answer_id, rating, reason, comment)
    except ApiError as exc:
        st.session_state[f"fb_error_{answer_id}"] = state.error_record(exc)
        return
    st.session_state.pop(f"fb_error_{answer_id}", None)
    st.session_state.setdefault(state.FEEDBACK_SENT, {})[answer_id] = stored.get("id", "?")


def feedback_box(answer: Answer, lang: str) -> None:
    sent: dict[str, Any] = st.session_state.get(state.FEEDBACK_SENT, {})
    aid = answer.answer_id
    if aid in sent:
        st.caption(t("fb.thanks", lang, id=sent[aid]))
        return
    st.caption(t("fb.prompt", lang))
    thumb = st.feedback("thumbs", key=f"fb_thumb_{aid}")
    if thumb is None:
        return
    if thumb == 0:
        st.selectbox(
            t("fb.reason", lang),
            options=[None, *REASONS],
            format_func=lambda r: t(f"fb.reason.{r}" if r else "fb.reason.none", lang),
            key=f"fb_reason_{aid}",
        )
    st.text_area(t("fb.comment", lang), key=f"fb_comment_{aid}", max_chars=2000, height=80)
    st.button(t("fb.send", lang), key=f"fb_send_{aid}", on_click=_send_feedback, args=(aid, lang))
    error = st.session_state.get(f"fb_error_{aid}")
    if error and error_banner(error, lang, retry_key=f"fb_retry_{aid}"):
        _send_feedback(aid, lang)
        st.rerun()


def _queue(prompt: str) -> None:
    st.session_state[state.QUEUED] = prompt


def answer_block(answer: Answer, lang: str, audience: str, question: str, last: bool) -> None:
    """Everything drawn inside one assistant chat message after the answer arrived."""
    status_marker(answer, lang)
    text = body_text(answer)
    if audience == "sales":
        text = inline_references(text, answer.citations)
    st.markdown(text)
    if answer.citations:
        st.markdown(f"**{t('chat.sources', lang)}**")
        for citation in answer.citations:
            citation_expander(citation, lang)
    if audience == "sales":
        refs = list(dict.fromkeys(r for c in answer.citations for r in c.references))
        if refs:
            st.caption(f"{t('chat.legal_refs', lang)}: " + "; ".join(refs))
        with st.expander(t("chat.email", lang), icon=":material/mail:"):
            st.caption(t("chat.email.hint", lang))
            st.code(email_text(question, answer), language=None, wrap_lines=True)
    build_panel(answer, lang)
    if last and answer.follow_ups:
        st.caption(t("chat.followups", lang))
        cols = st.columns(min(len(answer.follow_ups), 3))
        for n, follow_up in enumerate(answer.follow_ups):
            cols[n % len(cols)].button(
                follow_up, key=f"fu_{answer.answer_id}_{n}", on_click=_queue, args=(follow_up,)
            )
    feedback_box(answer, lang)
