"""Two term counts: goods after a cancellation (60 + 180 calendar days) and change notices
(10 business days). Calendar-day terms still end on a business day (CFF art. 12)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from assistant.rules.base import Recorder, RuleInput, require_not_future
from assistant.rules.business_days import add_business_days, next_business_day, skipped_holidays
from assistant.rules.models import RuleResult, RuleSpec, Verdict
from assistant.rules.wording import long_date

ChangeType = Literal[
    "corporate_name", "shareholders", "legal_representative", "fiscal_address", "program_address"
]
_FISCAL_ADDRESS_MAILBOX = "dgce.tramitesc@economia.gob.mx"
# Other spellings callers use for the same changes.
_CHANGE_ALIASES = {
    "company_name": "corporate_name",
    "razon_social": "corporate_name",
    "partners": "shareholders",
    "legal_rep": "legal_representative",
    "plant_address": "program_address",
}


class PostCancellationInput(RuleInput):
    notification_date: dt.date | None = Field(
        None, description="Date the cancellation of the program was notified."
    )
    extension_granted: bool | None = Field(
        None, description="Whether SAT granted the one-time 180-day extension."
    )


class ChangeNoticeInput(RuleInput):
    change_date: dt.date | None = Field(None, description="Date the change took place (or will).")
    change_type: ChangeType | None = Field(
        None,
        description="What changed: corporate_name, shareholders, legal_representative, "
        "fiscal_address or program_address.",
    )
    notified_on: dt.date | None = Field(
        None, description="Date SE was notified, if it already was."
    )

    @field_validator("change_type", mode="before")
    @classmethod
    def _alias(cls, value: object) -> object:
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            return _CHANGE_ALIASES.get(key, key)
        return value


def _end(rec: Recorder, nominal: dt.date, on: dt.date) -> dt.date:
    if rec.param("calendar.roll_to_next_business_day", on, "notification_date").value:
        return next_business_day(nominal)
    return nominal


def evaluate_post_cancellation(inp: PostCancellationInput, as_of: dt.date) -> RuleResult:
    rec = Recorder("post_cancellation", as_of)
    if inp.notification_date is None:
        return rec.result(
            Verdict.needs_info,
            "The date the cancellation was notified is needed.",
            "Se necesita la fecha en que se notificó la cancelación.",
            inp,
            {},
            ["notification_date"],
        )
    notified = inp.notification_date
    require_not_future("notification_date", notified, as_of)
    days = int(rec.param("cancellation.return_term_days", notified, "notification_date").value)
    extra = int(rec.param("cancellation.extension_days", notified, "notification_date").value)
    rec.param("cancellation.max_extensions", notified, "notification_date")
    nominal = notified + dt.timedelta(days=days)
    deadline = _end(rec, nominal, notified)
    nominal_ext = nominal + dt.timedelta(days=extra)
    extended = _end(rec, nominal_ext, notified)
    rec.step(
        f"Notification + {days} calendar days, moved to a business day if needed",
        f"Notificación + {days} días naturales, recorrido a día hábil si hace falta",
        {"notification_date": notified.isoformat()},
        deadline.isoformat(),
    )
    rec.step(
        f"One-time extension: + {extra} calendar days after the first term",
        f"Prórroga única: + {extra} días naturales después del primer plazo",
        {"first_term_end": nominal.isoformat()},
        extended.isoformat(),
    )
    outputs: dict[str, object] = {
        "deadline": deadline.isoformat(),
        "extended_deadline": extended.isoformat(),
        "days_left": (deadline - as_of).days,
        "days_left_with_extension": (extended - as_of).days,
    }
    facts_en = (
        f"Notified {long_date(notified, 'en')}: {days} calendar days to return the temporary "
        f"goods abroad or change them to definitive import, until {long_date(deadline, 'en')}; "
        f"SAT may extend once by {extra} days, to {long_date(extended, 'en')}."
    )
    facts_es = (
        f"Notificada el {long_date(notified, 'es')}: {days} días naturales para retornar las "
        f"mercancías temporales o cambiarlas a importación definitiva, hasta el "
        f"{long_date(deadline, 'es')}; el SAT puede prorrogar una vez {extra} días, hasta el "
        f"{long_date(extended, 'es')}."
    )
    if as_of <= deadline:
        return rec.result(
            Verdict.meets,
            f"{facts_en} {outputs['days_left']} days left.",
            f"{facts_es} Quedan {outputs['days_left']} días.",
            inp,
            outputs,
        )
    if inp.extension_granted is None:
        return rec.result(
            Verdict.needs_info,
            f"{facts_en} The first term has passed: was the extension granted?",
            f"{facts_es} El primer plazo ya venció: ¿se otorgó la prórroga?",
            inp,
            outputs,
            ["extension_granted"],
        )
    if inp.extension_granted and as_of <= extended:
        return rec.result(
            Verdict.meets,
            f"{facts_en} With the extension, {outputs['days_left_with_extension']} days left.",
            f"{facts_es} Con la prórroga quedan {outputs['days_left_with_extension']} días.",
            inp,
            outputs,
        )
    return rec.result(
        Verdict.does_not_meet,
        f"{facts_en} The term has passed.",
        f"{facts_es} El plazo ya venció.",
        inp,
        outputs,
    )


def evaluate_change_notice(inp: ChangeNoticeInput, as_of: dt.date) -> RuleResult:
    rec = Recorder("change_notice", as_of)
    if inp.change_date is None:
        return rec.result(
            Verdict.needs_info,
            "The date of the change is needed.",
            "Se necesita la fecha del cambio.",
            inp,
            {},
            ["change_date"],
        )
    if inp.notified_on is not None:
        require_not_future("notified_on", inp.notified_on, as_of)
    term = int(
        rec.param("change_notice.notice_term_business_days", inp.change_date, "change_date").value
    )
    rec.param("calendar.non_business_days", inp.change_date, "change_date")
    deadline = add_business_days(inp.change_date, term)
    skipped = skipped_holidays(inp.change_date, deadline)
    rec.step(
        f"Count {term} business days after the change, skipping weekends and holidays",
        f"Contar {term} días hábiles después del cambio, sin fines de semana ni días festivos",
        {"change_date": inp.change_date.isoformat(), "holidays_skipped": skipped},
        deadline.isoformat(),
    )
    outputs: dict[str, object] = {
        "deadline": deadline.isoformat(),
        "days_left": (deadline - as_of).days,
        "holidays_skipped": skipped,
    }
    if inp.change_type == "fiscal_address":
        outputs["send_to"] = _FISCAL_ADDRESS_MAILBOX
    base_en = (
        f"Report the change of {long_date(inp.change_date, 'en')} to SE by free-form letter "
        f"within {term} business days: by {long_date(deadline, 'en')}."
    )
    base_es = (
        f"Avise a la SE del cambio del {long_date(inp.change_date, 'es')} por escrito libre "
        f"dentro de {term} días hábiles: a más tardar el {long_date(deadline, 'es')}."
    )
    if inp.notified_on is not None:
        on_time = inp.notified_on <= deadline
        verdict = Verdict.meets if on_time else Verdict.does_not_meet
        en = f" Notified {long_date(inp.notified_on, 'en')}: {'on time' if on_time else 'late'}."
        status_es = "en tiempo" if on_time else "fuera de plazo"
        es = f" Avisado el {long_date(inp.notified_on, 'es')}: {status_es}."
    elif as_of <= deadline:
        verdict = Verdict.meets
        en, es = f" {outputs['days_left']} days left.", f" Quedan {outputs['days_left']} días."
    else:
        verdict = Verdict.does_not_meet
        en, es = (
            " If it has not been sent, the term has passed.",
            " Si no se envió, el plazo ya venció.",
        )
    return rec.result(verdict, base_en + en, base_es + es, inp, outputs)


POST_CANCELLATION_SPEC = RuleSpec(
    id="post_cancellation",
    title={"en": "Goods after a cancellation", "es": "Mercancías tras la cancelación"},
    description=(
        "Computes the term to return or nationalise temporary imports after an IMMEX program is "
        "cancelled: 60 calendar days from notification, plus a possible one-time 180-day "
        "extension. Use when the user gives the cancellation notification date."
    ),
    input_model=PostCancellationInput,
    evaluate=evaluate_post_cancellation,
)

CHANGE_NOTICE_SPEC = RuleSpec(
    id="change_notice",
    title={"en": "Change notice deadline", "es": "Plazo del aviso de cambios"},
    description=(
        "Computes the deadline (10 business days) to report to SE a change of corporate name, "
        "shareholders, legal representative, fiscal address or program addresses. Use when the "
        "user gives the date of such a change."
    ),
    input_model=ChangeNoticeInput,
    evaluate=evaluate_change_notice,
)
