from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.index.ingest import ingest
from assistant.index.store import fetch_all, open_collection
from assistant.knowledge.loader import load_document
from tests.conftest import FIXTURE_CORPUS, make_settings
from tests.index.pdfs import encrypted_pdf, text_pdf


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


def _chunks(settings_dir: Path, corpus: Path) -> dict[str, dict]:
    settings = make_settings(settings_dir, knowledge_dir=corpus)
    records = fetch_all(open_collection(settings))
    return dict(zip(records["ids"], records["metadatas"], strict=True))


def test_first_ingest_adds_every_section_and_reingest_adds_nothing(
    tmp_path: Path, corpus: Path
) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    first = ingest(settings)
    assert first.ok and first.files == 8
    assert first.added == first.chunks == 12
    second = ingest(settings)
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == 12
    assert "0 added" in second.summary()


def test_chunks_carry_note_section_language_and_references(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    ingest(settings)
    metas = list(_chunks(tmp_path / "data", corpus).values())
    lease = next(m for m in metas if m["section"] == "How long must the lease of the plant run?")
    assert lease["note_id"] == "lease-en"
    assert lease["lang"] == "en"
    assert lease["references"] == "SE, trámite SE-03-074-B"
    assert (
        lease["heading_path"] == "Premises and leases | How long must the lease of the plant run?"
    )
    assert lease["as_of"] == "2026-02-12"


def test_edits_and_deletions_propagate(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    ingest(settings)
    note = corpus / "en" / "exports.md"
    note.write_text(note.read_text().replace("USD 500,000", "USD 500,000 (strictly more)"))
    (corpus / "es" / "molds.md").unlink()
    report = ingest(settings)
    assert report.updated == 1
    assert report.removed == 1
    assert report.added == 0
    texts = fetch_all(open_collection(settings))["documents"]
    assert any("strictly more" in t for t in texts)
    assert not any("moldes importados" in t for t in texts)
    assert len(texts) == 11


def test_a_new_section_is_added_and_a_removed_one_deleted(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    ingest(settings)
    note = corpus / "en" / "report.md"
    text = note.read_text()
    head, _late = text.split("## What happens if the annual report is late?")
    note.write_text(head + "## Where is it filed?\n> **Ref:** SE\n\nOn VUCEM.\n")
    report = ingest(settings)
    assert (report.added + report.updated, report.removed + report.updated) == (1, 1)
    assert report.chunks == 12


BAD_FILES = {
    "latin1.md": ("not valid UTF-8", lambda p: p.write_bytes("Año fiscal".encode("latin-1"))),
    "empty.md": ("is empty", lambda p: p.write_text("  \n")),
    "no-close.md": ("closing '---'", lambda p: p.write_text("---\nid: x-en\ntitle: T\n")),
    "bad-yaml.md": ("YAML error", lambda p: p.write_text("---\nid: [unclosed\n---\nbody\n")),
    "bad-meta.md": (
        "lang",
        lambda p: p.write_text(
            "---\nid: thing-en\ntitle: Thing\nlang: fr\ntopics: [a]\nreferences: [r]\n"
            "sources: ['https://x.mx']\nas_of: 2026-01-01\ntranslation: thing-es\n---\n\nText\n"
        ),
    ),
    "garbage.pdf": ("unreadable PDF", lambda p: p.write_bytes(b"%PDF-1.4 this is not a pdf")),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_named_skipped_and_the_rest_ingested(
    tmp_path: Path, corpus: Path, name: str
) -> None:
    reason, make = BAD_FILES[name]
    make(corpus / "en" / name)
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    report = ingest(settings)
    assert not report.ok
    assert [f.path.endswith(name) for f in report.failed] == [True]
    assert reason in report.failed[0].reason
    assert report.chunks == 12


def test_encrypted_pdf_is_refused(tmp_path: Path, corpus: Path) -> None:
    plain = text_pdf(tmp_path / "plain.pdf", "IMMEX annual report guide")
    encrypted_pdf(corpus / "en" / "locked.pdf", plain)
    report = ingest(make_settings(tmp_path / "data", knowledge_dir=corpus))
    assert len(report.failed) == 1
    assert "encrypted PDF" in report.failed[0].reason


def test_a_broken_edit_keeps_the_previous_chunks_serving(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    ingest(settings)
    (corpus / "en" / "lease.md").write_bytes(b"---\nid: lease-en\n\xff\xfe truncated")
    report = ingest(settings)
    assert len(report.failed) == 1
    assert report.removed == 0
    metas = _chunks(tmp_path / "data", corpus).values()
    assert sum(1 for m in metas if m["note_id"] == "lease-en") == 2


def test_text_html_and_pdf_documents_are_ingested(tmp_path: Path, corpus: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "notes.txt").write_text("Virtual transfers between IMMEX companies use pedimentos.\n")
    (extra / "page.html").write_text(
        "<html><head><title>Shelter guide</title><script>var x=1;</script></head>"
        "<body><h1>Shelter</h1><p>A foreign company supplies technology.</p></body></html>"
    )
    text_pdf(extra / "guide.pdf", "Annex 24 inventory control system")
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    report = ingest(settings, [extra])
    assert report.ok and report.files == 3 and report.added == 3
    docs = fetch_all(open_collection(settings))["documents"]
    assert any("Annex 24 inventory control" in d for d in docs)
    assert not any("var x" in d for d in docs)
    html = load_document(extra / "page.html")
    assert html.title == "Shelter guide"


def test_ingesting_one_folder_leaves_other_folders_alone(tmp_path: Path, corpus: Path) -> None:
    settings = make_settings(tmp_path / "data", knowledge_dir=corpus)
    ingest(settings)
    (corpus / "es" / "lease.md").unlink()
    report = ingest(settings, [corpus / "en"])
    assert report.removed == 0
    assert ingest(settings).removed == 2
