"""A draft's concepts related to the corpus's concepts (the drafting check, ``POST /check``).

The draft is read by the extractor (:func:`wetgraaf.api.check.draft_document`) and its
definitions are grouped into concepts by :func:`~wetgraaf.graph.analysis.concepts.build_concepts`
exactly as a law's are. What a draft concept cites in another regeling ("partner als bedoeld in
artikel 3 van de Awir") is resolved to the concept the corpus holds there (the concepts the
analysis stored per cluster in ``analysis.sqlite``) by the analysis's own rule
(:func:`~wetgraaf.graph.analysis.concepts.resolve_basis`); the draft's relation to it is
:func:`~wetgraaf.graph.analysis.concepts.lineage_relation`'s (``same`` when the draft takes it over and
adds nothing, ``extends`` with "mede verstaan", …); the stored relations of the concept it
lands on carry the chain on ("Awir art. 3 neemt het begrip partner van AWR art. 5a over, …").
A draft concept that builds on nothing is compared with the laws that define the term
themselves by :func:`~wetgraaf.graph.analysis.concepts.compare_independent`.

Then one plain sentence per concept says, as a jurist would write it, what the draft does:

>>> _compose("same", "extends"), _compose("extends", "restricts"), _compose("restricts", "same")
('extends', 'modifies', 'restricts')
>>> _diff_words(["-de echtgenoot", "+de geregistreerde partner", "+of samenwoner"])
'alleen bij u: «de echtgenoot»; alleen daar: «de geregistreerde partner», «of samenwoner»'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from wetgraaf.graph.analysis.concepts import (
    Basis,
    Concept,
    Part,
    build_concepts,
    cite,
    compare_independent,
    concept_locations,
    is_designation,
    lineage_relation,
    outermost,
    regeling_name,
    resolve_basis,
)
from wetgraaf.graph.analysis.network import keyed_definitions
from wetgraaf.graph.analysis.picture import ABBREVIATIONS
from wetgraaf.identity import LegalId
from wetgraaf.ingest.records import Document, Scope

if TYPE_CHECKING:
    from wetgraaf.api.corpus import Corpus

__all__ = ["Citation", "Link", "DraftConcept", "relate_draft", "DRAFT_TITLE"]

#: how the draft names itself in the analysis's sentences
DRAFT_TITLE = "Het concept"
#: what a relation of concept a to concept b makes a, as a comparison
_AS = {"same": "gelijk aan", "extends": "ruimer dan", "restricts": "enger dan", "modifies": "anders dan"}
_DOES = {
    "same": "neemt het ongewijzigd over",
    "extends": "breidt het uit",
    "restricts": "beperkt het",
    "modifies": "wijkt ervan af",
}
#: a stored relation between two concepts, for a summary
_REL_NL = {
    "same": "zelfde tekst",
    "divergent": "andere tekst",
    "naming": "eigen aanduiding",
    "scoped_apart": "andere reikwijdte",
    "extends": "ruimer",
    "restricts": "enger",
    "modifies": "anders",
}
_MODIFIES = {"extends": "breidt het begrip uit", "restricts": "beperkt het begrip", "modifies": "wijzigt het begrip"}
_MODIFYING = {"extends": "uitbreidt", "restricts": "beperkt", "modifies": "wijzigt"}
_ROLE_OF_KIND = {
    "explicit": "base",
    "by_reference": "takeover",
    "extension": "extension",
    "restriction": "restriction",
    "deeming": "base",
}
_SCOPE_ID = re.compile(r"&scope=(?P<level>[^:]+):(?P<targets>[^@]*)(?:@(?P<art>.*))?$")
_NOT_IN_TITLES = re.compile(r"title not in the title table: '(?P<t>[^']*)'")


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference of the draft to another regeling, followed to where it lands."""

    text: str  #: as written in the draft
    target: str | None  #: the cited location (Juriconnect), ``None`` when it could not be read
    concept: str | None  #: the corpus concept it lands on
    problem: str = ""  #: why it does not land, in plain Dutch ("" when it lands)


@dataclass(frozen=True, slots=True)
class Link:
    """How the draft concept relates to one concept of the corpus."""

    concept: str  #: the corpus concept's id
    bwb_id: str
    where: str  #: "Awir art. 3"
    relation: str  #: one of :data:`~wetgraaf.graph.analysis.concepts.RELATIONS`
    #: ``reference`` (the draft builds on it), ``chain`` (what that concept builds on, the relation
    #: composed), ``shared_basis`` (it builds on the same concept the draft lands on), ``text``
    #: (both define the term themselves: texts compared)
    basis: str
    reason: str  #: the analysis's sentence
    similarity: float | None = None
    diff: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  #: the definition keys of the corpus concept
    via: str = ""  #: for ``shared_basis``: where the concept both build on is ("AWR art. 5a")


