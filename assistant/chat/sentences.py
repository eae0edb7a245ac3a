"""Sentence selection from retrieved passages: relevant to the question, no repeats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from langchain_core.documents import Document

_ABBREV = re.compile(
    r"(?:\b(?:art|arts|fr|frs|no|núm|num|e\.g|i\.e|p\. ej|etc|vs|Ref|Refs|approx|aprox|Sr|Dr|"
    r"Lic|Ing|pp|cap|párr|para|Inc|Co|Corp|Ltd|fracc)|\b[A-Z])\.$",
)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡]?[A-ZÁÉÍÓÚÑ0-9])")
# Sentences about the notes themselves ("This note explains ...", "... are covered in the
# shelter notes") answer nothing.
_META = re.compile(
    r"^(?:this|the following|esta|la siguiente) (?:note|nota|section|secci[oó]n|guide|gu[ií]a)\b|"
    r"\b(?:this|these|other|the [\w-]+(?: and [\w-]+)?) notes?\b|"
    r"\b(?:esta|estas|otras) notas?\b|\bnotas? sobre\b|"
    r"\b(?:se (?:tratan|explican|cubren|ven) en las? notas?)",
    re.IGNORECASE,
)
# A piece cut out of the middle of a sentence (chunk overlap): lower-case start, or a
# number followed by a lower-case word, e.g. "24 with art. 27, fr. I)."
_FRAGMENT = re.compile(r"^(?:[a-záéíóúñ(),;:]|\d+\)?\s+[a-z])")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    """a an the of and or to in on at for with is are be by as it its this that what which how
    when who do does can could we our you your i my el la los las un una de del y o en a para
    con por que qué es son se su sus lo como cómo cuál cuáles cuándo cuánto quién nuestro
    nuestra nosotros puede pueden hay al immex program programa""".split()
)


def fold(text: str) -> str:
    """Lower case without accents, for matching EN/ES words loosely."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def terms(text: str) -> frozenset[str]:
    """Content words, crudely stemmed (first 6 letters) so plurals and verb forms meet."""
    return frozenset(w[:6] for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 2)


@lru_cache(maxsize=2048)
def split_sentences(text: str) -> tuple[str, ...]:
    """Prose sentences of a section body (headings and `> **Ref:**` lines dropped)."""
    lines = [
        ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", ">"))
    ]
    body = " ".join(ln.strip().lstrip("-* ").strip() for ln in lines)
    pieces = _BOUNDARY.split(body)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREV.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(s.strip() for s in sentences if len(s.strip()) > 20)


@dataclass(frozen=True)
class Picked:
    text: str
    doc_index: int  # position of its passage in the retrieved list
    position: int  # sentence position inside the passage
    score: float


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) > 0.6


def select_sentences(
    question: str,
    docs: Sequence[Document],
    *,
    max_sentences: int = 4,
    max_chars: int = 900,
    exclude: Sequence[str] = (),
) -> list[Picked]:
    """Best sentences by overlap with the question, passage rank and position; no near-repeats
    (of each other or of `exclude`, e.g. the rule explanation already shown)."""
    q_terms = terms(question)
    candidates: list[Picked] = []
    for d_idx, doc in enumerate(docs):
        heading = terms(str(doc.metadata.get("section", "")))
        head_match = len(q_terms & heading) / (len(q_terms) or 1) if heading else 0.0
        for s_idx, sentence in enumerate(split_sentences(doc.page_content)):
            s_terms = terms(sentence)
            overlap = len(q_terms & s_terms) / (len(q_terms) or 1)
            heading_bonus = 0.2 * len(q_terms & heading) / (len(q_terms) or 1)
            if _META.search(sentence) or _FRAGMENT.match(sentence):
                continue
            score = overlap + heading_bonus + 0.35 / (1 + d_idx) + 0.15 / (1 + s_idx)
            if head_match >= 0.75 and s_idx < 3:
                # The section's heading is this very question: its opening sentences are the
                # direct answer (the definition), ahead of sentences that merely share words.
                score += 0.3 * head_match
            candidates.append(Picked(sentence, d_idx, s_idx, score))
    candidates.sort(key=lambda p: -p.score)
    seen = [terms(x) for x in exclude]
    chosen: list[Picked] = []
    used = 0
    for cand in candidates:
        c_terms = terms(cand.text)
        if any(_similar(c_terms, s) for s in seen):
            continue
        if chosen and used + len(cand.text) > max_chars:
            continue
        chosen.append(cand)
        seen.append(c_terms)
        used += len(cand.text)
        if len(chosen) >= max_sentences:
            break
    return sorted(chosen, key=lambda p: (p.doc_index, p.position))
