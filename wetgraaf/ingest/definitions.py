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
    # "hetgeen het besluit daaronder verstaat", "hetgeen de Wbp daaronder verstaat"
    re.compile(r"^(?:hetgeen|datgene|wat)\s+[^;]{1,120}?\s+daaronder\s+verstaat\b", re.IGNORECASE),
    # treaties: "hebben de betekenis die daaraan in artikel 96 van het Verdrag … wordt gegeven"
    re.compile(
        r"^(?:(?:heeft|hebben)\s+)?(?:onderscheidenlijk\s+|respectievelijk\s+)?de\s+betekenis(?:sen)?\s+(?:die|welke)\s+(?:daaraan|eraan|hieraan|hun|hem|haar)\s+[^;]{0,200}?\b(?:gegeven|toegekend)\b",
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
_QUOTES = "‘’'\"“”«»„‚"
_TERM_QUALIFIER = re.compile(
    r"\s*,?\s*(?:als\s+)?(?:bedoeld|weergegeven|omschreven|vermeld)\s+(?:in|bij|onder)\b.*$"
    r"|\s+(?:in\s+het\s+kader\s+van|in\s+de\s+zin\s+van|voor\s+de\s+toepassing\s+van)\s+(?:deze|dit)\b.*$",
    re.IGNORECASE,
)
_RELATIONAL = re.compile(
    r"\s+van\s+(?:de|het|zijn|haar|diens)\s+(?:belanghebbende|verzekerde|werknemer|aanvrager|vreemdeling|ouder|persoon|overledene|uitkeringsgerechtigde)$",
    re.IGNORECASE,
)
#: a list label left in front of a term ("a. ondernemer" in a table's term cell, "c) makelaar")
_TERM_LABEL = re.compile(
    r"^(?:[a-zA-Z]{1,2}|\d{1,3}[a-z]?)\s*[.)°]\s+(?=\w)"
    # "c.ondernemer", "h.de voorzitter" (no space after the letter; not "f.t.e." or "v.m.b.o.")
    r"|^[a-zA-Z]\.(?=(?:de|het|een)\s|[a-z]{3})"
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
    >>> clean_term("a. ondernemer"), clean_term("c) makelaar"), clean_term("2° teler")
    ('ondernemer', 'makelaar', 'teler')
    >>> clean_term("c.ondernemer"), clean_term("h.de voorzitter"), clean_term("f.t.e."), clean_term("v.m.b.o.")
    ('ondernemer', 'de voorzitter', 'f.t.e.', 'v.m.b.o.')
    """
    t = norm_ws(term).strip(_QUOTES + " ,:;")
    t = _TERM_LABEL.sub("", t).strip(_QUOTES + " ,:;")
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


# ----------------------------------------------------------------------------- the forms
_QTERM = r"(?:,,|``|[„\"“‘'«])(?P<term>[^„\"“”‘’'«»:;`]{1,80}?)(?:''|’’|[”\"’'»“])"


@dataclass(frozen=True, slots=True)
class Form:
    """One way the law writes a definition: a row of the tables below.

    ``pattern`` is matched against a sentence (or a list item's first paragraph); its group
    ``term`` holds the defined term, ``def`` the definition (``refine`` may cut it down or reject
    it, returning None; ``definition="sentence"`` takes
    the whole sentence, for deeming forms whose subject is the content; ``content`` names the
    group that holds what is deemed when the sentence puts it after the verb, "… wordt als
    gehuwd mede aangemerkt de ongehuwde die …", and that group is then the definition),
    ``mod``/``adv``
    words that make it an extension ("mede") or restriction ("niet"), and the groups in
    ``scope`` the text where a scope phrase ("In deze wet") may stand. ``accept`` is an extra
    condition on the match. ``example`` is a real law that writes it. ``cue``: words of which
    the sentence must contain one (lower case) before the pattern is tried at all, for forms
    whose pattern is costly to try on every sentence.
    """

    name: str
    pattern: re.Pattern[str]
    kind: str
    example: str
    definition: str = "def"
    scope: tuple[str, ...] = ("pre",)
    strip_article: bool = False
    takes_list: bool = True
    accept: Callable[[re.Match[str], str], bool] | None = None
    search: bool = False
    cue: tuple[str, ...] = ()
    content: str = ""
    refine: Callable[[str], str | None] | None = None

    def match(self, s: str, low: str | None = None) -> re.Match[str] | None:
        """The match in ``s`` (``low``: ``s.lower()`` if the caller has it), or None."""
        if self.cue and not any(map((low if low is not None else s.lower()).__contains__, self.cue)):
            return None
        m = self.pattern.search(s) if self.search else self.pattern.match(s)
        if m and (self.accept is None or self.accept(m, s)):
            return m
        return None

    def kind_of(self, m: re.Match[str]) -> str:
        """``niet``/``geen`` restricts; ``mede``, or ``ook``/``eveneens``/``in ieder geval`` in the
        modifier slot right before the verb, extends; otherwise the form's kind."""
        g = m.groupdict()
        mod, adv = f"{g.get('mod0') or ''} {g.get('mod') or ''}".lower(), (g.get("adv") or "").lower()
        if re.search(r"\b(?:niet|geen)\b", f"{mod} {adv}"):
            return "restriction"
        if re.search(r"\bmede\b", f"{mod} {adv}") or re.search(r"\b(?:ook|eveneens|tevens|in\s+ieder\s+geval)\b", mod):
            return "extension" if self.kind in ("explicit", "deeming", "extension") else self.kind
        return self.kind

    def definition_of(self, m: re.Match[str], sentence: str, *, list_text: str = "") -> str:
        """The definition text a match gives: its ``def`` group, or for a ``sentence`` form what is
        deemed ("de ongehuwde meerderjarige die …" of "In deze wet wordt als gehuwd mede aangemerkt
        de ongehuwde meerderjarige die …"), else the whole sentence. A lead ending in a colon
        before a list of what is deemed (``list_text``: "… wordt niet als partner aangemerkt: a.
        de …") gives nothing: the list is the definition; a list of conditions ("Een kind wordt
        niet langer als ouderloos aangemerkt: a. in geval van …") keeps the sentence.

        >>> f = next(f for f in SENTENCE_FORMS if f.name == "wordt_als_x_aangemerkt")
        >>> s = "In deze wet wordt als gehuwd mede aangemerkt de ongehuwde die een gezamenlijke huishouding voert"
        >>> f.definition_of(f.match(s), s)
        'de ongehuwde die een gezamenlijke huishouding voert'
        >>> s = "Schepen worden als deel van Nederland beschouwd"
        >>> f.definition_of(f.match(s), s) == s
        True
        """
        if self.definition != "sentence":
            d = m.group("def")
            return (self.refine(d) or "") if self.refine is not None else d
        if self.content:
            what = (m.group(self.content) or "").strip(" ,:;")
            if len(what.split()) >= 2 and _DEEMED.match(what):
                return what
            if not what and _DEEMED.match(list_text):
                return ""
        return sentence

    def scope_text(self, m: re.Match[str]) -> str:
        g = m.groupdict()
        return " ".join(g.get(k) or "" for k in self.scope)


#: What a deeming sentence deems, when it stands after the verb, opens as a noun phrase ("de ongehuwde
#: die …", "1° de partner van …"); a condition there ("in de andere perioden …", "a. in geval van
#: erkenning …", "indien hij …", AWIR art. 3 lid 2, ANW art. 28 lid 3) leaves the subject before the
#: verb, and the whole sentence is the definition.
_DEEMED = re.compile(
    r"^(?:(?:[a-z]|\d+)[.)°]\s+|\d+°\s*)?(?:de|het|een|degene|diegene|datgene|hetgeen|elke?|iedere?|alle|al\s+hetgeen|zij\s+die|hij\s+die)\b",
    re.IGNORECASE,
)


#: a finite verb: a clause, not the name of a party or act ("wier taak het zal zijn …, hierna te noemen
#: het Verdrag", BWBV0004369)
_FINITE_VERB = re.compile(
    r"\b(?:is|zijn|zal|zullen|wordt|worden|heeft|hebben|kan|kunnen|moet|moeten|mag|mogen|bestaat)\b"
)
#: a relative clause may hold a verb inside a name: "De Conferentie van de Staten die Partij zijn bij dit Verdrag"
_RELATIVE = re.compile(r"\s(?:die|dat|welke|waarin|waarvan|waarop|waarbij)\s")
#: words that open residue, not a name written in lower case ("vennootschappen en verenigingen …",
#: "onderwijsinstellingen etc")
_NOT_A_NAME_START = frozenset(
    "in op aan bij van voor met door tot uit te om over naar na als dan wel of en elk elke ieder iedere "
    "eerste tweede derde vierde vijfde lid onder hetzij zoals welke die dat wier waarvan waarin".split()
)


def _named_thing(text: str, *, relative: bool = False) -> bool:
    """Whether ``text`` can be the name of a party, body or act: it opens with an article, a capital
    that does not open a clause or a word that is no function word, and holds no finite verb (in
    its head only when ``relative``: a relative clause may have one)."""
    first = text.split(" ", 1)[0] if text else ""
    head = _RELATIVE.split(text, maxsplit=1)[0] if relative else text
    if not first or _FINITE_VERB.search(head):
        return False
    if first.lower() in ("de", "het", "een", "'s", "’s"):
        return True
    if first[:1].isupper():
        return first not in _IS_EXCLUDE_FIRST
    return first.isalpha() and first not in _NOT_A_NAME_START and not _FINITE_VERB.search(text)


def named_antecedent(text: str) -> str | None:
    """What "hierna te noemen" / "(hierna: …)" names, from the text the pattern took before it.

    The pattern starts that text after the last comma or bracket, so a long antecedent leaves a
    clause or residue before the name. The name is the whole text when it can be one, else the
    first stretch from an article or a capital on that holds no finite verb; a setting-up sentence
    gives what it sets up; residue with no such stretch is no definition ("elk", BWBR0031821; "in
    werking", BWBR0013335).

    >>> named_antecedent("De Staat der Nederlanden")
    'De Staat der Nederlanden'
    >>> named_antecedent("Er is een Commissie ruimtelijke ontwikkeling luchthavens")
    'een Commissie ruimtelijke ontwikkeling luchthavens'
    >>> named_antecedent("wier taak het zal zijn eventuele geschillen tussen Staten die partij zijn bij het Verdrag nopens de bestrijding van discriminatie in het onderwijs")
    'het Verdrag nopens de bestrijding van discriminatie in het onderwijs'
    >>> named_antecedent("De Conferentie van de Staten die Partij zijn bij dit Verdrag")
    'De Conferentie van de Staten die Partij zijn bij dit Verdrag'
    >>> named_antecedent("een alfabetische lijst van de waren en diensten")
    'een alfabetische lijst van de waren en diensten'
    >>> named_antecedent("elk"), named_antecedent("in werking")
    (None, None)
    """
    t = _SETS_UP.sub("", " ".join(text.split()))
    if _named_thing(t, relative=True):
        return t
    words = t.split(" ")
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        if (
            len(words) - i >= 2
            and (words[i].lower() in ("de", "het", "een") or words[i][:1].isupper())
            and _named_thing(rest)
        ):
            return rest
    return None


#: "Er is een Commissie …" sets up what it names
_SETS_UP = re.compile(r"^Er\s+(?:is|zijn|wordt|worden)\s+(?:ingesteld\s+)?", re.IGNORECASE)


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


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


def _is_form_ok(m: re.Match[str], s: str) -> bool:
    # "– wat is de aanwezige geluidsbelasting?" (a list item in lower case): the same exclusions, and
    # no question, no preposition inside the term ("uitgangspunt bij de bepaling is …")
    return (
        m.group("term").split()[0].capitalize() not in _IS_EXCLUDE_FIRST
        and not s.rstrip().endswith("?")
        and not re.search(r"\s(?:bij|voor|met|door|tijdens|na)\s", m.group("term"))
        and (
            not m.group("det")
            or bool(re.match(r"(?:degene|diegene|hetgeen|datgene|al\s+hetgeen|al\s+datgene)\b", m.group("def")))
        )
        and not _IS_EXCLUDE_WORDS.search(s[: m.end("term") + 40])
    )


def _no_verstaan_onder(m: re.Match[str], s: str) -> bool:
    return not re.search(r"\bverstaan\s+onder\b", s, re.IGNORECASE)


_MOD = r"(?P<mod>(?:mede|eveneens|ook|tevens|niet|in\s+ieder\s+geval|uitsluitend|slechts|alleen)\s+)?"

#: Sentence forms, tried in this order on every sentence that has a cue word; the first form
#: that yields a term wins. Lead sentences that open a list are in :data:`LEAD_FORMS`.
SENTENCE_FORMS: tuple[Form, ...] = (
    Form(
        "verstaan_onder_colon",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b(?P<mid>{_NC}*?)\bverstaan\s+onder\s+(?P<term>[^:;]+?)\s*:\s*(?P<def>.*)$"
        ),
        "explicit",
        "Awb art. 1:3 lid 2 (2012): 'Onder beschikking wordt verstaan: een besluit dat …' (lead form); 'In deze wet wordt verstaan onder werkgever: …'",
        scope=("pre", "mid"),
        cue=("verstaan",),
    ),
    Form(
        "verstaan_onder_quoted",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b(?P<mid>{_NC}*?)\bverstaan\s+onder\s+(?:de\s+(?:term|uitdrukking)\s+)?{_QTERM}\s*,?\s*(?P<def>\S.*)$"
        ),
        "explicit",
        "BWBV0003018 art. 1: 'Voor de toepassing van dit Administratief Akkoord wordt verstaan onder „Verdrag” het Verdrag tussen …'",
        scope=("pre", "mid"),
        cue=("verstaan",),
    ),
    Form(
        "betekent_quoted",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:betekent|betekenen)\s+(?:de\s+(?:term|uitdrukking|benaming)\s+)?{_QTERM}\s*,?\s*(?P<def>\S.*)$"
        ),
        "explicit",
        "UNCLOS art. 122 (BWBV0003172): 'Voor de toepassing van dit Verdrag betekent „ingesloten of half-ingesloten zee” een golf, …'",
        cue=("betekent", "betekenen"),
    ),
    Form(
        "uitdrukking_quoted_betekent",
        _rx(
            rf"^(?P<pre>)(?:de\s+)?(?:uitdrukking|term|benaming)\s+{_QTERM}\s*,?"
            rf"(?:\s*(?P<sq>(?:zoals|als)\s+(?:gebezigd|gebruikt)\s+in\s+[^,;:]{{2,80}}?)\s*,)?\s*betekent\s+(?P<def>\S.*)$"
        ),
        "explicit",
        "Belastingverdrag (BWBV0001142) art. 10 lid 4: 'De uitdrukking „dividenden”, zoals gebezigd in dit artikel, betekent inkomsten uit aandelen, …'",
        scope=("sq",),
        cue=("betekent",),
    ),
    Form(
        "uitdrukking_bare_betekent",
        _rx(
            r"^(?P<pre>)(?:de\s+)?(?:uitdrukking|term)\s+(?P<term>[^,;:„\"“]{2,60}?)\s*,\s*"
            r"(?P<sq>(?:zoals|als)\s+(?:gebezigd|gebruikt)\s+in\s+[^,;:]{2,80}?)\s*,\s*betekent\s+(?P<def>\S.*)$"
        ),
        "explicit",
        "Belastingregeling voor het land Nederland (BWBR0029675): 'De uitdrukking dividenden, zoals gebezigd in dit artikel, betekent inkomsten uit aandelen, …'",
        scope=("sq",),
        cue=("betekent",),
    ),
    Form(
        "duidt_aan",
        _rx(rf"^(?P<pre>)(?:de\s+(?:uitdrukking|term)\s+)?{_QTERM}\s+(?:duidt|duiden)\s+(?P<def>.+?\s+aan\b.*)$"),
        "explicit",
        "Loadline Convention (BWBV0003267) rule 42: 'De uitdrukking „deklast hout” duidt een lading hout aan die …'",
        definition="sentence",
        cue=("duidt", "duiden"),
    ),
    Form(
        "onder_quoted_def_verstaan",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+(?P<mid>{_NC}*?)\bonder\s+(?:de\s+(?:term|uitdrukking)\s+)?{_QTERM}\s+"
            r"(?P<d1>(?:de|het|een|elke?|iedere?|alle)\s[^;:„“\"]{1,150}?)\s+verstaan\b(?P<d2>.*)$"
        ),
        "explicit",
        "COTIF, Aanhangsel C (RID) (BWBV0004155) art. 1bis: 'Voor de toepassing van dit Reglement … wordt onder „ RID-Verdragsstaat” elke Lidstaat van de Organisatie verstaan die geen verklaring … heeft afgelegd'",
        definition="sentence",
        scope=("pre", "mid"),
        cue=("verstaan",),
    ),
    Form(
        "waar_gesproken",
        _rx(
            rf"^waar\s+(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+gesproken\s+(?:van|over)\s+(?P<term>{_NC}+?)\s*,?\s+(?:wordt|worden)\s+daaronder\s+{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$"
        ),
        "explicit",
        "AOW art. 8 lid 2 (2012): 'Waar in deze wet … wordt gesproken van ouderdomspensioen wordt daaronder mede verstaan …'",
        cue=("gesproken",),
    ),
    Form(
        "onder_x_verstaan",
        _rx(
            rf"^(?P<pre>(?:{_NC}*?\s)??)onder\s+(?P<term>{_NC}+?)\s+(?P<mod0>(?:ook|mede|niet|eveneens|telkens)\s+)?(?:wordt|worden)\s+(?P<adv>(?:in\s+{_NC}+?\s+)?)(?:daaronder\s+)?{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$"
        ),
        "explicit",
        "Awb art. 1:3 lid 1: 'Onder besluit wordt verstaan: een schriftelijke beslissing van een bestuursorgaan …'; "
        "BWBR0019466 art. 10 lid 2 (2012): '… met dien verstande dat: a. onder «gemeenteraad» telkens wordt verstaan …'",
        scope=("pre", "adv"),
        accept=_no_verstaan_onder,
        cue=("verstaan",),
    ),
    Form(
        "wordt_onder_x_verstaan",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+(?P<mid>{_NC}*)\bonder\s+(?P<term>{_NC}+?)"
            rf"(?P<tscope>\s+in\s+(?:de\s+|het\s+)?(?:artikel|artikelen|hoofdstuk|afdeling|paragraaf|titel)\b{_NC}*?)?\s+{_MOD}verstaan\b\s*:?\s*(?P<def>.*)$"
        ),
        "explicit",
        "Vw 2000 art. 109 lid 4: 'wordt in de artikelen … onder «Nederland» mede verstaan …'",
        scope=("pre", "mid", "tscope"),
        accept=_no_verstaan_onder,
        cue=("verstaan",),
    ),
    Form(
        "tot_x_gerekend",
        _rx(
            rf"^(?P<pre>(?:{_NC}*?,\s+)?)tot\s+(?P<term>{_NC}{{2,70}}?)\s+(?:wordt|worden)\s+{_MOD}(?:gerekend)\b\s*:?\s*(?P<def>.*)$"
        ),
        "extension",
        "AWIR art. 3b: 'Tot X worden niet gerekend …'",
        strip_article=True,
        cue=("gerekend",),
    ),
    Form(
        "x_tot_y_gerekend",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s+(?P<subj>{_NC}{{2,200}}?)\s+(?P<mod>(?:mede|ook|eveneens|niet)\s+)tot\s+(?P<term>(?:de|het)\s+[^,:;]{{2,60}}?)\s+gerekend\b"
        ),
        "extension",
        "BWBR0018985 art. 1 onder b: '… wordt een bedrijf dat slechts brood, banket of beide via de doorverkoop afzet, niet tot de bakkerij gerekend'",
        definition="sentence",
        strip_article=True,
        cue=("gerekend",),
    ),
    Form(
        "tot_x_behoort",
        _rx(
            rf"^tot\s+(?P<term>{_NC}{{2,80}}?)\s+(?:behoort|behoren)\s+(?P<mod>(?:mede|ook|eveneens|niet)\s+)?(?P<def>.+)$"
        ),
        "extension",
        "Wet IB 2001 art. 3.81: 'Tot het belastbare loon behoort mede …'",
        scope=(),
        strip_article=True,
        cue=("behoort", "behoren"),
    ),
    Form(
        "onder_x_begrepen",
        _rx(
            rf"^(?P<pre>(?:{_NC}*?,\s+|{_NC}*?\b(?:wordt|worden|is|zijn)\s+)?)onder\s+(?P<term>{_NC}{{2,200}}?)\s+(?:(?:is|zijn|wordt|worden|dient|dienen|moet|moeten)\s+)?{_MOD}(?:mede\s+)?begrepen\b(?:\s+te\s+worden\b)?\s*:?\s*(?P<def>.+)$"
        ),
        "extension",
        "Besluit BWBR0028242 art. 8 lid 2: 'Onder vorenbedoelde bestuurders … zijn begrepen allen …'",
        strip_article=True,
        cue=("begrepen",),
    ),
    Form(
        "x_is_y",
        re.compile(
            r"^(?P<det>(?:De|Het|Een)\s+)?(?P<term>[A-Za-z][\w\-ëéïöü/]+(?:\s+[a-z][\w\-ëéïöü]+){0,6}?)(?P<qual>\s+van\s+(?:de|het|een)\s+[a-z][\w\-]+)?"
            r"(?P<sq>\s+(?:in\s+de\s+zin\s+van|overeenkomstig\s+de\s+bepalingen\s+van)\s+(?:deze|dit)\s+\w+)?,?"
            r"\s+is\s+(?P<def>(?:de|het|een|degene|diegene|hetgeen|datgene|elke|iedere|ieder|elk|al\s+hetgeen|al\s+datgene)\b.+)$"
        ),
        "explicit",
        "AOW art. 2 (2012): 'Ingezetene in de zin van deze wet is degene die …'; Wet LB 1964 art. 10: 'Loon is al hetgeen …'",
        scope=("sq",),
        accept=_is_form_ok,
        cue=(" is ",),
    ),
    Form(
        "sprake_van",
        _rx(
            r"^(?P<pre>(?:[^:;]*?,\s+)?)van\s+(?:een\s+|de\s+|het\s+)?(?P<term>[^,:;]{2,60}?)\s+is\s+(?P<adv>(?:in\s+ieder\s+geval\s+|ook\s+|mede\s+|geen\s+|slechts\s+|uitsluitend\s+)?)sprake\s+(?P<def>(?:indien|als|wanneer|zodra|zolang|ingeval|in\s+het\s+geval|voor\s+zover)\b.+)$"
        ),
        "explicit",
        "AOW art. 1 lid 4 (2012): 'Van een gezamenlijke huishouding is sprake indien twee ongehuwde meerderjarige personen …'",
        cue=("sprake",),
    ),
    Form(
        "als_x_aangemerkt_first",
        _rx(
            rf"^(?P<pre>)als\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:wordt|worden)\s+{_MOD}(?:aangemerkt|beschouwd)\b\s*:?\s*(?P<def>.*)$"
        ),
        "deeming",
        "Anw art. 4 (2012): 'Als eigen kind wordt beschouwd het kind: a. … e. …'",
        strip_article=True,
        cue=("aangemerkt", "beschouwd"),
    ),
    Form(
        "als_x_wordt_y_aangemerkt",
        _rx(
            # ("Als gevolg daarvan wordt …", "Als reizigers de boot wel mogen verlaten wordt de bootreis aangemerkt als …"
            # are no definitions: the verb must end the clause)
            r"^(?P<pre>)als\s+(?!gevolg\b)(?P<term>[^,:;]{2,70}?)\s+(?:wordt|worden)\s+(?P<subj>(?:de|het|een|alle)\s+[^,:;]{2,80}?)\s+"
            r"(?P<mod>(?:mede|ook|eveneens|niet)\s+)?(?:aangemerkt|beschouwd)\b(?=\s*(?:[:,.;]|$))"
        ),
        "deeming",
        "Circulaire Besluit textielreinigingsbedrijven milieubeheer (BWBR0019712) 2.3: 'Als gevoelige objecten worden de volgende plaatsen aangemerkt: a. … e. …'",
        definition="sentence",
        strip_article=True,
        cue=("aangemerkt", "beschouwd"),
    ),
    Form(
        "wordt_als_x_aangemerkt",
        _rx(
            rf"^(?P<pre>{_NC}*?)\s*,?\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)\bals\s+(?P<term>[^,:;]{{2,70}}?)\s+"
            # "… wordt als gehuwd of als echtgenoot mede aangemerkt …" (ANW art. 3 lid 2): "mede" after the term
            r"(?P<mod>(?:mede|niet|ook|eveneens|tevens)\s+)?(?:aangemerkt|beschouwd)\b\s*:?\s*(?P<rest>.*)$"
        ),
        "deeming",
        "AWIR art. 3 lid 5: '… wordt niet als partner aangemerkt: …'; ANW art. 3 lid 2 (2012): '… wordt als gehuwd of als echtgenoot mede aangemerkt …'",
        definition="sentence",
        strip_article=True,
        cue=("aangemerkt", "beschouwd"),
        content="rest",
    ),
    Form(
        "wordt_beschouwd_als_x",
        _rx(
            rf"^(?P<pre>{_NC}{{3,200}}?)\s+(?:(?:wordt|worden)\s+(?P<adv>(?:[a-z]+\s+){{0,8}}?)(?:beschouwd|aangemerkt)|(?:beschouwd|aangemerkt)\s+(?:wordt|worden))\s+als\s+(?P<term>(?:een\s+|de\s+|het\s+)?[a-zà-ÿ][\w\-à-ÿ]*(?:\s+(?:[a-zà-ÿ][\w\-à-ÿ]*|\d+[a-z]?)){{0,4}}?)(?=\s*(?:[,;:.]|$|\bindien\b|\bvoor\s+zover\b|\bvoor\s+de\s+toepassing\b|\bin\s+de\s+zin\b)"
            # "… wordt beschouwd als overtreding en gestraft met hechtenis …", "… worden aangemerkt als werktijd en
            # dienovereenkomstig uitbetaald": a second verb (participle) coordinated with the first ends the term
            r"|\s+en\s+(?:(?:wordt|worden|dienovereenkomstig)\s+)?(?:ge[a-z]+[dt]|(?:uit|be|ver|af|toe)[a-z]+[dt])\b"
            # "… worden aangemerkt als aanvragen tot erkenning als bedoeld in deze verordening": the term before its pointer
            r"|\s*,?\s+(?:als\s+)?bedoeld\s+(?:in|bij)\b)"
        ),
        "deeming",
        "Anw art. 3 lid 2 (2012): 'Een ongehuwde … wordt beschouwd als gehuwd …'",
        definition="sentence",
        strip_article=True,
        cue=("aangemerkt", "beschouwd"),
    ),
    Form(
        "geldt_als_x_first",
        _rx(
            rf"^(?P<pre>{_NC}*?,\s+)?(?:geldt|gelden)\s+als\s+(?P<term>[^,:;]{{2,60}}?)\s+(?P<def>(?:degene|diegene|de|het|een|hetgeen|datgene|elke?|iedere?|alle)\b.*)$"
        ),
        "deeming",
        "AWIR art. 3 lid 4: 'Voorts geldt als partner degene die …'",
        definition="sentence",
        strip_article=True,
        cue=("geldt", "gelden"),
    ),
    Form(
        "x_geldt_als_y",
        _rx(
            rf"^(?P<subj>(?:een|de|het)\s+{_NC}{{2,160}}?)\s+(?:geldt|gelden)\s+(?P<adv>{_NC}*?)\bals\s+(?P<term>[^,:;.]{{2,60}}?)(?=\s*(?:[,;:.]|$|\bindien\b|\bvoor\s+zover\b))"
        ),
        "deeming",
        "Vw 2000 art. 62b lid 2 (2019): 'De kennisgeving, bedoeld in het eerste lid, geldt als een overdrachtsbesluit …'",
        definition="sentence",
        scope=(),
        strip_article=True,
        cue=("geldt", "gelden"),
    ),
    Form(
        "met_x_gelijkgesteld",
        _rx(
            rf"^(?P<pre>(?:{_NC}*?,\s+)?)met\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)gelijkgesteld\b\s*:?\s*(?P<def>.*)$"
        ),
        "deeming",
        "AWIR art. 4 lid 1: 'Met een bloedverwant … wordt gelijkgesteld een pleegkind'",
        strip_article=True,
        cue=("gelijkgesteld",),
    ),
    Form(
        "wordt_met_x_gelijkgesteld",
        _rx(
            rf"^(?P<pre>{_NC}*?)\s*\b(?:wordt|worden)\s+(?P<adv>(?:[a-zà-ÿ\-]+\s+){{0,3}}?)met\s+(?P<term>(?:(?!\s(?:elke|iedere?|alle)\s)[^,:;]){{2,70}}?)\s+"
            rf"(?P<mod>(?:niet|mede|ook|eveneens)\s+)?gelijkgesteld\b\s*,?\s*:?\s*(?P<def>.*)$"
        ),
        "deeming",
        "Burgerlijk Wetboek Boek 4 (BWBR0002761) art. 4:8: 'In dit Boek worden met echtgenoten gelijkgesteld geregistreerde partners.'; Wetboek van Militair Strafrecht (BWBR0001869) art. 165: 'Voor de toepassing van de artikelen 162 en 163 wordt met alcoholhoudende drank gelijkgesteld elke stof, waarvan …'",
        definition="sentence",
        strip_article=True,
        cue=("gelijkgesteld",),
    ),
    Form(
        "gelijkgesteld_met_x",
        _rx(
            rf"^(?P<subj>{_NC}+?)\s+(?:wordt|worden)\s+(?P<adv>{_NC}*?)gelijkgesteld\s+met\s+(?P<term>[^,;:.]+?)(?=\s*(?:[,;:.]|\bindien\b|\bvoor zover\b|\bonderscheidenlijk\b|$))(?P<rest>.*)$"
        ),
        "deeming",
        "AWIR art. 3 lid 7: '… wordt gelijkgesteld met gehuwden'",
        definition="sentence",
        scope=("subj",),
        strip_article=True,
        cue=("gelijkgesteld",),
    ),
    Form(
        "wordt_geacht_x_te_zijn",
        _rx(
            r"^(?P<pre>[^:;]{3,200}?)\s+(?:wordt|worden)\s+(?P<adv>(?:mede\s+|niet\s+|ook\s+)?)geacht\s+(?P<term>(?:een\s+|de\s+|het\s+)?[a-zà-ÿ][\w\-à-ÿ]*(?:\s+[a-zà-ÿ][\w\-à-ÿ]*){0,3}?)\s+te\s+zijn\b"
        ),
        "deeming",
        "'… wordt geacht ingezetene te zijn' (AOW art. 2, 2012)",
        definition="sentence",
        strip_article=True,
        cue=("geacht",),
    ),
    Form(
        "quoted_x_indien",
        _rx(
            rf"^(?P<pre>[^„“\"‘«;:]{{0,120}}?)\b(?:kan|kunnen|wordt|worden|is|zijn)\s+(?:(?:direct|rechtstreeks|ook|eveneens|slechts|alleen|uitsluitend)\s+)?{_QTERM}\s+(?P<rest>[^;]{{0,80}}?)\b(?:indien|wanneer)\s+(?P<def>\S.*)$"
        ),
        "explicit",
        "Verdrag Nederlandse Antillen–Australië inzake inlichtingen over belastingen (BWBV0003025) art. 4 onder n: 'Aandelen kunnen „door het publiek’’ worden gekocht of verkocht indien de aankoop of verkoop van aandelen impliciet noch expliciet voorbehouden is aan een beperkte groep investeerders'",
        definition="sentence",
        scope=(),
        cue=("indien", "wanneer"),
    ),
    Form(
        "hierna_x_genoemd",
        _rx(
            r"^(?P<pre>)(?P<def>.+?)\s+(?:wordt|worden)\s+hierna\s+(?:(?:ook|soms|in\s+dit\s+\w+)\s+)?(?:als\s+)?"
            r"(?:,,|[„\"“‘'«]|,(?=\w))(?P<term>[^„\"“”‘’'«»:;,]{2,60}?)(?:''|’’|[”\"’'»])\s+(?:genoemd|aangeduid)\b"
        ),
        "explicit",
        "AETR (BWBV0004455) art. 1 onder i: 'Dit vervoer, in het bijzonder het vervoer van werknemers naar het werk …, wordt hierna ,speciaal geregeld vervoer’ genoemd'",
        definition="sentence",
        scope=(),
        cue=("hierna",),
    ),
    Form(
        "en_means",
        _rx(
            rf"^(?P<pre>[^“”\"]*?)(?:the\s+(?:term|expression|word)s?\s+)?{_QTERM}\s*,?\s+(?P<adv>)(?:means|shall\s+mean|shall\s+be\s+understood\s+to\s+mean|refers\s+to)\s+(?P<def>.+)$"
        ),
        "explicit",
        "a treaty in English: 'For the purposes of this Convention, the term “vessel” means …'",
        cue=("means",),
    ),
    Form(
        "hierna_te_noemen",
        _rx(
            # a party's seat may stand between its name and its short name: "De Vereniging van Nederlandse
            # Gemeenten, gevestigd te Den Haag, hierna te noemen: VNG" (BWBR0014859; 20 in the 2012 dump)
            r"(?P<def>(?:de|het|een|het\s+\w+|[A-Z])[^,;:()]{2,160}?"
            r"(?:\s*,\s*(?:gevestigd|wonende|kantoorhoudende)\s+(?:te|in)\s+[^,;:()]{1,40}?)*)\s*(?P<comma>,)?\s*\(?\s*\b(?:hierna|verder)\b\s*(?:(?:verder\s+)?(?:te\s+noemen(?:\s+als)?|genoemd\b|aangeduid\s+als)\s*:?|:)\s*"
            # the name ends at a bracket or comma; after ", hierna te noemen" also at the end of the paragraph
            # ("…, hierna te noemen circuitgebied.", "…, verder genoemd ’RIB’") or before a bracket ("… (bijlage 1)")
            r"(?:(?:de|het)\s+(?=[„\"“‘«]))?(?:,,|[„\"“‘’'«])?(?P<term>[^()”\"’'»;,:]{1,60}?)(?:''|[”\"’'»])?(?:\s*[),;]|(?P<open>\s+\()|(?P<eol>\.?\s*$))"
        ),
        "explicit",
        "Circulaire BWBR0023578: '… de Rijkswet Onderzoeksraad voor veiligheid (hierna te noemen: Rijkswet OvV)'",
        scope=(),
        accept=lambda m, s: bool(m.group("comma")) or (m.group("open") is None and m.group("eol") is None),
        refine=named_antecedent,
        takes_list=False,
        search=True,
        cue=("hierna", "verder"),
    ),
    Form(
        "x_waaronder_verstaan",
        _rx(
            r"\b(?P<term>[\w\-ëéïöü]+(?:\s+[\w\-ëéïöü]+)?)\s+(?:aan|op|in|uit)?\s*,?\s*waaronder\s+(?P<mod>(?:mede|ook|niet)\s+)?(?:wordt|worden)\s+(?P<adv>(?:mede|ook|niet)\s+)?verstaan\s+(?P<def>.+)$"
        ),
        "explicit",
        "Wet kinderopvang art. 1.49 lid 1 (2012): '… biedt verantwoorde kinderopvang aan waaronder wordt verstaan …'",
        scope=(),
        search=True,
        cue=("waaronder",),
    ),
)

