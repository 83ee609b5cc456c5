"""Concepts and how laws build on each other's definitions, on cases found by reading the laws.

Every expectation below comes from the article text quoted in the docstring, not from running the
code. Laws from the shared corpus (``../shared/corpus/bwb``; skipped without it) and two files of
the 2012 crawl in ``tests/data/concepts`` (see the README there).
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from tests.conftest import CORPUS, DATA, corpus_file
from wetgraaf.graph.analysis.concepts import (
    Concept,
    ConceptRelation,
    build_concepts,
    is_designation,
    relate_concepts,
)
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.identity import LegalId
from wetgraaf.ingest.batch import ingest_file
from wetgraaf.ingest.records import Document

AOW, AWR, AKW, AWBZ, MML = "BWBR0002221", "BWBR0002320", "BWBR0002368", "BWBR0002614", "BWBR0002638"
WW, IW, AWB, IB, WFSV = "BWBR0004045", "BWBR0004770", "BWBR0005537", "BWBR0011353", "BWBR0017745"
ZVW, AWIR, SUCCESSIEWET, LEVEND_AAS = "BWBR0018450", "BWBR0018472", "BWBR0002226", "BWBR0008638"
VISSERIJWET = "BWBR0002416"
FILES = {
    AOW: "BWBR0002221_2012-snapshot.xml",
    AWR: "BWBR0002320_2012-snapshot.xml",
    AKW: "BWBR0002368_2012-snapshot.xml",
    AWBZ: "BWBR0002614_2012-snapshot.xml",
    MML: "BWBR0002638_2012-snapshot.xml",
    WW: "BWBR0004045_2012-snapshot.xml",
    IW: "BWBR0004770_2012-snapshot.xml",
    AWB: "BWBR0005537_2020-04-15_0.xml",
    IB: "BWBR0011353_2012-snapshot.xml",
    WFSV: "BWBR0017745_2012-snapshot.xml",
    ZVW: "BWBR0018450_2025-07-05_0.xml",
    AWIR: "BWBR0018472_2025-01-01_0.xml",
}
AWIR_2012 = "BWBR0018472_2012-snapshot.xml"


@cache
def _doc(name: str) -> Document:
    """A law as ingest reads it (legacy files get their official short title)."""
    local = DATA / "concepts" / name
    doc = ingest_file(local if local.is_file() else corpus_file(name))
    assert isinstance(doc, Document), doc
    return doc


def _docs(*ids: str) -> list[Document]:
    return [_doc(FILES.get(b, f"{b}.xml")) for b in ids]


def _analysed(*ids: str) -> tuple[list[Concept], list[ConceptRelation]]:
    concepts = build_concepts(_docs(*ids))
    return concepts, relate_concepts(concepts)


def _concept(concepts: list[Concept], bwb_id: str, term: str) -> Concept:
    [c] = [c for c in concepts if c.bwb_id == bwb_id and c.term_key == term_key(term) and c.scope_key is None]
    return c


def _relation(relations: list[ConceptRelation], a: Concept, b: Concept) -> ConceptRelation:
    [r] = [r for r in relations if (r.a, r.b) == (a.id, b.id)]
    return r


def _at(bwb_id: str, *path: tuple[str, str], version: date | None = None) -> LegalId:
    return LegalId(bwb_id, path, version)


def _art(bwb_id: str, artikel: str, lid: str | None = None, *onderdelen: str, version: date | None = None) -> LegalId:
    path = [("artikel", artikel)] + ([("lid", lid)] if lid else []) + [("o", o) for o in onderdelen]
    return LegalId(bwb_id, tuple(path), version)


AWIR_2025 = date(2025, 1, 1)


def test_wet_ib_builds_its_partner_on_the_awr_widens_and_narrows_it() -> None:
    """Wet IB 2001 art. 1.2 (2012):

    lid 1: "In aanvulling op artikel 5a van de Algemene wet inzake rijksbelastingen wordt voor de
    toepassing van deze wet en de daarop berustende bepalingen onder partner mede verstaan degene
    die op hetzelfde woonadres als de belastingplichtige staat ingeschreven … en: a. uit wiens
    relatie met de belastingplichtige een kind is geboren; …";
    lid 2: "Degene die ingevolge het eerste lid voor een deel van het kalenderjaar als partner wordt
    aangemerkt, wordt ook als partner aangemerkt in de andere perioden van het kalenderjaar, …";
    lid 4: "In afwijking van artikel 5a van de Algemene wet inzake rijksbelastingen en het eerste
    lid wordt niet als partner aangemerkt: a. een bloedverwant in de eerste graad …".

    AWR art. 5a lid 1: "Als partner wordt aangemerkt: a. de echtgenoot; b. de ongehuwde meerderjarige
    persoon waarmee de ongehuwde meerderjarige belastingplichtige een notarieel samenlevingscontract
    is aangegaan …" (the base), lid 4: "In afwijking van het eerste lid wordt een persoon niet meer als
    partner aangemerkt ingeval: …" (its own restriction).

    The Wet IB takes the AWR partner and extends it (lid 1, and lid 2 over the rest of the year)
    and restricts it (lid 4): it modifies it. The IB concept builds on the AWR one, not the other
    way round, and the two are never "divergent"."""
    concepts, relations = _analysed(IB, AWR)
    ib, awr = _concept(concepts, IB, "partner"), _concept(concepts, AWR, "partner")
    r = _relation(relations, ib, awr)
    assert r.relation == "modifies" and r.basis == "reference"
    assert r.parts["extends"] == (_art(IB, "1.2", "1"), _art(IB, "1.2", "2"))
    assert r.parts["restricts"] == (_art(IB, "1.2", "4"),)
    assert r.parts["base"] == (_art(AWR, "5a"),)
    assert r.evidence["how"] == ["departs_from", "supplements"]
    assert r.reason == (
        "Wet inkomstenbelasting 2001 art. 1.2 neemt het begrip partner van Algemene wet inzake "
        "rijksbelastingen art. 5a over, breidt het uit (lid 1 en 2) en beperkt het (lid 4)."
    )
    assert not [x for x in relations if x.b == ib.id]  # the AWR builds on nothing of the Wet IB
    assert not [x for x in relations if {x.a, x.b} == {ib.id, awr.id} and x.relation == "divergent"]
    # the AWR's own parts form one concept: the base and what modifies it in the same law
    roles = {p.location: p.role for p in awr.parts}
    assert roles[_art(AWR, "5a", "1")] == "base" and roles[_art(AWR, "5a", "4")] == "restriction"
    assert roles[_art(AWR, "2", "3", "l")] == "reference"  # "partner: persoon als bedoeld in artikel 5a"


def test_awir_takes_the_awr_partner_over_by_reference_and_modifies_it() -> None:
    """Awir (2025) art. 2 lid 1 onder f: "partner: de persoon bedoeld in artikel 3"; art. 3 lid 1:
    "Partner is degene die ingevolge artikel 5a, eerste lid en derde tot en met zevende lid, van de
    Algemene wet inzake rijksbelastingen als partner wordt aangemerkt"; lid 2: "… wordt onder partner
    mede verstaan degene die als ingezetene op hetzelfde woonadres is ingeschreven …"; lid 5: "In
    afwijking van artikel 5a van de Algemene wet inzake rijksbelastingen en het tweede lid wordt niet
    als partner aangemerkt: a. een bloed- of aanverwant in de eerste graad …".

    One Awir concept (the pointer of art. 2 included) that takes the AWR partner over (art. 3 lid 1),
    extends it (lid 2) and restricts it (lid 5)."""
    concepts, relations = _analysed(AWIR, AWR)
    awir, awr = _concept(concepts, AWIR, "partner"), _concept(concepts, AWR, "partner")
    r = _relation(relations, awir, awr)
    assert r.relation == "modifies"
    assert r.parts["takes_over"] == (_art(AWIR, "3", "1", version=AWIR_2025),)
    assert _art(AWIR, "3", "2", version=AWIR_2025) in r.parts["extends"]
    assert _art(AWIR, "3", "5", version=AWIR_2025) in r.parts["restricts"]
    assert r.parts["base"] == (_art(AWR, "5a"),)
    pointer = next(p for p in awir.parts if p.location == _art(AWIR, "2", "1", "f", version=AWIR_2025))
    assert pointer.role == "reference"
    assert r.reason.startswith(
        "Algemene wet inkomensafhankelijke regelingen art. 3 en 3b neemt het begrip partner van "
        "Algemene wet inzake rijksbelastingen art. 5a over, breidt het uit (art. 3 lid 2"
    )


def test_an_explicit_cross_law_extension() -> None:
    """Awir (2025) art. 41bis lid 1: "In afwijking van artikel 5:1 van de Algemene wet bestuursrecht
    wordt onder overtreder mede verstaan: a. degene die de overtreding doet plegen; b. degene die …
    de overtreding opzettelijk uitlokt; c. degene die als medeplichtige opzettelijk behulpzaam is …".
    Awb art. 5:1 lid 2: "Onder overtreder wordt verstaan: degene die de overtreding pleegt of
    medepleegt." The Awir widens the Awb's overtreder: it extends it."""
    concepts, relations = _analysed(AWIR, AWB)
    awir, awb = _concept(concepts, AWIR, "overtreder"), _concept(concepts, AWB, "overtreder")
    r = _relation(relations, awir, awb)
    assert r.relation == "extends"
    assert r.parts == {"extends": (_art(AWIR, "41bis", "1", version=AWIR_2025),), "base": (_art(AWB, "5:1"),)}
    assert r.reason == (
        "Algemene wet inkomensafhankelijke regelingen art. 41bis neemt het begrip overtreder van "
        "Algemene wet bestuursrecht art. 5:1 over en breidt het uit (lid 1)."
    )


