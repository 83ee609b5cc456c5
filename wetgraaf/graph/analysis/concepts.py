"""Concepts: what one regeling means by a term, and how each law builds its concept on another's.

Dutch law rarely defines a concept from scratch. It takes another law's definition ("partner
als bedoeld in artikel 3 van de Awir"), widens it ("onder partner wordt mede verstaan"),
narrows it ("in afwijking van artikel 5a van de AWR wordt niet als partner aangemerkt") or
deems ("wordt gelijkgesteld met"). Comparing every lid that mentions a term with every other
lid reports the parts of one concept as rivals; here they are put together first.

A :class:`Concept` is what one regeling (within one scope) means by a term: its base
definition(s) plus every modification that applies to it, each a :class:`Part` with its
location (a :class:`~wetgraaf.identity.LegalId`), the extractor's kind and the *role* it plays:

``base``
    the regeling's own definition ("partner: …", "Als partner wordt aangemerkt: a. …" when
    nothing else defines the term there);
``takeover``
    a definition by reference to another regeling ("de persoon bedoeld in artikel 5a van de
    AWR"); what it adds after the reference ("…, met uitzondering van …", "…, met dien verstande
    dat …") is its ``tail`` and decides its effect;
``reference``
    a pointer within the regeling ("partner: de persoon bedoeld in artikel 3"): it joins the
    concept defined there and adds nothing;
``extension`` / ``restriction`` / ``modification``
    "mede verstaan", "ook als … aangemerkt", "wordt gelijkgesteld met" widen; "niet verstaan",
    "niet (meer) als … aangemerkt", "slechts/alleen … als … aangemerkt" narrow; a definition that
    replaces another's ("in afwijking van artikel 1, onderdeel d, van het besluit wordt onder
    afnemer verstaan: …") or changes it both ways modifies.

A part builds on another regeling through its :class:`Basis`: a by-reference definition takes
the cited definition over (``takes_over``); a lead phrase before a reference says how the part
relates to what it cites: "in aanvulling op" and "onverminderd" (``supplements``), "in afwijking
van" (``departs_from``), "met inachtneming van" (``subject_to``). The phrase is read in the
sentence of the provision that holds the definition, immediately before the reference anchor
("In afwijking van artikel 5a van de AWR en het eerste lid …": both anchors depart).

Parts of one regeling and term form concepts by scope: a part whose scope is written ("dit
hoofdstuk", "artikel 12") belongs to the concept of that scope; a part without a scope phrase
joins the concept of the definition it refers to ("in afwijking van het eerste lid"), else the
concept whose scope contains it, else the regeling-wide one.

:func:`relate_concepts` then says how concepts relate, as a :class:`ConceptRelation` with a
direction, the parts that make it so and a sentence a jurist would write:

* **lineage** (``a`` builds on ``b``): ``same`` (takes it over and adds nothing), ``extends``,
  ``restricts``, ``modifies`` (both, or a replacement) — "Wet inkomstenbelasting 2001 art. 1.2
  neemt het begrip partner van Algemene wet inzake rijksbelastingen art. 5a over, breidt het
  uit (lid 1 en 2) en beperkt het (lid 4).";
* **independent** concepts (neither builds on anything): ``same`` (the same text), ``divergent``
  (their content differs), ``scoped_apart`` (two scopes of one regeling), ``naming`` (both
  designate a body or act by its name, a different one in each law by design: see
  :func:`is_designation`);
* **related** concepts of *different* terms that build on the same provision of another law
  (one concept, different words: "partner" in one law, "echtgenoot … mede aangemerkt" in
  another, both on AWR art. 5a): shown with that provision as evidence, not scored.

Only the newest version of each regeling is used: versions of one law are changes over time
(:mod:`~wetgraaf.graph.analysis.versions`), never relations between concepts.

>>> is_designation("Onze Minister van Sociale Zaken en Werkgelegenheid")
True
>>> is_designation("degene die op hetzelfde woonadres staat ingeschreven")
False
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any
from urllib.parse import quote

from wetgraaf.graph.analysis.pairs import LISTED_VARIANTS, NEAR_DUPLICATE, _may_relate, word_diff
from wetgraaf.graph.analysis.terms import stem, term_key
from wetgraaf.identity import LegalId
from wetgraaf.ingest.records import Definition, Document, Provision, Scope

__all__ = [
    "Basis",
    "Part",
    "Concept",
    "ConceptRelation",
    "RelationList",
    "ROLES",
    "HOW",
    "RELATIONS",
    "concept_parts",
    "build_concepts",
    "relate_concepts",
    "is_designation",
    "designated_name",
    "adds_to_term",
    "addition_signature",
    "regeling_name",
    "resolve_basis",
    "outermost",
    "lineage_relation",
    "compare_independent",
    "naming_terms",
    "text_signature",
    "meaning_signature",
    "concept_fragment",
    "concept_locations",
    "cite",
]

#: what a part does to its concept (see the module docstring)
ROLES: tuple[str, ...] = ("base", "takeover", "reference", "extension", "restriction", "modification")
#: how a part builds on what it cites in another regeling
HOW: tuple[str, ...] = ("takes_over", "supplements", "departs_from", "subject_to")
#: relations between concepts
RELATIONS: tuple[str, ...] = (
    "same",
    "extends",
    "restricts",
    "modifies",
    "divergent",
    "scoped_apart",
    "naming",
    "related",
)


# ----------------------------------------------------------------------------- records
#: a written scope: level, the numbers of its units, and for a lid the article it is in
ScopeKey = tuple[str, tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class Basis:
    """What a part cites and builds on, and how (one of :data:`HOW`)."""

    target: LegalId  #: the cited location, as resolved by the ingest
    how: str
    anchor: str  #: the reference as written ("artikel 5a van de Algemene wet inzake rijksbelastingen")


@dataclass(frozen=True, slots=True)
class Part:
    """One definition as a part of a concept."""

    key: str  #: the definition's key in the definitions graph
    location: LegalId
    term: str
    kind: str  #: the extractor's kind (explicit, by_reference, extension, restriction, deeming)
    role: str  #: one of :data:`ROLES`
    text: str
    scope: Scope
    basis: tuple[Basis, ...] = ()  #: what it builds on in other regelingen
    own: tuple[LegalId, ...] = ()  #: places in its own regeling it refers to (the parts it modifies)
    tail: str = ""  #: for a takeover: the words after the reference
    form: str = ""  #: the sentence form the extractor read it in
    #: its scope is written as a lead ("Voor de toepassing van het tweede lid wordt …"), not read
    #: from a reference inside the sentence ("de werknemer … als bedoeld in het eerste lid")
    scoped: bool = False

    @property
    def effect(self) -> str:
        """What the part does to a concept it builds on: ``takes_over``, ``extends``,
        ``restricts``, ``modifies``, ``defines`` (an own base) or ``refers``."""
        if self.role == "takeover":
            return _tail_effect(self.tail)
        if self.role == "base":
            hows = {b.how for b in self.basis}
            return "extends" if hows == {"supplements"} else "defines"
        return {
            "reference": "refers",
            "extension": "extends",
            "restriction": "restricts",
            "modification": "modifies",
        }[self.role]

    def as_row(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "location": self.location.jci,
            "term": self.term,
            "kind": self.kind,
            "role": self.role,
            "effect": self.effect,
            "basis": [{"target": b.target.jci, "how": b.how, "anchor": b.anchor} for b in self.basis],
            "own": [x.jci for x in self.own],
            "tail": self.tail,
        }


@dataclass(slots=True)
class Concept:
    """What one regeling (within one scope) means by a term."""

    id: str
    regeling: LegalId  #: the regeling in the version used (BWB id + version date)
    title: str
    term: str  #: as written in its first defining part
    term_key: str
    scope: Scope
    parts: list[Part] = field(default_factory=list)
    naming: bool = False  #: its definition designates one body or act by name (:func:`is_designation`)
    #: its term is a naming term: most of the term's concepts in the corpus are designations
    #: (:data:`NAMING_SHARE`), so what it designates here has no bearing on other laws
    naming_term: bool = False
    #: the written scope it holds for, ``None`` for the regeling as a whole
    scope_key: ScopeKey | None = None
    #: concept id → the (part, basis) links that land there
    based_on: dict[str, list[tuple[Part, Basis]]] = field(default_factory=dict)
    #: links that land on no concept: the cited regeling is not in the corpus, or defines nothing there
    dangling: list[tuple[Part, Basis]] = field(default_factory=list)

    @property
    def bwb_id(self) -> str:
        return self.regeling.bwb_id

    @property
    def root(self) -> bool:
        """Builds on nothing: no part cites another regeling, and it is more than a pointer
        ("kind: de persoon bedoeld in artikel 4" with nothing defined there)."""
        if self.based_on or self.dangling or any(p.basis for p in self.parts):
            return False
        return any(p.role != "reference" for p in self.parts)

    @property
    def base_parts(self) -> list[Part]:
        return [p for p in self.parts if p.role in ("base", "takeover")]

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "bwb_id": self.bwb_id,
            "version": self.regeling.version.isoformat() if self.regeling.version else None,
            "title": self.title,
            "term": self.term,
            "term_key": self.term_key,
            "scope": self.scope.text,
            "scope_level": self.scope.level,
            "naming": self.naming,
            "parts": [p.as_row() for p in self.parts],
            "based_on": sorted(self.based_on),
            "dangling": [{"part": p.key, "target": b.target.jci, "how": b.how} for p, b in self.dangling],
        }


@dataclass(slots=True)
class ConceptRelation:
    """How concept ``a`` relates to concept ``b``.

    For a lineage relation (``basis == "reference"``) ``a`` builds on ``b``: "``a`` extends
    ``b``". ``parts`` names the locations that make it so, by what they do: ``takes_over``,
    ``extends``, ``restricts``, ``modifies`` (parts of ``a``) and ``base`` (what ``a`` cites in
    ``b``, or ``b``'s defining parts).
    """

    a: str
    b: str
    term_key: str
    relation: str  #: one of :data:`RELATIONS`
    #: ``reference`` (a builds on b), ``text`` (texts compared), ``scope``, or ``shared_reference``
    #: (a and b build on one provision: ``related``)
    basis: str
    reason: str
    parts: dict[str, tuple[LegalId, ...]] = field(default_factory=dict)
    naming: bool = False  #: both designate by name: shown, never scored
    evidence: dict[str, Any] = field(default_factory=dict)
    #: two treaties that each define the term themselves: every treaty's text is negotiated with
    #: its own parties (the *grondgebied*, *luchtvaartautoriteit* and *bevoegde autoriteit* of
    #: each air-services or tax treaty), so that they differ is no finding a Dutch
    #: simplification team can act on: shown, never scored
    negotiated: bool = False

    @property
    def scored(self) -> bool:
        """Whether the relation counts in a cluster's score (not naming, not scoped apart, not
        between two treaties' own texts)."""
        return not self.naming and not self.negotiated and self.relation not in ("scoped_apart", "related")

    @property
    def modifying_parts(self) -> int:
        """How many parts of ``a`` change ``b``'s concept (extend, restrict or modify it)."""
        return sum(len(self.parts.get(k, ())) for k in ("extends", "restricts", "modifies"))

    def as_row(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "term_key": self.term_key,
            "relation": self.relation,
            "basis": self.basis,
            "reason": self.reason,
            "parts": {k: [x.jci for x in v] for k, v in self.parts.items()},
            "naming": self.naming,
            "negotiated": self.negotiated,
            "evidence": self.evidence,
        }


class RelationList(list[ConceptRelation]):
    """The relations of :func:`relate_concepts`, and per term how many divergent pairs of
    independent texts were counted but not listed (a term with more than
    :data:`~wetgraaf.graph.analysis.pairs.LISTED_VARIANTS` texts)."""

    unlisted: dict[str, int]

    def __init__(self, relations: Iterable[ConceptRelation] = (), unlisted: dict[str, int] | None = None) -> None:
        super().__init__(relations)
        self.unlisted = unlisted or {}


# ----------------------------------------------------------------------------- reading the text
_WORD = re.compile(r"[a-zà-ÿ0-9°]+(?:[-'][a-zà-ÿ0-9]+)*")
#: a sentence ends at a full stop followed by a capital (list labels "a." are followed by lower case)
_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ0-9)\]])\.\s+(?=[A-Z])")
_ART = r"(?:\s+(?:de|het|die|dat))?"  # "in afwijking van de Werkloosheidswet": the anchor is the title
_HOW_BEFORE = [
    (
        "supplements",
        re.compile(rf"\b(?:in\s+aanvulling\s+op|onverminderd)(?:\s+het\s+bepaalde\s+(?:in|bij))?{_ART}\s*$", re.I),
    ),
    (
        "departs_from",
        re.compile(rf"\bin\s+afwijking\s+(?:van|op)(?:\s+het\s+bepaalde\s+(?:in|bij))?{_ART}\s*$", re.I),
    ),
    ("subject_to", re.compile(rf"\bmet\s+inachtneming\s+van(?:\s+het\s+bepaalde\s+(?:in|bij))?{_ART}\s*$", re.I)),
    (
        "takes_over",
        re.compile(
            r"(?:\b(?:als|zoals)?\s*bedoeld\s+(?:in|bij)|\bin\s+de\s+zin\s+van|\bingevolge|\bop\s+grond\s+van|"
            r"\bgenoemd\s+in|\bomschreven\s+in|\bvermeld\s+in|\bverstaan\s+in|\boverigens\s+in|"
            rf"\b(?:de|het|die)\s+in|\bkrachtens){_ART}\s*$",
            re.I,
        ),
    ),
]
#: between two anchors of one phrase: "in afwijking van artikel 5a … en het eerste lid"
_ANCHOR_GAP = re.compile(r"\s*,?\s*(?:en|of|alsmede|onderscheidenlijk|dan\s+wel)?\s*,?\s*", re.I)
_RESTRICT_TAIL = re.compile(
    r"^(?:met\s+uitzondering\s+van|uitgezonderd|niet\s+zijnde|tenzij|voor\s*zover|mits|indien|behoudens|"
    r"uitsluitend|slechts|doch\s+niet|maar\s+niet|die|dat|welke|waarvan|waarin|waarbij|wiens|wier|voor\s+wie|"
    r"met\s+betrekking\s+tot|ten\s+aanzien\s+van)\b",
    re.I,
)
_EXTEND_TAIL = re.compile(
    r"^(?:alsmede|daaronder\s+begrepen|waaronder\s+(?:mede\s+)?begrepen|met\s+inbegrip\s+van|mede|"
    r"of|dan\s+wel|en\s+(?:de|het|een)|ook|eveneens|tevens)\b",
    re.I,
)
_MODIFY_TAIL = re.compile(r"^(?:met\s+dien\s+verstande|met\s+toepassing\s+van)\b", re.I)
#: the end of the reference phrase, not an addition: "degene die ingevolge artikel 5a … als partner wordt aangemerkt"
_CLOSING_TAIL = re.compile(
    r"(?:als\s+[\w\s'-]{1,40}?\s+)?(?:wordt|worden|is|zijn)\s+(?:aangemerkt|beschouwd|verstaan|bedoeld)"
    r"|(?:als\s+zodanig\s+)?(?:is|zijn)\s+(?:aangewezen|ingesteld|genoemd)|wordt\s+verstaan|bedoelde?\s+[\w\s-]{1,40}"
    # a static reference takes the text over as it read then; a second clause is another definition
    r"|,?\s*zoals\s+(?:die|dat|deze)\s+(?:bepaling|artikel|onderdeel|lid|wet|regeling)?\s*luidde\b.*"
    r"|,?\s*en\s+(?:wordt|worden)\s+(?:als|onder)\b.*",
    re.I,
)
_NARROW = re.compile(r"\b(?:niet(?:\s+meer)?|geen|slechts|alleen|uitsluitend|enkel)\b")
_WIDEN = re.compile(r"\b(?:ook|mede|eveneens|tevens|wel|gelijkgesteld|gelijk\s+gesteld)\b")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_ARTICLE_WORDS = frozenset({"een", "de", "het"})


