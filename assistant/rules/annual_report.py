"""Annual report (RAOCE) due date, late window and cancellation, with the PROSEC variant."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assistant.rules.base import Recorder, RuleInput, require_not_future
from assistant.rules.business_days import last_business_day_of_month
from assistant.rules.models import RuleInputError, RuleResult, RuleSpec, Verdict
from assistant.rules.wording import long_date

_STAGES = {
    "on_time": ("on time", "en tiempo"),
    "suspended_late_window": (
        "late: the program is suspended until the report is filed",
        "extemporáneo: el programa queda suspendido hasta presentar el reporte",
    ),
    "prosec_cancelled_immex_late_window": (
        "late: the PROSEC part is cancelled; the IMMEX program is suspended, "
        "still in its late window",
        "extemporáneo: el PROSEC queda cancelado; el IMMEX está suspendido, "
        "aún en su ventana tardía",
    ),
    "cancelled": (
        "too late: the late window has closed and the program is cancelled",
        "fuera de plazo: la ventana extemporánea cerró y el programa se cancela",
    ),
}


class AnnualReportInput(RuleInput):
    fiscal_year: int | None = Field(
        None, description="Fiscal year (January-December) the report covers, e.g. 2025."
    )
    has_prosec: bool | None = Field(
        None, description="Whether the company also holds a PROSEC program (earlier due date)."
    )
    filed_on: dt.date | None = Field(
        None, description="Date the report was filed, if it was; leave empty if not yet filed."
    )


def _dates(rec: Recorder, year: int, prosec: bool) -> dict[str, dt.date]:
    on, field = dt.date(year, 1, 1), "fiscal_year"
    month = rec.param(
        "annual_report.due_month_with_prosec" if prosec else "annual_report.due_month", on, field
    ).value
    dates = {
        "opens": dt.date(
            year, int(rec.param("annual_report.filing_window_opens_month", on, field).value), 1
        ),
        "due_date": last_business_day_of_month(year, int(month)),
        "late_window_end": last_business_day_of_month(
            year, int(rec.param("annual_report.late_window_end_month", on, field).value)
        ),
        "cancellation_from": dt.date(
            year, int(rec.param("annual_report.cancellation_month", on, field).value), 1
        ),
    }
    if prosec:
        dates["prosec_late_window_end"] = last_business_day_of_month(
            year, int(rec.param("annual_report.prosec_late_window_end_month", on, field).value)
        )
        dates["prosec_cancellation_from"] = dt.date(
            year, int(rec.param("annual_report.prosec_cancellation_month", on, field).value), 1
        )
    return dates


def _stage(day: dt.date, dates: dict[str, dt.date]) -> str:
    if day <= dates["due_date"]:
        return "on_time"
    if "prosec_late_window_end" in dates and day > dates["prosec_late_window_end"]:
        return (
            "prosec_cancelled_immex_late_window" if day <= dates["late_window_end"] else "cancelled"
        )
    return "suspended_late_window" if day <= dates["late_window_end"] else "cancelled"


def evaluate(inp: AnnualReportInput, as_of: dt.date) -> RuleResult:
    rec = Recorder("annual_report_deadline", as_of)
    if inp.fiscal_year is None:
        missing = ["fiscal_year"] + (["has_prosec"] if inp.has_prosec is None else [])
        return rec.result(
            Verdict.needs_info,
            "The fiscal year of the report is needed.",
            "Se necesita el ejercicio fiscal del reporte.",
            inp,
            {},
            missing,
        )
    year = inp.fiscal_year + 1
    if inp.filed_on is not None:
        require_not_future("filed_on", inp.filed_on, as_of)
        if inp.filed_on < dt.date(year, 1, 1):
            raise RuleInputError(
                "filed_on",
                f"cannot be before fiscal year {inp.fiscal_year} ends",
                f"no puede ser anterior al cierre del ejercicio {inp.fiscal_year}",
            )
    if inp.has_prosec is None:
        plain, prosec = _dates(rec, year, False), _dates(rec, year, True)
        return rec.result(
            Verdict.needs_info,
            f"The FY{inp.fiscal_year} report is due {long_date(plain['due_date'], 'en')}, "
            f"or {long_date(prosec['due_date'], 'en')} if the company also holds PROSEC: "
            "which applies?",
            f"El reporte del ejercicio {inp.fiscal_year} vence el "
            f"{long_date(plain['due_date'], 'es')}, "
            f"o el {long_date(prosec['due_date'], 'es')} si la empresa también tiene PROSEC: "
            "¿cuál aplica?",
            inp,
            {
                "due_date_without_prosec": plain["due_date"].isoformat(),
                "due_date_with_prosec": prosec["due_date"].isoformat(),
            },
            ["has_prosec"],
        )
    dates = _dates(rec, year, inp.has_prosec)
    due = dates["due_date"]
    rec.step(
        f"Last business day of {due.strftime('%B')} {year}",
        f"Último día hábil de {('abril' if inp.has_prosec else 'mayo')} de {year}",
        {"fiscal_year": inp.fiscal_year, "has_prosec": inp.has_prosec},
        due.isoformat(),
    )
    outputs: dict[str, object] = {k: v.isoformat() for k, v in dates.items()}
    outputs["deadline"] = due.isoformat()
    outputs["days_left"] = (due - as_of).days
    day = inp.filed_on or as_of
    stage = _stage(day, dates)
    outputs["stage"] = stage
    rec.step(
        "Where the filing (or today) falls",
        "Dónde cae la presentación (u hoy)",
        {"date": day.isoformat()},
        stage,
    )
    verdict = Verdict.meets if stage == "on_time" else Verdict.does_not_meet
    lead_en = f"The FY{inp.fiscal_year} annual report is due {long_date(due, 'en')}"
    lead_es = f"El reporte anual del ejercicio {inp.fiscal_year} vence el {long_date(due, 'es')}"
    if inp.has_prosec:
        lead_en += " (combined IMMEX + PROSEC report)"
        lead_es += " (reporte conjunto IMMEX + PROSEC)"
    late_en = (
        f" Late window to {long_date(dates['late_window_end'], 'en')}; cancellation from "
        f"{long_date(dates['cancellation_from'], 'en')}."
    )
    late_es = (
        f" Ventana extemporánea hasta el {long_date(dates['late_window_end'], 'es')}; "
        f"cancelación a partir del {long_date(dates['cancellation_from'], 'es')}."
    )
    if inp.has_prosec:
        late_en += (
            f" PROSEC part: cure by {long_date(dates['prosec_late_window_end'], 'en')}, "
            f"cancelled from {long_date(dates['prosec_cancellation_from'], 'en')}."
        )
        late_es += (
            f" Parte PROSEC: regularizar a más tardar el "
            f"{long_date(dates['prosec_late_window_end'], 'es')}; se cancela a partir del "
            f"{long_date(dates['prosec_cancellation_from'], 'es')}."
        )
    stage_en, stage_es = _STAGES[stage]
    if inp.filed_on:
        tail_en = f" Filed {long_date(inp.filed_on, 'en')}: {stage_en}."
        tail_es = f" Presentado el {long_date(inp.filed_on, 'es')}: {stage_es}."
    elif stage == "on_time":
        tail_en = f" {outputs['days_left']} days left."
        tail_es = f" Quedan {outputs['days_left']} días."
    else:
        tail_en = f" If not filed yet, as of {long_date(as_of, 'en')} it is {stage_en}."
        tail_es = f" Si aún no se presenta, al {long_date(as_of, 'es')} está {stage_es}."
    return rec.result(
        verdict, lead_en + "." + tail_en + late_en, lead_es + "." + tail_es + late_es, inp, outputs
    )


SPEC = RuleSpec(
    id="annual_report_deadline",
    title={"en": "Annual report deadline", "es": "Plazo del reporte anual"},
    description=(
        "Computes the IMMEX annual report due date (last business day of May of the next year, "
        "April with PROSEC), the late window and the cancellation date. Use for 'when is the "
        "annual report due?' or to check whether a filing date was on time."
    ),
    input_model=AnnualReportInput,
    evaluate=evaluate,
)
