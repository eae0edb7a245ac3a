"""The result contract every rule returns, and the typed input error.

Results are plain pydantic models so the API, the CLI and the chat tools can serialise them
without knowing which rule produced them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from assistant.rules.wording import field_label

Bilingual = dict[str, str]


class Verdict(StrEnum):
    """Outcome of a rule: the three answers a deterministic check can give."""

    meets = "meets"
    does_not_meet = "does_not_meet"
    needs_info = "needs_info"


class ParameterUsed(BaseModel):
    """One dated legal parameter a rule read, with the value in force on the date it used."""

    name: str = Field(description="Qualified name, '<family>.<parameter>'.")
    value: Any = Field(description="The value in force.")
    unit: str
    reference: str = Field(description="Legal reference of this value.")
    effective_from: dt.date = Field(description="Date this value took effect.")
    note: str | None = Field(default=None, description="Caveat carried from the parameter file.")


class TraceStep(BaseModel):
    """One explained step of the computation, in the OpenFisca spirit."""

    description: Bilingual = Field(description="What the step does, keys 'en' and 'es'.")
    inputs: dict[str, Any] = Field(default_factory=dict)
    result: Any = None


class RuleResult(BaseModel):
    """What every rule returns; JSON-serialisable with `model_dump(mode='json')`."""

    rule_id: str
    verdict: Verdict
    as_of: dt.date
    facts_used: dict[str, Any] = Field(default_factory=dict)
    missing_facts: list[str] = Field(default_factory=list)
    parameters: list[ParameterUsed] = Field(default_factory=list)
    outputs: dict[str, Any] = Field(default_factory=dict)
    explanation: Bilingual = Field(description="Short human explanation, keys 'en' and 'es'.")
    references: list[str] = Field(default_factory=list)
    trace: list[TraceStep] = Field(default_factory=list)


class RuleInputError(ValueError):
    """An input a rule cannot work with; names the field and says why in EN and ES.

    `reason` and `reason_es` read after the field's plain name ("must be zero or positive");
    with `names_field` they are whole clauses that already name what is wrong.
    """

    def __init__(
        self, field: str, reason: str, reason_es: str, *, names_field: bool = False
    ) -> None:
        self.field = field
        self.reason = reason
        self.reason_es = reason_es
        self.names_field = names_field
        # A reason that already opens with the field name reads well on its own.
        super().__init__(reason if reason.startswith(field) else f"{field}: {reason}")

    def message(self, lang: str) -> str:
        """One sentence for the user, in `lang` ('es' or English), naming the input."""
        es = lang == "es"
        reason = self.reason_es if es else self.reason
        text = reason if self.names_field else f"{field_label(self.field, lang)} {reason}"
        text = text.rstrip(".")
        return f"{text[0].upper()}{text[1:]}."


Evaluator = Callable[[Any, dt.date], RuleResult]


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the outside world sees it: id, titles, when to use it, its input form."""

    id: str
    title: Bilingual
    description: str
    input_model: type[BaseModel]
    evaluate: Evaluator
