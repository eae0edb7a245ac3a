"""Hybrid (BM25 + dense) retrieval over the indexed chunks."""

from __future__ import annotations

from assistant.index.embeddings import get_embedder
from assistant.index.store import open_client, open_collection
from assistant.retrieval.hybrid import HybridRetriever, reciprocal_rank_fusion
from assistant.settings import Settings, get_settings

__all__ = ["HybridRetriever", "load_retriever", "reciprocal_rank_fusion"]


def load_retriever(settings: Settings | None = None) -> HybridRetriever:
    """Embedder + Chroma collection + BM25 snapshot; build once per process."""
    settings = settings or get_settings()
    client = open_client(settings)
    retriever = HybridRetriever(
        collection=open_collection(settings, client),
        client=client,
        embedder=get_embedder(settings),
        k=settings.top_k,
        candidate_k=settings.candidate_k,
        weights=settings.fusion_weights,
        rrf_k=settings.rrf_k,
    )
    retriever.refresh()
    return retriever
