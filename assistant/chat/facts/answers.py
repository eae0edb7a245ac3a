"""Short yes/no replies to the assistant's own needs-info question, turned into the rule
inputs that question asked for ("yes, all of them" -> every yes/no fact it listed)."""

from __future__ import annotations

import re
import typing
from functools import lru_cache

from assistant.chat.replies import load_data
from assistant.rules import RULES

_I = re.IGNORECASE
_YES = re.compile(
    r"^\s*[¡]?(?:yes|yeah|yep|yup|sure|correct|right|indeed|affirmative|all (?:of them|good|"
    r"fine|ok|in order|true|correct)|everything(?:'s| is)? (?:fine|ok|okay|in order|correct)|"
    r"s[ií]|claro|correcto|as[ií] es|afirmativo|todo (?:en orden|bien|correcto|s[ií])|"
    r"todos?(?: s[ií])?|todas(?: s[ií])?)\b",
    _I,
)
_NO = re.compile(r"^\s*(?:no|nope|not really|negative|negativo|para nada)\b", _I)
_MAX_WORDS = 12  # a longer message is a statement of its own, not a bare yes/no


@lru_cache(maxsize=1)
def _bool_fields() -> frozenset[str]:
    """Rule inputs that take a yes/no answer."""
    out: set[str] = set()
    for spec in RULES.values():
        for name, info in spec.input_model.model_fields.items():
            if bool in typing.get_args(info.annotation) or info.annotation is bool:
                out.add(name)
    return frozenset(out)


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, str], ...]:
    """(field, phrase) for every yes/no field, both languages, longest phrase first."""
    fields: dict[str, dict[str, str]] = load_data("fact_questions")["fields"]
    pairs = [
        (name, text.lower())
        for name, by_lang in fields.items()
        if name in _bool_fields()
        for text in by_lang.values()
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[1])))


def asked_fields(assistant_text: str) -> list[str]:
    """The yes/no rule inputs an assistant message asked for, in the order it asked."""
    low = assistant_text.lower()
    found: list[tuple[int, str]] = []
    for name, phrase in _phrases():
        at = low.find(phrase)
        if at >= 0 and all(name != n for _, n in found):
            found.append((at, name))
    return [name for _, name in sorted(found)]


def yes_no(text: str) -> bool | None:
    """True for a bare yes ('sí, todo en orden'), False for a bare no, else None."""
    if len(text.split()) > _MAX_WORDS:
        return None
    if _NO.match(text):
        return False
    if _YES.match(text):
        return True
    return None


def confirmed_facts(reply: str, asked: list[str]) -> dict[str, bool]:
    """Rule inputs settled by `reply` to a question that asked for `asked`. A yes answers
    every listed item; a no only a single one (a bare no to a list says nothing per item)."""
    answer = yes_no(reply)
    if answer is None or not asked or (answer is False and len(asked) > 1):
        return {}
    meaning: dict[str, bool] = load_data("fact_questions").get("yes_means", {})
    return {f: meaning.get(f, True) == answer for f in asked}
