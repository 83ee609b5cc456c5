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

from wetgraaf.ingest.blocks import ListBlock, Para, split_sentences
from wetgraaf.ingest.cues import Cued
from wetgraaf.ingest.norm_model import NormContext, feature_set, load_model
from wetgraaf.ingest.records import CONFIDENT

__all__ = ["CONFIDENT", "Classification", "classify", "classify_sentence"]


@dataclass(frozen=True, slots=True)
class Classification:
    """A norm type, the cues that decided it, and how sure the model is.

    ``confidence`` is the linear model's probability of ``norm_type`` (for a lid whose
    definition the extractor found: the model's probability that the lid is a definition),
    ``None`` when no model took part (patterns alone, editorial stubs).
    """

    norm_type: str
    cues: tuple[str, ...]
    confidence: float | None = None


def _rx(p: str) -> Cued:
    """A case-insensitive pattern, searched only with the alternatives whose words the text has."""
    return Cued(re.compile(p, re.IGNORECASE))


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
    r"de\s+gerechtigde|degene|de\s+kiezer|een\s+kiezer|de\s+ondernemer|de\s+belastingplichtige|"
    r"de\s+uitkeringsgerechtigde|de\s+echtgenoot|de\s+partner|de\s+nabestaande|de\s+cliënt|de\s+verzekeringnemer|"
    r"de\s+aanbieder|de\s+houder|de\s+zelfstandige|de\s+verdachte|de\s+appellant|partijen|een\s+partij|de\s+partij|kiezers|een\s+lid)"
)