_HIERNA = next(f for f in SENTENCE_FORMS if f.name == "hierna_te_noemen")
#: A sentence definition contains one of these words: the forms' cues (one cheap pass before the patterns).
_SENTENCE_KEYWORDS = tuple(dict.fromkeys(c for form in SENTENCE_FORMS for c in form.cue))

#: Lead sentences that open a list (or a run of paragraphs, or a table) of definitions.
#: ``kind`` is the kind of its items; ``style`` says how an item gives its term: ``verstaan``
#: ("term: definition"), ``open`` ("als X wordt aangemerkt: …" per item), ``quoted`` (only items
#: that say they define: a quoted term, "wordt onder „X” verstaan", or the BWB's markup).
LEAD_FORMS: tuple[tuple[str, re.Pattern[str], str, str, str], ...] = (
    (
        "verstaan_onder",
        _rx(
            rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b(?P<mid>{_NC}*?)\b(?P<mod>mede\s+|niet\s+)?verstaan\s+onder\s*:?\s*$"
        ),
        "explicit",
        "verstaan",
        "AWIR art. 2 lid 1: 'In deze wet … wordt verstaan onder:'",
    ),
    (
        "verstaat_onder",
        _rx(rf"^(?P<pre>{_NC}*?)\b(?:verstaat|verstaan)\s+(?:\w+\s+){{0,3}}?onder\s*:?\s*$"),
        "explicit",
        "verstaan",
        "BWBR0030284 art. 1: 'Deze wet verstaat onder:'",
    ),
    (
        "gelijkgesteld_met_lead",
        _rx(rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\b{_NC}*?\bgelijkgesteld\s+met\s*:\s*$"),
        "deeming",
        "verstaan",
        "Anw art. 3 (2012): '… wordt gelijkgesteld met:'",
    ),
    (
        "betekenis_lead",
        _rx(r"^(?P<pre>[^:]*?)\b(?:betekent|betekenen|betekenis(?:sen)?|verstaat|omvat)\b[^:]{0,100}:\s*$"),
        "explicit",
        "verstaan",
        "BWBV0004334 art. 1: 'In dit Verdrag hebben de navolgende uitdrukkingen de hieronder aangegeven betekenissen:'",
    ),
    (
        "volgende_uitdrukkingen_lead",
        _rx(
            rf"^(?P<pre>{_NC}*?)\bonder\s+de\s+(?:volgende|navolgende|hierna\s+volgende)\s+(?:uitdrukkingen|begrippen|termen|woorden)\b{_NC}*?\bverstaan\s*:\s*$"
        ),
        "explicit",
        "verstaan",
        "BWBV0003243 voorschrift A: 'Voor de toepassing van deze Bijlage dient onder de volgende uitdrukkingen te worden verstaan:'",
    ),
    (
        "wordt_lead",
        _rx(rf"^(?P<pre>{_NC}*?)\b(?:wordt|worden)\s*:\s*$"),
        "deeming",
        "open",
        "Awb art. 1:1 lid 2: '… worden … niet als bestuursorgaan aangemerkt:' style leads ending in 'wordt:'",
    ),
    (
        "toepassing_lead",
        _rx(r"^(?P<pre>voor\s+(?:de\s+)?(?:toepassing|doeleinden)\s+van\b[^:]{0,150}?)\s*:\s*$"),
        "explicit",
        "quoted",
        "BWBV0001593 art. 2: 'Voor de toepassing van dit Verdrag: a. wordt onder de term „bevoegde autoriteit” verstaan …'",
    ),
)

#: Forms of a list item (or of a paragraph in a run after a lead) that give its term;
#: tried on the item's first paragraph when the markup (``<term>``, ``<nadruk>``) says nothing.
#: "Als X worden aangemerkt …" as a list item, or as the paragraph under a term standing alone.
_AS_DEEMED = Form(
    "item_als_x_aangemerkt",
    _rx(rf"^als\s+(?P<term>[^,:;]{{2,70}}?)\s+(?:wordt|worden)\s+{_MOD}(?:aangemerkt|beschouwd)\b\s*:?\s*(?P<def>.+)$"),
    "deeming",
    "BWBR0030235 art. 3 item 11: 'Als intramurale prestatie worden aangemerkt de in de Beleidsregel … vastgestelde prestaties'",
    scope=(),
)

ITEM_FORMS: tuple[Form, ...] = (
    _AS_DEEMED,
    Form(
        "item_wordt_verstaan_onder",
        _rx(
            rf"^(?:(?:wordt|worden)\s+(?:\w+\s+){{0,2}}?)?(?:verstaan\s+)?onder\s+(?:de\s+(?:uitdrukking(?:en)?|term(?:en)?|begrip(?:pen)?)\s+)?{_QTERM}\s*,?"
            rf"(?:\s*(?:indien|wanneer|voor\s+zover)\s[^:;]{{0,80}}?,)?\s*"
            # "„X” wordt (met betrekking tot een Staat) verstaan:", or "„X” (mede) verstaan"
            rf"(?:(?:wordt|worden)\s+(?:[^:;„“]{{0,60}}?\s)?(?P<mod>(?:niet|mede|ook)\s+)?verstaan\b|(?P<adv>(?:niet|mede|ook)\s+)?(?:verstaan\b)?)"
            rf"\s*:?\s*(?P<def>.*)$"
        ),
        "explicit",
        "BWBV0004157 art. 4: 'a. wordt verstaan onder de uitdrukking „verdragsluitende Staat” …'",
        scope=(),
    ),
    Form(
        "item_betekent",
        _rx(
            rf"^(?:betekent|betekenen|omvat|omvatten)\s+(?:de\s+(?:uitdrukking(?:en)?|term(?:en)?|benaming(?:en)?|begrip(?:pen)?)\s+)?{_QTERM}\s*,?\s*(?P<def>.*)$"
        ),
        "explicit",
        "BWBV0003530 art. 3: '(a) betekent de uitdrukking „Verenigd Koninkrijk” …'",
        scope=(),
    ),
    Form(
        "item_betekent_bare",
        _rx(
            r"^(?:betekent|betekenen)\s+(?:de\s+(?:uitdrukking|term)\s+)?(?P<term>[^„\"“,;:\s]+(?:\s+[^„\"“,;:\s]+){0,3}?)\s+(?P<def>(?:iedere?|elke?|een|de|het|alle|al|hetgeen|degene|datgene)\b.+)$"
        ),
        "explicit",
        "Hulpverleningsverdrag (BWBV0002920) art. 1: 'a. betekent hulpverlening iedere daad of werkzaamheid, verricht om …'",
        scope=(),
    ),
    Form(
        "item_quoted_term",
        _rx(
            rf"^(?:de\s+(?:uitdrukking(?:en)?|term(?:en)?|begrip(?:pen)?)\s+)?{_QTERM}\s*(?:(?=(?:,|\s+en|\s+of)\s*[„\"“‘«])|[,:]|\s+(?:betekent|omvat|wil\s+zeggen|is|zijn)\b|\s+[-–]|\s+(?=\w))\s*(?P<def>.+)$"
        ),
        "explicit",
        "BWBV0003026 art. 1: 'a. „verbindingsofficier”, elke functionaris die …'",
        scope=(),
    ),
    Form(
        "item_met_x_bedoeld",
        _rx(
            rf"^(?:(?:wordt|worden)\s+)?met\s+(?:de\s+(?:uitdrukking|term)\s+)?{_QTERM}\s+(?:\w+\s+)?bedoeld\s*:?\s*(?P<def>.+)$"
        ),
        "explicit",
        "BWBV0001980 art. I: 'a. wordt met „burgerpersoneel” bedoeld civiele werknemers van …'",
        scope=(),
    ),
    Form(
        "item_onder_quoted_verstaan",
        _rx(rf"^onder\s+(?:de\s+|het\s+|een\s+)?{_QTERM}\s+(?:wordt|worden)\s+{_MOD}verstaan\s*:?\s*(?P<def>.+)$"),
        "explicit",
        "BWBV0001329 art. 1: 'onder het „Verdrag van Chicago” wordt verstaan: het Verdrag inzake …'",
        scope=(),
    ),
)

_DEFINITION_HEADING = re.compile(r"begrip|definitie", re.IGNORECASE)
_SENT_SPLIT = re.compile(r"(?<=[.])\s+(?=[A-Z])")
_PLACEHOLDER = re.compile(r"[\[\]…]|\.\.\.")
_SPLIT_TERMS = re.compile(
    r"\s*,?\s+onderscheidenlijk\s+|\s*,\s*onderscheidenlijk\s+|\s+(?:of|en)\s+als\s+", re.IGNORECASE
)
_ITEM_ALS = re.compile(
    r"^als\s+(?P<term>[^,:;]{2,60}?)\s+(?P<mod>(?:mede|niet|ook|eveneens)\s+)?aangemerkt\s*:?\s*(?P<def>.+)$",
    re.IGNORECASE,
)
_TERM_MAX_WORDS = 9
_ITEM_TERM_MAX_WORDS = 14
_EMBEDDED = re.compile(
    r"(?:,\s*)?(?:waaronder\s+(?P<m1>mede\s+|niet\s+)?(?:wordt|worden)\s+(?P<m2>mede\s+|niet\s+)?verstaan"
    r"|(?<=[;.,])\s*(?:deze\s+(?:term|uitdrukking)|die\s+uitdrukking|de\s+uitdrukking|dit\s+begrip|dit|het\s+begrip)\s+omvat\s+(?P<m5>mede\s+|ook\s+|niet\s+|geen\b\s*)?"
    r"|(?<=[;.,])\s*daaronder\s+(?P<m6>mede\s+|niet\s+)?begrepen"
    r"|(?<=[;.,])\s*(?:en|maar)?\s*(?P<m7>niet\s+)?als\s+(?P<t2>[^,:;]{2,60}?)\s+(?:wordt|worden)\s+(?P<m8>mede\s+|niet\s+|ook\s+)?aangemerkt"
    r"|met\s+dien\s+verstande\s+dat\s+(?P<m9>niet\s+)?(?:als|onder)\s+(?P<t>[^,:;]{2,60}?)\s+(?P<m3>mede\s+|niet\s+)?(?:wordt|worden)\s+(?P<m4>mede\s+|niet\s+)?(?:aangemerkt|verstaan))"
    r"\s*:?\s*(?P<def>.*)$",
    re.IGNORECASE,
)


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
    {"zodanig", "zodanige", "dusdanig", "dusdanige", "zulks", "zulk", "zulke", "dezelfde", "hetzelfde", "dergelijke"}
)
#: Words that a form's term slot can catch when a sentence is not a definition: numerals,
#: prepositions, pronouns, determiners ("Eén wordt …", "Binnen is …"). Never a term on their own;
#: sentence adverbs ("Voorts wordt als …") are refused by :data:`_SENTENCE_ADVERBS`.
_NOT_TERMS = frozenset(
    "ook mede wel niet één een twee binnen buiten voor na bij in op aan uit met zonder tot over hij zij het dit dat deze die er hier daar ieder elk iedere elke slechts uitsluitend alleen laatst".split()
)
#: Sentence adverbs: a term that opens with one was cut from a sentence's adverbial, not a noun.
_SENTENCE_ADVERBS = frozenset(
    "voorts daarnaast vervolgens tevens eveneens verder bovendien daarbij hierbij daarom derhalve echter evenwel "
    "niettemin thans steeds eerst zo dan nu hiertoe daartoe hiervan daarvan hieronder daaronder hiervoor daarvoor "
    "hierin daarin hiermee daarmee hierna daarna hierop daarop waarbij vaak meestal soms doorgaans dikwijls altijd "
    "nooit andere".split()
)
#: A term that ends in one of these was cut inside its relative clause ("geldt als tijdstip
#: waarop een bericht … is ontvangen, het tijdstip …" must not give the term "tijdstip waarop"),
#: or before its complement ("partner van").
_OPEN_END = frozenset(
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
        "van",
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "aan",
        "voor",
        "met",
        "door",
    }
)
_REF_RESIDUE = re.compile(
    r"\s+(?:in|van|uit|bij)\s+(?:het\s+)?(?:artikel|artikelen|lid|hoofdstuk|afdeling|paragraaf|onderdeel)\s+[\w.:]+.*$",
    re.IGNORECASE,
)


