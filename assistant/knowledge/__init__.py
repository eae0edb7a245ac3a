"""Loading program material (notes and documents) and cutting it into sections and chunks."""

from assistant.knowledge.loader import (
    SUPPORTED_SUFFIXES,
    DocumentError,
    Section,
    SourceDocument,
    discover_files,
    load_document,
)
from assistant.knowledge.schema import NoteMeta

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DocumentError",
    "NoteMeta",
    "Section",
    "SourceDocument",
    "discover_files",
    "load_document",
]
