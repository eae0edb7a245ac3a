"""Turn a document's sections into chunks with content-hash ids and flat metadata."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.knowledge.loader import SourceDocument

# Chroma metadata values must be scalars, so lists travel as one joined string.
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    text: str
    embed_text: str
    metadata: dict[str, Any]


def chunk_document(doc: SourceDocument, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
    )
    chunks: list[Chunk] = []
    ordinal = 0
    for section in doc.sections:
        pieces = (
            [section.text] if len(section.text) <= chunk_size else splitter.split_text(section.text)
        )
        for part, text in enumerate(pieces):
            heading_path = list(section.heading_path)
            metadata: dict[str, Any] = {
                "note_id": doc.doc_id,
                "title": doc.title,
                "section": section.heading or doc.title,
                "heading_path": LIST_SEPARATOR.join(heading_path),
                "lang": doc.lang,
                "topics": LIST_SEPARATOR.join(doc.topics),
                "references": LIST_SEPARATOR.join(section.references or doc.references),
                "sources": LIST_SEPARATOR.join(doc.sources),
                "url": doc.sources[0] if doc.sources else "",
                "as_of": doc.as_of,
                "translation": doc.translation or "",
                "source_path": str(doc.path),
                "ordinal": ordinal,
                "part": part,
            }
            # The id covers text and metadata, so a changed as_of or reference re-embeds too; not
            # the file's absolute path, so ids (and ranking tie-breaks) match on every checkout.
            hashed = {k: v for k, v in metadata.items() if k != "source_path"}
            digest = hashlib.sha256(
                json.dumps([text, hashed], sort_keys=True, ensure_ascii=False).encode()
            ).hexdigest()[:32]
            context = " — ".join([doc.title, *heading_path[1:]] if heading_path else [doc.title])
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}:{digest}",
                    text=text,
                    embed_text=f"{context}\n{text}",
                    metadata=metadata,
                )
            )
            ordinal += 1
    return chunks


def split_list(value: object) -> list[str]:
    """Inverse of the LIST_SEPARATOR join, for reading metadata back."""
    if not value:
        return []
    return [item for item in str(value).split(LIST_SEPARATOR) if item]