def test_an_explicit_cross_law_restriction() -> None:
    """Successiewet 1956 (2012) art. 1a lid 1: "In afwijking van artikel 5a, eerste lid, onderdeel b,
    van de Algemene wet inzake rijksbelastingen worden voor de toepassing van deze wet en de daarop
    berustende bepalingen twee ongehuwde personen slechts als partner aangemerkt indien zij …: a.
    beiden meerderjarig zijn; … c. ingevolge een notarieel samenlevingscontract een wederzijdse
    zorgverplichting hebben; …". Fewer people are partners than under AWR art. 5a(1)(b): the
    Successiewet restricts the AWR partner ("slechts"; the extractor calls it a deeming)."""
    concepts, relations = _analysed(SUCCESSIEWET, AWR)
    sw, awr = _concept(concepts, SUCCESSIEWET, "partner"), _concept(concepts, AWR, "partner")
    [part] = sw.parts
    assert part.kind == "deeming" and part.role == "restriction"
    r = _relation(relations, sw, awr)
    assert r.relation == "restricts"
    assert r.parts == {"restricts": (_art(SUCCESSIEWET, "1a", "1"),), "base": (_art(AWR, "5a", "1", "b"),)}
    assert r.evidence["how"] == ["departs_from"]


def test_a_by_reference_takeover_with_a_condition() -> None:
    """AWBZ (2012) art. 1 lid 1 onder c: "zorgverzekeraar: een zorgverzekeraar als bedoeld in artikel
    1, onderdeel b, van de Zorgverzekeringswet, die deze wet ten aanzien van de verzekerden wenst uit
    te voeren en zich overeenkomstig artikel 33 heeft aangemeld". Zvw art. 1 onder b: "zorgverzekeraar:
    een verzekeraar, voor zover deze zorgverzekeringen aanbiedt of uitvoert". The AWBZ takes the Zvw
    definition over and adds a condition: it restricts it."""
    concepts, relations = _analysed(AWBZ, ZVW)
    awbz, zvw = _concept(concepts, AWBZ, "zorgverzekeraar"), _concept(concepts, ZVW, "zorgverzekeraar")
    [part] = awbz.parts
    assert part.role == "takeover" and part.tail.startswith(", die deze wet ten aanzien van de verzekerden")
    r = _relation(relations, awbz, zvw)
    assert r.relation == "restricts"
    here = _art(AWBZ, "1", "1", "c")
    assert r.parts == {"takes_over": (here,), "restricts": (here,), "base": (_art(ZVW, "1", None, "b"),)}
    assert r.reason == (
        "Algemene Wet Bijzondere Ziektekosten art. 1 neemt het begrip zorgverzekeraar van "
        "Zorgverzekeringswet art. 1, onderdeel b over en beperkt het (lid 1, onderdeel c)."
    )