@dataclass(slots=True)
class DraftConcept:
    """One concept of the draft and what the corpus says about it."""

    term: str
    term_key: str
    parts: list[Part]
    citations: list[Citation] = field(default_factory=list)
    builds_on: list[Link] = field(default_factory=list)
    chain: list[Link] = field(default_factory=list)
    compared: list[Link] = field(default_factory=list)
    laws: int = 0  #: other regelingen with a concept of this term in the corpus
    others: list[str] = field(default_factory=list)  #: their short names
    summary: str = ""

    def as_row(self) -> dict[str, Any]:
        def link(x: Link) -> dict[str, Any]:
            return {
                "concept": x.concept,
                "bwb_id": x.bwb_id,
                "where": x.where,
                "relation": x.relation,
                "basis": x.basis,
                "reason": x.reason,
                "similarity": x.similarity,
                "via": x.via,
                "diff": list(x.diff),
                "parts": list(x.parts),
            }

        return {
            "term": self.term,
            "term_key": self.term_key,
            "summary": self.summary,
            "parts": [
                {"key": p.key, "role": p.role, "effect": p.effect, "kind": p.kind, "text": p.text} for p in self.parts
            ],
            "citations": [
                {"text": c.text, "target": c.target, "concept": c.concept, "problem": c.problem} for c in self.citations
            ],
            "builds_on": [link(x) for x in self.builds_on],
            "chain": [link(x) for x in self.chain],
            "compared": [link(x) for x in self.compared],
            "laws": self.laws,
        }


