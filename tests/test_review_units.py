"""Review units that hold at whole-BWB size: meanings instead of pairs, treaties apart, lineages
instead of chains, and weight from the rules that use a term.

Every expectation comes from the law text quoted in the test's docstring. The laws are in the
bundled corpus (``wetgraaf/data/corpus``) and in ``tests/data/concepts`` (copied unchanged from
the 2012 crawl; see the README there).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.conftest import DATA, bundled_documents, corpus_file
from wetgraaf.graph.analysis.clusters import build_clusters
from wetgraaf.graph.analysis.concepts import build_concepts, relate_concepts
from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.graph.analysis.usage import Impact, term_impact, term_uses
from wetgraaf.ingest.batch import ingest_file
from wetgraaf.ingest.records import Document

AOW, AWR, AKW, WW, ANW = "BWBR0002221", "BWBR0002320", "BWBR0002368", "BWBR0004045", "BWBR0007795"


@cache
def _bundled_report() -> dict[str, Any]:
    return analyse(bundled_documents())


def _doc(path: str) -> Document:
    doc = ingest_file(path)
    assert isinstance(doc, Document), doc
    return doc


def test_a_term_scores_its_meanings_not_its_pairs() -> None:
    """*lichamen* in five laws of the bundled corpus:

    - AOW art. 1 lid 1 onder b, AKW art. 1 onder b, WW art. 1 onder e: "rechtspersonen, maat- en
      vennootschappen, samenwerkingsvormen zonder rechtspersoonlijkheid die met verenigingen
      maatschappelijk gelijk kunnen worden gesteld, ondernemingen van publiekrechtelijke
      rechtspersonen en doelvermogens" (one text);
    - ANW art. 1 onder g: "een rechtspersoon, een maat- en vennootschap, een samenwerkingsvorm
      zonder rechtspersoonlijkheid die met een vereniging kan worden gelijkgesteld, een
      onderneming van publiekrechtelijke rechtspersonen en een doelvermogen" — the same list in
      the singular, without "maatschappelijk": the same meaning, nearly the same words;
    - AWR art. 2 lid 1 onder b: "verenigingen en andere rechtspersonen, maat- en vennootschappen,
      ondernemingen van publiekrechtelijke rechtspersonen en doelvermogens" — no
      samenwerkingsvormen: another meaning.

    Two meanings are one divergence (3 points), however many pairs of texts there are; the ANW's
    singular text is a near-duplicate of the AOW's, not a rival.
    """
    [c] = [c for c in _bundled_report()["clusters"] if c["terms"] == [term_key("lichamen")]]
    assert c["score_parts"]["divergent"] == 3.0
    assert c["score_parts"]["near_duplicate"] == 1.0
    law = {x["id"]: x["bwb_id"] for x in c["concepts"]}
    anw_aow = [
        r for r in c["concept_relations"] if {law[r["a"]], law[r["b"]]} == {AOW, ANW} and r["relation"] == "divergent"
    ]
    assert anw_aow and anw_aow[0]["evidence"]["near_duplicate"] is True
    aow_awr = [r for r in c["concept_relations"] if {law[r["a"]], law[r["b"]]} == {AOW, AWR}]
    assert aow_awr and aow_awr[0]["evidence"]["near_duplicate"] is False


def test_two_treaties_texts_are_shown_not_scored() -> None:
    """Two air-services agreements of the Kingdom, each defining *luchtvaartautoriteiten* for its
    own parties:

    - with Paraguay (BWBV0003847) art. 1 onder 2: "voor wat betreft de Republiek Paraguay het
      Directoraat-Generaal voor de Burgerluchtvaart - Ministerie van Defensie van Paraguay en voor
      wat betreft het Koninkrijk der Nederlanden, voor Nederland de Directeur-Generaal van de
      Rijksluchtvaartdienst van Nederland, …";
    - with Kuwait (BWBV0003844) art. 1 onder b: "wat de Staat Koeweit betreft, de
      Directeur-Generaal van de Burgerluchtvaart; wat het Koninkrijk der Nederlanden betreft, de
      Directeur-Generaal van de Rijksluchtvaartdienst, …".

    Different texts, agreed with different parties: a divergence nobody can harmonise. The
    relation says so (``negotiated``) and scores nothing.
    """
    docs = [_doc(str(DATA / "concepts" / f"{b}.xml")) for b in ("BWBV0003847", "BWBV0003844")]
    concepts = build_concepts(docs)
    relations = relate_concepts(concepts)
    [r] = [r for r in relations if r.term_key == term_key("luchtvaartautoriteiten")]
    assert r.relation == "divergent" and r.negotiated and not r.scored
    assert "verdragen" in r.reason
    report = analyse(docs)
    [c] = [c for c in report["clusters"] if term_key("luchtvaartautoriteiten") in c["terms"]]
    assert c["score_parts"]["divergent"] == 0.0 and c["score_parts"]["impact"] == 0.0


def test_a_definition_of_another_term_joins_the_lineage_it_builds_on() -> None:
    """Wet van 29 mei 1963 (BWBR0002414, Stb. 228) art. 1 onder 4: "algemeen ouderdomspensioen:
    een bruto ouderdomspensioen als bedoeld in de Algemene Ouderdomswet met inbegrip van de
    daarbij behorende vakantie-uitkering …". Its term is not the AOW's, but it is the AOW's
    ouderdomspensioen: it joins that cluster (it is a cluster of its own and points at one).
    """
    docs = [_doc(str(DATA / "concepts" / "BWBR0002414.xml")), _doc(str(corpus_file("BWBR0002221_2012-snapshot.xml")))]
    g = definitions_graph(latest_documents(docs))
    [src] = [n for n, a in g.nodes(data=True) if a["term_key"] == term_key("algemeen ouderdomspensioen")]
    targets = [b for _, b, k in g.out_edges(src, keys=True) if k == "refers_to"]
    assert targets and all(g.nodes[b]["bwb_id"] == AOW for b in targets)
    clusters = build_clusters(g, [], [], {})
    [c] = [c for c in clusters if src in c.members]
    assert set(targets) <= set(c.members)
    assert set(c.terms) == {term_key("algemeen ouderdomspensioen"), term_key("ouderdomspensioen")}


def test_impact_counts_the_rules_that_use_a_term() -> None:
    """The AOW (2012) uses *aanvrager* once: art. 51 lid 3, "Indien een beschikking niet binnen
    de termijn van acht weken kan worden gegeven, wordt die termijn met een redelijke termijn
    verlengd en wordt de aanvrager daarvan schriftelijk in kennis gesteld" — a duty of the
    Sociale verzekeringsbank. One use, one normative use."""
    docs = latest_documents(bundled_documents())
    g = definitions_graph(docs)
    impact = term_impact(docs, term_uses(docs, g))
    assert impact[(AOW, term_key("aanvrager"))] == Impact(uses=1, normative=1)
    assert impact[(AOW, term_key("aanvrager"))].weight == 2.0


def test_naming_and_the_minister_are_not_at_the_top() -> None:
    """*Onze Minister* (a different minister in each law) and *wet* (each law's own act) name,
    they do not define: not among the ten highest-ranked clusters of the bundled corpus."""
    top = [t for c in _bundled_report()["clusters"][:10] for t in c["terms"]]
    assert term_key("Onze Minister") not in top and term_key("wet") not in top


def test_each_law_naming_its_own_secretaris_is_no_divergence() -> None:
    """Three regelingen of 2012 define *secretaris* as the office of their own body:

    - Productschap Tuinbouw, bijzondere heffing verduurzaamde groenten (BWBR0030467) art. 1:
      "secretaris: secretaris van het productschap";
    - Productschap Dranken, bestemmingsheffing Gedistilleerd Informatiecentrum (BWBR0027369)
      art. 1: "secretaris: de door het Bestuur aangestelde secretaris van de Commissie";
    - Bestuurskamer, mandaatbesluit heffing scholing ondernemingsraadsleden (BWBR0017818) art. 1
      onder a: "secretaris: secretaris van de Bestuurskamer".

    Each names which person holds an office; three texts that differ because the bodies differ
    are no conflict a simplification team could resolve: the term is a naming term, and its
    cluster does not score for divergence (it did: 6 points, three meanings)."""
    docs = [_doc(str(DATA / "concepts" / f"{b}.xml")) for b in ("BWBR0030467", "BWBR0027369", "BWBR0017818")]
    report = analyse(docs)
    [c] = [c for c in report["clusters"] if term_key("secretaris") in c["terms"]]
    assert len(c["regelingen"]) == 3
    assert c["naming"] is True
    assert c["score_parts"].get("divergent", 0.0) == 0.0


def test_laws_that_add_different_people_to_an_undefined_term_diverge() -> None:
    """No law of the bundled corpus defines *gehuwd*; several add to it. The AOW (art. 1, lid 3,
    onder a) and the Toeslagenwet (art. 1, lid 3, onder a) both add "de ongehuwde meerderjarige
    die met een andere ongehuwde meerderjarige een gezamenlijke huishouding voert, tenzij het
    betreft een bloedverwant in de eerste graad"; the Toeslagenwet also (art. 23a) counts the
    toeslaggerechtigde as gehuwd "tot en met één maand na de dag van overlijden van de
    echtgenoot", the AOW does not. So *gehuwd* covers other people in the two laws: a
    divergence that scores, where before additions that differed were not compared at all."""
    report = _bundled_report()
    [c] = [c for c in report["clusters"] if term_key("gehuwd") in c["terms"]]
    aow, tw = f"jci1.3:c:{AOW}#begrip=gehuwd", "jci1.3:c:BWBR0004043#begrip=gehuwd"
    rel = [r for r in c["concept_relations"] if {r["a"], r["b"]} == {aow, tw}]
    assert [r["relation"] for r in rel] == ["divergent"], rel
    assert c["score_parts"]["divergent"] >= 3.0
    # deeming a fact an offence is no addition to a term: each law deems its own facts
    assert not any(term_key("overtreding") in x["terms"] for x in report["clusters"][:10])