def test_a_takeover_from_several_laws_extends_each() -> None:
    """Wfsv (2012) art. 1 onder q: "werkgever: de werkgever in de zin van de Werkloosheidswet, de
    Ziektewet, de Wet werk en inkomen naar arbeidsvermogen of de Wet op de arbeidsongeschiktheids-
    verzekering". WW art. 9: "Werkgever is de overheidswerkgever onderscheidenlijk de natuurlijke
    persoon tot wie of het lichaam tot welk een of meer natuurlijke personen in dienstbetrekking
    staan." The Wfsv takes the WW werkgever over and adds those of three other laws (not in the
    corpus: left dangling)."""
    concepts, relations = _analysed(WFSV, WW)
    wfsv, ww = _concept(concepts, WFSV, "werkgever"), _concept(concepts, WW, "werkgever")
    r = _relation(relations, wfsv, ww)
    here = _art(WFSV, "1", None, "q")
    assert r.relation == "extends" and r.parts == {"takes_over": (here,), "extends": (here,), "base": (_at(WW),)}
    assert r.reason == (
        "Wet financiering sociale verzekeringen art. 1 neemt het begrip werkgever van Werkloosheidswet "
        "over en breidt het uit (onderdeel q)."
    )
    assert {b.target.bwb_id for _, b in wfsv.dangling} == {"BWBR0001888", "BWBR0019057", "BWBR0002524"}


