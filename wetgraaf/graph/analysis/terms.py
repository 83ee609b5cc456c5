"""Term normalisation: when are two written terms "the same term"?

Case, whitespace, quotes, a leading article, diacritics and hyphens are ignored, and the
last word is reduced to a stem so that Dutch plural and inflection variants meet:
*partner/partners*, *kind/kinderen*, *gehuwd/gehuwde/gehuwden*, *woning/woningen*.
The stemmer is deliberately small and conservative; irregular plurals are listed.

>>> term_key("De partners")
'partner'
>>> term_key("kinderen") == term_key("kind")
True
>>> term_key("Gehuwden") == term_key("gehuwde") == term_key("gehuwd")
True
>>> term_key("ADL-woning") == term_key("adl woningen")
True
>>> term_key("inkomen"), term_key("verzamelinkomen")
('inkomen', 'verzamelinkomen')
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

from wetgraaf.graph.model import normalise_term

__all__ = ["term_key", "stem", "strip_accents"]


@cache
def _combining() -> re.Pattern[str]:
    """Every combining character (``unicodedata.combining(ch) != 0``) as one character class
    (built on first use: scanning the code points takes a third of a second)."""
    codes = [c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]+")


def strip_accents(text: str) -> str:
    """``text`` in NFKD with the combining characters removed (*reïntegratie* → *reintegratie*).

    The same as ``"".join(ch for ch in NFKD(text) if not unicodedata.combining(ch))``, as one
    regex substitution instead of a Python call per character (the usage checks fold every
    provision of the corpus), and ASCII text is returned as it is.

    >>> strip_accents("coördinatie, één, café")
    'coordinatie, een, cafe'
    """
    if text.isascii():
        return text
    return _combining().sub("", unicodedata.normalize("NFKD", text))


_IRREGULAR = {
    "kinderen": "kind",
    "kinders": "kind",
    "eieren": "ei",
    "bladeren": "blad",
    "steden": "stad",
    "schepen": "schip",
    "lidstaten": "lidstaat",
    "staten": "staat",
    "zaken": "zaak",
    "jaren": "jaar",
    "gegevens": "gegeven",
    "ouders": "ouder",
    "personen": "persoon",
    "organen": "orgaan",
    "lichamen": "lichaam",
    "instellingen": "instelling",
}
#: singular nouns that end in -en (not plurals)
_SINGULAR_EN = frozenset(
    {"inkomen", "vermogen", "leven", "wezen", "teken", "examen", "verlangen", "belang", "volgen", "ontvangen", "wegen"}
)
_VOWELS = set("aeiouy")
#: singular nouns that end in -es (their -s is no plural): *raad van advies*, *werkproces*,
#: *woonadres*, *pluimveevlees*, *BES* (Bonaire, Sint Eustatius en Saba), counted among the
#: terms of the whole 2012 BWB that end in -es
_SINGULAR_ES = ("advies", "proces", "adres", "vlees", "verlies", "wees", "bes", "kies", "vrees", "fles")


def stem(word: str) -> str:
    """A conservative Dutch stem for the last word of a term.

    >>> [stem(w) for w in ("partners", "woningen", "mannen", "gehuwden", "gehuwde", "burgerservicenummer")]
    ['partner', 'woning', 'man', 'gehuwd', 'gehuwd', 'burgerservicenummer']
    >>> [stem(w) for w in ("commissies", "transacties", "advies", "werkproces", "woonadres")]
    ['commissie', 'transactie', 'advies', 'werkproces', 'woonadres']
    >>> [stem(w) for w in ("rechtspersonen", "programmas", "ouderen", "tuinen", "woningen")]
    ['rechtspersoon', 'programmas', 'ouder', 'tuin', 'woning']
    """
    w = word
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _SINGULAR_EN or w.endswith(("inkomen", "vermogen")):
        return w
    if w.endswith(_SINGULAR_ES):
        return w
    if w.endswith("'s") and len(w) > 4:
        return w[:-2]
    if len(w) > 5 and w.endswith("en") and w[-3] not in _VOWELS:
        base = w[:-2]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
            base = base[:-1]  # mannen → man, bedden → bed
        elif len(base) > 3 and base[-1] not in _VOWELS and base[-2] in "aou" and base[-3] not in _VOWELS:
            base = base[:-1] + base[-2] + base[-1]  # rechtspersonen → rechtspersoon, ondernemersorganen → …orgaan
        return base
    if len(w) > 4 and w.endswith("s") and w[-2] in "lnret":
        return w[:-1]  # partners, werknemers, ouders
    if len(w) > 5 and w.endswith("e") and w[-2] in "dt":
        return w[:-1]  # gehuwde → gehuwd, bedoelde → bedoeld
    return w


def term_key(term: str) -> str:
    """The key under which definitions of the same term meet (see the module docstring).

    It extends :func:`wetgraaf.graph.model.normalise_term` (case, whitespace, quotes, a
    leading article, diacritics) with hyphens and the stem of the last word.
    """
    t = re.sub(r"[-/]", " ", normalise_term(term))
    words = re.findall(r"[a-z0-9']+", t)
    if not words:
        return t
    words[-1] = stem(words[-1])
    return " ".join(words)
