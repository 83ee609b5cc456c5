"""Bolt/Cypher conformance: the Neo4j writer and the named queries against a real Bolt server.

By default the server is ArcadeDB with its Bolt plugin (see tests/bolt.py); set NEO4J_URI
to run the same tests against a real Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bolt import BoltServer, bolt_server
from tests.conftest import QUERY_PARAMS, bundled_model, normalised_rows
from wetgraaf import queries
from wetgraaf.graph.stores import PropertyGraphStore, QueryRefused, open_store

pytest.importorskip("neo4j")


@pytest.fixture(scope="module")
def server() -> Iterator[BoltServer]:
    with bolt_server() as srv:
        yield srv


@pytest.fixture(scope="module")
def neo(server: BoltServer) -> Iterator[PropertyGraphStore]:
    store = open_store("neo4j", uri=server.uri, user=server.user, password=server.password, database=server.database)
    if server.real_neo4j:
        store.query("MATCH (n) RETURN count(n)")  # connectivity check only; we never wipe a real database
    first = store.load(bundled_model())
    store.first_report = dict(store.last_report)  # type: ignore[attr-defined]
    store.first_counts = first  # type: ignore[attr-defined]
    yield store
    store.close()


@pytest.fixture(scope="module")
def lady(tmp_path_factory: pytest.TempPathFactory) -> PropertyGraphStore:
    s = open_store("ladybug", path=Path(tmp_path_factory.mktemp("lb")) / "g.lbug")
    s.load(bundled_model())
    return s


def test_load_writes_the_model(neo: PropertyGraphStore) -> None:
    m = bundled_model().counts()
    assert neo.first_counts == m  # type: ignore[attr-defined]
    assert neo.first_report["nodes_created"] == sum(v for k, v in m.items() if k[0].isupper() and not k.isupper())  # type: ignore[attr-defined]


def test_second_load_changes_nothing(neo: PropertyGraphStore) -> None:
    before = neo.counts()
    after = neo.load(bundled_model())
    assert neo.last_report == {"nodes_created": 0, "relationships_created": 0}  # type: ignore[attr-defined]
    assert after == before


def test_constraints_created_first(neo: PropertyGraphStore) -> None:
    cols, rows = neo.query("SHOW CONSTRAINTS YIELD name RETURN name")
    names = {r[0] for r in rows}
    assert {"definition_key", "term_key", "provision_key"} <= names


def test_properties_round_trip(neo: PropertyGraphStore) -> None:
    cols, rows = neo.query(
        "MATCH (d:Definition {key: $k}) RETURN d.term AS term, d.definition AS definition, d.scope_delegated AS delegated, d.scope_also AS also, d.version AS version",
        {"k": "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=c&g=2025-01-01#definitie=kind&soort=by_reference"},
    )
    assert len(rows) == 1
    term, definition, delegated, also, version = rows[0]
    assert (term, definition, delegated, also) == (
        "kind",
        "de persoon bedoeld in artikel 4",
        True,
        ["inkomensafhankelijke regelingen"],
    )
    assert str(version) == "2025-01-01"


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_named_queries_same_answers_on_both_property_graphs(
    neo: PropertyGraphStore, lady: PropertyGraphStore, name: str
) -> None:
    nq = queries.get(name)
    bound = nq.bind(QUERY_PARAMS.get(name, {}))
    bound.pop("limit", None)
    c1, r1 = neo.query(nq.cypher_for("neo4j"), bound)
    c2, r2 = lady.query(nq.cypher_for("ladybug"), bound)

    assert r1, f"{name} found nothing over Bolt"
    assert c1 == c2 and normalised_rows(r1) == normalised_rows(r2)


def test_read_transactions_refuse_writes(server: BoltServer, neo: PropertyGraphStore) -> None:
    if not server.real_neo4j:
        pytest.skip(
            "ArcadeDB accepts writes in read transactions (measured); this is checked against a real Neo4j (NEO4J_URI)"
        )
    with pytest.raises(QueryRefused):
        neo.query("CREATE (:Term {key: 'begrip:x'})")


def test_lineage_of_partner_on_sparql_ladybug_and_bolt(neo: PropertyGraphStore, lady: PropertyGraphStore) -> None:
    """Wet IB 2001 art. 1.2 builds on AWR art. 5a: lid 1 "In aanvulling op artikel 5a van de AWR
    … onder partner mede verstaan" widens it, lid 4 "In afwijking van artikel 5a van de AWR … wordt
    niet als partner aangemerkt" narrows it: both ways, so it modifies. The three stores agree."""
    from wetgraaf.graph import rdf

    nq = queries.get("term_lineage")
    bound = nq.bind({"term": "Partners"})
    c1, r1 = neo.query(nq.cypher_for("neo4j"), bound)
    c2, r2 = lady.query(nq.cypher_for("ladybug"), bound)
    c3, r3 = rdf.sparql(rdf.load_store(bundled_model()), nq.sparql, params=bound)
    assert c1 == c2 == c3 == ["law", "article", "relation", "base_law", "base_article"]
    assert normalised_rows(r1) == normalised_rows(r2) == normalised_rows(r3)
    assert (
        "Wet inkomstenbelasting 2001",
        "1.2",
        "modifies",
        "Algemene wet inzake rijksbelastingen",
        "5a",
    ) in normalised_rows(r3)
    # nothing builds on the AWR's own concept of partner from elsewhere in the AWR
    assert all(r[0] != "Algemene wet inzake rijksbelastingen" for r in r3)
