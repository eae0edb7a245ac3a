"""Validation of the knowledge notes: front matter, translations, sections, coverage map."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from assistant.knowledge.schema import SECTION_REF_PATTERN, NoteMeta

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
LANGS = ("en", "es")
# The fact sheet lives in the shared folder beside the clone (…/shared/knowledge-facts).
FACT_SHEET = REPO.parent / "shared" / "knowledge-facts" / "immex-facts.md"
COVERAGE_README = KNOWLEDGE / "README.md"

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
SHEET_SECTION = re.compile(r"^## (\d+)\. (.+?)\s*$", re.MULTILINE)
TABLE_ROW = re.compile(r"^\|\s*(\d+)\.[^|]*\|(.*)\|\s*$", re.MULTILINE)
SLUG_IN_CELL = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`")


@dataclass(frozen=True)
class Note:
    path: Path
    meta: NoteMeta
    body: str

    @property
    def slug(self) -> str:
        return self.meta.id.rsplit("-", 1)[0]


def _note_paths() -> list[Path]:
    return sorted(p for lang in LANGS for p in (KNOWLEDGE / lang).glob("*.md"))


def _load(path: Path) -> Note:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path}: missing '---' front matter block"
    raw = yaml.safe_load(match.group(1))
    assert isinstance(raw, dict), f"{path}: front matter is not a mapping"
    return Note(path=path, meta=NoteMeta.model_validate(raw), body=match.group(2))


def _sections(body: str) -> list[tuple[str, list[str]]]:
    """Split a note body into (heading, lines) for every `##` section."""
    sections: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
    return sections


NOTE_PATHS = _note_paths()
PARAMS = [pytest.param(p, id=f"{p.parent.name}/{p.stem}") for p in NOTE_PATHS]


@pytest.mark.parametrize("path", PARAMS)
def test_front_matter_matches_schema_and_location(path: Path) -> None:
    note = _load(path)
    assert path.stem == note.slug, f"file name {path.stem!r} does not match id {note.meta.id!r}"
    assert path.parent.name == note.meta.lang, f"{path} sits outside knowledge/{note.meta.lang}/"
    assert all(ref.strip() for ref in note.meta.references)


@pytest.mark.parametrize("path", PARAMS)
def test_counterpart_exists_and_points_back(path: Path) -> None:
    note = _load(path)
    other_lang = "es" if note.meta.lang == "en" else "en"
    assert note.meta.translation == f"{note.slug}-{other_lang}", "translation must keep the slug"
    other_path = KNOWLEDGE / other_lang / f"{note.slug}.md"
    assert other_path.is_file(), f"missing translation {other_path.relative_to(REPO)}"
    other = _load(other_path)
    assert other.meta.translation == note.meta.id, "translation does not point back"
    assert len(_sections(other.body)) == len(_sections(note.body)), "EN/ES section counts differ"
    # Topic tags are filter keys shared by both languages, not words to translate.
    assert other.meta.topics == note.meta.topics, "EN/ES topic tags differ"


@pytest.mark.parametrize("path", PARAMS)
def test_sections_have_refs_and_text(path: Path) -> None:
    sections = _sections(_load(path).body)
    assert sections, f"{path.name}: no '##' sections"
    for heading, lines in sections:
        content = [line for line in lines if line.strip()]
        assert content, f"section {heading!r} is empty"
        ref = SECTION_REF_PATTERN.match(content[0])
        assert ref, f"section {heading!r} must start with a '> **Ref:**' line"
        refs = [r.strip() for r in ref.group(1).split(";")]
        assert all(refs), f"section {heading!r} has an empty reference"
        assert len(content) > 1, f"section {heading!r} has a reference but no text"


def _coverage_map() -> dict[int, list[str]]:
    text = COVERAGE_README.read_text(encoding="utf-8")
    return {int(n): SLUG_IN_CELL.findall(cell) for n, cell in TABLE_ROW.findall(text)}


def test_coverage_map_covers_every_fact_sheet_section() -> None:
    if not FACT_SHEET.is_file():
        pytest.skip(f"fact sheet not found at {FACT_SHEET} (shared folder absent)")
    sections = {int(n): title for n, title in SHEET_SECTION.findall(FACT_SHEET.read_text("utf-8"))}
    assert sections, "no '## N. Title' headings found in the fact sheet"
    coverage = _coverage_map()
    uncovered = {n: t for n, t in sections.items() if not coverage.get(n)}
    assert not uncovered, f"fact-sheet sections without a note in knowledge/README.md: {uncovered}"
    missing = sorted(
        f"{lang}/{slug}.md"
        for n in sections
        for slug in coverage[n]
        for lang in LANGS
        if not (KNOWLEDGE / lang / f"{slug}.md").is_file()
    )
    assert not missing, f"coverage map names notes that do not exist: {missing}"


def test_every_note_appears_in_coverage_map() -> None:
    # A note missing from the map is invisible to whoever checks coverage by section.
    mapped = {slug for slugs in _coverage_map().values() for slug in slugs}
    assert mapped, "knowledge/README.md has no coverage table rows"
    unmapped = sorted({p.stem for p in NOTE_PATHS} - mapped)
    assert not unmapped, f"notes missing from the coverage map in knowledge/README.md: {unmapped}"
