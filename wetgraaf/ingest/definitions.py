"""Definitions (begripsbepalingen) from an article's text model.

The Aanwijzingen voor de regelgeving (BWBR0005730, aanwijzingen 5.1–5.3 and 3.59) fix how
drafters write definitions; this module follows them and the variants found in the corpus:

* a lead sentence "In [deze wet] [en de daarop berustende bepalingen] wordt [, tenzij
  anders bepaald,] verstaan onder:" followed by a list whose items are ``term: definition``
  (plain text, or the term in ``<nadruk type="cur">term:</nadruk>``);
* single sentences: "Onder X wordt (mede/niet) verstaan: …", "In deze wet wordt onder X
  verstaan …", "X is degene die …" (the *X is Y* form), "Als X wordt aangemerkt: …",
  "… wordt (niet) als X aangemerkt", "… wordt gelijkgesteld met X";
* definitions embedded in another ("…, waaronder niet wordt verstaan …", "met dien
  verstande dat als X niet wordt aangemerkt: 1° …");
* nested sub-items (1°, 2°) belong to the definition of their item.

Kinds: ``explicit``, ``by_reference`` (the content is a pointer: "X als bedoeld in artikel 1
van de Wet Y"), ``extension`` ("mede verstaan"), ``restriction`` ("niet verstaan", "niet
aangemerkt"), ``deeming`` ("wordt aangemerkt als", "wordt gelijkgesteld met").
Everything here is pure: it reads the text model built by :mod:`wetgraaf.ingest.blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wetgraaf.identity import LegalId
from wetgraaf.ingest.blocks import Item, ListBlock, Para, norm_ws, render
from wetgraaf.ingest.records import Definition, Reference, Scope
from wetgraaf.ingest.references import ORDINALS

__all__ = ["LidView", "ArticleView", "extract_definitions", "parse_scope", "definition_kind", "clean_term"]


@dataclass(slots=True)
class LidView:
    id: LegalId
    nr: str  #: lidnr, "" for an article without leden
    blocks: list[Para | ListBlock]


@dataclass(slots=True)
class ArticleView:
    id: LegalId
    nr: str
    heading: str
    container: tuple[tuple[str, str], ...]
    leden: list[LidView]


RefsOf = Callable[[Para], Sequence[Reference]]

# ----------------------------------------------------------------------------- scope
_SCOPE_RE = re.compile(
    r"""(?:^|\b)(?:in\s+de\s+zin\s+van|overeenkomstig\s+de\s+bepalingen\s+van|in|voor\s+de\s+toepassing\s+van|ten\s+behoeve\s+van)\s+
        (?P<s>(?:deze|dit|de|het)\s+(?:wet|besluit|regeling|beleidsregel|circulaire|aanwijzingen|
              verordening|hoofdstuk|afdeling|paragraaf|§|titel|artikel|artikelen|lid|onderdeel|
              boek|deel|bijlage|subparagraaf|sub-paragraaf|ministeriële\s+regeling|
              algemene\s+maatregel\s+van\s+bestuur)\b.*?
           |(?:artikel|artikelen|hoofdstuk|afdeling|paragraaf|titel|§)\s+\d.*?
           |het\s+(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\s+lid(?:\s*,\s*(?:onder|onderdeel)\s+[a-z0-9]{1,3}°?)?)
        (?=\s*,?\s*(?:\b(?:wordt|worden|onder|verstaan|is)\b|$))""",
    re.IGNORECASE | re.VERBOSE,
)
_LEVELS = [
    (
        r"^(?:deze|dit|de)\s+(?:wet|besluit|regeling|beleidsregel|circulaire|aanwijzingen|verordening|ministeriële\s+regeling|algemene\s+maatregel\s+van\s+bestuur)\b",
        "regeling",
    ),
    (r"^dit\s+hoofdstuk\b", "hoofdstuk"),
    (r"^deze\s+afdeling\b", "afdeling"),
    (r"^(?:deze\s+paragraaf|deze\s+§|deze\s+sub-?paragraaf)\b", "paragraaf"),
    (r"^deze\s+titel\b", "titeldeel"),
    (r"^dit\s+boek\b", "boek"),
    (r"^dit\s+artikel\b", "artikel"),
    (r"^dit\s+lid\b", "lid"),
    (r"^het\s+\w+\s+lid\b", "lid"),
    (r"^dit\s+onderdeel\b", "onderdeel"),
    (r"^(?:de\s+)?artikel(?:en)?\s+\d", "articles"),
    (r"^hoofdstuk\s+\d", "hoofdstuk"),
    (r"^afdeling\s+\d", "afdeling"),
    (r"^(?:paragraaf|§)\s+\d", "paragraaf"),
    (r"^titel\s+\d", "titeldeel"),
]
_CONTAINER_KEY = {
    "hoofdstuk": "hoofdstuk",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "titeldeel": "titeldeel",
    "boek": "boek",
}


def parse_scope(sentence: str, article: ArticleView | None = None, lid: str = "") -> Scope:
    """Scope of a definition from its lead sentence.

    >>> s = parse_scope("In deze wet en de daarop berustende bepalingen, alsmede in inkomensafhankelijke regelingen, wordt verstaan onder:")
    >>> s.level, s.delegated, s.also
    ('regeling', True, ('inkomensafhankelijke regelingen',))
    >>> parse_scope("In deze afdeling wordt verstaan onder:").level
    'afdeling'
    >>> parse_scope("Onder partner wordt mede verstaan:").level
    'implicit'
    """
    m = _SCOPE_RE.search(sentence)
    if not m:
        return Scope()
    text = norm_ws(m.group("s")).strip(" ,")
    unless = bool(re.search(r"tenzij\s+anders\s+(?:is\s+)?bepaald", sentence, re.IGNORECASE))
    text = re.sub(r",?\s*tenzij\s+anders\s+(?:is\s+)?bepaald,?", "", text, flags=re.IGNORECASE).strip(" ,")
    delegated = bool(re.search(r"daarop\s+(?:be)?rustende", text, re.IGNORECASE))
    also: tuple[str, ...] = ()
    am = re.search(r",?\s*alsmede\s+(?:in|voor)\s+(?P<a>.+)$", text, re.IGNORECASE)
    if am:
        also = (am.group("a").strip(" ,"),)
    level = "implicit"
    low = text.lower()
    for pat, lvl in _LEVELS:
        if re.match(pat, low):
            level = lvl
            break
    targets: tuple[str, ...] = ()
    if level == "articles":
        targets = tuple(re.findall(r"\d+[a-z]{0,3}(?:[.:]\d+[a-z]{0,3})*", text.split(" van ")[0]))
    elif level in _CONTAINER_KEY and re.match(r"^(?:hoofdstuk|afdeling|paragraaf|§|titel)\s+\d", low):
        targets = (re.findall(r"\d[\w.:]*", text)[0],)
    elif article is not None:
        if level in _CONTAINER_KEY:
            key = _CONTAINER_KEY[level]
            found = [nr for k, nr in article.container if k == key or (key == "paragraaf" and k == "sub-paragraaf")]
            targets = (found[-1],) if found else ()
        elif level == "artikel":
            targets = (article.nr,)
        elif level == "lid":
            m_ord = re.match(r"^het\s+(\w+)\s+lid", low)
            targets = (str(ORDINALS[m_ord.group(1)]),) if m_ord and m_ord.group(1) in ORDINALS else (lid,)
    return Scope(text=text, level=level, targets=targets, delegated=delegated, also=also, unless=unless)


# ----------------------------------------------------------------------------- kinds
#: text that is not a colon or semicolon, but may contain article numbers like "5:1"
_NC = r"(?:[^:;]|(?<=\d):(?=\d))"
_POINTER_RES = [
    # "(de|het|een) [noun](,) (als) bedoeld in REF"
    re.compile(
        rf"^(?:(?:de|het|een|hetgeen|degene|diegene|datgene|die|dat)\b{_NC}{{0,90}}?|[^;:\s]+(?:\s+[^;:\s]+){{0,5}}?)"
        r"\s*,?\s*(?:als\s+)?(?:bedoeld|omschreven|gedefinieerd|genoemd|aangewezen)\s*,?\s+(?:in|bij)\s+",
        re.IGNORECASE,
    ),
    re.compile(rf"^{_NC}{{0,90}}?\s(?:in\s+de\s+zin\s+van|ingevolge)\s+", re.IGNORECASE),
]
_POINTER_WHOLE_RES = [
    # "hetgeen daaronder (in X) wordt verstaan (in X)"
    re.compile(
        r"^(?:hetgeen|datgene|wat|dat)\s+(?:daaronder|onder\s+[^,;]{1,60}?)\s+(?:(?:in|bij)\s+[^,;]{1,120}?\s+)?(?:wordt|is)\s+verstaan\b",
        re.IGNORECASE,
    ),
    # "het in REF bedoelde bedrag", "de in artikel 3 ... genoemde dagen"
    re.compile(
        r"^(?:de|het)\s+(?:in|bij)\s+[^;]{3,200}?\s+(?:als\s+zodanig\s+)?(?:bedoelde|genoemde|omschreven|vastgestelde|aangewezen)\b",
        re.IGNORECASE,
    ),
    # "degene die ingevolge REF als partner wordt aangemerkt"
    re.compile(
        r"^(?:degene|diegene|hetgeen|datgene|de\s+\w+|het\s+\w+)\s+(?:die|dat)\s+(?:ingevolge|op\s+grond\s+van|krachtens)\b[^;]{0,200}?\bals\s+[\w\s-]{1,40}?\s+(?:wordt|is)\s+aangemerkt\b",
        re.IGNORECASE,
    ),
]
_ANCHOR_AT_START = re.compile(
    r"^(?:(?:het|de)\s+)?(?:artikel(?:en)?\s+[^\s,;]+|bijlage\s+\S+|hoofdstuk\s+\S+|[A-Z][\w\-]*(?:\s+[\w\-]+){0,8}"
    r"|(?:richtlijn|verordening|\w+wet|\w+richtlijn|\w+verordening|\w+code)\b[^,;]{0,80}?)"
    r"(?:\s*,\s*(?:[a-zë]+\s+lid|onder(?:deel)?\s+[a-z0-9]{1,3}°?|punt\s+\w+|aanhef\s+en\s+onder\s+\w+))*"
    r"(?:\s*,?\s+van\s+(?:de|het|die|dat|deze|dit)\s+[^,;]{2,120}?)?(?=\s*(?:[,;.]|$))",
)
_ALLOWED_TAIL = re.compile(
    r"^(?:,?\s*(?:bedoeld\s+(?:in|onder|bij)\s+[^,;]+$|met\s+uitzondering\s+van|zoals\s+(?:dat|die|deze|het)\b[^;]*\bluid|met\s+dien\s+verstande)|$)",
    re.IGNORECASE,
)


_CONTINUATION = re.compile(
    r"^(?:,?\s*(?:punt\s+\w+|onder(?:deel)?\s+[a-z0-9]{1,3}°?|[a-zë]+\s+lid|aanhef))*,?\s*van\s+(?:de|het|die|dat|deze|dit)\s+[^,;]+",
    re.IGNORECASE,
)
_ALTERNATIVE = re.compile(r"^,?\s*(?:of|en|dan\s+wel)\s+(?:in\s+)?", re.IGNORECASE)


def _strip_anchor_continuations(tail: str, refs: Sequence[Reference]) -> str:
    """Drop "…, van de Wet X" and "… of in artikel 3 van Y" that continue a pointer."""
    tail = re.sub(r"\s*\([^()]*\)", "", tail)  # "(PbEU, L 243)", "(Visumcode)"
    for _ in range(6):
        before = tail
        tail = _CONTINUATION.sub("", tail).strip()
        m = _ALTERNATIVE.match(tail)
        if m:
            rest = tail[m.end() :]
            anchors = sorted((r.text for r in refs if r.text and rest.startswith(r.text)), key=len, reverse=True)
            if anchors:
                tail = rest[len(anchors[0]) :].strip()
            else:
                am = _ANCHOR_AT_START.match(rest)
                if am and re.match(r"(?:artikel|bijlage|hoofdstuk)", rest):
                    tail = rest[am.end() :].strip()
        if tail == before:
            break
    return tail


def definition_kind(definition: str, refs: Sequence[Reference] = ()) -> str:
    """``by_reference`` when the content of a definition is a pointer elsewhere, else ``explicit``.

    A pointer may be followed by an exception ("met uitzondering van …"); a pointer followed
    by further positive conditions is an explicit definition that borrows a concept.

    >>> definition_kind("de persoon bedoeld in artikel 4;")
    'by_reference'
    >>> definition_kind("het kalenderjaar waarop de tegemoetkoming betrekking heeft;")
    'explicit'
    >>> definition_kind("de persoon, bedoeld in artikel 1 van de Zorgverzekeringswet, die 18 jaar of ouder is")
    'explicit'
    """
    d = _strip_end(definition)
    for rx in _POINTER_WHOLE_RES:
        if rx.search(d):
            return "by_reference"
    for rx in _POINTER_RES:
        m = rx.search(d)
        if not m:
            continue
        rest = d[m.end() :]
        anchors = sorted((r.text for r in refs if r.text and rest.startswith(r.text)), key=len, reverse=True)
        if anchors:
            tail = rest[len(anchors[0]) :]
        else:
            am = _ANCHOR_AT_START.match(rest)
            if not am:
                continue
            tail = rest[am.end() :]
        tail = _strip_anchor_continuations(tail.strip(), refs)
        if _ALLOWED_TAIL.match(tail.lstrip(", ")) or not tail.strip(" ,;."):
            return "by_reference"
        return "explicit"
    return "explicit"


_DETERMINER = re.compile(r"^(?:de|het|een)\s+", re.IGNORECASE)
_QUOTES = "‘’'\"“”«»"
_TERM_QUALIFIER = re.compile(r"\s*,?\s*(?:als\s+)?bedoeld\s+(?:in|bij)\b.*$", re.IGNORECASE)
_RELATIONAL = re.compile(
    r"\s+van\s+(?:de|het|zijn|haar|diens)\s+(?:belanghebbende|verzekerde|werknemer|aanvrager|vreemdeling|ouder|persoon|overledene|uitkeringsgerechtigde)$",
    re.IGNORECASE,
)
_VERBISH = re.compile(r"\b(?:wordt|worden|werd|werden|is|zijn|te|kan|kunnen|heeft|hebben|als|die|dat)\b", re.IGNORECASE)


def clean_term(term: str, *, sentence_start: bool = False, strip_article: bool = False, head: bool = False) -> str:
    """Tidy a term: whitespace, quotes, trailing colon; lower-case a sentence-initial capital.

    With ``head=True`` (sentence forms) an "als bedoeld in …" qualifier and a relational
    "van de belanghebbende" are dropped, leaving the head term.

    >>> clean_term("Partner", sentence_start=True)
    'partner'
    >>> clean_term("Onze Minister", sentence_start=True)
    'Onze Minister'
    >>> clean_term("een werknemer", strip_article=True)
    'werknemer'
    >>> clean_term("kosten als bedoeld in het eerste lid, onderdeel a,", head=True)
    'kosten'
    """
    t = norm_ws(term).strip(_QUOTES + " ,:;")
    if head:
        t = _TERM_QUALIFIER.sub("", t)
        t = _RELATIONAL.sub("", t).strip(_QUOTES + " ,:;")
    if strip_article:
        t = _DETERMINER.sub("", t)
    t = t.strip(_QUOTES + " ,:;")
    if sentence_start and len(t) > 1 and t[0].isupper() and not any(c.isupper() for c in t[1:]):
        t = t[0].lower() + t[1:]
    return t


def _strip_end(d: str) -> str:
    d = norm_ws(d)
    d = re.sub(r"(?:\s*[;,]\s*(?:en|of|en/of))$", "", d)
    return d.rstrip(" ;,.").strip()


# ----------------------------------------------------------------------------- patterns
_LEAD_RE = re.compile(
    rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b(?P<mid>{_NC}*?)\b(?P<mod>mede\s+|niet\s+)?verstaan\s+onder\s*:?\s*$",
    re.IGNORECASE,
)
_LEAD_GELIJK_RE = re.compile(
    rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b{_NC}*?\bgelijkgesteld\s+met\s*:\s*$", re.IGNORECASE
)
_LEAD_OPEN_RE = re.compile(rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s*:\s*$", re.IGNORECASE)
_ITEM_ALS = re.compile(
    r"^als\s+(?P<term>[^,:;]{2,60}?)\s+(?P<mod>(?:mede|niet|ook|eveneens)\s+)?aangemerkt\s*:?\s*(?P<def>.+)$",
    re.IGNORECASE,
)
_TERM_MAX_WORDS = 9
_ITEM_TERM_MAX_WORDS = 14
#: "uitsluitend"/"slechts"/"alleen" narrow nothing of another definition: the sentence is the definition
_MOD = r"(?P<mod>(?:mede|eveneens|ook|tevens|niet|in\s+ieder\s+geval|uitsluitend|slechts|alleen)\s+)?"
_S_ONDER_FIRST = re.compile(
    rf"^(?P<pre>(?:{_NC}*?\s)??)onder\s+(?P<term>{_NC}+?)\s+(?:wordt|worden)\s+(?P<adv>(?:in\s+{_NC}+?\s+)?)(?:daaronder\s+)?{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_S_VERB_FIRST = re.compile(
    rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+(?P<mid>{_NC}*)\bonder\s+(?P<term>{_NC}+?)"
    rf"(?P<tscope>\s+in\s+(?:de\s+|het\s+)?(?:artikel|artikelen|hoofdstuk|afdeling|paragraaf|titel)\b{_NC}*?)?\s+{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_S_INLINE = re.compile(
    rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b(?P<mid>{_NC}*?)\bverstaan\s+onder\s+(?P<term>[^:;]+?)\s*:\s*(?P<def>.+)$",
    re.IGNORECASE,
)
_S_WAAR = re.compile(
    rf"^waar\s+(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+gesproken\s+(?:van|over)\s+(?P<term>{_NC}+?)\s*,?\s+(?:wordt|worden)\s+daaronder\s+{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_S_TOT_BEHOREN = re.compile(
    rf"^tot\s+(?P<term>{_NC}{{2,80}}?)\s+(?:behoort|behoren)\s+(?P<mod>(?:mede|ook|eveneens|niet)\s+)?(?P<def>.+)$",
    re.IGNORECASE,
)
_S_TOT = re.compile(
    rf"^(?P<pre>(?:{_NC}*?,\s+)?)tot\s+(?P<term>{_NC}{{2,70}}?)\s+(?:wordt|worden)\s+{_MOD}(?:gerekend)\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_IS_FORM = re.compile(
    r"^(?P<det>(?:De|Het|Een)\s+)?(?P<term>[A-Za-z][\w\-ëéïöü/]+(?:\s+[a-z][\w\-ëéïöü]+){0,6}?)(?P<qual>\s+van\s+(?:de|het|een)\s+[a-z][\w\-]+)?"
    r"(?P<sq>\s+(?:in\s+de\s+zin\s+van|overeenkomstig\s+de\s+bepalingen\s+van)\s+(?:deze|dit)\s+\w+)?,?"
    r"\s+is\s+(?P<def>(?:de|het|een|degene|diegene|hetgeen|datgene|elke|iedere|ieder|elk)\b.+)$"
)
_IS_EXCLUDE_FIRST = {
    "Deze",
    "Dit",
    "Die",
    "Dat",
    "Zij",
    "Hij",
    "Er",
    "Artikel",
    "Hoofdstuk",
    "Lid",
    "Afdeling",
    "Paragraaf",
    "Indien",
    "Wanneer",
    "Voor",
    "In",
    "Bij",
    "Op",
    "Aan",
    "Tot",
    "Zolang",
    "Nadat",
    "Zodra",
    "Ook",
    "Wie",
    "Wat",
    "Waar",
    "Hiervan",
    "Daarbij",
    "Mits",
    "Het",
    "Hiermee",
    # a preposition or adverbial opens the sentence: the subject comes after the verb
    # ("Onverminderd het derde lid is een stem … uitgebracht indien", "Met betrekking tot
    # de kosten is het … bepaalde van overeenkomstige toepassing")
    "Onverminderd",
    "Met",
    "Behoudens",
    "Na",
    "Tenzij",
    "Gedurende",
    "Binnen",
    "Onder",
    "Ingeval",
    "Nu",
    "Uit",
    "Van",
    "Naar",
    "Door",
    "Tijdens",
    "Vanaf",
    "Volgens",
    "Ten",
    "Ter",
    "Als",
    "Om",
}
_IS_EXCLUDE_WORDS = re.compile(
    r"\b(?:verschuldigd|verplicht|bevoegd|gehouden|verboden|van\s+(?:overeenkomstige\s+)?toepassing|belast met)\b",
    re.IGNORECASE,
)
_ALS_FIRST = re.compile(
    rf"^(?P<pre>)als\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:wordt|worden)\s+{_MOD}(?:aangemerkt|beschouwd)\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_ALS_MAIN = re.compile(
    rf"^(?P<subj>{_NC}*?)\s*,?\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)\bals\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:aangemerkt|beschouwd)\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_GELDT_ALS = re.compile(
    rf"^(?P<pre>{_NC}*?,\s+)?(?:geldt|gelden)\s+als\s+(?P<term>[^,:;]{{2,60}}?)\s+(?P<def>(?:degene|diegene|de|het|een|hetgeen|datgene)\b.*)$",
    re.IGNORECASE,
)
_SUBJ_GELDT_ALS = re.compile(
    rf"^(?P<subj>(?:een|de|het)\s+{_NC}{{2,160}}?)\s+(?:geldt|gelden)\s+(?P<adv>{_NC}*?)\bals\s+(?P<term>[^,:;.]{{2,60}}?)(?=\s*(?:[,;:.]|$|\bindien\b|\bvoor\s+zover\b))",
    re.IGNORECASE,
)
_GELIJK_MET_FIRST = re.compile(
    rf"^(?P<pre>(?:{_NC}*?,\s+)?)met\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)gelijkgesteld\b\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_GELIJK_MAIN = re.compile(
    rf"^(?P<subj>{_NC}+?)\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)gelijkgesteld\s+met\s+(?P<term>[^,;:.]+?)(?=\s*(?:[,;:.]|\bindien\b|\bvoor zover\b|\bonderscheidenlijk\b|$))(?P<rest>.*)$",
    re.IGNORECASE,
)
_EMBEDDED = re.compile(
    r"(?:,\s*)?(?:waaronder\s+(?P<m1>mede\s+|niet\s+)?(?:wordt|worden)\s+(?P<m2>mede\s+|niet\s+)?verstaan"
    r"|met\s+dien\s+verstande\s+dat\s+(?:als|onder)\s+(?P<t>[^,:;]{2,60}?)\s+(?P<m3>mede\s+|niet\s+)?(?:wordt|worden)\s+(?P<m4>mede\s+|niet\s+)?(?:aangemerkt|verstaan))"
    r"\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)
_IN_NORM_WAARONDER = re.compile(
    r"\b(?P<term>[\w\-ëéïöü]+(?:\s+[\w\-ëéïöü]+)?)\s+(?:aan|op|in|uit)?\s*,?\s*waaronder\s+(?:wordt|worden)\s+verstaan\s+(?P<def>.+)$",
    re.IGNORECASE,
)
_ADVERBIAL_SUBJ = re.compile(
    r"^(?:in\s+afwijking\s+van|voor\s+de\s+toepassing\s+van|onverminderd|in\s+deze|in\s+dit|in\s+aanvulling\s+op|ter\s+uitvoering\s+van)\b",
    re.IGNORECASE,
)
#: A sentence definition contains one of these words (cheap pre-check before the patterns).
_SENTENCE_KEYWORDS = (
    "verstaan",
    "aangemerkt",
    "beschouwd",
    "gelijkgesteld",
    "geldt",
    "gelden",
    "gerekend",
    "behoort",
    "behoren",
    "waaronder",
    " is ",
)
_DEFINITION_HEADING = re.compile(r"begrip|definitie", re.IGNORECASE)
_SENT_SPLIT = re.compile(r"(?<=[.])\s+(?=[A-Z])")
_PLACEHOLDER = re.compile(r"[\[\]…]|\.\.\.")
_SPLIT_TERMS = re.compile(r"\s*,?\s+onderscheidenlijk\s+|\s*,\s*onderscheidenlijk\s+", re.IGNORECASE)


def _words(s: str) -> int:
    return len(s.split())


def _kind_from_mod(mod: str | None, default: str) -> str:
    """``niet`` restricts, ``mede``/``ook`` extends; otherwise ``default``."""
    m = (mod or "").strip().lower()
    if m == "niet":
        return "restriction"
    if m in ("mede", "eveneens", "ook", "tevens"):
        return "extension"
    return default


#: Words that point back at something named before ("wordt niet meer als zodanig aangemerkt"):
#: they are never a defined term.
_ANAPHORIC = frozenset(
    {"zodanig", "zodanige", "dusdanig", "dusdanige", "zulks", "zulk", "zulke", "dezelfde", "hetzelfde"}
)


#: A term that ends in one of these was cut inside its relative clause ("geldt als tijdstip
#: waarop een bericht … is ontvangen, het tijdstip …" must not give the term "tijdstip waarop").
_OPEN_RELATIVE = frozenset(
    {
        "waarop",
        "waarin",
        "waarbij",
        "waarvoor",
        "waaraan",
        "waarmee",
        "waardoor",
        "waarvan",
        "die",
        "dat",
        "welke",
        "wie",
    }
)


def _sentence_term_ok(term: str) -> bool:
    return (
        bool(term)
        and _words(term) <= _TERM_MAX_WORDS
        and not _VERBISH.search(term)
        and not _PLACEHOLDER.search(term)
        and term.lower() not in _ANAPHORIC
        and term.lower().rsplit(None, 1)[-1] not in _OPEN_RELATIVE
    )


class _Collector:
    def __init__(self, article: ArticleView, refs_of: RefsOf) -> None:
        self.article = article
        self.refs_of = refs_of
        self.out: list[Definition] = []

    def add(
        self,
        loc: LegalId,
        lid: str,
        onderdeel: str,
        term: str,
        definition: str,
        kind: str,
        scope: Scope,
        paras: Sequence[Para],
        form: str,
        context: str = "",
    ) -> bool:
        """Record a definition; ``context`` (the whole sentence) also selects references."""
        term = norm_ws(term)
        limit = _ITEM_TERM_MAX_WORDS if form in ("list_item", "nadruk_item") else _TERM_MAX_WORDS
        if not term or _words(term) > limit or _PLACEHOLDER.search(term):
            return False
        definition = _strip_end(definition)
        where = definition + " " + context
        refs: list[Reference] = []
        seen: set[str] = set()
        for p in paras:
            for r in self.refs_of(p):
                if r.text and r.text in where and r.text not in seen:
                    refs.append(r)
                    seen.add(r.text)
        if kind == "explicit":
            kind = definition_kind(definition, refs)
        self.out.append(
            Definition(
                id=loc,
                term=term,
                definition=definition,
                kind=kind,
                scope=scope,
                refs=tuple(refs),
                artikel=self.article.nr,
                lid=lid,
                onderdeel=onderdeel,
                form=form,
            )
        )
        return True


def _all_paras(blocks: Sequence[Para | ListBlock]) -> list[Para]:
    out: list[Para] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b)
        else:
            for it in b.items:
                out.extend(_all_paras(it.blocks))
    return out


def _item_definition(
    col: _Collector, item: Item, loc: LegalId, lid: str, ond: str, scope: Scope, lead_kind: str, lead: str = "verstaan"
) -> None:
    paras = item.paras
    if not paras:
        return
    first = paras[0]
    if first.editorial is not None:  # "vervallen;"
        return
    term: str | None = None
    rest_first = ""
    form = "list_item"
    kind = lead_kind
    if lead == "open":
        m = _ITEM_ALS.match(first.text)
        if not m:
            return
        term = m.group("term")
        rest_first = m.group("def")
        kind = _kind_from_mod(m.group("mod"), "deeming")
        if _VERBISH.search(term):
            return
    elif first.nadruk_term:
        term = first.nadruk_term
        idx = first.text.find(":")
        rest_first = first.text[idx + 1 :] if idx >= 0 else first.text[len(term) :]
        form = "nadruk_item"
    else:
        idx = first.text.find(":")
        if idx > 0 and _words(first.text[:idx]) <= _ITEM_TERM_MAX_WORDS and ";" not in first.text[:idx]:
            term = first.text[:idx]
            rest_first = first.text[idx + 1 :]
    if term is None:
        return
    rest_blocks: list[Para | ListBlock] = [Para(rest_first)]
    rest_blocks.extend(b for b in item.blocks if b is not first)
    definition = render(rest_blocks)
    term = clean_term(term)
    item_paras = _all_paras(item.blocks)
    col.add(loc, lid, ond, term, definition, kind, scope, item_paras, form)
    _embedded(col, loc, lid, ond, term, definition, scope, item_paras)


def _embedded(
    col: _Collector, loc: LegalId, lid: str, ond: str, term: str, definition: str, scope: Scope, paras: Sequence[Para]
) -> None:
    m = _EMBEDDED.search(definition)
    if not m:
        return
    mod = (m.group("m1") or m.group("m2") or m.group("m3") or m.group("m4") or "").strip().lower()
    kind = "restriction" if mod == "niet" else "extension"
    t = clean_term(m.group("t"), strip_article=True) if m.group("t") else term
    col.add(loc, lid, ond, t, m.group("def"), kind, scope, paras, "embedded")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(text) if s]


def _sentence_definitions(col: _Collector, lid: LidView, para: Para, following: ListBlock | None) -> bool:
    """Definitions written as sentences in one paragraph. True if the following list was consumed."""
    consumed = False
    sentences = _sentences(para.text)
    art = col.article
    for i, s in enumerate(sentences):
        if _PLACEHOLDER.search(s):
            continue  # model texts with [alternatives] (e.g. in the Aanwijzingen)
        low = s.lower()
        if not any(k in low for k in _SENTENCE_KEYWORDS):
            continue  # no definition form can match: skip the patterns
        last = i == len(sentences) - 1
        takes_list = following is not None and last and s.rstrip().endswith(":")
        paras: list[Para] = [para, *(_all_paras([following]) if takes_list and following is not None else [])]
        list_text = render([following]) if takes_list and following is not None else ""

        def with_list(d: str, list_text: str = list_text) -> str:
            nonlocal consumed
            if list_text:
                consumed = True
                return (d.rstrip() + " " + list_text).strip()
            return d

        def add_terms(
            term: str, d: str, kind: str, scope: Scope, form: str, _paras: list[Para] = paras, _s: str = s, **kw: bool
        ) -> bool:
            done = False
            for t in _SPLIT_TERMS.split(term):
                t = clean_term(t, head=True, **kw)
                if _sentence_term_ok(t):
                    done = col.add(lid.id, lid.nr, "", t, d, kind, scope, _paras, form, context=_s) or done
            return done

        m = _S_INLINE.match(s)
        if m and add_terms(
            m.group("term"),
            m.group("def"),
            "explicit",
            parse_scope(m.group("pre") + " " + m.group("mid"), art, lid.nr),
            "sentence",
        ):
            continue
        m = _S_WAAR.match(s)
        if m and add_terms(
            m.group("term"),
            with_list(m.group("def")),
            _kind_from_mod(m.group("mod"), "explicit"),
            parse_scope(m.group("pre"), art, lid.nr),
            "sentence",
        ):
            continue
        m = _S_ONDER_FIRST.match(s) or _S_VERB_FIRST.match(s)
        if m and not re.search(r"\bverstaan\s+onder\b", s, re.I):
            pre = " ".join(m.groupdict().get(k) or "" for k in ("pre", "mid", "adv", "tscope"))
            kind = _kind_from_mod(m.group("mod"), "explicit")
            if (m.group("mod") or "").strip().lower() == "in ieder geval":
                kind = "extension"
            if add_terms(
                m.group("term"),
                with_list(m.group("def")),
                kind,
                parse_scope(pre, art, lid.nr),
                "sentence",
                sentence_start=not m.group("pre").strip(),
            ):
                continue
        m = _S_TOT.match(s)
        if m and add_terms(
            m.group("term"),
            with_list(m.group("def")),
            _kind_from_mod(m.group("mod"), "extension"),
            parse_scope(m.group("pre"), art, lid.nr),
            "sentence",
            strip_article=True,
        ):
            continue
        m = _S_TOT_BEHOREN.match(s)
        if m and add_terms(
            m.group("term"),
            with_list(m.group("def")),
            _kind_from_mod(m.group("mod"), "extension"),
            Scope(),
            "sentence",
            strip_article=True,
        ):
            continue
        m = _IS_FORM.match(s)
        if (
            m
            and m.group("term").split()[0] not in _IS_EXCLUDE_FIRST
            and (not m.group("det") or re.match(r"(?:degene|diegene|hetgeen|datgene)\b", m.group("def")))
            and not _IS_EXCLUDE_WORDS.search(s[: m.end("term") + 40])
        ):
            scope = parse_scope(m.group("sq") or "", art, lid.nr)
            if add_terms(
                m.group("term"),
                with_list(m.group("def")),
                "explicit",
                scope,
                "is_form",
                sentence_start=not m.group("det"),
            ):
                continue
        m = _ALS_FIRST.match(s)
        if m and add_terms(
            m.group("term"),
            with_list(m.group("def")),
            _kind_from_mod(m.group("mod"), "deeming"),
            parse_scope(m.group("pre"), art, lid.nr),
            "deeming",
            strip_article=True,
        ):
            continue
        m = _ALS_MAIN.match(s)
        if m:
            subj = m.group("subj").strip()
            kind = (
                "restriction"
                if re.search(r"\bniet\b", m.group("adv"), re.I)
                else ("extension" if re.search(r"\bmede\b", m.group("adv"), re.I) else "deeming")
            )
            if add_terms(
                m.group("term"), with_list(s), kind, parse_scope(subj, art, lid.nr), "deeming", strip_article=True
            ):
                continue
        m = _GELDT_ALS.match(s)
        if m and add_terms(
            m.group("term"),
            with_list(s),
            "deeming",
            parse_scope(m.group("pre") or "", art, lid.nr),
            "deeming",
            strip_article=True,
        ):
            continue
        m = _SUBJ_GELDT_ALS.match(s)
        if m and add_terms(m.group("term"), with_list(s), "deeming", Scope(), "deeming", strip_article=True):
            continue
        m = _GELIJK_MET_FIRST.match(s)
        if m:
            kind = "restriction" if re.search(r"\bniet\b", m.group("adv"), re.I) else "deeming"
            if add_terms(
                m.group("term"),
                with_list(m.group("def")),
                kind,
                parse_scope(m.group("pre"), art, lid.nr),
                "deeming",
                strip_article=True,
            ):
                continue
        m = _GELIJK_MAIN.match(s)
        if m:
            kind = "restriction" if re.search(r"\bniet\b", m.group("adv"), re.I) else "deeming"
            if add_terms(
                m.group("term"),
                with_list(s),
                kind,
                parse_scope(m.group("subj"), art, lid.nr),
                "deeming",
                strip_article=True,
            ):
                continue
        m = _IN_NORM_WAARONDER.search(s)
        if m:
            add_terms(m.group("term"), with_list(m.group("def")), "explicit", Scope(), "embedded")
    return consumed


def extract_definitions(article: ArticleView, refs_of: RefsOf) -> list[Definition]:
    """All definitions in one article.

    ``refs_of(para)`` returns the resolved references of a paragraph; a definition keeps
    those whose anchor text lies inside its definition (or its defining sentence).
    """
    col = _Collector(article, refs_of)
    for lid in article.leden:
        blocks = lid.blocks
        i = 0
        while i < len(blocks):
            b = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if i == 0 and isinstance(b, ListBlock) and _DEFINITION_HEADING.search(article.heading):
                # a definitions article whose list has no lead sentence ("Begrippen": a list only)
                for item in b.items:
                    _item_definition(col, item, lid.id.child("o", item.o), lid.nr, item.nr, Scope(), "explicit")
                i += 1
                continue
            if isinstance(b, Para) and b.editorial is None and not _PLACEHOLDER.search(b.text):
                if isinstance(nxt, ListBlock):
                    lead = _LEAD_RE.match(b.text)
                    kind, style = None, ""
                    if lead:
                        kind, style = _kind_from_mod(lead.group("mod"), "explicit"), "verstaan"
                    elif _LEAD_GELIJK_RE.match(b.text):
                        kind, style = "deeming", "gelijk"
                    elif _LEAD_OPEN_RE.match(b.text):
                        kind, style = "deeming", "open"
                    if kind is not None:
                        scope = parse_scope(b.text, article, lid.nr)
                        for item in nxt.items:
                            _item_definition(col, item, lid.id.child("o", item.o), lid.nr, item.nr, scope, kind, style)
                        i += 2
                        continue
                if _sentence_definitions(col, lid, b, nxt if isinstance(nxt, ListBlock) else None):
                    i += 2
                    continue
            i += 1
    # "Bij algemene maatregel van bestuur wordt bepaald wat onder X wordt verstaan": a delegation
    # to define X, not a definition; nothing is left of the definition text
    return [d for d in col.out if d.definition.strip()]