def _sentence_term_ok(term: str) -> bool:
    low = term.lower()
    words = low.split()
    return (
        bool(term)
        and _words(term) <= _TERM_MAX_WORDS
        and not _VERBISH.search(term)
        and not _PLACEHOLDER.search(term)
        and low not in _ANAPHORIC
        and words[0] not in _ANAPHORIC
        and words[0] not in _SENTENCE_ADVERBS
        and low not in _NOT_TERMS
        and words[-1] not in _OPEN_END
        and not re.fullmatch(r"[\d\W]+", term)
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
        item: bool = False,
    ) -> bool:
        """Record a definition; ``context`` (the whole sentence) also selects references."""
        term = norm_ws(term)
        limit = _ITEM_TERM_MAX_WORDS if item else _TERM_MAX_WORDS
        if not term or _words(term) > limit or _PLACEHOLDER.search(term):
            return False
        definition = _strip_end(definition).lstrip(" ,;:")
        if definition.lower() == term.lower():
            return False  # "de gemeente (hierna te noemen: de gemeente)" names, it does not define
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


_IS_BEFORE_COLON = re.compile(
    r"^(?!.*\b(?:indien|wanneer|als|waarop|waarin|waarvoor|waarbij|waarvan|die|dat|welke|wie)\b)(.*\S)\s+(?:is|zijn)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def item_term(first: Para, lead_style: str = "verstaan") -> tuple[str, str, str, str | None] | None:
    """The term a list item (or a paragraph in a run of definitions) gives, by its first paragraph.

    Returns ``(term, rest of the first paragraph, form, kind or None)``, or None.

    >>> item_term(Para("werkgever: degene die een werknemer in dienst heeft;"))[:3]
    ('werkgever', ' degene die een werknemer in dienst heeft;', 'colon_item')
    >>> item_term(Para("„verbindingsofficier”, elke functionaris die …;"))[0]
    'verbindingsofficier'
    >>> item_term(Para("betekent de uitdrukking „Staat” Nederland of Japan;"))[0]
    'Staat'
    """
    if lead_style == "open":
        m = _ITEM_ALS.match(first.text)
        # "als gehuwd of als echtgenoot mede aangemerkt …": two terms, split by _item_definition
        if not m or any(_VERBISH.search(t) for t in _SPLIT_TERMS.split(m.group("term"))):
            return None
        return m.group("term"), m.group("def"), "als_item", _kind_from_mod(m.group("mod"), "deeming")
    if first.nadruk_term:
        idx = first.text.find(":")
        rest = first.text[idx + 1 :] if idx >= 0 else first.text[len(first.nadruk_term) :]
        return first.nadruk_term, rest, "nadruk_item", None
    for form in ITEM_FORMS:
        m = form.match(first.text)
        if m and m.group("term").strip(_QUOTES + " "):
            verb = first.text[: m.start("def")]
            if re.search(r"\bomvat(?:ten)?\b", verb, re.IGNORECASE):  # "„persoon” omvat …": includes, not exhaustive
                return m.group("term"), m.group("def"), form.name, "extension"
            return m.group("term"), m.group("def"), form.name, form.kind_of(m)
    if lead_style == "quoted":
        return None  # after "Voor de toepassing van …:" only an item that says it defines is one
    if first.lead_nadruk and first.text.startswith(first.lead_nadruk):
        rest = first.text[len(first.lead_nadruk) :]
        if (
            re.search(r"[:,]\s*$", first.lead_nadruk) and rest.strip()
        ):  # "<nadruk>de Minister,</nadruk> de Minister van …"
            return first.lead_nadruk.rstrip(" :,"), rest, "nadruk_item", None
        if re.match(r"^\s*[:,–-]", rest) or not rest.strip():
            return first.lead_nadruk, re.sub(r"^\s*[:,–-]\s*", "", rest), "nadruk_item", None
    idx = first.text.find(":")
    if idx > 0 and _words(first.text[:idx]) <= _ITEM_TERM_MAX_WORDS and ";" not in first.text[:idx]:
        # "c. de overeenkomstsluitende staat zijnde lidstaat van de Europese Unie is: het Groothertogdom
        # Luxemburg;" (BWBV0001909 art. 2): the verb before the colon is no part of the term, unless the term
        # is a clause ("nummers waarop de procedure van veiling van toepassing is:")
        term = _IS_BEFORE_COLON.sub(r"\1", first.text[:idx])
        return term, first.text[idx + 1 :], "colon_item", None
    m = re.match(r"^([^-–:;,.]{2,60}?)\s+[-–]\s+(\S.*)$", first.text)  # "Oorspronkelijk contract - het contract …"
    if m and _words(m.group(1)) <= 6 and _term_like(m.group(1)):
        return m.group(1), m.group(2), "dash_item", None
    return None


#: A sub-item that opens with a preposition or conjunction states a case, not a term ("bij de overige
#: modulatietoepassingen: 25% van …").
_CASE_OPENING = re.compile(r"(?:bij|voor|in|indien|wanneer|als|ingeval|ten\s+aanzien\s+van|met)\b", re.IGNORECASE)


def _item_definition(
    col: _Collector, item: Item, loc: LegalId, lid: str, ond: str, scope: Scope, lead_kind: str, lead: str = "verstaan"
) -> None:
    paras = item.paras
    if item.term:  # <definitie-item><term>…</term><definitie>…</definitie>
        if paras and paras[0].editorial is not None:
            return
        term, rest_blocks, form, kind = item.term, list(item.blocks), "definitielijst", lead_kind
    else:
        if not paras:
            # "c. i. betekent de uitdrukking „Verenigde Staten" de Verenigde Staten van Amerika, …; ii. betekent de
            # uitdrukking „Verenigde Staten", wanneer deze in aardrijkskundige zin wordt gebezigd, …" (BWBV0001109
            # art. 3): an item with no text of its own whose sub-items are the definitions
            # (not when the sub-items are cases of a term the law left out: "l. – bij toepassing van frequentie-
            # of fasemodulatie: het … vermogen; – bij de overige modulatietoepassingen: …", BWBR0028725 art. 1)
            for b in item.blocks:
                if isinstance(b, ListBlock):
                    for sub in b.items:
                        found = item_term(sub.paras[0], lead) if sub.paras else None
                        if found and not _CASE_OPENING.match(found[0].strip(_QUOTES + " ")):
                            _item_definition(col, sub, loc.child("o", sub.o), lid, sub.nr, scope, lead_kind, lead)
            return
        first = paras[0]
        if first.editorial is not None:  # "vervallen;"
            return
        found = item_term(first, lead)
        if found is None and len(paras) > 1 and _term_alone(first.text):
            # "1. Leerbedrijf" / "Het bedrijf of de organisatie die …" as two paragraphs of one item
            found = (first.text, "", "term_paragraph", None)
        if found is None:
            # an item of a definitions list in sentences: "1. Deklast hout. De uitdrukking „deklast hout” duidt …"
            _item_sentences(col, LidView(loc, lid, []), item, loc)
            return
        term, rest_first, form, fkind = found
        kind = fkind or lead_kind
        if not rest_first.strip() and len(paras) > 1:  # "<i>X</i>" then the definition paragraph
            form, kind = _deemed_by(paras[1]) or (form, kind)
        more, rest_first = _more_quoted(rest_first)
        rest_blocks = [Para(rest_first), *(b for b in item.blocks if b is not first)]
        if more:
            terms = [clean_term(t) for t in (term, *more)]
            definition, item_paras = render(rest_blocks), _all_paras(item.blocks)
            _add_each(col, loc, lid, ond, terms, definition, kind, scope, item_paras, form)
            # later clauses of the item: "a. betekenen de uitdrukkingen „een Verdragsluitende Staat” of „andere
            # Verdragsluitende Staat” …; betekent de uitdrukking „Verdragsluitende Staten” …" (BWBV0001547 art. 3),
            # "f. betekenen de uitdrukkingen „X” en „Y” …; deze uitdrukkingen worden geacht … te omvatten" (BWBV0001059)
            _embedded(col, loc, lid, ond, terms[0], definition, scope, item_paras, also=terms[1:])
            _nested_definitions(col, item, loc, lid, scope)
            return
    definition = render(rest_blocks)
    term = clean_term(term)
    item_paras = _all_paras(item.blocks)
    if kind == "explicit" and (inner := match_sentence(_sentences(definition)[0] if definition else "")):
        # "echtgeno(o)t(e): voor de toepassing van dit besluit wordt onder echtgenote … mede begrepen …":
        # the item's definition is itself a modification, when it opens with the form (or a scope phrase)
        g = inner[1].groupdict()
        opens = _SCOPE_OPENING.fullmatch((g.get("pre") or "").strip()) and len(g.get("adv") or "") <= 30
        if opens and inner[0].kind_of(inner[1]) in _MODIFYING:
            kind = inner[0].kind_of(inner[1])
    terms = _SPLIT_TERMS.split(term) if _SPLIT_TERMS.search(term) else _term_list(term, definition)
    if terms:
        _add_each(col, loc, lid, ond, terms, definition, kind, scope, item_paras, form)
        return
    col.add(loc, lid, ond, term, definition, kind, scope, item_paras, form, item=True)
    _embedded(col, loc, lid, ond, term, definition, scope, item_paras)
    _short_names(col, loc, lid, ond, definition, item_paras)
    _nested_definitions(col, item, loc, lid, scope)


def _short_names(col: _Collector, loc: LegalId, lid: str, ond: str, definition: str, paras: Sequence[Para]) -> None:
    """Short names given inside an item's definition: "„ontwikkelingsland dat lid is van het Agentschap”: een lid
    dat als zodanig is vermeld in Aanhangsel A …, zoals van tijd tot tijd gewijzigd door de in artikel 30 genoemde
    Raad van Bestuur (hierna te noemen: „de Raad”);" (BWBV0002598 art. 3 onder c)."""
    low = definition.lower()
    if "hierna" not in low and "verder" not in low:
        return
    form = _HIERNA
    for m in form.pattern.finditer(definition):
        t = clean_term(m.group("term"), head=True)
        if (form.accept is None or form.accept(m, definition)) and _sentence_term_ok(t):
            col.add(loc, lid, ond, t, m.group("def"), "explicit", Scope(), paras, "embedded_" + form.name)


def _add_each(
    col: _Collector,
    loc: LegalId,
    lid: str,
    ond: str,
    terms: Sequence[str],
    definition: str,
    kind: str,
    scope: Scope,
    paras: Sequence[Para],
    form: str,
) -> None:
    """Several terms of one item sharing its definition, or each its own part of an "A onderscheidenlijk B"."""
    parts = _respectively(definition, len(terms)) or [definition] * len(terms)
    for t, d in zip(terms, parts, strict=True):
        col.add(loc, lid, ond, t, d, kind, scope, paras, form, item=True)


def _nested_definitions(col: _Collector, item: Item, loc: LegalId, lid: str, scope: Scope) -> None:
    """Terms defined inside an item's definition, in a later paragraph or in a sub-item, each saying so
    itself: "o) „Dagelijkse rusttijd”: … bestaande uit een „normale dagelijkse rusttijd” en …:" /
    "„Normale dagelijkse rusttijd”: een rustperiode van ten minste 11 uren", "k) … de volgende personen:
    i) de bijrijder, d.w.z. iedere persoon die …" (BWBV0004455 art. 1)."""
    for b in item.blocks[1:]:
        if isinstance(b, Para) and b.editorial is None and (found := item_term(b, "quoted")):
            t, rest, form, k = found
            col.add(loc, lid, item.nr, clean_term(t), rest, k or "explicit", scope, [b], form, item=True)
        elif isinstance(b, ListBlock):
            for sub in b.items:
                first = sub.paras[0] if sub.paras else None
                if first is None or first.editorial is not None:
                    continue
                found = item_term(first, "quoted") or _dwz(first.text)
                if found:
                    t, rest, form, k = found
                    sub_loc = loc.child("o", sub.o)
                    col.add(
                        sub_loc, lid, sub.nr, clean_term(t), rest, k or "explicit", scope, sub.paras, form, item=True
                    )


_DWZ = re.compile(
    r"^(?:de|het|een)\s+(?P<term>[^,;:]{2,50}?)\s*,\s*(?:d\.w\.z\.|dat\s+wil\s+zeggen|te\s+weten)\s*:?\s+(?P<def>\S.*)$",
    re.IGNORECASE,
)


def _dwz(text: str) -> tuple[str, str, str, str | None] | None:
    """ "de bijrijder, d.w.z. iedere persoon die …" as ``(term, definition, form, kind)``."""
    m = _DWZ.match(text)
    return (m.group("term"), m.group("def"), "dwz_item", None) if m and _words(m.group("term")) <= 5 else None


_SCOPE_OPENING = re.compile(
    r"|(?:voor\s+de\s+toepassing\s+van|in|ten\s+aanzien\s+van)\s+(?:dit|deze|het|de)\b[^,;:]{0,80}?,?(?:\s+(?:wordt|worden|is|zijn))?",
    re.IGNORECASE,
)
_TERM_LIST_SPLIT = re.compile(r"\s*,\s*(?:en\s+|of\s+)?|\s+(?:en|of)\s+")


def _term_list(term: str, definition: str) -> list[str] | None:
    """Several terms sharing one item: "drukapparatuur, drukvat, …, richtlijn en wet: hetgeen het besluit
    daaronder verstaat", "Categorie 1, categorie 2, categorie 3: … onderscheidenlijk …". None for one term.

    Split only where the list cannot be one term: the definition points elsewhere for all of them,
    gives them one by one ("onderscheidenlijk"), or the list is too long to be a term; never when
    the definition restates the list ("kleine, middelgrote en micro-ondernemingen in de zin van …").

    >>> _term_list("volume, richtlijn en wet", "hetgeen het besluit daaronder verstaat;")
    ['volume', 'richtlijn', 'wet']
    >>> _term_list("butaan en propaan", "hetgeen PGS-richtlijn 19 daaronder verstaat") is None
    True
    """
    if "," not in term or definition.lower().lstrip().startswith(term.lower()):
        return None
    parts = [p.strip() for p in _TERM_LIST_SPLIT.split(term) if p.strip()]
    if len(parts) < 2 or any(_words(p) > 6 for p in parts):
        return None
    if (
        definition_kind(definition) == "by_reference"
        or re.search(r"\b(?:onderscheidenlijk|respectievelijk)\b", definition)
        or _words(term) > _ITEM_TERM_MAX_WORDS
    ):
        return parts
    return None


_MORE_QUOTED = re.compile(rf"^\s*(?:,|en|of|onderscheidenlijk|respectievelijk)\s*{_QTERM}")


def _respectively(definition: str, n: int) -> list[str] | None:
    """The ``n`` definitions of "X en Y: A onderscheidenlijk B", one per term, or None.

    >>> _respectively("een luchtdienst onderscheidenlijk de omschreven route;", 2)
    ['een luchtdienst', 'de omschreven route;']
    """
    parts = re.split(r"\s*,?\s+(?:onderscheidenlijk|respectievelijk)\s+", definition)
    if len(parts) == n and all(p.strip(" ,;") for p in parts):
        return parts
    return None


def _more_quoted(rest: str) -> tuple[list[str], str]:
    """Further quoted terms that share one definition: "„X” en „Y” betekenen …"."""
    more: list[str] = []
    while m := _MORE_QUOTED.match(rest):
        more.append(m.group("term"))
        rest = rest[m.end() :]
    if more:
        rest = re.sub(
            r"^\s*,?\s*(?:(?:wordt|worden)\s+)?(?:verstaan\s*:|betekenen|betekent|omvatten|(?:wordt|worden)\s+(?:daaronder\s+)?verstaan\s*:?|:)\s*",
            "",
            rest,
        )
    return more, rest


_CLAUSES = re.compile(r"(?<=;)\s+|(?<=[.])\s+(?=[A-Z])")
#: Clauses after a definition that modify its term without naming it. Each pattern has a group
#: ``def`` (what is added or taken away) and may have ``mod``; "niet", "geen" or "uitgezonderd" in
#: the match make it a restriction, otherwise it is an extension.
_ANAPHORIC_CLAUSES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # "hieronder worden korte onderbrekingen niet begrepen" (BWBV0001593), "Daarvan zijn uitgezonderd …"
        r"^(?:(?:en|maar)\s+)?(?:hier|daar)(?:onder|van|bij)\s+(?:is|zijn|wordt|worden)\s+"
        r"(?P<mod>(?:mede|ook|niet|eveneens|tevens)\s+)?(?:begrepen|inbegrepen|uitgezonderd)\b\s*:?\s*(?P<def>.+)$",
        r"^(?:(?:en|maar)\s+)?(?:hier|daar)(?:onder|van|bij)\s+(?:is|zijn|wordt|worden)\s+"
        r"(?P<def>.+?)\s+(?P<mod>(?:mede|ook|niet|eveneens|tevens)\s+)?(?:begrepen|inbegrepen|uitgezonderd)\s*[.;]?$",
        # "deze uitdrukkingen worden geacht die ondernemingen te omvatten die …" (BWBV0001059)
        r"^(?:deze|die|de)\s+(?:uitdrukking(?:en)?|term(?:en)?|begrip(?:pen)?)\s+(?:wordt|worden)\s+"
        r"(?P<mod>(?:mede|ook|niet)\s+)?geacht\s+(?P<def>.+?)\s+(?:niet\s+)?te\s+omvatten\b(?P<more>.*)$",
        # "Het betreft ook chemische stoffen die …" (BWBV0001432)
        r"^(?:het|dit|deze)\s+(?:betreft|betreffen)\s+(?P<mod>ook|mede|eveneens|tevens|niet)\s+(?P<def>.+)$",
    )
)
_MODIFYING = frozenset({"extension", "restriction", "deeming"})
#: Sentence forms that mark their own term (by quoting it), so that they define another term even in a
#: later clause of an item: "… mits de … aandelen direct door het publiek gekocht of verkocht kunnen worden.
#: Aandelen kunnen „door het publiek” worden gekocht of verkocht indien …" (BWBV0003025 art. 4 onder n)
_SELF_MARKING = frozenset({"quoted_x_indien", "hierna_x_genoemd"})
_PROVISO = re.compile(r"\bmet\s+dien\s+verstande\s*,?\s+dat\s+", re.IGNORECASE)


