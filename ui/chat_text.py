"""Pure text helpers of the chat: inline legal references, e-mail text, Markdown transcript."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ui.i18n import t
from ui.models import Answer, Citation

# `[n]` not already followed by a link target or by the API's own "(Ref. ...)" (sales audience).
_MARKER = re.compile(r"\[(\d+)\](?!\(|\s*\(Ref\.)")
# The API appends a plain-text source list; the UI shows the same sources as expanders instead.
_SOURCES_BLOCK = re.compile(r"\n\s*\*\*(Sources|Fuentes)\*\*\s*\n.*\Z", re.S)


def body_text(answer: Answer) -> str:
    """The answer without its trailing source list, when the citations are shown separately."""
    if not answer.citations:
        return answer.text
    return _SOURCES_BLOCK.sub("", answer.text).rstrip()


def first_reference(citation: Citation) -> str:
    return citation.references[0] if citation.references else citation.title


def inline_references(text: str, citations: Sequence[Citation]) -> str:
    """Turn `[2]` into `[2 · Decreto IMMEX, art. 4, fr. I]` for the sales view."""
    by_index = {c.index: c for c in citations}

    def repl(match: re.Match[str]) -> str:
        citation = by_index.get(int(match.group(1)))
        if citation is None:
            return match.group(0)
        return f"[{citation.index} · {first_reference(citation)}]"

    return _MARKER.sub(repl, text)


def citation_line(citation: Citation, lang: str) -> str:
    refs = "; ".join(citation.references) or t("cite.none", lang)
    parts = [f"[{citation.index}] {citation.title}", citation.section, refs]
    if citation.as_of:
        parts.append(f"{t('cite.as_of', lang)} {citation.as_of}")
    if citation.url:
        parts.append(citation.url)
    return " — ".join(p for p in parts if p)


def email_text(question: str, answer: Answer) -> str:
    """Plain text a salesperson pastes into a client e-mail: answer, then its legal sources."""
    lang = answer.lang if answer.lang in ("en", "es") else "en"
    greeting = "Hello," if lang == "en" else "Hola:"
    asked = "You asked" if lang == "en" else "Nos preguntó"
    lines = [greeting, "", f"{asked}: {question.strip()}", "", body_text(answer)]
    if answer.citations:
        lines += ["", f"{t('chat.sources', lang)}:"]
        lines += [citation_line(c, lang) for c in answer.citations]
    lines += ["", t("disclaimer", lang)]
    return "\n".join(lines)


def transcript_markdown(turns: Sequence[dict[str, Any]], lang: str) -> str:
    """The whole conversation as Markdown, each answer followed by its numbered sources."""
    out = [f"# {t('app.title', lang)}", ""]
    for turn in turns:
        if turn.get("role") == "user":
            out += [f"## {t('chat.you', lang)}", "", str(turn.get("content", "")), ""]
            continue
        raw = turn.get("answer")
        out += [f"## {t('chat.assistant', lang)}", ""]
        if not raw:
            out += [str(turn.get("content", "")), ""]
            continue
        answer = Answer.model_validate(raw)
        out += [f"_{answer.status}_", "", body_text(answer), ""]
        if answer.citations:
            out += [f"**{t('chat.sources', lang)}**", ""]
            out += [f"- {citation_line(c, lang)}" for c in answer.citations]
            out.append("")
    out.append(f"> {t('disclaimer', lang)}")
    return "\n".join(out) + "\n"


def question_for(turns: Sequence[dict[str, Any]], index: int) -> str:
    """The user message an assistant turn answered (the nearest user turn before it)."""
    for turn in reversed(turns[:index]):
        if turn.get("role") == "user":
            return str(turn.get("content", ""))
    return ""
