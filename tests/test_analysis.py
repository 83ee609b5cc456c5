"""Analyses on real laws, checked against what the laws say, plus a planted circular definition."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from itertools import combinations
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx

from tests.conftest import FIXTURES, bundled_documents
from wetgraaf.graph.analysis.clusters import MAX_JOINED, build_clusters, cluster_id
from wetgraaf.graph.analysis.pairs import Pair, relation_of_texts, term_pairs
from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest import parse

AOW, ANW, TW, IOW, WLZ = "BWBR0002221", "BWBR0007795", "BWBR0004043", "BWBR0024394", "BWBR0035917"


@cache
def _report() -> dict:
    return analyse(bundled_documents())


def _cluster(term: str) -> dict:
    return next(c for c in _report()["clusters"] if term_key(term) in c["terms"])


def _pair(cluster: dict, loc_a: str, loc_b: str) -> dict:
    for p in cluster["pairs"]:
        a, b = p["a"].split("#")[0], p["b"].split("#")[0]
        if {a, b} == {loc_a, loc_b}:
            return p
    raise AssertionError(f"no pair {loc_a} ~ {loc_b}")


def test_term_variants_meet() -> None:
    assert term_key("partners") == term_key("Partner") == term_key("de partner")
    assert term_key("kinderen") == term_key("kind")
    assert term_key("gehuwden") == term_key("gehuwde") == term_key("gehuwd")
    assert term_key("inkomen") == "inkomen"  # a singular in -en, not a plural


def test_ongehuwd_across_the_social_security_laws() -> None:
    """AOW art. 1(3)(b) and Toeslagenwet art. 1(3)(b) both read "degene die duurzaam gescheiden
    leeft van de persoon met wie hij gehuwd is"; the IOW (art. 2(2)(b)) says "de persoon die …"."""
    c = _cluster("ongehuwd")
    assert {AOW, ANW, TW, IOW, WLZ} <= set(c["regelingen"])
    aow, tw, iow = (
        f"jci1.3:c:{AOW}&artikel=1&lid=3&o=b",
        f"jci1.3:c:{TW}&artikel=1&lid=3&o=b",
        f"jci1.3:c:{IOW}&artikel=2&lid=2&o=b",
    )
    assert _pair(c, aow, tw)["relation"] == "identical"
    near = _pair(c, aow, iow)
    assert near["relation"] == "near_duplicate"
    assert set(near["evidence"]["diff"]) == {"-degene", "+de persoon"} or set(near["evidence"]["diff"]) == {
        "+degene",
        "-de persoon",
    }


def test_gehuwd_is_a_multi_law_cluster() -> None:
    c = _cluster("gehuwd")
    assert {AOW, ANW, TW} <= set(c["regelingen"]) and c["relations"].get("divergent", 0) > 0


def test_awir_definitions_by_reference_land_in_the_wet_ib_and_the_awr() -> None:
    c = _cluster("verzamelinkomen")
    awir = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=j&g=2025-01-01"
    ib = "jci1.3:c:BWBR0011353&artikel=2.18"
    assert _pair(c, awir, ib)["relation"] == "equivalent_by_reference"
    chain = next(ch for ch in _report()["chains"] if ch["start"].startswith(awir))
    assert chain["end"].startswith(ib) and chain["hops"] == 1


def test_partner_chain_is_followed_to_its_end() -> None:
    """AWIR art. 2(1)(f): partner is "de persoon bedoeld in artikel 3"; art. 3(1): "… die ingevolge
    artikel 5a … AWR als partner wordt aangemerkt"; AWR art. 5a(1) defines it. Two hops."""
    start = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=f&g=2025-01-01"
    chain = next(ch for ch in _report()["chains"] if ch["start"].startswith(start))
    assert [p.split("#")[0] for p in chain["path"]][:2] == [start, "jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01"]
    assert chain["end"].startswith("jci1.3:c:BWBR0002320&artikel=5a") and chain["hops"] == 2 and not chain["cycle"]


def test_a_definition_that_changed_between_versions() -> None:
    """AWIR art. 2(1)(e) medebewoner: 2012 "staat ingeschreven in de gemeentelijke basisadministratie
    persoonsgegevens", 2025 "als ingezetene … is ingeschreven in de basisregistratie personen"."""
    v = next(x for x in _report()["versions"] if x["bwb_id"] == "BWBR0018472")
    assert v["from_version"] is None and v["to_version"] == "2025-01-01"
    ch = next(c for c in v["changes"] if c["term"] == "medebewoner" and c["change"] == "changed")
    assert "-staat ingeschreven in de gemeentelijke basisadministratie persoonsgegevens" in ch["diff"]
    assert any("basisregistratie personen" in d for d in ch["diff"] if d.startswith("+"))
    # the partner of art. 3 lid 1 was an own definition in 2012 and is by reference in 2025
    kinds = {(c["change"], c["kind"]) for c in v["changes"] if c["term"] == "partner"}
    assert ("added", "by_reference") in kinds


