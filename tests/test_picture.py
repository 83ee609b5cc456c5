"""The pictures: the communities of laws (well-formed SVG, every ingested law drawn once, real
links drawn) and the lineage of a cluster's concepts (who takes over whose definition, and what
it does to it), both checked against what the law texts say."""

from __future__ import annotations

from functools import cache
from xml.etree import ElementTree as ET

from tests.conftest import bundled_documents, parsed
from wetgraaf.graph.analysis.concepts import Concept, ConceptRelation, build_concepts, relate_concepts
from wetgraaf.graph.analysis.picture import communities_svg, lineage, lineage_svg
from wetgraaf.graph.analysis.report import analyse

SVG = "{http://www.w3.org/2000/svg}"
AOW, TW, AWIR, ZT = "BWBR0002221", "BWBR0004043", "BWBR0018472", "BWBR0018451"
AWR, IB, AKW, IW = "BWBR0002320", "BWBR0011353", "BWBR0002368", "BWBR0004770"
#: the laws that define "partner": AWR art. 5a, Wet IB 2001 art. 1.2 and Awir art. 3 build on it
PARTNER_FILES = ("BWBR0002320_2012-snapshot.xml", "BWBR0011353_2012-snapshot.xml", "BWBR0018472_2025-01-01_0.xml")
#: three laws that define "kind" on their own: AWR art. 2 lid 3 and IW 1990 art. 2 in the same words
KIND_FILES = ("BWBR0002320_2012-snapshot.xml", "BWBR0004770_2012-snapshot.xml", "BWBR0002368_2012-snapshot.xml")


@cache
def _report() -> dict:
    return analyse(bundled_documents())


def test_law_graph_data() -> None:
    data = _report()["law_graph"]
    ids = {n["id"] for n in data["nodes"]}
    assert {b for c in _report()["clusters"] for b in c["regelingen"]} <= ids
    assert len(ids) == len(_report()["documents"])  # one node per ingested regeling (newest version)
    edge = {(e["source"], e["target"]): e for e in data["edges"]}
    # AOW art. 1(3)(b) and Toeslagenwet art. 1(3)(b) define "ongehuwd" in the same words
    assert edge[(AOW, TW)]["shared_definitions"] >= 1
    # the Wet op de zorgtoeslag cites the Awir ("In afwijking van artikel 7, derde lid, van de Algemene
    # wet inkomensafhankelijke regelingen", art. 3(1))
    assert edge[(ZT, AWIR)]["citations"] >= 1
    community = {n["id"]: n["community"] for n in data["nodes"]}
    assert all(c >= 0 for c in community.values())
    assert {n["id"]: n["short"] for n in data["nodes"]}[AWIR] == "Awir"


def test_svg_is_well_formed_and_complete() -> None:
    data = _report()["law_graph"]
    svg = communities_svg(data)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    drawn = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert len(drawn) == len(data["nodes"])
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert {"AOW", "TW", "Awir", "Wzt"} <= labels
    # laws of one community share a colour, and the colours of different communities differ
    fill = {c.find(f"{SVG}title").text.rsplit("(", 1)[1].split(")")[0]: c.get("fill") for c in drawn}
    by_comm: dict[int, set[str]] = {}
    for n in data["nodes"]:
        by_comm.setdefault(n["community"], set()).add(fill[n["id"]])
    assert all(len(v) == 1 for v in by_comm.values())
    assert len({next(iter(v)) for v in by_comm.values()}) == len(by_comm)
    # inside the canvas
    w, h = float(root.get("width")), float(root.get("height"))
    for c in drawn:
        x, y, r = float(c.get("cx")), float(c.get("cy")), float(c.get("r"))
        assert r <= x <= w - r and r <= y <= h - r