def _forms(text: str) -> list[str]:
    """The words of ``text`` as they are compared between laws: articles left out and every word
    stemmed (:func:`~wetgraaf.graph.analysis.terms.stem`), so that one clause written in the
    singular and in the plural ("een rechtspersoon, een maat- en vennootschap" / "rechtspersonen,
    maat- en vennootschappen") is the same clause.

    >>> _forms("een rechtspersoon, een maat- en vennootschap") == _forms("rechtspersonen, maat- en vennootschappen")
    True
    """
    return [stem(w) for w in _words(text) if w not in _ARTICLE_WORDS]


def _tail_effect(tail: str) -> str:
    """What the words after a takeover's reference do to the concept taken over.

    >>> _tail_effect(""), _tail_effect(", met uitzondering van de aspirant")
    ('takes_over', 'restricts')
    >>> _tail_effect(", met dien verstande dat voor «berekeningsjaar» gelezen wordt: peiljaar")
    'modifies'
    >>> _tail_effect(", alsmede de echtgenoot")
    'extends'
    """
    t = tail.strip().lstrip(",;").strip()
    if len(_words(t)) < 2 or re.fullmatch(r"\(?Stb\.[^)]*\)?", t) or _CLOSING_TAIL.fullmatch(t):
        return "takes_over"
    if _MODIFY_TAIL.match(t):
        return "modifies" if not re.search(r"\bmede\b", t) else "extends"
    if _EXTEND_TAIL.match(t):
        return "extends"
    if _RESTRICT_TAIL.match(t):
        return "restricts"
    return "modifies"


def _provision_text(by_path: dict[tuple[tuple[str, str], ...], Provision], loc: LegalId) -> str:
    """The text of the lid (or article) that holds ``loc``: a lid's text includes its onderdelen,
    so the lead sentence of a list item is there too."""
    path = loc.path
    for i, (k, _) in enumerate(path):
        if k == "lid":
            p = by_path.get(path[: i + 1])
            if p is not None:
                return p.text
    for n in range(len(path), 0, -1):
        p = by_path.get(path[:n])
        if p is not None and p.kind != "onderdeel":
            return p.text
    p = by_path.get(path)
    return p.text if p is not None else ""