# (type, cue name, pattern) in priority order for a main sentence
_MAIN: list[tuple[str, str, Cued]] = [
    ("citation_title", "aangehaald als", _rx(r"\b(?:wordt|kan\s+worden|worden)\s+aangehaald\s+als\b")),
    (
        "commencement",
        "treedt in werking",
        _rx(
            r"\b(?:treedt|treden)\b(?:[^.;]|\.(?=\w))*?\bin\s+werking\b|\bin\s+werking\s+(?:treedt|treden)\b|\bwerkt\s+terug\s+tot\b"
        ),
    ),
    (
        "amendment",
        "wordt gewijzigd",
        _rx(
            r"^wijzigt\b|\bwordt\s+ingetrokken\s*\.?$|\bwordt\s+als\s+volgt\s+gewijzigd\b|\bkomt\s+te\s+luiden\b|\bwordt\s+(?:een|het\s+volgende)\s+(?:artikel|lid|onderdeel)\s+(?:ingevoegd|toegevoegd)\b"
        ),
    ),
    (
        "definition",
        "verstaan",
        _rx(
            r"\bverstaan\s+onder\b|\bonder\s+[^,.;:]{1,60}?\s+(?:wordt|worden)\s+(?:mede\s+|niet\s+)?verstaan\b"
            r"|\b(?:wordt|worden)\b[^.;:]{0,80}\bonder\s+[^,.;:]{1,60}?\s+(?:mede\s+|niet\s+)?verstaan\b"
        ),
    ),
    (
        "definition",
        "aangemerkt / geldt als / gelijkgesteld",
        _rx(
            r"^(?:[^;:]{0,200}?,\s*)?(?:[^,;:]{0,80}?\s)?(?:wordt|worden)\s+(?:[^,;:]{0,140}?\s)?(?:als\s+[^,;:]{1,50}?\s+aangemerkt|aangemerkt\s+als|geacht|gelijkgesteld\s+met|beschouwd\s+als)\b"
            r"|^als\s+[^,;:]{1,50}?\s+(?:wordt|worden)\s+(?:mede\s+|niet\s+)?aangemerkt\b|\bgeldt\s+als\b|\bgelden\s+als\b"
            r"|\b(?:geldt|gelden)\b(?:[^.;]|\.(?=\w)){0,200}?\bals\s+[\w\s-]{2,40}:|\b(?:geldt|gelden)\s+(?:dit|dat|deze|die|het|de)\s+\w+\s+als\b"
            r"|\b(?:wordt|worden)\b(?:[^.;]|\.(?=\w)){0,80}\bgelijkgesteld\b"
            r"|\b(?:wordt|worden)\s+(?:niet\s+|mede\s+|ook\s+)?gerekend\s+tot\b|^tot\s+[^,;]{1,60}\s+(?:wordt|worden)\s+(?:niet\s+|mede\s+|ook\s+)?gerekend\b|^tot\s+[^,;]{1,80}\s+(?:behoort|behoren)\b"
        ),
    ),
    (
        "definition",
        "X omvat / X is de …",
        _rx(
            r"^[\w\s-]{3,60}?\s(?:omvat|omvatten)\b|\b(?:kan|kunnen)\s+(?:mede\s+|onder\s+meer\s+)?bestaan\s+uit\b|^[A-Z][\w\s-]{2,60}?\s+(?:is|zijn)\s+\w+,\s+(?:indien|als|wanneer)\b"
            r"|^(?:de\s+|het\s+)?[\w\s-]{3,80}?\s+(?:is|zijn)\s+(?:de|het)\s+(?:bedragen|bedrag|gezamenlijke\s+bedrag|persoon|personen|som)\b"
        ),
    ),
    (
        "delegation",
        "bij of krachtens amvb / regeling",
        _rx(
            r"(?:^|\b)bij\s+(?:of\s+krachtens\s+)?(?:algemene\s+maatregel\s+van\s+(?:rijks)?bestuur|ministeriële\s+regeling|regeling\s+van\s+(?:Onze\s+)?Minister|(?:gemeentelijke\s+|provinciale\s+)?verordening|wettelijk\s+voorschrift|wet)\b(?:[^.;]|\.(?=\w)){0,160}?\b(?:regels|regelen|voorschriften|vastgesteld|bepaald|aangewezen|geregeld|uitgezonderd|vrijgesteld|gesteld|gegeven|afgeweken|nader\s+omschreven|verhoogd|verlaagd|gewijzigd|uitbreiding|beperking)\b"
            r"|\b(?:regels|voorschriften)\b(?:[^.;]|\.(?=\w)){0,60}?\bbij\s+(?:of\s+krachtens\s+)?(?:algemene\s+maatregel|ministeriële\s+regeling|regeling\s+van)"
            r"|\bstelt\b(?:[^.;]|\.(?=\w)){0,40}\b(?:nadere\s+)?regels\b|\bkan\b(?:[^.;]|\.(?=\w)){0,40}\b(?:nadere\s+)?regels\s+(?:stellen|worden\s+gesteld)\b"
        ),
    ),
    (
        "penalty",
        "straf / boete",
        _rx(
            r"\bwordt\s+gestraft\b|\bworden\s+gestraft\b|\b(?:is|zijn)\s+(?:een\s+)?strafba(?:ar|re)\s+feit|\bis\s+een\s+(?:overtreding|misdrijf)\b|\bzijn\s+(?:overtredingen|misdrijven)\b"
            r"|\bhechtenis\b|\bgevangenisstraf\b|\bgeldboete\b|\bvergrijpboete\b|\bverzuimboete\b|\bstrafvervolging\b"
            r"|\b(?:legt|leggen)\b(?:[^.;]|\.(?=\w)){0,60}\bboete\b(?:[^.;]|\.(?=\w)){0,20}\bop\b|\bboete\s+(?:van\s+ten\s+hoogste|opgelegd)\b"
            r"|\b(?:kan|kunnen)\b(?:[^.;]|\.(?=\w)){0,250}?\bboete\b(?:[^.;]|\.(?=\w)){0,40}?\bopleggen\b"
        ),
    ),
    (
        "transitional",
        "overgangsrecht",
        _rx(
            r"\bzoals\s+(?:dat|die|deze|het|hij|zij)\s+(?:luidde|gold|luidden|golden)\b|\bovergangs\w*\b"
            r"|\b(?:voor|vóór)\s+(?:het\s+tijdstip\s+van\s+)?(?:de\s+)?inwerkingtreding\s+van\b"
            r"|\bonmiddellijk\s+voorafgaand\s+aan\s+(?:het\s+tijdstip\s+van\s+)?(?:de\s+)?inwerkingtreding\b|\bop\s+de\s+dag\s+(?:voor|van)\s+(?:de\s+)?inwerkingtreding\b"
        ),
    ),
    (
        "prohibition",
        "verboden / mag niet / slechts indien",
        _rx(
            r"\bverboden\b|\b(?:mag|mogen)\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?(?:niet|geen)\b|\b(?:niet|geen)\b(?:[^.;]|\.(?=\w)){0,40}\b(?:mag|mogen)\b|\bis\s+niet\s+toegestaan\b|\bniet\s+toegestaan\b"
            r"|\bonthoudt\s+zich\b|\bzich\s+onthouden\b|\bkan\s+geen\s+beroep\b|^geen\b(?:[^.;]|\.(?=\w)){0,80}\b(?:wordt|worden|kan|kunnen|mag|mogen|is|zijn)\b"
            r"|\b(?:wordt|worden)\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?niet\s+(?:geweigerd|verleend|afgegeven|ingewilligd|opgelegd|toegekend|afgewezen|ingeschreven|toegelaten|uitgezet|verstrekt|gegeven)\b"
            r"|\b(?:wordt|worden|geschiedt|geschieden)\s+(?:(?:[^.;]|\.(?=\w)){0,30}\s)?(?:slechts|alleen|uitsluitend)\b(?:[^.;]|\.(?=\w)){0,160}?\b(?:indien|nadat|als|voor\s+zover|wanneer)\b"
            r"|\bniet\s+bevoegd\b|\bniet\s+gerechtigd\b|\b(?:kan|kunnen)\s+(?:(?:[^.;]|\.(?=\w)){0,30}\s)?(?:niet|geen)\b(?!-|\s+(?:of|later|eerder|meer\s+dan))"
            rf"|^(?:[^,;:]{{0,120}},\s*)?{_AUTHORITY}\s+\w+t\b(?:[^.;]|\.(?=\w)){{0,60}}\b(?:niet|geen)\b"
            r"|\b(?:vindt|vinden|geschiedt|geschieden)\s+(?:\w+\s+){0,3}?(?:niet|geen)\b(?!\s+(?:eerder|later|meer)\b)"
            r"|\b(?:wordt|worden)\s+(?:(?:[^.;,]|\.(?=\w)){0,60}\s)?geen\s+[^.;,]{1,60}?\s(?:ge|ver|be|uit|op|in|toe|aan|af)\w+(?:d|t|en)\b"
            r"|\bniet\s*,?\s*dan\s+(?:na|nadat|met|op)\b|\b(?:wordt|worden)\s+(?:\w+\s+){0,3}?niet\s+(?:\w+\s+){0,10}?(?:opgenomen|afgewezen|verleend|geweigerd|verstrekt|ingetrokken|toegepast|gebruikt|betaald|uitgekeerd|gegeven)\b"
        ),
    ),
    (
        "application",
        "van toepassing",
        _rx(
            r"\b(?:is|zijn)\b[\s,]+(?:(?:[^.;]|\.(?=\w)){0,200}\s)?van\s+(?:overeenkomstige\s+)?toepassing\b|\b(?:is|zijn)\s+niet\s+van\s+toepassing\b|\bbuiten\s+toepassing\b"
            r"|\bvindt\s+geen\s+toepassing\b|\bvinden\s+(?:geen\s+)?toepassing\b|^(?:deze|dit)\s+(?:wet|besluit|regeling|hoofdstuk|afdeling|paragraaf|artikel|titel)\s+(?:geldt|gelden|is\s+niet)\b"
            r"|\b(?:geldt|gelden)\s+niet\b|\b(?:geldt|gelden)\s+(?:mede\s+|eveneens\s+|uitsluitend\s+|slechts\s+|ook\s+)?(?:voor|ten\s+aanzien\s+van)\b"
        ),
    ),
    (
        "obligation",
        "verplicht / moet",
        _rx(
            r"\b(?:is|zijn)\s+(?!niet\b)(?:(?:[^.;]|\.(?=\w)){0,40}\s)?(?<!niet\s)verplicht\b|\bverplicht\s+(?:is|zijn)\b|\bverplichting\b|\b(?:moet|moeten)\b|\b(?:dient|dienen)\b(?!\s+(?:tot|ter|als)\b)"
            r"|\b(?:draagt|dragen)\s+(?:er\s+)?zorg\b|\bzorgt\s+ervoor\b|\bzorg(?:t|en)\s+(?:er\s+)?voor\s+dat\b|\b(?:is|zijn)\s+gehouden\b|\bneemt\b(?:[^.;]|\.(?=\w)){0,60}\bin\s+acht\b"
        ),
    ),
]
_COMPETENCE = _rx(
    r"\b(?:is|zijn)\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?bevoegd\b|\bbevoegdheid\b|\b(?:heeft|hebben)\s+tot\s+taak\b|\b(?:is|zijn)\s+belast\s+met\b"
    r"|\bwordt\s+(?:een|het)\b(?:[^.;]|\.(?=\w)){0,60}\bingesteld\b|^er\s+is\s+een\b|\bbevoegdheden\b|\boefen(?:t|en)\b(?:[^.;]|\.(?=\w)){0,80}\buit\b|\bbenoemt\b|\bworden\s+benoemd\b|\bwordt\s+benoemd\b|\bdaartoe\s+bevoegde\b"
)
_PERMISSION = _rx(
    r"\b(?:heeft|hebben)\s+(?:(?:[^.;]|\.(?=\w)){0,120}\s)?(?:recht|aanspraak)\s+op\b|^(?:[^,;:]{0,80},\s*)?(?:het\s+)?recht\s+op\b(?:[^.;]|\.(?=\w)){0,80}\b(?:heeft|hebben)\b"
    r"|\b(?:komt|komen)\b(?:[^.;]|\.(?=\w)){0,80}\bin\s+aanmerking\s+voor\b|\baanspraak\s+(?:bestaat|ontstaat)\b|\brecht\s+op\b(?:[^.;]|\.(?=\w)){0,60}\b(?:bestaat|ontstaat)\b"
    r"|\b(?:is|zijn)\s+gerechtigd\b|\b(?:is|zijn)\s+niet\s+verplicht\b|\bis\s+toegestaan\b|\bstaat\s+(?:(?:[^.;]|\.(?=\w)){0,30}\s)?vrij\b"
)
_MAG = _rx(r"\b(?:mag|mogen)\b")
_KAN = _rx(r"\b(?:kan|kunnen)\b")
_KAN_PERSON = _rx(
    rf"^(?:[^,;:]{{0,80}},\s*)?(?:kan|kunnen)?\s*{_PERSON}\b(?:[^.;]|\.(?=\w)){{0,120}}?\b(?:kan|kunnen)\b|^{_PERSON}\s+(?:kan|kunnen)\b|\b(?:kan|kunnen)\s+(?:door\s+)?{_PERSON}\b"
)
_KAN_PERSON_VERB = _rx(
    r"\b(?:kan|kunnen)\b(?:[^.;]|\.(?=\w)){0,120}\b(?:verzoeken|aanvragen|indienen|bezwaar\s+maken|beroep\s+instellen|in\s+beroep\s+gaan|kiezen|opteren|zich\s+laten|overleggen|vragen)\b"
    r"|\bkan\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?beroep\s+worden\s+ingesteld\b|\bkan\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?bezwaar\s+worden\s+gemaakt\b"
    r"|\b(?:verzoek|aanvraag|bezwaarschrift|beroepschrift)\b(?:[^.;]|\.(?=\w)){0,40}\b(?:kan|kunnen)\s+(?:(?:[^.;]|\.(?=\w)){0,40}\s)?worden\s+(?:gedaan|ingediend|ingesteld)\b"
)
_AUTH = _rx(rf"{_AUTHORITY}\b")


