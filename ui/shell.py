"""The frame around every page: page config, navigation, sidebar settings."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from ui import state
from ui.config import load_config
from ui.i18n import t

# Not "pages/": Streamlit would run files there as pages on their own, without this frame.
PAGES = Path(__file__).parent / "views"
log = logging.getLogger("immex_guide.ui")


def _clear_conversation() -> None:
    st.session_state[state.HISTORY] = []
    st.session_state[state.CHAT_ERROR] = None


def sidebar(lang: str) -> None:
    with st.sidebar:
        st.header(t("settings.header", lang))
        st.selectbox(
            t("settings.language", lang),
            options=["auto", "en", "es"],
            format_func=lambda v: t(f"settings.lang.{v}", lang),
            key=state.LANG_CHOICE,
        )
        st.radio(
            t("settings.audience", lang),
            options=["investor", "sales"],
            format_func=lambda v: t(f"settings.audience.{v}", lang),
            key=state.AUDIENCE,
            horizontal=True,
        )
        st.button(t("settings.clear", lang), on_click=_clear_conversation, icon=":material/add:")
        st.divider()
        st.caption(t("disclaimer", lang))
        st.caption(t("settings.api", lang, url=load_config().api_url))


def main() -> None:
    st.set_page_config(page_title="IMMEX Guide", page_icon=":material/factory:", layout="wide")
    # Widget values live in session state; re-assigning keeps them when a page is not rendered.
    for key, default in ((state.LANG_CHOICE, "auto"), (state.AUDIENCE, "investor")):
        st.session_state[key] = st.session_state.get(key, default)
    lang = state.ui_lang()
    pages = [
        st.Page(
            PAGES / "chat.py",
            title=t("nav.chat", lang),
            icon=":material/chat:",
            default=True,
            url_path="chat",
        ),
        st.Page(
            PAGES / "eligibility.py",
            title=t("nav.eligibility", lang),
            icon=":material/fact_check:",
            url_path="eligibility",
        ),
        st.Page(
            PAGES / "deadlines.py",
            title=t("nav.deadlines", lang),
            icon=":material/event:",
            url_path="deadlines",
        ),
        st.Page(
            PAGES / "sources.py",
            title=t("nav.sources", lang),
            icon=":material/menu_book:",
            url_path="sources",
        ),
    ]
    page = st.navigation(pages)
    sidebar(lang)
    try:
        page.run()
    except Exception as exc:  # the last net: users get a plain message, the console the trace
        log.exception("page %s failed", page.title)
        st.error(t("err.unexpected", lang, kind=type(exc).__name__), icon=":material/error:")
        if st.button(t("err.retry", lang), key="page_retry", icon=":material/refresh:"):
            st.rerun()
