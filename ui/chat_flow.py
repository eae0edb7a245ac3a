"""The chat page: history, sending a turn with the streamed answer, error banner and retry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st

from ui import state
from ui.chat_text import question_for, transcript_markdown
from ui.chat_view import answer_block
from ui.client import chat_payload
from ui.errors import ApiError, ApiResponseError
from ui.i18n import t
from ui.models import Answer
from ui.widgets import client, error_banner


def _stream(
    payload: dict[str, Any], status_box: Any, lang: str
) -> tuple[Iterator[str], dict[str, Any]]:
    """A text generator for st.write_stream; the final Answer lands in the returned dict."""
    box: dict[str, Any] = {}

    def deltas() -> Iterator[str]:
        with client() as api:
            for event in api.chat_stream(payload):
                if event.event == "status":
                    status_box.caption(f"{t('chat.thinking', lang)} ({event.data.get('status')})")
                elif event.event == "delta":
                    yield str(event.data.get("text", ""))
                elif event.event == "done":
                    box["answer"] = event.data

    return deltas(), box


def send(turns: list[dict[str, Any]], lang: str) -> None:
    """Ask the API about the conversation so far; on failure keep everything and flag the error."""
    payload = chat_payload(
        [{"role": x["role"], "content": x["content"]} for x in turns],
        None if state.lang_choice() == "auto" else state.lang_choice(),
        state.audience(),
    )
    with st.chat_message("assistant"):
        status_box = st.empty()
        status_box.caption(t("chat.thinking", lang))
        try:
            generator, box = _stream(payload, status_box, lang)
            st.write_stream(generator)
            if "answer" not in box:
                raise ApiResponseError(200, "incomplete_stream", "the answer stream ended early")
            answer = Answer.model_validate(box["answer"])
        except ApiError as exc:
            st.session_state[state.CHAT_ERROR] = state.error_record(exc)
            st.rerun()
    turns.append({"role": "assistant", "content": answer.text, "answer": answer.model_dump()})
    st.session_state[state.CHAT_ERROR] = None
    st.rerun()


def render() -> None:
    lang = state.ui_lang()
    audience = state.audience()
    turns = state.history()
    st.title(t("chat.title", lang))
    if not turns:
        st.caption(t("chat.empty", lang))
    last_answer = max((i for i, x in enumerate(turns) if x.get("answer")), default=-1)
    for i, turn in enumerate(turns):
        with st.chat_message(turn["role"]):
            if turn.get("answer"):
                answer = Answer.model_validate(turn["answer"])
                answer_block(answer, lang, audience, question_for(turns, i), i == last_answer)
            else:
                st.markdown(turn["content"])
    unanswered = bool(turns) and turns[-1]["role"] == "user"
    error = st.session_state.get(state.CHAT_ERROR)
    if error:
        if error_banner(error, lang, retry_key="chat_retry", kept=True):
            st.session_state[state.CHAT_ERROR] = None
            if unanswered:
                send(turns, lang)
            st.rerun()
    elif unanswered:
        st.caption(t("chat.not_answered", lang))
    if audience == "sales" and any(x.get("answer") for x in turns):
        st.download_button(
            t("chat.transcript", lang),
            data=transcript_markdown(turns, lang),
            file_name="immex-guide-transcript.md",
            mime="text/markdown",
            icon=":material/download:",
        )
    prompt = st.chat_input(t("chat.placeholder", lang))
    queued = st.session_state.pop(state.QUEUED, None)
    text = prompt if isinstance(prompt, str) and prompt.strip() else queued
    if text:
        turns.append({"role": "user", "content": text.strip()})
        st.session_state[state.CHAT_ERROR] = None
        with st.chat_message("user"):
            st.markdown(text)
        send(turns, lang)