def _sentence(text: str, definition: str) -> str:
    """The sentence of ``text`` in which ``definition`` stands (the lead included); the
    definition itself when it cannot be found."""
    t = " ".join(text.split())
    d = " ".join(definition.split())
    probe = d[:60]
    i = t.find(probe) if probe else -1
    if i < 0:
        return d
    start = 0
    for m in _SENTENCE_END.finditer(t, 0, i):
        start = m.end()
    end = i + len(d)
    m = _SENTENCE_END.search(t, end)
    return t[start : m.start() + 1 if m else len(t)]


def _hows(sentence: str, anchors: Sequence[str]) -> dict[str, str]:
    """anchor → how the sentence builds on it, from the words just before it (see module docs)."""
    found: list[tuple[int, int, str]] = []
    for a in dict.fromkeys(anchors):
        if not a:
            continue
        i = sentence.find(a)
        if i >= 0:
            found.append((i, i + len(a), a))
    found.sort()
    out: dict[str, str] = {}
    last_end, last_how = -1, ""
    for i, j, a in found:
        how = ""
        if last_how and i >= last_end and _ANCHOR_GAP.fullmatch(sentence[last_end:i]):
            how = last_how
        else:
            before = sentence[max(0, i - 80) : i]
            how = next((h for h, rx in _HOW_BEFORE if rx.search(before)), "")
        if how:
            out[a] = how
        last_end, last_how = j, how
    return out


def _role(d: Definition, sentence: str, hows: dict[str, str]) -> str:
    """The role of a definition, before its concept is known (plain deemings are settled later:
    ``deeming`` here)."""
    kind = d.kind
    low = sentence.lower()
    term = re.escape(d.term.lower())
    if kind == "by_reference":
        return "takeover"
    if kind == "extension":
        return "extension"
    if kind == "restriction":
        return "restriction"
    if kind == "explicit":
        # the extractor may miss a modification written as a lead: "wordt … mede verstaan onder X"
        if re.search(r"\b(?:mede|tevens|eveneens|ook)\s+verstaan\b", low):
            return "extension"
        if re.search(rf"\bniet\s+(?:wordt\s+)?verstaan\b.*\b{term}\b|\b{term}\b.*\bniet\s+verstaan\b", low):
            return "restriction"
        if "departs_from" in hows.values() and not {"supplements", "takes_over"} & set(hows.values()):
            return "modification"
        return "base"
    # deeming: "wordt (niet/ook/slechts) als X aangemerkt", "wordt gelijkgesteld met X"
    around = low
    m = re.search(rf"\b(?:als|tot|met)\s+(?:een\s+|de\s+|het\s+)?{term}\b", low)
    if m:
        around = low[max(0, m.start() - 90) : m.end()]
    if _NARROW.search(around) and not re.search(r"\bwel\b", around):
        return "restriction"
    if _WIDEN.search(around) or "supplements" in hows.values():
        return "extension"
    return "deeming"


def _written_scope(sentence: str, scope: Scope) -> bool:
    """Whether a scope below the regeling is written as a lead. The extractor also reads a scope
    from "… als bedoeld in het eerste lid …" (Werkloosheidswet art. 77a lid 3); a lead reads "Voor
    de toepassing van het tweede lid", "In dit hoofdstuk", "In het geval, bedoeld in artikel 2,
    tweede lid, …".

    >>> _written_scope("Voor de toepassing van het tweede lid wordt als werkgever aangemerkt degene", Scope("het tweede lid", "lid", ("2",)))
    True
    >>> _written_scope("De werknemer aan wie toestemming is verleend als bedoeld in het eerste lid wordt geacht werknemer te zijn", Scope("het eerste lid", "lid", ("1",)))
    False
    """
    if scope.level in ("implicit", "regeling"):
        return False
    i = sentence.find(scope.text) if scope.text else -1
    if i < 0:
        return True
    before = sentence[max(0, i - 40) : i].lower()
    if re.search(r"bedoeld\s+(?:in|bij)\s*$", before):
        return bool(re.match(r"\s*(?:in\s+(?:het|de)\s+gevall?e?n?|ingeval)\b", sentence.lower()))
    return True


def _names_itself(d: Definition, anchor: str) -> bool:
    """An explicit definition that opens with its own term and a reference is a takeover:
    "werknemer: de werknemer in de zin van de Werkloosheidswet, de Ziektewet, …" (the extractor
    calls a pointer by_reference only when nothing follows it).

    >>> from wetgraaf.ingest.records import Scope
    >>> d = Definition(LegalId("BWBR0017745"), "werknemer", "de werknemer in de zin van de Werkloosheidswet", "explicit", Scope(), (), "1", "", "o", "")
    >>> _names_itself(d, "Werkloosheidswet")
    True
    """
    i = d.definition.find(anchor)
    if i < 0:
        return False
    head = _HOW_BEFORE[-1][1].sub("", d.definition[:i]).strip(" ,")
    return bool(head) and term_key(head) == term_key(d.term)


def concept_parts(doc: Document) -> list[Part]:
    """Every definition of ``doc`` as a :class:`Part`, with its role and what it builds on.

    Roles of plain deemings ("Als partner wordt aangemerkt: …") are ``base`` or ``extension``
    depending on the concept they end up in (:func:`build_concepts`); here they are ``deeming``.
    """
    by_path = {p.id.path: p for p in doc.provisions}
    own_bwb = doc.regeling.bwb_id
    out = []
    from wetgraaf.graph.analysis.network import keyed_definitions  # networkx: not for the web's typed rows

    for key, d in keyed_definitions(doc):
        sentence = _sentence(_provision_text(by_path, d.id), d.definition)
        if d.definition and d.definition not in sentence:
            sentence = f"{sentence} {d.definition}"
        hows = _hows(sentence, [r.text for r in d.refs])
        role = _role(d, sentence, hows)
        basis: list[Basis] = []
        own: list[LegalId] = []
        for r in d.refs:
            if r.target is None:
                continue
            if r.target.bwb_id == own_bwb:
                own.append(r.target)
                continue
            how = hows.get(r.text, "")
            if role == "base" and how == "takes_over" and _names_itself(d, r.text):
                role = "takeover"  # "werknemer: de werknemer in de zin van de Werkloosheidswet, …"
            if role == "takeover" and how in ("", "takes_over"):
                basis.append(Basis(r.target, "takes_over", r.text))
            elif how in ("supplements", "departs_from", "subject_to"):
                basis.append(Basis(r.target, how, r.text))
        if role == "takeover" and not any(b.how == "takes_over" for b in basis):
            role = "reference" if own else "takeover"
        tail = ""
        if role == "takeover":
            # what follows the last reference taken over ("…, met uitzondering van de aspirant")
            ends = [
                i + len(b.anchor)
                for b in basis
                if b.how == "takes_over"
                for i in [d.definition.find(b.anchor)]
                if i >= 0
            ]
            tail = d.definition[max(ends) :].strip() if ends else ""
        out.append(
            Part(
                key=key,
                location=d.id,
                term=d.term,
                kind=d.kind,
                role=role,
                text=d.definition,
                scope=d.scope,
                basis=tuple(basis),
                own=tuple(own),
                tail=tail,
                form=d.form,
                scoped=_written_scope(sentence, d.scope),
            )
        )
    return out