def _anaphoric(clause: str) -> tuple[str, str] | None:
    """``(kind, definition)`` when ``clause`` modifies the term defined just before it, else None.

    >>> _anaphoric("hieronder worden korte onderbrekingen niet begrepen;")
    ('restriction', 'korte onderbrekingen')
    >>> _anaphoric("Het betreft ook chemische stoffen die zijn geweigerd.")
    ('extension', 'chemische stoffen die zijn geweigerd.')
    """
    for rx in _ANAPHORIC_CLAUSES:
        m = rx.match(clause.strip())
        if m:
            outside = m.string[: m.start("def")] + " " + m.string[m.end("def") :]
            kind = (
                "restriction" if re.search(r"\b(?:niet|geen|uitgezonderd)\b", outside, re.IGNORECASE) else "extension"
            )
            # "… geacht die ondernemingen te omvatten die zijn aangewezen …": the relative clause after the verb
            # belongs to what is included
            return kind, f"{m.group('def')} {m.groupdict().get('more') or ''}".strip()
    return None


def _embedded(
    col: _Collector,
    loc: LegalId,
    lid: str,
    ond: str,
    term: str,
    definition: str,
    scope: Scope,
    paras: Sequence[Para],
    also: Sequence[str] = (),
) -> None:
    """Modifications written inside an item, after (or within) its definition, clause by clause.

    "…; deze term omvat (geen) …", ", daaronder mede begrepen …", "met dien verstande dat als X niet
    wordt aangemerkt …", "; hieronder worden korte onderbrekingen niet begrepen", "Daarvan zijn
    uitgezonderd …", and any sentence form of a modifying kind ("met gezin wordt gelijkgesteld …",
    "niet als werkplek wordt aangemerkt …") in a later clause.
    """
    own = clean_term(term, strip_article=True).lower()
    for k, clause in enumerate(_CLAUSES.split(definition)):
        m = _EMBEDDED.search(clause if k == 0 else "; " + clause)
        if m:
            mod = (
                " ".join(m.group(g) or "" for g in ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"))
                .strip()
                .lower()
            )
            kind = "restriction" if re.search(r"\b(?:niet|geen)\b", mod) else "extension"
            named = m.group("t") or m.group("t2")
            t = clean_term(named, strip_article=True) if named else term
            if named and t.lower() != own and kind == "extension" and not mod:
                kind = "deeming"  # "… en als X wordt aangemerkt" names another concept than the item's term
            col.add(loc, lid, ond, t, m.group("def"), kind, scope, paras, "embedded")
            continue
        proviso = _PROVISO.search(clause)
        if k == 0 and proviso is None:
            continue
        if k > 0 and (a := _anaphoric(clause)):
            for t in (term, *also):  # "deze uitdrukkingen worden geacht …": every term the item gave
                col.add(loc, lid, ond, t, a[1], a[0], scope, paras, "embedded")
            continue
        if k > 0 and (again := item_term(Para(clause), "quoted")):
            # "„Staat” Nederland of de Verenigde Staten; betekent de uitdrukking „Staten” Nederland en …"
            t, rest, form, fk = again
            col.add(loc, lid, ond, clean_term(t), rest, fk or "explicit", scope, paras, form, item=True)
            continue
        # a later clause, or the proviso of this one: "met dien verstande dat salarisschalen boven schaal 18
        # beschouwd worden als schaal 18"
        clause = clause[proviso.end() :] if proviso else clause
        found = match_sentence(clause)
        if found is None:
            continue
        form, m = found
        kind = form.kind_of(m)
        if kind not in _MODIFYING and form.name not in _SELF_MARKING:
            continue
        d = form.definition_of(m, clause)
        for t in _SPLIT_TERMS.split(m.group("term")):
            t = clean_term(t, head=True, sentence_start=True, strip_article=form.strip_article)
            if _sentence_term_ok(t):
                col.add(loc, lid, ond, t, d, kind, scope, paras, "embedded_" + form.name, context=clause)


_NOUN_LIST = re.compile(r"\s*,\s*|\s+(?:en|of)\s+")
_ANAPHORIC_DET = re.compile(
    r"^(?:de\s+|het\s+)?(?:voren|boven|hierboven|hiervoor)?(?:bedoelde|genoemde|vermelde)\s+", re.I
)


def _noun_list(term: str) -> list[str]:
    """The nouns of "vorenbedoelde bestuurders, vereffenaars, vertegenwoordigers en gemachtigden", or ``[term]``.

    A list is split only when every part is a short noun phrase and no part but the last is a lone
    adjective ("kleine, middelgrote en micro-ondernemingen" is one term).

    >>> _noun_list("vorenbedoelde bestuurders, vereffenaars en gemachtigden")
    ['bestuurders', 'vereffenaars', 'gemachtigden']
    >>> _noun_list("kleine, middelgrote en micro-ondernemingen")
    ['kleine, middelgrote en micro-ondernemingen']
    """
    t = _ANAPHORIC_DET.sub("", term.strip())
    if "," not in t or not re.search(r"\s(?:en|of)\s", t):
        return [t]
    parts = [p for p in _NOUN_LIST.split(t) if p]
    if (
        len(parts) < 3
        or any(_words(p) > 3 for p in parts)
        or any(_words(p) == 1 and p.endswith("e") for p in parts[:-1])
    ):
        return [t]
    return parts


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(text) if s]


