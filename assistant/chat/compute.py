"""Compute: turn conversation facts into rule inputs, run the route's rule, find what is missing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.chat.facts.model import ConversationFacts
from assistant.rules import RULES, RuleInputError, RuleResult, Verdict, evaluate_rule

_ENTITY = {
    "sa_de_cv": "legal_entity", "s_de_rl": "legal_entity", "sapi": "legal_entity",
    "legal_entity": "legal_entity", "individual": "individual",
    "foreign": "foreign_non_resident",
}  # fmt: skip


def _export_inputs(f: ConversationFacts) -> dict[str, Any]:
    out: dict[str, Any] = {"exchange_rate_mxn_per_usd": f.exchange_rate}
    exports, total = f.export_sales, f.total_sales
    if exports is None and total is None and f.export_share_pct is not None:
        # Only a share was given: it decides the 10 % test on its own (per 100 of sales).
        return {"exports": f.export_share_pct, "total_sales": 100.0}
    if exports is not None:
        out.update(exports=exports.amount, currency=exports.currency)
        if total is None and f.export_share_pct:
            out["total_sales"] = exports.amount * 100 / f.export_share_pct
    if total is not None:
        if exports is None:
            out.update(total_sales=total.amount, currency=total.currency)
        elif total.currency == exports.currency:
            out["total_sales"] = total.amount
        elif f.exchange_rate:
            factor = f.exchange_rate if exports.currency == "MXN" else 1 / f.exchange_rate
            out["total_sales"] = round(total.amount * factor, 2)
    return out


def _applicant_inputs(f: ConversationFacts) -> dict[str, Any]:
    entity = _ENTITY.get(f.entity_type or "")
    if f.entity_type == "sas":
        entity = "legal_entity" if f.tax_regime == "general" else "sas_cash_flow"
    title_ii = None if f.tax_regime is None else f.tax_regime == "general"
    return {"entity_type": entity, "title_ii_taxpayer": title_ii}


def _premises_inputs(f: ConversationFacts) -> dict[str, Any]:
    possession = {"owned": "owned", "leased": "leased", "loan": "loaned"}.get(f.tenure or "")
    has_contract = f.lease_term_months is not None or f.lease_remaining_months is not None
    if possession is None and has_contract:
        possession = "leased"
    remaining = f.lease_remaining_months
    if remaining is not None and f.lease_term_months is not None:
        remaining = min(remaining, f.lease_term_months)
    return {
        "possession": possession,
        "contract_term_months": f.lease_term_months,
        "months_remaining": remaining,
    }


def _modality_inputs(f: ConversationFacts) -> dict[str, Any]:
    hints = set(f.modality_hints)
    third_party = "outsourcing" in hints
    mexican: bool | None = None
    if f.entity_type in _ENTITY or f.entity_type == "sas":
        mexican = f.entity_type != "foreign"
    elif "shelter" in hints:
        mexican = False
    return {
        "mexican_entity": mexican,
        "has_own_plant": False if third_party else None,
        "production_through_third_parties_only": True if third_party else None,
        "manufactures_for_export": True if "industrial" in hints and not third_party else None,
        "export_services": True if "services" in hints else None,
        "controls_subsidiaries": True if "holding" in hints else None,
        "certified_company": f.certified,
    }


def _unclaimed(f: ConversationFacts) -> dt.date | None:
    """The last date mentioned, unless it is already known to be some other date."""
    claimed = {f.notified_on, f.filed_on, f.notification_date, f.import_date, f.change_date}
    return None if f.last_date in claimed else f.last_date


def next_report_year(as_of: dt.date, has_prosec: bool | None) -> int:
    """The fiscal year whose annual report falls due next: last year's until its due month
    (April with PROSEC, else May) is over, then this year's."""
    due_month = 4 if has_prosec else 5
    return as_of.year - 1 if as_of.month <= due_month else as_of.year


