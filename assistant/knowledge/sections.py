"""Cut Markdown into heading-scoped sections, keeping each section's own legal references."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.knowledge.schema import SECTION_REF_PATTERN

_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Section:
    """Text under one heading. `heading_path` runs from the top heading down to this one."""

    heading_path: tuple[str, ...]
    references: tuple[str, ...]
    text: str

    @property
    def heading(self) -> str:
        return self.heading_path[-1] if self.heading_path else ""


def split_references(line: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r";", line) if part.strip())


def split_markdown_sections(body: str, default_references: Sequence[str]) -> list[Section]:
    """Sections in reading order; text before the first heading becomes its own section."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    buffer: list[str] = []
    in_fence = False

    def flush() -> None:
        lines = list(buffer)
        buffer.clear()
        while lines and not lines[0].strip():
            lines.pop(0)
        refs: tuple[str, ...] = ()
        if lines and (m := SECTION_REF_PATTERN.match(lines[0].strip())):
            refs = split_references(m.group(1))
            lines.pop(0)
        text = "\n".join(lines).strip()
        if text:
            sections.append(
                Section(
                    heading_path=tuple(h for _, h in path),
                    references=refs or tuple(default_references),
                    text=text,
                )
            )

    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading.group(2).strip()))
            continue
        buffer.append(line)
    flush()
    return sections
