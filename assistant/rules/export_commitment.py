"""Export commitment: more than USD 500,000 of annual exports, or at least 10 % of invoicing.

Comparisons run on exact decimals so 'exactly USD 500,000' and 'exactly 10 %' fall on the
side the decree puts them. MXN amounts need a rate the user supplies; no live rate is fetched.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import Field, field_validator

from assistant.rules.base import Recorder, RuleInput, money, plain_number, to_decimal
from assistant.rules.models import RuleInputError, RuleResult, RuleSpec, Verdict

Currency = Literal["USD", "MXN"]
_CENT = Decimal("0.01")


class ExportCommitmentInput(RuleInput):
    exports: float | None = Field(
        None, description="Annual exports (foreign sales), in `currency`; projected if new."
    )
    total_sales: float | None = Field(
        None, description="Total annual sales (invoicing), in the same currency as exports."
    )
    currency: Currency | None = Field(None, description="Currency of both amounts: USD or MXN.")
    exchange_rate_mxn_per_usd: float | None = Field(
        None, description="MXN per USD, supplied by the user; needed only for MXN amounts."
    )

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value


def _validate(inp: ExportCommitmentInput) -> None:
    for field in ("exports", "total_sales"):
        value = getattr(inp, field)
        if value is not None and value < 0:
            raise RuleInputError(
                field,
                f"must be zero or positive (got {value})",
                f"deben ser cero o positivas (se indicó {value})",
            )
    if inp.total_sales is not None and inp.total_sales == 0:
        raise RuleInputError(
            "total_sales",
            "must be greater than zero (use projected annual figures if new)",
            "deben ser mayores que cero (use cifras anuales proyectadas si la empresa es nueva)",
        )
    rate = inp.exchange_rate_mxn_per_usd
    if rate is not None and rate <= 0:
        raise RuleInputError(
            "exchange_rate_mxn_per_usd",
            f"must be greater than zero (got {rate})",
            f"debe ser mayor que cero (se indicó {rate})",
        )
    if inp.exports is not None and inp.total_sales is not None and inp.exports > inp.total_sales:
        cur = inp.currency or ""
        exports, sales = money(inp.exports, cur).strip(), money(inp.total_sales, cur).strip()
        raise RuleInputError(
            "exports",
            f"exports ({exports}) cannot exceed total sales ({sales}): check the two figures",
            f"las exportaciones ({exports}) no pueden superar las ventas totales ({sales}): "
            "revise ambas cifras",
            names_field=True,
        )


class _Text:
    """The explanation sentences, collected in both languages side by side."""

    def __init__(self) -> None:
        self.en: list[str] = []
        self.es: list[str] = []

    def add(self, en: str, es: str) -> None:
        self.en.append(en)
        self.es.append(es)


def _break_even(
    inp: ExportCommitmentInput,
    min_usd: Decimal,
    rec: Recorder,
    text: _Text,
    outputs: dict[str, object],
) -> None:
    """Rate below which MXN exports clear the USD minimum (pass iff rate < exports / min)."""
    assert inp.exports is not None
    if inp.exports <= 0:
        return
    rate = plain_number((to_decimal(inp.exports) / min_usd).quantize(Decimal("0.0001")))
    outputs["break_even_rate"] = rate
    mxn, usd = money(inp.exports, "MXN"), money(min_usd, "USD")
    text.add(
        f"{mxn} clears {usd} only at a rate below {rate} MXN/USD.",
        f"{mxn} supera {usd} solo con un tipo de cambio menor a {rate} MXN/USD.",
    )
    rec.step(
        "Break-even rate: exports in MXN divided by the USD minimum",
        "Tipo de cambio de equilibrio: exportaciones en MXN entre el mínimo en USD",
        {"exports_mxn": inp.exports, "min_exports_usd": plain_number(min_usd)},
        rate,
    )


def _usd_test(
    inp: ExportCommitmentInput,
    min_usd: Decimal,
    rec: Recorder,
    text: _Text,
    outputs: dict[str, object],
) -> tuple[bool | None, list[str]]:
    """Exports strictly greater than the USD minimum; None when it cannot be decided."""
    missing = [f for f in ("exports", "currency") if getattr(inp, f) is None]
    if not missing and inp.currency == "MXN" and inp.exchange_rate_mxn_per_usd is None:
        _break_even(inp, min_usd, rec, text, outputs)
        missing = ["exchange_rate_mxn_per_usd"]
    if missing:
        return None, missing
    assert inp.exports is not None
    exports_usd = to_decimal(inp.exports)
    if inp.currency == "MXN":
        assert inp.exchange_rate_mxn_per_usd is not None
        exports_usd = exports_usd / to_decimal(inp.exchange_rate_mxn_per_usd)
    passed = exports_usd > min_usd
    margin = (exports_usd - min_usd).quantize(_CENT)
    shown_usd = exports_usd.quantize(_CENT)
    outputs.update(
        exports_usd=plain_number(shown_usd),
        margin_usd=plain_number(margin),
        usd_test="pass" if passed else "fail",
    )
    rec.step(
        f"Exports in USD must be greater than {money(min_usd, 'USD')}",
        f"Las exportaciones en USD deben ser mayores a {money(min_usd, 'USD')}",
        {"exports_usd": plain_number(shown_usd)},
        passed,
    )
    shown, minimum, gap = money(shown_usd, "USD"), money(min_usd, "USD"), money(abs(margin), "USD")
    if passed:
        text.add(
            f"Exports of {shown} exceed the {minimum} minimum by {gap}.",
            f"Las exportaciones de {shown} superan el mínimo de {minimum} por {gap}.",
        )
    elif exports_usd == min_usd:
        text.add(
            f"Exports of exactly {shown} fail the USD test: they must be greater than it.",
            f"Exportar exactamente {shown} no cumple la prueba en dólares: debe ser mayor.",
        )
    else:
        text.add(
            f"Exports of {shown} fall short of the {minimum} minimum by {gap}.",
            f"Las exportaciones de {shown} quedan {gap} por debajo del mínimo de {minimum}.",
        )
    return passed, []


def _share_test(
    inp: ExportCommitmentInput,
    min_share: Decimal,
    rec: Recorder,
    text: _Text,
    outputs: dict[str, object],
) -> tuple[bool | None, list[str]]:
    """Exports at least the minimum share of total sales (same currency, so no rate needed)."""
    missing = [f for f in ("exports", "total_sales") if getattr(inp, f) is None]
    if missing:
        return None, missing
    assert inp.exports is not None and inp.total_sales is not None
    exports, total = to_decimal(inp.exports), to_decimal(inp.total_sales)
    passed = exports * 100 >= min_share * total
    # Rounded down so the shown share never contradicts the exact verdict (9.999 % -> 9.99).
    share = (exports * 100 / total).quantize(_CENT, rounding=ROUND_FLOOR)
    points = (share - min_share).quantize(_CENT)
    outputs.update(
        share_pct=plain_number(share),
        share_margin_pct=plain_number(points),
        min_exports_for_share=plain_number((total * min_share / 100).quantize(_CENT)),
        share_test="pass" if passed else "fail",
    )
    rec.step(
        f"Exports must be at least {min_share} % of total sales",
        f"Las exportaciones deben ser al menos el {min_share} % de las ventas totales",
        {"exports": inp.exports, "total_sales": inp.total_sales},
        passed,
    )
    if passed:
        text.add(
            f"Exports are {share} % of total sales, {points} points over the {min_share} % "
            "minimum.",
            f"Las exportaciones son el {share} % de las ventas totales, "
            f"{points} puntos sobre el mínimo de {min_share} %.",
        )
    else:
        text.add(
            f"Exports are {share} % of total sales, {-points} points under the {min_share} % "
            "minimum.",
            f"Las exportaciones son el {share} % de las ventas totales, "
            f"{-points} puntos bajo el mínimo de {min_share} %.",
        )
    return passed, []


def evaluate(inp: ExportCommitmentInput, as_of: dt.date) -> RuleResult:
    _validate(inp)
    rec = Recorder("export_commitment", as_of)
    min_usd = to_decimal(rec.param("export_commitment.min_exports_usd").value)
    min_share = to_decimal(rec.param("export_commitment.min_export_share_pct").value)
    outputs: dict[str, object] = {"usd_test": "undetermined", "share_test": "undetermined"}
    text = _Text()
    usd_pass, usd_missing = _usd_test(inp, min_usd, rec, text, outputs)
    share_pass, share_missing = _share_test(inp, min_share, rec, text, outputs)
    missing = list(dict.fromkeys(usd_missing + share_missing))
    en, es = text.en, text.es
    if usd_pass or share_pass:
        verdict = Verdict.meets
        head_en, head_es = "Meets the export commitment.", "Cumple el compromiso de exportación."
        missing = []
    elif usd_pass is False and share_pass is False:
        verdict = Verdict.does_not_meet
        head_en = "Does not meet the export commitment: both tests fail."
        head_es = "No cumple el compromiso de exportación: ninguna de las dos pruebas se cumple."
    else:
        verdict = Verdict.needs_info
        head_en = f"Cannot decide yet; missing: {', '.join(missing)}."
        head_es = f"Aún no se puede decidir; falta: {', '.join(missing)}."
    return rec.result(
        verdict, " ".join([head_en, *en]), " ".join([head_es, *es]), inp, outputs, missing
    )


SPEC = RuleSpec(
    id="export_commitment",
    title={"en": "Export commitment", "es": "Compromiso de exportación"},
    description=(
        "Checks the IMMEX export commitment: annual exports greater than USD 500,000 or at least "
        "10 % of total sales. Use when the user gives export and sales figures (USD or MXN)."
    ),
    input_model=ExportCommitmentInput,
    evaluate=evaluate,
)
