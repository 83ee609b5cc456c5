"""`wetgraaf load --neo4j` end to end, against the Bolt server of tests/bolt.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bolt import bolt_server
from tests.conftest import corpus_file

pytest.importorskip("neo4j")


def test_load_command_twice(tmp_path: Path) -> None:
    files = [str(corpus_file("BWBR0018451_2025-01-01_0.xml")), str(corpus_file("BWBR0018451_2012-snapshot.xml"))]
    with bolt_server() as srv:
        if srv.real_neo4j:
            pytest.skip("does not write the CLI test corpus into a real database")
        env = {**os.environ, "WETGRAAF_NEO4J_PASSWORD": srv.password}
        cmd = [
            sys.executable,
            "-m",
            "wetgraaf.cli",
            "load",
            "--neo4j",
            srv.uri,
            "--user",
            srv.user,
            "--database",
            srv.database or "",
            "--out",
            str(tmp_path),
            *files,
        ]
        first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert first.returncode == 0, first.stderr
        assert srv.password not in first.stdout + first.stderr
        second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert second.returncode == 0, second.stderr
        assert "created 0 nodes and 0 relationships" in second.stderr.replace("\n", " ")
        assert "Definition" in second.stdout
        bad = subprocess.run(
            [*cmd[:5], "bolt://127.0.0.1:1", *cmd[6:]], capture_output=True, text=True, env=env, timeout=300
        )
        assert bad.returncode == 1 and "Neo4j load failed" in bad.stderr