def _kan_auth(s: str, low: str) -> bool:
    """An authority within 80 characters before "kan/kunnen", or right after it (inversion)."""
    for m in _KAN.finditer(s, low):
        before = s[max(0, m.start() - 120) : m.start()]
        if _AUTH.found(before, low) or _AUTH.match(s, m.end() + 1, low):
            return True
    return False


_VALUE = _rx(
    r"\b(?:bedraagt|bedragen|beloopt|belopen|gelijk\s+(?:is\s+)?aan|eindigt|bestaat\s+uit|wordt\s+gesteld\s+op|wordt\s+vastgesteld\s+op|afgerond|verjaart|verjaren|strekt\s+tot)\b|\bvangt\b(?:[^.;]|\.(?=\w)){0,80}\baan\b"
    r"|\b(?:wordt|worden)\b(?:[^.;]|\.(?=\w)){0,150}?\b(?:berekend|opgeschort|verhoogd|verminderd|toegewezen\s+volgens|vermenigvuldigd|gedeeld|verrekend)\b"
)
_ACTIVE_VERBS = (
    r"(?:zendt|verstrekt|stelt|geeft|deelt|maakt|legt|doet|neemt|draagt|houdt|verleent|brengt|meldt|vermeldt|betaalt|kent|wijst|roept|"
    r"verzendt|bericht|publiceert|beslist|zorgt|registreert|voert|informeert|informeren|stuurt|bepaalt|toetst|controleert|verrekent|vordert|int|"
    r"bevestigt|signaleert|verdeelt|verricht|overlegt|bewaart|vult|voegt|ontvangt|draagt|verklaart|beoordeelt|onderzoekt|behandelt|adviseert|"
    r"rapporteert|zendt|verschaft|richt|vergoedt|zet|hoort|wint|biedt)"
)
_IMPERATIVE_ACTIVE = _rx(
    rf"^(?:[^,;:]{{0,160}},\s*)?(?:{_AUTHORITY}|(?:de|het|een)\s+[\w-]+(?:\s+[\w-]+){{0,3}}|zij|hij)\s+(?:[\w-]+\s+){{0,2}}?{_ACTIVE_VERBS}\b"
    rf"|^(?:[^,;:]{{0,160}},\s*)?{_ACTIVE_VERBS}\s+(?:{_AUTHORITY}|(?:de|het|een|zij|hij)\b)"
    rf"|^(?:indien|als|wanneer|nadat|zodra)\b(?:[^.;]|\.(?=\w)){{0,200}}?\s{_ACTIVE_VERBS}\s+(?:hij|zij|{_AUTHORITY})\b"
)
_IMPERATIVE_PASSIVE = _rx(
    r"\b(?:wordt|worden)\s+(?:(?:[^.;]|\.(?=\w)){0,80}\s)?(?:ge\w+(?:d|t|en)|ver\w+(?:d|t|en)|be\w+(?:d|t|en)|ont\w+(?:d|t|en)|toe\w+|in\w+(?:d|t|en)|op\w+(?:d|t|en)|uit\w+(?:d|t|en)|aan\w+(?:d|t|en)|over\w+(?:d|t|en)|door\w+(?:d|t|en)|af\w+(?:d|t|en)|mee\w+(?:d|t|en)|vast\w+(?:d|t)|terug\w+(?:d|t|en)|bij\w+(?:d|t|en)|na\w+(?:d|t|en)|er\w+(?:d|t))\b"
)
_ALLOCATION = _rx(
    rf"\b(?:wordt|worden)\b(?:[^.;]|\.(?=\w)){{0,200}}?\b\w+(?:d|t|en)\s+door\s+(?:{_AUTHORITY}|het\s+[\w-]+\s+bestuursorgaan)\b"
)


