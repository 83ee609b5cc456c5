"""Rule parameters: termijnen, bedragen, leeftijden and percentages in a provision's text.

Every wording is a row of :data:`PARAMETER_FORMS` (name, pattern, kind, a real example);
the act a parameter governs ("bezwaar maken", "beslissen", "melden") is a row of
:data:`ACT_FORMS`. Pure functions on text, no I/O.

Normalisation: a number is written in digits ("6", "1.234,56") or words ("zes",
"achtenveertig"); a termijn in dagen or weken gets its length in days, one in maanden or
jaren does not (a month is not a fixed number of days); "onverwijld" and "uiterlijk op
1 april" are kept as written, with no value. A bedrag gets the year of its price level when
the text gives one ("(prijspeil 2012)").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from wetgraaf.identity import LegalId
from wetgraaf.ingest.blocks import split_sentences
from wetgraaf.ingest.records import RuleParameter

__all__ = [
    "PARAMETER_FORMS",
    "ACT_FORMS",
    "NUMBER_WORDS",
    "ParameterForm",
    "ActForm",
    "number_value",
    "extract_parameters",
]

# ----------------------------------------------------------------------------- numbers
_ONES = "een twee drie vier vijf zes zeven acht negen".split()
_TEENS = "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien".split()
_TENS = "twintig dertig veertig vijftig zestig zeventig tachtig negentig".split()


def _number_words() -> dict[str, int]:
    out = {w: i for i, w in enumerate(_ONES, start=1)}
    out["één"] = 1
    out.update({w: i for i, w in enumerate(_TEENS, start=10)})
    for t, tw in enumerate(_TENS, start=2):
        out[tw] = t * 10
        for o, ow in enumerate(_ONES, start=1):
            joint = "ën" if ow.endswith("e") else "en"  # tweeëntwintig, drieëntwintig
            out[f"{ow}{joint}{tw}"] = t * 10 + o
    out["honderd"] = 100
    return out


#: Dutch number words from één to honderd and their values.
NUMBER_WORDS: dict[str, int] = _number_words()
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: a number in digits (Dutch: "1.234,56") or in words
_NUM = rf"(?:\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?|(?:{_WORDS})\b)"


def number_value(text: str) -> int | float | None:
    """The value of a number written in digits (Dutch notation) or in words.

    >>> number_value("zes"), number_value("achtenveertig"), number_value("1.234,56"), number_value("6,5")
    (6, 48, 1234.56, 6.5)
    >>> number_value("2\u00a0269"), number_value("340 335 162")
    (2269, 340335162)
    """
    t = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text.strip().lower())
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    t = t.rstrip("-").rstrip(",")
    if not re.fullmatch(r"[\d.]+(?:,\d+)?", t):
        return None
    t = t.replace(".", "").replace(",", ".")
    v = float(t)
    return int(v) if v.is_integer() else v


# ----------------------------------------------------------------------------- forms
@dataclass(frozen=True, slots=True)
class ParameterForm:
    """One way the law writes a parameter: a row of :data:`PARAMETER_FORMS`.

    ``pattern`` has the group ``n`` (the number; absent for "onverwijld" and dates), ``u``
    (the unit as written) and ``text`` (what is kept as the parameter's text; the whole match
    when absent). ``example`` is a real provision that writes it. ``cue``: words of which the
    text must contain one (lower case) before the pattern is tried at all (the number words
    make the patterns costly to try on every lid).
    """

    name: str
    pattern: re.Pattern[str]
    kind: str  #: termijn | bedrag | leeftijd | percentage
    example: str
    cue: tuple[str, ...] = ()  #: words (lower case) of which the text must hold one before the pattern is tried

    @property
    def needs_unit(self) -> bool:
        """The pattern reads a unit (``u``): a text with no unit word cannot match it."""
        return "(?P<u>" in self.pattern.pattern


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_UNIT = r"(?P<u>werkdagen|werkdag|kalenderdagen|dagen|dag|weken|week|maanden|maand|jaren|jaar)\b"
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
#: digits grouped by points ("20.661") or by (non-breaking) spaces ("2 269", as the 2012 texts of the
#: AOW, AKW and WW write their boetes: 922 amounts in 225 files of the dump)
_GROUPED = r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
_EURO_AMOUNT = rf"(?P<n>(?:{_GROUPED}|\d+)(?:,\d+|,-{{1,2}})?)(?:\s+(?P<mult>miljoen|miljard|mln\.?|mld\.?))?"

#: The wordings of parameters, tried in this order; a later form does not take text an
#: earlier one matched (an age is not also a termijn).
PARAMETER_FORMS: tuple[ParameterForm, ...] = (
    ParameterForm(
        "leeftijd_van",
        _rx(rf"(?P<text>de\s+(?:\w+\s+)?leeftijd\s+van\s+(?P<n>{_NUM})\s+(?P<u>jaar|jaren)\b)"),
        "leeftijd",
        "AOW art. 7 (2012): 'Recht op ouderdomspensioen … heeft degene die de leeftijd van 65 jaar heeft bereikt'",
        cue=("leeftijd",),
    ),
    ParameterForm(
        "leeftijd_of_ouder",
        _rx(rf"(?P<text>(?<![\w,.])(?P<n>{_NUM})\s+(?P<u>jaar)\s+of\s+ouder)\b"),
        "leeftijd",
        "Zorgverzekeringswet art. 1 (2012): 'de persoon … die 18 jaar of ouder is'",
        cue=("of ouder",),
    ),
    ParameterForm(
        "leeftijd_jonger_ouder_dan",
        _rx(rf"(?P<text>(?:jonger|ouder)\s+dan\s+(?P<n>{_NUM})\s+(?P<u>jaar))\b"),
        "leeftijd",
        "Awir art. 1 (2012): 'een kind dat jonger is dan 18 jaar'",
        cue=("jonger dan", "ouder dan"),
    ),
    ParameterForm(
        "termijn_onverwijld",
        _rx(r"(?P<text>\bonverwijld)\b"),
        "termijn",
        "Awb art. 6:15 lid 1 (2012): 'Het bezwaarschrift … wordt … onverwijld doorgezonden'",
        cue=("onverwijld",),
    ),
    ParameterForm(
        "termijn_uiterlijk_op_datum",
        _rx(
            rf"(?P<text>\b(?:uiterlijk|niet\s+later\s+dan)\s+(?:op\s+)?\d{{1,2}}\s+(?:{_MONTHS})(?:\s+(?:van\s+(?:het|dat|elk|ieder)\s+(?:\w+\s+)?jaar|\d{{4}}))?)\b"
        ),
        "termijn",
        "Wet op de loonbelasting 1964 (2012): 'uiterlijk op 1 april van het jaar volgend op …'",
        cue=("uiterlijk", "niet later dan"),
    ),
    ParameterForm(
        "termijn_binnen",
        _rx(
            rf"(?P<text>\b(?:binnen|uiterlijk|\w*termijn\s+van|(?:een|de)\s+(?:periode|tijdvak)\s+van|gedurende|na\s+verloop\s+van|niet\s+later\s+dan)"
            rf"(?:\s+(?:een\s+periode\s+van|ten\s+minste|ten\s+hoogste|maximaal|minimaal|uiterlijk))?\s+(?P<n>{_NUM})\s+{_UNIT})"
        ),
        "termijn",
        "Awb art. 6:7 (2012): 'De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken'; WW art. 27: 'binnen een week'",
        cue=("binnen", "uiterlijk", "termijn", "periode", "tijdvak", "gedurende", "na verloop", "niet later"),
    ),
    ParameterForm(
        "termijn_na_voor",
        _rx(
            rf"(?P<text>(?:\b(?:ten\s+minste|ten\s+hoogste|minimaal|maximaal)\s+)?(?<![\w,.])(?P<n>{_NUM})\s+{_UNIT}\s+"
            r"(?:na|vóór|voor|voorafgaand(?:e)?\s+aan|nadat|voordat|te\s+rekenen\s+van(?:af)?))\b"
        ),
        "termijn",
        "Awb art. 4:13 (2012): '… binnen acht weken na ontvangst van de aanvraag'; AWR: 'zes weken na de dagtekening'",
        cue=(" na ", " voor", " vóór", "voorafgaand", "nadat", "te rekenen"),
    ),
    ParameterForm(
        "termijn_bedraagt",
        _rx(rf"\btermijn\b[^.;:]{{0,120}}?\b(?:bedraagt|is|wordt\s+gesteld\s+op)\s+(?P<text>(?P<n>{_NUM})\s+{_UNIT})"),
        "termijn",
        "Awb art. 6:7 (2012): 'De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken.'",
        cue=("termijn",),
    ),
    ParameterForm(
        "termijn_bedraagt_inverted",
        _rx(rf"\bbedraagt\s+de\s+(?:\w+)?termijn\b[^.;:]{{0,80}}?\s(?P<text>(?P<n>{_NUM})\s+{_UNIT})"),
        "termijn",
        "BWBR0001952 art. 3 lid 3 (2012): 'In afwijking van artikel 7:10 … bedraagt de beslistermijn zes maanden'",
        cue=("bedraagt de",),
    ),
    ParameterForm(
        "bedrag_euroteken",
        _rx(rf"(?P<text>(?:€|\bEUR\b|\beuro\b)\s*{_EURO_AMOUNT})"),
        "bedrag",
        "Awir art. 7 lid 2 (2012): '… een vermogen van € 20.661 …'; 'EUR 500'",
        cue=("€", "eur"),
    ),
    ParameterForm(
        "bedrag_euro_na",
        _rx(
            rf"(?P<text>(?<![\w,.€])(?P<n>(?:{_GROUPED})(?:,\d{{1,2}})?|\d+(?:,\d{{1,2}})?|{_WORDS})(?:\s+(?P<mult>miljoen|miljard))?\s+(?:euro|EUR)\b)"
        ),
        "bedrag",
        "Kieswet (2012): 'een waarborgsom van 11.250 euro'",
        cue=("euro", "eur"),
    ),
    ParameterForm(
        "percentage",
        _rx(rf"(?P<text>(?<![\w,.])(?P<n>{_NUM})\s*(?:%|procent\b|percent\b))"),
        "percentage",
        "Wet IB 2001 art. 2.10 (2012): '… 6 procent …'; Awir: '6,8%'",
        cue=("%", "procent", "percent"),
    ),
)

_UNITS = {
    "dag": "dagen",
    "dagen": "dagen",
    "kalenderdagen": "dagen",
    "werkdag": "werkdagen",
    "werkdagen": "werkdagen",
    "week": "weken",
    "weken": "weken",
    "maand": "maanden",
    "maanden": "maanden",
    "jaar": "jaren",
    "jaren": "jaren",
}
_DAYS = {"dagen": 1, "weken": 7}
#: a unit word anywhere: looked for once per text, before the forms that read a unit are tried
_ANY_UNIT = re.compile(r"dag|wee?k|maand|jaa?r", re.IGNORECASE)
#: a penalty's duration is not a termijn ("gevangenisstraf van ten hoogste zes maanden")
_PENALTY_BEFORE = re.compile(r"(?:gevangenisstraf|hechtenis|taakstraf|ontzetting|ontzet)\b[^.;]{0,40}$", re.IGNORECASE)
_PRICE_YEAR = re.compile(
    r"^[^.;€]{0,40}?\b(?:prijspeil|prijsniveau|in\s+prijzen\s+van)\s+(?:van\s+)?(?:(?:het\s+jaar|\d{1,2}\s+\w+)\s+)?(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


# ----------------------------------------------------------------------------- acts
@dataclass(frozen=True, slots=True)
class ActForm:
    """A verb (and object) a parameter governs: a row of :data:`ACT_FORMS`.

    ``pattern`` is searched in the clause of the parameter; ``act`` is what is recorded.
    """

    act: str
    pattern: re.Pattern[str]
    example: str


#: The acts, the specific ones (verb with its object) first.
ACT_FORMS: tuple[ActForm, ...] = (
    ActForm(
        "bezwaar maken",
        _rx(r"\bbezwaar\b[^.;]{0,80}?\b(?:maken|gemaakt|maakt)\b|\b(?:maken|maakt)\b[^.;]{0,40}?\bbezwaar\b"),
        "Awb art. 6:4 (2012): 'Het maken van bezwaar geschiedt door het indienen van een bezwaarschrift'",
    ),
    ActForm(
        "bezwaar indienen",
        _rx(
            r"\bbezwaar(?:schrift|-\s+of\s+beroepschrift)\b[^.;]{0,80}?\b(?:indienen|ingediend)\b|\bindienen\s+van\s+(?:een|het)\s+bezwaar"
        ),
        "Awb art. 6:7 (2012): 'De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken.'",
    ),
    ActForm(
        "beroep instellen",
        _rx(
            r"\bberoep\b[^.;]{0,80}?\b(?:instellen|ingesteld|stelt\b[^.;]{0,60}?\bin)\b|\binstellen\s+van\s+(?:het\s+)?beroep\b"
        ),
        "Awb art. 8:1 (2012): 'Een belanghebbende kan tegen een besluit beroep instellen bij de rechtbank.'",
    ),
    ActForm(
        "de aanvraag indienen",
        _rx(
            r"\baanvra(?:ag|gen)\b[^.;]{0,80}?\b(?:indienen|ingediend|dient\b[^.;]{0,60}?\bin)\b|\bindienen\s+van\s+(?:een|de)\s+aanvraag"
        ),
        "Awir art. 15 (2012): 'Een aanvraag … wordt ingediend voor 1 april van het jaar volgend op het berekeningsjaar'",
    ),
    ActForm(
        "aangifte doen",
        _rx(r"\baangifte\b[^.;]{0,60}?\b(?:doen|gedaan|doet)\b|\b(?:doen|doet)\s+(?:\w+\s+){0,3}?aangifte\b"),
        "AWR art. 9 (2012): 'De aangifte moet worden gedaan binnen een door de inspecteur te stellen termijn'",
    ),
    ActForm(
        "uitspraak doen",
        _rx(r"\buitspraak\b[^.;]{0,40}?\b(?:doen|gedaan|doet)\b|\bdoet\b[^.;]{0,40}?\buitspraak\b"),
        "Awb art. 7:10 (2012): 'Het bestuursorgaan beslist binnen zes weken'; 'doet de rechtbank binnen zes weken uitspraak'",
    ),
    ActForm(
        "beslissen",
        _rx(
            r"\b(?:beslissen|beslist|besloten|beslissing\b[^.;]{0,100}?\b(?:nemen|genomen|neemt|geven|gegeven))\b|\bneemt\b[^.;]{0,40}?\bbeslissing\b"
        ),
        "Awb art. 7:10 lid 1 (2012): 'Het bestuursorgaan beslist binnen zes weken … na ontvangst van het bezwaarschrift'",
    ),
    ActForm(
        "melden",
        _rx(
            r"\b(?:melden|meldt|gemeld|aanmelden|meldt\b[^.;]{0,60}?\baan|aangemeld|melding\b[^.;]{0,30}?\b(?:doen|gedaan|doet))\b"
        ),
        "WW art. 26 (2012): 'De werknemer … meldt dit … binnen een week'",
    ),
    ActForm(
        "bewaren",
        _rx(r"\b(?:bewaren|bewaart|bewaard)\b"),
        "AWR art. 52 lid 4 (2012): 'zijn verplicht de … gegevensdragers … gedurende zeven jaren te bewaren'",
    ),
    ActForm(
        "betalen",
        _rx(r"\b(?:betalen|betaalt|betaald|terugbetalen|terugbetaald|uitbetalen|uitbetaald)\b"),
        "Invorderingswet 1990 art. 9 (2012): 'De belastingaanslag moet worden betaald binnen twee maanden'",
    ),
    ActForm(
        "mededelen",
        _rx(
            r"\b(?:mededelen|meedelen|medegedeeld|meegedeeld|deelt\b[^.;]{0,60}?\b(?:mede|mee)|mededeling\b[^.;]{0,30}?\b(?:doen|gedaan|doet))\b"
        ),
        "Awb art. 4:14 (2012): 'deelt het bestuursorgaan dit binnen acht weken … aan de aanvrager mede'",
    ),
    ActForm(
        "kennis geven",
        _rx(r"\b(?:kennis\s+(?:geven|gegeven)|geeft\b[^.;]{0,60}?\bkennis|in\s+kennis\s+(?:stellen|gesteld|stelt))\b"),
        "Awb art. 3:41 (2012): 'geeft … kennis van het besluit'",
    ),
    ActForm(
        "verstrekken",
        _rx(r"\b(?:verstrekken|verstrekt|overleggen|overgelegd|legt\b[^.;]{0,60}?\bover|aanleveren|aangeleverd)\b"),
        "AWR art. 47 (2012): 'gegevens en inlichtingen te verstrekken binnen een door de inspecteur te stellen termijn'",
    ),
    ActForm(
        "toezenden",
        _rx(
            r"\b(?:toezenden|toegezonden|zendt\b[^.;]{0,60}?\btoe|verzenden|verzonden|verzendt|doorzenden|doorgezonden|inzenden|ingezonden)\b"
        ),
        "Awb art. 6:15 (2012): 'wordt … onverwijld doorgezonden aan het bevoegde orgaan'",
    ),
    ActForm(
        "indienen",
        _rx(r"\b(?:indienen|ingediend|dient\b[^.;]{0,60}?\bin)\b"),
        "Kieswet (2012): 'De kandidatenlijst wordt ingediend op de dag van kandidaatstelling'",
    ),
    ActForm(
        "vaststellen",
        _rx(r"\b(?:vaststellen|vastgesteld|stelt\b[^.;]{0,60}?\bvast)\b"),
        "Awir art. 16 (2012): 'De Belastingdienst/Toeslagen stelt … de tegemoetkoming vast'",
    ),
    ActForm(
        "aanvragen",
        _rx(r"\b(?:aanvragen|aangevraagd|vraagt\b[^.;]{0,60}?\baan)\b"),
        "WW (2012): 'De uitkering wordt aangevraagd binnen een week'",
    ),
    ActForm(
        "verlengen",
        _rx(r"\b(?:verlengen|verlengt|verlengd|verdagen|verdaagt|verdaagd)\b"),
        "Awb art. 7:10 lid 3 (2012): 'Het bestuursorgaan kan de beslissing voor ten hoogste zes weken verdagen.'",
    ),
    ActForm(
        "opleggen",
        _rx(r"\b(?:opleggen|opgelegd|legt\b[^.;]{0,60}?\bop)\b"),
        "AWR art. 67a (2012): 'kan de inspecteur … een bestuurlijke boete opleggen'",
    ),
)

#: finite verbs after which the clause-initial noun phrase is the actor (active voice)
_FINITE = (
    r"(?:kan|kunnen|moet|moeten|mag|mogen|dient|dienen|is\s+(?:verplicht|gehouden|bevoegd)|zijn\s+(?:verplicht|gehouden|bevoegd)"
    r"|beslist|beslissen|meldt|melden|bewaart|bewaren|betaalt|betalen|deelt|delen|verstrekt|verstrekken|zendt|zenden|stelt|stellen"
    r"|geeft|geven|doet|doen|neemt|nemen|legt|leggen|maakt|maken|vraagt|vragen|verleent|verlenen|voldoet|voldoen|draagt|dragen)"
)
_ACTOR_NP = (
    r"(?P<a>(?:de|het)\s+(?:[a-zë\-]+\s+){0,2}?[a-zë][\w\-/]*(?:\s+van\s+(?:de|het|dit|deze|die)\s+[a-zë][\w\-]*)?"
    r"|Onze\s+Minister(?:\s+van\s+[A-Z][\w\-]*(?:\s+(?:en|van|[A-Z][\w\-]*))*)?|Onze\s+Ministers|Wij"
    r"|[Gg]edeputeerde\s+[Ss]taten|[Bb]urgemeester\s+en\s+wethouders|[Dd]e\s+[Rr]aad\s+van\s+[A-Z]\w+|(?:[Dd]e|[Hh]et)\s+[A-Z][\w\-/]+)"
)
_ACTOR_FIRST = re.compile(rf"^{_ACTOR_NP}\s+{_FINITE}\b")
_ACTOR_INVERTED_ANY = re.compile(
    rf"(?:^|,\s*|\b(?:weken|dagen|maanden|jaren|jaar|week|dag|maand)\s+){_FINITE}\s+{_ACTOR_NP}\b"
)
_ACTOR_BY = re.compile(
    r"\bdoor\s+(?P<a>(?:de|het)\s+[A-Z][\w\-/]+|(?:de|het)\s+(?:[a-zë\-]+\s+){0,2}?[a-zë][\w\-/]*|Onze\s+Minister)(?=[\s,.;])"
)
_NP_MORE = re.compile(
    r"(?:\s+(?!(?:hiervan|daarvan|dit|dat|deze|een|binnen|aan|bij|in|op|uiterlijk|onverwijld|schriftelijk|zo|niet|ook|tevens|"
    r"jaarlijks|zijn|haar|hun|te|om|voor|na|met|over|tot|de|het|die|welke|wie|waar\w*)\b)[a-zë][\w\-]*|\s+van\s+(?:de|het)\s+[a-zë][\w\-]*)*"
)
_PASSIVE = re.compile(r"\b(?:wordt|worden|werd|werden)\b", re.IGNORECASE)
_NOT_ACTOR = re.compile(
    r"^(?:de|het)\s+(?:termijn|aanvraag|uitkering|beschikking|beslissing|besluit|bedrag|aangifte|bezwaar|beroep|"
    r"\w*schrift|kosten|vergoeding|geval|eerste|tweede|derde|vierde|vijfde|zesde|bepaalde|in|bij|op)\b",
    re.IGNORECASE,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of ``text``: its sentences, cut again at ";" and ":"."""
    out: list[tuple[int, int]] = []
    pos = 0
    for s in split_sentences(text):
        start = text.index(s, pos) if s else pos
        pos = start + len(s)
        cut = start
        for m in re.finditer(r"[;:](?:\s|$)", s):
            out.append((cut, start + m.start()))
            cut = start + m.end()
        out.append((cut, pos))
    return [(a, b) for a, b in out if b > a]


