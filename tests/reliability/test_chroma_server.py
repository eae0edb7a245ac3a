"""The scale path: ingest into a real `chroma run` server and retrieve through it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.index.ingest import ingest
from assistant.index.store import StoreUnavailableError, open_collection
from assistant.retrieval import load_retriever
from tests.conftest import FIXTURE_CORPUS, make_settings
from tests.support.servers import chroma_server, free_port

pytestmark = pytest.mark.server


def test_ingest_and_search_through_a_chroma_server(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_CORPUS, knowledge)
    with chroma_server(tmp_path / "chroma-server") as (_, url):
        settings = make_settings(tmp_path / "data", knowledge_dir=knowledge, chroma_url=url)
        first = ingest(settings)
        assert first.ok and first.added == 12
        assert ingest(settings).added == 0
        retriever = load_retriever(settings)
        docs = retriever.search("¿cuándo vence el reporte anual?", lang="es")
        assert docs[0].metadata["note_id"] == "report-es"
    # Nothing was written to the embedded store: the server held the index.
    assert not (tmp_path / "data" / "chroma").exists()


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailableError, match=r"not reachable|cannot open"):
        open_collection(settings)