# ----------------------------------------------------------------------------- the corpus's concepts
class _Pool:
    """Corpus concepts rebuilt from the stored rows, and the stored relations between them."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.concepts: dict[str, Concept] = {}
        self.relations: list[dict[str, Any]] = []
        self._clusters: set[str] = set()

    def add_term(self, key: str) -> list[Concept]:
        for cid in self.corpus.term_clusters(key):
            self._add_cluster(cid)
        placed = {p.key for c in self.concepts.values() for p in c.parts}
        for k in self.corpus.term_definitions(key):
            if k not in placed and self.corpus.all_definitions[k]["latest"]:
                self._lone(k)  # a definition in no cluster: its term's only one, or related to none
        return [c for c in self.concepts.values() if c.term_key == key]

    def _add_cluster(self, cid: str) -> None:
        if cid in self._clusters:
            return
        self._clusters.add(cid)
        stored = self.corpus.cluster_concepts(cid)
        naming = {r[k] for r in stored["concept_relations"] if r["naming"] for k in ("a", "b")}
        for row in stored["concepts"]:
            if row["id"] not in self.concepts:
                self.concepts[row["id"]] = self._concept(row, row["id"] in naming)
        self.relations.extend(stored["concept_relations"])

    def _concept(self, row: dict[str, Any], naming_term: bool) -> Concept:
        parts = [self._part(p) for p in row["parts"]]
        m = _SCOPE_ID.search(row["id"])
        sk = (m["level"], tuple(m["targets"].split(",")), m["art"] or "") if m else None
        c = Concept(
            id=row["id"],
            regeling=LegalId.regeling(row["bwb_id"], date.fromisoformat(row["version"]) if row["version"] else None),
            title=row["title"],
            term=row["term"],
            term_key=row["term_key"],
            scope=Scope(text=row["scope"], level=row["scope_level"]),
            parts=parts,
            naming=row["naming"],
            naming_term=naming_term or row["naming"],
            scope_key=sk,
        )
        c.based_on = {b: [] for b in row["based_on"]}
        return c

    def _part(self, row: dict[str, Any]) -> Part:
        a = self.corpus.all_definitions[row["key"]] if row["key"] in self.corpus.all_definitions else {}
        return Part(
            key=row["key"],
            location=LegalId.parse(row["location"]),
            term=row["term"],
            kind=row["kind"],
            role=row["role"],
            text=a.get("text", ""),
            scope=Scope(a.get("scope_text", ""), a.get("scope_level", "implicit"), tuple(a.get("scope_targets", ()))),
            basis=tuple(Basis(LegalId.parse(b["target"]), b["how"], b["anchor"]) for b in row["basis"]),
            own=tuple(LegalId.parse(x) for x in row["own"]),
            tail=row["tail"],
            form=a.get("form", ""),
        )

    def at(self, target: LegalId) -> list[Concept]:
        """The concepts with a part in the article ``target`` names (newest version): those of
        the clusters of its definitions; a definition in no cluster is a concept by itself."""
        art = target.article_id
        version = self._latest(target.bwb_id)
        if art is None or version is False:
            return []
        keys = self.corpus.article_definitions.get(art.at(version or None).jci, [])
        out: dict[str, Concept] = {}
        for k in keys:
            cid = self.corpus.cluster_of.get(k)
            if cid is not None:
                self._add_cluster(cid)
                for c in self.concepts.values():
                    if any(p.key == k for p in c.parts):
                        out[c.id] = c
            else:
                c = self._lone(k)
                out.setdefault(c.id, c)
        return list(out.values())

    def _latest(self, bwb_id: str) -> date | None | bool:
        """The newest version of a regeling in the corpus (``None`` undated), ``False`` when absent."""
        if bwb_id not in self.corpus.bwb_ids:
            return False
        v = self.corpus.regeling_row(bwb_id)["latest_version"]
        return date.fromisoformat(v) if v else None

    def _lone(self, key: str) -> Concept:
        """A definition in no cluster (its term defined once in the corpus) as a concept of its
        own, its role read from the extractor's kind."""
        a = self.corpus.all_definitions[key]
        loc = LegalId.parse(a["location"])
        basis = tuple(
            Basis(LegalId.parse(t), "takes_over", r)
            for t, r in zip(a["targets"], a["refs"], strict=False)
            if t and a["kind"] == "by_reference" and not t.startswith(f"jci1.3:c:{a['bwb_id']}&")
        )
        role = _ROLE_OF_KIND.get(a["kind"], "base")
        if role == "takeover" and not basis:
            role = "reference"
        part = Part(key, loc, a["term"], a["kind"], role, a["text"], Scope(a["scope_text"], a["scope_level"]), basis)
        reg = LegalId.regeling(a["bwb_id"], date.fromisoformat(a["version"]) if a["version"] else None)
        c = Concept(
            f"{reg.jci}#begrip={a['term_key']}",
            reg,
            a["title"],
            a["term"],
            a["term_key"],
            part.scope,
            [part],
            naming=is_designation(a["text"]),
        )
        had = self.concepts.setdefault(c.id, c)
        if had is not c and all(q.key != key for q in had.parts):
            had.parts.append(part)  # another definition of the term in the same regeling
        return had

    def lineage_of(self, cid: str) -> list[dict[str, Any]]:
        """The stored lineage relations of concept ``cid`` (what it builds on)."""
        return [r for r in self.relations if r["a"] == cid and r["basis"] == "reference"]

    def between(self, a: str, b: str) -> dict[str, Any] | None:
        return next((r for r in self.relations if {r["a"], r["b"]} == {a, b}), None)


def _where(c: Concept, keys: Iterable[str] = ()) -> str:
    """ "Awir art. 3" (the parts ``keys``, else the concept's defining parts)."""
    keys = set(keys)
    parts = [p for p in c.parts if p.key in keys] or c.base_parts or c.parts
    at = cite([p.location for p in parts])
    return f"{_law(c.bwb_id, c.title)} {at}".strip()


def _law(bwb_id: str, title: str) -> str:
    """A regeling as a jurist names it: its usual abbreviation, else its citeertitel.

    >>> _law("BWBR0018472", "Algemene wet inkomensafhankelijke regelingen"), _law("BWBR0020809", "Pensioenwet")
    ('Awir', 'Pensioenwet')
    """
    return ABBREVIATIONS.get(bwb_id) or regeling_name(title, bwb_id)


def _some(items: list[str], n: int = 3) -> str:
    """At most ``n`` items, then how many more.

    >>> _some(["a", "b"]), _some(["a", "b", "c", "d", "e"])
    ('a; b', 'a; b; c en 2 andere')
    """
    head = "; ".join(items[:n])
    return head + (f" en {len(items) - n} andere" if len(items) > n else "")


# ----------------------------------------------------------------------------- the draft
def relate_draft(corpus: Corpus, doc: Document) -> list[DraftConcept]:
    """The concepts of the draft ``doc`` and how each relates to the corpus's (module docstring)."""
    draft = build_concepts([doc])
    defs = dict(keyed_definitions(doc))
    pool = _Pool(corpus)
    out = []
    for d in draft:
        d.title = DRAFT_TITLE
        others = [c for c in pool.add_term(d.term_key) if c.bwb_id != d.bwb_id]
        d.naming_term = any(c.naming_term for c in others)
        dc = DraftConcept(d.term, d.term_key, list(d.parts))
        dc.others = sorted({_law(c.bwb_id, c.title) for c in others})
        dc.laws = len({c.bwb_id for c in others})
        _land(pool, d, dc, defs)
        _relate(pool, d, dc, others)
        dc.summary = _summary(d, dc)
        out.append(dc)
    return out


