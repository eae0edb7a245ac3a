"""Canned texts, labels, fact questions and follow-up suggestions, loaded once from data files."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=8)
def load_data(name: str) -> dict[str, Any]:
    text = resources.files("assistant.chat").joinpath(f"data/{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def reply(key: str, lang: str, variant: str | None = None) -> str:
    """A canned reply: `reply("greeting", "es")`, `reply("out_of_scope", "en", "prediction")`."""
    entry = load_data("replies")[key]
    if variant is not None:
        entry = entry.get(variant) or entry["unrelated"]
    return str(entry[lang]).strip()


def label(key: str, lang: str) -> str:
    return str(load_data("replies")["labels"][key][lang]).strip()


def notice(key: str, lang: str) -> str:
    return str(load_data("replies")["notices"][key][lang]).strip()


def fact_phrase(field: str, lang: str) -> str:
    """How to ask for one missing rule input, e.g. 'your annual exports (amount and currency)'."""
    phrases: dict[str, dict[str, str]] = load_data("fact_questions")["fields"]
    if field in phrases:
        return phrases[field][lang]
    return field.replace("_", " ")


def needs_info_question(fields: list[str], lang: str) -> str:
    """ONE question asking exactly for `fields`, in `lang`."""
    data = load_data("fact_questions")
    phrases = [fact_phrase(f, lang) for f in fields]
    joiner = data["joiner"][lang]
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + joiner + phrases[-1]
    template = data["template" if len(phrases) == 1 else "template_many"][lang]
    return str(template).format(facts=listed).strip()


def follow_ups(route: str, lang: str, topics: list[str]) -> list[str]:
    """Suggested next questions for the route, else for the passages' topics."""
    data: dict[str, dict[str, list[str]]] = load_data("follow_ups")
    picked: list[str] = []
    for key in [route, *topics, "default"]:
        for question in data.get(key, {}).get(lang, []):
            if question not in picked:
                picked.append(question)
    return picked
