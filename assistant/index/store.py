"""Open the Chroma collection: embedded on disk by default, a Chroma server when configured."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from assistant.settings import Settings

# Vectors are normalized, so cosine distance = 1 - dot product, and relevance = 1 - distance.
COLLECTION_METADATA = {"hnsw:space": "cosine"}


class StoreUnavailableError(RuntimeError):
    """The Chroma store cannot be reached or opened."""


def open_client(settings: Settings) -> ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises bare Exception/ValueError on connect failures
        where = settings.chroma_url or str(settings.chroma_path)
        raise StoreUnavailableError(f"Chroma at {where} is not reachable: {exc}") from exc


def open_collection(settings: Settings, client: ClientAPI | None = None) -> Collection:
    client = client or open_client(settings)
    try:
        return client.get_or_create_collection(
            name=settings.collection, metadata=COLLECTION_METADATA, embedding_function=None
        )
    except Exception as exc:
        where = settings.chroma_url or str(settings.chroma_path)
        raise StoreUnavailableError(
            f"cannot open collection {settings.collection!r} at {where}: {exc}"
        ) from exc


VERSION_KEY = "index_version"


def mark_changed(collection: Collection) -> str:
    """Stamp the collection with a new version so every replica notices the change."""
    version = uuid.uuid4().hex
    # Only the version travels in metadata; the distance function lives in the configuration.
    collection.modify(metadata={VERSION_KEY: version})
    return version


def read_version(client: ClientAPI, name: str) -> str | None:
    """The collection's current version, read fresh from the store (not a cached object)."""
    metadata = client.get_collection(name=name).metadata or {}
    value = metadata.get(VERSION_KEY)
    return str(value) if value is not None else None


def fetch_all(collection: Collection, include_embeddings: bool = False) -> dict[str, Any]:
    """Every record of the collection, paged so a large index does not hit request limits."""
    include: list[Any] = ["metadatas", "documents"]
    if include_embeddings:
        include.append("embeddings")
    ids: list[str] = []
    metadatas: list[Any] = []
    documents: list[str] = []
    embeddings: list[Any] = []
    page, offset = 1000, 0
    while True:
        batch = collection.get(include=include, limit=page, offset=offset)
        ids.extend(batch["ids"])
        metadatas.extend(batch["metadatas"] or [])
        documents.extend(batch["documents"] or [])
        if include_embeddings and batch.get("embeddings") is not None:
            embeddings.extend(batch["embeddings"])  # type: ignore[arg-type]
        if len(batch["ids"]) < page:
            break
        offset += page
    return {"ids": ids, "metadatas": metadatas, "documents": documents, "embeddings": embeddings}
