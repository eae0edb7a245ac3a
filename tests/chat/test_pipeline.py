"""The real pipeline over the real knowledge index: statuses, follow-ups, rule verdicts."""

from __future__ import annotations

import pytest

from assistant.chat.answer import AnswerStatus
from assistant.chat.guard import ConversationError
from assistant.chat.pipeline import AnswerPipeline
from assistant.chat.verify import verify
from assistant.rules import Verdict
from tests.chat.conftest import ask, conversation

S = AnswerStatus

STATUS_CASES = [
    (["Hello"], S.greeting, "en"),
    (["Hola, buenos días"], S.greeting, "es"),
    (["I want to talk to a person"], S.handoff, "en"),
    (["Quiero hablar con un asesor"], S.handoff, "es"),
    (["What is IMMEX?"], S.answered, "en"),
    (["¿Qué es IMMEX?"], S.answered, "es"),
    (["How long can molds stay in Mexico under IMMEX?"], S.answered, "en"),
    (["¿Cuánto tiempo pueden quedarse los moldes?"], S.answered, "es"),
    (["Do we meet the export commitment?"], S.needs_info, "en"),
    (["¿Cumplimos el compromiso de exportación?"], S.needs_info, "es"),
    (["How does the maquila program work in Guatemala?"], S.out_of_scope, "en"),
    (["¿Puedes presentar la solicitud IMMEX por nosotros?"], S.out_of_scope, "es"),
    (["What will the peso exchange rate be next year?"], S.out_of_scope, "en"),
    (["El SAT nos multó y vamos a juicio, ¿qué argumentamos?"], S.out_of_scope, "es"),
    # Recipes, weather and the like are declined by keyword now (EN and ES alike).
    (["What is the best pizza recipe with mozzarella and basil?"], S.out_of_scope, "en"),
    (["Escríbeme una receta de tacos al pastor."], S.out_of_scope, "es"),
]


@pytest.mark.parametrize(("turns", "status", "lang"), STATUS_CASES)
def test_statuses(pipeline: AnswerPipeline, turns: list[str], status: S, lang: str) -> None:
    answer = ask(pipeline, *turns)
    assert answer.status == status, answer.text
    assert answer.lang == lang
    assert answer.text.strip()
    assert [t.step for t in answer.timings][:2] == ["guard", "facts"]


def test_answer_cites_legal_references(pipeline: AnswerPipeline) -> None:
    answer = ask(pipeline, "How much does a company have to export to qualify for IMMEX?")
    assert answer.status == S.answered
    assert answer.citations
    assert any("art. 11" in ref for c in answer.citations for ref in c.references)
    for c in answer.citations:
        assert f"[{c.index}]" in answer.text
        assert c.as_of and c.title and c.section and c.chunk_id
    assert "500,000" in answer.text


ELIGIBILITY = [
    # (with numbers, verdict) / (same question without numbers -> needs_info)
    (
        "We export USD 730k a year, do we meet the export commitment?",
        Verdict.meets,
        "Do we meet the export commitment?",
    ),
    (
        "Exportamos 300 mil dólares de 6 millones de dólares en ventas totales, ¿cumplimos el "
        "compromiso de exportación?",
        Verdict.does_not_meet,
        "¿Cumplimos el compromiso de exportación?",
    ),
    (
        "Exportamos 700 mil dólares, ¿cumplimos el compromiso de exportación?",
        Verdict.meets,
        "¿Nuestras exportaciones alcanzan para el compromiso de exportación?",
    ),
    (
        "Our exports are USD 400k of USD 9M total sales, do we qualify?",
        Verdict.does_not_meet,
        "Do our exports qualify for the export commitment?",
    ),
    (
        "Our lease has 14 months left of a 24-month term, is that acceptable for the premises?",
        Verdict.meets,
        "Does our lease meet the premises requirement?",
    ),
    (
        "Rentamos la nave con un contrato de 10 meses, ¿cumple?",
        Verdict.does_not_meet,
        "¿Nuestro contrato de arrendamiento cumple con el requisito?",
    ),
    (
        "We changed our fiscal address on 2 March 2026, until when do we have to notify SE?",
        Verdict.does_not_meet,
        "We changed our fiscal address, until when do we have to notify SE?",
    ),
    (
        "Importamos resina el 14 de julio de 2025, ¿hasta cuándo puede quedarse?",
        Verdict.meets,
        "¿Hasta cuándo pueden quedarse las mercancías que importamos?",
    ),
]


@pytest.mark.parametrize(("with_numbers", "verdict", "without"), ELIGIBILITY)
def test_eligibility_verdict_and_needs_info(
    pipeline: AnswerPipeline, with_numbers: str, verdict: Verdict, without: str
) -> None:
    answer = ask(pipeline, with_numbers)
    assert answer.rule_results, answer.route
    assert answer.rule_results[0].verdict == verdict, answer.text
    assert answer.status == S.answered
    bare = ask(pipeline, without)
    assert bare.status == S.needs_info, (bare.route, bare.text)
    assert bare.missing_facts
    assert bare.text.count("?") >= 1
    assert bare.route == answer.route


