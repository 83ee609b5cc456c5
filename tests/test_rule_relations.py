"""Rule relations and rule parameters (issue 18 items 1 and 2) on real leden.

Every expectation is read from the lid's text, quoted in the test's docstring. Laws from the
shared corpus (2012 snapshots) and five small files of the 2012 dump in tests/data/rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.conftest import DATA, corpus_file
from wetgraaf.identity import LegalId
from wetgraaf.ingest import Document, parse
from wetgraaf.ingest.batch import builtin_titles
from wetgraaf.ingest.rule_parameters import PARAMETER_FORMS
from wetgraaf.ingest.rules_relations import RELATION_FORMS, as_labels

RULES = DATA / "rules"


@cache
def _doc(name: str) -> Document:
    p = RULES / name if (RULES / name).exists() else corpus_file(name)
    return parse(Path(p).read_bytes(), name=p.name, titles=builtin_titles())


def _label(name: str, jci: str) -> dict:
    (lab,) = [x for x in as_labels(_doc(name)) if x["jci"] == jci]
    return lab


def _rels(name: str, jci: str) -> list[tuple[str, str | None]]:
    return [(r["relation"], r["target"]) for r in _label(name, jci)["relations"]]


AWB = "BWBR0005537_2012-snapshot.xml"
WW = "BWBR0004045_2012-snapshot.xml"
AWR = "BWBR0002320_2012-snapshot.xml"
AWIR = "BWBR0018472_2012-snapshot.xml"
J = "jci1.3:c:"


def test_derogates_from() -> None:
    """Awb 7:1a lid 1: "… zulks in afwijking van artikel 7:1." """
    assert _rels(AWB, f"{J}BWBR0005537&artikel=7:1a&lid=1") == [("derogates_from", f"{J}BWBR0005537&artikel=7:1")]


def test_derogates_from_two_targets_one_unresolved() -> None:
    """BWBR0005224 art. 2 lid 1: "In afwijking van artikel 6, eerste lid, eerste volzin, en artikel 7
    van het besluit geschiedt de betaling …" — "het besluit" is a defined term (art. 1 c: the
    Interimregeling ziektekosten ambtenaren 1982), not a title: that target stays open, with the reason."""
    rels = _label("BWBR0005224.xml", f"{J}BWBR0005224&artikel=2&lid=1")["relations"]
    assert [r["relation"] for r in rels] == ["derogates_from", "derogates_from"]
    assert rels[1]["target_text"] == "artikel 7 van het besluit"
    assert rels[1]["target"] is None and "het besluit" in rels[1]["reason"]


def test_applies_mutatis_mutandis_with_adaptation() -> None:
    """WW 36a lid 2: "Artikel 27g is van overeenkomstige toepassing, met dien verstande dat indien het
    gemiddeld inkomen … het UWV de aflossingsbedragen lager vaststelt." """
    src = LegalId.parse(f"{J}BWBR0004045&artikel=36a&lid=2")
    rels = [r for r in _doc(WW).rule_relations if r.source == src]
    assert [(r.relation, r.target.jci if r.target else None) for r in rels] == [
        ("applies_mutatis_mutandis", f"{J}BWBR0004045&artikel=27g")
    ]
    assert rels[0].adaptation.startswith("met dien verstande dat indien het gemiddeld inkomen")
    assert rels[0].adaptation.endswith("het UWV de aflossingsbedragen lager vaststelt")


def test_applies_mutatis_mutandis_list_of_external_targets() -> None:
    """Awir 41a lid 1: "De artikelen 10.1 en 10.2 van de Wet inkomstenbelasting 2001 zijn van
    overeenkomstige toepassing met dien verstande dat als tabelcorrectiefactor wordt genomen …" — two
    relations, both into the IB 2001 (BWBR0011353)."""
    rels = [r for r in _rels(AWIR, f"{J}BWBR0018472&artikel=41a&lid=1") if r[0] == "applies_mutatis_mutandis"]
    assert rels == [
        ("applies_mutatis_mutandis", f"{J}BWBR0011353&artikel=10.1"),
        ("applies_mutatis_mutandis", f"{J}BWBR0011353&artikel=10.2"),
    ]


