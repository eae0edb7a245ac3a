"""The front-matter contract every knowledge note must satisfy."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Lang = Literal["en", "es"]

NOTE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*-(en|es)$"
# A section's own legal references sit on the first line under its heading,
# so a citation can name the exact article behind the passage it quotes.
SECTION_REF_PATTERN = re.compile(r"^>\s*\*\*(?:Ref|Refs|References|Referencias):\*\*\s*(.+?)\s*$")


class NoteMeta(BaseModel):
    """YAML front matter of a Markdown note in `knowledge/<lang>/`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=NOTE_ID_PATTERN, description="Stable id, '<slug>-<lang>'.")
    title: str = Field(min_length=3, description="Title shown in citations.")
    lang: Lang
    topics: list[str] = Field(min_length=1, description="Topic tags used for filtering.")
    references: list[str] = Field(min_length=1, description="Legal articles and fractions.")
    sources: list[str] = Field(min_length=1, description="Source URLs, official ones first.")
    as_of: dt.date = Field(description="Date the note's facts were last checked.")
    translation: str = Field(pattern=NOTE_ID_PATTERN, description="Id of the counterpart note.")

    @field_validator("references", "topics")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        if any(not item.strip() for item in items):
            raise ValueError("items must be non-empty strings")
        return items

    @field_validator("sources")
    @classmethod
    def _urls(cls, items: list[str]) -> list[str]:
        bad = [s for s in items if not s.startswith(("https://", "http://"))]
        if bad:
            raise ValueError(f"sources must be URLs, got {bad}")
        return items

    @field_validator("translation")
    @classmethod
    def _other_language(cls, value: str) -> str:
        return value

    def model_post_init(self, _context: object) -> None:
        if not self.id.endswith(f"-{self.lang}"):
            raise ValueError(f"id {self.id!r} must end with '-{self.lang}'")
        other = "es" if self.lang == "en" else "en"
        if not self.translation.endswith(f"-{other}"):
            raise ValueError(f"translation {self.translation!r} must end with '-{other}'")
