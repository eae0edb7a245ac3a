"""Typed conversation facts, derived afresh from the message history every turn."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

Currency = Literal["USD", "MXN"]
EntityType = Literal["sa_de_cv", "s_de_rl", "sapi", "sas", "legal_entity", "individual", "foreign"]
GoodsCategory = Literal["inputs", "fuels", "packaging", "labels", "containers", "machinery"]
Tenure = Literal["owned", "leased", "loan"]


class Money(BaseModel):
    amount: float
    currency: Currency


class ConversationFacts(BaseModel):
    """Everything the conversation has told us; a later turn overrides an earlier one."""

    export_sales: Money | None = None
    total_sales: Money | None = None
    export_share_pct: float | None = Field(default=None, description="Exports as % of sales.")
    currency: Currency | None = Field(default=None, description="Last currency the user named.")
    exchange_rate: float | None = Field(default=None, description="MXN per USD, as stated.")
    entity_type: EntityType | None = None
    tax_regime: Literal["general", "simplified"] | None = None
    goods: str | None = Field(default=None, description="Goods as the user described them.")
    goods_category: GoodsCategory | None = None
    import_date: dt.date | None = None
    change_date: dt.date | None = None
    notification_date: dt.date | None = None
    notified_on: dt.date | None = Field(default=None, description="When SE was told of a change.")
    filed_on: dt.date | None = Field(default=None, description="When the annual report was filed.")
    extension_granted: bool | None = Field(default=None, description="SAT's 180-day extension.")
    last_date: dt.date | None = Field(default=None, description="Latest date mentioned at all.")
    fiscal_year: int | None = None
    prosec_held: bool | None = None
    certified: bool | None = Field(default=None, description="Holds VAT & IEPS certification.")
    tenure: Tenure | None = None
    lease_term_months: int | None = None
    lease_remaining_months: int | None = None
    returns_pct: float | None = None
    workers: int | None = None
    change_kind: str | None = None
    modality_hints: list[str] = Field(default_factory=list)
    other_amounts: list[Money] = Field(default_factory=list)
    confirmed: dict[str, bool] = Field(
        default_factory=dict,
        description="Rule inputs the user settled by answering yes/no to the assistant's question.",
    )

    def known(self) -> dict[str, Any]:
        """The facts that are set, JSON-ready (for traces and step details)."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)

    def merged(self, update: dict[str, Any]) -> ConversationFacts:
        """Apply one turn's facts on top of these; hints accumulate, everything else overrides."""
        data = self.model_dump()
        for key, value in update.items():
            if key == "modality_hints":
                data[key] = list(dict.fromkeys([*data[key], *value]))
            elif key == "confirmed":
                data[key] = {**data[key], **value}
            elif value is not None:
                data[key] = value
        return ConversationFacts.model_validate(data)