def test_excepts_list_of_chapters_and_what_it_is_not_applied_to() -> None:
    """Awb 1:6: "De hoofdstukken 2 tot en met 8 en 10 van deze wet zijn niet van toepassing op: a. de
    opsporing en vervolging van strafbare feiten …" — a range (kept as its first chapter, with its
    text) and chapter 10."""
    rels = _label(AWB, f"{J}BWBR0005537&artikel=1:6")["relations"]
    assert [(r["relation"], r["target"]) for r in rels] == [
        ("excepts", f"{J}BWBR0005537&hoofdstuk=2"),
        ("excepts", f"{J}BWBR0005537&hoofdstuk=10"),
    ]
    assert rels[0]["target_text"].startswith("hoofdstukken 2 tot en met 8")


def test_excepts_in_a_list_item() -> None:
    """Awb 3:1 lid 1: "Op besluiten, inhoudende algemeen verbindende voorschriften: a. is afdeling 3.2
    slechts van toepassing, …; b. zijn de afdelingen 3.6 en 3.7 niet van toepassing." """
    assert _rels(AWB, f"{J}BWBR0005537&artikel=3:1&lid=1") == [
        ("excepts", f"{J}BWBR0005537&afdeling=3.6"),
        ("excepts", f"{J}BWBR0005537&afdeling=3.7"),
    ]


def test_excepts_relative_lid_and_scope() -> None:
    """BWBR0015471 art. 4 lid 2: "Het eerste lid, onder g, is niet van toepassing op de voor applicatie
    bij een en dezelfde persoon bereide en gerede hoeveelheid tatoeagekleurstof." """
    src = LegalId.parse(f"{J}BWBR0015471&artikel=4&lid=2")
    (rel,) = [r for r in _doc("BWBR0015471.xml").rule_relations if r.source == src]
    assert (rel.relation, rel.target.jci) == ("excepts", f"{J}BWBR0015471&artikel=4&lid=1")
    assert rel.scope.startswith("op de voor applicatie bij een en dezelfde persoon")


def test_excepts_this_chapter() -> None:
    """BWBR0003739 art. 5: "Het bepaalde in dit hoofdstuk is niet van toepassing op die regelingen …" —
    the article stands in hoofdstuk II."""
    rels = _label("BWBR0003739.xml", f"{J}BWBR0003739&artikel=5")["relations"]
    assert [(r["relation"], r["target"]) for r in rels] == [("excepts", f"{J}BWBR0003739&hoofdstuk=II")]


def test_without_prejudice_to() -> None:
    """BWBR0015471 art. 4 lid 1: "Onverminderd artikel 3, worden tatoeagekleurstoffen uitsluitend
    verhandeld indien zij: a. …" """
    assert _rels("BWBR0015471.xml", f"{J}BWBR0015471&artikel=4&lid=1") == [
        ("without_prejudice_to", f"{J}BWBR0015471&artikel=3")
    ]


def test_derogates_with_a_termijn_in_months() -> None:
    """BWBR0015471 art. 8: "In afwijking van artikel 2 mogen tatoeagekleurstoffen die niet voldoen aan
    artikel 5, tot zeven maanden na inwerkingtreding van dit besluit worden verhandeld." — months have
    no exact length in days."""
    lab = _label("BWBR0015471.xml", f"{J}BWBR0015471&artikel=8")
    assert [(r["relation"], r["target"]) for r in lab["relations"]] == [("derogates_from", f"{J}BWBR0015471&artikel=2")]
    (p,) = lab["parameters"]
    assert (p["kind"], p["value"], p["unit"], p["days"]) == ("termijn", 7, "maanden", None)


def test_delegates_without_a_named_regeling() -> None:
    """BWBR0005062 art. 1 lid 2: "Bij algemene maatregel van bestuur worden regels gesteld omtrent de
    verlening van bijdragen als bedoeld in het eerste lid." """
    (r,) = _label("BWBR0005062.xml", f"{J}BWBR0005062&artikel=1&lid=2")["relations"]
    assert (r["relation"], r["target_text"], r["target"]) == ("delegates", "algemene maatregel van bestuur", None)


def test_termijn_in_words_with_act() -> None:
    """Awb 6:7: "De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken." """
    lab = _label(AWB, f"{J}BWBR0005537&artikel=6:7")
    assert lab["relations"] == []
    (p,) = lab["parameters"]
    assert (p["kind"], p["text"], p["value"], p["unit"], p["days"]) == ("termijn", "zes weken", 6, "weken", 42)
    assert p["act"] == "bezwaar indienen"


