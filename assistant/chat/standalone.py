"""Standalone question: fold a follow-up into the earlier turns it depends on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.chat.answer import Message
from assistant.chat.topics import keyword_topics

_I = re.IGNORECASE
_FOLLOW_UP = re.compile(
    r"^\s*[¿¡]?\s*(?:and|also|what about|how about|what if|and if|but|so|then|"
    r"ok(?:ay)?,? (?:and|so)|"
    r"y|e|tambi[eé]n|pero|entonces|[¿]?y si|qu[eé] tal si|y (?:el|la|los|las|en|para|sobre)|"
    r"what if only|and the|and on|and for|y en|y para|y sobre)\b"
    r"|\b(?:that|this|it|those|these|them|one|ones|same|eso|esto|ese|esa|esos|esas|lo|la misma|"
    r"el mismo|ah[ií])\b\s*[?.!]*\s*$"
    r"|\b(?:which one|cu[aá]l de (?:ellas|ellos|estas|estos)|cu[aá]l (?:nos )?(?:conviene|aplica|"
    r"corresponde|sirve)|specifically|en particular|"
    r"instead|en cambio|in that case|en ese caso|get that|obtener(?:lo|la)|hacerlo|do that|"
    r"remained|quedaran|fuera de)\b",
    _I,
)
_CONTENT = re.compile(r"[a-záéíóúñü]{4,}", _I)
_FILLER = frozenset(
    "what about also then that this those these which specifically particular instead case "
    "remained remain only just qué sobre también entonces solo sólo cuál cuáles caso fuera "
    "with have does would could should".split()
)


def _has_subject(text: str) -> bool:
    return any(w.lower() not in _FILLER for w in _CONTENT.findall(text)) or bool(
        re.search(r"\b[A-Z]{2,}\b", text)
    )


@dataclass(frozen=True)
class Standalone:
    question: str
    follow_up: bool
    context: list[str]


_SUBJECT = re.compile(r"\bIMMEX\b|\b[A-Z]{3,}\b|\bAnn?ex\w*\b|\bAnexo\b")
_PRONOUN = re.compile(r"\b(?:they|them|their|theirs|ellos|ellas)\b", _I)


def is_follow_up(text: str) -> bool:
    """Short, anaphoric or 'and/what if' turns lean on earlier ones; so does a short
    question that names no subject of its own ("What levels are there and how long do they
    last?", "¿Qué niveles hay y cuánto duran?")."""
    words = _CONTENT.findall(text)
    if _FOLLOW_UP.search(text) or _PRONOUN.search(text):
        return True
    if keyword_topics(text):
        return False
    return len(words) <= 2 or (len(words) <= 6 and not _SUBJECT.search(text))


def resolve(messages: Sequence[Message], max_context: int = 2) -> Standalone:
    """The last user turn, prefixed by up to `max_context` earlier user turns when it is a
    follow-up; earlier turns that were themselves follow-ups pull in their own predecessor."""
    users = [m.content for m in messages if m.role == "user"]
    current = users[-1]
    if len(users) == 1 or not is_follow_up(current):
        return Standalone(current, False, [])
    context: list[str] = []
    for earlier in reversed(users[:-1]):
        context.insert(0, earlier)
        # A follow-up with its own subject ("and on VAT specifically?") is context enough.
        if len(context) >= max_context or not is_follow_up(earlier) or _has_subject(earlier):
            break
    return Standalone(" ".join([*context, current]), True, context)