def test_a_same_law_modification_is_part_of_the_concept() -> None:
    """WW (2012) art. 3 lid 1: "Werknemer is de natuurlijke persoon, jonger dan 65 jaar, die in
    privaatrechtelijke of in publiekrechtelijke dienstbetrekking staat."; lid 2: "Wie zijn
    dienstbetrekking buiten Nederland en het continentaal plat vervult, wordt niet als werknemer
    beschouwd, tenzij …"; lid 3: "In afwijking van het eerste en tweede lid wordt niet als werknemer
    beschouwd de vreemdeling die niet rechtmatig in Nederland verblijf houdt …"; art. 56: "De persoon
    die is toegelaten tot de vrijwillige werkloosheidsverzekering wordt voor de toepassing van deze
    wet voor de duur van die verzekering als werknemer beschouwd." One concept: a base, two
    restrictions, an extension; nothing to relate within it (before, the leden were pairs, "divergent")."""
    concepts, relations = _analysed(WW)
    [ww] = [c for c in concepts if c.term_key == "werknemer"]
    roles = {p.location: p.role for p in ww.parts}
    assert roles[_art(WW, "3", "1")] == "base"
    assert roles[_art(WW, "3", "2")] == roles[_art(WW, "3", "3")] == "restriction"
    assert roles[_art(WW, "56")] == "extension"
    lid3 = next(p for p in ww.parts if p.location == _art(WW, "3", "3"))
    assert lid3.own and all(o.bwb_id == WW for o in lid3.own) and not lid3.basis
    assert not [r for r in relations if ww.id in (r.a, r.b)]


def test_a_harmonised_concept_and_a_takeover_of_it() -> None:
    """AOW art. 1 lid 1 onder b, AKW art. 1 onder b and WW art. 1 onder e (2012) read alike: "lichamen:
    rechtspersonen, maat- en vennootschappen, samenwerkingsvormen zonder rechtspersoonlijkheid die
    met verenigingen maatschappelijk gelijk kunnen worden gesteld, ondernemingen van publiekrechtelijke
    rechtspersonen en doelvermogens". The AWR (art. 2 lid 1 onder b) says otherwise: "lichamen:
    verenigingen en andere rechtspersonen, maat- en vennootschappen, ondernemingen van
    publiekrechtelijke rechtspersonen en doelvermogens"; the Invorderingswet 1990 takes the AWR's over
    for its art. 33 (lid 2: "… worden onder lichamen verstaan: lichamen in de zin van de Algemene wet
    inzake rijksbelastingen …")."""
    concepts, relations = _analysed(AOW, AKW, WW, AWR, IW)
    aow, akw, ww, awr = (_concept(concepts, b, "lichamen") for b in (AOW, AKW, WW, AWR))
    for c in (akw, ww):
        r = _relation(relations, c, aow)
        assert r.relation == "same" and r.basis == "text" and r.evidence["shared_by"] == [3, 3]
        assert r.reason.endswith("definiëren lichamen met dezelfde tekst.")
    r = _relation(relations, aow, awr)
    assert r.relation == "divergent" and r.basis == "text" and not r.evidence["near_duplicate"]
    assert r.parts == {"a": (_art(AOW, "1", "1", "b"),), "b": (_art(AWR, "2", "1", "b"),)}
    [iw] = [c for c in concepts if c.bwb_id == IW and c.term_key == "lichaam"]
    assert iw.scope_key == ("artikel", ("33",), "")
    r = _relation(relations, iw, awr)
    assert r.relation == "same" and r.basis == "reference"
    assert r.reason == (
        "Invorderingswet 1990 art. 33 neemt het begrip lichamen van Algemene wet inzake rijksbelastingen ongewijzigd over."
    )


