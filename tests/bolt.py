"""A real Bolt server for the Neo4j tests.

If ``NEO4J_URI`` is set, the tests use that server (``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``): a real Neo4j. Otherwise they start ArcadeDB (PyPI ``arcadedb-embedded``,
its own Java runtime) with its Bolt plugin on 127.0.0.1, in a child process, which announces itself as
Neo4j 5.26-compatible. These are Bolt/Cypher conformance tests of wetgraaf's writer and
queries against a real server speaking the protocol, not a Neo4j benchmark.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass

_QUIET = (
    "handlers = java.util.logging.ConsoleHandler\n.level = WARNING\njava.util.logging.ConsoleHandler.level = WARNING\n"
)


@dataclass(frozen=True)
class BoltServer:
    uri: str
    user: str
    password: str
    database: str | None
    real_neo4j: bool


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def bolt_server() -> Iterator[BoltServer]:
    """A Bolt server for the duration of the block: NEO4J_URI if set, else ArcadeDB.

    ArcadeDB runs in a child process (``python tests/bolt.py --serve``), as a real server
    would: its JVM never shares the test process (in-process, the JVM intermittently
    crashed the interpreter at exit).
    """
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
            True,
        )
        return
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        line = _read_ready_line(proc, timeout=180)
        fields = dict(kv.split("=", 1) for kv in line.split())
        yield BoltServer(fields["BOLT_URI"], fields["USER"], fields["PASSWORD"], fields["DATABASE"], False)
    finally:
        if proc.stdin is not None:
            proc.stdin.close()  # the server stops when its stdin closes
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _read_ready_line(proc: subprocess.Popen[str], timeout: float) -> str:
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    if not result or not result[0].startswith("BOLT_URI="):
        proc.kill()
        raise RuntimeError(f"the ArcadeDB Bolt server did not start within {timeout} s (exit code {proc.poll()})")
    return result[0].strip()


def _serve() -> None:
    """Start ArcadeDB with its Bolt plugin on loopback, print where, serve until stdin closes."""
    import jpype
    from arcadedb_embedded.jvm import start_jvm
    from arcadedb_embedded.server import ArcadeDBServer

    root = tempfile.mkdtemp(prefix="wetgraaf-arcadedb-")
    try:
        if not jpype.isJVMStarted():  # quiet logging, nothing written to the CWD
            logging_conf = os.path.join(root, "logging.properties")
            with open(logging_conf, "w") as fh:
                fh.write(_QUIET)
            start_jvm(heap_size="1g", jvm_args=[f"-Djava.util.logging.config.file={logging_conf}"])
        password = "wetgraaf-test-password"  # ArcadeDB wants >= 8 characters
        bolt_port, http_port = _free_port(), _free_port()
        os.chdir(root)
        srv = ArcadeDBServer(
            root_path=os.path.join(root, "databases"),
            root_password=password,
            config={
                "host": "127.0.0.1",
                "http_port": http_port,
                "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": bolt_port,
            },
        )
        srv.start()
        try:
            srv.create_database("wetgraaf")  # without a database every query fails
            print(f"BOLT_URI=bolt://127.0.0.1:{bolt_port} USER=root PASSWORD={password} DATABASE=wetgraaf", flush=True)
            sys.stdin.read()  # until the parent closes our stdin
        finally:
            srv.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    os._exit(0)  # skip interpreter teardown with a live JVM


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        _serve()