def test_needs_info_asks_one_question_in_spanish(pipeline: AnswerPipeline) -> None:
    answer = ask(pipeline, "¿Cumplimos el compromiso de exportación?")
    question = answer.text.split("\n\n")[-2] if "**Fuentes**" in answer.text else answer.text
    assert "exportaciones" in question and "ventas totales" in question
    assert question.count("¿") == 1


def test_follow_up_benefits_vat_how(pipeline: AnswerPipeline) -> None:
    turns = ["What are the benefits of IMMEX?", "and on VAT specifically?", "how do we get that?"]
    first = ask(pipeline, *turns[:1])
    second = ask(pipeline, *turns[:2])
    third = ask(pipeline, *turns)
    assert first.status == second.status == third.status == S.answered
    assert "VAT" in second.text
    assert any("certification" in c.note_id for c in third.citations)


def test_follow_up_lease(pipeline: AnswerPipeline) -> None:
    turns = [
        "What are the requirements for the premises?",
        "our lease has 14 months left of a 24-month term",
        "what if only 10 remained?",
    ]
    assert ask(pipeline, *turns[:1]).status == S.answered
    ok = ask(pipeline, *turns[:2])
    assert ok.route == "premises" and ok.rule_results[0].verdict == Verdict.meets
    short = ask(pipeline, *turns)
    assert short.route == "premises"
    assert short.rule_results[0].verdict == Verdict.does_not_meet
    assert short.rule_results[0].facts_used["months_remaining"] == 10


def test_follow_up_change_notice_es(pipeline: AnswerPipeline) -> None:
    turns = [
        "¿qué plazo hay para avisar un cambio de domicilio fiscal?",
        "lo cambiamos el 2 de marzo de 2026, ¿hasta cuándo tenemos?",
    ]
    first = ask(pipeline, *turns[:1])
    assert first.status == S.answered and first.lang == "es"
    second = ask(pipeline, *turns)
    assert second.route == "change_notice" and second.lang == "es"
    assert second.rule_results[0].outputs["deadline"] == "2026-03-17"
    assert "17 de marzo de 2026" in second.text  # ISO dates are written out


@pytest.mark.parametrize(
    "turns",
    [
        ["How long can raw materials stay?", "and the molds?"],
        ["¿Qué modalidades existen?", "¿cuál nos conviene si solo diseñamos y otros fabrican?"],
        ["¿Cuáles son los requisitos del inmueble?", "¿y si el contrato fuera de solo 10 meses?"],
    ],
)
def test_follow_ups_resolve_against_earlier_turns(
    pipeline: AnswerPipeline, turns: list[str]
) -> None:
    answer = ask(pipeline, *turns)
    assert answer.status in (S.answered, S.needs_info)
    standalone = next(t for t in answer.timings if t.step == "standalone").detail
    assert standalone["follow_up"] is True
    assert turns[0] in standalone["question"]


def test_sales_audience_adds_references_inline(pipeline: AnswerPipeline) -> None:
    q = "How much does a company have to export to qualify for IMMEX?"
    investor = ask(pipeline, q)
    sales = ask(pipeline, q, audience="sales")
    body = sales.text.split("**Sources**")[0]
    assert "Ref. Decreto IMMEX" in body
    assert "Ref. Decreto IMMEX" not in investor.text.split("**Sources**")[0]


def test_caller_can_fix_the_language(pipeline: AnswerPipeline) -> None:
    answer = ask(pipeline, "What is IMMEX?", lang="es")
    assert answer.lang == "es"
    assert all(c.lang == "es" for c in answer.citations)


def test_guard_errors_surface(pipeline: AnswerPipeline) -> None:
    with pytest.raises(ConversationError):
        pipeline.answer(conversation("   "))


ALL_TURNS = (
    [t for case in STATUS_CASES for t in case[0]]
    + [e[0] for e in ELIGIBILITY]
    + [e[2] for e in ELIGIBILITY]
    + [
        "What are the benefits of IMMEX?",
        "¿Qué es una empresa albergue?",
        "When is the annual report due?",
        "¿Qué pasa si cancelan el programa?",
        "We returned 65% of our temporary imports and have 120 workers, can we get certified?",
        "We are an SAS, can we apply?",
        "Our annual report for 2025, we also have PROSEC: when is it due?",
    ]
)


@pytest.mark.parametrize("question", ALL_TURNS)
def test_every_number_passes_verify(pipeline: AnswerPipeline, question: str) -> None:
    answer = ask(pipeline, question)
    verify_step = next(t for t in answer.timings if t.step == "verify")
    assert verify_step.detail["ok"] is True, (answer.text, verify_step.detail)
    assert answer.notice is None
    for i, c in enumerate(answer.citations, start=1):
        assert c.index == i
    # Re-check independently: numbers come from cited passages or rule outputs.
    trusted = [c.snippet for c in answer.citations] + [
        r.model_dump_json() for r in answer.rule_results
    ]
    assert (
        verify(
            answer.text,
            answer.citations,
            {c.chunk_id for c in answer.citations},
            [*trusted, answer.text.split("**")[-1]],
        ).bad_citations
        == []
    )
