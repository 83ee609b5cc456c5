"""One graph model for all views: ingest records → nodes and edges with keys and IRIs.

The RDF store, the embedded property graph and the Neo4j writer are all fed from
:func:`build_model`, and every key and IRI is computed here from a
:class:`~wetgraaf.identity.LegalId`, so the three views cannot disagree.

Node labels: ``Regeling`` (the work), ``Version`` (a toestand), ``Unit`` (hoofdstuk,
afdeling, …), ``Article``, ``Provision`` (article text, lid, onderdeel), ``Definition``,
``Term`` and ``Location`` (a reference target outside the ingested documents).
Relationship types: ``HAS_VERSION``, ``PART_OF``, ``HAS_DEFINITION``, ``DEFINES``,
``CITES`` (provision → target) and ``DEFINITION_CITES`` (definition → target); between
regelingen, from their WTI files: ``RESTS_ON`` (a regeling → its legal basis, the
delegation), ``REFERS_TO`` (a regeling → a regeling it refers to) and ``SAME_FAMILY``.

Rules across laws (:mod:`wetgraaf.ingest.rules_relations`): a provision ``DEROGATES_FROM``,
``APPLIES_MUTATIS_MUTANDIS``, ``EXCEPTS``, ``WITHOUT_PREJUDICE_TO`` or ``DELEGATES`` to the
provision, article, chapter or regeling it names (resolved targets only), with the words as
written and the clause as evidence; its termijnen, bedragen, leeftijden and percentages are
``Parameter`` nodes (``HAS_PARAMETER``) with the act and actor they govern.

Concepts (:mod:`wetgraaf.graph.analysis.concepts`: what one regeling, within one scope, means
by a term) are ``Concept`` nodes with ``HAS_PART`` (→ the Definition of each part, with its
role), ``OF_TERM`` (→ the Term), ``BASED_ON`` (→ the concept it takes over or builds on) and,
from :func:`~wetgraaf.graph.analysis.concepts.relate_concepts`, ``EXTENDS``, ``RESTRICTS``,
``MODIFIES`` or ``RELATED_CONCEPT`` (same, divergent, scoped apart, naming) with the
relation's sentence and parts.

Terms meet under the analyses' :func:`wetgraaf.graph.analysis.terms.term_key` (plural and
inflection variants included), so *partner* and *partners* are one ``Term`` node whose
``name`` is the term key the API uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from wetgraaf.identity import LegalId

if TYPE_CHECKING:
    from wetgraaf.graph.analysis.concepts import Concept, ConceptRelation
    from wetgraaf.ingest.records import Definition, Document, Rule

__all__ = [
    "Node",
    "Edge",
    "GraphModel",
    "build_model",
    "normalise_term",
    "definition_key",
    "term_key",
    "term_name",
    "concept_key",
    "add_concepts",
    "TERM_BASE",
    "CONCEPT_RELATION_EDGES",
    "RELATION_PART_KEYS",
    "RULE_RELATION_EDGES",
    "parameter_key",
]

TERM_BASE = "https://w3id.org/wetgraaf/begrip/"
NODE_LABELS = (
    "Regeling",
    "Version",
    "Unit",
    "Article",
    "Provision",
    "Definition",
    "Term",
    "Location",
    "Concept",
    "Parameter",
)
#: rule relation (:data:`~wetgraaf.ingest.records.RULE_RELATION_KINDS`) → edge type, from the
#: provision that states it to its (resolved) target
RULE_RELATION_EDGES = {
    "derogates_from": "DEROGATES_FROM",
    "applies_mutatis_mutandis": "APPLIES_MUTATIS_MUTANDIS",
    "excepts": "EXCEPTS",
    "without_prejudice_to": "WITHOUT_PREJUDICE_TO",
    "delegates": "DELEGATES",
}
#: concept relation (:data:`~wetgraaf.graph.analysis.concepts.RELATIONS`) → edge type; the others
#: (same, divergent, scoped_apart, naming) are ``RELATED_CONCEPT`` with the relation as a property
CONCEPT_RELATION_EDGES = {"extends": "EXTENDS", "restricts": "RESTRICTS", "modifies": "MODIFIES"}
#: the keys of :attr:`ConceptRelation.parts <wetgraaf.graph.analysis.concepts.ConceptRelation.parts>`,
#: each an edge property ``parts_<key>`` (the locations that make the relation so)
RELATION_PART_KEYS = ("takes_over", "extends", "restricts", "modifies", "base", "a", "b")
EDGE_TYPES = (
    "HAS_VERSION",
    "PART_OF",
    "HAS_DEFINITION",
    "DEFINES",
    "CITES",
    "DEFINITION_CITES",
    "RESTS_ON",
    "REFERS_TO",
    "SAME_FAMILY",
    "HAS_PART",
    "OF_TERM",
    "BASED_ON",
    "EXTENDS",
    "RESTRICTS",
    "MODIFIES",
    "RELATED_CONCEPT",
    *RULE_RELATION_EDGES.values(),
    "HAS_PARAMETER",
)
#: WTI relation kind → edge type between Regeling nodes
RELATION_EDGES = {"grondslag": "RESTS_ON", "verwijzing": "REFERS_TO", "wetsfamilie": "SAME_FAMILY"}


@dataclass(slots=True)
class Node:
    label: str
    key: str
    iri: str
    props: dict[str, Any]


@dataclass(slots=True)
class Edge:
    type: str
    src: str
    dst: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class GraphModel:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def add(self, node: Node) -> None:
        if node.key not in self.nodes:
            self.nodes[node.key] = node

    def counts(self) -> dict[str, int]:
        c = Counter(n.label for n in self.nodes.values())
        c.update(e.type for e in self.edges)
        return {k: c.get(k, 0) for k in (*NODE_LABELS, *EDGE_TYPES)}

    def by_label(self, label: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.label == label]


_ARTICLES = re.compile(r"^(?:de|het|een)\s+")


def normalise_term(term: str) -> str:
    """The key under which definitions of "the same term" meet.

    Case, whitespace, quotes, a leading article and diacritics are ignored (plural and
    inflection variants are the business of the analyses).

    >>> normalise_term("  De Partner ")
    'partner'
    >>> normalise_term("«Nederland»")
    'nederland'
    >>> normalise_term("éénpersoonsadres")
    'eenpersoonsadres'
    """
    t = unicodedata.normalize("NFKD", term)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = re.sub(r"\s+", " ", t).strip().strip("‘’'\"“”«»").lower()
    return _ARTICLES.sub("", t)


def term_name(term: str) -> str:
    """The term key of the analyses (:func:`wetgraaf.graph.analysis.terms.term_key`): the
    ``name`` of a Term node and the term id of the API.

    >>> term_name("De partners") == term_name("partner") == "partner"
    True
    """
    # imported here: terms.py builds on normalise_term above
    from wetgraaf.graph.analysis.terms import term_key as analyses_term_key

    return analyses_term_key(term)


def term_key(term: str) -> str:
    """The key of a term's Term node: ``begrip:`` and its :func:`term_name`.

    >>> term_key("Kinderen") == term_key("kind") == "begrip:kind"
    True
    """
    return "begrip:" + term_name(term)


def concept_key(c: Concept) -> str:
    """Key of a concept: its regeling (the version used) and term key, and its scope when it holds
    for a written scope only. It is the concept's id in the analyses and the API
    (:attr:`Concept.id <wetgraaf.graph.analysis.concepts.Concept.id>`).
    """
    from wetgraaf.graph.analysis.concepts import concept_fragment

    return f"{c.regeling.jci}#{concept_fragment(c.term_key, c.scope_key)}"


def _concept_iri(c: Concept) -> str:
    from wetgraaf.graph.analysis.concepts import concept_fragment

    return f"{c.regeling.iri}#{concept_fragment(c.term_key, c.scope_key, encode=True)}"


def definition_key(d: Definition, n: int = 1) -> str:
    """Key of a definition: its location, its term and its kind (plus a counter if repeated)."""
    base = f"{d.id.jci}#definitie={normalise_term(d.term)}&soort={d.kind}"
    return base if n == 1 else f"{base}&n={n}"


def _definition_iri(d: Definition, n: int) -> str:
    base = f"{d.id.iri}#definitie={quote(normalise_term(d.term), safe='')}&soort={d.kind}"
    return base if n == 1 else f"{base}&n={n}"


def _container_id(doc: Document, path: tuple[tuple[str, str], ...]) -> LegalId:
    return doc.regeling.id.with_path(path)


def build_model(documents: Iterable[Document], *, concepts: bool = True) -> GraphModel:
    """Nodes and edges for a set of parsed documents (several versions of one law may be in it).

    Parameters
    ----------
    documents
        Parsed documents.
    concepts
        Whether to add the concepts of the newest version of each regeling and their relations
        (:func:`~wetgraaf.graph.analysis.concepts.build_concepts`, ``relate_concepts``).

    Returns
    -------
    GraphModel
        The nodes (by key) and edges.
    """
    g = GraphModel()
    docs = list(documents)
    g.documents = docs
    for doc in docs:
        _add_document(g, doc)
    _add_related(g, docs)
    _add_rules(g, docs)
    _add_references(g, docs)
    if concepts:
        from wetgraaf.graph.analysis.concepts import build_concepts, relate_concepts

        found = build_concepts(docs)
        add_concepts(g, found, relate_concepts(found))
    return g


def _norm_props(r: Rule | None) -> dict[str, object]:
    """A provision's norm-type properties (empty ones when it has no rule)."""
    return {
        "norm_type": r.norm_type if r else "",
        "norm_cues": list(r.cues) if r else [],
        "norm_confidence": r.confidence if r else None,
    }


