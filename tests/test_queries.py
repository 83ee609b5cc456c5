"""Named queries: headers, parameter binding, and answers on the graph of real laws."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
import pytest

from tests.conftest import QUERY_PARAMS, parsed
from wetgraaf import queries
from wetgraaf.graph import rdf
from wetgraaf.graph.model import build_model

FILES = (
    "BWBR0018472_2025-01-01_0.xml",
    "BWBR0018472_2012-snapshot.xml",
    "BWBR0002320_2012-snapshot.xml",
    "BWBR0002221_2012-snapshot.xml",
    "BWBR0004043_2012-snapshot.xml",
    "BWBR0011353_2012-snapshot.xml",
)
PARAMS = QUERY_PARAMS


@lru_cache(maxsize=1)
def _store() -> ox.Store:
    return rdf.load_store(build_model(parsed(f) for f in FILES))


def _run(name: str, **params: object) -> list[dict]:
    nq = queries.get(name)
    bound = nq.bind(params or PARAMS.get(name, {}))
    limit = bound.pop("limit", None)
    cols, rows = rdf.sparql(_store(), nq.sparql, params=bound, limit=limit)
    return [dict(zip(cols, r, strict=True)) for r in rows]


def test_catalogue_headers() -> None:
    cat = queries.catalogue()
    assert {
        "definitions_of_term",
        "citing_provisions",
        "definition_chains",
        "most_cited_definitions",
        "law_definitions",
        "divergent_definitions",
    } <= set(cat)
    for nq in cat.values():
        assert nq.title and nq.description and (nq.sparql or nq.cypher)


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_named_query_answers_on_the_corpus_graph(name: str) -> None:
    assert _run(name), f"{name} returned nothing"


def test_where_else_is_partner_defined() -> None:
    rows = _run("definitions_of_term", term="PARTNER")
    got = {(r["jci"], r["kind"]) for r in rows}
    # AWIR 2025 art. 3 lid 1: by reference to AWR art. 5a; AWIR 2012 art. 3 lid 1: an own definition
    assert ("jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01", "by_reference") in got
    assert ("jci1.3:c:BWBR0018472&artikel=3&lid=1", "explicit") in got
    # AWR 2012 art. 5a defines partner too (the target of the AWIR's reference)
    assert any(j.startswith("jci1.3:c:BWBR0002320&artikel=5a") for j, _ in got)
    assert {r["law"] for r in rows} >= {
        "Algemene wet inkomensafhankelijke regelingen",
        "Algemene wet inzake rijksbelastingen",
    }


def test_who_cites_awr_article_5a() -> None:
    rows = _run("citing_provisions")
    citing = {r["citing"] for r in rows}
    assert "jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01" in citing
    assert any(r["anchor"].startswith("artikel 5a") for r in rows)


def test_chain_from_awir_to_wet_ib() -> None:
    rows = _run("definition_chains")
    # AWIR 2012 art. 2 lid 1 onderdeel j: verzamelinkomen "bedoeld in artikel 2.18 van de Wet IB 2001", defined there
    assert any(
        r["from_jci"].startswith("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=j")
        and r["to_jci"].startswith("jci1.3:c:BWBR0011353&artikel=2.18")
        for r in rows
    )


def test_parameters_are_bound_not_pasted() -> None:
    hostile = 'x" } DELETE WHERE { ?s ?p ?o } #'
    assert _run("definitions_of_term", term=hostile) == []
    assert len(_store()) > 10000
    with pytest.raises(queries.BadParameters):
        queries.get("law_definitions").bind({})
    with pytest.raises(queries.BadParameters):
        queries.get("law_definitions").bind({"bwb_id": "BWBR0018472", "nope": 1})
    with pytest.raises(queries.BadParameters):
        queries.get("divergent_definitions").bind({"min_laws": "two"})
    with pytest.raises(queries.UnknownQuery):
        queries.get("does_not_exist")


def test_an_invalid_norm_type_or_bwb_id_is_refused_with_the_valid_values() -> None:
    """New-user report: `wetgraaf query law_rules --param norm_type=verplichting` gave an empty table
    and exit 0. A value outside the record type's norm types is refused, naming them."""
    nq = queries.get("law_rules")
    with pytest.raises(queries.BadParameters, match=r"one of definition, obligation, .*; got 'verplichting'"):
        nq.bind({"bwb_id": "BWBR0018472", "norm_type": "verplichting"})
    with pytest.raises(queries.BadParameters, match="must be a BWB id"):
        nq.bind({"bwb_id": "0018472", "norm_type": "obligation"})
    assert nq.bind({"bwb_id": "BWBR0018472", "norm_type": "obligation"})["norm_type"] == "obligation"


def test_what_sets_awb_7_10_aside() -> None:
    """AOW art. 52 and Wet IB 2001 art. 9.5 lid 4 both begin "In afwijking van artikel 7:10, eerste
    lid, van de Algemene wet bestuursrecht …" (the termijn for deciding on a bezwaar)."""
    rows = _run("rules_on_provision", target="jci1.3:c:BWBR0005537&artikel=7:10")
    got = {(r["source"], r["relation"], r["cited"]) for r in rows}
    lid1 = "jci1.3:c:BWBR0005537&artikel=7:10&lid=1"
    assert ("jci1.3:c:BWBR0002221&artikel=52", "DEROGATES_FROM", lid1) in got
    assert ("jci1.3:c:BWBR0011353&artikel=9.5&lid=4", "DEROGATES_FROM", lid1) in got
    assert all(r["words"].startswith("artikel 7:10") for r in rows)


def test_termijnen_for_deciding_differ_across_laws() -> None:
    """ "… beslist de Sociale verzekeringsbank binnen dertien weken …" (AOW art. 52); "… beslist de
    inspecteur binnen zes weken na ontvangst van een bezwaarschrift …" (Wet IB 2001 art. 9.5 lid 4)."""
    days = {r["jci"]: r["days"] for r in _run("parameters_of_act", act="beslissen")}
    assert days["jci1.3:c:BWBR0002221&artikel=52"] == "91"
    assert days["jci1.3:c:BWBR0011353&artikel=9.5&lid=4"] == "42"


def test_an_invalid_parameter_kind_is_refused_with_the_valid_ones() -> None:
    with pytest.raises(queries.BadParameters, match="termijn, bedrag, leeftijd, percentage"):
        queries.get("parameters_of_act").bind({"act": "beslissen", "kind": "deadline"})
