"""Concepts in the graphs: what each regeling means by a term, and how it builds on another's.

Expectations come from the law text (the bundled 2012 AWR and Wet IB 2001, the AWIR 2025).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import bundled_documents, bundled_model
from wetgraaf.graph import rdf
from wetgraaf.graph.analysis.concepts import build_concepts
from wetgraaf.graph.model import RELATION_PART_KEYS, GraphModel
from wetgraaf.graph.stores import PropertyGraphStore, open_store

IB = "jci1.3:c:BWBR0011353#begrip=partner"
AWR = "jci1.3:c:BWBR0002320#begrip=partner"
IB_ART = "jci1.3:c:BWBR0011353&artikel=1.2"


@lru_cache(maxsize=1)
def _rdf() -> ox.Store:
    return rdf.load_store(bundled_model())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> PropertyGraphStore:
    s = open_store("ladybug", path=Path(tmp_path_factory.mktemp("lbc")) / "graph.lbug")
    s.load(bundled_model())
    return s


def _edges(m: GraphModel, etype: str, src: str) -> list:
    return [e for e in m.edges if e.type == etype and e.src == src]


def test_concept_keys_are_the_ids_of_the_analyses() -> None:
    """One id everywhere: the graph's Concept keys are the analyses' (and so the API's) concept ids,
    and the IRIs hang under the regeling's official IRI."""
    m = bundled_model()
    assert {n.key for n in m.by_label("Concept")} == {c.id for c in build_concepts(bundled_documents())}
    assert m.nodes[IB].iri == "http://wetten.overheid.nl/id/BWBR0011353#begrip=partner"
    awir = m.nodes["jci1.3:c:BWBR0018472&g=2025-01-01#begrip=partner"]
    assert awir.iri == "http://wetten.overheid.nl/id/BWBR0018472/2025-01-01#begrip=partner"
    assert awir.props["regeling"] == "jci1.3:c:BWBR0018472&g=2025-01-01"
    # AWR art. 21: "In dit hoofdstuk [IVA] … wordt verstaan onder: … c. verzamelinkomen: …"
    scoped = m.nodes["jci1.3:c:BWBR0002320#begrip=verzamelinkomen&scope=hoofdstuk:IVA"]
    assert scoped.iri == "http://wetten.overheid.nl/id/BWBR0002320#begrip=verzamelinkomen&scope=hoofdstuk%3AIVA"


def test_wet_ib_partner_builds_on_the_awr() -> None:
    """Wet IB 2001 art. 1.2: lid 1 "In aanvulling op artikel 5a van de AWR … mede verstaan", lid 2
    "wordt ook als partner aangemerkt", lid 4 "In afwijking van artikel 5a van de AWR … niet als
    partner aangemerkt"."""
    m = bundled_model()
    c = m.nodes[IB]
    assert (c.props["term"], c.props["term_key"], c.props["bwb_id"]) == ("partner", "partner", "BWBR0011353")
    parts = {m.nodes[e.dst].props["location"]: e.props["role"] for e in _edges(m, "HAS_PART", IB)}
    assert parts == {
        f"{IB_ART}&lid=1": "extension",
        f"{IB_ART}&lid=2": "extension",
        f"{IB_ART}&lid=4": "restriction",
    }
    assert [e.dst for e in _edges(m, "OF_TERM", IB)] == ["begrip:partner"]
    (based,) = _edges(m, "BASED_ON", IB)
    assert based.dst == AWR
    assert set(based.props["how"]) == {"supplements", "departs_from"}
    assert set(based.props["parts"]) == {f"{IB_ART}&lid=1", f"{IB_ART}&lid=4"}
    (rel,) = [e for e in m.edges if e.src == IB and e.dst == AWR and e.type != "BASED_ON"]
    assert rel.type == "MODIFIES" and rel.props["basis"] == "reference"
    assert rel.props["parts_extends"] == [f"{IB_ART}&lid=1", f"{IB_ART}&lid=2"]
    assert rel.props["parts_restricts"] == [f"{IB_ART}&lid=4"]
    assert rel.props["parts_base"] == ["jci1.3:c:BWBR0002320&artikel=5a"]
    assert "breidt het uit (lid 1 en 2) en beperkt het (lid 4)" in rel.props["sentence"]
    # the AWR's concept is its own ("Als partner wordt aangemerkt: a. de echtgenoot; …"): it builds on nothing
    assert _edges(m, "BASED_ON", AWR) == []


def test_concepts_in_rdf() -> None:
    _, rows = rdf.sparql(
        _rdf(),
        """SELECT ?base ?kind ?restricting ?basePart ?sentence WHERE {
             ?c wg:conceptKey ?key ; wg:modifies ?base ; wg:basedOn ?base ; wg:conceptRelation ?r .
             ?r wg:otherConcept ?base ; wg:conceptRelationKind ?kind ; wg:restrictingPart ?restricting ;
                wg:basePart ?basePart ; wg:sentence ?sentence .
           }""",
        params={"key": IB},
    )
    assert rows == [
        [
            "http://wetten.overheid.nl/id/BWBR0002320#begrip=partner",
            "modifies",
            "http://wetten.overheid.nl/id/BWBR0011353/artikel=1.2/lid=4",
            "http://wetten.overheid.nl/id/BWBR0002320/artikel=5a",
            "Wet inkomstenbelasting 2001 art. 1.2 neemt het begrip partner van Algemene wet inzake rijksbelastingen "
            "art. 5a over, breidt het uit (lid 1 en 2) en beperkt het (lid 4).",
        ]
    ]
    _, rows = rdf.sparql(
        _rdf(),
        "SELECT ?role WHERE { ?c wg:conceptKey ?key ; wg:hasPart ?d ; wg:ofTerm/wg:normalisedLabel 'partner' . "
        "?d wg:partRole ?role ; wg:artikel '1.2' }",
        params={"key": IB},
    )
    assert sorted(r[0] for r in rows) == ["extension", "extension", "restriction"]


def test_concepts_in_the_property_graph(store: PropertyGraphStore) -> None:
    _, rows = store.query(
        "MATCH (c:Concept {key: $k})-[m:MODIFIES]->(b:Concept)-[:OF_TERM]->(t:Term) "
        "RETURN b.key, b.title, t.name, m.parts_restricts",
        {"k": IB},
    )
    assert rows == [[AWR, "Algemene wet inzake rijksbelastingen", "partner", [f"{IB_ART}&lid=4"]]]
    _, rows = store.query(
        "MATCH (c:Concept {key: $k})-[p:HAS_PART]->(d:Definition) RETURN d.lid, p.role ORDER BY d.lid", {"k": IB}
    )
    assert rows == [["1", "extension"], ["2", "extension"], ["4", "restriction"]]
    counts = store.counts()
    assert counts["Concept"] == len(build_concepts(bundled_documents()))
    assert counts["OF_TERM"] == counts["Concept"]


def test_every_relation_part_has_an_rdf_property() -> None:
    assert set(rdf._RELATION_PARTS) == set(RELATION_PART_KEYS)
