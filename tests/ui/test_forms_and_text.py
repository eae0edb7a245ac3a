"""Schema-to-form conversion, value coercion, i18n data and the chat's text helpers."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from assistant.rules.registry import RULES
from ui.chat_text import body_text, email_text, inline_references, transcript_markdown
from ui.forms import FieldSpec, coerce, collect_inputs, fields_from_schema
from ui.i18n import t
from ui.models import Answer

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def test_every_rule_schema_maps_to_known_field_kinds() -> None:
    for rule_id, spec in RULES.items():
        schema = spec.input_model.model_json_schema()
        fields = fields_from_schema(schema)
        assert [f.name for f in fields] == list(schema["properties"]), rule_id
        for field in fields:
            assert field.kind in {"string", "number", "integer", "boolean", "enum", "date"}


def test_kinds_of_the_temporary_import_and_annual_report_inputs() -> None:
    temp = {
        f.name: f
        for f in fields_from_schema(
            RULES["temporary_import_deadline"].input_model.model_json_schema()
        )
    }
    assert temp["category"].kind == "enum"
    assert temp["category"].options == ("materials", "containers", "machinery")
    assert temp["import_date"].kind == "date"
    assert temp["goods_description"].kind == "string"
    annual = {
        f.name: f
        for f in fields_from_schema(RULES["annual_report_deadline"].input_model.model_json_schema())
    }
    assert (annual["fiscal_year"].kind, annual["has_prosec"].kind) == ("integer", "boolean")


def test_refs_type_lists_required_and_const() -> None:
    schema = {
        "$defs": {"Cur": {"enum": ["USD", "MXN"], "type": "string", "title": "Cur"}},
        "properties": {
            "cur": {"anyOf": [{"$ref": "#/$defs/Cur"}, {"type": "null"}], "title": "Currency"},
            "n": {"type": ["integer", "null"], "minimum": 0},
            "flag": {"allOf": [{"type": "boolean"}], "description": "d"},
            "fixed": {"const": "x"},
            "when": {"type": "string", "format": "date"},
            "blob": {"type": "object"},
        },
        "required": ["n"],
    }
    fields = {f.name: f for f in fields_from_schema(schema)}
    assert (fields["cur"].kind, fields["cur"].options, fields["cur"].title) == (
        "enum",
        ("USD", "MXN"),
        "Currency",
    )
    assert (fields["n"].kind, fields["n"].required, fields["n"].minimum) == ("integer", True, 0)
    assert (fields["flag"].kind, fields["flag"].description) == ("boolean", "d")
    assert fields["fixed"].options == ("x",)
    assert fields["when"].kind == "date"
    assert fields["blob"].kind == "string"


def test_coerce_and_collect_drop_unknowns() -> None:
    fields = [
        FieldSpec("a", "integer", "A"),
        FieldSpec("b", "number", "B"),
        FieldSpec("c", "boolean", "C"),
        FieldSpec("d", "date", "D"),
        FieldSpec("e", "enum", "E", options=("x", "y")),
        FieldSpec("f", "string", "F"),
    ]
    values = {"a": 3.0, "b": 2.5, "c": False, "d": dt.date(2026, 1, 10), "e": "z", "f": "  "}
    assert collect_inputs(fields, values) == {"a": 3, "b": 2.5, "c": False, "d": "2026-01-10"}
    assert coerce(fields[1], 500000.0) == 500000
    with pytest.raises(ValueError):
        coerce(fields[0], 2.5)


def test_strings_exist_in_both_languages_with_same_placeholders() -> None:
    for name in ("strings.json", "fields.json"):
        data = json.loads((UI_DIR / "i18n" / name).read_text(encoding="utf-8"))
        for key, entry in data.items():
            assert entry.get("en") and entry.get("es"), f"{name}:{key}"
            assert set(re.findall(r"{(\w+)}", entry["en"])) == set(
                re.findall(r"{(\w+)}", entry["es"])
            ), f"{name}:{key}"


def test_every_rule_field_has_a_spanish_label() -> None:
    labels = json.loads((UI_DIR / "i18n" / "fields.json").read_text(encoding="utf-8"))
    for spec in RULES.values():
        for name in spec.input_model.model_fields:
            assert name in labels, name


def test_ui_never_imports_the_backend() -> None:
    for path in UI_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+assistant\b", text, re.M), path


ANSWER = Answer.model_validate(
    {
        "answer_id": "a1",
        "status": "answered",
        "lang": "es",
        "route": "rag",
        "text": "Los moldes pueden quedarse mientras el programa esté vigente [1].",
        "citations": [
            {
                "index": 1,
                "note_id": "es-eligible-goods",
                "title": "Mercancías",
                "section": "Maquinaria",
                "references": ["Decreto IMMEX, art. 4, fr. III"],
                "url": "https://example.org/decreto",
                "as_of": "2026-11-01",
                "lang": "es",
                "snippet": "…",
                "chunk_id": "c1",
            }
        ],
    }
)


def test_inline_references_and_email_text() -> None:
    assert "[1 · Decreto IMMEX, art. 4, fr. III]" in inline_references(
        ANSWER.text, ANSWER.citations
    )
    assert (
        inline_references("see [2](http://x) and [9]", ANSWER.citations)
        == "see [2](http://x) and [9]"
    )
    mail = email_text("¿Cuánto tiempo pueden quedarse los moldes?", ANSWER)
    assert mail.startswith("Hola:")
    assert "Decreto IMMEX, art. 4, fr. III" in mail and "https://example.org/decreto" in mail
    assert t("disclaimer", "es") in mail


def test_transcript_lists_turns_and_sources() -> None:
    turns: list[dict[str, Any]] = [
        {"role": "user", "content": "¿Moldes?"},
        {"role": "assistant", "content": ANSWER.text, "answer": ANSWER.model_dump()},
        {"role": "user", "content": "unanswered"},
    ]
    md = transcript_markdown(turns, "es")
    assert md.index("¿Moldes?") < md.index("Los moldes") < md.index("unanswered")
    assert "- [1] Mercancías — Maquinaria — Decreto IMMEX, art. 4, fr. III" in md


def test_api_source_list_is_stripped_and_existing_refs_not_doubled() -> None:
    raw = ANSWER.model_copy(
        update={
            "text": "Moldes sí [1] (Ref. Decreto IMMEX, art. 4, fr. III)"
            "\n\n**Fuentes**\n[1] Mercancías"
        }
    )
    body = body_text(raw)
    assert body == "Moldes sí [1] (Ref. Decreto IMMEX, art. 4, fr. III)"
    assert inline_references(body, raw.citations) == body
    no_citations = raw.model_copy(update={"citations": []})
    assert body_text(no_citations) == no_citations.text
