"""Everything the app loads once: keys, limiter, metrics, feedback store, note catalogue and
the answer pipeline (model + Chroma + BM25). Lives on `app.state.services`.

The pipeline is loaded in the lifespan. If that fails (Chroma down, index missing), the app
still starts; requests retry the load at most every few seconds and get a 503 meanwhile, so
the service recovers without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any, cast

import httpx

from assistant.api.catalogue import Catalogue
from assistant.api.errors import ApiError
from assistant.api.feedback_store import FeedbackStore
from assistant.api.metrics import Metrics
from assistant.api.ratelimit import RateLimiter
from assistant.api.security import KeyRing
from assistant.index.store import StoreUnavailableError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.chat.pipeline import AnswerPipeline
    from assistant.retrieval.hybrid import HybridRetriever

log = logging.getLogger("assistant.api")
RETRY_LOAD_AFTER_S = 3.0


def is_store_error(exc: BaseException) -> bool:
    """Errors that mean 'the vector store is not reachable', as opposed to a bug."""
    if isinstance(exc, StoreUnavailableError | httpx.TransportError | ConnectionError):
        return True
    try:
        from chromadb.errors import InternalError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, InternalError)


def store_unavailable(detail: str) -> ApiError:
    return ApiError(
        503,
        "store_unavailable",
        f"The search index is not available ({detail}). Retry in a few seconds; if it "
        "persists, check the Chroma server or run 'assistant ingest'.",
        headers={"Retry-After": "5"},
    )


def hybrid(pipeline: AnswerPipeline) -> HybridRetriever:
    """The pipeline's retriever is typed as a protocol; from_settings builds a HybridRetriever."""
    return cast("HybridRetriever", pipeline.retriever)


class Services:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.keys = KeyRing.from_settings(settings)
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.metrics = Metrics()
        self.feedback = FeedbackStore(settings.feedback_path, settings.feedback_busy_timeout_ms)
        self.catalogue = Catalogue(settings.knowledge_dir)
        self.reindex_lock = threading.Lock()
        self._pipeline: AnswerPipeline | None = None
        self._load_lock = threading.Lock()
        self._last_attempt = 0.0
        self.load_error: str | None = None
        self.model_loaded = False

    # --- loading -------------------------------------------------------------------------
    def load(self) -> None:
        """Load the model and the pipeline; never raises (a failure is kept in load_error).
        Idempotent: a second lifespan (e.g. another test client) reuses what is loaded."""
        with self._load_lock:
            self._last_attempt = time.monotonic()
            try:
                if self._pipeline is not None:
                    return

                from assistant.chat.pipeline import AnswerPipeline
                from assistant.index.embeddings import get_embedder

                get_embedder(self.settings)
                self.model_loaded = True
                self._pipeline = AnswerPipeline.from_settings(self.settings)
                self.load_error = None
                log.info("pipeline loaded")
            except Exception as exc:
                self.load_error = f"{type(exc).__name__}: {exc}"
                log.error("pipeline load failed", extra={"error": self.load_error})
        try:
            self.catalogue.reload()
        except Exception as exc:  # the sources list must not block chat
            log.error("note catalogue failed", extra={"error": str(exc)})
        try:
            self.feedback.ensure()
        except Exception as exc:
            log.warning("feedback store not ready", extra={"error": str(exc)})

    def pipeline(self) -> AnswerPipeline:
        """The loaded pipeline, loading it again if the first attempt failed (sync: call from
        a worker thread)."""
        pipeline = self._pipeline
        if pipeline is not None:
            return pipeline
        if time.monotonic() - self._last_attempt >= RETRY_LOAD_AFTER_S:
            self.load()
        if self._pipeline is None:
            raise store_unavailable(self.load_error or "still loading")
        return self._pipeline

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    # --- readiness -----------------------------------------------------------------------
    def readiness(self) -> tuple[dict[str, bool], list[str]]:
        checks = {"model_loaded": False, "chroma_reachable": False, "index_not_empty": False}
        missing: list[str] = []
        try:
            pipeline = self.pipeline()
            checks["model_loaded"] = True
            count = hybrid(pipeline).collection.count()
            checks["chroma_reachable"] = True
            checks["index_not_empty"] = count > 0
            if count == 0:
                missing.append("index_not_empty: the collection is empty; run 'assistant ingest'")
        except ApiError:
            checks["model_loaded"] = self.model_loaded
            missing.append(f"pipeline: {self.load_error or 'not loaded'}")
        except Exception as exc:
            missing.append(f"chroma_reachable: {type(exc).__name__}: {exc}")
        for name, ok in checks.items():
            if not ok and not any(m.startswith(name) for m in missing):
                missing.append(f"{name}: failed")
        return checks, missing

    def reindex(self) -> dict[str, Any]:
        """Run the ingest (one at a time) and refresh the retriever and the catalogue."""
        from assistant.index.ingest import ingest

        with self.reindex_lock:
            retriever = hybrid(self._pipeline) if self._pipeline is not None else None
            collection = retriever.collection if retriever is not None else None
            report = ingest(self.settings, collection=collection)
            if retriever is not None:
                retriever.refresh()
            else:
                self.load()
            self.catalogue.reload()
        return {
            "ok": report.ok,
            "summary": report.summary(),
            "files": report.files,
            "chunks": report.chunks,
            "added": report.added,
            "updated": report.updated,
            "removed": report.removed,
            "unchanged": report.unchanged,
            "failed": [{"path": f.path, "reason": f.reason} for f in report.failed],
            "seconds": round(report.seconds, 3),
        }