# ----------------------------------------------------------------------------- concepts
def _under(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> bool:
    """Path ``a`` is ``b`` or lies below it."""
    return a[: len(b)] == b


def _near(a: LegalId, b: LegalId) -> bool:
    """One location contains the other (versions ignored)."""
    return a.bwb_id == b.bwb_id and (_under(a.path, b.path) or _under(b.path, a.path))


def _scope_key(p: Part) -> ScopeKey | None:
    if not p.scoped:
        return None
    level, targets = p.scope.level, tuple(p.scope.targets)
    return (level, targets, (p.location.artikel or "") if level == "lid" else "")


def _within(scope: ScopeKey, loc: LegalId, container: Sequence[tuple[str, str]]) -> bool:
    level, targets, artikel = scope
    if level in ("artikel", "articles"):
        return (loc.artikel or "") in targets
    if level == "lid":
        return loc.artikel == artikel and (loc.lid or "") in targets
    return any(k == level and n in targets for k, n in container)


def concept_fragment(term_key: str, scope: ScopeKey | None, *, encode: bool = False) -> str:
    """The part of a concept's id after its regeling: ``begrip=partner``, plus
    ``&scope=hoofdstuk:3`` (``lid:2@18b`` for a lid of article 18b) when it holds for a written
    scope only; ``encode`` percent-encodes the values, for an IRI. The one place the format is
    written: the analyses' ids, the graph keys and the RDF IRIs all come from here.

    >>> concept_fragment("partner", None), concept_fragment("kind", ("lid", ("2",), "18b"))
    ('begrip=partner', 'begrip=kind&scope=lid:2@18b')
    >>> concept_fragment("gezamenlijke huishouding", None, encode=True)
    'begrip=gezamenlijke%20huishouding'
    """
    q = (lambda x: quote(x, safe="")) if encode else (lambda x: x)
    out = f"begrip={q(term_key)}"
    if scope is not None:
        level, targets, artikel = scope
        out += f"&scope={q(level + ':' + ','.join(targets) + ('@' + artikel if artikel else ''))}"
    return out


def _concept_id(regeling: LegalId, key: str, scope: ScopeKey | None) -> str:
    return f"{regeling.jci}#{concept_fragment(key, scope)}"


#: what legacy citeertitels carry after the title: "Successiewet, met vermelding van het jaar …",
#: "Besluit mobiliteitseisen. Het treedt in werking …", "Wet …\" treedt in werking met ingang van …"
_TITLE_TAIL = re.compile(
    r"[\"”]?\s*(?:,\s*met\s+vermelding\s+van\b|[.,]?\s*(?:(?:Het|Zij|Hij|Dit\s+besluit)\s+)?treedt\s+in\s+werking\b"
    r"|,\s*afgekort\b).*$",
    re.I,
)


def regeling_name(title: str, bwb_id: str) -> str:
    """A regeling's name for sentences: its citeertitel, what legacy titles add cut off.

    >>> regeling_name("Successiewet, met vermelding van het jaar, waarin zij in het Staatsblad wordt geplaatst", "BWBR0002226")
    'Successiewet'
    >>> regeling_name("Besluit mobiliteitseisen. Het treedt in werking met ingang van 1 juni 1986.", "BWBR0003982")
    'Besluit mobiliteitseisen'
    >>> regeling_name('«Wet op het primair onderwijs»', "BWBR0003420")
    'Wet op het primair onderwijs'
    """
    t = _TITLE_TAIL.sub("", title or "").strip().strip("\"“”«»`' .,")
    return t or bwb_id


def build_concepts(documents: Iterable[Document]) -> list[Concept]:
    """The concepts of ``documents`` (the newest version of each regeling), their parts grouped
    by scope, plain deemings settled, naming decided and every basis resolved to the concept it
    lands on (:attr:`Concept.based_on`) or left :attr:`~Concept.dangling`.

    Examples
    --------
    Real input is a list of :class:`~wetgraaf.ingest.records.Document`; see ``tests/test_concepts.py``.

    >>> build_concepts([])
    []
    """
    from wetgraaf.graph.analysis.network import latest_documents

    docs = latest_documents(documents)
    concepts: list[Concept] = []
    for doc in docs:
        concepts.extend(_concepts_of(doc))
    _settle_naming_and_basis(concepts)
    return concepts


def _concepts_of(doc: Document) -> list[Concept]:
    containers = {u.nr: u.container for u in doc.units if u.kind == "artikel"}
    by_term: dict[str, list[Part]] = defaultdict(list)
    for p in concept_parts(doc):
        by_term[term_key(p.term)].append(p)
    reg = doc.regeling
    out = []
    for tk, parts in by_term.items():
        groups: dict[ScopeKey | None, list[Part]] = {}
        pending: list[Part] = []
        for p in parts:
            sk = _scope_key(p)
            if sk is not None or p.scope.level == "regeling":
                groups.setdefault(sk, []).append(p)
            else:
                pending.append(p)
        for p in pending:
            target = None
            for sk, members in groups.items():
                if any(_near(o, m.location) for o in p.own for m in members):
                    target = sk
                    break
            else:
                inside = [
                    sk
                    for sk in groups
                    if sk is not None and _within(sk, p.location, containers.get(p.location.artikel or "", ()))
                ]
                target = inside[0] if len(inside) == 1 else None
            groups.setdefault(target, []).append(p)
        for sk, members in groups.items():
            members = _settle_deemings(members)
            first = next((m for m in members if m.role in ("base", "takeover")), members[0])
            scope = first.scope if sk is not None else Scope(text=first.scope.text, level=first.scope.level)
            out.append(
                Concept(
                    id=_concept_id(reg.id, tk, sk),
                    regeling=reg.id,
                    title=regeling_name(reg.citeertitel, reg.bwb_id),
                    term=first.term,
                    term_key=tk,
                    scope=scope,
                    parts=members,
                    scope_key=sk,
                )
            )
    return out


#: deeming forms that open with the term: "Als partner wordt aangemerkt: …", "geldt als partner …"
_TERM_FIRST_FORMS = frozenset({"als_x_aangemerkt_first", "geldt_als_x_first"})
#: scopes of a lead ("In deze wet …", "Voor de toepassing van dit hoofdstuk …"); an article or a
#: lid in the scope is as often "de in artikel 7:1 bedoelde feiten" read as one
_LEAD_LEVELS = frozenset({"regeling", "boek", "hoofdstuk", "titeldeel", "afdeling", "paragraaf"})


def _settle_deemings(parts: list[Part]) -> list[Part]:
    """A plain deeming is the base of a concept that has no other when it reads as a definition:
    it opens with the term ("Als partner wordt aangemerkt: a. de echtgenoot; …") or has a scope
    lead ("In deze wet … wordt … als kind aangemerkt, een eigen kind, …"). Otherwise it adds to
    the concept: "wordt gelijkgesteld met een besluit", "Het feit wordt beschouwd als een
    overtreding" (a classification, not a definition of *overtreding*)."""
    has_base = any(p.role in ("base", "takeover") for p in parts)
    here = [p.location for p in parts]
    out = []
    for p in parts:
        if p.role == "deeming":
            modifies_own = any(_near(o, loc) for o in p.own for loc in here if loc != p.location)
            defines = p.form in _TERM_FIRST_FORMS or p.scope.level in _LEAD_LEVELS
            role = "base" if defines and not has_base and not modifies_own else "extension"
            p = replace(p, role=role)
        out.append(p)
    return out


#: bwb_id → (path, concept) for every place a concept is: its parts, and what its pointers point at
Locations = dict[str, list[tuple[tuple[tuple[str, str], ...], Concept]]]


def concept_locations(concepts: Iterable[Concept]) -> Locations:
    """Where each concept is, per regeling: the paths of its parts and of what its pointers
    ("de persoon bedoeld in artikel 3") point at; what :func:`resolve_basis` looks a basis up in."""
    at: Locations = defaultdict(list)
    for c in concepts:
        for p in c.parts:
            at[c.bwb_id].append((p.location.path, c))
            if p.role == "reference":
                at[c.bwb_id].extend((o.path, c) for o in p.own)
    return at


def _settle_naming_and_basis(concepts: list[Concept]) -> None:
    at = concept_locations(concepts)
    for c in concepts:
        for p in c.parts:
            for b in p.basis:
                target = resolve_basis(at, c, p, b)
                if target is not None:
                    c.based_on.setdefault(target.id, []).append((p, b))
                else:
                    c.dangling.append((p, b))
    by_id = {c.id: c for c in concepts}
    for c in concepts:
        c.naming = _naming(c, by_id, set())
    by_term: dict[str, list[Concept]] = defaultdict(list)
    for c in concepts:
        if c.base_parts:
            by_term[c.term_key].append(c)
    for cs in by_term.values():
        named = sum(c.naming for c in cs)
        if len({c.bwb_id for c in cs}) > 1 and named > NAMING_SHARE * len(cs):
            for c in cs:
                c.naming_term = True


def resolve_basis(at: Locations, c: Concept, p: Part, b: Basis) -> Concept | None:
    """The concept a basis lands on: one with a part (or a pointer) at, below or above the cited
    location; the same term first; for a takeover, else a term the part's text names."""
    cands = [
        x
        for path, x in at.get(b.target.bwb_id, ())
        if x is not c and (_under(path, b.target.path) or _under(b.target.path, path))
    ]
    if not cands:
        return None
    same = [x for x in cands if x.term_key == c.term_key]
    if same:
        return _first(same)
    if b.how != "takes_over":
        return None
    low = p.text.lower()
    named = [x for x in cands if re.search(rf"\b{re.escape(x.term.lower())}\b", low)]
    return _first(named) if named else None


def _first(cands: list[Concept]) -> Concept:
    n = Counter(x.id for x in cands)
    best = max(n.values())
    return next(x for x in cands if n[x.id] == best)


def _naming(c: Concept, by_id: dict[str, Concept], seen: set[str]) -> bool:
    if c.id in seen:
        return False
    seen.add(c.id)
    base = [p for p in c.parts if p.role in ("base", "takeover")]
    if not base:
        return False
    for p in base:
        targets = [by_id[t] for t, links in c.based_on.items() if any(q is p for q, _ in links)]
        if targets:
            if not all(_naming(t, by_id, seen) for t in targets):
                return False
        elif not is_designation(p.text):
            return False
    return True


# ----------------------------------------------------------------------------- naming
#: bodies and offices that are unique within their public body or named by their portfolio,
#: written in lower case: "het college van burgemeester en wethouders", "de minister van
#: Financiën", "het bestuur van het productschap", "wet van 25 mei 1998, Stb. 337"
_ORGANS = re.compile(
    r"^(?:het\s+|de\s+)?(?:college\s+van\s+(?:burgemeester\s+en\s+wethouders|gedeputeerde\s+staten|dijkgraaf\s+en\s+"
    r"heemraden)|burgemeester\s+en\s+wethouders|gedeputeerde\s+staten|provinciale\s+staten|gemeenteraad|"
    r"raad\s+van\s+(?:de\s+gemeente|bestuur\s+van\s+(?:de|het)\s+\S+.*)|(?:dagelijks\s+|algemeen\s+)?bestuur\s+van\s+"
    r"(?:de|het)\s+(?:[a-z]*schap|stichting|vereniging|[A-Z]\S*)(?:\s+[A-Z]\S*)*|burgemeester|commissaris\s+van\s+de\s+koning|"
    r"(?:minister|staatssecretaris)(?:\s+van\s+[\w,\s]+?)?|minister-president|"
    r"wet\s+van\s+\d{1,2}\s+\w+\s+\d{4}\b.*)$",
)
#: a designation may name where the body is established: "…, genoemd in artikel 3 van de Wet SUWI"
_ESTABLISHED = re.compile(
    r",?\s*(?:(?:als|zoals)\s+)?(?:bedoeld|genoemd|ingesteld|vermeld|opgericht|aangewezen)\s+(?:in|bij|krachtens)\b.*$"
    r"|,?\s+(?:die|wie)\s+(?:het\s+aangaat|(?:is\s+)?belast\s+(?:is\s+)?met)\b.*$|\s*\((?:Stb|Stcrt)\.[^)]*\).*$",
    re.I,
)
_FIRST_NOT_NAME = frozenset(
    {"een", "degene", "diegene", "hij", "zij", "onder", "in", "als", "voor", "indien", "ingeval", "iedere", "ieder",
     "elke", "alle", "al", "hetgeen", "wat", "met", "bij", "op", "tot", "van", "daarbij", "dit", "deze", "die", "dat",
     "ten", "ter", "aan", "uit", "door", "na", "om", "het", "de"}
)  # fmt: skip
_CLAUSE = re.compile(
    r"\b(?:die|dat|welke|wiens|wier|waarbij|waarin|waarvan|waarmee|waarop|indien|mits|tenzij|voor\s*zover|wanneer|"
    r"ingeval|met\s+uitzondering\s+van|alsmede|daaronder|waaronder)\b",
    re.I,
)
_MAX_DESIGNATION_WORDS = 20
#: a body or office written with a definite article, named by what it is and (before this is
#: read) where it is set up: "de commissie, bedoeld in artikel 2", "het fonds, ingesteld bij
#: artikel 3", "de voorzitter van het productschap", "de raad van toezicht"
_BODY_HEAD = (
    r"[\w-]*(?:commissie|raad|college|bestuur|dienst|fonds|stichting|autoriteit|kamer|inspectie|agentschap|"
    r"instituut|bureau|orgaan|directie|voorzitter|secretaris|penningmeester|directeur|ombudsman|ministerie|"
    r"productschap|bedrijfschap|hoofdproductschap|centrum|comité|raadgever|register)"
)
#: the body an office belongs to: "van het productschap", "voor de Leefomgeving", "van Skal";
#: never an indefinite one ("het bestuur van een instelling" is any instelling's bestuur)
_OF_BODY = r"\s+(?:van|voor)\s+(?:(?:de|het)\s+[\w-]+|(?-i:[A-Z])[\w-]*)(?:\s+[\w-]+){0,4}"
_BODY = re.compile(
    rf"^(?:de|het)\s+(?:door\s+(?:de|het)\s+[\w-]+\s+[\w-]+(?:de|te|en)\s+)?(?:(?!een\b)[\w-]+\s+){{0,2}}?{_BODY_HEAD}"
    rf"(?:\s+(?:van|voor)\s+(?:de|het)\s+[\w-]+(?:\s+[\w-]+){{0,4}})?$"
    # without an article only with the body it belongs to: "secretaris van het productschap"
    # (a bare "dienst als bedoeld in artikel 1:1 Wft" is a class)
    rf"|^{_BODY_HEAD}{_OF_BODY}$",
    re.I,
)
#: "het op 3 juli 2002 te Den Haag ondertekende Verdrag …": the date and place that identify an act
_DATED = re.compile(r"^(?P<art>de|het)\s+(?:op|te|in|bij)\s.{0,80}?\b[a-z]+(?:de|te|en)\s+(?=[A-Z])")
#: an act named by its kind ("het Verdrag inzake de Burgerluchtvaart, dat op 7 december 1944 …"):
#: the clause after its name identifies it, it does not define a class
#: an act of a kind that is identified, not described: a treaty by where and when it was made, an EU act
#: by its number or date ("richtlijn nr. 2005/36/EG van het Europees Parlement en de Raad …", "het op
#: 1 juni 1967 te Londen tot stand gekomen Verdrag inzake …"; on the whole 2012 BWB 117 of the 177
#: *verdrag* and 116 of the 127 *richtlijn* definitions were such names that the capital rule missed)
_NAMED_ACT = re.compile(
    r"^(?:(?:\d{1,2}°|[a-z]\.)\s+)?(?:(?:de|het)\s+)?(?:op\s+\d{1,2}\s+[a-z]+\s+\d{4}\s+[^,;:]{0,80}?\s)?"
    r"(?:europe(?:es|se)\s+)?(?:verdrag|overeenkomst|richtlijn|verordening|beschikking|kaderbesluit|protocol|akkoord|conventie)\b",
    re.IGNORECASE,
)
_ACT_IDENTIFIED = re.compile(
    r"\b(?:nr\.?\s*)?\d{2,4}/\d{1,4}(?:/(?:EG|EEG|EU|Euratom|JBZ|GBVB))?\b|\((?:EG|EU|EEG)\)\s+(?:nr\.?\s*)?\d+/\d+"
    r"|\b(?:Trb|PbEG|PbEU|Pb)\.?\s|\b(?:gesloten|gedaan|ondertekende?|tot\s+stand\s+gekomen|aangenomen|opengesteld)\b[^;]{0,60}?\bte\s+[A-Z]"
    r"|\bte\s+[A-Z][\w-]+[^;]{0,40}?\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+te\s+[A-Z]|\bvan\s+\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s+(?:1[89]|20)\d\d\b"
)
_ACT_WORD = re.compile(
    r"\b(?:Verdrag|Verordening|Richtlijn|Overeenkomst|Protocol|Akkoord|Wet|Besluit|Beschikking|Reglement|Statuut|"
    r"Handvest|Conventie)\b"
)


def is_designation(text: str) -> bool:
    """Whether a definition text *names* one body, office or act rather than defining a class.

    The rule: after the place where the body is established ("…, genoemd in artikel 3 van de Wet
    SUWI", "…, die het aangaat") is cut off, what is left is a proper name — its first word after
    "de"/"het" written with a capital ("Onze Minister van Financiën", "de Sociale
    verzekeringsbank", "de Vreemdelingenwet 2000", "Participatiewet") — or one of the organs that
    are unique within their public body ("het college van burgemeester en wethouders"), or a
    list of such names; at most twenty words and no defining clause (no "die", "waarbij",
    "indien", "met uitzondering van", …). A term whose definitions are designations names a
    different thing in each law by design (*Onze Minister*, *wet*, *college*, *bank*, *Dienst*):
    two such definitions that differ are no conflict.

    >>> is_designation("de Sociale verzekeringsbank, genoemd in hoofdstuk 6 van de Wet structuur uitvoeringsorganisatie werk en inkomen")
    True
    >>> is_designation("college van burgemeester en wethouders"), is_designation("Wet werk en bijstand")
    (True, True)
    >>> is_designation("de Staten-Generaal, de Raad van State, de Algemene Rekenkamer, de Nationale ombudsman")
    True
    >>> is_designation("bank als bedoeld in artikel 1:1 van de Wet op het financieel toezicht")
    False
    >>> is_designation("Degene die ingevolge het eerste lid als partner wordt aangemerkt")
    False
    >>> is_designation("een financiële onderneming die in Nederland het bedrijf van bank mag uitoefenen")
    False

    A body or office with a definite article, and a named act whose clause says when it was made:

    >>> is_designation("de commissie, bedoeld in artikel 2"), is_designation("de voorzitter van het productschap")
    (True, True)
    >>> is_designation("het Verdrag inzake de Internationale Burgerluchtvaart, dat op 7 december 1944 te Chicago voor ondertekening werd opengesteld")
    True
    >>> is_designation("het op 3 juli 2002 te Den Haag ondertekende Verdrag inzake sociale zekerheid tussen het Koninkrijk der Nederlanden en de Republiek Korea")
    True
    >>> is_designation("de commissie die over de aanvraag adviseert"), is_designation("het verzamelinkomen")
    (False, False)

    Offices written without an article in a definitions list, and a body's office appointed by
    another (the productschappen's heffingsverordeningen, 2012):

    >>> is_designation("secretaris van het productschap"), is_designation("voorzitter van de bezwaarschriftencommissie PVV")
    (True, True)
    >>> is_designation("de door het Bestuur aangestelde secretaris van de Commissie")
    True
    >>> is_designation("dienst als bedoeld in artikel 1:1 van de Wet op het financieel toezicht")
    False
    >>> is_designation("inkomen van de aanvrager"), is_designation("een orgaan als bedoeld in artikel 88a van de wet")
    (False, False)
    >>> is_designation("het bestuur van een instelling bedoeld in artikel 1.1, onderdeel j, van de Wet op het hoger onderwijs")
    False
    >>> is_designation("de beheerder van het register"), is_designation("de statuten van de stichting")
    (False, False)
    >>> is_designation("«Onze Minister en Onze Minister van Landbouw, Natuur en Voedselkwaliteit»")
    True

    An act identified by its number, or by where and when it was made:

    >>> is_designation("richtlijn nr. 2005/36/EG van het Europees Parlement en de Raad van de Europese Unie van 7 september 2005 betreffende de erkenning van beroepskwalificaties (PbEU L 255)")
    True
    >>> is_designation("het op 1 juni 1967 te Londen tot stand gekomen Verdrag inzake de uitoefening van de visserij op de Noordatlantische Oceaan, met Bijlagen en Aanhangsel (Trb. 1968, 54)")
    True
    >>> is_designation("een overeenkomst die de aanvrager met de gemeente sluit"), is_designation("een richtlijn als bedoeld in artikel 5")
    (False, False)
    """
    # a reading substitution quotes its names: onder «gedeputeerde staten» telkens wordt verstaan
    # «Onze Minister en Onze Minister van Landbouw, Natuur en Voedselkwaliteit» (BWBR0019466 art. 10)
    t = " ".join(text.split()).strip(" ;.:«»„“”\"'")
    if _NAMED_ACT.match(t) and _ACT_IDENTIFIED.search(t[:220]):
        return True
    t = _DATED.sub(lambda m: m.group("art") + " ", t)
    t = _ESTABLISHED.sub("", t).strip(" ,;.")
    head = re.split(r",\s*(?:dat|die|welke)\b", t, maxsplit=1)[0].strip(" ,")
    if head != t and _ACT_WORD.search(head) and not _CLAUSE.search(head) and _proper_name(head):
        return True
    if not t or _CLAUSE.search(t):
        return False
    if _ORGANS.match(t) or _BODY.match(t):
        return True
    names = [x for x in re.split(r"\s*,\s*|\s+en\s+(?=(?:de|het)\s+[A-Z])", t) if x]
    if len(names) == 1 and len(t.split()) > _MAX_DESIGNATION_WORDS:
        return False
    return all(_proper_name(x) for x in names)


def designated_name(text: str) -> str | None:
    """The name a designation gives (lower case, without its article and without where the body
    is established), or None when ``text`` is no designation (:func:`is_designation`).

    >>> designated_name("het Uitvoeringsinstituut werknemersverzekeringen, genoemd in hoofdstuk 5 van de Wet SUWI")
    'uitvoeringsinstituut werknemersverzekeringen'
    >>> designated_name("Uitvoeringsinstituut werknemersverzekeringen, bedoeld in artikel 2 of 3 van de Wet SUWI")
    'uitvoeringsinstituut werknemersverzekeringen'
    >>> designated_name("degene die arbeid verricht") is None
    True
    """
    if not is_designation(text):
        return None
    t = _ESTABLISHED.sub("", " ".join(text.split()).strip(" ;.:«»„“”\"'")).strip(" ,;.")
    return re.sub(r"^(?:de|het)\s+", "", t, flags=re.I).lower()


def _proper_name(t: str) -> bool:
    words = t.split()
    if len(words) > _MAX_DESIGNATION_WORDS:
        return False
    first = words[0]
    if first.lower() in ("de", "het") and len(words) > 1:
        first = words[1]
    elif first.lower() in _FIRST_NOT_NAME:
        return False
    return first[:1].isupper() and first.lower() not in _FIRST_NOT_NAME


#: a term is a naming term when at least this share of its concepts (in two or more regelingen)
#: are designations: on the whole 2012 BWB 628 of the 701 *Onze Minister* concepts are, and most
#: of the rest are designations the rule does not read ("Onze Minister van Onderwijs, Cultuur en
#: Wetenschap en, voor wat betreft het landbouwonderwijs, Onze Minister van Landbouw, …")
#: Wetenschap en, voor wat betreft het landbouwonderwijs, Onze Minister van Landbouw, …"). Half is
#: enough: the terms of the whole BWB between half and 80 % are all words for a body or an act that
#: each law names for itself (*ministerie* 77 of 104, *college* 88 of 121, *fonds* 74 of 104,
#: *regeling* 55 of 81, *comité*, *commissie* 238 of 412, *raad* 81 of 151, *stichting* 27 of 53),
#: against *bank* 21 of 46 and *dienst* 11 of 52 below it.
NAMING_SHARE = 0.5


def naming_terms(concepts: Sequence[Concept]) -> list[dict[str, Any]]:
    """The naming terms (:attr:`Concept.naming_term`): how many regelingen define them, in how
    many concepts and texts, and how many of those concepts are designations."""
    by_term: dict[str, list[Concept]] = defaultdict(list)
    for c in concepts:
        if c.naming_term:
            by_term[c.term_key].append(c)
    out = []
    for tk, cs in sorted(by_term.items()):
        texts = Counter(" ".join(p.text.split()) for c in cs for p in c.base_parts)
        out.append(
            {
                "term_key": tk,
                "regelingen": len({c.bwb_id for c in cs}),
                "concepts": len(cs),
                "designations": sum(c.naming for c in cs),
                "texts": len(texts),
            }
        )
    return out


def _both_naming(a: Concept, b: Concept) -> bool:
    """Two concepts that designate by name, or of a naming term: shown, never scored."""
    return (a.naming and b.naming) or (a.naming_term and b.naming_term and a.term_key == b.term_key)


# ----------------------------------------------------------------------------- citing
def _join(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _one(art: str, loc: LegalId) -> str:
    """One location below an article: "art. 1 lid 1, onderdeel a", "art. 1, onderdeel q"."""
    out = f"art. {art}"
    if loc.lid:
        out += f" lid {loc.lid}"
    if loc.onderdelen:
        out += f", onderdeel {'.'.join(loc.onderdelen)}"
    return out


def outermost(locs: Iterable[LegalId]) -> list[LegalId]:
    """``locs`` without those that lie inside another of them (a lid inside its cited article).

    >>> [x.path for x in outermost([LegalId.parse("jci1.3:c:BWBR0002320&artikel=5a&lid=1"),
    ...                              LegalId.parse("jci1.3:c:BWBR0002320&artikel=5a")])]
    [(('artikel', '5a'),)]
    """
    locs = list(dict.fromkeys(locs))
    return [x for x in locs if not any(y != x and _under(x.path, y.path) for y in locs)]


def cite(locs: Iterable[LegalId], *, with_article: bool = True) -> str:
    """Locations as a jurist cites them: "art. 1.2 lid 1 en 4", "art. 3 lid 2; art. 3b".

    >>> ib = LegalId.parse("jci1.3:c:BWBR0011353&artikel=1.2")
    >>> cite([ib.child("lid", "1"), ib.child("lid", "4")])
    'art. 1.2 lid 1 en 4'
    >>> cite([ib.child("lid", "1")], with_article=False)
    'lid 1'
    >>> cite([LegalId.parse("jci1.3:c:BWBR0002221&artikel=1&lid=1&o=a")])
    'art. 1 lid 1, onderdeel a'
    >>> cite([LegalId.parse("jci1.3:c:BWBR0017745&artikel=1&o=q")]), cite([LegalId("BWBR0004045")])
    ('art. 1, onderdeel q', '')
    """
    by_art: dict[str, list[LegalId]] = {}
    other: list[str] = []
    for x in dict.fromkeys(locs):
        if x.artikel is None:
            # a chapter, a division, or the regeling as a whole (nothing to add)
            other.append(" ".join(f"{k} {v}" for k, v in x.path))
            continue
        by_art.setdefault(x.artikel.replace("_", " "), []).append(x)
    out = []
    for art, xs in by_art.items():
        if any(x.lid is None and not x.onderdelen for x in xs):
            out.append(f"art. {art}")
            continue
        if all(x.lid and not x.onderdelen for x in xs):
            leden = "lid " + _join([x.lid or "" for x in xs])
            out.append(f"art. {art} {leden}" if with_article or len(by_art) > 1 else leden)
            continue
        one = [_one(art, x) for x in xs]
        if not (with_article or len(by_art) > 1):
            one = [o[len(f"art. {art}") :].lstrip(" ,") for o in one]
        out.append("; ".join(one))
    return "; ".join(out + [o for o in other if o])


def _articles(locs: Iterable[LegalId]) -> list[str]:
    return list(dict.fromkeys(x.artikel.replace("_", " ") for x in locs if x.artikel))


def _subject(c: Concept, locs: Sequence[LegalId]) -> tuple[str, bool]:
    """ "Wet inkomstenbelasting 2001 art. 1.2", and whether the parts all sit in that one article."""
    arts = _articles(locs)
    if len(arts) == 1:
        return f"{c.title} art. {arts[0]}", True
    if arts:
        return f"{c.title} art. {_join(arts)}", False
    return c.title, False


# ----------------------------------------------------------------------------- relations
_LINEAGE_KEYS = ("takes_over", "extends", "restricts", "modifies")


def lineage_relation(a: Concept, b: Concept, links: list[tuple[Part, Basis]]) -> ConceptRelation:
    """``a`` builds on ``b`` through ``links``: which parts take over, extend, restrict, modify."""
    parts: dict[str, list[LegalId]] = {k: [] for k in _LINEAGE_KEYS}
    linked = {id(p) for p, _ in links}
    for p in a.parts:
        e = p.effect
        if p.role == "takeover":
            if id(p) not in linked:
                continue  # takes over something else
            parts["takes_over"].append(p.location)
            if e != "takes_over":
                parts[e].append(p.location)
            elif len({bb.target.bwb_id for bb in p.basis if bb.how == "takes_over"}) > 1:
                # "de werknemer in de zin van de Werkloosheidswet, de Ziektewet, …": the union of several laws' concepts
                parts["extends"].append(p.location)
        elif e in ("extends", "restricts", "modifies"):
            parts[e].append(p.location)
        elif e == "defines":
            parts["modifies"].append(p.location)  # an own definition beside (or instead of) b's
    effects = {k for k in ("extends", "restricts", "modifies") if parts[k]}
    if not effects:
        rel = "same"
    elif effects == {"extends"}:
        rel = "extends"
    elif effects == {"restricts"}:
        rel = "restricts"
    else:
        rel = "modifies"
    cited = outermost(bb.target for _, bb in links)
    out = {k: tuple(v) for k, v in parts.items() if v}
    out["base"] = tuple(cited)
    naming = _both_naming(a, b)
    return ConceptRelation(
        a.id,
        b.id,
        a.term_key,
        rel,
        "reference",
        _lineage_sentence(a, b, out, cited, rel),
        out,
        naming=naming,
        evidence={"how": sorted({bb.how for _, bb in links})},
    )


def _lineage_sentence(
    a: Concept, b: Concept, parts: dict[str, tuple[LegalId, ...]], cited: list[LegalId], rel: str
) -> str:
    mine = [x for k in _LINEAGE_KEYS for x in parts.get(k, ())]
    subject, one_article = _subject(a, mine)
    what = f"het begrip {b.term}" if b.term_key == a.term_key else f"voor {a.term} het begrip {b.term}"
    where = f"{b.title} {cite(cited)}".strip()
    if rel == "same":
        return f"{subject} neemt {what} van {where} ongewijzigd over."
    return _with_clauses(f"{subject} neemt {what} van {where} over", parts, one_article)


def _with_clauses(head: str, parts: dict[str, tuple[LegalId, ...]], one_article: bool) -> str:
    """``head``, then what the parts do: ", breidt het uit (lid 1 en 2) en beperkt het (lid 4)."."""
    clauses = []
    for k, verb in (("extends", "breidt het uit"), ("restricts", "beperkt het"), ("modifies", "wijkt ervan af")):
        if parts.get(k):
            clauses.append(f"{verb} ({cite(parts[k], with_article=not one_article)})")
    if len(clauses) == 1:
        return f"{head} en {clauses[0]}."
    return f"{head}, {', '.join(clauses[:-1])} en {clauses[-1]}."


def text_signature(c: Concept) -> tuple[tuple[str, ...], ...]:
    """What a concept's defining parts say, as words: two concepts with one signature define
    the term with the same text."""
    return tuple(sorted(tuple(_words(p.text)) for p in c.base_parts))


#: a public body named by its kind, which in a definition means the law's own body: "waarvoor het
#: productschap is ingesteld" in one board's by-law is "waarvoor het hoofdbedrijfschap is ingesteld" in another's
_OWN_BODY = re.compile(r"^(?:hoofd)?(?:product|bedrijf|produkt)schap$|^bedrijfslichaam$")


def meaning_signature(c: Concept) -> tuple[tuple[str, ...], ...]:
    """What a concept's defining parts mean, as :func:`text_signature` but compared as the laws are
    compared with each other: articles left out, words stemmed (:func:`_forms`), and a public body
    named by its kind ("het productschap", "het hoofdbedrijfschap") one word, since each board's by-law
    means its own. Concepts with one meaning signature are one meaning when a term's definitions are
    counted (:func:`~wetgraaf.graph.analysis.clusters`); on the 2012 BWB the 816 product-board
    definitions of *ondernemer* and *onderneming* were written in 167 texts.

    >>> from types import SimpleNamespace as NS
    >>> a = NS(base_parts=[NS(text="de natuurlijke of rechtspersoon die een onderneming drijft waarvoor het hoofdproductschap is ingesteld")])
    >>> b = NS(base_parts=[NS(text="natuurlijke of rechtspersoon die een onderneming drijft waarvoor het productschap is ingesteld")])
    >>> meaning_signature(a) == meaning_signature(b), text_signature(a) == text_signature(b)
    (True, False)
    """
    return tuple(sorted(tuple("<lichaam>" if _OWN_BODY.match(w) else w for w in _forms(p.text)) for p in c.base_parts))


def adds_to_term(c: Concept) -> bool:
    """A concept that only adds persons or things to a term, or takes them away, without
    defining it ("Als gehuwd wordt mede aangemerkt …", "… wordt niet als werknemer
    aangemerkt"). Deeming a fact to be something ("Het feit wordt beschouwd als een
    overtreding") is not one: each law deems its own facts."""
    return not c.base_parts and any(p.kind in ("extension", "restriction") for p in c.parts)


def addition_signature(c: Concept) -> tuple[Any, ...]:
    """What a concept of additions adds and takes away, as words (cf. :func:`text_signature`)."""
    return tuple(sorted(_mods(c).items()))


def _mods(c: Concept) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter(
        (p.effect, tuple(_words(p.text))) for p in c.parts if p.role not in ("base", "takeover", "reference")
    )


def _text(c: Concept) -> str:
    """What a concept says: its defining texts, or (a concept of modifications only, such as
    "Als ongehuwd wordt mede aangemerkt: …") the texts of its parts."""
    return " ".join(p.text for p in (c.base_parts or c.parts))


def _short(text: str, n: int = 80) -> str:
    """A text for a sentence: at most ``n`` characters, cut at a word ("…")."""
    t = " ".join(text.split())
    return t if len(t) <= n else t[:n].rsplit(" ", 1)[0] + " …"


def _scope_words(c: Concept) -> str:
    """ "de regeling", "hoofdstuk 3", "het tweede lid van art. 18b"."""
    if c.scope_key is None or not c.scope.text:
        return "de regeling"
    level, _, artikel = c.scope_key
    return f"{c.scope.text} van art. {artikel}" if level == "lid" and artikel else c.scope.text


def compare_independent(a: Concept, b: Concept, shared: tuple[int, int]) -> ConceptRelation:
    """Two concepts that build on nothing (or not on each other): compare what they say."""
    la = [p.location for p in a.base_parts] or [p.location for p in a.parts]
    lb = [p.location for p in b.base_parts] or [p.location for p in b.parts]
    sa, sb = _subject(a, la)[0], _subject(b, lb)[0]
    ev: dict[str, Any] = {"shared_by": list(shared)}
    parts = {"a": tuple(la), "b": tuple(lb)}
    if a.bwb_id == b.bwb_id:
        return ConceptRelation(
            a.id,
            b.id,
            a.term_key,
            "scoped_apart",
            "scope",
            f"{a.title} definieert {a.term} afzonderlijk voor {_scope_words(a)} ({cite(la)}) "
            f"en voor {_scope_words(b)} ({cite(lb)}).",
            parts,
            naming=_both_naming(a, b),
            evidence={**ev, "scopes": [a.scope.text, b.scope.text]},
        )
    naming = _both_naming(a, b)
    if (
        a.base_parts
        and text_signature(a) == text_signature(b)
        or not a.base_parts
        and _words(_text(a)) == _words(_text(b))
    ):
        ma, mb = _mods(a), _mods(b)
        if ma == mb or not a.base_parts:
            reason = f"{sa} en {sb} definiëren {a.term} met dezelfde tekst."
            if naming:
                reason = f"{sa} en {sb} wijzen met {a.term} hetzelfde aan: {_short(_text(a))}."
            return ConceptRelation(a.id, b.id, a.term_key, "same", "text", reason, parts, naming=naming, evidence=ev)
        extra = ma - mb
        if not extra and mb - ma:
            return compare_independent(b, a, (shared[1], shared[0]))  # b is a's text plus more: b relates to a
        if extra and not (mb - ma):
            # a says what b says, and more: a relates to b as if it took b's definition over
            by_effect: dict[str, tuple[LegalId, ...]] = {}
            for e in ("extends", "restricts", "modifies"):
                locs = tuple(p.location for p in a.parts if p.effect == e and (e, tuple(_words(p.text))) in extra)
                if locs:
                    by_effect[e] = locs
            rel = next(iter(by_effect)) if len(by_effect) == 1 else "modifies"
            return ConceptRelation(
                a.id,
                b.id,
                a.term_key,
                rel,
                "text",
                _with_clauses(f"{sa} definieert {a.term} met dezelfde tekst als {sb}", by_effect, False),
                {**parts, **by_effect},
                naming=naming,
                evidence=ev,
            )
    wa, wb = _forms(_text(a)), _forms(_text(b))
    ratio = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()
    ev.update({"similarity": round(ratio, 3), "diff": word_diff(_text(a), _text(b))[:40]})
    if naming:
        return ConceptRelation(
            a.id,
            b.id,
            a.term_key,
            "naming",
            "text",
            f"{a.term} is in {sa} de aanduiding van {_short(_text(a))}, in {sb} van {_short(_text(b))}: "
            "elke regeling wijst zo haar eigen orgaan of regeling aan, geen tegenstrijdigheid.",
            parts,
            naming=True,
            evidence=ev,
        )
    near = ratio >= NEAR_DUPLICATE
    ev["near_duplicate"] = near
    if near:
        reason = f"{sa} en {sb} definiëren {a.term} elk zelf, bijna gelijk ({ratio:.0%} dezelfde woorden)."
    else:
        reason = f"{sa} en {sb} definiëren {a.term} elk zelf en verschillend ({ratio:.0%} dezelfde woorden)."
    negotiated = a.regeling.treaty and b.regeling.treaty
    if negotiated:
        reason = reason[:-1] + "; beide zijn verdragen, elk met de eigen verdragspartijen overeengekomen."
    return ConceptRelation(
        a.id, b.id, a.term_key, "divergent", "text", reason, parts, evidence=ev, negotiated=negotiated
    )


def relate_concepts(concepts: Sequence[Concept], listed_variants: int = LISTED_VARIANTS) -> RelationList:
    """Relations between the concepts of :func:`build_concepts` (see the module docstring).

    * every concept that builds on another gets one lineage relation per concept it lands on;
    * concepts that build on nothing (:attr:`Concept.root`) are compared by text within a term:
      concepts with the same signature (base texts, and their modifications) form a *variant*,
      each listed against the variant's first (``same``: "k laws share this text"), and one
      relation per two variants; naming variants only against the first variant; a term with
      more than ``listed_variants`` variants lists only the variant pairs that may be related
      and counts the rest as divergent (:attr:`RelationList.unlisted`).

    Concepts of one regeling are ``scoped_apart`` unless one builds on the other.

    Parameters
    ----------
    concepts : sequence of Concept
        As :func:`build_concepts` gives them (bases resolved).
    listed_variants : int
        Above this many texts of one term, only the pairs of texts that may be related are listed.

    Returns
    -------
    RelationList
        The relations, and per term the divergent pairs counted but not listed.

    Examples
    --------
    The AWR's *kind* (art. 2 lid 3 onder i) and the Invorderingswet's (art. 2 lid 1 onder n) have
    one text; a third law that takes the AWR's over adds nothing (the texts are the laws', the
    concepts made by hand as :func:`build_concepts` would):

    >>> def concept(bwb, path, text, role="base", basis=()):
    ...     loc = LegalId(bwb, path)
    ...     part = Part(f"{loc.jci}#kind", loc, "kind", "explicit", role, text, Scope(), basis)
    ...     return Concept(f"{bwb}#kind", LegalId(bwb), bwb, "kind", "kind", Scope(), [part])
    >>> text = "eerstegraads bloedverwant en aanverwant in de neergaande lijn"
    >>> awr = concept("BWBR0002320", (("artikel", "2"), ("lid", "3"), ("o", "i")), text)
    >>> iw = concept("BWBR0004770", (("artikel", "2"), ("lid", "1"), ("o", "n")), text)
    >>> cited = Basis(LegalId("BWBR0002320", (("artikel", "2"),)), "takes_over", "artikel 2 van de AWR")
    >>> other = concept("BWBR0000001", (("artikel", "1"),), "kind als bedoeld in artikel 2 van de AWR", "takeover", (cited,))
    >>> other.based_on[awr.id] = [(other.parts[0], cited)]
    >>> [(r.a, r.relation, r.b) for r in relate_concepts([awr, iw, other])]
    [('BWBR0000001#kind', 'same', 'BWBR0002320#kind'), ('BWBR0004770#kind', 'same', 'BWBR0002320#kind')]
    """
    by_id = {c.id: c for c in concepts}
    out = RelationList()
    for c in concepts:
        for target, links in c.based_on.items():
            out.append(lineage_relation(c, by_id[target], links))
    roots: dict[str, list[Concept]] = defaultdict(list)
    for c in concepts:
        if c.root:
            roots[c.term_key].append(c)
    for tk, cs in sorted(roots.items()):
        if len(cs) < 2:
            continue
        unlisted = _relate_roots(cs, listed_variants, out)
        if unlisted:
            out.unlisted[tk] = unlisted
    out.extend(_related(concepts))
    return out


def _related(concepts: Sequence[Concept]) -> list[ConceptRelation]:
    """Concepts of different terms whose parts build on the same article of another regeling.

    Per cited article, the first concept of each other term is related to the first concept of
    the first term (a star, not every pair: an article that forty laws build on gives
    thirty-nine relations, not 780).
    """
    cited: dict[LegalId, dict[str, tuple[Concept, Part, Basis]]] = defaultdict(dict)
    for c in sorted(concepts, key=lambda c: c.id):
        for p in c.parts:
            for b in p.basis:
                art = b.target.article_id or b.target
                cited[art].setdefault(c.term_key, (c, p, b))
    out = []
    for art, by_term in sorted(cited.items(), key=lambda kv: kv[0].jci):
        if len(by_term) < 2:
            continue
        (first, fp, fb), *rest = [by_term[k] for k in sorted(by_term)]
        for c, p, b in rest:
            if c.bwb_id == first.bwb_id:
                continue
            sa, sb = _subject(c, [p.location])[0], _subject(first, [fp.location])[0]
            out.append(
                ConceptRelation(
                    c.id,
                    first.id,
                    c.term_key,
                    "related",
                    "shared_reference",
                    f"{sa} ({c.term}) en {sb} ({first.term}) bouwen allebei op {b.anchor or fb.anchor}: "
                    "mogelijk één begrip onder twee namen.",
                    {"a": (p.location,), "b": (fp.location,), "base": (art,)},
                    naming=_both_naming(c, first),
                    evidence={"cited": art.jci, "terms": [c.term, first.term]},
                )
            )
    return out


def _relate_roots(cs: list[Concept], listed_variants: int, out: list[ConceptRelation]) -> int:
    """Independent concepts of one term. Two concepts of one regeling are ``scoped_apart``; a
    concept for one scope of a regeling that also has a regeling-wide one is compared with other
    laws through the regeling-wide one only (its local meaning is its own law's business)."""
    by_law: dict[str, list[Concept]] = defaultdict(list)
    for c in sorted(cs, key=lambda c: (c.scope_key is not None, c.id)):
        by_law[c.bwb_id].append(c)
    across: list[Concept] = []
    for xs in by_law.values():
        for c in xs[1:]:
            out.append(compare_independent(c, xs[0], (1, 1)))
        wide = [c for c in xs if c.scope_key is None]
        across.extend(wide or xs)
    unlisted = 0
    defining = [c for c in across if c.base_parts]
    if len({c.bwb_id for c in defining}) > 1:
        unlisted = _relate_variants(defining, listed_variants, out, additions=False)
    additions = [c for c in across if not c.base_parts]
    if len({c.bwb_id for c in additions}) > 1:
        _relate_variants(additions, listed_variants, out, additions=True)
    return unlisted


def _relate_variants(cs: list[Concept], listed_variants: int, out: list[ConceptRelation], additions: bool) -> int:
    """Relations between independent concepts of one term, a variant (one signature) at a time.

    ``additions``: concepts that only add to (or take from) a term they do not define ("Als
    ongehuwd wordt mede aangemerkt: …", "Het feit wordt beschouwd als een overtreding"). Two
    such concepts are the same when they say the same, nearly the same (``divergent``, a
    near-duplicate) when a few words differ. Otherwise, when both add persons or things to the
    term or take them away (:func:`adds_to_term`), the term covers different people in the two
    laws: ``divergent`` (*gehuwd* in the AOW and the ANW). Two deemings of different facts are
    no divergence: no relation.
    """
    variants: dict[tuple[Any, ...], list[Concept]] = {}
    for c in sorted(cs, key=lambda c: c.id):
        sig = (text_signature(c), tuple(sorted(_mods(c).items())))
        variants.setdefault(sig, []).append(c)
    size = {c.id: len(v) for v in variants.values() for c in v}
    for v in variants.values():
        for c in v[1:]:
            if c.bwb_id != v[0].bwb_id:  # two scopes of one regeling are related above
                out.append(compare_independent(c, v[0], (size[c.id], size[v[0].id])))
    keys = list(variants)
    every = len(keys) <= listed_variants
    naming = all(c.naming or c.naming_term for c in cs)
    unlisted = 0
    pairs: Iterator[tuple[Any, Any]] = ((keys[0], k) for k in keys[1:]) if naming else combinations(keys, 2)
    for ka, kb in pairs:
        a, b = variants[ka][0], variants[kb][0]
        if a.bwb_id == b.bwb_id:
            b = next((x for x in variants[kb] if x.bwb_id != a.bwb_id), b)
        if a.bwb_id == b.bwb_id:
            a = next((x for x in variants[ka] if x.bwb_id != b.bwb_id), a)
        if a.bwb_id == b.bwb_id:
            continue  # variants of one regeling only: related above
        if not every and not naming and not _may_relate(tuple(_forms(_text(a))), tuple(_forms(_text(b)))):
            unlisted += 1
            continue
        first, second = (a, b) if a.id < b.id else (b, a)
        r = compare_independent(first, second, (size[first.id], size[second.id]))
        if (
            additions
            and r.relation == "divergent"
            and not r.evidence.get("near_duplicate")
            and not (adds_to_term(first) and adds_to_term(second))
        ):
            continue
        out.append(r)
    return unlisted
