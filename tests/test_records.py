"""Records parsed from real corpus files, checked against what the laws say."""

from __future__ import annotations

from datetime import date

from tests.conftest import parsed
from wetgraaf.identity import LegalId
from wetgraaf.ingest.references import find_text_references

AWIR = "BWBR0018472_2025-01-01_0.xml"
AWIR_2012 = "BWBR0018472_2012-snapshot.xml"


def test_regeling_metadata_toestand() -> None:
    r = parsed(AWIR).regeling
    assert r.bwb_id == "BWBR0018472"
    assert r.citeertitel == "Algemene wet inkomensafhankelijke regelingen"  # no <meta-data> text glued on
    assert r.intitule.startswith("Wet van 23 juni 2005 tot harmonisatie van inkomensafhankelijke regelingen")
    assert "2005-07-05" not in r.intitule and "29764" not in r.intitule
    assert (r.soort, r.version, r.inwerkingtreding, r.format, r.zicht_generation) == (
        "wet",
        date(2025, 1, 1),
        date(2005, 9, 1),
        "toestand",
        0,
    )
    assert r.id == LegalId("BWBR0018472", (), date(2025, 1, 1))


def test_mixed_content_title_does_not_leak_metadata() -> None:
    # bwb-xml-format.md: naive itertext gives "Kieswet198942328-09-1989…"
    assert parsed("BWBR0004627_2025-08-01_0.xml").regeling.citeertitel == "Kieswet"


def test_regeling_metadata_legacy() -> None:
    r = parsed(AWIR_2012).regeling
    assert (r.bwb_id, r.soort, r.version, r.format) == ("BWBR0018472", "wet", None, "legacy")
    assert r.citeertitel == "Algemene wet inkomensafhankelijke regelingen"  # from the intitule's "(…)"
    assert "  " not in r.intitule  # pretty-print whitespace normalised


def test_zicht_generation_from_vast_deel() -> None:
    assert parsed("BWBR0043324_2020-03-27_1.xml").regeling.zicht_generation == 1


def test_structure_of_awir_article_2() -> None:
    doc = parsed(AWIR)
    art = next(u for u in doc.units if u.kind == "artikel" and u.nr == "2")
    assert art.heading == "Definities"
    assert art.container == (("hoofdstuk", "1"), ("paragraaf", "2"))
    assert art.own_jci and art.own_jci.startswith("jci1.3:c:BWBR0018472&hoofdstuk=1&paragraaf=2&artikel=2")
    assert art.parent == LegalId.parse("jci1.3:c:BWBR0018472&hoofdstuk=1&paragraaf=2&g=2025-01-01")
    hfd = next(u for u in doc.units if u.kind == "hoofdstuk" and u.nr == "1")
    assert hfd.heading and hfd.id.jci == "jci1.3:c:BWBR0018472&hoofdstuk=1&g=2025-01-01"
    # lid 1, onderdeel e (medebewoner) with its sub-items 1°-3° as provisions of their own
    e = next(p for p in doc.provisions if p.id.jci == "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=e&g=2025-01-01")
    assert e.text.startswith("medebewoner: de persoon die als ingezetene")
    assert "1° de partner van de belanghebbende, 2° de persoon" in e.text
    sub = next(p for p in doc.provisions if p.id.jci == "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=e&o=2&g=2025-01-01")
    assert sub.onderdeel == "e.2°" and sub.text.startswith("de persoon die op basis van een schriftelijke overeenkomst")
    assert sub.own_jci and "&o=e&o=2&" in sub.own_jci


def test_repealed_items_and_articles_are_marked_not_law_text() -> None:
    doc = parsed(AWIR)
    g = next(p for p in doc.provisions if p.id.jci == "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=g&g=2025-01-01")
    assert g.repealed and g.status == "vervallen"
    assert not any(d.onderdeel == "g" and d.artikel == "2" for d in doc.definitions)
    a49 = next(u for u in doc.units if u.kind == "artikel" and u.nr == "49")
    assert a49.repealed and a49.status == "vervallen"
    assert not any(p.artikel == "49" for p in doc.provisions)
    assert a49 not in doc.articles


