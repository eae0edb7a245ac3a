"""A BM25 index over the chunks held in Chroma, rebuilt from the collection at load time."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import bm25s
import numpy as np

from assistant.retrieval.text import tokenize, tokenize_query


class Bm25Index:
    def __init__(self, ids: Sequence[str], texts: Sequence[str], langs: Sequence[str]) -> None:
        self.ids = list(ids)
        self._position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        corpus = [
            tokenize(text, lang if lang in {"en", "es"} else "en")
            for text, lang in zip(texts, langs, strict=True)
        ]
        self._model = bm25s.BM25()
        if self.ids:
            self._model.index(corpus, show_progress=False)

    def search(
        self,
        query: str,
        k: int,
        *,
        lang: str | None = None,
        allowed: Collection[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Top-k (chunk id, score) with a positive score, restricted to `allowed` ids."""
        tokens = tokenize_query(query, lang)
        if not self.ids or not tokens:
            return []
        scores = np.asarray(self._model.get_scores(tokens), dtype=np.float64)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[[self._position[c] for c in allowed if c in self._position]] = True
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