def test_two_termijnen_with_act_and_actor() -> None:
    """Awb 7:10 lid 1: "Het bestuursorgaan beslist binnen zes weken of – indien een commissie als bedoeld
    in artikel 7:13 is ingesteld – binnen twaalf weken, gerekend vanaf de dag na die waarop de termijn
    voor het indienen van het bezwaarschrift is verstreken." """
    ps = _label(AWB, f"{J}BWBR0005537&artikel=7:10&lid=1")["parameters"]
    assert [(p["text"], p["days"], p["act"], p["actor"]) for p in ps] == [
        ("binnen zes weken", 42, "beslissen", "het bestuursorgaan"),
        ("binnen twaalf weken", 84, "beslissen", "het bestuursorgaan"),
    ]


def test_onverwijld() -> None:
    """AWR 29f lid 2: "De griffier zendt een door hem voor eensluidend getekend afschrift van de intrekking
    onverwijld aan die belanghebbende." """
    (p,) = _label(AWR, f"{J}BWBR0002320&artikel=29f&lid=2")["parameters"]
    assert (p["kind"], p["text"], p["value"], p["days"]) == ("termijn", "onverwijld", None, None)
    assert p["actor"] == "de griffier"


def test_leeftijd() -> None:
    """AWR 47 lid 3: "Een ieder die de leeftijd van veertien jaar heeft bereikt, is verplicht …" """
    (p,) = _label(AWR, f"{J}BWBR0002320&artikel=47&lid=3")["parameters"]
    assert (p["kind"], p["text"], p["value"], p["unit"]) == ("leeftijd", "de leeftijd van veertien jaar", 14, "jaar")


def test_bedrag_with_price_year() -> None:
    """BWBR0026192 art. 2: "… een macro taakstellingsbedrag van structureel € 119 mln (prijspeil 2009) te
    realiseren." """
    src = LegalId.parse(f"{J}BWBR0026192&artikel=2")
    (p,) = [p for p in _doc("BWBR0026192.xml").rule_parameters if p.source == src]
    assert (p.kind, p.value, p.unit, p.price_year) == ("bedrag", 119_000_000, "euro", 2009)


def test_bedrag_with_its_thousands_grouped_by_spaces() -> None:
    """AOW (2012) art. 17c lid 1: "De Sociale verzekeringsbank legt een bestuurlijke boete op van ten
    hoogste € 2 269 ter zake van het niet of niet behoorlijk nakomen …" — written "&#x20AC;&#xA0;2&#xA0;269":
    two thousand two hundred and sixty-nine euros, not two."""
    src = LegalId.parse(f"{J}BWBR0002221&artikel=17c&lid=1")
    (p,) = [p for p in _doc("BWBR0002221_2012-snapshot.xml").rule_parameters if p.source == src and p.kind == "bedrag"]
    assert (p.value, p.unit, p.act) == (2269, "euro", "opleggen")


def test_the_act_of_a_passive_decision_with_a_long_middle() -> None:
    """Wlz art. 10.3.1 lid 5: "… wordt de beslissing op bezwaar in afwijking van artikel 7:10, eerste
    lid, van de Algemene wet bestuursrecht genomen binnen eenentwintig weken gerekend vanaf de dag na
    die waarop de termijn voor het indienen van het bezwaarschrift is verstreken." — 21 weeks to
    decide, counted from the end of the termijn for the bezwaar: the act is deciding, not filing."""
    src = LegalId.parse(f"{J}BWBR0035917&artikel=10.3.1&lid=5&g=2025-07-05")
    (p,) = [p for p in _doc("BWBR0035917_2025-07-05_0.xml").rule_parameters if p.source == src]
    assert (p.text, p.days, p.act) == ("binnen eenentwintig weken", 147, "beslissen")


def test_percentage() -> None:
    """BWBR0003739 art. 3: "… wordt … het bedrag van dat wachtgeld bepaald op 90% van bedoelde beloningen." """
    (p,) = _label("BWBR0003739.xml", f"{J}BWBR0003739&artikel=3")["parameters"]
    assert (p["kind"], p["text"], p["value"], p["unit"]) == ("percentage", "90%", 90, "procent")


