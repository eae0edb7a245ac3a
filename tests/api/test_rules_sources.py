"""GET/POST /api/v1/rules and GET /api/v1/sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.rules import RULES
from tests.api.helpers import assert_error


def test_rules_list_every_rule_with_schema(client: TestClient) -> None:
    r = client.get("/api/v1/rules")
    assert r.status_code == 200
    rules = {item["id"]: item for item in r.json()}
    assert set(rules) == set(RULES)
    commitment = rules["export_commitment"]
    assert set(commitment["title"]) == {"en", "es"}
    assert "exports" in commitment["input_schema"]["properties"]


def test_rule_evaluation_returns_verdict_and_trace(client: TestClient) -> None:
    body = {
        "inputs": {"exports": 400000, "total_sales": 2000000, "currency": "USD"},
        "as_of": "2026-11-26",
    }
    r = client.post("/api/v1/rules/export_commitment", json=body)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["verdict"] == "meets"  # 20 % of invoicing passes the 10 % test
    assert result["trace"] and result["references"]
    assert set(result["explanation"]) == {"en", "es"}
    assert result["as_of"] == "2026-11-26"


def test_rule_with_missing_facts_needs_info(client: TestClient) -> None:
    r = client.post("/api/v1/rules/export_commitment", json={"inputs": {"exports": 400000}})
    assert r.status_code == 200
    assert r.json()["verdict"] == "needs_info"
    assert "total_sales" in r.json()["missing_facts"]


def test_unknown_rule_is_404(client: TestClient) -> None:
    error = assert_error(client.post("/api/v1/rules/nope", json={"inputs": {}}), 404)
    assert error["code"] == "rule_not_found" and "export_commitment" in error["message"]


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"exports": "lots"}, "inputs.exports"),
        ({"annual_exports": 5}, "inputs.annual_exports"),
        ({"exports": -5, "total_sales": 10}, "inputs.exports"),
    ],
)
def test_invalid_rule_input_is_422_with_field(
    client: TestClient, inputs: dict[str, object], field: str
) -> None:
    r = client.post("/api/v1/rules/export_commitment", json={"inputs": inputs})
    error = assert_error(r, 422, "invalid_rule_input")
    assert error["field"] == field


def test_rule_body_must_be_an_object(client: TestClient) -> None:
    r = client.post("/api/v1/rules/export_commitment", json={"inputs": [1, 2]})
    assert assert_error(r, 422)["field"] == "inputs"


def test_sources_list_and_filters(client: TestClient) -> None:
    everything = client.get("/api/v1/sources").json()
    ids = {s["id"] for s in everything}
    assert {"export-commitment-en", "export-commitment-es", "prosec-en"} <= ids
    spanish = client.get("/api/v1/sources", params={"lang": "es"}).json()
    assert spanish and all(s["lang"] == "es" for s in spanish)
    assert len(spanish) < len(everything)
    found = client.get("/api/v1/sources", params={"q": "PROSEC", "lang": "en"}).json()
    assert "prosec-en" in {s["id"] for s in found}
    topic = everything[0]["topics"][0]
    tagged = client.get("/api/v1/sources", params={"topic": topic}).json()
    assert tagged and all(topic in s["topics"] for s in tagged)
    assert client.get("/api/v1/sources", params={"q": "zzzz-no-such-text"}).json() == []


def test_source_detail_has_text_and_sections(client: TestClient) -> None:
    r = client.get("/api/v1/sources/premises-and-leases-en")
    assert r.status_code == 200
    note = r.json()
    assert note["translation"] == "premises-and-leases-es"
    assert not note["text"].startswith("---") and "##" in note["text"]
    assert note["sections"] and all(s["text"] for s in note["sections"])


@pytest.mark.parametrize(
    "note_id", ["no-such-note-en", "..%2F..%2Fpyproject.toml", "%2Fetc%2Fpasswd", "en%2Fprosec.md"]
)
def test_unknown_or_path_like_ids_are_404(client: TestClient, note_id: str) -> None:
    r = client.get(f"/api/v1/sources/{note_id}")
    assert r.status_code == 404
    assert r.json()["error"]["code"] in {"note_not_found", "not_found"}


def test_sources_reject_bad_lang(client: TestClient) -> None:
    assert assert_error(client.get("/api/v1/sources?lang=fr"), 422)["field"] == "query.lang"
