"""Answer feedback in SQLite (WAL). Failures surface as `sqlite3.Error`, which the API turns
into a 503; the store never takes the process down."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    reason TEXT,
    comment TEXT
)
"""
COLUMNS = ("id", "created_at", "answer_id", "rating", "reason", "comment")
# Spreadsheet apps run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class FeedbackStore:
    def __init__(self, path: Path, busy_timeout_ms: int = 2000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._ready = False
        self._init_lock = threading.Lock()
        # One writer per process at a time: dozens of threads polling SQLite's busy handler
        # starve each other past busy_timeout (seen as 503s under 200 concurrent posts).
        self._write_lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            yield conn
        finally:
            conn.close()

    def ensure(self) -> None:
        """Create the file and table once; retried on the next call if it failed."""
        if self._ready:
            return
        with self._init_lock:
            if self._ready:
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise sqlite3.OperationalError(f"cannot create {self.path.parent}: {exc}") from exc
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute(_SCHEMA)
            self._ready = True

    def add(self, answer_id: str, rating: str, reason: str | None, comment: str | None) -> int:
        self.ensure()
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._write_lock, self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, answer_id, rating, reason, comment) "
                "VALUES (?, ?, ?, ?, ?)",
                (created, answer_id, rating, reason, comment),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[dict[str, Any]]:
        self.ensure()
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [dict(row) for row in rows]

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in self.all():
            writer.writerow([csv_safe(row[c]) for c in COLUMNS])
        return buffer.getvalue()