def test_lid_without_any_wording_gives_nothing() -> None:
    """BWBR0015471 art. 10: "Dit besluit wordt aangehaald als: Warenwetbesluit tatoeagekleurstoffen." """
    lab = _label("BWBR0015471.xml", f"{J}BWBR0015471&artikel=10")
    assert lab == {
        "file": "BWBR0015471.xml",
        "bwb_id": "BWBR0015471",
        "jci": f"{J}BWBR0015471&artikel=10",
        "relations": [],
        "parameters": [],
    }


@pytest.mark.parametrize("form", RELATION_FORMS, ids=lambda f: f.name)
def test_every_relation_form_has_a_real_example(form) -> None:  # type: ignore[no-untyped-def]
    assert form.example and "(" in form.example


@pytest.mark.parametrize("form", PARAMETER_FORMS, ids=lambda f: f.name)
def test_every_parameter_form_has_a_real_example(form) -> None:  # type: ignore[no-untyped-def]
    assert form.example


def test_records_round_trip_through_the_store(tmp_path: Path) -> None:
    """The new tables are written and read back equal (`wetgraaf records rule_relations`)."""
    from wetgraaf.store import CorpusStore, FileState

    doc = _doc("BWBR0015471.xml")
    s = CorpusStore(tmp_path / "c.sqlite")
    s.put(FileState("x.xml", 1, 1, "0", "e", "document", doc.regeling.bwb_id), doc)
    s.commit()
    (back,) = s.documents(parts=("rule_relations", "rule_parameters"))
    assert back.rule_relations == doc.rule_relations and back.rule_parameters == doc.rule_parameters
    assert s.count("rule_relations") == len(doc.rule_relations) > 0


def test_a_range_of_articles_is_every_article_in_it() -> None:
    """WW art. 129c: "Ten aanzien van besluiten waaraan een medische beoordeling ten grondslag ligt
    zijn de artikelen 103 tot en met 110 van de Wet werk en inkomen naar arbeidsvermogen van
    overeenkomstige toepassing." — eight articles of the WIA (BWBR0019057) apply, one relation each."""
    rels = _rels(WW, f"{J}BWBR0004045&artikel=129c")
    assert rels == [("applies_mutatis_mutandis", f"{J}BWBR0019057&artikel={n}") for n in range(103, 111)]


def test_the_preceding_leden() -> None:
    """Wet OB 1968 art. 25 lid 5: "De vorige leden zijn niet van toepassing op leveringen van nieuwe
    vervoermiddelen …" — leden 1 to 4 of art. 25 are excepted; AOW art. 14 lid 2: "In afwijking van
    het bepaalde in het vorige lid is de Sociale verzekeringsbank bevoegd …" — lid 1."""
    ob = "BWBR0002629_2012-snapshot.xml"
    assert _rels(ob, f"{J}BWBR0002629&artikel=25&lid=5") == [
        ("excepts", f"{J}BWBR0002629&artikel=25&lid={n}") for n in range(1, 5)
    ]
    aow = "BWBR0002221_2012-snapshot.xml"
    assert _rels(aow, f"{J}BWBR0002221&artikel=14&lid=2") == [("derogates_from", f"{J}BWBR0002221&artikel=14&lid=1")]


def _forms(name: str, jci: str) -> list[tuple[str, str, str | None, str]]:
    src = LegalId.parse(jci)
    return [
        (r.relation, r.target_text, r.target.jci if r.target else None, r.form)
        for r in _doc(name).rule_relations
        if r.source == src
    ]


def test_delegates_regels_gegeven() -> None:
    """Vw 2000 art. 60: "Bij of krachtens algemene maatregel van bestuur worden nadere regels gegeven
    omtrent de toepassing van dit hoofdstuk." — "regels gegeven" as "regels gesteld"."""
    assert _forms("BWBR0011823_2012-snapshot.xml", f"{J}BWBR0011823&artikel=60") == [
        ("delegates", "algemene maatregel van bestuur", None, "bij_of_krachtens_regels_gesteld")
    ]


def test_delegates_bedragen_bij_ministeriele_regeling_gewijzigd() -> None:
    """AWR art. 67cb lid 1: "De in de artikelen 67a, … genoemde bedragen worden elke vijf jaar, met ingang
    van 1 januari van een jaar, bij ministeriële regeling gewijzigd." """
    rels = _forms(AWR, f"{J}BWBR0002320&artikel=67cb&lid=1")
    assert rels[0] == ("delegates", "ministeriële regeling", None, "bij_of_krachtens_vastgesteld")