def test_a_real_divergence() -> None:
    """AWR (2012) art. 2 lid 3 onder i: "kind: eerstegraads bloedverwant en aanverwant in de neergaande
    lijn"; AKW art. 4 lid 1: "In deze wet en de daarop berustende bepalingen wordt verstaan onder kind:
    eigen kind, aangehuwd kind of pleegkind." Two independent definitions of *kind*: the AKW counts a
    foster child, the AWR does not; neither refers to the other. The Invorderingswet 1990 (art. 2 lid 1
    onder n) copies the AWR's words: the same."""
    concepts, relations = _analysed(AWR, AKW, IW)
    awr, akw, iw = (_concept(concepts, b, "kind") for b in (AWR, AKW, IW))
    r = _relation(relations, awr, akw)
    assert r.relation == "divergent" and r.basis == "text" and r.scored
    assert r.parts == {"a": (_art(AWR, "2", "3", "i"),), "b": (_art(AKW, "4", "1"),)}
    assert r.evidence["similarity"] < 0.2
    assert _relation(relations, iw, awr).relation == "same"


def test_onze_minister_is_a_naming_term() -> None:
    """AOW art. 1 lid 1 onder a: "Onze Minister: Onze Minister van Sociale Zaken en Werkgelegenheid";
    AKW art. 1 onder a: the same words; AWR art. 2 lid 3 onder a: "Onze Minister: Onze Minister van
    Financiën". Each law names its own minister: by design, no conflict, not scored."""
    concepts, relations = _analysed(AOW, AKW, AWR)
    aow, akw, awr = (_concept(concepts, b, "Onze Minister") for b in (AOW, AKW, AWR))
    assert aow.naming and akw.naming and awr.naming
    r = _relation(relations, aow, awr)
    assert r.relation == "naming" and r.naming and not r.scored
    assert "Onze Minister van Financiën" in r.reason and "Onze Minister van Sociale Zaken" in r.reason
    same = _relation(relations, akw, aow)
    assert same.relation == "same" and same.naming and not same.scored
    # the kind of the AWR is no designation, a body of the AWBZ is
    assert not _concept(concepts, AWR, "kind").naming
    assert is_designation("de Sociale verzekeringsbank, genoemd in artikel 3 van de Wet structuur uitvoeringsorganisatie werk en inkomen")  # fmt: skip
    assert not is_designation("eerstegraads bloedverwant en aanverwant in de neergaande lijn")


def test_two_scopes_of_one_law_are_apart() -> None:
    """MML (2012) art. 5 lid 1: "Voor de toepassing van het bij of krachtens deze wet bepaalde wordt
    onder werkgever verstaan de persoon, tot wie een werknemer in dienstbetrekking staat."; lid 2: "In
    het geval, bedoeld in artikel 2, tweede lid, wordt onder werkgever verstaan de persoon, met wie de
    overeenkomst tot het verlenen van bemiddeling is gesloten." Two concepts of one law, each for its
    own scope."""
    concepts, relations = _analysed(MML)
    wide = _concept(concepts, MML, "werkgever")
    [local] = [c for c in concepts if c.term_key == "werkgever" and c.scope_key == ("articles", ("2",), "")]
    r = _relation(relations, local, wide)
    assert r.relation == "scoped_apart" and not r.scored
    assert r.parts == {"a": (_art(MML, "5", "2"),), "b": (_art(MML, "5", "1"),)}


def test_versions_of_one_law_are_never_related() -> None:
    """The 2012 and 2025 Awir are one regeling: only the 2025 version has concepts, and no relation
    joins the Awir to itself across versions (its art. 3 changed: an own definition in 2012, a
    reference to AWR art. 5a in 2025)."""
    concepts, relations = _analysed(AWIR, AWR)
    both = build_concepts([_doc(AWIR_2012), *_docs(AWIR, AWR)])
    assert {c.id for c in both} == {c.id for c in concepts}
    assert {c.regeling.version for c in both if c.bwb_id == AWIR} == {AWIR_2025}
    by_id = {c.id: c for c in both}
    for r in relate_concepts(both):
        assert by_id[r.a].bwb_id != by_id[r.b].bwb_id or r.relation == "scoped_apart"