def test_versions_are_not_conflicts_between_laws() -> None:
    for c in _report()["clusters"]:
        versions = {(m["bwb_id"], m["version"]) for m in c["members"]}
        assert len({b for b, _ in versions}) == len(versions), c["id"]  # one version per regeling
    # the undated 2012 AWIR is not in any cluster: its 2025 version is
    assert not any(
        m["bwb_id"] == "BWBR0018472" and m["version"] is None for c in _report()["clusters"] for m in c["members"]
    )


def test_planted_circular_definition() -> None:
    doc = parse((FIXTURES / "circular_definition.xml").read_bytes(), name="circular_definition.xml")
    report = analyse([doc])
    assert report["summary"]["circular"] == 2
    cyc = report["chains"][0]
    assert cyc["cycle"] and cyc["end"] is None and cyc["path"][0] == cyc["path"][-1]


def test_dangling_reasons() -> None:
    dang = {(d["bwb_id"], d["term"]): d["reason"] for d in _report()["dangling"]}
    # AWR art. 21(d): belastbaar loon "als bedoeld in artikel 9 van de Wet op de loonbelasting 1964", not ingested
    assert dang[("BWBR0002320", "belastbaar loon")] == "outside corpus"


def test_cluster_ids_are_stable_and_follow_membership() -> None:
    first = {c["id"] for c in _report()["clusters"]}
    again = {c["id"] for c in analyse(bundled_documents())["clusters"]}
    assert first == again
    c = _cluster("ongehuwd")
    assert c["id"] == cluster_id([m["key"] for m in c["members"]])
    without_tw = analyse([d for d in bundled_documents() if d.regeling.bwb_id != TW])
    assert c["id"] not in {x["id"] for x in without_tw["clusters"]}


def test_score_is_the_sum_of_its_parts() -> None:
    for c in _report()["clusters"]:
        assert abs(sum(c["score_parts"].values()) - c["score"]) < 1e-6
    scores = [c["score"] for c in _report()["clusters"]]
    assert scores == sorted(scores, reverse=True)