_SUBORDINATOR = re.compile(
    r"\b(?:die|dat|waarop|waarin|waarmee|waarvoor|waarbij|waaraan|waardoor|waarvan|wie|welke|indien|tenzij|voor\s+zover|voorzover|zolang|zodat|nadat|omdat|doordat|wanneer|zodra)\b",
    re.IGNORECASE,
)
_INVERSION = re.compile(rf"\s+(?:de|het|een|hij|zij|Onze|{_AUTHORITY})\b", re.IGNORECASE)
#: cue types that must sit in the main clause, not in a subordinate one
_MAIN_CLAUSE_ONLY = frozenset({"obligation", "application"})


def _in_main_clause(s: str, start: int, end: int | None = None) -> bool:
    """Rough test that a cue sits in the main clause.

    True when no subordinator stands between the last comma (or sentence start) and the
    cue, or when the verb is followed by its subject (Dutch inversion marks a main clause:
    "Indien … aanwezig zijn kan de Sociale verzekeringsbank besluiten").
    """
    seg_start = max(s.rfind(",", 0, start), s.rfind(":", 0, start)) + 1
    if not _SUBORDINATOR.search(s, seg_start, start):
        return True
    return end is not None and bool(_INVERSION.match(s, end))


def _main_search(rx: Cued, s: str, low: str) -> bool:
    """A match of ``rx`` in the main clause of ``s`` (``low``: the lower-cased sentence ``s`` is part of)."""
    return any(_in_main_clause(s, m.start(), m.end()) for m in rx.finditer(s, low))


