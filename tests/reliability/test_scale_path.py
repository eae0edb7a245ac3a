"""The scale path end to end: one real `chroma run`, an ingest into it, and two API replicas
(separate uvicorn processes with ASSISTANT_CHROMA_URL) that give identical answers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from evals.load_test import DEFAULT_MIX, canonical, complete
from tests.conftest import REPO_ROOT
from tests.reliability.conftest import api_env
from tests.support.servers import VENV_BIN, chroma_server, server_env, start_api, wait_ready

pytestmark = pytest.mark.server

MARKER = "zephyr-quokka"
# A note that exists only in this test, ingested through the server: both replicas must find it.
PROBE_NOTE = f"""---
id: replica-probe-en
title: "Replica probe"
lang: en
topics: [faq]
references: ["Decreto IMMEX, art. 1"]
sources: ["https://www.snice.gob.mx"]
as_of: 2026-11-26
translation: replica-probe-es
---

# Replica probe

## What is the {MARKER} replica check?
> **Ref:** Decreto IMMEX, art. 1

The {MARKER} replica check is a paragraph that exists only in this test's index. Two API
replicas that share one Chroma server must both find it after one ingest into that server.
"""


def ingest_cli(env: dict[str, str], cwd: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "assistant"), "ingest", "--no-progress", str(path)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def ask(url: str, payload: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{url}/api/v1/chat", json=payload, timeout=60)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert complete(body), body
    return body


def test_two_replicas_on_one_chroma_server_answer_identically(
    index_dir: Path, tmp_path: Path
) -> None:
    knowledge = REPO_ROOT / "knowledge"
    probe = tmp_path / "extra" / "replica-probe-en.md"
    probe.parent.mkdir()
    probe.write_text(PROBE_NOTE, encoding="utf-8")
    # The server starts from a copy of the session index of knowledge/ (chunk ids depend on the
    # file paths, so the copy is current); the ingest below adds the probe note through the
    # server, which keeps this test inside the CI budget.
    server_path = tmp_path / "chroma-server"
    shutil.copytree(index_dir / "chroma", server_path)

    with chroma_server(server_path) as (_, chroma_url):
        ingest_env = server_env(
            ASSISTANT_CHROMA_URL=chroma_url,
            ASSISTANT_KNOWLEDGE_DIR=str(knowledge),
            ASSISTANT_DATA_DIR=str(tmp_path / "ingest-data"),
        )
        done = ingest_cli(ingest_env, tmp_path, probe)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 files (0 failed)" in done.stdout and "0 removed" in done.stdout, done.stdout
        assert re.search(r"\b[1-9]\d* added", done.stdout), done.stdout

        replicas = []
        for name in ("replica-a", "replica-b"):
            env = api_env(
                tmp_path / name / "data",
                ASSISTANT_CHROMA_URL=chroma_url,
                ASSISTANT_KNOWLEDGE_DIR=str(knowledge),
            )
            replicas.append(start_api(tmp_path / name, env))
        try:
            for process, url in replicas:  # booted in parallel, checked one by one
                wait_ready(process, url, "/readyz")
            (_, url_a), (_, url_b) = replicas
            mix = [
                *DEFAULT_MIX,
                {"messages": [{"role": "user", "content": f"What is the {MARKER} replica check?"}]},
            ]
            for payload in mix:
                a, b = ask(url_a, payload), ask(url_b, payload)
                assert a["answer_id"] != b["answer_id"]  # two separate answers...
                assert canonical(a) == canonical(b), payload  # ...with the same content
            # Both replicas read the section that only the server's ingest put in the index.
            marker = ask(url_a, mix[-1])
            cited = " ".join(c["snippet"] for c in marker["citations"])
            assert MARKER in marker["text"] + cited, marker
        finally:
            for process, _ in replicas:
                process.stop()
    # The replicas held no index of their own: everything came from the Chroma server.
    for name in ("replica-a", "replica-b"):
        assert not (tmp_path / name / "data" / "chroma").exists()
