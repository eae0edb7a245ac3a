from __future__ import annotations

import pytest

from assistant.evals.matching import contains, normalize, number_tokens


@pytest.mark.parametrize(
    "text", ["500,000", "500000", "500 000", "500k", "USD 500 thousand", "500 mil", "500.000"]
)
def test_number_formats_are_alike(text: str) -> None:
    assert contains(f"exports above {text} a year", "500,000")


@pytest.mark.parametrize(
    "text", ["29 May 2026", "May 29, 2026", "29 de mayo de 2026", "2026-05-29", "29th May 2026"]
)
def test_en_and_es_dates_are_alike(text: str) -> None:
    assert contains(f"due on {text}.", "2026-05-29")
    assert contains(f"due on {text}.", "29 de mayo de 2026")


def test_case_and_accents_are_ignored() -> None:
    assert contains("Régimen de FLUJO DE EFECTIVO", "regimen de flujo de efectivo")
    assert contains("titulo ii", "Título II")


def test_numbers_must_end_where_the_phrase_ends() -> None:
    assert not contains("a fine of 100 pesos", "10")
    assert not contains("110% of value", "10%")
    assert not contains("2027-05-31", "2027-05-3")
    assert contains("exports are 10 % of sales", "10%")
    assert contains("15.00 % of total sales", "15%")


def test_word_phrases_match_as_stems_only_from_a_word_start() -> None:
    assert contains("the program is suspended", "suspend")
    assert not contains("resuspend", "suspend")


def test_decimals_in_either_convention() -> None:
    assert contains("6,9 % de los activos", "6.9%")
    assert not contains("6.5% of costs", "6.9%")


def test_number_tokens_skip_citation_markers() -> None:
    assert number_tokens("Exports of USD 450,000 [1] are 15 % [2].") == ["450000", "15"]
    assert normalize("1 de septiembre de 2025") == "date20250901"


@pytest.mark.parametrize(
    "text", ["in force since 1 November 2006.", "vigente desde el 1 de noviembre de 2006.",
             "published 2006-11-01", "published in November 2006", "the year 2006"]
)
def test_a_year_matches_any_date_in_that_year(text: str) -> None:
    assert contains(text, "2006")


def test_a_month_matches_a_full_date_in_that_month() -> None:
    assert contains("due on 29 May 2026.", "May 2026")
    assert contains("vence el 29 de mayo de 2026", "mayo de 2026")
    assert not contains("due on 29 June 2026.", "May 2026")


def test_years_and_dates_stay_exact_where_they_differ() -> None:
    assert not contains("since 1 November 2006", "2007")
    assert not contains("since 1 November 2006", "2 November 2006")
    assert not contains("since 1 November 2006", "December 2006")
    assert not contains("in November 2006", "1 November 2006")  # a month is not a given day
    assert not contains("a fine of 100 pesos", "10")
    assert not contains("1 November 2006", "200")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("the program may be cancelled by the SE", "cancellation"),
        ("cancelling the program", "cancellation"),
        ("the cancellation of the program", "cancelled"),
        ("el programa puede ser cancelado", "cancelación"),
        ("la cancelación del programa", "cancelado"),
        ("the programs were suspended", "program suspend"),
        ("IMMEX programs are cancelled", "IMMEX program cancellation"),
    ],
)
def test_words_match_by_stem(text: str, phrase: str) -> None:
    assert contains(text, phrase)


def test_phrase_words_must_keep_their_order_and_stay_near() -> None:
    assert contains("the program was then cancelled", "program cancelled")
    assert not contains("cancelled; the program", "program cancelled")
    far = "the program " + "word " * 8 + "was cancelled"
    assert not contains(far, "program cancelled")


def test_different_words_do_not_match() -> None:
    assert not contains("the program is active", "cancellation")
    assert not contains("resuspend", "suspend")
    assert not contains("exports", "imports")