def _add_document(g: GraphModel, doc: Document) -> None:
    reg = doc.regeling
    work = LegalId(reg.bwb_id)
    title = reg.citeertitel or reg.intitule
    existing = g.nodes.get(work.jci)
    if existing is None or (reg.version is not None and (existing.props.get("latest") or "") < reg.version.isoformat()):
        g.nodes[work.jci] = Node(
            "Regeling",
            work.jci,
            work.iri,
            {
                "bwb_id": reg.bwb_id,
                "title": title,
                "soort": reg.soort,
                "latest": reg.version.isoformat()
                if reg.version
                else (existing.props.get("latest") if existing else ""),
            },
        )
    top = work
    if reg.version is not None:
        top = reg.id
        g.add(
            Node(
                "Version",
                reg.id.jci,
                reg.id.iri,
                {
                    "bwb_id": reg.bwb_id,
                    "date": reg.version,
                    "title": title,
                    "intitule": reg.intitule,
                    "soort": reg.soort,
                    "format": reg.format,
                    "source": reg.source,
                    "url": reg.id.url,
                },
            )
        )
        g.edges.append(Edge("HAS_VERSION", work.jci, reg.id.jci))
    else:
        g.nodes[work.jci].props.update({"intitule": reg.intitule, "format": reg.format, "source": reg.source})

    part_of: list[tuple[str, LegalId]] = []  #: (child, its parent as written)
    for u in doc.units:
        label = "Article" if u.kind == "artikel" else "Unit"
        g.add(
            Node(
                label,
                u.id.jci,
                u.id.iri,
                {
                    "jci": u.id.jci,
                    "bwb_id": reg.bwb_id,
                    "kind": u.kind,
                    "nr": u.nr,
                    "label": u.label,
                    "heading": u.heading,
                    "status": u.status,
                    "repealed": u.repealed,
                    "own_jci": u.own_jci or "",
                    "url": u.id.url,
                    "order": u.order,
                },
            )
        )
        part_of.append((u.id.jci, u.parent if u.parent is not None and u.parent.path else top))

    rules = {r.id: r for r in doc.rules}
    for p in doc.provisions:
        r = rules.get(p.id)
        same = g.nodes.get(p.id.jci)
        if same is not None and same.label in ("Article", "Unit"):
            # an article without leden (or a division with free text) carries its own text
            same.props.update({"text": p.text, **_norm_props(r)})
            continue
        g.add(
            Node(
                "Provision",
                p.id.jci,
                p.id.iri,
                {
                    "jci": p.id.jci,
                    "bwb_id": reg.bwb_id,
                    "kind": p.kind,
                    "artikel": p.artikel,
                    "lid": p.lid,
                    "onderdeel": p.onderdeel,
                    "text": p.text,
                    "status": p.status,
                    "repealed": p.repealed,
                    **_norm_props(r),
                    "own_jci": p.own_jci or "",
                    "url": p.id.url,
                    "order": p.order,
                },
            )
        )
        part_of.append((p.id.jci, p.id.parent if p.id.parent is not None and p.id.parent.path else top))
    for child, parent in part_of:
        # the nearest ancestor that is a node: an element whose container got another id (a
        # bijlage in a bijlage, merged with a warning) still hangs in the tree
        while parent.jci not in g.nodes and parent.path:
            parent = parent.parent if parent.parent is not None and parent.parent.path else top
        g.edges.append(Edge("PART_OF", child, parent.jci))

    seen: Counter[str] = Counter()
    for d in doc.definitions:
        base = definition_key(d)
        seen[base] += 1
        n = seen[base]
        key = definition_key(d, n)
        g.add(
            Node(
                "Definition",
                key,
                _definition_iri(d, n),
                {
                    "key": key,
                    "bwb_id": reg.bwb_id,
                    "version": reg.version,
                    "term": d.term,
                    "normalised": normalise_term(d.term),
                    "definition": d.definition,
                    "kind": d.kind,
                    "form": d.form,
                    "scope_text": d.scope.text,
                    "scope_level": d.scope.level,
                    "scope_targets": list(d.scope.targets),
                    "scope_delegated": d.scope.delegated,
                    "scope_also": list(d.scope.also),
                    "artikel": d.artikel,
                    "lid": d.lid,
                    "onderdeel": d.onderdeel,
                    "location": d.id.jci,
                    "url": d.id.url,
                },
            )
        )
        name = term_name(d.term)
        tk = "begrip:" + name
        if tk not in g.nodes:
            g.nodes[tk] = Node("Term", tk, TERM_BASE + quote(name, safe=""), {"name": name, "labels": []})
        labels = g.nodes[tk].props["labels"]
        if d.term not in labels:
            labels.append(d.term)
        holder = d.id.jci if d.id.jci in g.nodes else d.id.article_id.jci if d.id.article_id is not None else top.jci
        g.edges.append(Edge("HAS_DEFINITION", holder, key))
        g.edges.append(Edge("DEFINES", key, tk))
        for ref in {(r.target.jci, r.text): r for r in d.refs if r.target is not None}.values():
            assert ref.target is not None
            g.edges.append(Edge("DEFINITION_CITES", key, ref.target.jci, {"anchor": ref.text, "via": ref.via}))