def match_sentence(s: str) -> tuple[Form, re.Match[str]] | None:
    """The first form of :data:`SENTENCE_FORMS` whose pattern accepts the sentence ``s``.

    >>> match_sentence("Onder partner wordt mede verstaan: de persoon die …")[0].name
    'onder_x_verstaan'
    >>> match_sentence("Van een gezamenlijke huishouding is sprake indien twee personen …")[0].name
    'sprake_van'
    >>> match_sentence("De aanvraag wordt binnen acht weken ingediend.") is None
    True
    """
    for form in SENTENCE_FORMS:
        m = form.match(s)
        if m:
            return form, m
    return None


def _sentence_definitions(
    col: _Collector,
    lid: LidView,
    para: Para,
    following: ListBlock | None,
    loc: LegalId | None = None,
    ond: str = "",
    next_para: Para | None = None,
    skip: frozenset[str] = frozenset(),
) -> bool:
    """Definitions written as sentences in one paragraph (of a lid, or of a list item at ``loc``).

    True if the following block (a list, or ``next_para`` that holds the definition of a sentence
    ending in ":") was consumed.
    """
    where = loc or lid.id
    consumed = False
    took_para = False
    art = col.article
    last: list[tuple[str, Scope]] = []  # the terms the previous definition sentence gave
    for i, s in enumerate(sentences := _sentences(para.text)):
        if _PLACEHOLDER.search(s):
            continue  # model texts with [alternatives] (e.g. in the Aanwijzingen)
        if last and (a := _anaphoric(s)):
            # "Onder verblijfstitels … wordt verstaan … . Daarvan zijn uitgezonderd …"
            for t, sc in last:
                col.add(where, lid.nr, ond, t, a[1], a[0], sc, [para], "embedded", context=s)
            continue
        low = s.lower()
        if not any(map(low.__contains__, _SENTENCE_KEYWORDS)):
            continue  # no definition form can match: skip the patterns
        takes_list = following is not None and i == len(sentences) - 1 and s.rstrip().endswith(":")
        paras: list[Para] = [para, *(_all_paras([following]) if takes_list and following is not None else [])]
        list_text = render([following]) if takes_list and following is not None else ""
        for form in SENTENCE_FORMS:
            if form.name in skip:
                continue
            m = form.match(s, low)
            if not m:
                continue
            d = form.definition_of(m, s, list_text=list_text if form.takes_list else "")
            if list_text and form.takes_list:
                d = (d.rstrip() + " " + list_text).strip()
            elif not d.strip() and next_para is not None and i == len(sentences) - 1:
                # "In deze paragraaf wordt verstaan onder geneeskundige verklaring:" + the definition's paragraph
                d = next_para.text
                paras = [para, next_para]
                took_para = True
            else:
                took_para = False
            if not d.strip():
                continue
            kind = form.kind_of(m)
            scope = parse_scope(form.scope_text(m), art, lid.nr) if form.scope else Scope()
            opens = "pre" in m.groupdict() and not (m.group("pre") or "").strip() and not m.groupdict().get("det")
            done = False
            given: list[tuple[str, Scope]] = []
            for t in (p for part in _SPLIT_TERMS.split(m.group("term")) for p in _noun_list(part)):
                t = clean_term(
                    t, head=True, sentence_start=opens or form.name == "x_is_y", strip_article=form.strip_article
                )
                t = _REF_RESIDUE.sub("", t).strip(" ,")
                if _sentence_term_ok(t) and col.add(where, lid.nr, ond, t, d, kind, scope, paras, form.name, context=s):
                    done = True
                    given.append((t, scope))
            if done and form.search:
                # several short names in one sentence: "… Ministeries van VROM (verder genoemd ’VROM’) en Verkeer
                # en Waterstaat (verder genoemd ’V&W’) …" (BWBR0007665 bijlage 3)
                for x in form.pattern.finditer(s, m.end()):
                    t = clean_term(x.group("term"), head=True, strip_article=form.strip_article)
                    if (form.accept is None or form.accept(x, s)) and _sentence_term_ok(t):
                        if d2 := form.definition_of(x, s):
                            col.add(where, lid.nr, ond, t, d2, kind, scope, [para], form.name, context=s)
            last = given
            if done:
                consumed = consumed or bool(list_text and form.takes_list) or took_para
                break
    return consumed


