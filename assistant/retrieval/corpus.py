"""An in-memory snapshot of the indexed chunks: metadata, vectors and the BM25 index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from chromadb.api.models.Collection import Collection

from assistant.index.store import fetch_all
from assistant.knowledge.chunking import split_list
from assistant.retrieval.bm25 import Bm25Index
from assistant.retrieval.text import all_words


@dataclass(frozen=True)
class Corpus:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    vectors: np.ndarray
    bm25: Bm25Index
    position: dict[str, int]
    # Every word of each chunk's own section heading (stopwords kept): notes phrase headings
    # as user questions, so a question asked nearly verbatim is found by its heading.
    headings: list[frozenset[str]] = field(default_factory=list)
    # The store's version stamp when this snapshot was read (None: never stamped).
    version: str | None = None

    @classmethod
    def from_collection(cls, collection: Collection, version: str | None = None) -> Corpus:
        records = fetch_all(collection, include_embeddings=True)
        metadatas = [dict(m or {}) for m in records["metadatas"]]
        texts = list(records["documents"])
        # Title and heading go into BM25 too: users ask with the words of the headings.
        bm25_texts = [
            f"{m.get('title', '')} {m.get('heading_path', '')} {t}"
            for m, t in zip(metadatas, texts, strict=True)
        ]
        vectors = (
            np.asarray(records["embeddings"], dtype=np.float32)
            if len(records["embeddings"])
            else np.zeros((0, 0), dtype=np.float32)
        )
        ids = list(records["ids"])
        return cls(
            ids=ids,
            texts=texts,
            metadatas=metadatas,
            vectors=vectors,
            bm25=Bm25Index(ids, bm25_texts, [str(m.get("lang", "en")) for m in metadatas]),
            position={chunk_id: i for i, chunk_id in enumerate(ids)},
            headings=[all_words(str(m.get("section", ""))) for m in metadatas],
            version=version,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def matching(self, lang: str | None, topics: set[str] | None) -> list[str] | None:
        """Ids passing the filters, or None when no filter applies."""
        if lang is None and not topics:
            return None
        return [
            chunk_id
            for chunk_id, meta in zip(self.ids, self.metadatas, strict=True)
            if (lang is None or meta.get("lang") == lang)
            and (not topics or topics & set(split_list(meta.get("topics"))))
        ]

    def heading_matches(
        self, query: str, allowed: list[str] | None, min_similarity: float
    ) -> list[str]:
        """Chunks whose heading is (nearly) the query itself, most similar first."""
        words = all_words(query)
        if not words:
            return []
        keep = set(allowed) if allowed is not None else None
        scored = []
        for chunk_id, heading in zip(self.ids, self.headings, strict=False):
            if not heading or (keep is not None and chunk_id not in keep):
                continue
            sim = len(words & heading) / len(words | heading)
            if sim >= min_similarity:
                scored.append((sim, chunk_id))
        return [chunk_id for _, chunk_id in sorted(scored, key=lambda p: (-p[0], p[1]))]

    def relevance(self, chunk_id: str, query_vector: np.ndarray) -> float:
        i = self.position.get(chunk_id)
        if i is None or self.vectors.size == 0:
            return 0.0
        return float(np.clip(self.vectors[i] @ query_vector, 0.0, 1.0))
