"""Rules across laws: hotspots, divergent parameters, chains and the rules on a concept.

Every expectation is read from the law texts of the bundled corpus (``wetgraaf/data/corpus``,
the 2012 snapshots and the current texts named in its MANIFEST); the words are quoted here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.conftest import bundled_documents
from wetgraaf.graph.analysis.network import latest_documents
from wetgraaf.graph.analysis.parameters import divergent_parameters
from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.rule_chains import rule_chains
from wetgraaf.graph.analysis.rule_hotspots import rule_hotspots
from wetgraaf.ingest.records import Document

J = "jci1.3:c:"
AOW, AWR, WIB = "BWBR0002221", "BWBR0002320", "BWBR0011353"
AWB_7_10 = f"{J}BWBR0005537&artikel=7:10"


@cache
def _latest() -> tuple[Document, ...]:
    return tuple(latest_documents(bundled_documents()))


@cache
def _report() -> dict[str, Any]:
    return analyse(bundled_documents())


def test_awb_7_10_is_set_aside_by_several_laws() -> None:
    """AOW art. 52: "In afwijking van artikel 7:10, eerste lid, van de Algemene wet bestuursrecht
    beslist de Sociale verzekeringsbank binnen dertien weken …"; Wet IB 2001 art. 9.5 lid 4: "In
    afwijking van artikel 7:10, eerste lid, van de Algemene wet bestuursrecht beslist de inspecteur
    binnen zes weken na ontvangst van een bezwaarschrift …". The Awb's article on the termijn for
    deciding on a bezwaar is bent by other laws: a hotspot, with both leden among its sources."""
    rels = [r for d in _latest() for r in d.rule_relations]
    [h] = [h for h in rule_hotspots(rels) if h.target == AWB_7_10]
    sources = {(s["relation"], s["source"]) for s in h.sources}
    assert ("derogates_from", f"{J}{AOW}&artikel=52") in sources
    assert ("derogates_from", f"{J}{WIB}&artikel=9.5&lid=4") in sources
    assert h.laws >= 2 and h.counts["derogates_from"] >= 2
    top = rule_hotspots(rels)[:10]
    assert AWB_7_10 in {x.target for x in top}


def test_deciding_on_a_bezwaar_has_different_termijnen_in_different_laws() -> None:
    """The same two leden set the termijn for the same act, deciding: thirteen weeks in the AOW
    (art. 52), six weeks in the Wet IB 2001 (art. 9.5 lid 4) — 91 and 42 days."""
    params = [p for d in _latest() for p in d.rule_parameters]
    [d] = [d for d in divergent_parameters(params) if (d.kind, d.act) == ("termijn", "beslissen")]
    at = {v: {x["source"] for x in xs} for v, xs in d.values.items()}
    assert f"{J}{AOW}&artikel=52" in at["91 dagen"]
    assert f"{J}{WIB}&artikel=9.5&lid=4" in at["42 dagen"]
    texts = {x["text"] for xs in d.values.values() for x in xs}
    assert {"binnen dertien weken", "binnen zes weken"} <= texts


def test_one_law_with_two_termijnen_is_no_divergence() -> None:
    """Within one regeling two values for one act (a short and a long termijn) are its own
    design; only a difference between regelingen is reported."""
    params = [p for d in _latest() if d.regeling.bwb_id == AWR for p in d.rule_parameters]
    assert divergent_parameters(params) == []


def test_a_chain_through_an_application_mutatis_mutandis() -> None:
    """AOW art. 32: "Het bepaalde bij of krachtens de artikelen 18, 19, 20, 23, 24, 25, 26 en 49
    vindt overeenkomstige toepassing ten aanzien van de vakantie-uitkering …"; AOW art. 19 lid 3:
    "Indien het ouderdomspensioen in het buitenland wordt uitbetaald, geschiedt de betaling in
    afwijking van artikel 4:89, derde lid, van de Algemene wet bestuursrecht …". Whoever reads
    art. 32 needs the Awb article that art. 19 sets aside."""
    rels = [r for d in _latest() for r in d.rule_relations]
    paths = {tuple(c.path): c.relations for c in rule_chains(rels, max_hops=2)}
    key = (f"{J}{AOW}&artikel=32", f"{J}{AOW}&artikel=19", f"{J}BWBR0005537&artikel=4:89")
    assert paths[key] == ["applies_mutatis_mutandis", "derogates_from"]


def test_the_rules_on_partner_per_law() -> None:
    """*partner* diverges between the Awir and the Wet IB 2001 (each modifies AWR art. 5a
    differently). The Awir's rules on it include art. 15 lid 3, an obligation: "Indien de
    belanghebbende een partner heeft, wordt de aanvraag mede ondertekend door de partner." —
    and not the definitions themselves (Awir art. 3)."""
    [c] = [c for c in _report()["concept_rules"] if "partner" in c["terms"]]
    [awir] = [x for x in c["laws"] if x["bwb_id"] == "BWBR0018472"]
    rules = {r["location"]: r for r in awir["rules"]}
    r = rules[f"{J}BWBR0018472&artikel=15&lid=3"]
    assert r["norm_type"] == "obligation" and "mede ondertekend door de partner" in r["text"]
    assert not any("&artikel=3&" in loc or loc.endswith("&artikel=3") for loc in rules)
    assert awir["counts"]["obligation"] >= 1


def test_the_report_counts_the_rule_analyses() -> None:
    s = _report()["summary"]
    assert s["rule_relations"]["derogates_from"] > 0 and s["rule_relations"]["applies_mutatis_mutandis"] > 0
    assert s["rule_hotspots"] == len(_report()["rule_hotspots"]) > 0
    assert s["divergent_parameters"] == len(_report()["divergent_parameters"]) > 0
    assert s["clusters_with_rules"] == len(_report()["concept_rules"]) > 0
