from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.index.ingest import ingest
from assistant.retrieval import HybridRetriever, load_retriever, reciprocal_rank_fusion
from assistant.retrieval.text import tokenize, tokenize_query
from tests.conftest import FIXTURE_CORPUS, make_settings


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hybrid")
    shutil.copytree(FIXTURE_CORPUS, root / "knowledge")
    assert ingest(make_settings(root / "data", knowledge_dir=root / "knowledge")).ok
    return root


@pytest.fixture(scope="module")
def retriever(fixture_index: Path) -> HybridRetriever:
    return load_retriever(
        make_settings(fixture_index / "data", knowledge_dir=fixture_index / "knowledge")
    )


QUERIES = [
    ("how long must a plant lease last", "en", "lease-en"),
    ("can two IMMEX companies share the same building?", "en", "lease-en"),
    ("when do we have to file the annual report", "en", "report-en"),
    ("what if we file the yearly report late", "en", "report-en"),
    ("minimum exports to qualify", "en", "exports-en"),
    ("how long can molds stay in Mexico", "en", "molds-en"),
    ("¿cuánto tiempo debe durar el contrato de arrendamiento?", "es", "lease-es"),
    ("¿pueden dos empresas compartir un inmueble?", "es", "lease-es"),
    ("¿cuándo vence el reporte anual?", "es", "report-es"),
    ("¿que pasa si presento tarde el reporte?", "es", "report-es"),
    ("¿cuánto hay que exportar?", "es", "exports-es"),
    ("¿cuanto tiempo pueden quedarse los moldes?", "es", "molds-es"),
]


@pytest.mark.parametrize(("query", "lang", "expected"), QUERIES)
def test_expected_note_ranks_first(
    retriever: HybridRetriever, query: str, lang: str, expected: str
) -> None:
    docs = retriever.search(query, lang=lang)
    assert docs[0].metadata["note_id"] == expected


@pytest.mark.parametrize(("query", "lang", "expected"), QUERIES)
def test_expected_note_ranks_first_without_a_language_filter(
    retriever: HybridRetriever, query: str, lang: str, expected: str
) -> None:
    docs = retriever.search(query)
    assert docs[0].metadata["note_id"].rsplit("-", 1)[0] == expected.rsplit("-", 1)[0]


def test_documents_carry_scores_and_metadata(retriever: HybridRetriever) -> None:
    doc = retriever.search("when is the annual report due", k=1, lang="en")[0]
    meta = doc.metadata
    assert meta["references"] == ["Decreto IMMEX, art. 25"]
    assert meta["section"] == "When is the annual report due?"
    assert meta["url"].startswith("https://")
    assert meta["score"] > 0
    assert 0 < meta["relevance"] <= 1
    assert meta["dense_rank"] == 1 or meta["bm25_rank"] == 1


def test_language_and_topic_filters(retriever: HybridRetriever) -> None:
    spanish = retriever.search("lease contract", lang="es", k=10)
    assert spanish and {d.metadata["lang"] for d in spanish} == {"es"}
    goods = retriever.search("how long", topics=["goods"], k=10)
    assert goods and {d.metadata["note_id"] for d in goods} <= {"molds-en", "molds-es"}
    assert retriever.search("anything", topics=["no-such-topic"]) == []


def test_langchain_invoke_returns_documents(retriever: HybridRetriever) -> None:
    docs = retriever.invoke("annual report")
    assert docs and docs[0].metadata["note_id"].startswith("report-")


def test_unrelated_question_scores_low_relevance(retriever: HybridRetriever) -> None:
    off = retriever.best_relevance(retriever.search("best pizza recipe with pineapple"))
    on = retriever.best_relevance(retriever.search("how long must the plant lease run"))
    assert on > off


def test_rrf_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "a", "d"]], [1.0, 1.0], k=60)
    assert fused["a"] == fused["b"] > fused["c"] == fused["d"]
    weighted = reciprocal_rank_fusion([["a"], ["b"]], [1.0, 2.0], k=60)
    assert weighted["b"] > weighted["a"]


def test_spanish_tokens_fold_accents_stopwords_and_stems() -> None:
    assert tokenize("Las exportaciones", "es") == tokenize("exportación", "es")
    assert tokenize("USD 500,000", "en") == ["usd", "500000"]
    assert "de" not in tokenize_query("plazo de la importación", None)


def test_search_cli_json_and_human(fixture_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(fixture_index / "data"))
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(fixture_index / "knowledge"))
    runner = CliRunner()
    result = runner.invoke(app, ["search", "¿cuándo vence el reporte?", "--lang", "es", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["note_id"] == "report-es"
    human = runner.invoke(app, ["search", "plant lease", "--k", "2"])
    assert human.exit_code == 0
    assert "[lease-en]" in human.output and "ref: SE, trámite SE-03-074-B" in human.output
    bad = runner.invoke(app, ["search", "x", "--lang", "fr"])
    assert bad.exit_code == 2


def test_ingest_cli_reports_and_sets_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_CORPUS, knowledge)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(knowledge))
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "--no-progress"])
    assert first.exit_code == 0
    assert "12 added" in first.output
    (knowledge / "en" / "broken.md").write_bytes(b"\xff\xfe")
    second = runner.invoke(app, ["ingest", "--no-progress"])
    assert second.exit_code == 1
    assert "broken.md" in second.output and "0 added" in second.output


def test_a_running_retriever_sees_an_edit_that_keeps_the_chunk_count(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_CORPUS, knowledge)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge)
    ingest(settings)
    retriever = load_retriever(settings)
    retriever.refresh_interval_s = 0.0
    before = retriever.search("how long can molds stay", lang="en", k=1)[0]
    assert "while the program is in force" in before.page_content
    note = knowledge / "en" / "molds.md"
    note.write_text(note.read_text().replace("in force", "valid (edited)"))
    report = ingest(settings)  # another process in production: here the same store, new client
    assert report.updated == 1 and report.chunks == 12
    after = retriever.search("how long can molds stay", lang="en", k=1)[0]
    assert "valid (edited)" in after.page_content
