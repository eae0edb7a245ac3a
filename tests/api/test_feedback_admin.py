"""Feedback storage and export, reindex, and the store failing safely."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api.feedback_store import csv_safe
from tests.api.conftest import ADMIN
from tests.api.helpers import assert_error

HTML = '<img src=x onerror="alert(1)"><b>bold</b>'


def test_feedback_is_stored_and_exported(client: TestClient) -> None:
    r = client.post(
        "/api/v1/feedback",
        json={"answer_id": "a1b2", "rating": "down", "reason": "unclear", "comment": HTML},
    )
    assert r.status_code == 201
    created = r.json()
    assert created["stored"] is True and created["id"] >= 1
    rows = client.get("/api/v1/admin/feedback", headers=ADMIN).json()
    row = next(x for x in rows if x["id"] == created["id"])
    assert row["comment"] == HTML  # stored as written
    assert row["rating"] == "down" and row["reason"] == "unclear"


def test_json_export_is_never_rendered(client: TestClient) -> None:
    r = client.get("/api/v1/admin/feedback?format=json", headers=ADMIN)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in r.headers["content-security-policy"]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_export_guards_formula_injection(client: TestClient, prefix: str) -> None:
    comment = f'{prefix}HYPERLINK("http://evil.example","click")'
    r = client.post(
        "/api/v1/feedback", json={"answer_id": "f1", "rating": "up", "comment": comment}
    )
    new_id = r.json()["id"]
    export = client.get("/api/v1/admin/feedback?format=csv", headers=ADMIN)
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert export.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(export.text, newline="")))
    row = next(x for x in rows if x["id"] == str(new_id))
    assert row["comment"] == "'" + comment


def test_csv_safe_leaves_plain_text_alone() -> None:
    assert csv_safe("fine text") == "fine text"
    assert csv_safe(None) == ""
    assert csv_safe(12) == "12"
    assert csv_safe("-1") == "'-1"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answer_id": "a", "rating": "meh"}, "rating"),
        ({"answer_id": "a", "rating": "up", "reason": "boring"}, "reason"),
        ({"answer_id": "a", "rating": "up", "comment": "x" * 2001}, "comment"),
        ({"rating": "up"}, "answer_id"),
    ],
)
def test_invalid_feedback_is_422(client: TestClient, body: dict[str, object], field: str) -> None:
    assert assert_error(client.post("/api/v1/feedback", json=body), 422)["field"] == field


def test_unwritable_feedback_store_is_503(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    c = make_client(feedback_db=blocker / "feedback.sqlite3")
    r = c.post("/api/v1/feedback", json={"answer_id": "a", "rating": "up"})
    assert_error(r, 503, "feedback_store_unavailable")
    assert_error(c.get("/api/v1/admin/feedback", headers=ADMIN), 503)


def test_busy_feedback_store_is_503_then_recovers(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    db = tmp_path / "busy.sqlite3"
    c = make_client(feedback_db=db, feedback_busy_timeout_ms=50)
    assert c.post("/api/v1/feedback", json={"answer_id": "a", "rating": "up"}).status_code == 201
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = c.post("/api/v1/feedback", json={"answer_id": "b", "rating": "up"})
        assert_error(r, 503, "feedback_store_unavailable")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert c.post("/api/v1/feedback", json={"answer_id": "c", "rating": "up"}).status_code == 201


def test_feedback_db_uses_wal(make_client: Callable[..., TestClient], tmp_path: Path) -> None:
    db = tmp_path / "wal.sqlite3"
    c = make_client(feedback_db=db)
    assert c.post("/api/v1/feedback", json={"answer_id": "a", "rating": "up"}).status_code == 201
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reindex_runs_the_ingest(client: TestClient) -> None:
    r = client.post("/api/v1/admin/reindex", headers=ADMIN)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["ok"] is True and report["chunks"] > 0
    assert report["unchanged"] == report["chunks"] and report["added"] == 0
    assert (
        client.post(
            "/api/v1/chat", json={"messages": [{"role": "user", "content": "What is PROSEC?"}]}
        ).status_code
        == 200
    )
