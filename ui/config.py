"""The UI's own tiny configuration, read from `ASSISTANT_UI_*` variables on every run."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_API_URL = "http://127.0.0.1:8000"


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class UiConfig:
    """Where the API lives and how long the UI waits for it."""

    api_url: str = DEFAULT_API_URL
    connect_timeout_s: float = 3.0
    # A streamed answer may pause between events while the pipeline retrieves and composes.
    read_timeout_s: float = 60.0
    api_key: str | None = None


def load_config() -> UiConfig:
    """Read the environment now: tests and operators change it without restarting Python."""
    url = os.environ.get("ASSISTANT_UI_API_URL", "").strip() or DEFAULT_API_URL
    key = os.environ.get("ASSISTANT_UI_API_KEY", "").strip() or None
    return UiConfig(
        api_url=url.rstrip("/"),
        connect_timeout_s=_float_env("ASSISTANT_UI_CONNECT_TIMEOUT_S", 3.0),
        read_timeout_s=_float_env("ASSISTANT_UI_READ_TIMEOUT_S", 60.0),
        api_key=key,
    )
