"""Shared for the API tests: one corpus (bundled laws) built once, apps made from it, a live server."""

from __future__ import annotations

import socket
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from wetgraaf.api import Settings, create_app
from wetgraaf.api.corpus import Corpus

TOKENS = {"token-alice-0123456789": "alice", "token-bob-0123456789": "bob"}
ALICE = {"Authorization": "Bearer token-alice-0123456789"}
BOB = {"Authorization": "Bearer token-bob-0123456789"}


@cache
def corpus(out: str) -> Corpus:
    from tests.conftest import bundled_documents

    c = Corpus.from_documents(bundled_documents(), Path(out))
    c.build_stores()
    return c


def make_app(out: Path, review_db: Path, **settings: Any):  # type: ignore[no-untyped-def]
    c = corpus(str(out))
    s = Settings(out=out, review_db=review_db, tokens=TOKENS, **settings)
    return create_app(s, corpus=c)


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class Listener:
    """A TCP server on 127.0.0.1 that accepts and records whatever connects."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/x"

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def close(self) -> None:
        self._stop = True
        self.thread.join(2)
        self.sock.close()
