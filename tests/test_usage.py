"""Defined-but-unused terms and implicit dependencies, checked against what the laws say.

Each expectation was found by reading the XML of the laws (quoted in the tests).
"""

from __future__ import annotations

import time
from functools import cache

from tests.conftest import bundled_documents, shared_ingest
from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.usage import TermIndex, implicit_dependencies, term_stems, tokens, unused_definitions

AOW, AWR, WW, ZT, AWIR = "BWBR0002221", "BWBR0002320", "BWBR0004045", "BWBR0018451", "BWBR0018472"


@cache
def _latest():  # type: ignore[no-untyped-def]
    docs = latest_documents(bundled_documents())
    return docs, definitions_graph(docs)


@cache
def _unused() -> dict[tuple[str, str], dict]:
    docs, g = _latest()
    return {(u["bwb_id"], u["term"]): u for u in unused_definitions(docs, g)}


@cache
def _deps() -> dict[tuple[str, str], dict]:
    docs, g = _latest()
    return {(d["bwb_id"], d["term_key"]): d for d in implicit_dependencies(docs, g)}


def test_inflections_and_whole_words() -> None:
    idx = TermIndex({"kind": term_stems("kinderen"), "toetsingsinkomen": term_stems("toetsingsinkomen")})
    found = [
        k for k, _ in idx.find(tokens("De kinderen en het kind; het gezamenlijke toetsingsinkomen; kinderbijslag."))
    ]
    assert found == ["kind", "kind", "toetsingsinkomen"]  # not "kinderbijslag"


def test_lidstaat_is_defined_but_never_used_in_the_awir() -> None:
    """Awir 2025 art. 2(1)(d): "lidstaat: een Staat die lid is van de Europese Unie of een andere
    Staat, …" for "deze wet en de daarop berustende bepalingen, alsmede in inkomensafhankelijke
    regelingen". The word occurs nowhere else in the Awir (the whole XML has it only in the
    definition): unused in its own law, meant for the others."""
    u = _unused()[(AWIR, "lidstaat")]
    assert u["location"] == f"jci1.3:c:{AWIR}&artikel=2&lid=1&o=d&g=2025-01-01"
    assert u["scope_checked"] and u["scope_extends"] and u["used_outside_scope"] == 0


def test_a_term_used_in_the_sentence_before_its_definition_is_used() -> None:
    """WW art. 6(5): "… voor zover de overheidswerknemer … recht op wachtgeld heeft verkregen of
    verkrijgt. Onder wachtgeld als bedoeld in de eerste zin wordt verstaan: …"; AWR art. 27(2):
    "Indien een voortdurend gebrek aan voldoende zittingscapaciteit … Onder zittingscapaciteit wordt
    verstaan hetgeen daaronder wordt verstaan in artikel 1, onder h, van de Wet op de rechterlijke
    organisatie." Both terms are used, in the lid that defines them."""
    docs, g = _latest()
    terms = {a["term"] for _, a in g.nodes(data=True) if a["bwb_id"] in (WW, AWR)}
    assert {"wachtgeld", "zittingscapaciteit"} <= terms  # both are extracted as definitions
    assert (WW, "wachtgeld") not in _unused() and (AWR, "zittingscapaciteit") not in _unused()


def test_well_used_terms_are_not_unused() -> None:
    assert (AWIR, "partner") not in _unused() and (AWIR, "toetsingsinkomen") not in _unused()


def test_zorgtoeslag_borrows_toetsingsinkomen_and_partner_from_the_awir() -> None:
    """Wet op de zorgtoeslag 2025 art. 1(1) defines Onze Minister, zorgverzekering, verzekerde,
    premie, zorgtoeslag, drempelinkomen, standaardpremie and normpremie, and then uses
    "toetsingsinkomen" (art. 1(1)(h), 2(2), 2(3)) and "partner" (art. 2(1): "Voor een verzekerde met
    een partner …") without defining them: the Awir defines them (art. 2(1)(i) and (f)) for "deze wet
    …, alsmede in inkomensafhankelijke regelingen"."""
    t = _deps()[(ZT, "toetsingsinkomen")]
    assert t["defined_in"] == [AWIR]
    assert {f"jci1.3:c:{ZT}&artikel=1&lid=1&o=h", f"jci1.3:c:{ZT}&artikel=2&lid=2"} <= set(t["used_at"])
    [d] = t["definitions"]
    assert d["location"] == f"jci1.3:c:{AWIR}&artikel=2&lid=1&o=i&g=2025-01-01" and "scope" in d["basis"]
    p = _deps()[(ZT, "partner")]
    assert f"jci1.3:c:{ZT}&artikel=2&lid=1" in p["used_at"]
    # art. 3(1) uses "partner" too, but cites the Awir right there ("In afwijking van artikel 7,
    # derde lid, van de Algemene wet inkomensafhankelijke regelingen …"): explicit, not implicit
    assert f"jci1.3:c:{ZT}&artikel=3&lid=1" not in p["used_at"]


def test_no_dependency_without_a_link() -> None:
    """The AOW uses "partner" ("echtgenoot: geregistreerde partner", art. 1) but never cites the
    Awir (no BWBR0018472 in its XML), and is no income-dependent regulation: no dependency."""
    docs, _ = _latest()
    aow = next(d for d in docs if d.regeling.bwb_id == AOW)
    assert any("partner" in p.text for p in aow.provisions)
    assert (AOW, "partner") not in _deps()


def test_report_has_the_new_keys() -> None:
    report = analyse(bundled_documents())
    s = report["summary"]
    assert s["unused_definitions"] == len(report["unused_definitions"]) > 0
    assert s["implicit_dependencies"] == len(report["implicit_dependencies"]) > 0
    assert 0 < s["implicit_dependencies_by_scope"] <= s["implicit_dependencies"]


def test_fast_on_the_shared_corpus() -> None:
    """One pass over the text: the whole shared corpus (22,000 provisions) in seconds, not minutes."""
    docs = latest_documents(shared_ingest().documents)
    g = definitions_graph(docs)
    t0 = time.perf_counter()
    unused_definitions(docs, g)
    implicit_dependencies(docs, g)
    assert time.perf_counter() - t0 < 30
