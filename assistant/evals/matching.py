"""Text normalisation for must-include matching and number checks.

Both the answer and the expected phrase go through `normalize`, so matching ignores case and
accents, reads "500,000", "500000", "500 000", "500k", "USD 500 thousand" and "500 mil" as the
same number, and turns EN and ES renderings of a date ("29 May 2026", "May 29, 2026",
"29 de mayo de 2026", "2026-05-29") into one token. `contains` then compares word by word:
words by English or Spanish stem ("cancellation" finds "cancelled"), numbers exactly ("10"
never finds "100"), and a year or month also finds a full date inside it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from assistant.retrieval.text import fold, tokenize

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "ene": 1, "abr": 4, "ago": 8,
    "dic": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th|o)?"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}}){_ORD}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+|del\s+|of\s+)?(\d{{4}})\b"
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:de\s+|del\s+|of\s+)?(\d{{4}})\b")
_PERCENT_WORDS = re.compile(r"\b(?:per\s*cent|percent|por\s+ciento)\b")
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[,. ]\d{3})+(?![\d])|\d+)(?:[.,](\d+))?"
    r"(?:\s*(k|thousand|mil|million|millions|millon|millones)\b)?"
)
_MULTIPLIERS = {
    "k": 1000, "thousand": 1000, "mil": 1000,
    "million": 10**6, "millions": 10**6, "millon": 10**6, "millones": 10**6,
}
_CITATION = re.compile(r"\[\d{1,2}\]")
_NOISE = re.compile(r"[^\w%\s.-]|(?<!\d)\.|\.(?!\d)")


def _date(year: str, month: int, day: str) -> str:
    return f" date{int(year):04d}{month:02d}{int(day):02d} "


def _dates(text: str) -> str:
    text = _ISO.sub(lambda m: _date(m[1], int(m[2]), m[3]), text)
    text = _DAY_MONTH_YEAR.sub(lambda m: _date(m[3], _MONTHS[m[2]], m[1]), text)
    text = _MONTH_DAY_YEAR.sub(lambda m: _date(m[3], _MONTHS[m[1]], m[2]), text)
    return _MONTH_YEAR.sub(lambda m: f" month{int(m[2]):04d}{_MONTHS[m[1]]:02d} ", text)


def canonical_number(whole: str, fraction: str | None, multiplier: str | None) -> str:
    """'500 000' / '500,000' / '500.000' -> '500000'; '15.00' -> '15'; '1.76' -> '1.76'."""
    digits = re.sub(r"[,. ]", "", whole)
    try:
        value = Decimal(digits + (f".{fraction}" if fraction else ""))
    except InvalidOperation:  # pragma: no cover - the regex only passes digits
        return whole
    if multiplier:
        value *= _MULTIPLIERS[multiplier]
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _numbers(text: str) -> str:
    return _NUMBER.sub(lambda m: canonical_number(m[1], m[2], m[3]), text)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower-case, accent-free text with canonical numbers, dates and percentages."""
    text = fold(text.replace("\u00a0", " ").replace("\u202f", " "))
    text = _CITATION.sub(" ", text)
    text = text.replace("–", "-").replace("—", " ")
    text = _dates(text)
    text = _PERCENT_WORDS.sub("%", text)
    text = _numbers(text)
    text = re.sub(r"(\d)\s+%", r"\1%", text)
    text = _NOISE.sub(" ", text)
    # Decimal points survive (numbers are canonical by now); other punctuation is noise.
    return " ".join(text.split())


# How many answer words may sit between two consecutive words of a phrase ("program was
# then cancelled" still says "program cancelled"); more than that and they are unrelated.
_MAX_GAP = 3
_YEAR = re.compile(r"(?:19|20|21)\d\d")
_LETTER_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=16_384)
def _stems(word: str) -> frozenset[str]:
    """English and Spanish Snowball stems of a folded word; empty for numbers and stopwords.

    The phrase's language is not known here, so a word matches under either stemmer.
    """
    if not _LETTER_WORD.fullmatch(word):
        return frozenset()
    return frozenset(stem for lang in ("en", "es") for stem in tokenize(word, lang))


def _word_matches(want: str, have: str, last: bool) -> bool:
    if want == have:
        return True
    if _YEAR.fullmatch(want):
        # A bare year names any date or month of that year.
        return have.startswith((f"date{want}", f"month{want}"))
    if want.startswith("month") and want[5:].isdigit():
        return have.startswith(f"date{want[5:]}")
    if want[-1].isdigit() or want.endswith("%") or want.startswith("date"):
        # Numbers must end where the phrase ends ("10" never matches "100"); "10" still reads
        # "10 %" as ten.
        return have == f"{want}%" and want[-1].isdigit()
    # The last word may be a stem written by hand ("suspend" finds "suspended").
    if last and have.startswith(want):
        return True
    return bool(_stems(want) & _stems(have))


def _split(text: str) -> list[str]:
    # Hyphens join ranges and compounds ("10-15", "t-mec"); each side is a word of its own.
    return [w for w in re.split(r"[\s-]+", text) if w]


def _match_from(have: list[str], want: list[str], start: int) -> bool:
    if not want:
        return True
    last = len(want) == 1
    for i in range(start, min(len(have), start + _MAX_GAP + 1)):
        if _word_matches(want[0], have[i], last) and _match_from(have, want[1:], i + 1):
            return True
    return False


def contains(haystack: str, needle: str) -> bool:
    """Whether every word of `needle` occurs in `haystack`, in order and near each other.

    Words compare by Snowball stem (EN or ES), numbers exactly, and a year or a month also
    matches a full date inside it.
    """
    want = _split(normalize(needle))
    if not want:
        return True
    have = _split(normalize(haystack))
    return any(
        _word_matches(want[0], word, len(want) == 1) and _match_from(have, want[1:], i + 1)
        for i, word in enumerate(have)
    )


_TOKEN = re.compile(r"(?<![\w.])(?:date\d{8}|month\d{6}|\d+(?:\.\d+)?)(?![\w])")


def number_tokens(text: str) -> list[str]:
    """Canonical number, date and month tokens of `text` (citation markers excluded)."""
    return _TOKEN.findall(normalize(text))
