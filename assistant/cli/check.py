"""`assistant check RULE --field name=value ...`: run one eligibility or deadline rule.

Fields can also be given as `--name value` or `--name=value`. Invalid input is reported on
stderr with exit code 2, so scripts can tell a usage problem from a verdict.
"""

from __future__ import annotations

import datetime as dt
import json as _json
from typing import Annotated, Any

import typer

from assistant.rules import RULES, RuleInputError, RuleResult, evaluate_rule

_VERDICT_LABELS = {
    "en": {"meets": "MEETS", "does_not_meet": "DOES NOT MEET", "needs_info": "NEEDS INFORMATION"},
    "es": {"meets": "CUMPLE", "does_not_meet": "NO CUMPLE", "needs_info": "FALTA INFORMACIÓN"},
}
_HEADINGS = {
    "en": (
        "Verdict",
        "Missing facts",
        "Results",
        "References",
        "Parameters",
        "Trace",
        "since",
        "as of",
    ),
    "es": (
        "Veredicto",
        "Datos faltantes",
        "Resultados",
        "Referencias",
        "Parámetros",
        "Cálculo",
        "desde",
        "al",
    ),
}
_EXTRA_ARGS = {"allow_extra_args": True, "ignore_unknown_options": True}


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _parse_fields(pairs: list[str], extra: list[str]) -> dict[str, Any]:
    """`name=value` pairs from --field, plus `--name value` / `--name=value` extra args."""
    inputs: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise _fail(f"--field expects name=value, got {pair!r}")
        inputs[name.strip().replace("-", "_")] = value.strip() or None
    index = 0
    while index < len(extra):
        token = extra[index]
        if not token.startswith("--") or len(token) < 3:
            raise _fail(f"unexpected argument {token!r}; use --field name=value")
        name, sep, value = token[2:].partition("=")
        if not sep:
            if index + 1 >= len(extra):
                raise _fail(f"{token} needs a value")
            index += 1
            value = extra[index]
        inputs[name.replace("-", "_")] = value.strip() or None
        index += 1
    return inputs


def _show(value: Any) -> str:
    return value if isinstance(value, str) else _json.dumps(value, ensure_ascii=False)


def render(result: RuleResult, lang: str) -> str:
    """Human-readable report of a result in `lang` (en or es)."""
    verdict_h, missing_h, outputs_h, refs_h, params_h, trace_h, since, at = _HEADINGS[lang]
    spec = RULES[result.rule_id]
    lines = [
        f"{spec.title[lang]} ({result.rule_id}) — {at} {result.as_of.isoformat()}",
        f"{verdict_h}: {_VERDICT_LABELS[lang][result.verdict.value]}",
        "",
        result.explanation[lang],
    ]
    if result.missing_facts:
        lines += ["", f"{missing_h}: {', '.join(result.missing_facts)}"]
    if result.outputs:
        lines += ["", f"{outputs_h}:"]
        lines += [f"  {key}: {_show(value)}" for key, value in result.outputs.items()]
    if result.references:
        lines += ["", f"{refs_h}:"] + [f"  - {ref}" for ref in result.references]
    if result.parameters:
        lines += ["", f"{params_h}:"]
        lines += [
            f"  {p.name} = {_show(p.value)} {p.unit} ({p.reference}; {since} "
            f"{p.effective_from.isoformat()})"
            for p in result.parameters
        ]
    if result.trace:
        lines += ["", f"{trace_h}:"]
        for number, step in enumerate(result.trace, 1):
            detail = f" {_show(step.inputs)}" if step.inputs else ""
            lines.append(f"  {number}. {step.description[lang]}{detail} -> {_show(step.result)}")
    return "\n".join(lines)


def _list_rules(as_json: bool, lang: str) -> None:
    if as_json:
        catalogue = [
            {
                "id": spec.id,
                "title": spec.title,
                "description": spec.description,
                "inputs": spec.input_model.model_json_schema(),
            }
            for spec in RULES.values()
        ]
        typer.echo(_json.dumps(catalogue, ensure_ascii=False, indent=2))
        return
    for spec in RULES.values():
        typer.echo(f"{spec.id} — {spec.title[lang]}")
        typer.echo(f"  {spec.description}")
        for name, field in spec.input_model.model_fields.items():
            typer.echo(f"    --field {name}=...  {field.description}")
        typer.echo("")


def check(
    ctx: typer.Context,
    rule: Annotated[str | None, typer.Argument(help="Rule id (see --list).")] = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", "-f", help="An input as name=value; repeat.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the RuleResult as JSON.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the report: en or es.")] = "en",
    list_: Annotated[bool, typer.Option("--list", help="List the rules and their inputs.")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Reference date YYYY-MM-DD (default today).")
    ] = None,
) -> None:
    """Run an eligibility or deadline rule on the facts given, e.g.
    `assistant check export_commitment --field exports=2100000 --field total_sales=30000000
    --field currency=USD`."""
    if lang not in ("en", "es"):
        raise _fail(f"--lang must be en or es, got {lang!r}")
    if list_:
        _list_rules(json, lang)
        return
    if rule is None:
        raise _fail("name a rule (see `assistant check --list`)")
    if rule not in RULES:
        raise _fail(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
    try:
        reference = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise _fail(f"--as-of must be a date YYYY-MM-DD, got {as_of!r}") from None
    inputs = _parse_fields(field or [], list(ctx.args))
    try:
        result = evaluate_rule(rule, inputs, reference)
    except RuleInputError as error:
        raise _fail(str(error)) from None
    if json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        typer.echo(render(result, lang))


def register(app: typer.Typer) -> None:
    """Add `check` to the CLI app."""
    app.command("check", context_settings=_EXTRA_ARGS)(check)
