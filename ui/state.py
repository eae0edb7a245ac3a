"""Session-state keys and accessors shared by the pages (one place, so names never drift)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.config import load_config
from ui.errors import ApiError, ApiResponseError

HISTORY = "history"  # list of turns: {"role", "content", "answer"?}
LANG_CHOICE = "lang_choice"  # "auto" | "en" | "es"
AUDIENCE = "audience"  # "investor" | "sales"
QUEUED = "queued_prompt"
RETRY = "retry_requested"
CHAT_ERROR = "chat_error"
FEEDBACK_SENT = "feedback_sent"


def history() -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = st.session_state.setdefault(HISTORY, [])
    return turns


def lang_choice() -> str:
    choice = st.session_state.get(LANG_CHOICE, "auto")
    return choice if choice in ("auto", "en", "es") else "auto"


def audience() -> str:
    value = st.session_state.get(AUDIENCE, "investor")
    return value if value in ("investor", "sales") else "investor"


def ui_lang() -> str:
    """The language of the interface: the user's pick, else the last answer's language."""
    choice = lang_choice()
    if choice != "auto":
        return choice
    for turn in reversed(st.session_state.get(HISTORY, [])):
        answer = turn.get("answer")
        if answer and answer.get("lang") in ("en", "es"):
            return str(answer["lang"])
    return "en"


def error_record(exc: ApiError) -> dict[str, Any]:
    """A plain-data copy of an error, safe to keep in session state across reruns."""
    record: dict[str, Any] = {
        "kind": exc.kind,
        "message": exc.message,
        "url": load_config().api_url,
    }
    if isinstance(exc, ApiResponseError):
        record.update(status=exc.status, code=exc.code, field=exc.field)
    return record
