"""The communities picture: well-formed SVG, every ingested law drawn once, real links drawn."""

from __future__ import annotations

from functools import cache
from xml.etree import ElementTree as ET

from tests.conftest import bundled_documents
from wetgraaf.graph.analysis.picture import communities_svg
from wetgraaf.graph.analysis.report import analyse

SVG = "{http://www.w3.org/2000/svg}"
AOW, TW, AWIR, ZT = "BWBR0002221", "BWBR0004043", "BWBR0018472", "BWBR0018451"


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


def test_picture_is_deterministic() -> None:
    data = _report()["law_graph"]
    assert communities_svg(data) == communities_svg(data)


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
