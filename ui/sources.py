"""Sources page: browse and filter the knowledge notes, and read one."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.errors import ApiError
from ui.i18n import humanize, t
from ui.models import SourceNote, SourceSummary
from ui.widgets import client, error_banner

ERROR = "src_error"


def _fetch_list(lang: str | None, topic: str | None, q: str | None) -> list[SourceSummary] | None:
    try:
        with client() as api:
            return api.sources(lang=lang, topic=topic, q=q)
    except ApiError as exc:
        st.session_state[ERROR] = state.error_record(exc)
        return None


def _fetch_note(note_id: str) -> SourceNote | None:
    try:
        with client() as api:
            return api.source(note_id)
    except ApiError as exc:
        st.session_state[ERROR] = state.error_record(exc)
        return None


def _topics() -> list[str]:
    """All topics, from the unfiltered list (cached per session: it only changes on re-ingest)."""
    cached: list[str] | None = st.session_state.get("src_topics")
    if cached is None:
        notes = _fetch_list(None, None, None) or []
        cached = sorted({topic for note in notes for topic in note.topics})
        if notes:
            st.session_state["src_topics"] = cached
    return cached


def note_view(note: SourceNote, lang: str) -> None:
    st.subheader(note.title)
    meta = [f"`{note.id}`", note.lang.upper(), f"{t('src.col.as_of', lang)} {note.as_of}"]
    if note.translation:
        meta.append(t("src.translation", lang, id=note.translation))
    st.caption(" · ".join(meta))
    if note.references:
        st.markdown(f"**{t('result.references', lang)}:** " + "; ".join(note.references))
    if note.sources:
        st.markdown(" · ".join(f"[{url}]({url})" for url in note.sources))
    st.divider()
    st.markdown(note.text)


def notes_table(notes: list[SourceSummary], lang: str) -> None:
    header = [t(f"src.col.{c}", lang) for c in ("title", "lang", "topics", "refs", "as_of")]
    rows = [
        f"| {n.title} | {n.lang} | {', '.join(n.topics)} | "
        f"{'; '.join(n.references[:3])} | {n.as_of} |"
        for n in notes
    ]
    st.markdown("\n".join(["| " + " | ".join(header) + " |", "|---|---|---|---|---|", *rows]))


def render() -> None:
    lang = state.ui_lang()
    st.title(t("src.title", lang))
    st.caption(t("src.intro", lang))
    st.session_state.pop(ERROR, None)
    cols = st.columns([1, 2, 3])
    lang_filter = cols[0].selectbox(
        t("src.lang", lang),
        options=[None, "en", "es"],
        format_func=lambda v: t("src.lang.all", lang) if v is None else v.upper(),
        key="src_lang",
    )
    topic = cols[1].selectbox(
        t("src.topic", lang),
        options=[None, *_topics()],
        format_func=lambda v: t("src.topic.all", lang) if v is None else humanize(v),
        key="src_topic",
    )
    query = cols[2].text_input(t("src.q", lang), key="src_q")
    notes = _fetch_list(lang_filter, topic, query.strip() or None)
    if notes is None:
        if error_banner(st.session_state[ERROR], lang, retry_key="src_retry"):
            st.rerun()
        return
    st.caption(t("src.count", lang, n=len(notes)))
    if not notes:
        st.info(t("src.none", lang))
        return
    with st.expander(t("src.table", lang, n=len(notes)), icon=":material/table_rows:"):
        notes_table(notes, lang)
    by_id = {n.id: n for n in notes}
    chosen = st.selectbox(
        t("src.read", lang),
        options=list(by_id),
        format_func=lambda nid: f"{by_id[nid].title} ({by_id[nid].lang})",
        key="src_note",
    )
    if chosen:
        note = _fetch_note(chosen)
        if note is None:
            if error_banner(st.session_state[ERROR], lang, retry_key="src_note_retry"):
                st.rerun()
            return
        note_view(note, lang)
