"""Dated legal parameters read from `knowledge/parameters/*.yaml` (OpenFisca style).

One file per family; a parameter is addressed as `<file stem>.<name>`. Each value carries the
date it took effect and its legal reference, and the loader returns the value in force on a
given date, so a change in the law is a new dated entry rather than a code change.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.rules.models import ParameterUsed

DEFAULT_PARAMETERS_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "parameters"

Unit = Literal[
    "USD",
    "MXN",
    "percent",
    "months",
    "years",
    "calendar_days",
    "business_days",
    "month_of_year",
    "workers",
    "count",
    "boolean",
    "list",
    "term",
    "rule",
]
Comparison = Literal["greater_than", "at_least", "at_most", "less_than", "equals"]
Scalar = bool | int | float | str | list[str]


class ParameterError(ValueError):
    """A parameter file is malformed, a name is unknown, or no value is in force yet."""


class ParameterNotInForceError(ParameterError):
    """The date asked for is before the first recorded value of a parameter."""

    def __init__(self, message: str, first: dt.date) -> None:
        super().__init__(message)
        self.first = first


class ValueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Scalar
    reference: str = Field(min_length=1)
    note: str | None = None

    @field_validator("reference")
    @classmethod
    def _not_blank(cls, reference: str) -> str:
        if not reference.strip():
            raise ValueError("reference must not be blank")
        return reference


class ParameterDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    unit: Unit
    comparison: Comparison | None = None
    values: dict[dt.date, ValueEntry] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _ascending(cls, values: dict[dt.date, ValueEntry]) -> dict[dt.date, ValueEntry]:
        dates = list(values)
        if any(later <= earlier for earlier, later in itertools.pairwise(dates)):
            raise ValueError(
                f"dates must be strictly ascending, got {[d.isoformat() for d in dates]}"
            )
        return values


class ParameterFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    parameters: dict[str, ParameterDef] = Field(min_length=1)


class ParameterSet:
    """All parameter families, queried by qualified name and date."""

    def __init__(self, families: dict[str, ParameterFile]) -> None:
        self._defs = {
            f"{family}.{name}": definition
            for family, content in families.items()
            for name, definition in content.parameters.items()
        }

    def names(self) -> list[str]:
        return sorted(self._defs)

    def definition(self, name: str) -> ParameterDef:
        try:
            return self._defs[name]
        except KeyError:
            raise ParameterError(f"unknown parameter {name!r}") from None

    def get(self, name: str, on: dt.date) -> ParameterUsed:
        """Value of `name` in force on `on`; raises ParameterError before the first value."""
        definition = self.definition(name)
        in_force = [d for d in definition.values if d <= on]
        if not in_force:
            first = min(definition.values)
            raise ParameterNotInForceError(
                f"{name} has no value in force on {on.isoformat()}: "
                f"the first recorded value starts on {first.isoformat()}",
                first,
            )
        start = max(in_force)
        entry = definition.values[start]
        return ParameterUsed(
            name=name,
            value=entry.value,
            unit=definition.unit,
            reference=entry.reference,
            effective_from=start,
            note=entry.note,
        )


def parse_parameter_file(path: Path) -> ParameterFile:
    """Read and validate one YAML file; errors name the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return ParameterFile.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ParameterError(f"{path.name}: {exc}") from exc


@lru_cache(maxsize=8)
def _load(directory: Path) -> ParameterSet:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterError(f"no parameter files in {directory}")
    return ParameterSet({path.stem: parse_parameter_file(path) for path in files})


def load_parameters(directory: Path | str | None = None) -> ParameterSet:
    """Load (once per directory) every family from `directory`, default `knowledge/parameters`."""
    return _load(Path(directory or DEFAULT_PARAMETERS_DIR).resolve())