def _item_sentences(
    col: _Collector, lid: LidView, item: Item, loc: LegalId, nested: bool = False, fragment: bool = False
) -> None:
    """Sentence forms in the paragraphs of one list item at ``loc`` (and, ``nested``, in its sublists).

    ``fragment``: the item continues a lead sentence of a rule ("… zodanig dat: … c. de voorzitter in
    staat is de orde te handhaven"); a lower-case item is then no sentence of its own for "X is Y".
    """
    blocks = item.blocks
    for j, b in enumerate(blocks):
        nxt = blocks[j + 1] if j + 1 < len(blocks) else None
        if isinstance(b, Para):
            if b.editorial is None and not _PLACEHOLDER.search(b.text):
                skip = _FRAGMENT_FORMS if fragment and b.text[:1].islower() else frozenset()
                _sentence_definitions(col, lid, b, nxt if isinstance(nxt, ListBlock) else None, loc, item.nr, skip=skip)
        elif nested:
            _list_sentences(col, lid, b, loc)


#: Forms that need a whole sentence: not tried on a lower-case list item that continues a lead.
_FRAGMENT_FORMS = frozenset({"x_is_y"})


def _list_sentences(col: _Collector, lid: LidView, lst: ListBlock, base: LegalId) -> None:
    """Sentence forms inside the items of a list that is not itself a list of definitions:
    "a. … , hierna genoemd Commissie ETR, …", "b. … wordt onder X mede verstaan …"."""
    for item in lst.items:
        _item_sentences(col, lid, item, base.child("o", item.o), nested=True, fragment=True)