def test_delegates_a_matter_bij_ministeriele_regeling_te_bepalen() -> None:
    """Wajong art. 2:46 lid 3: "Het tweede lid is niet van toepassing op bij ministeriële regeling te
    bepalen groepen volledig en duurzaam arbeidsongeschikten." — an exception and a delegation, whose
    text names the matter delegated."""
    assert _forms("BWBR0008657_2012-snapshot.xml", f"{J}BWBR0008657&artikel=2:46&lid=3") == [
        ("excepts", "tweede lid", f"{J}BWBR0008657&artikel=2:46&lid=2", "niet_van_toepassing"),
        ("delegates", "bij ministeriële regeling te bepalen groepen", None, "bij_instrument_te_bepalen"),
    ]


def test_delegates_a_functionaris_bij_ministeriele_regeling_aangewezen() -> None:
    """AWR art. 2 lid 3: "b. directeur, inspecteur of ontvanger: de functionaris die als zodanig bij
    ministeriële regeling is aangewezen" """
    assert _forms(AWR, f"{J}BWBR0002320&artikel=2&lid=3") == [
        ("delegates", "ministeriële regeling", None, "bij_instrument_is_vastgesteld")
    ]


def test_delegates_algemene_maatregel_van_rijksbestuur_regelen() -> None:
    """BWBR0024168 art. II lid 3: "Bij of krachtens algemene maatregel van rijksbestuur kunnen nadere
    regelen worden gesteld met betrekking tot het in het eerste lid onder b bedoelde bewijs." """
    assert _forms("BWBR0024168.xml", f"{J}BWBR0024168&artikel=II&lid=3") == [
        ("delegates", "algemene maatregel van rijksbestuur", None, "bij_of_krachtens_regels_gesteld")
    ]


def test_no_delegation_where_another_article_delegates() -> None:
    """Sr art. 437bis lid 1 (2012): "… wordt gestraft de handelaar die op grond van artikel 437 bij
    algemene maatregel van bestuur is aangewezen …": the delegation is artikel 437's; likewise "het
    bepaalde bij algemene maatregel van bestuur, bedoeld in artikel 2b, zesde lid, van de Gaswet"
    (BWBR0031815 art. XX lid 5). Tested on the wording alone."""
    from wetgraaf.ingest.rules_relations import _made_elsewhere

    for text in (
        "wordt gestraft de handelaar die op grond van artikel 437 bij algemene maatregel van bestuur is aangewezen",
        "om te voldoen aan het bepaalde bij algemene maatregel van bestuur, bedoeld in artikel 2b, zesde lid, van de Gaswet.",
    ):
        m = next(f.pattern.search(text) for f in RELATION_FORMS if f.name == "bij_of_krachtens_vastgesteld")
        assert m is not None and _made_elsewhere(m, text)


def test_excepts_geldt_niet() -> None:
    """AWBZ art. 10 lid 5: "De in het eerste lid genoemde verplichting, zich te wenden tot een
    door het uitvoeringsorgaan gecontracteerde persoon of instelling, geldt niet voor de zorg, bedoeld in
    artikel 6, vijfde lid." — AWR art. 46: "De bepalingen van deze afdeling gelden niet met betrekking
    tot strafvordering." """
    assert _forms("BWBR0002614_2012-snapshot.xml", f"{J}BWBR0002614&artikel=10&lid=5") == [
        ("excepts", "het eerste lid", f"{J}BWBR0002614&artikel=10&lid=1", "geldt_niet")
    ]
    assert _forms(AWR, f"{J}BWBR0002320&artikel=46") == [
        ("excepts", "deze afdeling", f"{J}BWBR0002320&hoofdstuk=VIII&afdeling=1", "geldt_niet")
    ]


def test_excepts_blijft_buiten_toepassing() -> None:
    """AWR art. 21c lid 3: "Bij de bepaling van het inkomensgegeven blijft artikel 65 buiten toepassing." """
    assert _forms(AWR, f"{J}BWBR0002320&artikel=21c&lid=3") == [
        ("excepts", "artikel 65", f"{J}BWBR0002320&artikel=65", "blijft_buiten_toepassing")
    ]