def rule_inputs(rule_id: str, f: ConversationFacts) -> dict[str, Any]:
    """The rule's inputs that the conversation supplies (unknown ones left out)."""
    raw: dict[str, Any]
    if rule_id == "export_commitment":
        raw = _export_inputs(f)
    elif rule_id == "applicant_profile":
        raw = _applicant_inputs(f)
    elif rule_id == "premises":
        raw = _premises_inputs(f)
    elif rule_id == "modality":
        raw = _modality_inputs(f)
    elif rule_id == "temporary_import_deadline":
        raw = {"goods_description": f.goods, "import_date": f.import_date or _unclaimed(f)}
    elif rule_id == "annual_report_deadline":
        raw = {"fiscal_year": f.fiscal_year, "has_prosec": f.prosec_held, "filed_on": f.filed_on}
    elif rule_id == "post_cancellation":
        raw = {
            "notification_date": f.notification_date or _unclaimed(f),
            "extension_granted": f.extension_granted,
        }
    elif rule_id == "change_notice":
        raw = {
            "change_date": f.change_date or _unclaimed(f),
            "change_type": f.change_kind,
            "notified_on": f.notified_on,
        }
    elif rule_id == "vat_ieps_certification":
        raw = {"returns_pct": f.returns_pct, "imss_workers": f.workers}
    else:
        raw = {}
    fields = RULES[rule_id].input_model.model_fields
    # Yes/no answers to the assistant's own question fill the inputs it asked about.
    raw.update({k: v for k, v in f.confirmed.items() if raw.get(k) is None})
    return {k: v for k, v in raw.items() if v is not None and k in fields}


@dataclass
class Computation:
    rule_id: str
    inputs: dict[str, Any]
    result: RuleResult | None = None
    missing: list[str] = field(default_factory=list)
    error: RuleInputError | None = None

    @property
    def needs_info(self) -> bool:
        return self.error is not None or (
            self.result is not None and self.result.verdict == Verdict.needs_info
        )

    def detail(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "inputs": {k: str(v) if isinstance(v, dt.date) else v for k, v in self.inputs.items()},
            "verdict": self.result.verdict.value if self.result else None,
            "missing": self.missing,
            "error": str(self.error) if self.error else None,
        }


def compute(rule_id: str, facts: ConversationFacts, as_of: dt.date | None) -> Computation:
    """Run one rule on the conversation facts; input errors become a request to re-check."""
    inputs = rule_inputs(rule_id, facts)
    comp = Computation(rule_id, inputs)
    try:
        comp.result = evaluate_rule(rule_id, inputs, as_of=as_of)
    except RuleInputError as exc:
        comp.error = exc
        comp.missing = [exc.field]
        return comp
    comp.missing = list(comp.result.missing_facts)
    retry = _retry_inputs(rule_id, facts, comp, as_of)
    if retry is not None:
        try:
            comp.result = evaluate_rule(rule_id, retry, as_of=as_of)
            comp.inputs = retry
            comp.missing = list(comp.result.missing_facts)
        except RuleInputError:
            pass
    if rule_id == "export_commitment" and facts.export_sales is None and comp.needs_info:
        # A bare share under 10 % decides nothing; what is missing is the export amount.
        comp.missing = [m for m in comp.missing if m != "currency"] or ["exports"]
        if facts.total_sales is None and facts.export_share_pct is not None:
            comp.missing = ["exports"]
    return comp


# The conversation's goods category, in the temporary-import rule's terms.
_CATEGORY = {
    "inputs": "materials", "fuels": "materials", "packaging": "materials",
    "labels": "materials", "containers": "containers", "machinery": "machinery",
}  # fmt: skip


def _retry_inputs(
    rule_id: str, facts: ConversationFacts, comp: Computation, as_of: dt.date | None
) -> dict[str, Any] | None:
    """Second-chance inputs when the rule asks for something the conversation implies: the
    goods category the chat already recognised, or (for a general 'when is the annual report
    due?') the fiscal year of the next report."""
    missing = set(comp.missing)
    if rule_id == "temporary_import_deadline" and "category" in missing and facts.goods_category:
        return {**comp.inputs, "category": _CATEGORY[facts.goods_category]}
    if rule_id == "annual_report_deadline" and "fiscal_year" in missing and facts.filed_on is None:
        year = next_report_year(as_of or dt.date.today(), facts.prosec_held)
        return {**comp.inputs, "fiscal_year": year}
    return None


_RAW_FIELD = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:exports|currency)\b(?=[,.])")


def user_facing_explanation(result: RuleResult, lang: str) -> str:
    """The rule's explanation without the clauses that list internal field names (the
    needs_info question asks for those in plain words)."""
    text = result.explanation.get(lang) or result.explanation["en"]
    if result.verdict != Verdict.needs_info:
        return text
    clauses = re.split(r"(?<=[.;])\s+", text)
    kept = [c for c in clauses if not _RAW_FIELD.search(c)]
    joined = " ".join(kept).strip()
    return re.sub(r";$", ".", joined)
