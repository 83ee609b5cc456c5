"""Definition forms found by the coverage report of the whole 2012 BWB, one real article each.

Each case quotes the law (tests/data/definition_forms/README.md says where each file comes from);
the expected term, kind and words of the definition are read from that text, not from the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wetgraaf.ingest.language import text_language
from wetgraaf.ingest.parse import parse

HERE = Path(__file__).parent / "data" / "definition_forms"


def _dutch(name: str) -> list:
    p = HERE / name
    return [
        d
        for d in parse(p.read_bytes(), name=p.name).definitions
        if text_language(d.term + " " + d.definition) in ("nl", "")
    ]


CASES = [
    # "Voor de toepassing van dit Administratief Akkoord wordt verstaan onder „Verdrag” het Verdrag tussen
    # het Koninkrijk der Nederlanden en Japan inzake sociale zekerheid, …"
    ("BWBV0003018_1.xml", "Verdrag", "explicit", "het Verdrag tussen het Koninkrijk der Nederlanden en Japan"),
    # "Voor de toepassing van dit Verdrag betekent „ingesloten of half-ingesloten zee” een golf, bekken of zee, …"
    ("BWBV0003172_122.xml", "ingesloten of half-ingesloten zee", "explicit", "een golf, bekken of zee"),
    # "De uitdrukking „deklast hout” duidt een lading hout aan die op een niet overdekt gedeelte van een
    # vrijboorddek wordt vervoerd. Houtpulp of dergelijke lading wordt niet als een deklast hout beschouwd."
    ("BWBV0003267_42.xml", "deklast hout", "explicit", "een lading hout"),
    ("BWBV0003267_42.xml", "deklast hout", "restriction", "Houtpulp of dergelijke lading"),
    # "a. betekent hulpverlening iedere daad of werkzaamheid, verricht om hulp te verlenen …"
    ("BWBV0002920_1.xml", "hulpverlening", "explicit", "iedere daad of werkzaamheid"),
    ("BWBV0002920_1.xml", "schip", "explicit", "ieder schip of ander vaartuig"),
    # "In deze paragraaf wordt verstaan onder geneeskundige verklaring:" / "Schriftelijke verklaring van een …"
    (
        "BWBR0017739_2.29.xml",
        "geneeskundige verklaring",
        "explicit",
        "Schriftelijke verklaring van een door de Minister",
    ),
    # "Artikel 2 Definitie GGZ-aanbieder" / "Een op basis van de WTZi toegelaten zorgaanbieder, …"
    ("BWBR0020920_2.xml", "GGZ-aanbieder", "explicit", "Een op basis van de WTZi toegelaten zorgaanbieder"),
    # "In dit reglement wordt verstaan onder: 1. Leerbedrijf / Het bedrijf of de organisatie die …"
    ("BWBR0024413_1.xml", "Leerbedrijf", "explicit", "Het bedrijf of de organisatie"),
    # "Vrijgevestigd medisch specialist" (tussenkop) / "De medisch specialist welke anders dan in loondienst …"
    ("BWBR0030928_3.xml", "Vrijgevestigd medisch specialist", "explicit", "anders dan in loondienst"),
    ("BWBR0030928_3.xml", "Instelling", "by_reference", "De instelling als bedoeld in artikel 1"),
    # "<nadruk>dubo-voorzieningen,</nadruk> voorzieningen waarvan het bewezen milieurendement hoger is …"
    ("BWBR0010248_1.xml", "dubo-voorzieningen", "explicit", "voorzieningen waarvan het bewezen milieurendement"),
    # "Onder de dienstonderdelen als weergegeven onder artikel 1, sub c, van het Mandaatbesluit … dient tevens
    # begrepen te worden de Centrale Verwerking Openbaar Ministerie."
    ("BWBR0018678_1.xml", "dienstonderdelen", "extension", "de Centrale Verwerking Openbaar Ministerie"),
    # "De uitdrukking „dividenden”, zoals gebezigd in dit artikel, betekent inkomsten uit aandelen, winstaandelen …"
    ("BWBV0001142_10.xml", "dividenden", "explicit", "inkomsten uit aandelen"),
    # "De uitdrukking dividenden, zoals gebezigd in dit artikel, betekent inkomsten uit aandelen, …"
    ("BWBR0029675_2.4.xml", "dividenden", "explicit", "inkomsten uit aandelen"),
    # a run of "term: definition" paragraphs, one of them interrupted by its list and ended by a paragraph:
    # "hoofdgebouw: het gebouw dat als zodanig is aangewezen ingevolge" a. … d. "zoals deze regeling
    # onderscheidenlijk deze wet luidden op 31 december 1996;" and the run goes on: "accountant: een accountant
    # als bedoeld in artikel 393, eerste lid, van Boek 2 van het Burgerlijk Wetboek;" … "leeftijdsbedrag: …"
    ("BWBR0003862_1.xml", "hoofdgebouw", "explicit", "zoals deze regeling onderscheidenlijk deze wet luidden"),
    ("BWBR0003862_1.xml", "accountant", "by_reference", "een accountant als bedoeld in artikel 393"),
    ("BWBR0003862_1.xml", "leeftijdsbedrag", "by_reference", "het leeftijdsbedrag, bedoeld in artikel 22"),
    # "Er is een Commissie ruimtelijke ontwikkeling luchthavens, hierna te noemen de Commissie." (end of paragraph)
    ("BWBR0024033_1.xml", "de Commissie", "explicit", "Commissie ruimtelijke ontwikkeling luchthavens"),
    # two short names in one sentence: "… in de Commissie voor de bescherming van het mariene milieu (hierna te
    # noemen „de Commissie”) van de Intergouvernementele Maritieme Consultatieve Organisatie (hierna te noemen
    # „de Organisatie”)."
    ("BWBV0003287_II.xml", "de Commissie", "explicit", "Commissie voor de bescherming van het mariene milieu"),
    ("BWBV0003287_II.xml", "de Organisatie", "explicit", "Intergouvernementele Maritieme Consultatieve Organisatie"),
    # a party's seat between its name and its short name (bijlage 1 of the regeling, outside articles):
    # "De Vereniging Samenwerkende Werkgeversorganisaties, gevestigd te Voorburg, hierna te noemen: VSWO, …"
    (
        "BWBR0014859.xml",
        "VSWO",
        "explicit",
        "De Vereniging Samenwerkende Werkgeversorganisaties, gevestigd te Voorburg",
    ),
    ("BWBR0014859.xml", "VNG", "explicit", "De Vereniging van Nederlandse Gemeenten, gevestigd te Den Haag"),
    # a quoted qualification defined by its condition, in a later sentence of an item that defines another term:
    # "n. … mits de ter beurze genoteerde aandelen direct door het publiek gekocht of verkocht kunnen worden.
    # Aandelen kunnen „door het publiek’’ worden gekocht of verkocht indien de aankoop of verkoop van aandelen
    # impliciet noch expliciet voorbehouden is aan een beperkte groep investeerders;"
    ("BWBV0003025_4.xml", "door het publiek", "explicit", "impliciet noch expliciet voorbehouden is aan een beperkte"),
    # and as a lid of its own: "Reclame- en telewinkelboodschappen binnen teletekst zijn ‘duidelijk onderscheiden’
    # van de overige inhoud van het teletekstaanbod indien deze worden geplaatst in een apart kader …"
    ("BWBR0031835_4.xml", "duidelijk onderscheiden", "explicit", "indien deze worden geplaatst in een apart kader"),
    # under "… wordt, tenzij de context anders vereist, verstaan onder:": "c. de overeenkomstsluitende staat zijnde
    # lidstaat van de Europese Unie is: het Groothertogdom Luxemburg;" (the "is" before the colon is no part of the term)
    (
        "BWBV0001909_2.xml",
        "de overeenkomstsluitende staat zijnde lidstaat van de Europese Unie",
        "explicit",
        "het Groothertogdom Luxemburg",
    ),
    # a short name inside an item's definition: "(c) „ontwikkelingsland dat lid is van het Agentschap”: een lid dat
    # als zodanig is vermeld in Aanhangsel A …, zoals van tijd tot tijd gewijzigd door de in artikel 30 genoemde Raad
    # van Bestuur (hierna te noemen: „de Raad”);"
    ("BWBV0002598_3.xml", "de Raad", "explicit", "de in artikel 30 genoemde Raad van Bestuur"),
    ("BWBV0002598_3.xml", "het College", "explicit", "genoemde College van Bewindvoerders"),
    # an item with no text of its own, its sub-items the definitions: "c. i. betekent de uitdrukking „Verenigde
    # Staten" de Verenigde Staten van Amerika, maar met uitzondering van Puerto Rico, …; ii. betekent de uitdrukking
    # „Verenigde Staten", wanneer deze in aardrijkskundige zin wordt gebezigd, de staten daarvan en het District van
    # Columbia. Die uitdrukking omvat mede (A) de daartoe behorende territoriale zee daarvan …"
    ("BWBV0001109_3.xml", "Verenigde Staten", "explicit", "maar met uitzondering van Puerto Rico"),
    ("BWBV0001109_3.xml", "Verenigde Staten", "explicit", "de staten daarvan en het District van Columbia"),
    ("BWBV0001109_3.xml", "Verenigde Staten", "extension", "de daartoe behorende territoriale zee daarvan"),
    # an item of two quoted terms, then a clause defining a third: "a. betekenen de uitdrukkingen „een
    # Verdragsluitende Staat” of „andere Verdragsluitende Staat” …, al naar de context vereist; betekent de
    # uitdrukking „Verdragsluitende Staten” het Koninkrijk der Nederlanden (Nederland) en de Republiek Armenië"
    ("BWBV0001547_3.xml", "een Verdragsluitende Staat", "explicit", "al naar de context vereist"),
    ("BWBV0001547_3.xml", "Verdragsluitende Staten", "explicit", "en de Republiek Armenië"),
    # … and a clause extending both: "f. betekenen de uitdrukkingen „onderneming van een Overeenkomstsluitende Staat"
    # en „onderneming van de andere Overeenkomstsluitende Staat" onderscheidenlijk …; deze uitdrukkingen worden
    # geacht die ondernemingen te omvatten die zijn aangewezen voor het onderhouden van luchtdiensten …"
    (
        "BWBV0001059_2.xml",
        "onderneming van een Overeenkomstsluitende Staat",
        "extension",
        "die ondernemingen die zijn aangewezen voor het onderhouden van luchtdiensten",
    ),
    (
        "BWBV0001059_2.xml",
        "onderneming van de andere Overeenkomstsluitende Staat",
        "extension",
        "die ondernemingen die zijn aangewezen",
    ),
    # "i) „Geregeld vervoer”: … Dit vervoer, in het bijzonder het vervoer van werknemers naar het werk en van het werk
    # naar hun woonplaats …, wordt hierna ,speciaal geregeld vervoer' genoemd;" (a later paragraph of the item)
    ("BWBV0004455_1.xml", "speciaal geregeld vervoer", "explicit", "in het bijzonder het vervoer van werknemers"),
    # in a lid of its own: "3 De in de bovenstaande leden 1 en 2 bedoelde strafbare feiten worden hierna „omkoping
    # van een buitenlandse ambtenaar" genoemd." (the content points at leden 1 and 2)
    ("BWBV0001468_1.xml", "omkoping van een buitenlandse ambtenaar", "by_reference", "bedoelde strafbare feiten"),
    # the definition between the quoted term and "verstaan": "Voor de toepassing van dit Reglement en de Bijlage daarbij
    # wordt onder „ RID-Verdragsstaat” elke Lidstaat van de Organisatie verstaan die geen verklaring … heeft afgelegd"
    ("BWBV0004155_1bis.xml", "RID-Verdragsstaat", "explicit", "elke Lidstaat van de Organisatie verstaan die geen"),
    # "Voor de toepassing van dit Verdrag wordt onder „piraterij” elk van de volgende handelingen verstaan: a. iedere
    # wederrechtelijke daad van geweld of vasthouding, …"
    ("BWBV0003173_1.xml", "piraterij", "explicit", "iedere wederrechtelijke daad van geweld of vasthouding"),
    # a second verb coordinated with the first ends the deemed term: "Overtreding van enige bepaling van deze wet …,
    # wordt beschouwd als overtreding en gestraft met hechtenis van ten hoogste een jaar …"; "Deze pauzes of de
    # beperking van de dagelijkse werktijd worden aangemerkt als werktijd en dienovereenkomstig uitbetaald."
    ("BWBR0028242_6.xml", "overtreding", "deeming", "Overtreding van enige bepaling van deze wet"),
    ("BWBV0003153_10.xml", "werktijd", "deeming", "Deze pauzes of de beperking van de dagelijkse werktijd"),
    # "wordt/worden met X gelijkgesteld Y" (the verb before "met"): "In dit Boek worden met echtgenoten gelijkgesteld
    # geregistreerde partners." (BW Boek 4 art. 8); "Voor de toepassing van de artikelen 162 en 163 wordt met
    # alcoholhoudende drank gelijkgesteld elke stof, waarvan …"; "4 De met de begeleiding belaste ambtenaren van de
    # verzoekende Overeenkomstsluitende Partij worden met de ambtenaren van de aangezochte Overeenkomstsluitende Partij
    # gelijkgesteld, wat betreft de strafbare feiten …"
    ("BWBR0002761_8.xml", "echtgenoten", "deeming", "geregistreerde partners"),
    ("BWBR0001869_165.xml", "alcoholhoudende drank", "deeming", "elke stof, waarvan"),
    (
        "BWBV0001703_6.xml",
        "ambtenaren van de aangezochte Overeenkomstsluitende Partij",
        "deeming",
        "De met de begeleiding belaste ambtenaren van de verzoekende",
    ),
    # the deemed term before its pointer: "Aanvragen tot erkenning die op het moment van inwerkingtreding van deze
    # verordening nog in behandeling zijn, worden aangemerkt als aanvragen tot erkenning als bedoeld in deze verordening."
    ("BWBR0029988_15.xml", "aanvragen tot erkenning", "deeming", "nog in behandeling zijn"),
    # the term first, the deemed things between the verbs: "Als bijzondere loodsreis worden de volgende loodsreizen
    # aangemerkt: a. een reis waarbij een loods zeewaarts van de uiterton wordt overgenomen en weer ontscheept …"
    ("BWBR0023123_4.13.xml", "bijzondere loodsreis", "deeming", "zeewaarts van de uiterton wordt overgenomen"),
]


@pytest.mark.parametrize(("name", "term", "kind", "words"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_form_gives_the_definition_the_law_writes(name: str, term: str, kind: str, words: str) -> None:
    defs = _dutch(name)
    hits = [d for d in defs if d.term == term and d.kind == kind]
    assert hits, [(d.term, d.kind, d.form) for d in defs]
    assert any(words in d.definition for d in hits), [d.definition[:120] for d in hits]


def test_unquoted_betekent_items_stop_at_the_term() -> None:
    """ "d. betekent milieuschade aanzienlijke fysieke schade aan …": no determiner marks where the term
    ends; the item is left out rather than given the term "milieuschade aanzienlijke fysieke schade aan"."""
    terms = {d.term for d in _dutch("BWBV0002920_1.xml")}
    assert {"hulpverlening", "schip", "zaak", "betaling"} <= terms
    assert not any(t.startswith("milieuschade ") for t in terms)


def test_each_term_of_a_titled_run_is_found_once() -> None:
    """BWBR0030928 art. 3 has five terms, each a heading over its definition."""
    terms = [d.term for d in _dutch("BWBR0030928_3.xml")]
    assert len(terms) == len(set(terms)) >= 5


def test_zoals_gebezigd_in_dit_artikel_is_the_scope() -> None:
    """ "zoals gebezigd in dit artikel": the definition holds for its own article only."""
    (d,) = [d for d in _dutch("BWBV0001142_10.xml") if d.term == "dividenden"]
    assert d.scope.level == "artikel", d.scope


def test_hierna_genoemde_names_nothing() -> None:
    """ "2) Dienstonderdelen: de hierna genoemde onderdelen van het openbaar ministerie, te weten: a) …" (BWBR0027876
    art. 1): "hierna genoemde" points ahead; it gives no short name ("e onderdelen …")."""
    defs = _dutch("BWBR0027876_1.xml")
    assert "Dienstonderdelen" in {d.term for d in defs}
    assert not [d.term for d in defs if d.form.endswith("hierna_te_noemen")]


def test_sub_items_that_state_cases_are_no_terms() -> None:
    """ "l. – bij toepassing van frequentie- of fasemodulatie: het … afgegeven gemiddelde vermogen; – bij de overige
    modulatietoepassingen: 25% van …" (BWBR0028725 art. 1): the item's term is missing from the law; its sub-items
    are cases, and give no term "bij …"."""
    terms = [d.term for d in _dutch("BWBR0028725_1.xml")]
    assert "toegestane zendvermogen" in terms
    assert not [t for t in terms if t.lower().startswith("bij ")]


def test_mede_after_the_deemed_terms_makes_an_extension() -> None:
    """ANW (2012) art. 3 lid 2: "In deze wet en de daarop berustende bepalingen wordt als gehuwd of als
    echtgenoot mede aangemerkt de ongehuwde meerderjarige die met een andere ongehuwde meerderjarige een
    gezamenlijke huishouding voert, …" — two terms, *gehuwd* and *echtgenoot* ("mede" is no part of
    the second), both widened: extensions, as "wordt mede als ongehuwd aangemerkt" in the next sentence."""
    from tests.conftest import parsed

    got = {
        (d.term, d.kind)
        for d in parsed("BWBR0007795_2012-snapshot.xml").definitions
        if (d.artikel, d.lid) == ("3", "2")
    }
    assert got == {("gehuwd", "extension"), ("echtgenoot", "extension"), ("ongehuwd", "extension")}


def test_telkens_is_no_part_of_the_term() -> None:
    """BWBR0019466 (2012) art. 10 lid 2: "… met dien verstande dat: a. onder «gemeenteraad» telkens wordt
    verstaan «provinciale staten van de provincie …»; b. onder «burgemeester en wethouders» telkens wordt
    verstaan «gedeputeerde staten …»; c. onder «gedeputeerde staten» telkens wordt verstaan «Onze Minister
    en Onze Minister van Landbouw, Natuur en Voedselkwaliteit»" — three terms, without "telkens"."""
    terms = {d.term for d in _dutch("BWBR0019466_10.xml") if d.artikel == "10"}
    assert terms == {"gemeenteraad", "burgemeester en wethouders", "gedeputeerde staten"}


