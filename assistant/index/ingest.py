"""Bring the Chroma collection in line with the knowledge files, embedding only what changed."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chromadb.api.models.Collection import Collection
from tqdm import tqdm

from assistant.index.embeddings import get_embedder
from assistant.index.store import fetch_all, mark_changed, open_collection
from assistant.knowledge.chunking import Chunk, chunk_document
from assistant.knowledge.loader import DocumentError, discover_files, load_document
from assistant.settings import Settings


@dataclass
class FileFailure:
    path: str
    reason: str


@dataclass
class IngestReport:
    files: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{self.files} files ({len(self.failed)} failed), {self.chunks} chunks: "
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged in {self.seconds:.2f} s"
        )


def _within(path: str, roots: Sequence[Path]) -> bool:
    candidate = Path(path)
    return any(candidate == root or root in candidate.parents for root in roots)


def ingest(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    collection: Collection | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest files/folders (default: the knowledge dir). Idempotent: chunk ids are hashes.

    A file that fails to load is reported and its previously indexed chunks are kept, so a
    broken edit never takes an answer away from users.
    """
    started = time.perf_counter()
    roots = [Path(p).resolve() for p in (paths or [settings.knowledge_dir])]
    missing = [str(r) for r in roots if not r.exists()]
    report = IngestReport(failed=[FileFailure(m, "does not exist") for m in missing])
    collection = collection or open_collection(settings)

    files = discover_files([r for r in roots if r.exists()])
    report.files = len(files) + len(missing)
    wanted: dict[str, Chunk] = {}
    failed_paths: set[str] = set()
    for path in tqdm(files, desc="reading", unit="file", disable=not progress, leave=False):
        try:
            doc = load_document(path)
        except DocumentError as exc:
            report.failed.append(FileFailure(str(path), exc.reason))
            failed_paths.add(str(path))
            continue
        for chunk in chunk_document(doc, settings.chunk_size, settings.chunk_overlap):
            wanted[chunk.chunk_id] = chunk

    existing = fetch_all(collection)
    slots_before: dict[tuple[str, int], str] = {}
    stale: list[str] = []
    present: set[str] = set()
    for chunk_id, meta in zip(existing["ids"], existing["metadatas"], strict=True):
        meta = meta or {}
        source = str(meta.get("source_path", ""))
        present.add(chunk_id)
        if chunk_id in wanted or not _within(source, roots) or source in failed_paths:
            continue
        stale.append(chunk_id)
        slots_before[(str(meta.get("note_id")), int(meta.get("ordinal", -1)))] = chunk_id

    new = [c for cid, c in wanted.items() if cid not in present]
    report.chunks = len(wanted)
    report.unchanged = len(wanted) - len(new)
    report.updated = sum(
        1 for c in new if (c.metadata["note_id"], c.metadata["ordinal"]) in slots_before
    )
    report.added = len(new) - report.updated
    report.removed = len(stale) - report.updated

    if new:
        embedder = get_embedder(settings)
        batch = max(1, settings.embedding_batch_size * 4)
        bar = tqdm(total=len(new), desc="embedding", unit="chunk", disable=not progress)
        for start in range(0, len(new), batch):
            part = new[start : start + batch]
            vectors = embedder.embed_documents([c.embed_text for c in part])
            collection.upsert(
                ids=[c.chunk_id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata for c in part],
                embeddings=vectors,  # type: ignore[arg-type]
            )
            bar.update(len(part))
        bar.close()
    if stale:
        collection.delete(ids=stale)
    if new or stale:
        mark_changed(collection)
    report.seconds = time.perf_counter() - started
    return report
