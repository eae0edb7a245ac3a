"""BM25 + dense retrieval fused by reciprocal rank fusion, as a LangChain retriever."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from assistant.index.embeddings import Embedder
from assistant.index.store import read_version
from assistant.knowledge.chunking import split_list
from assistant.retrieval.corpus import Corpus


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], weights: Sequence[float], k: int
) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, chunk_id in enumerate(ranking, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank)
    return fused


class HybridRetriever(BaseRetriever):
    """Ranks chunks by BM25 and by Chroma similarity, fuses the two rankings (RRF).

    Documents carry the fused score and both component ranks, plus `relevance`: the cosine
    similarity of the query with the chunk, which the answer pipeline compares with the
    relevance threshold to decide whether the material covers a question at all.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    collection: Collection
    embedder: Embedder
    client: ClientAPI | None = None
    k: int = 5
    candidate_k: int = 30
    weights: tuple[float, float] = (1.0, 1.0)
    rrf_k: int = 60
    # A third ranking for RRF: sections whose heading is nearly the question (Jaccard over all
    # words). Weighted high because a verbatim heading hit is the strongest signal there is,
    # and the English-only embedding model often misses short Spanish questions.
    heading_weight: float = 2.0
    heading_min_similarity: float = 0.75
    refresh_interval_s: float = 10.0

    _corpus: Corpus | None = PrivateAttr(default=None)
    _checked_at: float = PrivateAttr(default=0.0)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def refresh(self) -> Corpus:
        """Reload the snapshot from Chroma (after an ingest, or when another replica changed it)."""
        corpus = Corpus.from_collection(self.collection, version=self._version())
        with self._lock:
            self._corpus = corpus
            self._checked_at = time.monotonic()
        return corpus

    @property
    def corpus(self) -> Corpus:
        corpus = self._corpus
        if corpus is None:
            return self.refresh()
        if time.monotonic() - self._checked_at > self.refresh_interval_s:
            self._checked_at = time.monotonic()
            if self._version() != corpus.version or self.collection.count() != len(corpus):
                return self.refresh()
        return corpus

    def _version(self) -> str | None:
        # Another replica (or `assistant ingest`) may have changed a shared index.
        return read_version(self.client, self.collection.name) if self.client else None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return self.search(query)

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        lang: str | None = None,
        topics: Sequence[str] | None = None,
        query_vector: Sequence[float] | None = None,
    ) -> list[Document]:
        corpus = self.corpus
        if not query.strip() or not len(corpus):
            return []
        k = k or self.k
        allowed = corpus.matching(lang, set(topics) if topics else None)
        if allowed is not None and not allowed:
            return []
        vector = np.asarray(
            query_vector if query_vector is not None else self.embedder.embed_query(query),
            dtype=np.float32,
        )
        bm25_hits = corpus.bm25.search(query, self.candidate_k, lang=lang, allowed=allowed)
        dense_ids = self._dense(vector, lang, allowed)
        bm25_ids = [chunk_id for chunk_id, _ in bm25_hits]
        heading_ids = corpus.heading_matches(query, allowed, self.heading_min_similarity)
        fused = reciprocal_rank_fusion(
            [bm25_ids, dense_ids, heading_ids], (*self.weights, self.heading_weight), self.rrf_k
        )
        bm25_scores = dict(bm25_hits)
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [
            self._document(
                corpus,
                chunk_id,
                score,
                relevance=corpus.relevance(chunk_id, vector),
                dense_rank=dense_ids.index(chunk_id) + 1 if chunk_id in dense_ids else None,
                bm25_rank=bm25_ids.index(chunk_id) + 1 if chunk_id in bm25_ids else None,
                bm25_score=bm25_scores.get(chunk_id, 0.0),
            )
            for chunk_id, score in ranked
            if chunk_id in corpus.position
        ]

    def _dense(self, vector: np.ndarray, lang: str | None, allowed: list[str] | None) -> list[str]:
        n = min(self.candidate_k, len(allowed) if allowed is not None else self.candidate_k)
        kwargs: dict[str, Any] = {"query_embeddings": [vector.tolist()], "n_results": n}
        if allowed is not None and lang is not None and len(allowed) > n:
            kwargs["where"] = {"lang": lang}
        elif allowed is not None:
            kwargs["ids"] = allowed
        result = self.collection.query(include=["distances"], **kwargs)
        return list(result["ids"][0]) if result["ids"] else []

    @staticmethod
    def _document(corpus: Corpus, chunk_id: str, score: float, **scores: Any) -> Document:
        i = corpus.position[chunk_id]
        meta = corpus.metadatas[i]
        metadata: dict[str, Any] = {
            **meta,
            "chunk_id": chunk_id,
            "heading_path": split_list(meta.get("heading_path")),
            "topics": split_list(meta.get("topics")),
            "references": split_list(meta.get("references")),
            "sources": split_list(meta.get("sources")),
            "url": meta.get("url") or None,
            "score": score,
            **scores,
        }
        return Document(page_content=corpus.texts[i], metadata=metadata, id=chunk_id)

    @staticmethod
    def best_relevance(docs: Sequence[Document]) -> float:
        return max((float(d.metadata.get("relevance", 0.0)) for d in docs), default=0.0)