_START_EVENT = re.compile(r"\b(?:na|vanaf|gerekend|nadat|sinds|waarop|waarin)\b", re.IGNORECASE)


def _act_matches(clause: str) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, act) of every act form in ``clause``: found once per clause, however many
    parameters it holds."""
    return [
        (m.start(), m.end(), rank, form.act)
        for rank, form in enumerate(ACT_FORMS)
        for m in form.pattern.finditer(clause)
    ]


def _nearest_act(matches: list[tuple[int, int, int, str]], clause: str, at: int) -> str | None:
    """The act of ``matches`` nearest to position ``at`` (a specific form wins a tie)."""
    best: tuple[int, int, str] | None = None
    for start, end, rank, act in matches:
        d = 0 if start <= at < end else min(abs(start - at), abs(end - at))
        if start > at and _START_EVENT.search(clause, at, start):
            d += 1000  # "binnen zes weken na ontvangst van het bezwaarschrift": the event that starts it
        if best is None or (d, rank) < best[:2]:
            best = (d, rank, act)
    return best[2] if best else None


def _lower_det(np: str) -> str:
    """ "De werkgever" → "de werkgever"; "De Nederlandsche Bank" and "Onze Minister" stay."""
    if np[:3] in ("De ", "Het") and not np.split(" ", 1)[1][:1].isupper():
        return np[0].lower() + np[1:]
    return np


def _actor(clause: str) -> str | None:
    """The actor a clause names: its subject in the active voice, else "door X" in the passive.

    >>> _actor("De werknemer meldt dit binnen een week aan het UWV.")
    'de werknemer'
    >>> _actor("Indien de aanvraag onvolledig is, stelt het bestuursorgaan de aanvrager in de gelegenheid")
    'het bestuursorgaan'
    >>> _actor("De aanvraag wordt binnen zes weken ingediend.") is None
    True
    """
    c = re.sub(r"^(?:[a-z]{1,2}|\d{1,2}°?)[.)]\s+", "", clause.strip())  # a list item's label
    c = c[0].lower() + c[1:] if c[:3] in ("De ", "Het") and not c.split(" ", 2)[1][:1].isupper() else c
    m = _ACTOR_FIRST.match(c)
    if m is None:
        # verb-second after a lead ("Indien …, stelt het bestuursorgaan", "Binnen zes weken beslist de rechter")
        m = _ACTOR_INVERTED_ANY.search(c)
    if m and not _NOT_ACTOR.match(m.group("a")):
        a = m.group("a")
        if m.re is _ACTOR_INVERTED_ANY:
            # the lazy pattern stops at the first noun: "de ontvanger van de specifieke uitkering"
            more = _NP_MORE.match(c, m.end())
            a += more.group(0) if more else ""
        return _lower_det(a)
    if _PASSIVE.search(c):
        m = _ACTOR_BY.search(c)
        if m and not _NOT_ACTOR.match(m.group("a")):
            return _lower_det(m.group("a"))
    return None


def extract_parameters(source: LegalId, text: str) -> list[RuleParameter]:
    """The parameters in the text of one provision, in text order.

    >>> src = LegalId.parse("jci1.3:c:BWBR0005537&artikel=6:7")
    >>> [(p.kind, p.text, p.value, p.unit, p.days, p.act) for p in extract_parameters(src,
    ...     "De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken.")]
    [('termijn', 'zes weken', 6.0, 'weken', 42, 'bezwaar indienen')]
    >>> src = LegalId.parse("jci1.3:c:BWBR0005537&artikel=7:10&lid=1")
    >>> [(p.text, p.days, p.act, p.actor) for p in extract_parameters(src,
    ...     "Het bestuursorgaan beslist binnen zes weken of – indien een commissie als bedoeld in "
    ...     "artikel 7:13 is ingesteld – binnen twaalf weken, gerekend vanaf de dag na die waarop de "
    ...     "termijn voor het indienen van het bezwaarschrift is verstreken.")]
    [('binnen zes weken', 42, 'beslissen', 'het bestuursorgaan'), ('binnen twaalf weken', 84, 'beslissen', 'het bestuursorgaan')]
    """
    # characters already taken by a parameter, and per clause its acts and actor: a table of amounts
    # is one clause with hundreds of parameters, so nothing here may cost a pass per parameter
    taken = bytearray(len(text))
    found: list[tuple[int, RuleParameter]] = []
    clauses: list[tuple[int, int]] | None = None
    starts: list[int] = []
    acts: dict[tuple[int, int], list[tuple[int, int, int, str]]] = {}
    actors: dict[tuple[int, int], str | None] = {}
    low = text.lower()
    has_unit = _ANY_UNIT.search(low) is not None
    for form in PARAMETER_FORMS:
        if form.cue and not any(map(low.__contains__, form.cue)):
            continue
        if form.needs_unit and not has_unit:
            continue
        for m in form.pattern.finditer(text):
            s, e = m.span("text")
            if 1 in taken[s:e]:
                continue
            if form.kind == "termijn" and _PENALTY_BEFORE.search(text[max(0, s - 60) : s]):
                continue
            g = m.groupdict()
            value: int | float | None = number_value(g["n"]) if g.get("n") else None
            if g.get("n") and value is None:
                continue
            unit: str | None = None
            days: int | None = None
            year: int | None = None
            if form.kind == "termijn" and g.get("u"):
                unit = _UNITS[g["u"].lower()]
                if unit in _DAYS and isinstance(value, int):
                    days = value * _DAYS[unit]
            elif form.kind == "leeftijd":
                unit = "jaar"
            elif form.kind == "percentage":
                unit = "procent"
            elif form.kind == "bedrag":
                unit = "euro"
                mult = (g.get("mult") or "").lower()
                if value is not None and mult:
                    v = value * (1_000_000 if mult.startswith("m") and mult[:3] != "mld" else 1_000_000_000)
                    value = int(v) if float(v).is_integer() else v
                py = _PRICE_YEAR.match(text[e : e + 80])
                year = int(py.group("y")) if py else None
            taken[s:e] = b"\x01" * (e - s)
            if clauses is None:
                clauses = _clauses(text)
                starts = [a for a, _ in clauses]
            i = bisect_right(starts, s) - 1
            cs, ce = clauses[i] if i >= 0 and s < clauses[i][1] else (0, len(text))
            clause = text[cs:ce]
            if (cs, ce) not in acts:
                acts[(cs, ce)] = _act_matches(clause)
                actors[(cs, ce)] = _actor(clause)
            found.append(
                (
                    s,
                    RuleParameter(
                        source=source,
                        kind=form.kind,
                        text=text[s:e],
                        value=None if value is None else float(value),
                        unit=unit,
                        days=days,
                        act=_nearest_act(acts[(cs, ce)], clause, s - cs),
                        actor=actors[(cs, ce)],
                        price_year=year,
                        form=form.name,
                    ),
                )
            )
    return [p for _, p in sorted(found, key=lambda x: x[0])]