def _add_related(g: GraphModel, docs: list[Document]) -> None:
    """One edge per (type, regeling, regeling) from the WTI relations, with what it concerns.

    ``grondslag`` in the WTI of X naming Y: Y ``RESTS_ON`` X; ``verwijzing``: Y ``REFERS_TO``
    X; ``wetsfamilie``: X ``SAME_FAMILY`` Y (stored once per pair, lower BWB id first).
    Properties: ``target_elements`` (labels of X's elements concerned, "Artikel 2"),
    ``source_elements`` (Juriconnect ids of Y's referring elements), ``valid_from`` (earliest)
    and ``valid_until`` (latest, "9999-12-31" when open). A related regeling that is not
    among the documents becomes a ``Regeling`` node with the title the WTI gives.
    """
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for doc in docs:
        for r in doc.related:
            etype = RELATION_EDGES.get(r.kind)
            if etype is None or r.other == r.bwb_id:
                continue
            if etype == "SAME_FAMILY":
                src, dst = sorted((r.bwb_id, r.other))
            else:
                src, dst = r.other, r.bwb_id
            for bwb, title in ((r.other, r.other_title), (r.bwb_id, "")):
                key = LegalId(bwb).jci
                if key not in g.nodes:
                    g.nodes[key] = Node(
                        "Regeling",
                        key,
                        LegalId(bwb).iri,
                        {"bwb_id": bwb, "title": title or bwb, "soort": "", "latest": ""},
                    )
            e = merged.setdefault(
                (etype, src, dst),
                {"target_elements": [], "source_elements": [], "valid_from": "", "valid_until": ""},
            )
            if r.element and r.element not in e["target_elements"]:
                e["target_elements"].append(r.element)
            if r.other_element and r.other_element not in e["source_elements"]:
                e["source_elements"].append(r.other_element)
            if r.valid_from and (not e["valid_from"] or r.valid_from < e["valid_from"]):
                e["valid_from"] = r.valid_from
            if r.valid_until and r.valid_until > e["valid_until"]:
                e["valid_until"] = r.valid_until
    for (etype, src, dst), props in merged.items():
        g.edges.append(Edge(etype, LegalId(src).jci, LegalId(dst).jci, props))