def test_excepts_buiten_toepassing_blijven_delegated_and_listed() -> None:
    """WW art. 21 lid 4: "Bij ministeriële regeling kan worden geregeld dat het derde lid buiten toepassing
    blijft voor categorieën van werknemers." — Wet financiering sociale verzekeringen art. 16 lid 1:
    "… overeenkomstig de Wet op de loonbelasting 1964, waarbij van die wet buiten toepassing blijven: a.
    artikel 11, eerste lid, onderdelen j, onder 2° en 5°, en r, onder 4°; b. …; c. artikel 13bis." """
    assert _forms(WW, f"{J}BWBR0004045&artikel=21&lid=4") == [
        ("delegates", "ministeriële regeling", None, "bij_of_krachtens_vastgesteld"),
        ("excepts", "het derde lid", f"{J}BWBR0004045&artikel=21&lid=3", "buiten_toepassing_blijven"),
    ]
    targets = [t for _, _, t, _ in _forms("BWBR0017745_2012-snapshot.xml", f"{J}BWBR0017745&artikel=16&lid=1")]
    for t in ("artikel=11&lid=1&o=j&o=2", "artikel=35&lid=3&o=g", "artikel=13bis"):
        assert f"{J}BWBR0002471&{t}" in targets


def test_excepts_not_in_a_condition() -> None:
    """Vw 2000 art. 72 lid 1: "Deze afdeling is van toepassing indien de afdelingen 3 en 5 van dit
    hoofdstuk niet van toepassing zijn." — a condition, no exception; WW art. 21 lid 4 (above) keeps
    its "dat het derde lid buiten toepassing blijft"."""
    assert _forms("BWBR0011823_2012-snapshot.xml", f"{J}BWBR0011823&artikel=72&lid=1") == []


def test_met_overeenkomstige_toepassing_van() -> None:
    """AWR art. 29f lid 1: "… kan Onze Minister … bij afzonderlijke uitspraak met overeenkomstige
    toepassing van artikel 8:75 van de Algemene wet bestuursrecht in de kosten veroordelen." """
    assert _forms(AWR, f"{J}BWBR0002320&artikel=29f&lid=1") == [
        (
            "applies_mutatis_mutandis",
            "artikel 8:75 van de Algemene wet bestuursrecht",
            f"{J}BWBR0005537&artikel=8:75",
            "met_overeenkomstige_toepassing_van",
        )
    ]


def test_vindt_with_a_long_subject() -> None:
    """BWBR0015922 art. II lid 2: "Indien het moment van inwerkingtreding van deze wet niet samenvalt met
    het begin van een kalenderjaar, vindt direct na de inwerkingtreding artikel 8 van de Kostenwet
    invordering rijksbelastingen overeenkomstige toepassing alsof …" — nine words between the verb and
    "overeenkomstige toepassing"."""
    assert _forms("BWBR0015922.xml", f"{J}BWBR0015922&artikel=II&lid=2") == [
        (
            "applies_mutatis_mutandis",
            "artikel 8 van de Kostenwet invordering rijksbelastingen",
            f"{J}BWBR0002645&artikel=8",
            "vindt_overeenkomstige_toepassing",
        )
    ]


def test_in_afwijking_in_zoverre_van() -> None:
    """Wet OB 1968 art. 37a lid 3: "In afwijking in zoverre van het eerste lid geldt als tijdvak …
    hoger is dan het daartoe bij ministeriële regeling vastgestelde bedrag. Deze afwijking geldt niet
    meer vanaf het einde van de maand …" — "geldt niet meer" excepts nothing."""
    assert [(r, t) for r, _, t, _ in _forms("BWBR0002629_2012-snapshot.xml", f"{J}BWBR0002629&artikel=37a&lid=3")] == [
        ("derogates_from", f"{J}BWBR0002629&artikel=37a&lid=1"),
        ("delegates", None),
    ]


def test_a_range_of_lettered_articles() -> None:
    """Gemeentewet art. 81m lid 1: "De artikelen 81b tot en met 81f, 81h, 81i en 81j, eerste, derde en
    vierde lid, zijn van overeenkomstige toepassing op de gemeenschappelijke rekenkamer, …" """
    targets = [t for _, _, t, _ in _forms("BWBR0005416_2012-snapshot.xml", f"{J}BWBR0005416&artikel=81m&lid=1")]
    assert targets[:5] == [f"{J}BWBR0005416&artikel=81{c}" for c in "bcdef"]
