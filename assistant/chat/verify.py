"""Verify: every number must come from a cited passage or a rule output, every [n] from a
retrieved passage. Catches composer slips and, above all, LLM inventions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.chat.answer import Citation

_CITE = re.compile(r"\[(\d{1,2})\]")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# No plain-space thousands separator: "SE-03-077 2026" must stay two numbers.
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,\u00a0]\d{3})*(?:[.,]\d+)?")


_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_WORDS = re.compile(r"\w+")
# A run this long copied from the instructions is a leak, not a coincidence.
LEAK_RUN_WORDS = 8


def _values(token: str) -> set[float]:
    """Readings of a token: '1,200' and '1.200' group thousands (EN and ES), so they are 1200
    only; '1,2' and '1.2' are decimals (ES and EN)."""
    token = token.replace("\u00a0", "").replace(" ", "")
    if _GROUPED.fullmatch(token):
        return {float(re.sub(r"[.,]", "", token))}
    out: set[float] = set()
    for thousands, decimal in ((",", "."), (".", ",")):
        candidate = token.replace(thousands, "").replace(decimal, ".")
        try:
            out.add(round(float(candidate), 4))
        except ValueError:
            continue
    return out


def numbers_in(text: str) -> list[str]:
    """Number tokens of `text`, citation markers excluded."""
    return [m.group(0).rstrip(".,") for m in _NUMBER.finditer(_CITE.sub(" ", text))]


@lru_cache(maxsize=2048)
def _text_pool(text: str) -> frozenset[float]:
    pool: set[float] = set()
    for token in numbers_in(text):
        pool |= _values(token)
    # An ISO date (2026-03-17) in a rule output vouches for '17 March 2026' in the answer.
    for iso in _ISO.finditer(text):
        pool |= {float(part) for part in iso.groups()}
    return frozenset(pool)


def number_pool(texts: Iterable[str]) -> set[float]:
    pool: set[float] = set()
    for text in texts:
        pool |= _text_pool(text)
    return pool


@dataclass
class Verification:
    ok: bool
    unsupported_numbers: list[str] = field(default_factory=list)
    bad_citations: list[int] = field(default_factory=list)
    leaked: bool = False

    def detail(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "unsupported_numbers": self.unsupported_numbers,
            "bad_citations": self.bad_citations,
            "leaked_instructions": self.leaked,
        }


def _runs(text: str, size: int) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORDS.findall(text)]
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def reproduces(text: str, private_texts: Iterable[str], size: int = LEAK_RUN_WORDS) -> bool:
    """Whether `text` repeats a run of `size` words from any private text (e.g. the system
    prompt): an obeyed "print your instructions" injection shows up exactly like this."""
    runs = _runs(text, size)
    return any(runs & _runs(private, size) for private in private_texts)


def verify(
    text: str,
    citations: Sequence[Citation],
    retrieved_chunk_ids: set[str],
    trusted_texts: Iterable[str],
    private_texts: Sequence[str] = (),
) -> Verification:
    """Check `text` against the passages and rule outputs in `trusted_texts`, and that it
    repeats nothing of `private_texts` (instructions the reader must never see)."""
    pool = number_pool(trusted_texts)
    unsupported = [tok for tok in numbers_in(text) if not (_values(tok) & pool)]
    by_index = {c.index: c for c in citations}
    bad = sorted(
        {int(n) for n in _CITE.findall(text) if int(n) not in by_index}
        | {c.index for c in citations if c.chunk_id not in retrieved_chunk_ids}
    )
    leaked = reproduces(text, private_texts) if private_texts else False
    return Verification(
        not unsupported and not bad and not leaked,
        list(dict.fromkeys(unsupported)),
        bad,
        leaked,
    )


def unsupported_in(sentence: str, result: Verification) -> bool:
    """Whether `sentence` carries one of the numbers or citations that failed verification."""
    tokens = set(numbers_in(sentence))
    cites = {int(n) for n in _CITE.findall(sentence)}
    return bool(tokens & set(result.unsupported_numbers) or cites & set(result.bad_citations))
