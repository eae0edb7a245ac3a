"""Fault: the feedback store is busy (locked, two worker processes writing at once) or
read-only. Nothing posted may be lost; a store that cannot be written is a clear 503."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.api.feedback_store import FeedbackStore
from tests.reliability.conftest import ADMIN, rel_settings

POSTS = 200


async def post_all(url: str, tag: str) -> list[int]:
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(i: int) -> int:
            body = {"answer_id": f"{tag}-{i}", "rating": "up" if i % 2 else "down"}
            if i % 3 == 0:
                body |= {"reason": "unclear", "comment": f"comment {i} <b>bold</b>"}
            response = await client.post("/api/v1/feedback", json=body)
            return response.status_code

        return await asyncio.gather(*(one(i) for i in range(POSTS)))


def hold_write_lock(db: Path, seconds: float, held: threading.Event) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")  # the store is busy: writers must wait
        held.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.server
def test_200_concurrent_posts_on_a_busy_store_are_all_stored(
    shared_api: tuple[str, Path],
) -> None:
    url, log = shared_api
    db = log.parent / "data" / "feedback.sqlite3"
    tag = f"busy-{uuid.uuid4().hex[:8]}"
    # The store exists once anything was posted; make sure of it before locking.
    assert httpx.post(
        f"{url}/api/v1/feedback", json={"answer_id": "warm", "rating": "up"}
    ).is_success
    held = threading.Event()
    locker = threading.Thread(target=hold_write_lock, args=(db, 0.5, held))
    locker.start()
    assert held.wait(10)
    statuses = asyncio.run(post_all(url, tag))
    locker.join(timeout=30)
    assert statuses == [201] * POSTS

    rows = httpx.get(f"{url}/api/v1/admin/feedback", headers=ADMIN, timeout=30).json()
    mine = [r for r in rows if r["answer_id"].startswith(f"{tag}-")]
    assert len(mine) == POSTS  # counted through the export...
    assert len({r["id"] for r in mine}) == POSTS
    with contextlib.closing(sqlite3.connect(db)) as conn:  # ...and in the file itself
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM feedback WHERE answer_id LIKE ?", (f"{tag}-%",)
        ).fetchone()
    assert count == POSTS


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` unwritable, also for root (chattr +i), or skip if this system cannot."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        try:
            yield
        finally:
            path.parent.chmod(0o755)
            path.chmod(0o644)
        return
    chattr = shutil.which("chattr")
    done = chattr and subprocess.run([chattr, "+i", str(path)], check=False).returncode == 0
    if not done:
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run([str(chattr), "-i", str(path)], check=False)


def test_read_only_store_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "store" / "feedback.sqlite3"
    FeedbackStore(db).ensure()
    with contextlib.closing(sqlite3.connect(db)) as conn:  # back to a single file
        conn.execute("PRAGMA journal_mode = DELETE")
    settings = rel_settings(tmp_path / "data", feedback_db=db)
    with read_only(db):
        # Lifespan not run: the feedback route does not need the pipeline.
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        for _ in range(3):
            response = client.post("/api/v1/feedback", json={"answer_id": "a1", "rating": "up"})
            assert response.status_code == 503, response.text
            error = response.json()["error"]
            assert error["code"] and "feedback" in error["message"].lower()
            assert "Traceback" not in response.text
        assert client.get("/healthz").status_code == 200
    assert FeedbackStore(db).all() == []  # nothing half-written
