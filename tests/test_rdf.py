"""The RDF view: conforms to the SHACL shapes, agrees with the records, exports round-trip."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import bundled_documents, bundled_model, parsed
from wetgraaf.graph import rdf
from wetgraaf.graph.model import build_model
from wetgraaf.ontology import SHAPES, WG


@lru_cache(maxsize=1)
def _store() -> ox.Store:
    return rdf.load_store(bundled_model())


def _count(cls: str) -> int:
    _, rows = rdf.sparql(_store(), f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")
    return int(rows[0][0])


def _rdflib_graph(store: ox.Store, tmp: Path):
    import rdflib

    nt = tmp / "g.nt"
    rdf.export(store, nt)
    g = rdflib.Graph()
    g.parse(nt, format="nt")
    return g


def test_graph_conforms_to_shapes(tmp_path: Path) -> None:
    """`wetgraaf build --validate` over the bundled corpus: the RDF conforms to the SHACL shapes.

    Run as a subprocess, as a user runs it (and so that pySHACL's pure-Python work does not
    share a process with the JVM of the Bolt tests).
    """
    pytest.importorskip("pyshacl")
    proc = subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "build", "--validate", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "the RDF conforms to the SHACL shapes" in proc.stderr.replace("\n", " ")

    # the CLI's research commands have the API's guard: a CHECKPOINT would leave the local graph
    # unreadable (the attack report of issue 15), a SERVICE would make this machine send requests
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wetgraaf.cli", *args, "--out", str(tmp_path), "--format", "json"],
            capture_output=True,
            text=True,
            timeout=300,
        )

    refused = cli("cypher", "CHECKPOINT")
    assert refused.returncode == 1 and "refused" in refused.stderr
    refused = cli("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert refused.returncode == 1 and "refused" in refused.stderr
    ok = cli("cypher", "MATCH (t:Term) WHERE t.name = 'partner' RETURN t.key AS k")
    assert ok.returncode == 0 and json.loads(ok.stdout) == [{"k": "begrip:partner"}], ok.stderr
    assert sorted(p.name for p in tmp_path.glob("graph.lbug*")) == ["graph.lbug"]


def test_shapes_catch_a_broken_graph(tmp_path: Path) -> None:
    """The shapes are not vacuous: remove a required property and validation fails."""
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    small = rdf.load_store(build_model([parsed("BWBR0018451_2025-01-01_0.xml")]))  # small: fast to validate
    data = _rdflib_graph(small, tmp_path)
    text_pred = rdflib.URIRef(WG.text)
    victim = next(data.subjects(text_pred, None))
    data.remove((victim, text_pred, None))
    data.add(
        (
            rdflib.URIRef("http://wetten.overheid.nl/id/BWBR0018451"),
            rdflib.URIRef(WG.bwbId),
            rdflib.Literal("NOT-A-BWB-ID"),
        )
    )
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(victim) in text and "NOT-A-BWB-ID" in text


def test_shapes_check_concepts_and_their_relations(tmp_path: Path) -> None:
    """The concept shapes hold on the concepts of the bundled corpus (with what they point at),
    and catch a concept without its term and a relation of an unknown kind."""
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    sub = _store().query(
        """CONSTRUCT { ?s ?p ?o . ?x a ?cls } WHERE {
             { ?s a wg:Concept } UNION { ?s a wg:ConceptRelation } UNION { ?c wg:hasPart ?s . ?s wg:partRole ?r }
             ?s ?p ?o .
             OPTIONAL { ?o a ?cls . BIND(?o AS ?x) }
           }""",
        prefixes=rdf.PREFIXES,
    )
    data = rdflib.Graph().parse(data=ox.serialize(sub, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert data.value(
        rdflib.URIRef("http://wetten.overheid.nl/id/BWBR0011353#begrip=partner"), rdflib.URIRef(WG.modifies)
    )
    # only the concept shapes target nodes here (the whole graph is checked by the test above)
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for target in (sh.targetClass, sh.targetSubjectsOf):
        for shape, _, _ in list(shapes.triples((None, target, None))):
            if not str(shape).rsplit("#", 1)[-1].startswith("Concept"):
                shapes.remove((shape, target, None))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]
    victim = rdflib.URIRef("http://wetten.overheid.nl/id/BWBR0011353#begrip=partner")
    data.remove((victim, rdflib.URIRef(WG.ofTerm), None))
    rel = next(data.subjects(rdflib.URIRef(WG.otherConcept), None))
    data.set((rel, rdflib.URIRef(WG.conceptRelationKind), rdflib.Literal("contradicts")))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and str(victim) in text and "contradicts" in text


def test_counts_agree_between_records_model_and_rdf() -> None:
    docs = bundled_documents()
    m = bundled_model()
    n_defs = sum(len(d.definitions) for d in docs)
    assert m.counts()["Definition"] == n_defs == _count(WG.Definition)
    n_articles = sum(1 for d in docs for u in d.units if u.kind == "artikel")
    assert m.counts()["Article"] == n_articles == _count(WG.Article)
    # a resolved reference repeated with the same words in one provision is one reference
    # (as in the property graph); unresolved ones are all kept, each with its reason
    kept = [r for d in docs for r in d.references if r.source.jci in m.nodes]
    resolved = {(r.source.jci, r.target.jci, r.text) for r in kept if r.target is not None}
    n_refs = len(resolved) + sum(1 for r in kept if r.target is None)
    assert n_refs == _count(WG.Reference)
    assert len(resolved) == m.counts()["CITES"]
    n_terms = len({n.props["name"] for n in m.by_label("Term")})
    assert m.counts()["Term"] == n_terms == _count(WG.Term)
    versions = {(d.regeling.bwb_id, d.regeling.version) for d in docs if d.regeling.version is not None}
    assert (
        _count(WG.RegelingVersion) == len(versions) == 6
    )  # AWIR, Zorgtoeslag, Wlz, TOGS x2, Tozo; the 2012 files are work-level
    assert _count(WG.Regeling) == len({d.regeling.bwb_id for d in docs}) == 15


def test_iris_are_derived_from_the_identity() -> None:
    _, rows = rdf.sparql(
        _store(),
        'SELECT ?p ?jci WHERE { ?p wg:jci ?jci . FILTER(?jci = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=c&g=2025-01-01") }',
    )
    assert rows == [
        [
            "http://wetten.overheid.nl/id/BWBR0018472/2025-01-01/artikel=2/lid=1/o=c",
            "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=c&g=2025-01-01",
        ]
    ]


def test_definition_of_partner_by_reference_in_sparql() -> None:
    _, rows = rdf.sparql(
        _store(),
        """SELECT ?def ?kind WHERE {
             ?def wg:defines ?t ; wg:definitionKind ?k ; wg:termAsWritten "partner" .
             ?k skos:notation ?kind .
             ?t wg:normalisedLabel "partner" .
             ?lid wg:definition ?def ; wg:jci "jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01" . }""",
    )
    assert [r[1] for r in rows] == ["by_reference"]


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".nq", ".jsonld"])
def test_exports_round_trip(tmp_path: Path, ext: str) -> None:
    out = rdf.export(_store(), tmp_path / f"g{ext}")
    back = ox.Store()
    back.load(path=str(out), format=rdf.FORMATS[ext])
    assert len(back) == len(_store())


def test_sparql_refuses_updates() -> None:
    with pytest.raises(rdf.ReadOnlyQueryError):
        rdf.sparql(_store(), "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }")
    with pytest.raises(rdf.ReadOnlyQueryError):
        rdf.sparql(_store(), "DELETE WHERE { ?s ?p ?o }")
    assert len(_store()) > 10000


def test_rdflib_api_over_the_oxigraph_store() -> None:
    pytest.importorskip("oxrdflib")
    import rdflib

    g = rdf.rdflib_graph(_store())
    assert len(g) == len(_store())
    art = rdflib.URIRef("http://wetten.overheid.nl/id/BWBR0018472/2025-01-01/artikel=2")
    assert (
        art,
        rdflib.URIRef(WG.jci),
        rdflib.Literal("jci1.3:c:BWBR0018472&artikel=2&g=2025-01-01", datatype=rdflib.XSD.string),
    ) in g


def test_every_part_of_edge_lands_on_a_node_when_containers_are_nested() -> None:
    """BWBR0020657 (2012 crawl) has bijlagen inside bijlage 9, keyed 9.1, 9.2a … with a warning;
    every element still hangs in the tree (the nearest ancestor that is a node), and the RDF builds."""
    from pathlib import Path

    from wetgraaf.ingest import parse

    path = Path(__file__).parent / "data" / "whole_bwb" / "BWBR0020657.xml"
    doc = parse(path.read_bytes(), name=path.name)
    assert any("nested in bijlage '9'" in w for w in doc.warnings)
    model = build_model([doc])
    part_of = [e for e in model.edges if e.type == "PART_OF"]
    assert part_of and all(e.dst in model.nodes for e in part_of)
    store = rdf.load_store(model)
    assert len(store) > 0