def test_an_extension_of_a_law_outside_the_corpus() -> None:
    """Besluit verbod gebruik van levend aas (2012) art. 1: "In aanvulling op artikel 1, tweede lid, van
    de Visserijwet 1963 wordt in dit besluit mede verstaan onder vis: vissen (Pisces) van de niet door
    Onze Minister aangewezen soorten." The extractor calls it explicit; the sentence says "mede" and
    "in aanvulling op": an extension of the Visserijwet, which is not analysed here: the link dangles."""
    [c] = build_concepts(_docs(LEVEND_AAS))
    [part] = c.parts
    assert part.kind == "explicit" and part.role == "extension"
    [(_, basis)] = c.dangling
    assert basis.how == "supplements" and basis.target == _art(VISSERIJWET, "1", "2")
    assert not c.based_on and not c.root


def test_on_the_shared_corpus_partner_is_a_handful_of_concept_relations() -> None:
    """The whole shared corpus through the report: the partner cluster lists the two concepts that
    build on the AWR (Wet IB 2001, Awir), none of them divergent; no divergence anywhere is between
    a concept and one it builds on; naming clusters score nothing but a body under two names, and
    *onze minister* and *wet* are not among the first ten."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/bwb not available")
    from tests.conftest import shared_ingest
    from wetgraaf.graph.analysis.report import analyse

    report = analyse(shared_ingest().documents)
    partner = next(c for c in report["clusters"] if c["terms"] == ["partner"])
    assert partner["concept_relation_counts"] == {"modifies": 2}
    assert {(r["a"].split("#")[0], r["b"].split("#")[0]) for r in partner["concept_relations"]} == {
        (f"jci1.3:c:{IB}", f"jci1.3:c:{AWR}"),
        (f"jci1.3:c:{AWIR}&g=2025-01-01", f"jci1.3:c:{AWR}"),
    }
    based = {c["id"] for cl in report["clusters"] for c in cl["concepts"] if c["based_on"] or c["dangling"]}
    for cl in report["clusters"]:
        for r in cl["concept_relations"]:
            if r["relation"] == "divergent":
                assert r["a"] not in based and r["b"] not in based, r
    top = [t for c in report["clusters"][:10] for t in c["terms"]]
    assert "onze minister" not in top and "wet" not in top
    for c in report["clusters"]:
        if c["naming"]:  # one body under two names (UWV) is the only thing a naming cluster scores
            assert c["score"] == c["score_parts"]["cross_term_duplicate"]
    minister = next(c for c in report["clusters"] if "onze minister" in c["terms"])
    assert minister["naming"] and {"naming", "same"} <= set(minister["concept_relation_counts"])
    assert "onze minister" in {t["term_key"] for t in report["naming_terms"]}


def test_concepts_are_read_per_cluster_not_at_start_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The API's database keeps a cluster's concepts and relations out of the rows it reads at
    start-up (like its pairs) and gives them per cluster: for partner in the Wet IB, the AWR and
    the Awir, the two laws that modify the AWR partner (see the tests above)."""
    import json

    from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
    from wetgraaf.graph.analysis.report import analyse
    from wetgraaf.store.analysis import AnalysisDb, write_analysis_db

    docs = _docs(IB, AWR, AWIR)
    report = analyse(docs)
    g = definitions_graph(latest_documents(docs))
    write_analysis_db(tmp_path / "analysis.sqlite", report, g, g)
    db = AnalysisDb(tmp_path / "analysis.sqlite")
    row = next(c for c in db.clusters() if c["terms"] == ["partner"])
    assert "concepts" not in row and "concept_relations" not in row
    assert row["concept_relation_counts"] == {"modifies": 2} and not row["naming"]
    full = next(c for c in report["clusters"] if c["id"] == row["id"])
    assert db.concepts(row["id"]) == json.loads(
        json.dumps({"concepts": full["concepts"], "concept_relations": full["concept_relations"]})
    )
    assert db.concepts("c-000000000000") == {"concepts": [], "concept_relations": []}
