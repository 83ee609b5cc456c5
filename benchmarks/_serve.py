"""Start and stop a real `wetgraaf serve` for the benchmarks (never used by the package)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(
    args: list[str],
    log_path: Path,
    ready_path: str,
    ready: Callable[[httpx.Response], bool],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 5.0,
    poll: float = 0.05,
) -> Iterator[tuple[subprocess.Popen[bytes], str, httpx.Response]]:
    """``wetgraaf serve ARGS --port P`` in its own session, its output in ``log_path`` (a file, not a
    pipe that could fill up and block the server); yields (process, base URL, the first answer of
    ``ready_path`` that ``ready`` accepts) and ends the server's process group afterwards. Stops with
    the end of the log if the server exits first."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "wetgraaf.cli", "serve", *args, "--port", str(port)]
    print(f"starting: {' '.join(cmd)}", file=sys.stderr)
    with open(log_path, "w+b") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"server exited: {log.read().decode()[-2000:]}")
                try:
                    r = httpx.get(base + ready_path, timeout=timeout)
                    if ready(r):
                        break
                except (httpx.HTTPError, ValueError):
                    time.sleep(poll)
            yield proc, base, r
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
