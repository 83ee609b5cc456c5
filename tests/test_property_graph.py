"""The embedded property graph (ladybug): load, idempotence, read-only, time limit, and the
same answers as the RDF view for every named query."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import QUERY_PARAMS, bundled_documents, bundled_model, normalised_rows, parsed
from wetgraaf import queries
from wetgraaf.graph import rdf
from wetgraaf.graph.model import build_model
from wetgraaf.graph.stores import BACKENDS, PropertyGraphStore, QueryRefused, open_store

PARAMS = {**QUERY_PARAMS, "definitions_of_term": {"term": "ongehuwd"}}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> PropertyGraphStore:
    s = open_store("ladybug", path=tmp_path_factory.mktemp("lb") / "graph.lbug")
    s.load(bundled_model())
    return s


@lru_cache(maxsize=1)
def _rdf() -> ox.Store:
    return rdf.load_store(bundled_model())


def test_backends_are_registered_and_lazy() -> None:
    assert set(BACKENDS) == {"ladybug", "neo4j"}
    with pytest.raises(ValueError, match="unknown property-graph backend"):
        open_store("nosuchdb")


def test_counts_agree_with_the_records(store: PropertyGraphStore) -> None:
    """Node counts read from the database equal what the parsed records hold, counted there
    (not the model's own counts), and the RDF view holds as many definitions."""
    counts = store.counts()
    docs = bundled_documents()
    assert (
        counts["Definition"] == sum(len(d.definitions) for d in docs) == 743
    )  # 710 before the recall round: 33 more, all read (29 deemings, 4 BWBR0002320 art. 2 items)
    assert counts["Article"] == sum(1 for d in docs for u in d.units if u.kind == "artikel")
    assert counts["Regeling"] == len({d.regeling.bwb_id for d in docs}) == 15
    assert counts["Version"] == len({d.regeling.id for d in docs if d.regeling.version is not None}) == 6
    assert counts["HAS_DEFINITION"] == counts["DEFINES"] == counts["Definition"]
    _, rows = rdf.sparql(_rdf(), "SELECT (COUNT(?d) AS ?n) WHERE { ?d a wg:Definition }")
    assert int(rows[0][0]) == counts["Definition"]


def test_a_definition_is_a_node_with_its_term_and_location(store: PropertyGraphStore) -> None:
    """AWIR (2025) art. 2 lid 1 onderdeel c: "kind: de persoon bedoeld in artikel 4" — a definition
    by reference, held by that onderdeel, defining the term kind, citing art. 4 of the same version."""
    at = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=c&g=2025-01-01"
    cols, rows = store.query(
        "MATCH (h)-[:HAS_DEFINITION]->(d:Definition)-[:DEFINES]->(t:Term) WHERE d.location = $at "
        "RETURN h.key, d.term, d.kind, d.definition, d.artikel, d.lid, d.onderdeel, t.name",
        {"at": at},
    )
    assert rows == [[at, "kind", "by_reference", "de persoon bedoeld in artikel 4", "2", "1", "c", "kind"]]
    _, cited = store.query(
        "MATCH (d:Definition)-[c:DEFINITION_CITES]->(x) WHERE d.location = $at RETURN x.key, c.anchor", {"at": at}
    )
    assert cited == [["jci1.3:c:BWBR0018472&artikel=4&g=2025-01-01", "artikel 4"]]
    # the article it cites is a node, and its lid 1 defines kind ("de bloedverwant of aanverwant …")
    _, held = store.query(
        "MATCH (a:Article {key: $art})<-[:PART_OF]-(p:Provision)-[:HAS_DEFINITION]->(d:Definition) "
        "RETURN p.key, d.term, d.kind",
        {"art": "jci1.3:c:BWBR0018472&artikel=4&g=2025-01-01"},
    )
    assert ["jci1.3:c:BWBR0018472&artikel=4&lid=1&g=2025-01-01", "kind", "explicit"] in held


def test_a_singular_and_a_plural_definition_share_one_term_node(store: PropertyGraphStore) -> None:
    """AWIR (2025) art. 3 lid 5 ("wordt niet als partner aangemerkt") and lid 6 ("worden zij niet meer
    als partners aangemerkt") define one term: one Term node, keyed by the analyses' term key."""
    lid = "jci1.3:c:BWBR0018472&artikel=3&lid={}&g=2025-01-01"
    _, rows = store.query(
        "MATCH (d:Definition)-[:DEFINES]->(t:Term) WHERE d.location IN $at RETURN d.location, d.term, t.key, t.name",
        {"at": [lid.format(5), lid.format(6)]},
    )
    assert sorted(rows) == [
        [lid.format(5), "partner", "begrip:partner", "partner"],
        [lid.format(6), "partners", "begrip:partner", "partner"],
    ]
    _, rows = store.query("MATCH (t:Term) WHERE t.name IN ['partner', 'partners'] RETURN t.key, t.labels")
    assert len(rows) == 1 and {"partner", "partners"} <= set(rows[0][1])
    _, rows = rdf.sparql(
        _rdf(),
        "SELECT DISTINCT ?t WHERE { ?d wg:defines ?t ; wg:termAsWritten ?w . FILTER(?w IN ('partner', 'partners')) }",
    )
    assert rows == [["https://w3id.org/wetgraaf/begrip/partner"]]


def test_reload_changes_nothing(store: PropertyGraphStore) -> None:
    before = store.counts()
    sample = "MATCH (d:Definition) RETURN d.key, d.kind, d.definition ORDER BY d.key LIMIT 50"
    rows_before = store.query(sample)[1]
    assert store.load(bundled_model()) == before
    assert store.query(sample)[1] == rows_before and len(rows_before) == 50


def test_upsert_is_idempotent(tmp_path: Path) -> None:
    small = build_model([parsed("BWBR0018451_2025-01-01_0.xml")])
    s = open_store("ladybug", path=tmp_path / "u.lbug")
    s.upsert(small)
    first = s.counts()
    s.upsert(small)
    assert s.counts() == first == small.counts()


@pytest.mark.parametrize(
    "write",
    [
        "CREATE (t:Term {key: 'begrip:x', name: 'x'})",
        "MATCH (t:Term) SET t.name = 'x'",
        "MERGE (t:Term {key: 'begrip:y'})",
        "MATCH (d:Definition) DETACH DELETE d",
    ],
)
def test_queries_cannot_write(store: PropertyGraphStore, write: str) -> None:
    before = store.counts()
    with pytest.raises(QueryRefused, match="read-only"):
        store.query(write)
    assert store.counts() == before


def test_time_limit(store: PropertyGraphStore) -> None:
    with pytest.raises(QueryRefused, match="stopped"):
        store.query(
            "MATCH (a:Provision), (b:Provision) WHERE a.text CONTAINS b.artikel RETURN count(*)", timeout_ms=100
        )


def test_parameters_are_bound(store: PropertyGraphStore) -> None:
    cols, rows = store.query("MATCH (t:Term) WHERE t.name = $n RETURN t.name", {"n": "x' OR 1=1 //"})
    assert rows == []


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_named_query_same_answers_on_rdf_and_ladybug(store: PropertyGraphStore, name: str) -> None:
    nq = queries.get(name)
    bound = nq.bind(PARAMS.get(name, {}))
    bound.pop("limit", None)
    cols_pg, rows_pg = store.query(nq.cypher_for("ladybug"), bound)
    cols_rdf, rows_rdf = rdf.sparql(_rdf(), nq.sparql, params=bound)

    assert rows_pg, f"{name} found nothing"
    assert cols_pg == cols_rdf
    assert normalised_rows(rows_pg) == normalised_rows(rows_rdf)


def test_ongehuwd_across_the_social_security_laws(store: PropertyGraphStore) -> None:
    """AOW art. 1 lid 3 b and Toeslagenwet art. 1 lid 3 b both extend 'ongehuwd' ("wordt mede aangemerkt")."""
    nq = queries.get("definitions_of_term")
    cols, rows = store.query(nq.cypher_for("ladybug"), {"term": "ongehuwd"})
    got = {(r[cols.index("jci")], r[cols.index("kind")]) for r in rows}
    assert ("jci1.3:c:BWBR0002221&artikel=1&lid=3&o=b", "extension") in got
    assert ("jci1.3:c:BWBR0004043&artikel=1&lid=3&o=b", "extension") in got


@pytest.mark.parametrize("min_percent", [0, 90])
def test_law_rules_keep_what_the_records_say(store: PropertyGraphStore, min_percent: int) -> None:
    """The rules query returns exactly the AWIR's own (not inherited) obligation rules at or
    above the confidence asked for, with the confidence the parser recorded, in both stores."""
    docs = [d for d in bundled_documents() if d.regeling.bwb_id == "BWBR0018472"]
    expected = sorted(
        (r.id.jci, r.confidence)
        for d in docs
        for r in d.rules
        if not r.inherited
        and r.norm_type == "obligation"
        and (min_percent == 0 or (r.confidence is not None and r.confidence >= min_percent / 100))
    )
    nq = queries.get("law_rules")
    bound = nq.bind({"bwb_id": "BWBR0018472", "norm_type": "obligation", "min_percent": min_percent})
    cols, rows = store.query(nq.cypher_for("ladybug"), bound)
    got = sorted((r[cols.index("jci")], r[cols.index("confidence")]) for r in rows)
    assert got == expected
    _, rows_rdf = rdf.sparql(_rdf(), nq.sparql, params=bound)
    assert sorted(r[0] for r in rows_rdf) == [jci for jci, _ in expected]
    assert all(float(r[1]) >= min_percent / 100 for r in rows_rdf if r[1] is not None)