#: Cheap literal pre-checks: a pattern of :data:`_MAIN` can only match if one of these occurs.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "aangehaald als": ("aangehaald",),
    "treedt in werking": ("werking", "terug"),
    "wordt gewijzigd": ("wijzig", "ingetrokken", "luiden", "ingevoegd", "toegevoegd"),
    "verstaan": ("verstaan",),
    "aangemerkt / geldt als / gelijkgesteld": (
        "aangemerkt",
        "geacht",
        "gelijkgesteld",
        "beschouwd",
        "geldt",
        "gelden",
        "gerekend",
        "behoren",
        "behoort",
    ),
    "X omvat / X is de …": ("omvat", " is ", " zijn ", "bestaan uit"),
    "bij of krachtens amvb / regeling": ("bij ", "regels", "voorschriften"),
    "straf / boete": ("straf", "boete", "overtreding", "misdrij", "hechtenis"),
    "overgangsrecht": ("luidde", "luidden", "gold", "overgang", "inwerkingtreding"),
    "verboden / mag niet / slechts indien": (
        "verboden",
        "niet",
        "geen",
        "slechts",
        "alleen",
        "uitsluitend",
        "onthoud",
        "toegestaan",
    ),
    "van toepassing": ("toepassing", "geldt", "gelden"),
    "verplicht / moet": ("verplicht", "moet", "dient", "dienen", "zorg", "gehouden", "acht"),
}


