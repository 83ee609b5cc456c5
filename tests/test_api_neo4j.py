"""The API reading Cypher from a Bolt server (``cypher_backend="neo4j"``), here tests/bolt.py's.

The server is ArcadeDB's Bolt endpoint unless NEO4J_URI points at a real Neo4j (then this
test is skipped, as it writes). ArcadeDB does not enforce read transactions, so the write
refusal seen here is the guard's; against Neo4j the read transaction refuses too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.bolt import bolt_server
from tests.conftest import parsed

pytest.importorskip("neo4j")


def test_api_answers_cypher_from_the_bolt_server(tmp_path: Path) -> None:
    from wetgraaf.api import Settings, create_app
    from wetgraaf.api.corpus import Corpus
    from wetgraaf.graph.model import build_model
    from wetgraaf.graph.stores import open_store

    doc = parsed("BWBR0018451_2025-01-01_0.xml")  # Wet op de zorgtoeslag
    with bolt_server() as srv:
        if srv.real_neo4j:
            pytest.skip("does not write the test corpus into a real database")
        store = open_store("neo4j", uri=srv.uri, user=srv.user, password=srv.password, database=srv.database)
        store.load(build_model([doc]))
        store.close()
        corpus = Corpus.from_documents([doc], tmp_path)
        corpus.build_stores()
        settings = Settings(
            out=tmp_path,
            cypher_backend="neo4j",
            neo4j_uri=srv.uri,
            neo4j_user=srv.user,
            neo4j_password=srv.password,
            neo4j_database=srv.database,
        )
        with TestClient(create_app(settings, corpus=corpus)) as c:
            assert c.get("/health").json()["cypher_backend"] == "neo4j"
            r = c.get("/queries/definitions_of_term", params={"term": "zorgverzekering", "backend": "cypher"})
            assert r.status_code == 200, r.text
            rows = r.json()["rows"]
            # Wet op de zorgtoeslag, art. 1(1)(b): "zorgverzekering: de schadeverzekering, bedoeld in artikel 1,
            # onder d, van de Zorgverzekeringswet"
            assert any("schadeverzekering" in str(row) for row in rows), rows
            n = c.post("/cypher", json={"query": "MATCH (d:Definition) RETURN count(d) AS n"}).json()["rows"][0][0]
            assert n == len(doc.definitions)
            refused = c.post("/cypher", json={"query": "MATCH (d:Definition) DETACH DELETE d"})
            assert refused.status_code == 403, refused.text
            again = c.post("/cypher", json={"query": "MATCH (d:Definition) RETURN count(d) AS n"}).json()["rows"][0][0]
            assert again == n