def _lead(text: str) -> tuple[str, str, str] | None:
    """``(form, kind, style)`` when a paragraph is a lead sentence that opens definitions."""
    end = text.rstrip()
    if not (end.endswith(":") or end[-5:].lower() == "onder"):
        return None  # every lead form ends in ':' or 'onder': skip the patterns
    for name, rx, kind, style, _example in LEAD_FORMS:
        m = rx.match(text)
        if m:
            return name, _kind_from_mod(m.groupdict().get("mod"), kind), style
    return None


def _table_definitions(col: _Collector, lid: LidView, table: Para, scope: Scope) -> bool:
    """A definitions table after a lead: rows of (letter,) term, definition."""
    done = False
    for row in table.rows or []:
        cells = [c for c in row if c.strip(" :")]
        if len(cells) == 3 and re.fullmatch(r"[0-9a-z]{1,3}[.°)]?", cells[0].strip(), re.IGNORECASE):
            nr, term, definition = cells[0].rstrip(".)").strip(), cells[1], cells[2]
        elif len(cells) == 2:
            nr, term, definition = "", cells[0], cells[1]
            label = _TERM_LABEL.match(norm_ws(term))
            if label:  # "a. ondernemer" in one cell: the letter is the onderdeel
                nr = label.group(0).strip().rstrip(".)°")
        else:
            continue
        term = clean_term(term)
        if _words(term) > _ITEM_TERM_MAX_WORDS or re.fullmatch(
            r"(?:begrip|term|definitie|omschrijving)\w*", term, re.I
        ):
            continue  # a header row
        loc = lid.id.child("o", nr) if nr else lid.id
        if col.add(loc, lid.nr, nr, term, definition, "explicit", scope, [table], "table_row", item=True):
            _embedded(col, loc, lid.nr, nr, term, definition, scope, [table])
            done = True
    return done


