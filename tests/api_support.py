"""Shared for the API tests: one corpus (bundled laws) built once, apps made from it, a live server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
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


def cypher_attacks(tmp: str, listener: str) -> list[str]:
    """Cypher that is not a plain read: writes, files, network, extensions, databases, settings,
    hidden behind comments, strings and escapes (the attack run of issue 15 and more)."""
    return [
        # the attack run's: CHECKPOINT, and hiding it behind comments, strings and escapes
        "CHECKPOINT",
        "checkpoint;",
        "MATCH (n) RETURN count(n); CHECKPOINT",
        "RETURN 1 /* **/ ' */ ; CHECKPOINT //'",
        "RETURN 1 //x\rCHECKPOINT",
        "RETURN 1 // harmless\nCHECKPOINT",
        "RETURN 'a\\'' ; CHECKPOINT //'",
        "RETURN 1 \\u003B CHECKPOINT",
        "RETURN 1 UNION CHECKPOINT",
        "RETURN 1 \u2028CHECKPOINT",
        "\ufeffCHECKPOINT",
        "RETURN 1 /* /* */ CHECKPOINT */",
        "RETURN `a``` ; CHECKPOINT",
        'RETURN "a\\"" ; CHECKPOINT //"',
        "MATCH (n) RETURN n ＣＨＥＣＫＰＯＩＮＴ",
        # writes
        "CREATE (t:Term {key: 'x'})",
        "MATCH (t:Term) RETURN t.key // harmless\nCREATE (x:Term {key: 'y'})",
        "RETURN 1 /* */ CREATE (n:Term {key: 'z'})",
        "MERGE (t:Term {key: 'partner'}) SET t.name = 'x'",
        "MATCH (t:Term) SET t.key = 'x'",
        "MATCH (t:Term) DELETE t",
        "MATCH (t:Term) DETACH DELETE t",
        "MATCH (t:Term) REMOVE t.key",
        "UNWIND [1] AS x CREATE (:Term {key: string(x)})",
        "FOREACH (x IN [1] | CREATE (:Term {key: 'f'}))",
        "CALL { CREATE (:Term {key: 'c'}) } RETURN 1",
        "MATCH (n) WITH n CALL { WITH n SET n.key = 'w' } RETURN n",
        "MATCH (n) RETURN n \\u0043REATE (m:Term {key: 'u'})",
        "DROP TABLE Term",
        "ALTER TABLE Term ADD x STRING",
        "CREATE NODE TABLE X (k STRING, PRIMARY KEY (k))",
        "CREATE INDEX FOR (t:Term) ON (t.key)",
        "RETURN 1; DROP TABLE Term",
        # files, network, extensions, databases, transactions, settings
        f"COPY (MATCH (t:Term) RETURN t.key) TO '{tmp}/leak.csv'",
        "COPY Term FROM '/etc/hostname'",
        "LOAD FROM '/etc/hostname' (file_format='csv') RETURN *",
        f"LOAD FROM '{listener}' RETURN *",
        f"LOAD CSV FROM '{listener}' AS line RETURN line",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "LOAD EXTENSION json",
        "LOAD EXTENSION httpfs",
        "INSTALL json",
        "INSTALL httpfs",
        f"ATTACH '{tmp}/other.lbug' AS other (dbtype lbug)",
        "DETACH other",
        "USE other",
        f"EXPORT DATABASE '{tmp}/export'",
        f"IMPORT DATABASE '{tmp}/export'",
        "BEGIN TRANSACTION",
        "BEGIN TRANSACTION READ ONLY",
        "COMMIT",
        "ROLLBACK",
        "CALL threads=1",
        "CALL timeout=100000000",
        "CALL current_setting('threads') RETURN *",
        "CALL `show_tables`() RETURN *",
        f"CALL apoc.load.json('{listener}') YIELD value RETURN value",
        "CALL dbms.killQueries(['1'])",
        "CALL db.createLabel('X')",
        "EXPLAIN MATCH (n) RETURN n",
        "PROFILE MATCH (n) RETURN count(n)",
        "USING PERIODIC COMMIT LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
        # what cannot be read exactly is refused, not guessed
        "RETURN 'unterminated",
        "RETURN 1 /* unterminated",
        "RETURN 1 \\ CREATE (n)",
        "RETURN 1 \x00 CREATE (n)",
    ]


def service_attacks(url: str) -> list[str]:
    """SPARQL that would make the server fetch ``url``: SERVICE in every kind of group, behind
    escapes and comments, and LOAD."""
    s = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    return [
        f"SELECT * WHERE {{ BIND(<http://a/\\u0041#x> AS ?z) {s} }}",  # the attack run's query
        f"SELECT * WHERE {{ {s} }}",
        f"select * where {{ service silent <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ # comment\r {s} \n }}",
        f'SELECT * WHERE {{ BIND("a\\u0022 ) }} " AS ?q) {s} }}',
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ {s} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {s} }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ {s} }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {s} }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ {s} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ SELECT ?a WHERE {{ {s} }} }} }}",
        f"ASK {{ GRAPH ?g {{ {s} }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {s} }}",
        f"DESCRIBE ?a WHERE {{ {s} }}",
        f"SELECT (EXISTS {{ {s} }} AS ?e) WHERE {{}}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ SERVICE ?x {{ ?a ?b ?c }} VALUES ?x {{ <{url}> }} }}",
        f"LOAD <{url}>",
        f"LOAD SILENT <{url}> INTO GRAPH <http://g>",
    ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(
    args: list[str], log: Path, env: dict[str, str], port: int, timeout_s: float = 900
) -> subprocess.Popen[bytes]:
    """``wetgraaf serve ARGS --port PORT`` as a user starts it (its own session, output to ``log``),
    once ``/health`` says ok; fails the test with the end of the log if it ends or never comes up."""
    import httpx
    import pytest

    from tests.conftest import ROOT

    fh = open(log, "wb")  # noqa: SIM115 - the process writes to it until it ends
    proc = subprocess.Popen(
        [sys.executable, "-m", "wetgraaf.cli", "serve", *args, "--port", str(port)],
        cwd=ROOT,
        stdout=fh,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    fh.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            pytest.fail(f"wetgraaf serve ended: {log.read_text()[-3000:]}")
        try:
            if httpx.get(url + "/health", timeout=5).json().get("status") == "ok":
                return proc
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("wetgraaf serve did not come up")
        time.sleep(0.5)