def _land(pool: _Pool, d: Concept, dc: DraftConcept, defs: dict[str, Any]) -> None:
    """Resolve what ``d`` cites in other regelingen to the corpus's concepts."""
    for p in d.parts:
        for r in defs[p.key].refs:
            if r.target is None and (m := _NOT_IN_TITLES.search(r.reason)):
                written = _written(p.text, r.text)
                dc.citations.append(
                    Citation(
                        written,
                        None,
                        None,
                        f"de verwijzing «{written}» is niet te volgen: «{m['t'].strip()} …» is geen citeertitel "
                        "of gangbare afkorting van een regeling die het corpus kent",
                    )
                )
    for p, b in d.dangling:
        t = resolve_basis(concept_locations(pool.at(b.target)), d, p, b)
        bwb = b.target.bwb_id
        title = pool.corpus.regeling_row(bwb)["citeertitel"] if bwb in pool.corpus.bwb_ids else ""
        cited = f"{ABBREVIATIONS.get(bwb) or regeling_name(title, bwb)} {cite([b.target])}".strip()
        if t is not None:
            d.based_on.setdefault(t.id, []).append((p, b))
            dc.citations.append(Citation(b.anchor, b.target.jci, t.id))
        elif b.target.bwb_id not in pool.corpus.bwb_ids:
            dc.citations.append(
                Citation(
                    b.anchor,
                    b.target.jci,
                    None,
                    f"de verwijzing «{b.anchor}» wijst naar {b.target.bwb_id} ({cited}), "
                    "maar die regeling is niet in het corpus",
                )
            )
        else:
            dc.citations.append(
                Citation(
                    b.anchor,
                    b.target.jci,
                    None,
                    f"de verwijzing «{b.anchor}» wijst naar {cited}, maar daar staat in het corpus "
                    f"geen definitie van {d.term}",
                )
            )
    d.dangling = [(p, b) for p, b in d.dangling if not any((p, b) in v for v in d.based_on.values())]


def _written(definition: str, anchor: str) -> str:
    """The reference as the draft writes it: from the anchor to the end of its clause
    (the extractor's anchor stops at the first title word it does not know)."""
    i = definition.find(anchor)
    if i < 0:
        return anchor
    return re.split(r"[,;]|\s+met\s+dien\s+verstande\b", definition[i:], maxsplit=1)[0].strip(" .")


def _compose(first: str, then: str) -> str:
    """The relation of a to c when a relates to b as ``first`` and b to c as ``then``."""
    if first == "same":
        return then
    if then == "same" or first == then:
        return first
    return "modifies"


def _relate(pool: _Pool, d: Concept, dc: DraftConcept, others: list[Concept]) -> None:
    seen: set[str] = set()
    grounds: dict[str, str] = {}  # concept id → the draft's relation to it through the chain
    for tid, links in d.based_on.items():
        t = pool.concepts[tid]
        r = lineage_relation(d, t, links)
        keys = tuple(p.key for p in t.parts)
        where = f"{_law(t.bwb_id, t.title)} {cite(outermost(b.target for _, b in links))}".strip()
        dc.builds_on.append(Link(t.id, t.bwb_id, where, r.relation, "reference", r.reason, parts=keys))
        seen.add(t.id)
        grounds[t.id] = r.relation
        todo = [(t, r.relation)]
        while todo:
            c, rel = todo.pop()
            for row in pool.lineage_of(c.id):
                if row["b"] in seen or row["b"] not in pool.concepts:
                    continue
                b = pool.concepts[row["b"]]
                composed = _compose(rel, row["relation"])
                seen.add(b.id)
                grounds[b.id] = composed
                dc.chain.append(
                    Link(
                        b.id, b.bwb_id, _where(b), composed, "chain", row["reason"], parts=tuple(p.key for p in b.parts)
                    )
                )
                todo.append((b, composed))
    for x in others:
        if x.id in seen or x.term_key != d.term_key:
            continue
        keys = tuple(p.key for p in x.parts)
        if grounds:
            # the draft lands on a concept: how x relates to it (or to what it builds on) is stored
            for g in grounds:
                row = pool.between(x.id, g)
                if row is not None:
                    basis = "shared_basis" if row["basis"] == "reference" else "text"
                    via = _where(pool.concepts[g]) if basis == "shared_basis" else ""
                    dc.compared.append(
                        Link(x.id, x.bwb_id, _where(x), row["relation"], basis, row["reason"], parts=keys, via=via)
                    )
                    break
            continue
        if not d.root or not (x.root or x.base_parts):
            continue
        r = compare_independent(d, x, (1, 1))
        dc.compared.append(
            Link(
                x.id,
                x.bwb_id,
                _where(x),
                r.relation,
                "text",
                r.reason,
                r.evidence.get("similarity", 1.0 if r.relation == "same" else None),
                tuple(r.evidence.get("diff", ())),
                keys,
            )
        )
    dc.compared.sort(key=lambda x: (-(x.similarity or 0.0), x.where))


