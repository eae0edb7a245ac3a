"""The dense-only baseline: plain Chroma similarity over the same chunks, no BM25, no fusion.

Scored on the same queries as the hybrid retriever so its gain is a ratio measured side by
side, in the same process and on the same index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chromadb.api.models.Collection import Collection


class DenseRetriever:
    """Ranks chunks by cosine similarity of their stored embedding with the query's."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def search_ids(
        self, query_vector: Sequence[float], *, k: int = 5, lang: str | None = None
    ) -> list[str]:
        kwargs: dict[str, Any] = {"query_embeddings": [list(query_vector)], "n_results": k}
        if lang:
            kwargs["where"] = {"lang": lang}
        result = self.collection.query(include=["distances"], **kwargs)
        return list(result["ids"][0]) if result["ids"] else []