_MAIN_KEYWORDS = [(norm, cue, rx, frozenset(_KEYWORDS[cue])) for norm, cue, rx in _MAIN]
_ALL_KEYWORDS = tuple(dict.fromkeys(k for cue in _KEYWORDS for k in _KEYWORDS[cue]))


def classify_sentence(s: str) -> Classification | None:
    """The norm type of one sentence, or ``None`` when no cue fires.

    Order: the explicit cues of :data:`_MAIN`; an actor doing something in the present
    tense (obligation: "De inspecteur zendt …"); the modal "kan"/"mag" in the main clause
    (competence for authorities and impersonal passives, permission for persons); powers and
    rights; value assignments; passive imperatives ("De aanvraag wordt ingediend bij …").

    >>> classify_sentence("Het is verboden zonder vergunning te bouwen.").norm_type
    'prohibition'
    >>> classify_sentence("Bij algemene maatregel van bestuur worden nadere regels gesteld.").norm_type
    'delegation'
    >>> classify_sentence("Onze Minister kan ontheffing verlenen.").norm_type
    'competence'
    >>> classify_sentence("De belanghebbende kan de inspecteur verzoeken om een beschikking.").norm_type
    'permission'
    """
    lead = s.split(":", 1)[0]
    low = s.lower()
    disjoint = set(filter(low.__contains__, _ALL_KEYWORDS)).isdisjoint
    candidates = [(norm, cue, rx) for norm, cue, rx, kws in _MAIN_KEYWORDS if not disjoint(kws)]
    for part in (lead, s) if lead != s else (s,):
        for norm, cue, rx in candidates:
            hit = _main_search(rx, part, low) if norm in _MAIN_CLAUSE_ONLY else rx.found(part, low)
            if hit:
                return Classification(norm, (cue,))
    modal = _main_search(_KAN, lead, low) or _main_search(_MAG, lead, low)
    if not modal and _IMPERATIVE_ACTIVE.found(s, low):
        return Classification("obligation", ("imperative indicative",))
    if modal:
        if _PERMISSION.found(s, low):
            return Classification("permission", ("recht op / aanspraak",))
        if _COMPETENCE.found(s, low):
            return Classification("competence", ("bevoegd / belast met",))
        person = _KAN_PERSON.found(s, low) or _KAN_PERSON_VERB.found(s, low)
        if not person and _kan_auth(s, low):
            return Classification("competence", ("authority + kan",))
        if person or _main_search(_MAG, s, low):
            return Classification("permission", ("person + kan/mag",))
        return Classification("competence", ("kan (impersonal)",))
    if _COMPETENCE.found(s, low):
        return Classification("competence", ("bevoegd / belast met",))
    if _PERMISSION.found(s, low):
        return Classification("permission", ("recht op / aanspraak",))
    if _VALUE.found(s, low):
        return Classification("other", ("value / computation",))
    if _ALLOCATION.found(s, low):
        return Classification("competence", ("wordt … door <authority>",))
    if _IMPERATIVE_PASSIVE.found(s, low):
        return Classification("obligation", ("imperative passive",))
    return None


