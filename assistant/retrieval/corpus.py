"""An in-memory snapshot of the indexed chunks: metadata, vectors and the BM25 index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from chromadb.api.models.Collection import Collection

from assistant.index.store import fetch_all
from assistant.knowledge.chunking import split_list
from assistant.retrieval.bm25 import Bm25Index


@dataclass(frozen=True)
class Corpus:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    vectors: np.ndarray
    bm25: Bm25Index
    position: dict[str, int]

    @classmethod
    def from_collection(cls, collection: Collection) -> Corpus:
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

    def relevance(self, chunk_id: str, query_vector: np.ndarray) -> float:
        i = self.position.get(chunk_id)
        if i is None or self.vectors.size == 0:
            return 0.0
        return float(np.clip(self.vectors[i] @ query_vector, 0.0, 1.0))
