"""Run the answer pipeline off the event loop and map its failures to API errors."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Literal

from starlette.concurrency import run_in_threadpool

from assistant.api.errors import ApiError, dotted_guard_field
from assistant.api.services import Services, is_store_error, store_unavailable
from assistant.chat.answer import Answer, Message
from assistant.chat.guard import ConversationError

log = logging.getLogger("assistant.api")


async def answer(
    services: Services,
    messages: Sequence[Message],
    *,
    lang: Literal["en", "es"] | None,
    audience: Literal["investor", "sales"],
    as_of: dt.date | None,
    endpoint: str,
) -> Answer:
    """The pipeline is synchronous CPU work (embedding, BM25); a worker thread runs it so the
    event loop keeps serving other requests."""

    if services.settings.log_bodies:  # opt-in only: messages may hold client data
        log.info("chat messages", extra={"messages": [m.model_dump() for m in messages]})

    def work() -> Answer:
        pipeline = services.pipeline()
        # An empty index must not turn every question into a confident "not covered". The
        # snapshot refreshes lazily, so look again before refusing (an ingest may just have run).
        corpus = getattr(pipeline.retriever, "corpus", None)
        refresh = getattr(pipeline.retriever, "refresh", None)
        if corpus is not None and len(corpus) == 0 and (refresh is None or len(refresh()) == 0):
            raise store_unavailable("the index is empty; run 'assistant ingest'")
        return pipeline.answer(messages, lang=lang, audience=audience, as_of=as_of)

    try:
        result = await run_in_threadpool(work)
    except ConversationError as exc:
        field = dotted_guard_field(exc.field)
        raise ApiError(
            422, "invalid_conversation", f"{exc.reason}; fix '{field}' and resend.", field
        ) from exc
    except ApiError:
        raise
    except Exception as exc:
        if is_store_error(exc):
            raise store_unavailable(f"{type(exc).__name__}: {exc}") from exc
        raise
    services.metrics.answer(result.status.value, result.lang, endpoint)
    return result
