"""Where defined terms are used: definitions nobody uses, and terms borrowed from other laws.

Two checks over the provision texts of the newest version of each regeling:

* **unused definitions** — a term defined in a regeling that its own text never uses outside
  the definition itself (and outside other definitions of the same term), within the
  definition's scope where the scope is simple (the regeling; a hoofdstuk, afdeling,
  paragraaf, titeldeel or boek; listed articles; a lid). Uses outside the scope are counted
  separately, so "defined for chapter 3, only used in chapter 5" shows too;
* **implicit dependencies** — a term used in a regeling that another regeling in the corpus
  defines and this one does not: the reader needs the other law to understand the text
  (Wet op de zorgtoeslag uses *toetsingsinkomen* and *partner*, which the Awir defines "for
  this law and for income-dependent regulations").

Terms are matched as whole words with the inflection rules of
:mod:`~wetgraaf.graph.analysis.terms` (*partner/partners*, *kind/kinderen*, *regeling/
regelingen*), every word of a multi-word term stemmed and adjective endings folded
(*belastbare/belastbaar*), in one pass over the text: every provision is tokenised once and
every token position is looked up in an index of the terms by their first word, so the cost
is linear in the text and the number of terms does not multiply it (the shared corpus,
22,000 provisions and 770 terms, takes about a second per check).

Each provision is read once: a lid's text includes its onderdelen, so a provision's own text
is its text with those of its sub-provisions taken out.

Precision rules, decided by reading the output on the shared corpus (before them, 74
"unused" definitions and 260 "dependencies" in the 15 bundled laws, mostly noise):

* only terms of at least :data:`MIN_CHARS` letters, and not in :data:`GENERIC`: words that
  some law defines but every law uses in their ordinary sense ("wet", "minister", "dag",
  "jaar", "persoon", "kind", "inkomen", …);
* only term-like terms: not phrases the sentence forms picked up ("de in het eerste lid
  bedoelde arbeidsuren", "partner van", "het deelnemen aan de stemming"), and for
  "unused" only the defining kinds (an extension or a deeming modifies a term);
* a multi-word term whose words all occur in one provision counts as used (the text may
  change the word order: "buiten begrotingsverband boeken");
* implicit dependencies only where the other law's definition can reach this one and the
  use does not cite it on the spot (see :func:`implicit_dependencies`): the Wet op de
  zorgtoeslag borrowing *toetsingsinkomen* from the Awir is reported, the Werkloosheidswet
  saying *onderneming* (which the Wet IB defines; two thirds of the laws say it) is not;
* a term whose definition is itself by reference to this regeling's own text (nothing to
  borrow) is no dependency; and a regeling that defines the term under a variant (another
  inflection) defines it.

>>> idx = TermIndex({"partner": term_stems("partner"), "fiscale partner": term_stems("fiscale partner")})
>>> sorted(idx.find(tokens("De partners van de belanghebbende; zijn fiscale partner.")))
[('fiscale partner', 6), ('partner', 1), ('partner', 7)]
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from wetgraaf.graph.analysis.terms import stem, strip_accents
from wetgraaf.graph.model import normalise_term
from wetgraaf.ingest.records import Document

__all__ = [
    "TermIndex",
    "Segment",
    "tokens",
    "term_stems",
    "segments",
    "term_uses",
    "Impact",
    "term_impact",
    "NORMATIVE",
    "unused_definitions",
    "implicit_dependencies",
    "GENERIC",
    "MIN_CHARS",
]

#: terms shorter than this (letters, spaces excluded) are not matched
MIN_CHARS = 4
#: a one-word term this long (a compound) is specific enough to signal borrowing
SPECIFIC_CHARS = 10
#: how many of the most-cited regelingen count as close (see :func:`implicit_dependencies`)
CLOSE = 3
#: a term used in more than this share of the regelingen is common vocabulary (for ``cites``)
MAX_SHARE = 1 / 3
#: longer "terms" are phrases the sentence forms picked up, not names to look for
MAX_TERM_WORDS = 5
#: the kinds that define a term (extensions, restrictions and deemings modify one)
DEFINING_KINDS = ("explicit", "by_reference")
#: defined somewhere, but used everywhere in their ordinary sense
GENERIC = frozenset(
    {
        "wet",
        "minister",
        "onze minister",
        "dag",
        "dagen",
        "jaar",
        "maand",
        "week",
        "persoon",
        "werk",
        "besluit",
        "regeling",
        "bepaling",
        "artikel",
        "lid",
        "college",
        "gemeente",
        "staat",
        "rijk",
        "bedrag",
        "aanvraag",
        "verzoek",
        "beschikking",
        "bestuursorgaan",
        "inkomen",
        "arbeid",
        "kind",
        "ouder",
        "echtgenoot",
        "burgemeester",
        "raad",
        "loon",
        "uitkering",
        "verzekering",
        "woning",
        "zorg",
        "gegeven",
        "aangifte",
        "nederland",
    }
)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DELEGATED = re.compile(r"\b(?:berustende|rustende)\b|\btot (?:haar|zijn) uitvoering\b")
_ALSO = re.compile(r"\balsmede\b")
_REST = r"(?:\s+en\s+de\s+daarop\s+(?:berustende|rustende)\s+bepalingen)?(?:,?\s+alsmede\b.*)?$"
_SIMPLE = {
    "lid": re.compile(r"^(?:het|dit)\s+(?:\w+\s+)?lid" + _REST),
    "artikel": re.compile(r"^(?:dit\s+artikel|(?:de\s+)?artikel\s+[\w.:]+)" + _REST),
    "articles": re.compile(
        r"^(?:de\s+)?artikel(?:en)?\s+[\w.:]+(?:(?:,\s*|\s+en\s+|\s+tot\s+en\s+met\s+)[\w.:]+)*" + _REST
    ),
}
_CONTAINER = re.compile(
    r"^(?:deze|dit|de|het)?\s*(?:hoofdstuk|afdeling|paragraaf|titel|titeldeel|boek)\s*[\w.:]*" + _REST
)
_FUNCTION = frozenset(
    {"de", "het", "een", "van", "aan", "op", "in", "voor", "met", "en", "of", "bij", "tot", "uit", "die", "dat"}
)
_DOUBLE = re.compile(r"([aeou])\1|([b-df-hj-np-tv-z])\2$")


@lru_cache(maxsize=1 << 17)
def _stem(word: str) -> str:
    """:func:`~wetgraaf.graph.analysis.terms.stem`, then adjective endings folded: *belastbare* and
    *belastbaar*, *algemene* and *algemeen* meet (text and terms go through the same folding).

    >>> _stem("belastbare") == _stem("belastbaar"), _stem("kinderen") == _stem("kind")
    (True, True)
    """
    w = stem(word)
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return _DOUBLE.sub(lambda m: m.group(1) or m.group(2), w)


def tokens(text: str) -> list[str]:
    """Stemmed whole words of ``text``: lower case, no diacritics, hyphens split words.

    >>> tokens("De ADL-woningen van de partners")
    ['de', 'adl', 'woning', 'van', 'de', 'partner']
    """
    t = strip_accents(text.lower()).replace("-", " ").replace("/", " ")
    return [_stem(w) for w in _TOKEN.findall(t)]


def term_stems(term: str) -> tuple[str, ...]:
    """The stemmed words of a term (leading article dropped, adjective endings folded), as matched in text.

    >>> term_stems("De inkomensafhankelijke regelingen")
    ('inkomensafhankelijk', 'regeling')
    """
    return tuple(tokens(normalise_term(term)))


class TermIndex:
    """Terms by their first stemmed word (one-word terms) or their first two (longer ones): one
    set lookup per token of the text, and for a token that starts a longer term, one lookup of
    the next word, not a comparison per term (many terms start with "wet" or "onze")."""

    def __init__(self, terms: Mapping[str, Sequence[str]]) -> None:
        self._single: dict[str, list[str]] = {}
        self._multi: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for key, words in terms.items():
            if len(words) == 1:
                self._single.setdefault(words[0], []).append(key)
            elif words:
                self._multi.setdefault((words[0], words[1]), []).append((tuple(words), key))
        self._first = set(self._single) | {a for a, _ in self._multi}

    def find(self, words: Sequence[str]) -> list[tuple[str, int]]:
        """Every ``(term, position)`` whose words occur at ``position`` (overlaps allowed)."""
        out: list[tuple[str, int]] = []
        single, multi, first = self._single, self._multi, self._first
        last = len(words) - 1
        for i in [i for i, w in enumerate(words) if w in first]:
            w = words[i]
            keys = single.get(w)
            if keys:
                out.extend((key, i) for key in keys)
            if i < last:
                for seq, key in multi.get((w, words[i + 1]), ()):
                    if tuple(words[i : i + len(seq)]) == seq:
                        out.append((key, i))
        return out


@dataclass(frozen=True, slots=True)
class Segment:
    """The own text of one provision (sub-provisions taken out), with where it sits."""

    location: str  #: jci of the provision
    artikel: str
    lid: str
    container: tuple[tuple[str, str], ...]
    text: str


def _bare(jci: str) -> str:
    return re.sub(r"&g=\d{4}-\d{2}-\d{2}$", "", jci)


def segments(doc: Document) -> list[Segment]:
    """The provisions of ``doc`` (repealed ones left out), each with only its own text."""
    by_path = {p.id.path: p for p in doc.provisions}
    own = {p.id.path: p.text for p in doc.provisions}
    for p in doc.provisions:
        parent = by_path.get(p.id.path[:-1])
        if parent is not None and p.text and p.text in own[parent.id.path]:
            own[parent.id.path] = own[parent.id.path].replace(p.text, " ", 1)
    return [
        Segment(_bare(p.id.jci), p.artikel, p.lid, p.container, own[p.id.path])
        for p in doc.provisions
        if not p.repealed and own[p.id.path].strip()
    ]


def _usable(key: str) -> bool:
    return key not in GENERIC and len(key.replace(" ", "")) >= MIN_CHARS


def _uses(
    docs: Sequence[Document], terms: Mapping[str, tuple[str, ...]]
) -> dict[str, dict[str, list[tuple[Segment, int]]]]:
    """bwb_id → term key → the segments that use it, with how often (one pass over every text)."""
    index = TermIndex(terms)
    out: dict[str, dict[str, list[tuple[Segment, int]]]] = {}
    for doc in docs:
        found: dict[str, list[tuple[Segment, int]]] = defaultdict(list)
        for seg in segments(doc):
            for key, n in Counter(k for k, _ in index.find(tokens(seg.text))).items():
                found[key].append((seg, n))
        out[doc.regeling.bwb_id] = found
    return out


#: bwb_id → term key → the segments that use it, with how often
Uses = dict[str, dict[str, list[tuple[Segment, int]]]]


def term_uses(documents: Iterable[Document], g: nx.MultiDiGraph) -> Uses:
    """Where every matchable term of ``g`` is used in ``documents``: one pass over every text, for
    both checks (:func:`unused_definitions` matches these terms; :func:`implicit_dependencies` the
    term-like ones among them), so that the provisions are tokenised once, not once per check."""
    terms = {k: v for k, v in _node_stems(g).items() if _usable(k)}
    return _uses(list(documents), terms)


#: the norm types whose provisions make a term weigh: what a citizen or an agency must, may not
#: or may be made to do, and what a body may decide
NORMATIVE = frozenset({"obligation", "prohibition", "penalty", "competence"})


@dataclass(frozen=True, slots=True)
class Impact:
    """How much one regeling leans on a term: the provisions that use it, and how many of those
    are obligations, prohibitions, penalties or competences (:data:`NORMATIVE`)."""

    uses: int
    normative: int

    @property
    def weight(self) -> float:
        """``log2(1 + uses + 2 × normative)``: a definition used by many rules matters more,
        a rule that binds or empowers twice as much; logarithmic, so that one huge law does not
        outweigh many laws.

        >>> Impact(0, 0).weight, Impact(1, 1).weight, Impact(5, 5).weight
        (0.0, 2.0, 4.0)
        """
        return math.log2(1 + self.uses + 2 * self.normative)


def term_impact(documents: Iterable[Document], uses: Uses) -> dict[tuple[str, str], Impact]:
    """(bwb_id, term key) → :class:`Impact`, from :func:`term_uses` and each provision's norm type.

    A provision counts as normative when the rule the ingest classified there (the provision
    itself, or the lid or article it is part of) is one of :data:`NORMATIVE`.
    """
    out: dict[tuple[str, str], Impact] = {}
    for doc in documents:
        found = uses.get(doc.regeling.bwb_id)
        if not found:
            continue
        normative = {_bare(r.id.jci) for r in doc.rules if r.norm_type in NORMATIVE}
        for key, segs in found.items():
            n = sum(1 for seg, _ in segs if seg.location in normative)
            out[(doc.regeling.bwb_id, key)] = Impact(len(segs), n)
    return out


def _in_scope(seg: Segment, level: str, targets: Sequence[str], artikel: str) -> bool:
    if level in ("regeling", "implicit"):
        return True
    if level in ("artikel", "articles"):
        return seg.artikel in targets
    if level == "lid":
        return seg.artikel == artikel and seg.lid in targets
    return any(k == level and n in targets for k, n in seg.container)


def _simple_scope(a: Mapping[str, Any]) -> bool:
    """The regeling, or one phrase naming units of this regeling ("dit artikel", "het eerste lid",
    "hoofdstuk 3 en de daarop berustende bepalingen"); not "artikel 2, tweede lid" or "artikel 6 van
    de Wet …"."""
    level, text = a["scope_level"], a["scope_text"].strip().lower()
    if level in ("regeling", "implicit"):
        return True
    if not a["scope_targets"] or re.search(r"\bvan\s+(?:de|het|die)\b", text):
        return False
    pattern = _SIMPLE.get(level, _CONTAINER)
    return bool(pattern.match(text))


