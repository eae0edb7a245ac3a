"""UI strings in English and Spanish, kept as data in `strings.json` (and field labels)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGS = ("en", "es")
_HERE = Path(__file__).parent


@lru_cache(maxsize=4)
def _load(name: str) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((_HERE / name).read_text(encoding="utf-8"))
    return data


def strings() -> dict[str, dict[str, str]]:
    return _load("strings.json")


def t(key: str, lang: str, **fmt: Any) -> str:
    """The string `key` in `lang` (English if missing); a missing key shows itself, not a crash."""
    entry = strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**fmt) if fmt else text


def field_label(name: str, lang: str, fallback: str) -> str:
    """Localised label of a rule input field; the schema's own title when none is recorded."""
    entry = _load("fields.json").get(name)
    if not entry:
        return fallback
    return entry.get(lang) or entry.get("en") or fallback


def humanize(value: str) -> str:
    return value.replace("_", " ").strip().capitalize()