def test_explanatory_notes_are_not_law_text() -> None:
    doc = parsed("BWBR0005730_2018-01-01_0.xml")  # Aanwijzingen voor de regelgeving
    # every artikel.toelichting starts with a bold "Toelichting"; none of it may end up in a provision
    assert not any(p.text.startswith("Toelichting ") or " Toelichting Eerste lid" in p.text for p in doc.provisions)
    assert not any("Het proberen waard" in p.text for p in doc.provisions)  # quoted in the notes to 2.42
    assert not any("accountant" == d.term for d in doc.definitions)


def test_extref_lid_and_onderdeel_from_anchor_text() -> None:
    doc = parsed(AWIR)
    src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=l&g=2025-01-01")
    (ref,) = [r for r in doc.references if r.source == src]
    assert ref.text == "artikel 2, derde lid, onderdeel b, van de Algemene wet inzake rijksbelastingen"
    assert ref.raw_doc == "jci1.3:c:BWBR0002320&artikel=2"
    assert ref.target == LegalId.parse("jci1.3:c:BWBR0002320&artikel=2&lid=3&o=b")  # external: no version


def test_intref_points_into_the_same_version() -> None:
    doc = parsed(AWIR)
    src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=c&g=2025-01-01")
    (ref,) = [r for r in doc.references if r.source == src]
    assert (ref.via, ref.text, ref.target) == (
        "intref",
        "artikel 4",
        LegalId.parse("jci1.3:c:BWBR0018472&artikel=4&g=2025-01-01"),
    )


def test_legacy_references() -> None:
    doc = parsed(AWIR_2012)
    src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=a")
    refs = [r for r in doc.references if r.source == src]
    assert refs[0].raw_doc.startswith("1.0:v:BWBR0002471")
    assert refs[0].target == LegalId.parse("jci1.3:c:BWBR0002471&artikel=9")
    assert refs[0].text == "artikel 9 van de Wet op de loonbelasting 1964"  # pretty-print newlines normalised


def test_textual_reference_relative_to_the_article() -> None:
    doc = parsed(AWIR)
    src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=3&lid=8&g=2025-01-01")
    texts = {r.text: r for r in doc.references if r.source == src and r.via == "text"}
    assert texts["het tweede lid, onderdeel e"].target == LegalId.parse(
        "jci1.3:c:BWBR0018472&artikel=3&lid=2&o=e&g=2025-01-01"
    )


def test_unresolvable_references_keep_their_reason() -> None:
    doc = parsed("BWBR0005537_2020-04-15_0.xml")
    onbekend = [r for r in doc.references if r.raw_doc == "onbekend"]
    assert onbekend and all("onbekend" in r.reason for r in onbekend)
    wvw = next(r for r in onbekend if r.text.startswith("Wegenverkeerswet 1994"))
    assert wvw.target == LegalId("BWBR0006622")  # the bwb-id attribute still names the law
    celex = [r for r in parsed("BWBR0035917_2025-07-05_0.xml").references if r.celex]
    assert celex and all(r.target is None and r.reason.startswith("EU law (CELEX") for r in celex)


def test_plain_text_reference_to_another_law_by_title() -> None:
    src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=31&g=2025-01-01")
    text = "In afwijking van artikel 3:40 van de Algemene wet bestuursrecht treedt het besluit in werking"
    (ref,) = find_text_references(text, src, titles={"algemene wet bestuursrecht": "BWBR0005537"})
    assert ref.target == LegalId.parse("jci1.3:c:BWBR0005537&artikel=3:40")
    (unknown,) = find_text_references(text, src, titles={})
    assert unknown.target is None and "title" in unknown.reason


def test_every_record_carries_an_identity_of_its_regeling() -> None:
    doc = parsed(AWIR)
    for rec in [*doc.units, *doc.provisions, *doc.definitions, *doc.rules]:
        assert rec.id.bwb_id == "BWBR0018472" and rec.id.version == date(2025, 1, 1)
    assert {r.source.bwb_id for r in doc.references} == {"BWBR0018472"}
