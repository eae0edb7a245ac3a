"""BM25 text normalization that treats Spanish as well as English: folded accents,
stopwords of both languages, Snowball stems, and numbers written one way."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]{3})*(?:[.,][0-9]+)?")
# Program words that are stopwords in general English/Spanish but carry meaning here.
_KEEP = frozenset({"no", "not", "sin", "more", "mas", "after", "before", "antes", "despues"})


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'Exportación' and 'exportacion' are one word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_STOPWORDS = frozenset(fold(w) for w in (*STOPWORDS_EN, *STOPWORDS_SPANISH)) - _KEEP
_STEMMERS = {"en": Stemmer.Stemmer("english"), "es": Stemmer.Stemmer("spanish")}


def _normalize_number(token: str) -> str:
    # "500,000" / "500.000" -> "500000"; "1.5" keeps its decimal point.
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        return re.sub(r"[.,]", "", token)
    return token.replace(",", ".")


def words(text: str) -> list[str]:
    return [
        _normalize_number(t) if t[0].isdigit() else t
        for t in _TOKEN.findall(fold(text))
        if t not in _STOPWORDS
    ]


def all_words(text: str) -> frozenset[str]:
    """Every folded word, stopwords included (for comparing a question with a heading)."""
    return frozenset(_TOKEN.findall(fold(text)))


@lru_cache(maxsize=50_000)
def _stem(word: str, lang: str) -> str:
    return word if word[0].isdigit() else str(_STEMMERS[lang].stemWord(word))


def tokenize(text: str, lang: str) -> list[str]:
    """Tokens for a document in a known language."""
    return [_stem(w, lang) for w in words(text)]


def tokenize_query(text: str, lang: str | None) -> list[str]:
    """Query tokens; with no language given, both stemmings so either language can match."""
    if lang in _STEMMERS:
        return tokenize(text, lang)
    seen: dict[str, None] = {}
    for word in words(text):
        for code in _STEMMERS:
            seen.setdefault(_stem(word, code), None)
    return list(seen)