def test_a_corpus_larger_than_a_picture_shows_its_most_central_laws(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On the whole BWB (16,000 laws) the layout would not finish: the most central are drawn."""
    import wetgraaf.graph.analysis.picture as picture

    data = _report()["law_graph"]
    monkeypatch.setattr(picture, "MAX_PICTURE_LAWS", 5)
    root = ET.fromstring(picture.communities_svg(data))
    drawn = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    top = sorted(data["nodes"], key=lambda n: (-n["pagerank"], n["id"]))[:5]
    assert sorted(d.rsplit("(", 1)[1].split(")")[0] for d in drawn) == sorted(n["id"] for n in top)
    assert f"the 5 most central of {len(data['nodes'])} laws" in picture.communities_svg(data)


@cache
def _concepts(files: tuple[str, ...], term: str) -> tuple[list[Concept], list[ConceptRelation]]:
    concepts = [c for c in build_concepts([parsed(f) for f in files]) if c.term_key == term]
    return concepts, [r for r in relate_concepts(concepts) if r.term_key == term]


def test_partner_lineage_has_labelled_arrows_to_the_awr() -> None:
    """Wet IB 2001 art. 1.2 lid 1 ("In aanvulling op artikel 5a van de AWR wordt als partner mede
    aangemerkt") widens the AWR's partner and lid 4 ("In afwijking van artikel 5a ... wordt niet als
    partner aangemerkt") narrows it; Awir art. 3 lid 1 takes it over ("degene die ingevolge artikel
    5a ... als partner wordt aangemerkt"), lid 2 adds to it and lid 5 excludes ("In afwijking van
    artikel 5a ... wordt niet als partner aangemerkt"). So both hang below the AWR, each with an
    arrow up to it that says it widens and narrows; the AWR builds on nothing."""
    concepts, relations = _concepts(PARTNER_FILES, "partner")
    law = {c.id: c.bwb_id for c in concepts}
    lay = lineage(concepts, relations)
    nodes = {law.get(n.id, n.id): n for n in lay.nodes}
    assert {nodes[AWR].label, nodes[IB].label, nodes[AWIR].label} == {"AWR", "Wet IB 2001", "Awir"}
    assert nodes[AWR].where == "art. 5a" and nodes[IB].where.startswith("art. 1.2")
    assert nodes[AWR].depth == 0 and nodes[IB].depth == nodes[AWIR].depth == 1
    assert nodes[IB].y > nodes[AWR].y and nodes[AWIR].y > nodes[AWR].y  # below their base
    arrows = {(law[a.source], law[a.target]): a for a in lay.arrows if a.lineage}
    assert set(arrows) == {(IB, AWR), (AWIR, AWR)}
    assert arrows[(IB, AWR)].label == "breidt uit en beperkt"
    assert arrows[(AWIR, AWR)].label == "breidt uit en beperkt"
    # the SVG says the same: named boxes, an arrow element from Wet IB 2001 to the AWR with its label
    root = ET.fromstring(lineage_svg(concepts, relations))
    boxes = {
        g.get("data-concept"): [t.text for t in g.iter(f"{SVG}text")]
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "node"
    }
    assert boxes[nodes[IB].id][0] == "Wet IB 2001" and boxes[nodes[AWR].id] == ["AWR", "art. 5a"]
    drawn = [g for g in root.iter(f"{SVG}g") if g.get("class") == "arrow"]
    ib_awr = [g for g in drawn if (law[g.get("data-source")], law[g.get("data-target")]) == (IB, AWR)]
    assert len(ib_awr) == 1
    assert "breidt uit en beperkt" in "".join(ib_awr[0].itertext())
    assert ib_awr[0].find(f"{SVG}path").get("marker-end") == "url(#arrowhead)"


def test_a_large_family_collapses_into_and_n_others() -> None:
    """With room for one builder below the AWR, the other law that takes its partner over is one
    box "… en 1 andere", and no arrow leads from a law that is not drawn."""
    concepts, relations = _concepts(PARTNER_FILES, "partner")
    lay = lineage(concepts, relations, max_children=1)
    more = [n for n in lay.nodes if n.hidden]
    assert len(more) == 1 and more[0].label == "… en 1 andere" and more[0].where == "regeling"
    assert len(lay.nodes) == 3 and len([a for a in lay.arrows if a.lineage]) == 1
    svg = lineage_svg(concepts, relations, max_children=1, more_href="#begrippen")
    assert 'href="#begrippen"' in svg and "… en 1 andere" in svg


def test_independent_definitions_are_one_row_joined_by_arcs() -> None:
    """AWR art. 2 lid 3 onder i and IW 1990 art. 2 lid 1 onder n both read "eerstegraads bloedverwant
    en aanverwant in de neergaande lijn"; AKW art. 4 lid 1 reads "eigen kind, aangehuwd kind of
    pleegkind". None takes another over: one row, no arrows, an arc "zelfde tekst" between the first
    two and "verschilt" between the AKW and the AWR."""
    concepts, relations = _concepts(KIND_FILES, "kind")
    law = {c.id: c.bwb_id for c in concepts}
    lay = lineage(concepts, relations)
    assert {law[n.id] for n in lay.nodes} == {AWR, IW, AKW}
    assert len({n.y for n in lay.nodes}) == 1 and {n.depth for n in lay.nodes} == {0}
    assert not [a for a in lay.arrows if a.lineage]
    arcs = {frozenset((law[a.source], law[a.target])): a.label for a in lay.arrows}
    assert arcs[frozenset((AWR, IW))] == "zelfde tekst"
    assert arcs[frozenset((AWR, AKW))] == "verschilt"
    # too many to draw: said in words instead
    few = lineage(concepts, relations, max_arcs=1)
    assert not few.arrows and few.divergent_roots >= 2
    assert "verschillen onderling" in lineage_svg(concepts, relations, max_arcs=1)
