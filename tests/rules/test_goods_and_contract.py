"""Goods classification by keywords, and the contract other modules code against."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assistant.rules import RULES, RuleResult, Verdict, evaluate_rule
from assistant.rules.goods import _KEYWORDS, classify

RULE_IDS = [
    "export_commitment",
    "applicant_profile",
    "premises",
    "modality",
    "temporary_import_deadline",
    "annual_report_deadline",
    "post_cancellation",
    "change_notice",
    "vat_ieps_certification",
]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("copper wire", "materials"),
        ("Alambre de cobre", "materials"),
        ("resina plástica y empaques", "materials"),
        ("molds", "machinery"),
        ("MOLDES", "machinery"),
        ("CNC machine and tooling", "machinery"),
        ("refacciones para prensas", "machinery"),
        ("caja de tráiler", "containers"),
        ("cajas de tráiler", "containers"),
        ("shipping containers", "containers"),
        ("contenedores", "containers"),
        ("semirremolques", "containers"),
    ],
)
def test_classify_examples(text: str, category: str) -> None:
    assert classify(text)[0] == category


@pytest.mark.parametrize(
    "text", ["consulting services", "", "software licences", "parts and molds"]
)
def test_unclassifiable_or_ambiguous(text: str) -> None:
    assert classify(text)[0] is None


def test_every_keyword_classifies_to_its_own_category() -> None:
    for category, words in _KEYWORDS.items():
        for word in words:
            assert classify(word)[0] == category, word


def test_rule_catalogue_matches_the_contract() -> None:
    assert list(RULES) == RULE_IDS
    for rule_id, spec in RULES.items():
        assert spec.id == rule_id
        assert set(spec.title) == {"en", "es"} and all(spec.title.values())
        assert len(spec.description) > 40
        schema = spec.input_model.model_json_schema()
        for name, prop in schema["properties"].items():
            assert prop.get("description"), f"{rule_id}.{name} has no description"


def test_verdict_is_a_string_enum() -> None:
    assert Verdict.meets == "meets" and isinstance(Verdict.needs_info, str)
    assert {v.value for v in Verdict} == {"meets", "does_not_meet", "needs_info"}


def test_result_round_trips_through_json() -> None:
    result = evaluate_rule(
        "export_commitment",
        {"exports": 12_000_000, "total_sales": 300_000_000, "currency": "MXN"},
        dt.date(2026, 11, 26),
    )
    restored = RuleResult.model_validate(json.loads(result.model_dump_json()))
    assert restored == result
    param = result.parameters[0]
    assert param.name == "export_commitment.min_exports_usd"
    assert (param.value, param.unit, param.effective_from) == (500000, "USD", dt.date(2006, 11, 1))
    assert param.reference == "Decreto IMMEX, art. 11, fr. I; art. 24, fr. I"
    assert result.trace and all(set(step.description) == {"en", "es"} for step in result.trace)
    assert "24" in result.explanation["en"] and "24" in result.explanation["es"]


def test_evaluate_rule_accepts_a_model_instance() -> None:
    model = RULES["premises"].input_model(possession="owned")
    assert evaluate_rule("premises", model, dt.date(2026, 1, 1)).verdict is Verdict.meets


def test_default_as_of_is_today() -> None:
    result = evaluate_rule("premises", {"possession": "owned"})
    assert result.as_of == dt.date.today()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("materias primas", "materials"),
        ("Materias primas para ensamble", "materials"),
        ("raw materials", "materials"),
        ("spare parts", "machinery"),
        ("refacciones y repuestos", "machinery"),
        ("tarjetas electrónicas", "materials"),
        ("circuit boards", "materials"),
        ("trailer boxes", "containers"),
        ("shipping containers and trailer boxes", "containers"),
        ("bandas transportadoras", "machinery"),
        ("replacement parts", "machinery"),
        ("presses", "machinery"),
    ],
)
def test_plurals_inside_phrases(text: str, category: str) -> None:
    assert classify(text)[0] == category


def test_plural_phrases_are_consumed_before_their_words() -> None:
    # "spare parts" is machinery; its "parts" must not also count as materials.
    category, hits = classify("spare parts")
    assert category == "machinery" and "materials" not in hits
    category, hits = classify("cajas secas")
    assert category == "containers" and "materials" not in hits


def test_a_plural_is_not_a_different_word() -> None:
    assert classify("partners")[0] is None
    assert classify("diesel")[0] is None