_LIST_NUMBER = re.compile(r"(?:(?<=[\s:;,])|^)(?:[a-z]{1,2}\.|\d{1,2}°\.?|\d{1,2}\.|[ivx]{1,4}\.|–)\s(?=\S)")


def classify(
    text: str,
    blocks: Sequence[Para | ListBlock] = (),
    *,
    heading: str = "",
    has_definitions: bool = False,
    use_model: bool = True,
    context: NormContext | None = None,
) -> Classification:
    """Classify a lid (or an article without leden).

    Parameters
    ----------
    text : str
        The whole text of the unit as in :attr:`Provision.text` (list items included).
    blocks : sequence, optional
        Unused; kept for callers that have the text model at hand.
    heading : str
        The article heading; "Citeertitel", "Inwerkingtreding", "Overgangsbepaling" decide
        when the text itself has no cue.
    has_definitions : bool
        The definition extractor found a definition here: the type is ``definition``.
    use_model : bool
        Let the linear model of :mod:`wetgraaf.ingest.norm_model` decide, with the patterns'
        verdict as one of its features (default). ``False`` gives the patterns alone.
    context : NormContext, optional
        Where the lid stands (enclosing headings, soort, position in the article); the parser
        passes it, and the model was trained with it (:func:`~wetgraaf.ingest.norm_model.context_of`).
    """
    model = load_model() if use_model else None
    if has_definitions and model is None:
        return Classification("definition", ("definition extracted",))
    rule = _classify_patterns(_LIST_NUMBER.sub("", text), heading)
    if model is None:
        return rule
    feats = feature_set(text, heading, rule.norm_type, rule.cues[0] if rule.cues else "", context)
    if has_definitions:
        # the extractor decides the type; the model says how sure a reader would be of it
        # (a lid that only embeds a definition in an application rule scores low)
        p_def = model.probability(feats, "definition")
        return Classification("definition", ("definition extracted",), round(p_def, 4))
    label, p = model.predict(feats)
    return Classification(label, (f"model p={p:.2f}", *rule.cues), round(p, 4))


def _classify_patterns(text: str, heading: str) -> Classification:
    sentences = [s for s in split_sentences(text) if s] or [text]
    main = sentences[0]
    got = classify_sentence(main)
    if got is not None:
        return got
    for s in sentences[1:]:
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
    # A provision with no cue states what is to happen: in Dutch legislative style the
    # plain present tense is imperative ("Het bestuursorgaan bevestigt de ontvangst").
    return Classification("obligation", ("plain present tense (default)",))