def test_analyse_command_writes_json_and_csv(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "analyse", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "clusters ranked as simplification candidates" in proc.stdout
    report = json.loads((tmp_path / "analysis" / "report.json").read_text())
    assert report["clusters"] and (tmp_path / "analysis" / "clusters.csv").read_text().startswith("id,score,")
    # the communities picture and the tables of the newer findings, from the same run
    out = tmp_path / "analysis"
    assert ET.parse(out / "communities.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert (out / "cross_term_duplicates.csv").read_text(encoding="utf-8").startswith("term_a,term_b,")
    assert "lidstaat" in (out / "unused_definitions.csv").read_text(encoding="utf-8")
    assert "toetsingsinkomen" in (out / "implicit_dependencies.csv").read_text(encoding="utf-8")
    assert "cross-term duplicates" in proc.stderr


def test_readme_excerpt_is_real_output() -> None:
    """The clusters.csv rows shown in the README are what `wetgraaf analyse` gives today."""
    import csv
    import io

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("first rows of `clusters.csv`):\n\n```\n", 1)[1].split("```", 1)[0]
    rows = list(csv.DictReader(io.StringIO(block)))
    assert rows
    by_id = {c["id"]: c for c in _report()["clusters"]}
    for r in rows:
        c = by_id[r["id"]]
        assert (
            float(r["score"]) == c["score"]
            and r["terms"] == "|".join(c["terms"])
            and r["regelingen"] == "|".join(c["regelingen"])
        )


def _definitions(*rows: tuple[str, str, str]) -> nx.MultiDiGraph:
    """A definitions graph of (term, text, regeling) rows: explicit definitions in article 1."""
    g = nx.MultiDiGraph()
    for i, (term, text, bwb) in enumerate(rows):
        g.add_node(
            f"jci1.3:c:{bwb}&artikel=1&o={i}#definitie={term}&soort=explicit",
            term=term, term_key=term_key(term), text=text, kind="explicit", bwb_id=bwb, version=None,
            title=bwb, location=f"jci1.3:c:{bwb}&artikel=1&o={i}", scope_level="regeling", scope_targets=[],
            scope_text="", targets=[], refs=[], url="",
        )  # fmt: skip
    return g


def test_one_text_in_many_laws_is_one_variant() -> None:
    """Four laws copy "degene die loon geniet" for *werknemer*, a fifth excludes the bestuurder:
    three identical pairs (each copy against the first, "4 definitions share this text"), and one
    pair for the two texts, not 4 × 3 / 2 identical pairs and four narrower ones."""
    same = "degene die loon geniet"
    g = _definitions(*[("werknemer", same, f"BWBR000000{i}") for i in range(1, 5)],
                     ("werknemer", f"{same}, met uitzondering van de bestuurder", "BWBR0000005"))  # fmt: skip
    pairs = term_pairs(g)
    assert sorted(p.relation for p in pairs) == ["broader", "identical", "identical", "identical"]
    assert all(p.evidence["shared_by"] == [4, 4] for p in pairs if p.relation == "identical")
    [variants] = [p for p in pairs if p.relation == "broader"]  # the copy is broader than the exclusion
    assert variants.evidence["shared_by"] == [4, 1] and variants.evidence["extra"].startswith("met uitzondering")
    [cluster] = build_clusters(g, pairs, [], {})
    assert len(cluster.members) == 5 and cluster.relations == {"broader": 1, "identical": 3}


def test_a_term_with_many_texts_lists_its_related_pairs_only() -> None:
    """Each law its own *wet* ("de Wet op de X"): with more texts than ``listed_variants`` only the
    related pairs are listed; the others are counted, and every one of them is divergent."""
    texts = ["de Wet op de zorgtoeslag", "de Wet kinderopvang", "de Algemene wet inzake rijksbelastingen",
             "de Wet kinderopvang en kwaliteitseisen peuterspeelzalen", "de Werkloosheidswet"]  # fmt: skip
    g = _definitions(*[("wet", t, f"BWBR000000{i}") for i, t in enumerate(texts, 1)])
    pairs = term_pairs(g, listed_variants=2)
    # the one related pair: the longer title adds words to "de Wet kinderopvang" (a qualification)
    assert [(p.relation, g.nodes[p.a]["text"], g.nodes[p.b]["text"]) for p in pairs] == [
        ("broader", texts[1], texts[3])
    ]
    assert pairs.unlisted == {"wet": 10 - len(pairs)}
    listed = {frozenset((p.a, p.b)) for p in pairs}
    for a, b in combinations(sorted(g.nodes), 2):
        if frozenset((a, b)) not in listed:
            assert relation_of_texts(g.nodes[a]["text"], g.nodes[b]["text"])[0] == "divergent"
    [cluster] = build_clusters(g, pairs, [], {}, pairs.unlisted)
    assert len(cluster.members) == 5 and cluster.relations["divergent"] == pairs.unlisted["wet"]
    assert cluster.unlisted == {"divergent": pairs.unlisted["wet"]}


def test_cross_term_duplicates_join_at_most_four_clusters() -> None:
    """A chain of six terms, each sharing a text with the next: the strongest links join up to
    MAX_JOINED of them, the rest stay apart (one review unit is not six unrelated terms)."""
    terms = ["alfa", "bravo", "charlie", "delta", "echo", "foxtrot"]
    g = _definitions(*[(t, f"tekst {t}", f"BWBR000000{i}") for i, t in enumerate(terms, 1)],
                     *[(t, f"tekst {t}", f"BWBR000001{i}") for i, t in enumerate(terms, 1)])  # fmt: skip
    keys = {g.nodes[n]["term"]: n for n in sorted(g.nodes)}
    links = [
        Pair(keys[a], keys[b], f"{a} ~ {b}", "cross_term_duplicate", {"jaccard": 1.0 - i / 100})
        for i, (a, b) in enumerate(zip(terms, terms[1:], strict=False))
    ]
    clusters = build_clusters(g, term_pairs(g) + links, [], {})
    assert sorted(c.terms for c in clusters) == [["alfa", "bravo", "charlie", "delta"], ["echo", "foxtrot"]]
    assert MAX_JOINED == 4


def test_a_cluster_is_titled_with_the_words_the_laws_write() -> None:
    """The key of *lichamen* is the stem "lichaam" and of *netto-minimumloon* "netto minimumloon"; the laws
    write "lichamen" (AOW, AKW and WW art. 1: "lichamen: rechtspersonen, maat- en vennootschappen …") and
    "netto-minimumloon", and that is what a reader sees."""
    r = _report()
    by_key = {tuple(c["terms"]): c for c in r["clusters"]}
    assert by_key[("lichaam",)]["labels"] == ["lichamen"]
    assert by_key[("netto minimumloon",)]["title"] == "netto-minimumloon"


def test_gehuwd_and_echtgenoot_are_one_review_unit() -> None:
    """AOW art. 1 lid 3 and Toeslagenwet art. 1 lid 3 (2012): "Als gehuwd of als echtgenoot wordt mede aangemerkt:
    de ongehuwde meerderjarige die met een andere ongehuwde meerderjarige een gezamenlijke huishouding voert, …" —
    one text under two terms in several laws, so one concept under two names: the two terms are one cluster, even
    though each is a large cluster of its own (a single pair of laws would not join two large clusters)."""
    r = _report()
    (c,) = [c for c in r["clusters"] if "gehuwd" in c["terms"]]
    assert "echtgenoot" in c["terms"]