_PHRASE = re.compile(
    r"\b(?:bedoeld|bedoelde|\w*genoemd|\w*genoemde|verstaan|hetgeen|daaronder|zodanig)\b"
    r"|\s(?:van|de|het|een|op|in|aan|met|voor|bij|is|wordt|zijn|ontnom|uitsluitend|mede|tevens|ook|slechts)$"
    r"|^(?:met|krachtens|onverminderd|in|op|voor|bij|van|tot|door|aan|uit|ter|te|niet|maken|instellen)\s"
)


def _term_like(key: str, term: str = "") -> bool:
    """A name rather than a phrase the sentence forms picked up ("de in het eerste lid bedoelde …",
    "partner van", "het deelnemen aan de stemming").

    >>> _term_like("toetsingsinkomen"), _term_like("eerstgenoemde arbeid"), _term_like("x", "het uitbrengen van een stem")
    (True, False, False)
    """
    if re.match(r"(?i)het\s+\w+en\s", term.strip()):
        return False  # a verb as a noun: the text conjugates it
    return len(key.split()) <= MAX_TERM_WORDS and not _PHRASE.search(key)


def _node_stems(g: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    return {a["term_key"]: term_stems(a["term"]) for _, a in sorted(g.nodes(data=True))}


def _within(loc: str, root: str) -> bool:
    return loc == root or loc.startswith(root + "&")


def unused_definitions(
    documents: Iterable[Document], g: nx.MultiDiGraph, uses: Uses | None = None
) -> list[dict[str, Any]]:
    """Definitions whose term their own regeling never uses outside the definition, within its scope.

    ``documents`` are the newest version of each regeling and ``g`` their definitions graph.
    The definitions of the term in the regeling do not count as uses: in the provisions
    that hold them (with their sub-items), the term's occurrences in the definition texts
    and the one naming the term are subtracted, so a lid that uses a term in one sentence
    and defines it in the next ("… recht op wachtgeld heeft verkregen. Onder wachtgeld …
    wordt verstaan: …") uses it. Only the defining kinds (:data:`DEFINING_KINDS`) of
    term-like terms are checked (not "de eerstgenoemde arbeid" or "het deelnemen aan de
    stemming": a pointer and a verb phrase, which the text inflects).

    Returned per definition: the uses outside the scope (``used_outside_scope``, with up to
    five locations), whether the scope could be checked (``scope_checked``: False means the
    scope phrase was too complex and the whole regeling was searched), and whether the
    definition is also meant for other regelingen (``scope_extends``: "en de daarop
    berustende bepalingen", "alsmede in …"), where an unused term may be used after all.
    ``uses`` is :func:`term_uses` of the same documents and graph (computed when not given).
    """
    docs = {d.regeling.bwb_id: d for d in documents}
    terms = {k: v for k, v in _node_stems(g).items() if _usable(k)}
    index = TermIndex(terms)
    if uses is None:
        uses = _uses(list(docs.values()), terms)
    # (regeling, term) → definition location → occurrences that belong to the definitions there
    expected: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _, a in g.nodes(data=True):
        if a["term_key"] in terms:
            n_text = sum(k == a["term_key"] for k, _ in index.find(tokens(a["text"])))
            expected[(a["bwb_id"], a["term_key"])][_bare(a["location"])] += n_text + 1
    cache: dict[str, list[tuple[Segment, frozenset[str]]]] = {}

    def segs_of(bwb: str) -> list[tuple[Segment, frozenset[str]]]:
        """The segments of one regeling with their words (tokenised once per regeling, not once per term)."""
        if bwb not in cache:
            cache.clear()  # the definitions come sorted by regeling: one at a time is enough
            cache[bwb] = [(s, frozenset(tokens(s.text))) for s in segments(docs[bwb])]
        return cache[bwb]

    out = []
    for n, a in sorted(g.nodes(data=True)):
        key, bwb = a["term_key"], a["bwb_id"]
        if key not in terms or bwb not in docs or a["kind"] not in DEFINING_KINDS or not _term_like(key, a["term"]):
            continue
        roots = {
            r: e
            for r, e in expected[(bwb, key)].items()
            if not any(_within(r, o) and r != o for o in expected[(bwb, key)])
        }
        real: list[Segment] = [s for s, _ in uses[bwb].get(key, []) if not any(_within(s.location, r) for r in roots)]
        for root, exp in roots.items():
            found = [(s, c) for s, c in uses[bwb].get(key, []) if _within(s.location, root)]
            if sum(c for _, c in found) > exp:
                real.append(found[0][0])
        simple = _simple_scope(a)
        inside = [s for s in real if not simple or _in_scope(s, a["scope_level"], a["scope_targets"], a["artikel"])]
        if inside:
            continue
        words = set(terms[key]) - _FUNCTION
        if len(terms[key]) > 1 and words:
            # a multi-word term may be used in another word order ("buiten begrotingsverband
            # boeken" for "boeken buiten begrotingsverband"): all its words in one provision
            # outside the definitions counts as a use
            loose = [
                s
                for s, seg_words in segs_of(bwb)
                if words <= seg_words
                and not any(_within(s.location, r) for r in roots)
                and (not simple or _in_scope(s, a["scope_level"], a["scope_targets"], a["artikel"]))
            ]
            if loose:
                continue
        out.append(
            {
                "definition": n,
                "term": a["term"],
                "term_key": key,
                "kind": a["kind"],
                "bwb_id": bwb,
                "title": a["title"],
                "location": a["location"],
                "scope": a["scope_text"],
                "scope_checked": simple,
                "scope_extends": bool(_DELEGATED.search(a["scope_text"]) or _ALSO.search(a["scope_text"])),
                "used_outside_scope": len(real),
                "outside_scope_examples": [s.location for s in real[:5]],
                "url": a["url"],
            }
        )
    return out


def _cited(doc: Document) -> tuple[dict[str, set[str]], list[str], str | None]:
    """Provision (bare jci) → the other regelingen it cites (``""`` → all of them); the
    :data:`CLOSE` regelingen it cites most; and the parent regeling of a lower regulation, the
    one it cites most (``None`` for a wet)."""
    out: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    me = doc.regeling.bwb_id
    for r in doc.references:
        if r.target is not None and r.target.bwb_id != me:
            out[_bare(r.source.jci)].add(r.target.bwb_id)
            out[""].add(r.target.bwb_id)
            counts[r.target.bwb_id] += 1
    close = [b for b, _ in counts.most_common(CLOSE)]
    lower = doc.regeling.soort.lower() != "wet" and counts
    return out, close, (close[0] if lower else None)


def _specific(key: str, share: float, max_share: float) -> bool:
    """Specific enough that using it signals borrowing: several words or a long compound, and not common."""
    return (" " in key or len(key) >= SPECIFIC_CHARS) and share <= max_share


def implicit_dependencies(
    documents: Iterable[Document], g: nx.MultiDiGraph, max_share: float = MAX_SHARE, uses: Uses | None = None
) -> list[dict[str, Any]]:
    """Terms a regeling uses that another regeling defines and it does not.

    ``documents`` are the newest version of each regeling and ``g`` their definitions graph.
    A use counts when the provision does not itself cite the defining regeling ("partner als
    bedoeld in artikel 3 van de Awir" is an explicit reference, not an implicit one), and the
    defining regeling can reach the using one (``basis``):

    * ``scope`` — the definition's scope names other regelingen ("alsmede in
      inkomensafhankelijke regelingen") and the defining regeling is among the
      :data:`CLOSE` the using one cites most (that is how it is one of them: the Wet op de
      zorgtoeslag and the Wet kinderopvang cite the Awir most; the Zorgverzekeringswet,
      which cites it twice and uses *vreemdeling* in its own sense, is not); or the scope
      includes "de daarop berustende bepalingen" and the using regeling is a lower
      regulation resting on the defining law (not a wet, and the law it cites most: the
      Uitvoeringsregeling Awir and the Awir, not a COVID-19 beleidsregel and the Wet IB);
    * ``cites`` — the using regeling cites the defining one somewhere and the term is
      specific: two or more words, or a compound of at least :data:`SPECIFIC_CHARS` letters
      (*toetsingsinkomen*, *berekeningsjaar*; not *lichaam*, *winst*, *houder*), and used
      in at most ``max_share`` of the regelingen (*onderneming*, *instelling*,
      *verordening*, *dienstbetrekking* are in two thirds of the bundled laws: common
      vocabulary, not a borrowed concept).

    One record per (using regeling, term): the uses without a reference (count, up to five
    locations) and the definitions that reach it. ``uses`` is :func:`term_uses` of the same
    documents and graph (computed when not given; only the term-like terms are read from it).
    """
    docs = {d.regeling.bwb_id: d for d in documents}
    terms = {k: v for k, v in _node_stems(g).items() if _usable(k) and _term_like(k)}
    defined_in: dict[str, set[str]] = defaultdict(set)
    # term → defining regeling → its definitions: a regeling is only reached by the regelingen it
    # cites, so only those are looked at (going through every definition of the term, for every
    # regeling that uses it, took minutes on the whole BWB: 713 laws define "ondernemer")
    definitions_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for n, a in sorted(g.nodes(data=True)):
        defined_in[a["term_key"]].add(a["bwb_id"])
        definitions_of[a["term_key"]][a["bwb_id"]].append(n)
    if uses is None:
        uses = _uses(list(docs.values()), terms)
    else:
        uses = {b: {k: v for k, v in found.items() if k in terms} for b, found in uses.items()}
    df: dict[str, int] = defaultdict(int)
    for found in uses.values():
        for key in found:
            df[key] += 1
    out = []
    for bwb in sorted(docs):
        cited, close, parent = _cited(docs[bwb])
        for key, segs in sorted(uses[bwb].items()):
            if bwb in defined_in[key]:
                continue
            reach: list[dict[str, Any]] = []
            used_at: set[str] = set()
            for n in sorted(n for src in defined_in[key] & cited[""] for n in definitions_of[key][src]):
                a = g.nodes[n]
                src = a["bwb_id"]
                if src == bwb or src not in cited[""] or a["kind"] not in DEFINING_KINDS:
                    continue
                if any(t and t.startswith(f"jci1.3:c:{bwb}&") for t in a["targets"]):
                    continue  # a definition that borrows from this regeling
                scope = a["scope_text"]
                basis = [
                    *(
                        ["scope"]
                        if (src in close and _ALSO.search(scope)) or (src == parent and _DELEGATED.search(scope))
                        else []
                    ),
                    *(["cites"] if _specific(key, df[key] / len(docs), max_share) else []),
                ]
                implicit = [x.location for x, _ in segs if src not in cited.get(x.location, ())]
                if basis and implicit:
                    used_at.update(implicit)
                    reach.append(
                        {
                            "definition": n,
                            "term": a["term"],
                            "bwb_id": src,
                            "title": a["title"],
                            "kind": a["kind"],
                            "location": a["location"],
                            "scope": scope,
                            "basis": basis,
                        }
                    )
            if reach:
                where = sorted(used_at, key=[x.location for x, _ in segs].index)
                out.append(
                    {
                        "bwb_id": bwb,
                        "title": docs[bwb].regeling.citeertitel,
                        "term_key": key,
                        "uses": len(where),
                        "used_at": where[:5],
                        "defined_in": sorted({r["bwb_id"] for r in reach}),
                        "definitions": reach,
                    }
                )
    return out
