"""Second, blind reading of the quarter in second_annotator_ids.txt; writes second_reading.jsonl.

    python3 tests/data/rules_oracle/second_reading.py

The labels below were written by hand by the second annotator, reading each lid's text in sample.jsonl.
This script only transcribes them: it expands the target shorthand and computes `days`.

Target shorthand: "@lid=2" -> the lid's own article, lid 2; "@" -> the own article; "@@" -> the own regeling;
"@@&hoofdstuk=3" -> a unit of the own regeling; "BWBR...&artikel=..." -> another regeling.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

NOT_NAMED = "delegated regeling not named"


def R(relation, target_text, target, reason="", variant=False, note=""):
    d = {"relation": relation, "target_text": target_text, "target": target, "reason": reason}
    if variant:
        d["variant"] = True
    return d


def D(target_text, variant=False):
    return R("delegates", target_text, None, NOT_NAMED, variant)


def P(kind, text, value, unit, act=None, actor=None):
    return {"kind": kind, "text": text, "value": value, "unit": unit, "act": act, "actor": actor}


def T(text, value, unit, act=None, actor=None):
    return P("termijn", text, value, unit, act, actor)


def B(text, value, act=None, actor=None, unit="euro"):
    return P("bedrag", text, value, unit, act, actor)


def L(text, value, act=None, actor=None, unit="jaar"):
    return P("leeftijd", text, value, unit, act, actor)


def PC(text, value, act=None, actor=None):
    return P("percentage", text, value, "procent", act, actor)


LABELS = {}


def lab(id_, relations=(), parameters=(), note=""):
    LABELS[id_] = {"relations": list(relations), "parameters": list(parameters), "note": note}


# ---------------------------------------------------------------- batch 1 (25)
lab("r003", [R("derogates_from", "het vijfde lid", "@lid=5")], note="'vastgesteld op nihil' is no bedrag.")
lab(
    "r005",
    [
        R("derogates_from", "het bepaalde in de vorige leden", "@lid=1"),
        R("derogates_from", "het bepaalde in de vorige leden", "@lid=2"),
    ],
    note="'Voor zoveel nodig in afwijking van'; lid 3, so the vorige leden are 1 and 2.",
)
lab(
    "r007",
    [R("derogates_from", "het vierde lid", "@lid=4")],
    [
        B("€ 210,–", 210, "bedrag verschuldigd zijn"),
        B("€ 210,–", 210, "bedrag verschuldigd zijn"),
        B("€ 945,–", 945, "bedrag verschuldigd zijn"),
        B("€ 1.365,–", 1365, "bedrag verschuldigd zijn"),
        B("€ 840,–", 840, "bedrag verschuldigd zijn"),
        B("€ 1.365,–", 1365, "bedrag verschuldigd zijn"),
        B("€ 630,–", 630, "bedrag verschuldigd zijn"),
        B("€ 1.365,–", 1365, "bedrag verschuldigd zijn"),
    ],
)
lab("r010", note="'in afwijking van de wensen van de werknemer' names no provision: no relation.")
lab(
    "r011",
    [R("derogates_from", "artikel 1:107, derde lid, onderdeel c, onder 1°", "BWBR0020368&artikel=1:107&lid=3&o=c&o=1")],
    [T("binnen een werkdag", 1, "werkdagen", "gegevens verwerken in het register", "de Autoriteit Financiële Markten")],
    note="'onverwijld' has no number.",
)
lab("r021", [R("derogates_from", "het tweede lid", "@lid=2")])
lab("r028", [R("derogates_from", "artikel 6:12, derde lid", "@@&artikel=6:12&lid=3")])
lab(
    "r032",
    [R("derogates_from", "het vorige lid", "@lid=1")],
    note="'overeenkomstig artikel 4:92, eerste lid' is 'in accordance with': no relation.",
)
lab(
    "r034",
    [R("derogates_from", "het eerste lid", "@lid=1")],
    [
        T(
            "gedurende drie opeenvolgende periodes van vier maanden",
            4,
            "maanden",
            "vluchten uitvoeren",
            "een vliegtuigexploitant",
        )
    ],
    note="Reference period of four months (three in a row) counted as one termijn of 4 maanden. "
    "'per jaar' is a rate; '243 vluchten', '10.000 ton' are no parameter kinds.",
)
lab(
    "r037",
    [R("applies_mutatis_mutandis", "De voorgaande leden", "@lid=%d" % i) for i in (1, 2, 3, 4)],
    note="Lid 5: voorgaande leden = 1-4.",
)
lab("r039", [R("applies_mutatis_mutandis", "Artikel 7, tweede lid", "@@&artikel=7&lid=2")])
lab(
    "r040",
    [
        R("applies_mutatis_mutandis", "Het bepaalde in artikel 8, tweede lid en artikel 11", "@@&artikel=8&lid=2"),
        R("applies_mutatis_mutandis", "Het bepaalde in artikel 8, tweede lid en artikel 11", "@@&artikel=11"),
    ],
)
lab(
    "r044",
    [
        R(
            "applies_mutatis_mutandis",
            "De bepalingen in het Bijdragereglement die betrekking hebben op projecten",
            "BWBR0025672",
        )
    ],
    note="'het Bijdragereglement' is defined in artikel 1 of this deelreglement with an extref to "
    "BWBR0025672; only its provisions on projects apply, which have no single id, so the whole regeling.",
)
lab(
    "r050",
    [R("applies_mutatis_mutandis", "Het bepaalde in het eerste lid", "@lid=1")],
    note="'met dien verstande' adaptation does not change the target.",
)
lab(
    "r056",
    [
        R(
            "applies_mutatis_mutandis",
            "artikel 88 van het Besluit prudentiële regels Wft (Stb. 2006, 519, zoals nadien gewijzigd)",
            "BWBR0020420&artikel=88",
        )
    ],
    note="Title index: one regeling with citation title 'Besluit prudentiële regels Wft' (BWBR0020420).",
)
lab(
    "r060",
    [
        R(
            "applies_mutatis_mutandis",
            "Artikel 22, derde lid, van het Uitvoeringsbesluit inkomstenbelasting 2001",
            "BWBR0012066&artikel=22&lid=3",
        )
    ],
    note="Title index: Uitvoeringsbesluit inkomstenbelasting 2001 = BWBR0012066. The 'aangewezen' in the "
    "first sentence is a designation made here, not a delegation.",
)
lab("r061", [R("applies_mutatis_mutandis", "Dit artikel", "@")])
lab(
    "r067",
    [R("applies_mutatis_mutandis", "De artikelen van deze paragraaf", "@@&hoofdstuk=3&paragraaf=2")],
    note="deze paragraaf = context hoofdstuk 3 > paragraaf 2.",
)
lab("r070", [R("excepts", "De bepalingen van dit artikel", "@")])
lab(
    "r072",
    [R("excepts", "Dit besluit", "@@")],
    note="The other regelingen named (Besluit in-vitro diagnostica etc.) only describe the excluded products.",
)
lab(
    "r085",
    [R("excepts", "de eerste volzin", "@lid=2")],
    note="Target is the first sentence of this lid (no volzin key). Conditional: the Hoofd van het "
    "Examenbureau can designate opgaven for which it does not apply.",
)
lab("r086", [R("excepts", "Het eerste en tweede lid", "@lid=1"), R("excepts", "Het eerste en tweede lid", "@lid=2")])
lab(
    "r087",
    [R("excepts", "Artikel 25 van de wet", "BWBR0002629&artikel=25", variant=True)],
    note="'geldt niet' (variant). 'de wet' = Wet op de omzetbelasting 1968 (BWBR0002629, the regeling this "
    "Uitvoeringsbeschikking executes; its extrefs point there). The 'niet van toepassing' of the "
    "vrijstelling of artikel 11 is a condition, not an exception made here.",
)
lab(
    "r089",
    [R("excepts", "Artikel I-P14 van het besluit", "BWBR0003771&artikel=I-P14")],
    note="'het besluit' is defined in artikel 1 of this regeling with an extref to BWBR0003771 "
    "(Rechtspositiebesluit onderwijspersoneel).",
)
lab(
    "r090",
    [R("excepts", "De termijn bedoeld in artikel 408, eerste lid", "@@&artikel=408&lid=1")],
    [T("Uiterlijk drie dagen na de tenuitvoerlegging", 3, "dagen", "in hoger beroep komen", "de verdachte")],
    note="What is excepted is the termijn of artikel 408 lid 1; target that lid.",
)

# ---------------------------------------------------------------- batch 2 (25)
lab("r095", [R("excepts", "Het bepaalde in artikel 5 van dit Verdrag", "@@&artikel=5")])
lab(
    "r099",
    [R("excepts", "Het eerste en het tweede lid", "@lid=1"), R("excepts", "Het eerste en het tweede lid", "@lid=2")],
)
lab(
    "r104",
    [
        R(
            "without_prejudice_to",
            "artikel 4:2, tweede lid, van de Algemene wet bestuursrecht",
            "BWBR0005537&artikel=4:2&lid=2",
        ),
        D("de bij ministeriële regeling aangewezen gegevens en bescheiden"),
    ],
    note="Awb = BWBR0005537 (title index).",
)
lab(
    "r105",
    [R("without_prejudice_to", "het bepaalde in artikel 19, tweede lid", "@@&artikel=19&lid=2")],
    note="Dates are no termijn; 'het in bijlage B vermelde bedrag' is no bedrag.",
)
lab(
    "r111",
    [R("without_prejudice_to", "artikel 2:22", "@@&artikel=2:22")],
    [
        PC("ten minste 25%", 25, "werknemers bestrijken", "vormen van medezeggenschap"),
        PC("minder dan 25%", 25, "werknemers bestrijken", "vormen van medezeggenschap"),
    ],
    note="'paragraaf 4 ... slechts van toepassing' is plain application: no relation.",
)
lab("r112", [R("without_prejudice_to", "artikel 6.1", "@@&artikel=6.1")])
lab(
    "r121",
    [
        R(
            "without_prejudice_to",
            "de artikelen 7, eerste lid, en 8, eerste lid, van de Coördinatiewet uitzonderingstoestanden",
            "BWBR0007981&artikel=7&lid=1",
        ),
        R(
            "without_prejudice_to",
            "de artikelen 7, eerste lid, en 8, eerste lid, van de Coördinatiewet uitzonderingstoestanden",
            "BWBR0007981&artikel=8&lid=1",
        ),
    ],
    note="Title index: Coördinatiewet uitzonderingstoestanden = BWBR0007981. Inwerkingstelling by koninklijk "
    "besluit is no delegation.",
)
lab("r123", [R("without_prejudice_to", "het bepaalde in lid 2", "@lid=2")])
lab(
    "r127",
    [
        R("without_prejudice_to", "het gestelde in artikel 12, eerste en tweede lid", "@@&artikel=12&lid=1"),
        R("without_prejudice_to", "het gestelde in artikel 12, eerste en tweede lid", "@@&artikel=12&lid=2"),
    ],
    note="'indien artikel 114/115 van toepassing is' is a condition of plain application.",
)
lab(
    "r130",
    [
        R("without_prejudice_to", "de artikelen 2:18 tot en met 2:22", "@@&artikel=2:%d" % i)
        for i in (18, 19, 20, 21, 22)
    ],
    note="Range expanded; articles 2:18-2:22 all exist in the regeling, no lettered ones in between.",
)
lab(
    "r132",
    [R("without_prejudice_to", "punt 10 van de bijlage", None, "punt 10 of the bijlage has no artikel or lid id")],
    [L("tot een leeftijd van twee maanden", 2, "kunnen liggen op een vloer", "vleesstierkalveren", unit="maanden")],
)
lab("r137", [D("Bij ministeriële regeling kunnen regels worden gesteld")])
lab("r141", [D("Bij ministeriële regeling worden nadere regels gesteld")])
lab(
    "r143",
    [D("een bij ministeriële regeling te bepalen grensbedrag"), D("een bij ministeriële regeling te bepalen minimum")],
    note="Two delegated matters (grensbedrag, minimum). 'de helft' is no percentage.",
)
lab(
    "r144",
    [D("een stof die als zodanig bij algemene maatregel van bestuur is aangewezen")],
    note="The definition itself hands the designation of gevaarlijke stoffen to an AMvB.",
)
lab("r149", [D("Bij ministeriële regeling worden regels gesteld")])
lab("r150", [D("Onze Minister stelt bij ministeriële regeling nadere regels")])
lab(
    "r162",
    [D("wordt dit bedrag bij ministeriële regeling gewijzigd")],
    [B("€ 5", 5, "geïndexeerd bedrag verschillen")],
    note="The lid hands the change of the amount to a ministeriële regeling.",
)
lab("r165", [D("Bij ministeriële regeling kunnen nadere regels ter uitvoering van het eerste lid worden vastgesteld")])
lab("r169", [D("een bij ministeriële regeling vastgestelde codering")])
lab(
    "r173",
    [],
    [T("binnen acht weken", 8, "weken", "de uitoefening van zijn functie hervatten", "de wethouder")],
    note="actor: 'hij' = the wethouder.",
)
lab(
    "r175",
    [],
    [T("binnen acht dagen na ontvangst daarvan", 8, "dagen", "beslissen op het beroepschrift", "het gerecht")],
)
lab(
    "r181",
    [],
    [
        T(
            "binnen veertien dagen na aantekening van het beroep",
            14,
            "dagen",
            "middelen uiteenzetten in een nader verzoekschrift",
        )
    ],
)
lab(
    "r182",
    [],
    [T("binnen drie weken", 3, "weken", "stukken en een verweerschrift indienen", "het instituut")],
    note="'onverwijld' has no number.",
)
lab(
    "r188",
    [],
    [
        T("gedurende een maand na de datum", 1, "maanden", "in gebreke blijven", "de cursist"),
        T(
            "binnen twee weken na het verstrijken van die termijn",
            2,
            "weken",
            "brief of aanwijzing doen toekomen",
            "het bevoegd gezag van de instelling",
        ),
    ],
)


# ---------------------------------------------------------------- batch 3 (25)
lab(
    "r198",
    [],
    [T("binnen zes maanden na afloop van elk van de boekjaren", 6, "maanden", "gegevens verstrekken", "Stichting AAP")],
)
lab("r199", [], [T("binnen vier weken na het einde van elk kwartaal", 4, "weken", "verslag zenden", "de vennootschap")])
lab(
    "r200",
    [],
    [T("binnen vier weken na afloop van dat tijdvak", 4, "weken", "arbeidsongeschikt zijn", "de jonggehandicapte")],
)
lab(
    "r201",
    [],
    [
        T(
            "niet binnen vier weken na ontvangst van de aanvraag",
            4,
            "weken",
            "beslissing nemen op de aanvraag",
            "Onze Minister",
        ),
        T(
            "niet binnen vier weken na ontvangst van de aanvraag",
            4,
            "weken",
            "besluiten de beslissing te verdagen",
            "Onze Minister",
        ),
    ],
    note="'binnen de termijn waarmee de beslissing ... is verdaagd' has no number.",
)
lab("r206", [], [B("€ 8.000.000", 8000000, "subsidieplafond bedragen")])
_k = "subsidiabele kosten bedragen"
lab(
    "r209",
    [],
    [
        B("€ 100.000", 100000, _k),
        B("€ 150.000", 150000, _k),
        B("€ 100.000", 100000, _k),
        B("€ 250.000", 250000, _k),
        B("€ 500.000", 500000, _k),
        B("€ 1.000.000", 1000000, _k),
        B("€ 500.000", 500000, _k),
        B("€ 1.000.000", 1000000, _k),
        B("€ 200.000", 200000, _k),
        B("€ 500.000", 500000, _k),
        B("€ 1.000.000", 1000000, _k),
        B("€ 3.000.000", 3000000, _k),
    ],
    note="Thresholds of the subsidiabele kosten per group, two per onderdeel.",
)
lab(
    "r210",
    [],
    [
        B("€ 10,- per verkoopplaats", 10, "aftrek toestaan"),
        B("met een maximum van € 50,-", 50, "aftrek toestaan"),
        B("€ 10,- per onderneming", 10, "aftrek toestaan"),
        PC("40%", 40, "aftrek bedragen"),
        PC("50%", 50, "aftrek bedragen"),
    ],
    note="'over het jaar 2009' is no termijn.",
)
_k = "bekostiging bedragen"
lab(
    "r212",
    [],
    [B("€ 1.245,24", 1245.24, _k), B("€ 36,93", 36.93, _k), B("€ 2.490,48", 2490.48, _k), B("€ 73,86", 73.86, _k)],
    note="'4/12' is a fraction, no percentage; the periods are named months, no termijn.",
)
lab("r222", note="'in euro's' is no amount.")
lab("r225", [], [B("€ 33,-", 33, "basisheffing verschuldigd zijn", "de heffingsplichtige")])
lab("r233", [], [B("€ 316", 316, "tegemoetkoming bedragen")])
lab(
    "r235",
    [],
    [B("€ 11.332.276.000,–", 11332276000, "bedrag vaststellen tot welk verplichtingen worden aangegaan")],
    note="'voor 2009' is no termijn. The Kaderwet is only mentioned.",
)
_t, _o = "tarief vaststellen", "omzet bedragen"
lab(
    "r236",
    [],
    [
        B("€ 1.300", 1300, _t),
        B("€ 100.000", 100000, _o),
        B("€ 2.600", 2600, _t),
        B("€ 100.000", 100000, _o),
        B("€ 200.000", 200000, _o),
        B("€ 4.200", 4200, _t),
        B("€ 200.000", 200000, _o),
        B("€ 500.000", 500000, _o),
        B("€ 6.150", 6150, _t),
        B("€ 500.000", 500000, _o),
        B("€ 1.000.000", 1000000, _o),
        B("€ 8.450", 8450, _t),
        B("€ 1.000.000", 1000000, _o),
        B("€ 2.000.000", 2000000, _o),
        B("€ 10.700", 10700, _t),
        B("€ 2.000.000", 2000000, _o),
        B("€ 5.000.000", 5000000, _o),
        B("€ 13.000", 13000, _t),
        B("€ 5.000.000", 5000000, _o),
    ],
    note="Tariffs and the turnover bands they depend on, in text order.",
)
lab(
    "r243",
    [],
    [L("de leeftijd van zestien jaar", 16, "de leeftijd bereiken", "de getuige")],
    note="act/actor taken from the clause that holds the age ('nog niet heeft bereikt'); the consequence is "
    "that the witness is not sworn.",
)
lab(
    "r251",
    [],
    [
        L("de leeftijd van drie jaar", 3, "de leeftijd bereiken", "een persoon"),
        L("die van achttien jaar", 18, "de leeftijd bereiken", "een persoon"),
    ],
)
lab(
    "r255",
    [],
    [L("beneden de leeftijd van eenentwintig jaren", 21, "recht op buitengewoon pensioen hebben", "de kinderen")],
)
lab("r259", [], [L("beneden de leeftijd van 18 jaar", 18, "activiteiten richten op personen")])
lab(
    "r262",
    [R("derogates_from", "het vorige lid", "@lid=1")],
    [
        L("vóór het bereiken van de leeftijd van 65 jaar", 65, "overlijden", "kamerlid"),
        L("tot het bereiken van de leeftijd van 65 jaar", 65, "recht op uitkering hebben", "het gewezen kamerlid"),
    ],
    note="'evengenoemde leeftijd' refers back to the first 65 and is not repeated. 'vijf zevende gedeelte' "
    "is a fraction, no percentage.",
)
lab(
    "r264",
    [
        R("derogates_from", "het eerste lid en van artikel F 8f van de Abp-wet", "@lid=1"),
        R(
            "derogates_from",
            "het eerste lid en van artikel F 8f van de Abp-wet",
            None,
            "title not known: Abp-wet (Algemene burgerlijke pensioenwet) is not in the 2012 dump",
        ),
    ],
    [L("de leeftijd van 58 jaar", 58, "de leeftijd bereiken", "degene die ambtenaar is")],
    note="'met ingang van 1 januari 1995' is a date.",
)
lab(
    "r265",
    [],
    [
        L("de leeftijd van zestien jaren", 16, "de leeftijd bereiken", "iemand"),
        L("de leeftijd van achttien jaren", 18, "de leeftijd bereiken", "iemand"),
    ],
    note="'gevangenisstraf van ten hoogste zes jaren' is a maximum penalty, no termijn.",
)
lab(
    "r269",
    [],
    [L("de leeftijd van 25 jaar", 25, "aanspraak hebben op loon", "de uitkeringsgerechtigde")],
    note="'Het bepaalde in het eerste lid is van toepassing' is plain application: no relation.",
)
lab(
    "r270",
    [],
    [L("de leeftijd van 12 jaren", 12, "de leeftijd bereiken", "de leerplichtige jongere")],
    note="'vrijgesteld van de verplichting' is an exemption from a duty, not from a named provision; "
    "'bij of op grond van algemeen verbindende voorschriften' is no delegation.",
)
lab("r276", [], [PC("35 procent", 35, "vut-bijdrage verhalen op de werknemer", "de werkgever")])
lab(
    "r277",
    [],
    [PC("25%", 25, "hypothecaire vorderingen bedragen")],
    note="'met uitzondering van' is no relation. 'minimaal jaarlijks' is a frequency.",
)
lab("r281", [], [PC("tenminste 50 %", 50, "ongeschiktheid bedragen")], note="'gedurende elk tijdvak' has no number.")

# ---------------------------------------------------------------- batch 4 (31)
lab(
    "r285",
    [],
    [
        PC("ten hoogste 20%", 20, "met arbeid verdienen", "de persoon"),
        PC("minder dan 80%", 80, "uitkering berekenen naar een arbeidsongeschiktheid"),
    ],
    note="'met uitzondering van' is no relation.",
)
lab(
    "r288",
    [],
    [PC("tenminste 8,5% vol", 8.5, None), PC("ten hoogste 15% vol", 15, None)],
    note="Definition: act null. '20 graden Celsius' is no parameter kind.",
)
lab(
    "r291",
    [],
    [B("€ 454 per jaar", 454, "korting bedragen"), PC("minder dan 50%", 50, "loon bedragen")],
    note="'per jaar' is a rate.",
)
lab("r292", [], [B("€ 29,- per onderneming", 29, "korting toestaan"), PC("50%", 50, "aftrek bedragen")])
lab(
    "r298",
    [],
    [
        B("€ 150 miljoen", 150000000, "groter zijn dan het toetsingsvermogen"),
        PC("25 procent", 25, "groter zijn dan het toetsingsvermogen"),
        PC("honderd procent", 100, "limiet groter zijn"),
    ],
    note="act of the first two: the comparison of the amount with 25 % of the toetsingsvermogen.",
)
_p = "percentage gelden"
lab(
    "r299",
    [R("derogates_from", "artikel B 16k.1, eerste lid", "@@&artikel=B 16k.1&lid=1")],
    [
        PC("een percentage van 1,5%", 1.5, _p),
        PC("een percentage van 2,0%", 2.0, _p),
        PC("een percentage van 2,6%", 2.6, _p),
        PC("een percentage van 2,5%", 2.5, _p),
        PC("een percentage van 3,8%", 3.8, _p),
        PC("een percentage van 4,9%", 4.9, _p),
    ],
    note="Artikel B 16k.1 is no longer in the 2012 version of the regeling; target as written in the own regeling. "
    "'7,4' is a count of formatieplaatsen; school years and dates are no termijnen.",
)
lab("r307", note="'niet aanzienlijk ingekort' has no number.")
lab("r308")
lab("r310", note="'met uitzondering van' is no relation.")
lab("r315", note="A designation by the Minister, no delegation of rules.")
lab("r317", note="'werken terug tot en met 1 augustus 1998' is a date.")
lab("r319")
lab("r320", note="Other regelingen are only mentioned.")
lab("r322", note="'5 MHz' and 'ten minste twee vergunningen' are no parameter kinds.")
lab("r327", note="Commencement by koninklijk besluit is no delegation.")
lab("r328")
lab("r330")
lab("r335")
lab("r348")
lab("r353", note="'de tweede dag na' is an ordinal moment, no termijn.")
lab("r355")
lab("r357")
lab(
    "r369",
    note="'vrijgesteld van toetsing' is an exemption from a duty, no named provision; "
    "'gedurende de periode waarin' has no number.",
)
lab("r370")
lab(
    "r372",
    [
        R(
            "applies_mutatis_mutandis",
            "artikel 191 van het Wetboek van Strafvordering",
            "BWBR0001903&artikel=191",
            variant=True,
        )
    ],
    note="'vindt ... overeenkomstige toepassing' (variant); the 'met dien verstande' adaptation does not change "
    "the target. Wetboek van Strafvordering = BWBR0001903 (the dump's own links).",
)
lab("r380")
lab("r386", [D("Bij of krachtens algemene maatregel van rijksbestuur worden regels gesteld", variant=True)])
lab(
    "r388",
    [],
    [T("met vier weken verlengen", 4, "weken", "de termijn verlengen", "de minister")],
    note="An extension by a number of weeks counted as a termijn.",
)
lab("r392")
lab("r393", note="'tot de helft' is a fraction, no percentage.")
lab("r396", note="Pensioenwet and Wet verplichte beroepspensioenregeling only mentioned.")


# ---------------------------------------------------------------- output
def expand(target, jci, bwb):
    if target is None:
        return None
    art = jci.split("&lid=")[0]
    if target == "@":
        return art
    if target.startswith("@lid="):
        return art + "&" + target[1:]
    if target.startswith("@@"):
        return "jci1.3:c:" + bwb + target[2:]
    return "jci1.3:c:" + target


DAYS = {"dagen": 1, "weken": 7}


def main():
    ids = [l.strip() for l in open(os.path.join(HERE, "second_annotator_ids.txt")) if l.strip()]
    rows = {}
    for line in open(os.path.join(HERE, "sample.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        rows[r["id"]] = r
    out = []
    for id_ in ids:
        if id_ not in LABELS:
            continue
        r, lab_ = rows[id_], LABELS[id_]
        rels = []
        for rel in lab_["relations"]:
            rel = dict(rel)
            rel["target"] = expand(rel["target"], r["jci"], r["bwb_id"])
            rels.append(rel)
        pars = []
        for p in lab_["parameters"]:
            p = dict(p)
            d = {k: p[k] for k in ("kind", "text", "value", "unit")}
            d["days"] = (p["value"] * DAYS[p["unit"]]) if p["kind"] == "termijn" and p["unit"] in DAYS else None
            if isinstance(d["days"], float) and d["days"].is_integer():
                d["days"] = int(d["days"])
            d["act"], d["actor"] = p["act"], p["actor"]
            pars.append(d)
        out.append(
            {
                "id": id_,
                "file": r["file"],
                "bwb_id": r["bwb_id"],
                "jci": r["jci"],
                "text": r["text"],
                "relations": rels,
                "parameters": pars,
                "note": lab_["note"],
            }
        )
    with open(os.path.join(HERE, "second_reading.jsonl"), "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(len(out), "leden written")


if __name__ == "__main__":
    main()