def parameter_key(source: LegalId, n: int) -> str:
    """The key (and IRI fragment) of the ``n``-th parameter (1-based) of a provision.

    >>> parameter_key(LegalId.parse("jci1.3:c:BWBR0005537&artikel=6:7"), 1)
    'jci1.3:c:BWBR0005537&artikel=6:7#parameter=1'
    """
    return f"{source.jci}#parameter={n}"


def _add_rules(g: GraphModel, docs: list[Document]) -> None:
    """Rule relations with a resolved target as edges from the provision that states them
    (unresolved ones stay in the corpus store with their reason), and every parameter as a
    ``Parameter`` node of its provision."""
    for doc in docs:
        for r in doc.rule_relations:
            src = r.source.jci
            if r.target is None or src not in g.nodes:
                continue
            g.edges.append(
                Edge(
                    RULE_RELATION_EDGES[r.relation],
                    src,
                    r.target.jci,
                    {
                        "target_text": r.target_text,
                        "form": r.form,
                        "scope": r.scope,
                        "adaptation": r.adaptation,
                        "evidence": r.evidence,
                    },
                )
            )
        counter: Counter[str] = Counter()
        for prm in doc.rule_parameters:
            src = prm.source.jci
            if src not in g.nodes:
                continue
            counter[src] += 1
            key = parameter_key(prm.source, counter[src])
            g.add(
                Node(
                    "Parameter",
                    key,
                    f"{g.nodes[src].iri}#parameter={counter[src]}",
                    {
                        "bwb_id": prm.source.bwb_id,
                        "location": src,
                        "kind": prm.kind,
                        "text": prm.text,
                        "value": prm.value,
                        "unit": prm.unit,
                        "days": prm.days,
                        "act": prm.act,
                        "actor": prm.actor,
                        "price_year": prm.price_year,
                    },
                )
            )
            g.edges.append(Edge("HAS_PARAMETER", src, key))