# ----------------------------------------------------------------------------- the summary
def _diff_words(diff: Iterable[str], n: int = 3) -> str:
    """A word diff (draft ``-``, other ``+``) as a clause: what only the draft says, what only the other does."""
    mine = [f"«{w[1:]}»" for w in diff if w.startswith("-")][:n]
    theirs = [f"«{w[1:]}»" for w in diff if w.startswith("+")][:n]
    out = []
    if mine:
        out.append("alleen bij u: " + ", ".join(mine))
    if theirs:
        out.append("alleen daar: " + ", ".join(theirs))
    return "; ".join(out)


def _summary(d: Concept, dc: DraftConcept) -> str:
    """One paragraph a jurist would write about the draft concept."""
    out: list[str] = []
    for c in dc.citations:
        if c.problem:
            out.append(c.problem)
    for x in dc.builds_on:
        if x.relation == "same":
            out.append(f"hergebruikt {x.where} (zelfde begrip: uw definitie voegt er niets aan toe)")
        else:
            what = {"extends": "breidt het uit", "restricts": "beperkt het", "modifies": "wijkt ervan af"}
            out.append(f"bouwt voort op {x.where} en {what.get(x.relation, 'wijkt ervan af')}")
    for x in dc.chain:
        out.append(f"{x.reason.rstrip('.')}; uw begrip is daarmee {_AS.get(x.relation, 'anders dan')} {x.where}")
    if dc.builds_on:
        shared = [x for x in dc.compared if x.basis == "shared_basis"]
        if shared:
            out.append(
                _some([f"ook {x.where} bouwt op {x.via} en {_DOES.get(x.relation, x.relation)}" for x in shared])
            )
        text = [x for x in dc.compared if x.basis == "text"]
        if text:
            n = len({x.bwb_id for x in text})
            out.append(
                f"{n} {'andere regeling definieert' if n == 1 else 'andere regelingen definiëren'} {d.term} zelf: "
                + _some([f"{x.where} ({_REL_NL.get(x.relation, x.relation)})" for x in text])
            )
    else:
        same = [x for x in dc.compared if x.relation == "same"]
        n = dc.laws
        head = f"{n} {'regeling definieert' if n == 1 else 'regelingen definiëren'} dit begrip"
        if not d.base_parts:
            effects = sorted({p.effect for p in d.parts if p.effect in _MODIFIES}) or ["modifies"]
            out.append(
                f"uw tekst definieert {d.term} niet zelf maar {' en '.join(_MODIFIES[e] for e in effects)}; "
                f"noem het begrip dat u {' en '.join(_MODIFYING[e] for e in effects)}: een eigen definitie, "
                f"of «{d.term} als bedoeld in …»"
            )
            if n:
                out.append(f"{head}: {_some(dc.others, 5)}")
        elif n == 0:
            out.append(f"geen andere regeling in het corpus definieert {d.term}")
        else:
            if same:
                out.append(
                    f"{head}; uw tekst is gelijk aan die van {'; '.join(x.where for x in same[:3])}: "
                    "verwijs ernaar in plaats van de tekst te herhalen"
                )
            elif dc.compared:
                best = dc.compared[0]
                if best.relation == "naming":
                    out.append(
                        f"{head}; elke regeling wijst er haar eigen orgaan of regeling mee aan ({best.where} e.a.)"
                    )
                else:
                    sim = f" ({best.similarity:.0%} dezelfde woorden)" if best.similarity is not None else ""
                    diff = _diff_words(best.diff)
                    out.append(
                        f"{head}; uw tekst komt het dichtst bij {best.where}{sim}"
                        + (f" en verschilt in: {diff}" if diff else "")
                    )
            else:
                out.append(head)
    return f"{d.term}: " + "; ".join(out) + "."
