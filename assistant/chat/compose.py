"""Compose (deterministic, no LLM): verdict first, then the best passage sentences with
numbered citations, then the sources list; follow-up suggestions on the side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.documents import Document

from assistant.chat.answer import Citation
from assistant.chat.compute import Computation, user_facing_explanation
from assistant.chat.replies import follow_ups, label, needs_info_question
from assistant.chat.sentences import Picked, select_sentences, split_sentences, terms
from assistant.rules import RULES


@dataclass
class Composition:
    text: str
    citations: list[Citation]
    follow_ups: list[str]
    body_parts: list[str] = field(default_factory=list)
    trusted: list[str] = field(default_factory=list)


def _snippet(doc: Document, limit: int = 240) -> str:
    sentences = split_sentences(doc.page_content)
    text = " ".join(sentences) if sentences else doc.page_content.strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def citation_for(doc: Document, index: int) -> Citation:
    md = doc.metadata
    return Citation(
        index=index,
        note_id=str(md.get("note_id", "")),
        title=str(md.get("title", "")),
        section=str(md.get("section", "")),
        references=list(md.get("references") or []),
        url=md.get("url") or None,
        as_of=str(md.get("as_of", "")),
        lang=md.get("lang", "en"),
        snippet=_snippet(doc),
        chunk_id=str(md.get("chunk_id", "")),
    )


def sources_block(citations: Sequence[Citation], lang: str) -> str:
    lines = [f"**{label('sources', lang)}**"]
    for c in citations:
        refs = "; ".join(c.references)
        where = c.title if c.section in ("", c.title) else f"{c.title} — {c.section}"
        parts = [f"[{c.index}] {where}"]
        if refs:
            parts.append(refs)
        if c.url:
            parts.append(c.url)
        parts.append(f"{label('as_of', lang)} {c.as_of}")
        lines.append(". ".join(parts))
    return "\n".join(lines)


def _suggestions(route: str, lang: str, question: str, cited: Sequence[Citation]) -> list[str]:
    slugs = [re.sub(r"-(en|es)$", "", c.note_id) for c in cited]
    q_terms = terms(question)
    picked: list[str] = []
    for s in follow_ups(route, lang, slugs):
        s_terms = terms(s)
        if s_terms and len(q_terms & s_terms) / len(s_terms) > 0.7:
            continue  # that is (nearly) what was just asked
        picked.append(s)
        if len(picked) == 3:
            break
    return picked


def compose(
    *,
    question: str,
    docs: Sequence[Document],
    lang: str,
    route: str,
    audience: str,
    computation: Computation | None,
    max_sentences: int = 4,
    ask: bool | None = None,
) -> Composition:
    """Build the Markdown answer from the rule outcome and the retrieved passages; `ask`
    (default: whenever the rule lacks facts) appends the question for the missing facts."""
    head: list[str] = []
    trusted: list[str] = []
    result = computation.result if computation else None
    if ask is None:
        ask = bool(computation and computation.needs_info)
    if computation and result is not None:
        explanation = user_facing_explanation(result, lang)
        trusted.append(result.model_dump_json())
        if explanation and (result.facts_used or not computation.needs_info):
            title = RULES[computation.rule_id].title[lang]
            refs = (
                f" ({'; '.join(result.references)})"
                if audience == "sales" and result.references
                else ""
            )
            head.append(f"**{title}:** {explanation}{refs}")
    n_sent = 2 if ask else max_sentences
    if head and not ask:
        n_sent = 3
    picked = select_sentences(question, docs, max_sentences=n_sent, exclude=head)
    citations, body = _cite(picked, docs, audience, lang)
    parts = [*head, body] if body else head
    if computation and ask:
        question_text = needs_info_question(computation.missing, lang)
        if computation.error is not None:
            question_text = f"{computation.error.message(lang)} {question_text}"
        parts.append(f"**{question_text}**")
        trusted.append(question_text)
    text = "\n\n".join(p for p in parts if p)
    if citations:
        text = f"{text}\n\n{sources_block(citations, lang)}"
    trusted += [
        d.page_content
        for d in docs
        if any(c.chunk_id == d.metadata.get("chunk_id") for c in citations)
    ]
    trusted += [
        f"{c.title} {c.section} {' '.join(c.references)} {c.url or ''} {c.as_of}" for c in citations
    ]
    return Composition(
        text, citations, _suggestions(route, lang, question, citations), parts, trusted
    )


def _cite(
    picked: Sequence[Picked], docs: Sequence[Document], audience: str, lang: str
) -> tuple[list[Citation], str]:
    numbers: dict[int, int] = {}
    citations: list[Citation] = []
    sentences: list[str] = []
    for p in picked:
        if p.doc_index not in numbers:
            numbers[p.doc_index] = len(numbers) + 1
            citations.append(citation_for(docs[p.doc_index], numbers[p.doc_index]))
        cite = numbers[p.doc_index]
        extra = ""
        refs = citations[cite - 1].references
        if audience == "sales" and refs:
            extra = f" ({label('ref', lang)} {'; '.join(refs)})"
        sentences.append(f"{p.text} [{cite}]{extra}")
    return citations, " ".join(sentences)