def _add_references(g: GraphModel, docs: list[Document]) -> None:
    """One CITES edge per (citing provision, target, anchor text): the same words naming the
    same target twice in one provision are one reference in the property graph."""
    seen: set[tuple[str, str, str]] = set()
    for doc in docs:
        for ref in doc.references:
            if ref.target is None:
                continue
            src = ref.source.jci
            if src not in g.nodes:
                continue  # e.g. a reference inside a repealed stub
            k = (src, ref.target.jci, ref.text)
            if k in seen:
                continue
            seen.add(k)
            g.edges.append(
                Edge("CITES", src, ref.target.jci, {"anchor": ref.text, "via": ref.via, "reason": ref.reason})
            )
    # targets that are not part of the ingested documents become Location nodes
    targets = {"CITES", "DEFINITION_CITES", *RULE_RELATION_EDGES.values()}
    for e in g.edges:
        if e.type in targets and e.dst not in g.nodes:
            t = LegalId.parse(e.dst)
            g.nodes[e.dst] = Node("Location", e.dst, t.iri, {"jci": e.dst, "bwb_id": t.bwb_id, "url": t.url})


def add_concepts(g: GraphModel, concepts: Sequence[Concept], relations: Iterable[ConceptRelation]) -> None:
    """``Concept`` nodes with their ``HAS_PART``, ``OF_TERM`` and ``BASED_ON`` edges, and one edge
    per concept relation (``EXTENDS``, ``RESTRICTS``, ``MODIFIES`` or ``RELATED_CONCEPT``).

    A part whose definition is not a node, or a relation to a concept not given, is left out.
    """
    keys: dict[str, str] = {}  #: concept id → node key (the same string; checked here)
    for c in concepts:
        key = concept_key(c)
        if key != c.id:
            raise ValueError(f"concept id {c.id!r} is not the graph's key {key!r}")
        keys[c.id] = key
        g.add(
            Node(
                "Concept",
                key,
                _concept_iri(c),
                {
                    "term": c.term,
                    "term_key": c.term_key,
                    "regeling": c.regeling.jci,
                    "bwb_id": c.bwb_id,
                    "title": c.title,
                    "scope": c.scope.text,
                    "scope_level": c.scope.level,
                    "naming": c.naming,
                },
            )
        )
        for p in c.parts:
            if p.key in g.nodes:
                g.edges.append(Edge("HAS_PART", key, p.key, {"role": p.role, "effect": p.effect}))
        tk = "begrip:" + c.term_key
        if tk in g.nodes:
            g.edges.append(Edge("OF_TERM", key, tk))
    for c in concepts:
        for target, links in c.based_on.items():
            if target not in keys:
                continue
            g.edges.append(
                Edge(
                    "BASED_ON",
                    keys[c.id],
                    keys[target],
                    {
                        "how": sorted({b.how for _, b in links}),
                        "parts": list(dict.fromkeys(p.location.jci for p, _ in links)),
                        "targets": list(dict.fromkeys(b.target.jci for _, b in links)),
                    },
                )
            )
    seen: set[tuple[str, str, str]] = set()
    for r in relations:
        etype = CONCEPT_RELATION_EDGES.get(r.relation, "RELATED_CONCEPT")
        if r.a not in keys or r.b not in keys or (etype, r.a, r.b) in seen:
            continue
        seen.add((etype, r.a, r.b))
        unknown = set(r.parts) - set(RELATION_PART_KEYS)
        if unknown:
            raise ValueError(f"concept relation parts {sorted(unknown)} have no edge property")
        props: dict[str, Any] = {"relation": r.relation, "basis": r.basis, "sentence": r.reason, "naming": r.naming}
        props.update({f"parts_{k}": [x.jci for x in r.parts.get(k, ())] for k in RELATION_PART_KEYS})
        g.edges.append(Edge(etype, keys[r.a], keys[r.b], props))