def test_what_a_deeming_sentence_deems_after_its_verb_is_the_definition() -> None:
    """ANW (2012) art. 3 lid 2 deems after the verb: "In deze wet en de daarop berustende bepalingen wordt
    als gehuwd of als echtgenoot mede aangemerkt de ongehuwde meerderjarige die met een andere ongehuwde
    meerderjarige een gezamenlijke huishouding voert, tenzij het betreft een bloedverwant in de eerste
    graad" — the definition is the person deemed, the words the AOW (2012) art. 1 lid 3 writes in its
    own "Als gehuwd … wordt mede aangemerkt: de ongehuwde meerderjarige die …", not the scope and verb.
    Art. 28 lid 3 deems under conditions: "Een kind wordt niet langer als ouderloos aangemerkt: a. in
    geval van erkenning van het kind; …" — the conditions alone say nothing of whom, so the sentence stays."""
    from tests.conftest import parsed

    anw = {(d.artikel, d.lid, d.term): d.definition for d in parsed("BWBR0007795_2012-snapshot.xml").definitions}
    aow = {(d.artikel, d.lid, d.term): d.definition for d in parsed("BWBR0002221_2012-snapshot.xml").definitions}
    assert anw[("3", "2", "gehuwd")].startswith("de ongehuwde meerderjarige die met een andere ongehuwde")
    assert anw[("3", "2", "gehuwd")] == aow[("1", "3", "gehuwd")]
    assert anw[("3", "2", "ongehuwd")] == "degene die duurzaam gescheiden leeft van de persoon met wie hij gehuwd is"
    assert anw[("28", "3", "ouderloos")].startswith("Een kind wordt niet langer als ouderloos aangemerkt: a. in geval")


def test_hierna_names_the_nearest_name_and_residue_is_no_definition() -> None:
    """UNESCO protocol (BWBV0004369) art. 1: "… een Commissie van verzoening en goede diensten ingesteld, hierna te
    noemen de Commissie, wier taak het zal zijn eventuele geschillen tussen Staten die partij zijn bij het Verdrag
    nopens de bestrijding van discriminatie in het onderwijs, hierna te noemen het Verdrag, …": *het Verdrag* names
    the treaty, not the Commissie's task. BWBR0013335: "… Verordening (EG) Nr. 44/2001 … (PbEG L 12) in werking
    (hierna: de verordening)": what stands between the bracket and "(hierna" is "in werking", no name; the
    regulation itself lies behind brackets the form does not cross, so nothing is recorded rather than "in werking"."""
    unesco = {d.term: d.definition for d in _dutch("BWBV0004369.xml") if d.form == "hierna_te_noemen"}
    assert unesco["het Verdrag"] == "het Verdrag nopens de bestrijding van discriminatie in het onderwijs"
    eu = [d for d in _dutch("BWBR0013335.xml") if d.form == "hierna_te_noemen"]
    assert not [d for d in eu if d.definition.strip() == "in werking"]
