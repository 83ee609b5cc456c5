"""Norm-type classification of provisions by careful patterns.

A lid (or an article without leden) is classified by what its main sentence does; the
other sentences only decide when the main one has no cue. The cue that decided is kept
as evidence on the :class:`~wetgraaf.ingest.records.Rule`.

Types (see :data:`~wetgraaf.ingest.records.NORM_TYPES`): definition, obligation,
prohibition, permission (rights and liberties of persons), competence (powers and tasks of
authorities), delegation (of rule-making), application (scope, "van overeenkomstige
toepassing"), transitional, penalty, commencement, citation_title, amendment, other.

The patterns follow the drafting conventions of the Aanwijzingen voor de regelgeving
and were checked against the hand-labelled sample in ``tests/data/norm_sample.jsonl``
(accuracy is reported by the test suite, split into a tuning half and a held-out half).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wetgraaf.ingest.blocks import ListBlock, Para

__all__ = ["Classification", "classify", "classify_sentence"]


@dataclass(frozen=True, slots=True)
class Classification:
    norm_type: str
    cues: tuple[str, ...]


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_AUTHORITY = (
    r"(?:Onze\s+Minister(?:s)?|(?:de\s+)?minister|(?:de\s+)?staatssecretaris|de\s+inspecteur|de\s+ontvanger|"
    r"de\s+Belastingdienst(?:/Toeslagen)?|de\s+Dienst\s+Toeslagen|het\s+bestuursorgaan|(?:het\s+)?college(?:\s+van\s+[\w\s]+?)?|"
    r"de\s+burgemeester|de\s+(?:gemeente)?raad|de\s+Sociale\s+verzekeringsbank|de\s+bank|het\s+Uitvoeringsinstituut[\w\s]*?|"
    r"het\s+UWV|het\s+Zorginstituut|de\s+rechter|de\s+rechtbank|de\s+Koning|Gedeputeerde\s+Staten|Provinciale\s+Staten|"
    r"de\s+toezichthouder|de\s+korpschef|de\s+commissie|het\s+CIZ|het\s+zorgkantoor|de\s+Nationale\s+ombudsman|"
    r"de\s+ombudsman|de\s+ambtenaar|de\s+officier\s+van\s+justitie|het\s+hoofdstembureau|het\s+centraal\s+stembureau|"
    r"het\s+stembureau|de\s+voorzitter|de\s+Raad\s+van\s+State|de\s+Algemene\s+Rekenkamer|de\s+Staat|het\s+Rijk|"
    r"de\s+Kiesraad|de\s+zorgverzekeraar|de\s+uitvoerder|de\s+bestuursrechter|de\s+Afdeling|de\s+Centrale\s+Raad|"
    r"de\s+Hoge\s+Raad|de\s+beslisser|het\s+bestuur|de\s+dienst|de\s+Rijksdienst[\w\s]*?|Wij)"
)
_PERSON = (
    r"(?:een\s+ieder|ieder|iedere?\s+\w+|eenieder|de\s+belanghebbende|een\s+belanghebbende|belanghebbenden|de\s+aanvrager|"
    r"de\s+verzekerde|een\s+verzekerde|de\s+werknemer|de\s+vreemdeling|een\s+vreemdeling|de\s+ouder|de\s+verzoeker|"
    r"de\s+gerechtigde|degene|hij|zij|de\s+kiezer|een\s+kiezer|de\s+ondernemer|de\s+belastingplichtige|"
    r"de\s+uitkeringsgerechtigde|de\s+echtgenoot|de\s+partner|de\s+nabestaande|de\s+cliënt|de\s+verzekeringnemer|"
    r"de\s+aanbieder|de\s+houder|de\s+zelfstandige|de\s+verdachte|de\s+appellant|partijen|een\s+partij|de\s+partij)"
)

# (type, cue name, pattern) in priority order for a main sentence
_MAIN: list[tuple[str, str, re.Pattern[str]]] = [
    ("citation_title", "aangehaald als", _rx(r"\b(?:wordt|kan\s+worden|worden)\s+aangehaald\s+als\b")),
    (
        "commencement",
        "treedt in werking",
        _rx(
            r"\b(?:treedt|treden)\b[^.;]*?\bin\s+werking\b|\bin\s+werking\s+(?:treedt|treden)\b|\bwerkt\s+terug\s+tot\b"
        ),
    ),
    (
        "amendment",
        "wordt gewijzigd",
        _rx(
            r"\bwordt\s+als\s+volgt\s+gewijzigd\b|\bkomt\s+te\s+luiden\b|\bwordt\s+(?:een|het\s+volgende)\s+(?:artikel|lid|onderdeel)\s+(?:ingevoegd|toegevoegd)\b"
        ),
    ),
    (
        "definition",
        "verstaan",
        _rx(
            r"\bverstaan\s+onder\b|\bonder\s+[^,.;:]{1,60}?\s+(?:wordt|worden)\s+(?:mede\s+|niet\s+)?verstaan\b|\b(?:wordt|worden)\b[^.;:]{0,80}\bonder\s+[^,.;:]{1,60}?\s+(?:mede\s+|niet\s+)?verstaan\b"
        ),
    ),
    (
        "definition",
        "aangemerkt/geacht/geldt als",
        _rx(
            r"^(?:[^,;:]{0,120}?,\s*)?(?:[^,;:]{0,80}?\s)?(?:wordt|worden)\s+(?:[^,;:]{0,60}?\s)?(?:als\s+[^,;:]{1,50}?\s+aangemerkt|aangemerkt\s+als|geacht|gelijkgesteld\s+met|beschouwd\s+als)\b|^als\s+[^,;:]{1,50}?\s+(?:wordt|worden)\s+(?:mede\s+|niet\s+)?aangemerkt\b|\bgeldt\s+als\b|\bgelden\s+als\b"
        ),
    ),
    (
        "delegation",
        "bij of krachtens amvb / regeling",
        _rx(
            r"(?:^|\b)bij\s+(?:of\s+krachtens\s+)?(?:algemene\s+maatregel\s+van\s+(?:rijks)?bestuur|ministeriële\s+regeling|regeling\s+van\s+(?:Onze\s+)?Minister|(?:gemeentelijke\s+|provinciale\s+)?verordening|wet)\b[^.;]{0,80}?\b(?:regels|voorschriften|vastgesteld|bepaald|aangewezen|geregeld|uitgezonderd|vrijgesteld|gesteld|afgeweken|nader\s+omschreven|verhoogd|verlaagd|gewijzigd)\b"
            r"|\b(?:regels|voorschriften)\b[^.;]{0,60}?\bbij\s+(?:of\s+krachtens\s+)?(?:algemene\s+maatregel|ministeriële\s+regeling|regeling\s+van)"
            r"|\bstelt\b[^.;]{0,40}\b(?:nadere\s+)?regels\b|\bkan\b[^.;]{0,40}\b(?:nadere\s+)?regels\s+(?:stellen|worden\s+gesteld)\b"
        ),
    ),
    (
        "penalty",
        "straf / boete",
        _rx(
            r"\bwordt\s+gestraft\b|\bworden\s+gestraft\b|\bstrafba(?:ar|re)\s+feit|\bis\s+een\s+(?:overtreding|misdrijf)\b|\bzijn\s+(?:overtredingen|misdrijven)\b|\bhechtenis\b|\bgevangenisstraf\b|\bgeldboete\b|\bvergrijpboete\b|\bverzuimboete\b|\b(?:legt|leggen)\b[^.;]{0,60}\bboete\b[^.;]{0,20}\bop\b|\bboete\s+(?:van\s+ten\s+hoogste|opgelegd)\b"
        ),
    ),
    (
        "transitional",
        "overgangsrecht",
        _rx(
            r"\bzoals\s+(?:dat|die|deze|het|hij|zij)\s+(?:luidde|gold|luidden|golden)\b|\boverganngs|\bovergangs\w*\b|\b(?:voor|vóór)\s+(?:het\s+tijdstip\s+van\s+)?(?:de\s+)?inwerkingtreding\s+van\b|\bonmiddellijk\s+voorafgaand\s+aan\s+(?:het\s+tijdstip\s+van\s+)?(?:de\s+)?inwerkingtreding\b|\bop\s+de\s+dag\s+(?:voor|van)\s+(?:de\s+)?inwerkingtreding\b|\bblijft\b[^.;]{0,80}\bvan\s+toepassing\b[^.;]{0,80}\b(?:luidde|inwerkingtreding)\b"
        ),
    ),
    (
        "prohibition",
        "verboden / mag niet",
        _rx(
            r"\bverboden\b|\b(?:mag|mogen)\s+(?:[^.;]{0,40}\s)?(?:niet|geen)\b|\b(?:niet|geen)\b[^.;]{0,40}\b(?:mag|mogen)\b|\bis\s+niet\s+toegestaan\b|\bniet\s+toegestaan\b|\bonthoudt\s+zich\b|\bzich\s+onthouden\b|\bkan\s+geen\s+beroep\b|^geen\b[^.;]{0,80}\b(?:wordt|worden|kan|kunnen|mag|mogen|is|zijn)\b|\b(?:wordt|worden)\s+(?:[^.;]{0,40}\s)?niet\s+(?:geweigerd|verleend|afgegeven|ingewilligd|opgelegd|toegekend|afgewezen|ingeschreven|toegelaten|uitgezet|verstrekt|gegeven)\b|\b(?:wordt|worden)\s+slechts\b[^.;]{0,120}?\b(?:indien|nadat|als|voor\s+zover)\b|\bniet\s+bevoegd\b|\bniet\s+gerechtigd\b"
        ),
    ),
    (
        "application",
        "van toepassing",
        _rx(
            r"\b(?:is|zijn)\s+(?:[^.;]{0,60}\s)?van\s+(?:overeenkomstige\s+)?toepassing\b|\b(?:is|zijn)\s+niet\s+van\s+toepassing\b|\bbuiten\s+toepassing\b|\bvindt\s+geen\s+toepassing\b|\bvinden\s+(?:geen\s+)?toepassing\b|^(?:deze|dit)\s+(?:wet|besluit|regeling|hoofdstuk|afdeling|paragraaf|artikel|titel)\s+(?:geldt|gelden|is\s+niet)\b|\b(?:geldt|gelden)\s+niet\b|\b(?:geldt|gelden)\s+(?:mede\s+|eveneens\s+|uitsluitend\s+|slechts\s+|ook\s+)?(?:voor|ten\s+aanzien\s+van)\b"
        ),
    ),
    (
        "obligation",
        "verplicht / moet",
        _rx(
            r"\b(?:is|zijn)\s+(?:[^.;]{0,40}\s)?verplicht\b|\bverplicht\s+(?:is|zijn)\b|\bverplichting\b|\b(?:moet|moeten)\b|\b(?:dient|dienen)\b(?!\s+(?:tot|ter|als)\b)|\b(?:draagt|dragen)\s+(?:er\s+)?zorg\b|\bzorgt\s+ervoor\b|\bzorg(?:t|en)\s+(?:er\s+)?voor\s+dat\b|\b(?:is|zijn)\s+gehouden\b|\bneemt\b[^.;]{0,60}\bin\s+acht\b"
        ),
    ),
    (
        "competence",
        "bevoegd / belast met",
        _rx(
            r"\b(?:is|zijn)\s+(?:[^.;]{0,40}\s)?bevoegd\b|\bbevoegdheid\b|\b(?:heeft|hebben)\s+tot\s+taak\b|\b(?:is|zijn)\s+belast\s+met\b|\bwordt\s+(?:een|het)\b[^.;]{0,60}\bingesteld\b|^er\s+is\s+een\b|\bbenoemt\b|\bworden\s+benoemd\b|\bwordt\s+benoemd\b|\bbeslist\b|\bbeslissen\b"
        ),
    ),
    (
        "permission",
        "recht op / mag",
        _rx(
            r"\b(?:heeft|hebben)\s+(?:[^.;]{0,40}\s)?(?:recht|aanspraak)\s+op\b|\baanspraak\s+(?:bestaat|ontstaat)\b|\brecht\s+op\b[^.;]{0,60}\b(?:bestaat|ontstaat)\b|\b(?:mag|mogen)\b|\b(?:is|zijn)\s+gerechtigd\b|\bis\s+toegestaan\b|\bstaat\s+(?:[^.;]{0,30}\s)?vrij\b"
        ),
    ),
]
_KAN = _rx(r"\b(?:kan|kunnen)\b")
_KAN_PERSON = _rx(
    rf"^(?:[^,;:]{{0,80}},\s*)?(?:kan|kunnen)?\s*{_PERSON}\b[^.;]{{0,120}}?\b(?:kan|kunnen)\b|^{_PERSON}\s+(?:kan|kunnen)\b|\b(?:kan|kunnen)\s+{_PERSON}\b"
)
_KAN_PERSON_VERB = _rx(
    r"\b(?:kan|kunnen)\b[^.;]{0,120}\b(?:verzoeken|aanvragen|indienen|bezwaar\s+maken|beroep\s+instellen|in\s+beroep\s+gaan|kiezen|opteren|afzien|zich\s+laten|overleggen|vragen)\b|\bkan\s+(?:[^.;]{0,40}\s)?beroep\s+worden\s+ingesteld\b|\bkan\s+(?:[^.;]{0,40}\s)?bezwaar\s+worden\s+gemaakt\b"
)
_KAN_AUTH = _rx(rf"{_AUTHORITY}\b[^.;]{{0,80}}?\b(?:kan|kunnen)\b|\b(?:kan|kunnen)\s+{_AUTHORITY}\b")
_VALUE = _rx(
    r"\b(?:bedraagt|bedragen|beloopt|belopen|is\s+gelijk\s+aan|wordt\s+berekend|worden\s+berekend|vangt\s+aan|eindigt|bestaat\s+uit|wordt\s+verhoogd|wordt\s+verminderd|wordt\s+gesteld\s+op|wordt\s+vastgesteld\s+op)\b"
)
_IMPERATIVE_PASSIVE = _rx(
    r"\b(?:wordt|worden)\s+(?:[^.;]{0,80}\s)?(?:ge\w+(?:d|t|en)|ver\w+(?:d|t|en)|be\w+(?:d|t|en)|ont\w+(?:d|t|en)|toe\w+|in\w+(?:d|t|en)|op\w+(?:d|t|en)|uit\w+(?:d|t|en)|aan\w+(?:d|t|en)|over\w+(?:d|t|en)|door\w+(?:d|t|en)|af\w+(?:d|t|en)|mee\w+(?:d|t|en)|vast\w+(?:d|t)|terug\w+(?:d|t|en)|bij\w+(?:d|t|en)|na\w+(?:d|t|en)|er\w+(?:d|t))\b"
)
_IMPERATIVE_ACTIVE = _rx(
    rf"^(?:[^,;:]{{0,120}},\s*)?{_AUTHORITY}\s+(?:\w+\s+)?(?:zendt|verstrekt|stelt|geeft|deelt|maakt|legt|doet|neemt|draagt|houdt|verleent|brengt|meldt|vermeldt|betaalt|kent|wijst|roept|verzendt|bericht|publiceert|beslist|zorgt|registreert|draagt|voert|informeert|stuurt|bepaalt|toetst|controleert|verrekent|vordert|int)\b|^(?:[^,;:]{{0,120}},\s*)?(?:de|het|een)\s+[\w-]+(?:\s+[\w-]+){{0,3}}\s+(?:zendt|verstrekt|geeft|deelt|legt|doet|meldt|vermeldt|betaalt|verzendt|stuurt|voegt|overlegt|bewaart|houdt|vult)\b"
)
_SENT = re.compile(r"(?<=[.])\s+(?=[A-Z])")
_LEAD_COLON = re.compile(r":\s*$")


def classify_sentence(s: str) -> Classification | None:
    """The norm type of one sentence, or ``None`` when no cue fires.

    >>> classify_sentence("Het is verboden zonder vergunning te bouwen.").norm_type
    'prohibition'
    >>> classify_sentence("Bij algemene maatregel van bestuur worden nadere regels gesteld.").norm_type
    'delegation'
    >>> classify_sentence("Onze Minister kan ontheffing verlenen.").norm_type
    'competence'
    """
    for norm, cue, rx in _MAIN:
        if rx.search(s):
            if (
                norm == "permission"
                and re.search(r"\b(?:mag|mogen)\b", s, re.I)
                and not re.search(r"recht|aanspraak|gerechtigd|toegestaan|vrij", s, re.I)
            ):
                pass  # "mag" alone: handled with "kan" below
            else:
                return Classification(norm, (cue,))
        if norm == "obligation":
            # after the explicit duties, before competence: the modal "kan"
            if _KAN.search(s) or re.search(r"\b(?:mag|mogen)\b", s, re.I):
                if _KAN_AUTH.search(s) and not _KAN_PERSON_VERB.search(s):
                    return Classification("competence", ("authority + kan",))
                if _KAN_PERSON.search(s) or _KAN_PERSON_VERB.search(s) or re.search(r"\b(?:mag|mogen)\b", s, re.I):
                    return Classification("permission", ("person + kan/mag",))
                return Classification("competence", ("kan",))
    if _VALUE.search(s):
        return Classification("other", ("value / computation",))
    if _IMPERATIVE_ACTIVE.search(s):
        return Classification("obligation", ("imperative indicative",))
    if _IMPERATIVE_PASSIVE.search(s):
        return Classification("obligation", ("imperative passive",))
    return None


def classify(
    text: str,
    blocks: Sequence[Para | ListBlock] = (),
    *,
    heading: str = "",
    has_definitions: bool = False,
) -> Classification:
    """Classify a lid (or an article without leden).

    Parameters
    ----------
    text : str
        The whole text of the unit (list items included).
    blocks : sequence, optional
        The text model; the first paragraph is the main sentence's home.
    heading : str
        The article heading; "Citeertitel", "Inwerkingtreding", "Overgangsbepaling" decide
        when the text itself has no cue.
    has_definitions : bool
        The definition extractor found a definition here.
    """
    if has_definitions:
        return Classification("definition", ("definition extracted",))
    first = ""
    for b in blocks:
        if isinstance(b, Para) and b.text:
            first = b.text
            break
    first = first or text
    sentences = [s for s in _SENT.split(first) if s] or [first]
    main = sentences[0]
    got = classify_sentence(main)
    if got is not None:
        return got
    for s in _SENT.split(text)[1:]:
        got = classify_sentence(s)
        if got is not None:
            return Classification(got.norm_type, (*got.cues, "later sentence"))
    h = heading.lower()
    if "citeertitel" in h:
        return Classification("citation_title", ("heading",))
    if "inwerkingtreding" in h:
        return Classification("commencement", ("heading",))
    if "overgang" in h:
        return Classification("transitional", ("heading",))
    if "strafbepaling" in h or "straf" in h:
        return Classification("penalty", ("heading",))
    return Classification("other", ())
