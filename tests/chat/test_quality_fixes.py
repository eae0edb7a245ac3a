"""Fact parsing, yes/no answers, out-of-scope keywords, wording and sentence choice: the
fixes found by the gold-set evaluation, table-driven in EN and ES (no index needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from langchain_core.documents import Document

from assistant.chat.answer import Message
from assistant.chat.compose import compose
from assistant.chat.compute import Computation, compute, next_report_year
from assistant.chat.facts.answers import asked_fields, confirmed_facts, yes_no
from assistant.chat.facts.extract import extract_facts
from assistant.chat.replies import needs_info_question
from assistant.chat.sentences import select_sentences
from assistant.chat.topics import out_of_scope_variant, own_case
from assistant.rules import RuleInputError, Verdict, evaluate_rule

AS_OF = dt.date(2026, 11, 26)


def facts(*turns: str) -> dict[str, Any]:
    return extract_facts([Message(role="user", content=t) for t in turns]).known()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We changed our legal representative on 2 November 2026 and notified SE on "
            "10 November 2026.",
            {"change_date": "2026-11-02", "notified_on": "2026-11-10"},
        ),
        (
            "Cambiamos de representante legal el 2 de noviembre de 2026 y avisamos a la SE el "
            "10 de noviembre de 2026.",
            {"change_date": "2026-11-02", "notified_on": "2026-11-10"},
        ),
        ("We filed our FY2025 annual report on 20 May 2026.", {"filed_on": "2026-05-20"}),
        (
            "Presentamos el reporte anual del ejercicio 2025 el 20 de mayo de 2026.",
            {"filed_on": "2026-05-20", "fiscal_year": 2025},
        ),
        (
            "Our cancellation was notified on 1 July 2026 and SAT did not grant an extension.",
            {"notification_date": "2026-07-01", "extension_granted": False},
        ),
        (
            "Nos notificaron la cancelación el 1 de julio de 2026 y el SAT no otorgó la prórroga.",
            {"notification_date": "2026-07-01", "extension_granted": False},
        ),
        ("SAT granted us the 180-day extension.", {"extension_granted": True}),
        ("Nos otorgaron la prórroga.", {"extension_granted": True}),
        (
            "Our plant lease runs 36 months and 30 months are left.",
            {"lease_term_months": 36, "lease_remaining_months": 30},
        ),
        (
            "Our lease: 36 months and 30 left.",
            {"lease_term_months": 36, "lease_remaining_months": 30},
        ),
        (
            "El arrendamiento dura 36 meses y quedan 30.",
            {"lease_term_months": 36, "lease_remaining_months": 30},
        ),
        ("We have 50 IMSS workers.", {"workers": 50}),
    ],
)
def test_fact_roles(text: str, expected: dict[str, Any]) -> None:
    got = facts(text)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize(
    ("rule_id", "text", "verdict"),
    [
        (
            "change_notice",
            "We changed our legal representative on 2 November 2026 and notified SE on "
            "10 November 2026.",
            Verdict.meets,
        ),
        (
            "annual_report_deadline",
            "We filed our FY2025 report on 20 May 2026; no PROSEC.",
            Verdict.meets,
        ),
        (
            "annual_report_deadline",
            "Presentamos el reporte del ejercicio 2025 el 15 de junio de 2026, sin PROSEC.",
            Verdict.does_not_meet,
        ),
        (
            "post_cancellation",
            "Cancellation notified on 1 July 2026; SAT did not grant an extension.",
            Verdict.does_not_meet,
        ),
        ("premises", "Our lease runs 36 months and 30 months are left.", Verdict.meets),
        (
            "temporary_import_deadline",
            "Importamos materias primas el 5 de mayo de 2026.",
            Verdict.meets,
        ),
    ],
)
def test_rule_verdicts_from_conversation(rule_id: str, text: str, verdict: Verdict) -> None:
    comp = compute(rule_id, extract_facts([Message(role="user", content=text)]), AS_OF)
    assert comp.result is not None and comp.result.verdict == verdict, comp.detail()


@pytest.mark.parametrize(
    ("as_of", "prosec", "year"),
    [
        (dt.date(2026, 11, 26), False, 2026),
        (dt.date(2026, 3, 1), False, 2025),
        (dt.date(2026, 5, 20), True, 2026),
        (dt.date(2026, 4, 20), True, 2025),
    ],
)
def test_next_report_year(as_of: dt.date, prosec: bool, year: int) -> None:
    assert next_report_year(as_of, prosec) == year


@pytest.mark.parametrize("lang", ["en", "es"])
def test_general_annual_report_question_uses_the_next_report(lang: str) -> None:
    turns = ["When is the annual report due? We also have PROSEC."]
    if lang == "es":
        turns = ["¿Cuándo vence el reporte anual? También tenemos PROSEC."]
    comp = compute(
        "annual_report_deadline", extract_facts([Message(role="user", content=turns[0])]), AS_OF
    )
    assert comp.result is not None and comp.result.verdict == Verdict.meets
    assert comp.result.outputs["deadline"] == "2027-04-30"


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        ("yes, all of them", True),
        ("Yes", True),
        ("sí, todo en orden", True),
        ("Sí", True),
        ("todos sí", True),
        ("no", False),
        ("No, no la tenemos", False),
        ("We export USD 700,000 a year and our total sales are USD 3 million, yes", None),
        ("What about PROSEC?", None),
    ],
)
def test_yes_no(reply: str, answer: bool | None) -> None:
    assert yes_no(reply) is answer


@pytest.mark.parametrize("lang", ["en", "es"])
def test_yes_answers_every_listed_yes_no_fact(lang: str) -> None:
    question = needs_info_question(["rfc_active", "efirma_valid", "on_sat_69_list"], lang)
    asked = asked_fields(question)
    assert asked == ["rfc_active", "efirma_valid", "on_sat_69_list"]
    reply = "yes, all of them" if lang == "en" else "sí, todo en orden"
    # "Yes" is the favourable answer: active RFC, valid e.firma, NOT on the art. 69 list.
    assert confirmed_facts(reply, asked) == {
        "rfc_active": True,
        "efirma_valid": True,
        "on_sat_69_list": False,
    }


def test_a_bare_no_settles_only_a_single_question() -> None:
    assert confirmed_facts("no", ["rfc_active"]) == {"rfc_active": False}
    assert confirmed_facts("no", ["rfc_active", "efirma_valid"]) == {}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_yes_reply_completes_the_applicant_check(lang: str) -> None:
    first = (
        "We are an S.A. de C.V. taxed under Title II. Can we apply?"
        if lang == "en"
        else "Somos una S.A. de C.V. del régimen general. ¿Podemos solicitar?"
    )
    f0 = extract_facts([Message(role="user", content=first)])
    comp = compute("applicant_profile", f0, AS_OF)
    assert comp.needs_info
    question = needs_info_question(comp.missing, lang)
    reply = "Yes, all of them." if lang == "en" else "Sí, todo en orden."
    msgs = [
        Message(role="user", content=first),
        Message(role="assistant", content=question),
        Message(role="user", content=reply),
    ]
    comp = compute("applicant_profile", extract_facts(msgs), AS_OF)
    assert comp.result is not None and comp.result.verdict == Verdict.meets


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("¿Qué tiempo hará mañana en Madrid?", "unrelated"),
        ("Escríbeme una receta de tacos al pastor.", "unrelated"),
        ("What is the weather in Paris today?", "unrelated"),
        ("¿Subirá el tipo de cambio del peso el próximo año?", "prediction"),
        ("Will the peso strengthen against the dollar next year?", "prediction"),
        ("Can you log in to our SAT portal and download our compliance opinion?", "act_for_user"),
        ("¿Puedes entrar a nuestro portal del SAT?", "act_for_user"),
        ("¿Cuánto tiempo pueden permanecer las materias primas?", None),
        ("We want to download our annual report acknowledgement; where is it?", None),
        ("Which exchange rate applies to the pedimento?", None),
    ],
)
def test_out_of_scope_keywords(text: str, variant: str | None) -> None:
    assert out_of_scope_variant(text) == variant


@pytest.mark.parametrize(
    ("texts", "own"),
    [
        (["Is exactly USD 500,000 of exports enough for IMMEX?"], False),
        (["What is the outsourcing modality?"], False),
        (["¿Qué es la modalidad de tercerización?"], False),
        (["We export USD 450,000."], True),
        (["Exportamos 400 mil dólares."], True),
        (["When is the annual report due?", "What if we also have PROSEC?"], True),
    ],
)
def test_own_case(texts: list[str], own: bool) -> None:
    assert own_case(texts) is own


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            "La fecha de presentación (5 de enero de 2027) es posterior a la fecha de "
            "referencia (26 de noviembre de 2026).",
        ),
        (
            "en",
            "The filing date (5 January 2027) is after the reference date (26 November 2026).",
        ),
    ],
)
def test_input_problem_in_the_users_language(lang: str, expected: str) -> None:
    # The rule words the problem in both languages; the composer only picks one.
    inputs = {"fiscal_year": 2025, "has_prosec": False, "filed_on": "2027-01-05"}
    computation = Computation("annual_report_deadline", inputs)
    with pytest.raises(RuleInputError) as info:
        evaluate_rule("annual_report_deadline", inputs, dt.date(2026, 11, 26))
    computation.error = info.value
    computation.missing = [info.value.field]
    text = compose(
        question="", docs=[], lang=lang, route="rule", audience="investor",
        computation=computation,
    ).text
    assert expected in text


def _doc(section: str, text: str) -> Document:
    return Document(page_content=text, metadata={"section": section, "chunk_id": section})


@pytest.mark.parametrize(
    ("question", "docs", "wanted", "unwanted"),
    [
        (
            "What is the IMMEX program?",
            [
                _doc("Intro", "This note explains what the IMMEX program is and who runs it."),
                _doc(
                    "What is the IMMEX program?",
                    "IMMEX is an authorization that SE grants to a Mexican legal entity. With it "
                    "the company may import goods temporarily to manufacture and export them. "
                    "The decree has 35 articles in 10 chapters and two annexes.",
                ),
                _doc("Terms", "24 with art. 27, fr. I). Article 2 defines 11 terms of the decree."),
            ],
            "import goods temporarily",
            ("This note", "24 with art."),
        ),
        (
            "¿Qué es el programa IMMEX?",
            [
                _doc("Intro", "Esta nota explica qué es el programa IMMEX y quién lo administra."),
                _doc(
                    "¿Qué es el programa IMMEX?",
                    "IMMEX es una autorización que la SE otorga a una persona moral mexicana. "
                    "Con ella la empresa puede importar temporalmente mercancías para exportarlas. "
                    "El decreto tiene 35 artículos en 10 capítulos y dos anexos.",
                ),
            ],
            "importar temporalmente",
            ("Esta nota",),
        ),
    ],
)
def test_sentence_choice_skips_meta_and_fragments(
    question: str, docs: list[Document], wanted: str, unwanted: tuple[str, ...]
) -> None:
    text = " ".join(p.text for p in select_sentences(question, docs, max_sentences=3))
    assert wanted in text
    for bad in unwanted:
        assert bad not in text


@pytest.mark.parametrize(
    ("text", "follow"),
    [
        ("What levels are there and how long do they last?", True),
        ("¿Qué niveles hay y cuánto duran?", True),
        ("How long can raw materials stay in Mexico under IMMEX?", False),
        ("¿Cuánto tiempo pueden permanecer las materias primas bajo IMMEX?", False),
    ],
)
def test_subjectless_short_question_is_a_follow_up(text: str, follow: bool) -> None:
    from assistant.chat.standalone import is_follow_up

    assert is_follow_up(text) is follow


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("What is the IMMEX program?", "what-is-immex-en"),
        ("¿Qué es el programa IMMEX?", "what-is-immex-es"),
        ("¿Cuánto tiene que exportar una empresa para obtener el IMMEX?", "export-commitment-es"),
    ],
)
def test_question_asked_like_a_heading_finds_its_section(
    pipeline: Any, question: str, note: str
) -> None:
    answer = pipeline.answer([Message(role="user", content=question)], as_of=AS_OF)
    assert answer.citations and answer.citations[0].note_id == note


@pytest.mark.parametrize(
    ("question", "route"),
    [
        (
            "Does a foreign company operating through a shelter have a permanent establishment?",
            "faq",
        ),
        ("We are a foreign company. Can we hold an IMMEX program?", "applicant_profile"),
        (
            "Parts were imported temporarily on 31 August 2025. When does their stay end?",
            "temporary_import_deadline",
        ),
    ],
)
def test_entity_words_alone_do_not_start_a_check(pipeline: Any, question: str, route: str) -> None:
    answer = pipeline.answer([Message(role="user", content=question)], as_of=AS_OF)
    assert answer.route == route


@pytest.mark.parametrize(
    ("turns", "status"),
    [
        (["¿Qué tiempo hará mañana en Madrid?"], "out_of_scope"),
        (["Can you log in to our SAT portal and download our compliance opinion?"], "out_of_scope"),
        (["Is exactly USD 500,000 of exports enough for IMMEX?"], "answered"),
        (["We export USD 500,000. Is that enough for IMMEX?"], "needs_info"),
    ],
)
def test_statuses_after_fixes(pipeline: Any, turns: list[str], status: str) -> None:
    msgs = [Message(role="user", content=t) for t in turns]
    assert pipeline.answer(msgs, as_of=AS_OF).status.value == status


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rule_dates_read_naturally(pipeline: Any, lang: str) -> None:
    text = (
        "We changed our fiscal address on 2 November 2026. When must we notify SE?"
        if lang == "en"
        else "Cambiamos el domicilio fiscal el 2 de noviembre de 2026. ¿Cuándo avisamos a la SE?"
    )
    answer = pipeline.answer([Message(role="user", content=text)], as_of=AS_OF)
    head = answer.text.split("\n\n")[0]
    assert "2026-11" not in head
    assert ("November 2026" if lang == "en" else "de noviembre de 2026") in head
