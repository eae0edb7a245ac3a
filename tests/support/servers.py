"""Start real server processes (Chroma, uvicorn) on free loopback ports for tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(
    url: str,
    timeout_s: float = 120.0,
    ok: tuple[int, ...] = (200,),
    *,
    alive: Callable[[], bool] | None = None,
    log: Callable[[], str] | None = None,
) -> None:
    """Poll `url` until it answers with a status in `ok`. With `alive`, stop early when the
    server process has exited; `log` supplies the output tail shown in the error."""
    deadline = time.monotonic() + timeout_s
    last: object = None
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            tail = log()[-4000:] if log else ""
            raise RuntimeError(f"server exited before {url} was ready:\n{tail}")
        try:
            response = httpx.get(url, timeout=2.0)
            if response.status_code in ok:
                return
            last = response.status_code
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.25)
    tail = log()[-4000:] if log else ""
    raise TimeoutError(f"{url} not ready after {timeout_s:.0f} s (last: {last!r})\n{tail}")


class ManagedProcess:
    """A child process in its own process group, stopped (and restartable) on demand."""

    def __init__(
        self, args: list[str], env: Mapping[str, str] | None, log: Path, cwd: Path | None = None
    ) -> None:
        self.args = args
        self.env = {**os.environ, **(env or {})}
        self.log = log
        self.cwd = cwd
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ManagedProcess:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            self.args,
            env=self.env,
            cwd=self.cwd,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[tuple[ManagedProcess, str]]:
    """A real `chroma run` server on loopback with its data under `path`."""
    port = port or free_port()
    process = ManagedProcess(
        [
            str(VENV_BIN / "chroma"),
            "run",
            "--path",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=None,
        log=path.parent / f"chroma-{port}.log",
    ).start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/api/v2/heartbeat", timeout_s=60)
        yield process, url
    finally:
        process.stop()


def server_env(**values: str) -> dict[str, str]:
    """The parent's environment without any ASSISTANT_* variable, offline, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    env.update(values)
    return env


def start_api(
    root: Path, env: Mapping[str, str], *, workers: int = 1, port: int | None = None
) -> tuple[ManagedProcess, str]:
    """Start `assistant serve` (uvicorn) on loopback from `root`, so no repository .env is read.

    `env` is the complete environment (build it with `server_env`); the log is root/api-PORT.log.
    Returns at once: pair it with `wait_ready` (several replicas can then boot in parallel).
    """
    port = port or free_port()
    root.mkdir(parents=True, exist_ok=True)
    args = [
        str(VENV_BIN / "assistant"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    process = ManagedProcess(args, env=None, log=root / f"api-{port}.log", cwd=root)
    process.env = dict(env)
    return process.start(), f"http://127.0.0.1:{port}"


def wait_ready(
    process: ManagedProcess, url: str, path: str = "/healthz", timeout_s: float = 240.0
) -> None:
    """Poll `url + path` until 200; fail early with the log tail if the process exits."""
    wait_http(f"{url}{path}", timeout_s, alive=lambda: process.running, log=process.output)


@contextlib.contextmanager
def api_server(
    root: Path,
    env: Mapping[str, str],
    *,
    workers: int = 1,
    port: int | None = None,
    ready_path: str = "/healthz",
    timeout_s: float = 240.0,
) -> Iterator[tuple[ManagedProcess, str]]:
    """`start_api` + `wait_ready` (healthz by default: fault tests start servers that are not
    ready), stopped on exit."""
    process, url = start_api(root, env, workers=workers, port=port)
    try:
        wait_ready(process, url, ready_path, timeout_s)
        yield process, url
    finally:
        process.stop()
