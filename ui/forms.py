"""JSON schema (as the API publishes a rule's inputs) to form fields, and form values back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

FieldKind = Literal["string", "number", "integer", "boolean", "enum", "date"]


@dataclass(frozen=True)
class FieldSpec:
    """One input of a rule, reduced to what a form needs."""

    name: str
    kind: FieldKind
    title: str
    description: str = ""
    required: bool = False
    options: tuple[Any, ...] = ()
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None


def _resolve_ref(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = root
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, Mapping) else {}
    merged = dict(target) if isinstance(target, Mapping) else {}
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _non_null(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Strip the `| None` pydantic wraps around optional fields; keep the first real variant."""
    node = _resolve_ref(node, root)
    for key in ("anyOf", "oneOf"):
        variants = node.get(key)
        if isinstance(variants, list):
            real = [_resolve_ref(v, root) for v in variants if v.get("type") != "null"]
            if real:
                outer = {k: v for k, v in node.items() if k != key}
                return {**real[0], **outer}
    all_of = node.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1:
        outer = {k: v for k, v in node.items() if k != "allOf"}
        return {**_resolve_ref(all_of[0], root), **outer}
    return node


def _kind(node: Mapping[str, Any]) -> tuple[FieldKind, tuple[Any, ...]]:
    if "enum" in node:
        return "enum", tuple(v for v in node["enum"] if v is not None)
    if "const" in node:
        return "enum", (node["const"],)
    types = node.get("type")
    if isinstance(types, list):
        types = next((t for t in types if t != "null"), "string")
    if types == "string" and node.get("format") == "date":
        return "date", ()
    if types == "number":
        return "number", ()
    if types == "integer":
        return "integer", ()
    if types == "boolean":
        return "boolean", ()
    return "string", ()


def fields_from_schema(schema: Mapping[str, Any]) -> list[FieldSpec]:
    """The form fields of an object schema, in the schema's property order."""
    required = set(schema.get("required", []))
    specs: list[FieldSpec] = []
    for name, raw in (schema.get("properties") or {}).items():
        node = _non_null(raw, schema)
        kind, options = _kind(node)
        specs.append(
            FieldSpec(
                name=name,
                kind=kind,
                title=str(node.get("title") or name.replace("_", " ").capitalize()),
                description=str(node.get("description", "")),
                required=name in required,
                options=options,
                default=node.get("default"),
                minimum=node.get("minimum", node.get("exclusiveMinimum")),
                maximum=node.get("maximum", node.get("exclusiveMaximum")),
            )
        )
    return specs


def coerce(field: FieldSpec, raw: Any) -> Any:
    """A widget's value as the API wants it; None means 'unknown' and is left out."""
    if raw is None:
        return None
    if field.kind == "string":
        text = str(raw).strip()
        return text or None
    if field.kind == "boolean":
        return raw if isinstance(raw, bool) else None
    if field.kind == "enum":
        return raw if raw in field.options else None
    if field.kind == "date":
        if isinstance(raw, dt.date):
            return raw.isoformat()
        text = str(raw).strip()
        return dt.date.fromisoformat(text).isoformat() if text else None
    if field.kind == "integer":
        number = float(raw)
        if not number.is_integer():
            raise ValueError(f"{field.name} must be a whole number")
        return int(number)
    if field.kind == "number":
        number = float(raw)
        return int(number) if number.is_integer() else number
    return raw


def collect_inputs(fields: list[FieldSpec], values: Mapping[str, Any]) -> dict[str, Any]:
    """The request `inputs`: coerced values, unknowns dropped so the rule can ask for them."""
    inputs: dict[str, Any] = {}
    for field in fields:
        value = coerce(field, values.get(field.name))
        if value is not None:
            inputs[field.name] = value
    return inputs