def _term_alone(text: str) -> bool:
    """A short paragraph that can only be a term over its definition: "Leerbedrijf", "„Rijn”"."""
    t = text.strip()
    return _words(t) <= 6 and not re.search(r"[.;,]$", t) and (_term_like(t) or bool(re.fullmatch(_QTERM, t)))


def _term_like(text: str) -> bool:
    """A paragraph that can be a term standing alone: no verb, no lead phrase."""
    t = text.rstrip(": ")
    return (
        bool(t)
        and not _VERBISH.search(t)
        and not re.search(r"\b(?:betekent|verstaat|betekenen|omvat|onder|tenzij|toepassing|deze|dit)\b", t, re.I)
    )


def _deemed_by(para: Para | ListBlock) -> tuple[str, str] | None:
    """``(form, kind)`` when the paragraph under a term standing alone deems: "Als X worden aangemerkt …"."""
    m = _AS_DEEMED.match(para.text) if isinstance(para, Para) else None
    return (_AS_DEEMED.name, _AS_DEEMED.kind_of(m)) if m else None


def _definition_tail(b: Para | ListBlock | None) -> bool:
    """A paragraph that ends a definition interrupted by its list: lower case, no term of its own, and
    closed by ";" or "." ("zoals deze regeling onderscheidenlijk deze wet luidden op 31 december 1996;")."""
    return (
        isinstance(b, Para)
        and b.kind == "al"
        and b.editorial is None
        and b.text[:1].islower()
        and re.search(r"[;.]\s*$", b.text) is not None
        and item_term(b) is None
    )


def _run_definitions(
    col: _Collector, lid: LidView, blocks: Sequence[Para | ListBlock], start: int, scope: Scope, kind: str
) -> int:
    """Definitions written one paragraph per term after a lead (no list markup).

    A paragraph "term: definition" (the term plain or emphasised) is one definition; a term
    alone in its paragraph ("Pilot schakelklas:", "<nadruk>Instelling</nadruk>") takes the
    next paragraph or list as its definition. Returns the index after the run.
    """
    i = start
    while i < len(blocks):
        b = blocks[i]
        if not isinstance(b, Para) or b.kind not in ("al", "tussenkop") or b.editorial is not None:
            break
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        alone = (
            b.text.rstrip().endswith(":")
            and ":" not in b.text.rstrip()[:-1]
            and _words(b.text) <= _ITEM_TERM_MAX_WORDS
            and _term_like(b.text)
        )
        alone = alone or bool(b.lead_nadruk and norm_ws(b.lead_nadruk) == b.text.rstrip(": "))
        # a heading ("2.1 Wachttijd polikliniek") or a short unpunctuated line ("de wet") over its definition
        short = _words(b.text) <= 6 and not re.search(r"[.;,]$", b.text) and _term_like(b.text)
        alone = alone or ((b.kind == "tussenkop" or short) and isinstance(nxt, (Para, ListBlock)) and nxt is not None)
        if alone and nxt is not None and not (isinstance(nxt, Para) and nxt.kind == "tussenkop"):
            definition = render([nxt])
            paras = [b, *_all_paras([nxt])]
            term = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", b.text)
            form, k = _deemed_by(nxt) or ("term_paragraph", kind)
            col.add(lid.id, lid.nr, "", clean_term(term), definition, k, scope, paras, form, item=True)
            i += 2
            continue
        found = item_term(b)
        if found is None:
            break
        term, rest, form, fkind = found
        if isinstance(nxt, ListBlock) and not re.search(r"[;.]\s*$", rest):
            # "bevoegd gezag: voor wat betreft" + a list of its cases: an unfinished definition goes on in the list,
            # and may end in a paragraph after it ("hoofdgebouw: het gebouw dat … is aangewezen ingevolge" a. … d.
            # "zoals deze regeling onderscheidenlijk deze wet luidden op 31 december 1996;", BWBR0003862 art. 1)
            after = blocks[i + 2] if i + 2 < len(blocks) else None
            tail = after if _definition_tail(after) else None
            col.add(
                lid.id,
                lid.nr,
                "",
                clean_term(term),
                " ".join(x for x in (rest.strip(), render([nxt]), tail.text if tail else "") if x),
                fkind or kind,
                scope,
                [b, *_all_paras([nxt]), *([tail] if tail else [])],
                "paragraph_" + form,
                item=True,
            )
            i += 3 if tail else 2
            continue
        col.add(lid.id, lid.nr, "", clean_term(term), rest, fkind or kind, scope, [b], "paragraph_" + form, item=True)
        i += 1
    return i


def extract_definitions(article: ArticleView, refs_of: RefsOf) -> list[Definition]:
    """All definitions in one article.

    ``refs_of(para)`` returns the resolved references of a paragraph; a definition keeps
    those whose anchor text lies inside its definition (or its defining sentence).
    """
    col = _Collector(article, refs_of)
    titled = bool(_DEFINITION_HEADING.search(article.heading))
    for lid in article.leden:
        blocks = lid.blocks
        i = 0
        while i < len(blocks):
            b = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if i == 0 and isinstance(b, ListBlock) and (titled or any(it.term for it in b.items)):
                # a definitions list with no lead sentence ("Begrippen": a list only), or <definitielijst>
                for item in b.items:
                    _item_definition(col, item, lid.id.child("o", item.o), lid.nr, item.nr, Scope(), "explicit")
                i += 1
                continue
            if i == 0 and titled and isinstance(b, Para) and b.kind == "table" and b.rows:
                # a definitions article that is a table only (letter, term, definition per row)
                if _table_definitions(col, lid, b, Scope()):
                    i += 1
                    continue
            lead = _lead(b.text) if isinstance(b, Para) else None
            if (
                titled
                and i == 0
                and isinstance(b, Para)
                and b.kind in ("al", "tussenkop")
                and b.editorial is None
                and lead is None
                and match_sentence(b.text) is None
                and not (b.text.rstrip().endswith(":") and isinstance(nxt, ListBlock))
            ):
                # a definitions article whose leden are the items: "werkgever: degene die …" per lid,
                # or the term alone in the lid's first paragraph and its definition after it
                end = _run_definitions(col, lid, blocks, 0, Scope(), "explicit")
                if end > 0:
                    i = end
                    continue
            if isinstance(b, Para) and b.editorial is None and not _PLACEHOLDER.search(b.text):
                if (
                    lead is None
                    and titled
                    and (b.text.rstrip().endswith(":") or isinstance(nxt, ListBlock))
                    and nxt is not None
                ):
                    last = _sentences(b.text)[-1] if b.text else ""
                    found = match_sentence(last)
                    # "Onder X wordt verstaan:" + list is one definition; "… verstaan onder grondgebied van:" + a
                    # list of "de Benelux: …" items is a lead (a form that matches with nothing after the colon)
                    if found is None or found[1].groupdict().get("def", "x") == "":
                        lead = ("titled_colon", "explicit", "verstaan")  # any other lead of a definitions article
                if lead is not None and nxt is not None:
                    _name, kind, style = lead
                    scope = parse_scope(b.text, article, lid.nr)
                    if isinstance(nxt, ListBlock):
                        before = len(col.out)
                        for item in nxt.items:
                            _item_definition(col, item, lid.id.child("o", item.o), lid.nr, item.nr, scope, kind, style)
                        if len(col.out) > before or (style == "verstaan" and _name != "titled_colon"):
                            i += 2
                            continue
                    elif isinstance(nxt, Para) and nxt.kind == "table" and nxt.rows:
                        if _table_definitions(col, lid, nxt, scope):
                            i += 2
                            continue
                    elif isinstance(nxt, Para) and style == "verstaan":
                        end = _run_definitions(col, lid, blocks, i + 1, scope, kind)
                        if end > i + 1:
                            i = end
                            continue
                nxt_para = nxt if isinstance(nxt, Para) and nxt.kind == "al" and b.text.rstrip().endswith(":") else None
                if _sentence_definitions(col, lid, b, nxt if isinstance(nxt, ListBlock) else None, next_para=nxt_para):
                    i += 2
                    continue
            elif isinstance(b, ListBlock):
                _list_sentences(col, lid, b, lid.id)
            i += 1
    if titled and not any(d.definition.strip() for d in col.out):
        _title_definition(col, article)
    # "Bij algemene maatregel van bestuur wordt bepaald wat onder X wordt verstaan": a delegation
    # to define X, not a definition; nothing is left of the definition text
    return [d for d in col.out if d.definition.strip()]


#: A heading that names the one term its article defines: "Definitie GGZ-aanbieder", "Definitie van
#: de term „vluchteling”", "Begripsomschrijving van het continentale plat".
_TITLE_TERM = re.compile(
    r"^\W*(?:definitie|begripsomschrijving|begripsbepaling)\s+(?:van\s+)?(?:de\s+(?:term|uitdrukking)\s+|het\s+begrip\s+)?"
    r"(?P<term>[^;:()]{2,80}?)\s*(?:\(.*)?$",
    re.IGNORECASE,
)


def _title_definition(col: _Collector, article: ArticleView) -> None:
    """A definitions article whose heading names its term and whose text is the definition, in no
    form of its own: "Artikel 2 Definitie GGZ-aanbieder — Een op basis van de WTZi toegelaten zorgaanbieder, …"."""
    m = _TITLE_TERM.match(article.heading.strip())
    if not m or not article.leden:
        return
    first = article.leden[0]
    paras = _all_paras(first.blocks)
    definition = render(first.blocks)
    term = clean_term(m.group("term"), strip_article=True)
    if paras and _sentence_term_ok(term) and not re.match(r"(?:en|de|het)\b", term, re.IGNORECASE):
        col.add(first.id, first.nr, "", term, definition, "explicit", Scope(), paras, "title_term", item=True)
