"""Gold-set items and the JSONL loader.

The loader accepts any file in the documented format: unknown keys are ignored and missing
optional keys get defaults, so a team can point `assistant eval --dataset` at its own file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Category = Literal["faq", "eligibility", "process", "obligations", "out_of_scope", "multi_turn"]
CATEGORIES: tuple[str, ...] = (
    "faq", "eligibility", "process", "obligations", "out_of_scope", "multi_turn"
)
# When an out-of-scope item names no status, declining either way is correct.
OUT_OF_SCOPE_STATUSES = frozenset({"out_of_scope", "not_covered"})


class DatasetError(ValueError):
    """A line of a dataset file that cannot be read; names the file and line."""


class GoldItem(BaseModel):
    """One gold question (or conversation) and what a correct answer must show."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    question: str | None = None
    turns: list[str] = Field(default_factory=list)
    expected_answer: str = ""
    must_include: list[str] = Field(default_factory=list)
    must_not_include: list[str] = Field(default_factory=list)
    expected_status: str | None = None
    gold_sources: list[str] = Field(default_factory=list)
    expected_rule: str | None = None
    expected_verdict: str | None = None
    lang: Literal["en", "es"] = "en"
    category: str = "faq"
    source: str = ""

    @model_validator(mode="after")
    def _has_question(self) -> GoldItem:
        if not self.turns and not (self.question and self.question.strip()):
            raise ValueError("needs 'question' or a non-empty 'turns' list")
        return self

    @property
    def user_turns(self) -> list[str]:
        """The user messages in order; a single question is a one-turn conversation."""
        return list(self.turns) if self.turns else [str(self.question)]

    @property
    def accepted_statuses(self) -> frozenset[str] | None:
        """Statuses that count as correct, or None when the item does not say."""
        if self.expected_status:
            return frozenset({self.expected_status})
        if self.category == "out_of_scope":
            return OUT_OF_SCOPE_STATUSES
        return None


def parse_line(line: str, where: str) -> GoldItem:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(raw, dict):
        raise DatasetError(f"{where}: each line must be a JSON object")
    try:
        return GoldItem.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "item"
        raise DatasetError(f"{where}: {field}: {first['msg']}") from exc


def load_dataset(path: Path) -> list[GoldItem]:
    """Read a JSONL gold set; blank lines and lines starting with '//' are skipped."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
    items: list[GoldItem] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        item = parse_line(line, f"{path}:{number}")
        if item.id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no items")
    return items
