"""The knowledge notes as the sources endpoints list them. Notes are looked up by id in a map
built from the knowledge folder, so no filesystem path ever comes from a request."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.api.schemas import SourceDetail, SourceSection, SourceSummary
from assistant.knowledge.loader import DocumentError, SourceDocument, discover_files, load_document

log = logging.getLogger("assistant.api")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class _Entry:
    doc: SourceDocument
    summary: SourceSummary
    haystack: str


def _summary(doc: SourceDocument) -> SourceSummary:
    return SourceSummary(
        id=doc.doc_id,
        title=doc.title,
        lang="es" if doc.lang == "es" else "en",
        topics=list(doc.topics),
        references=list(doc.references),
        as_of=doc.as_of,
        translation=doc.translation,
        sources=list(doc.sources),
    )


class Catalogue:
    """Notes with front matter from `knowledge_dir`; reloaded after a reindex."""

    def __init__(self, knowledge_dir: Path) -> None:
        self.knowledge_dir = knowledge_dir
        self._entries: dict[str, _Entry] = {}
        self._loaded = False
        self._lock = threading.Lock()

    def reload(self) -> int:
        entries: dict[str, _Entry] = {}
        root = self.knowledge_dir
        for path in discover_files([root] if root.exists() else []):
            try:
                doc = load_document(path)
            except DocumentError as exc:
                log.warning("note skipped", extra={"note": path.name, "error": exc.reason})
                continue
            if doc.meta is None:  # only curated notes are listed as sources
                continue
            summary = _summary(doc)
            haystack = " ".join(
                [doc.doc_id, doc.title, *doc.topics, *doc.references, doc.text]
            ).casefold()
            entries[doc.doc_id] = _Entry(doc, summary, haystack)
        with self._lock:
            self._entries = dict(sorted(entries.items()))
            self._loaded = True
        return len(entries)

    def _all(self) -> dict[str, _Entry]:
        if not self._loaded:
            self.reload()
        return self._entries

    def __len__(self) -> int:
        return len(self._all())

    def list(
        self, lang: str | None = None, topic: str | None = None, q: str | None = None
    ) -> list[SourceSummary]:
        needle = q.casefold().strip() if q else ""
        return [
            e.summary
            for e in self._all().values()
            if (lang is None or e.summary.lang == lang)
            and (topic is None or topic in e.summary.topics)
            and (not needle or needle in e.haystack)
        ]

    def get(self, note_id: str) -> SourceDetail | None:
        entry = self._all().get(note_id)
        if entry is None:
            return None
        doc = entry.doc
        try:
            body = _FRONT_MATTER.sub("", doc.path.read_text(encoding="utf-8-sig"), count=1)
        except OSError:
            body = doc.text
        sections = [
            SourceSection(
                heading=s.heading,
                heading_path=list(s.heading_path),
                references=list(s.references),
                text=s.text,
            )
            for s in doc.sections
        ]
        return SourceDetail(**entry.summary.model_dump(), text=body.strip(), sections=sections)
