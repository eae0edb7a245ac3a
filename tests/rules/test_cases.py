"""Runs the OpenFisca-style YAML cases in tests/rules/cases/ (input -> expected verdict/outputs)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.rules import RuleInputError, evaluate_rule

CASES_DIR = Path(__file__).parent / "cases"
_KEYS = {
    "name",
    "rule",
    "as_of",
    "inputs",
    "verdict",
    "outputs",
    "missing_facts",
    "missing_includes",
    "references_include",
    "explanation_en_contains",
    "error_field",
}


def _load() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


CASES = _load()


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict[str, Any]) -> None:
    assert set(case) <= _KEYS, f"unknown keys {set(case) - _KEYS}"
    inputs = {k: _json(v) for k, v in case["inputs"].items()}
    if "error_field" in case:
        with pytest.raises(RuleInputError) as info:
            evaluate_rule(case["rule"], inputs, case["as_of"])
        assert info.value.field == case["error_field"], str(info.value)
        assert info.value.reason
        return
    result = evaluate_rule(case["rule"], inputs, case["as_of"])
    assert result.verdict.value == case["verdict"], result.explanation["en"]
    dumped = result.model_dump(mode="json")
    for key, expected in case.get("outputs", {}).items():
        assert dumped["outputs"].get(key) == _json(expected), f"{key}: {dumped['outputs']}"
    if "missing_facts" in case:
        assert result.missing_facts == case["missing_facts"]
    for field in case.get("missing_includes", []):
        assert field in result.missing_facts
    for reference in case.get("references_include", []):
        assert reference in result.references, result.references
    if "explanation_en_contains" in case:
        assert case["explanation_en_contains"] in result.explanation["en"]
    # Every result explains itself in both languages and names its legal basis.
    assert result.explanation["en"] and result.explanation["es"]
    assert result.explanation["en"] != result.explanation["es"]
    if result.verdict.value != "needs_info" or result.parameters:
        assert result.references
    for parameter in result.parameters:
        assert parameter.reference.strip()
