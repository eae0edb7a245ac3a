"""Read one source file (Markdown with front matter, text, PDF, HTML) into a `SourceDocument`."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.knowledge.language import detect_language
from assistant.knowledge.schema import NoteMeta
from assistant.knowledge.sections import Section, split_markdown_sections

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".pdf", ".html", ".htm"})
# Folder READMEs describe the material; they are not program material themselves.
_SKIPPED_NAMES = frozenset({"readme.md", "readme.txt"})
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


class DocumentError(Exception):
    """A file that cannot be ingested, with the reason in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class SourceDocument:
    """One ingestible document and the metadata every chunk of it inherits."""

    doc_id: str
    path: Path
    title: str
    lang: str
    topics: tuple[str, ...]
    references: tuple[str, ...]
    sources: tuple[str, ...]
    as_of: str
    translation: str | None
    sections: tuple[Section, ...]
    meta: NoteMeta | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)


def discover_files(paths: Iterable[Path]) -> list[Path]:
    """Every supported file under the given files/folders, sorted, READMEs skipped."""
    found: set[Path] = set()
    for root in paths:
        candidates = [root] if root.is_file() else root.rglob("*")
        for path in candidates:
            if (
                path.is_file()
                and path.suffix.lower() in SUPPORTED_SUFFIXES
                and path.name.lower() not in _SKIPPED_NAMES
                and not any(part.startswith(".") for part in path.parts[-3:])
            ):
                found.add(path.resolve())
    return sorted(found)


def load_document(path: Path) -> SourceDocument:
    """Parse one file; raise DocumentError naming the reason when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = _read_pdf(path)
        return _plain_document(path, text)
    raw = _read_text(path)
    if suffix in {".html", ".htm"}:
        title, text = _html_to_text(path, raw)
        return _plain_document(path, text, title=title)
    if suffix in {".md", ".markdown"}:
        return _markdown_document(path, raw)
    return _plain_document(path, raw)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            path, f"is not valid UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from exc
    if not text.strip():
        raise DocumentError(path, "is empty")
    return text


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(path, "is an encrypted PDF; provide an unencrypted copy")
        text = "\n\n".join((page.extract_text() or "") for page in reader.pages)
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise DocumentError(path, f"is an unreadable PDF ({exc})") from exc
    if not text.strip():
        raise DocumentError(path, "is a PDF with no extractable text (scanned image?)")
    return text


def _html_to_text(path: Path, raw: str) -> tuple[str | None, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "nav", "footer"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    lines = [ln.strip() for ln in soup.get_text("\n").splitlines() if ln.strip()]
    text = "\n".join(lines)
    if not text:
        raise DocumentError(path, "is an HTML page with no text")
    return title or None, text


def _markdown_document(path: Path, raw: str) -> SourceDocument:
    match = _FRONT_MATTER.match(raw)
    if raw.startswith("---") and not match:
        raise DocumentError(path, "has malformed front matter: the closing '---' line is missing")
    if not match:
        return _plain_document(path, raw)
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise DocumentError(path, f"has malformed front matter (YAML error: {exc})") from exc
    if not isinstance(data, dict):
        raise DocumentError(path, "has malformed front matter: expected 'key: value' lines")
    try:
        meta = NoteMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'front matter'}: {err['msg']}"
            for err in exc.errors()
        )
        raise DocumentError(path, f"has malformed front matter ({problems})") from exc
    body = raw[match.end() :]
    sections = split_markdown_sections(body, default_references=meta.references)
    if not sections:
        raise DocumentError(path, "has front matter but no text")
    return SourceDocument(
        doc_id=meta.id,
        path=path,
        title=meta.title,
        lang=meta.lang,
        topics=tuple(meta.topics),
        references=tuple(meta.references),
        sources=tuple(meta.sources),
        as_of=meta.as_of.isoformat(),
        translation=meta.translation,
        sections=tuple(sections),
        meta=meta,
    )


def _plain_document(path: Path, text: str, title: str | None = None) -> SourceDocument:
    if not text.strip():
        raise DocumentError(path, "is empty")
    lang = path.parent.name if path.parent.name in {"en", "es"} else detect_language(text[:4000])
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:6]
    sections = split_markdown_sections(text, default_references=())
    title = title or next((s.heading_path[0] for s in sections if s.heading_path), path.stem)
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()
    return SourceDocument(
        doc_id=f"{stem}-{digest}-{lang}",
        path=path,
        title=title,
        lang=lang,
        topics=(),
        references=(),
        sources=(),
        as_of=mtime,
        translation=None,
        sections=tuple(sections),
    )
