"""A real Bolt server for the Neo4j tests.

If ``NEO4J_URI`` is set, the tests use that server (``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``): a real Neo4j. Otherwise they start ArcadeDB (PyPI ``arcadedb-embedded``,
its own Java runtime) with its Bolt plugin on 127.0.0.1, which announces itself as
Neo4j 5.26-compatible. These are Bolt/Cypher conformance tests of wetgraaf's writer and
queries against a real server speaking the protocol, not a Neo4j benchmark.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
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
    if os.environ.get("NEO4J_URI"):
        yield BoltServer(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
            True,
        )
        return
    import jpype
    from arcadedb_embedded.jvm import start_jvm
    from arcadedb_embedded.server import ArcadeDBServer

    root = tempfile.mkdtemp(prefix="wetgraaf-arcadedb-")
    if not jpype.isJVMStarted():  # one JVM per process; quiet logging, nothing written to the CWD
        logging_conf = os.path.join(root, "logging.properties")
        with open(logging_conf, "w") as fh:
            fh.write(_QUIET)
        start_jvm(heap_size="1g", jvm_args=[f"-Djava.util.logging.config.file={logging_conf}"])
    password = "wetgraaf-test-password"  # ArcadeDB wants >= 8 characters
    bolt_port, http_port = _free_port(), _free_port()
    cwd = os.getcwd()
    os.chdir(root)
    try:
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
    finally:
        os.chdir(cwd)
    try:
        srv.create_database("wetgraaf")  # without a database every query fails
        yield BoltServer(f"bolt://127.0.0.1:{bolt_port}", "root", password, "wetgraaf", False)
    finally:
        srv.stop()
        shutil.rmtree(root, ignore_errors=True)
