"""The RDF view: the graph model as triples in an Oxigraph store, SPARQL, exports.

rdflib's in-memory store is too slow at corpus scale (see docs/graph-stores.md: ~24 s to load
1M triples, a join did not finish in 4 min); :mod:`pyoxigraph` loads the same in ~3 s. Triples
are generated in one pass and written with ``bulk_extend``. rdflib users can wrap the store
with ``oxrdflib`` (``rdflib.Graph(store="Oxigraph")``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from wetgraaf.graph.model import Edge, GraphModel
from wetgraaf.identity import LegalId
from wetgraaf.ontology import DCTERMS, ELI, NORM_TYPE_TERMS, PROV, RDF, RDFS, SKOS, WG, XSD

if TYPE_CHECKING:
    from wetgraaf.graph.sparql_results import SparqlResult

__all__ = [
    "triples",
    "load_store",
    "export",
    "sparql",
    "sparql_result",
    "rdflib_graph",
    "FORMATS",
    "ReadOnlyQueryError",
]

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
}
PREFIXES = {
    "wg": WG.base,
    "eli": ELI.base,
    "skos": SKOS.base,
    "dcterms": DCTERMS.base,
    "prov": PROV.base,
    "xsd": XSD.base,
    "rdfs": RDFS.base,
    "bwb": "http://wetten.overheid.nl/id/",
    "begrip": "https://w3id.org/wetgraaf/begrip/",
}

_N = ox.NamedNode
_TYPE = _N(RDF.type)
_STR = _N(XSD.string)


class ReadOnlyQueryError(ValueError):
    """A SPARQL update (or anything but a query) was sent to a read-only endpoint."""


def _lit(value: object) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_N(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_N(XSD.integer))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=_N(XSD.date))
    return ox.Literal(str(value))


def _decimal(value: float) -> ox.Literal:
    """A probability as ``xsd:decimal`` (four places, as the records keep it)."""
    return ox.Literal(f"{value:.4f}", datatype=_N(XSD.decimal))


def _number(value: float) -> ox.Literal:
    """A parameter's value as ``xsd:decimal``, as exact as the law writes it.

    >>> _number(2269.0).value, _number(6.5).value, _number(340335162.0).value
    ('2269', '6.5', '340335162')
    """
    from decimal import Decimal

    return ox.Literal(format(Decimal(repr(float(value))).normalize(), "f"), datatype=_N(XSD.decimal))


def triples(model: GraphModel) -> Iterator[ox.Triple]:
    """All triples of the model (RDF view of the same nodes and edges)."""
    T = ox.Triple
    parent_of: dict[str, str] = {}
    for e in model.edges:
        if e.type == "PART_OF":
            parent_of[e.src] = e.dst
    iri = {k: n.iri for k, n in model.nodes.items()}
    relation_count: dict[str, int] = {}
    rule_count: dict[str, int] = {}

    for n in model.nodes.values():
        s = _N(n.iri)
        p = n.props
        if n.label == "Regeling":
            yield T(s, _TYPE, _N(WG.Regeling))
            yield T(s, _N(WG.jci), _lit(n.key))
            yield T(s, _N(WG.bwbId), _lit(p["bwb_id"]))
            yield T(s, _N(ELI.title), _lit(p["title"]))
            if p.get("soort"):
                yield T(s, _N(WG.soort), _lit(p["soort"]))
            yield T(s, _N(WG.sourceLink), _N(LegalId(p["bwb_id"]).url))
            if p.get("format"):  # a document without version date (legacy dump) describes the work
                yield T(s, _N(WG.sourceFormat), _lit(p["format"]))
                yield T(s, _N(WG.sourceFile), _lit(p["source"]))
                yield T(s, _N(WG.intitule), _lit(p["intitule"]))
        elif n.label == "Version":
            yield T(s, _TYPE, _N(WG.RegelingVersion))
            yield T(s, _N(WG.jci), _lit(n.key))
            yield T(s, _N(ELI.realizes), _N(LegalId(p["bwb_id"]).iri))
            yield T(_N(LegalId(p["bwb_id"]).iri), _N(WG.hasVersion), s)
            yield T(s, _N(ELI.date_applicability), _lit(p["date"]))
            yield T(s, _N(ELI.title), _lit(p["title"]))
            yield T(s, _N(WG.intitule), _lit(p["intitule"]))
            yield T(s, _N(WG.soort), _lit(p["soort"]))
            yield T(s, _N(WG.sourceFormat), _lit(p["format"]))
            yield T(s, _N(WG.sourceFile), _lit(p["source"]))
            yield T(s, _N(WG.sourceLink), _N(p["url"]))
        elif n.label in ("Unit", "Article", "Provision"):
            yield T(
                s,
                _TYPE,
                _N(WG.Article if n.label == "Article" else WG.StructuralUnit if n.label == "Unit" else WG.Provision),
            )
            yield T(s, _N(WG.jci), _lit(p["jci"]))
            yield T(s, _N(WG.sourceLink), _N(p["url"]))
            yield T(s, _N(WG.unitKind), _lit(p["kind"]))
            yield T(s, _N(ELI.is_part_of), _N(iri[parent_of[n.key]]))
            yield T(s, _N(WG.status), _lit(p["status"]))
            yield T(s, _N(WG.repealed), _lit(bool(p["repealed"])))
            if p.get("own_jci"):
                yield T(s, _N(WG.ownJci), _lit(p["own_jci"]))
            if n.label != "Provision":
                yield T(s, _N(ELI.number), _lit(p["nr"]))
                yield T(s, _N(WG.label), _lit(p["label"]))
                if p["heading"]:
                    yield T(s, _N(WG.heading), _lit(p["heading"]))
            else:
                for key in ("artikel", "lid", "onderdeel"):
                    if p[key]:
                        yield T(s, _N(WG[key]), _lit(p[key]))
            if "text" in p:
                if n.label != "Provision":
                    yield T(s, _TYPE, _N(WG.Provision))
                yield T(s, _N(WG.text), _lit(p["text"]))
                if p.get("norm_type"):
                    rule = _N(n.iri + "#norm")
                    yield T(s, _N(WG.rule), rule)
                    yield T(rule, _TYPE, _N(WG.Rule))
                    yield T(rule, _N(WG.normType), _N(WG[NORM_TYPE_TERMS.get(p["norm_type"], p["norm_type"])]))
                    for cue in p["norm_cues"]:
                        yield T(rule, _N(WG.cue), _lit(cue))
                    if p.get("norm_confidence") is not None:
                        yield T(rule, _N(WG.confidence), _decimal(p["norm_confidence"]))
        elif n.label == "Definition":
            yield T(s, _TYPE, _N(WG.Definition))
            yield T(s, _N(WG.termAsWritten), _lit(p["term"]))
            yield T(s, _N(SKOS.definition), _lit(p["definition"]))
            yield T(s, _N(WG.definitionKind), _N(WG[p["kind"]]))
            yield T(s, _N(WG.form), _lit(p["form"]))
            yield T(s, _N(WG.scopeLevel), _lit(p["scope_level"]))
            if p["scope_text"]:
                yield T(s, _N(WG.scopeText), _lit(p["scope_text"]))
            for t in p["scope_targets"]:
                yield T(s, _N(WG.scopeTarget), _lit(t))
            yield T(s, _N(WG.scopeDelegated), _lit(bool(p["scope_delegated"])))
            for t in p["scope_also"]:
                yield T(s, _N(WG.scopeAlso), _lit(t))
            if p["artikel"]:
                yield T(s, _N(WG.artikel), _lit(p["artikel"]))
            yield T(s, _N(WG.sourceLink), _N(p["url"]))
        elif n.label == "Term":
            yield T(s, _TYPE, _N(WG.Term))
            yield T(s, _N(WG.normalisedLabel), _lit(p["name"]))
            for label in p["labels"]:
                yield T(
                    s,
                    _N(SKOS.prefLabel) if label == p["labels"][0] else _N(SKOS.altLabel),
                    ox.Literal(label, language="nl"),
                )
        elif n.label == "Concept":
            yield T(s, _TYPE, _N(WG.Concept))
            yield T(s, _N(WG.conceptKey), _lit(n.key))
            yield T(s, _N(RDFS.label), ox.Literal(p["term"], language="nl"))
            yield T(s, _N(WG.inRegeling), _N(LegalId.parse(p["regeling"]).iri))
            if p["scope"]:
                yield T(s, _N(WG.conceptScope), _lit(p["scope"]))
            yield T(s, _N(WG.naming), _lit(bool(p["naming"])))
        elif n.label == "Parameter":
            yield T(s, _TYPE, _N(WG.Parameter))
            yield T(s, _N(WG.parameterKind), _lit(p["kind"]))
            yield T(s, _N(WG.parameterText), _lit(p["text"]))
            if p["value"] is not None:
                yield T(s, _N(WG.value), _number(p["value"]))
            for key, pred in (("unit", WG.unit), ("act", WG.act), ("actor", WG.actor)):
                if p[key]:
                    yield T(s, _N(pred), _lit(p[key]))
            for key, pred in (("days", WG.days), ("price_year", WG.priceYear)):
                if p[key] is not None:
                    yield T(s, _N(pred), _lit(int(p[key])))
        elif n.label == "Location":
            t = LegalId.parse(p["jci"])
            yield T(s, _TYPE, _N(ELI.LegalResourceSubdivision if t.path else ELI.LegalResource))
            yield T(s, _N(WG.jci), _lit(p["jci"]))
            yield T(s, _N(WG.sourceLink), _N(p["url"]))

    for e in model.edges:
        if e.type == "HAS_DEFINITION":
            yield T(_N(iri[e.src]), _N(WG.definition), _N(iri[e.dst]))
        elif e.type == "DEFINES":
            yield T(_N(iri[e.src]), _N(WG.defines), _N(iri[e.dst]))
        elif e.type == "DEFINITION_CITES":
            yield T(_N(iri[e.src]), _N(ELI.cites), _N(iri[e.dst]))
        elif e.type in _RELATED:
            yield from _related_triples(e, iri)
        elif e.type == "HAS_PART":
            yield T(_N(iri[e.src]), _N(WG.hasPart), _N(iri[e.dst]))
            yield T(_N(iri[e.dst]), _N(WG.partRole), _lit(e.props["role"]))
        elif e.type == "OF_TERM":
            yield T(_N(iri[e.src]), _N(WG.ofTerm), _N(iri[e.dst]))
        elif e.type == "BASED_ON":
            yield T(_N(iri[e.src]), _N(WG.basedOn), _N(iri[e.dst]))
        elif e.type == "HAS_PARAMETER":
            yield T(_N(iri[e.src]), _N(WG.parameter), _N(iri[e.dst]))
        elif e.type in _RULE_RELATIONS:
            rule_count[e.src] = rule_count.get(e.src, 0) + 1
            yield from _rule_relation_triples(e, iri, rule_count[e.src])
        elif e.type in _CONCEPT_RELATIONS:
            relation_count[e.src] = relation_count.get(e.src, 0) + 1
            yield from _concept_relation_triples(e, iri, relation_count[e.src])

    # references as nodes of their own (with reasons for what could not be resolved)
    for doc in model.documents:
        counter: dict[str, int] = {}
        seen: set[tuple[str, str, str]] = set()
        for ref in doc.references:
            src_key = ref.source.jci
            if src_key not in model.nodes:
                continue
            if ref.target is not None:
                # as in the property graph: the same words naming the same target twice in one
                # provision are one reference (the first, marked-up one when there is one)
                k = (src_key, ref.target.jci, ref.text)
                if k in seen:
                    continue
                seen.add(k)
            src = model.nodes[src_key].iri
            counter[src] = counter.get(src, 0) + 1
            r = _N(f"{src}#verwijzing={counter[src]}")
            yield T(_N(src), _N(WG.reference), r)
            yield T(r, _TYPE, _N(WG.Reference))
            yield T(r, _N(WG.anchorText), _lit(ref.text))
            yield T(r, _N(WG.via), _lit(ref.via))
            if ref.target is not None:
                target = _N(iri.get(ref.target.jci, ref.target.iri))
                yield T(r, _N(WG.target), target)
                yield T(_N(src), _N(ELI.cites), target)
            if ref.reason:
                yield T(r, _N(WG.reason), _lit(ref.reason))
            if ref.celex:
                yield T(r, _N(WG.celex), _lit(ref.celex))
            if ref.raw_doc:
                yield T(r, _N(WG.rawDoc), _lit(ref.raw_doc))

    # the controlled vocabularies the data points to
    yield from _vocabulary_instances()


#: rule relation edge type → (direct property, relation kind)
_RULE_RELATIONS = {
    "DEROGATES_FROM": (WG.derogatesFrom, "derogates_from"),
    "APPLIES_MUTATIS_MUTANDIS": (WG.appliesMutatisMutandis, "applies_mutatis_mutandis"),
    "EXCEPTS": (WG.excepts, "excepts"),
    "WITHOUT_PREJUDICE_TO": (WG.withoutPrejudiceTo, "without_prejudice_to"),
    "DELEGATES": (WG.delegatesTo, "delegates"),
}


def _rule_relation_triples(e: Edge, iri: dict[str, str], n: int) -> Iterator[ox.Triple]:
    """A rule relation: the direct triple (``wg:derogatesFrom`` …) and a qualified
    ``wg:RuleRelation`` node (``<provision>#regel=n``) with the words and the evidence."""
    T = ox.Triple
    prop, kind = _RULE_RELATIONS[e.type]
    src, dst = _N(iri[e.src]), _N(iri[e.dst])
    yield T(src, _N(prop), dst)
    r = _N(f"{iri[e.src]}#regel={n}")
    yield T(src, _N(WG.ruleRelation), r)
    yield T(r, _TYPE, _N(WG.RuleRelation))
    yield T(r, _N(WG.ruleRelationKind), _lit(kind))
    yield T(r, _N(WG.ruleTarget), dst)
    yield T(r, _N(WG.targetText), _lit(e.props["target_text"]))
    for key, pred in (("evidence", WG.ruleEvidence), ("scope", WG.ruleScope), ("adaptation", WG.adaptation)):
        if e.props.get(key):
            yield T(r, _N(pred), _lit(e.props[key]))


#: edge type between regelingen → (direct property, relation kind as written in the RDF)
_RELATED = {
    "RESTS_ON": (ELI.based_on, "rests_on"),
    "REFERS_TO": (WG.refersTo, "refers_to"),
    "SAME_FAMILY": (WG.sameFamily, "same_family"),
}


def _related_triples(e: Edge, iri: dict[str, str]) -> Iterator[ox.Triple]:
    """A relation between regelingen: the direct triple (``eli:based_on`` for a grondslag)
    and a qualified ``wg:RegelingRelation`` node with the elements and validity window."""
    T = ox.Triple
    prop, kind = _RELATED[e.type]
    src, dst = _N(iri[e.src]), _N(iri[e.dst])
    yield T(src, _N(prop), dst)
    r = _N(f"{iri[e.src]}#{kind}={LegalId.parse(e.dst).bwb_id}")
    yield T(src, _N(WG.regelingRelation), r)
    yield T(r, _TYPE, _N(WG.RegelingRelation))
    yield T(r, _N(WG.relationKind), _lit(kind))
    yield T(r, _N(WG.relatedRegeling), dst)
    for label in e.props.get("target_elements", []):
        yield T(r, _N(WG.targetElement), _lit(label))
    for jci in e.props.get("source_elements", []):
        yield T(r, _N(WG.sourceElement), _lit(jci))
    for key, pred in (("valid_from", WG.validFrom), ("valid_until", WG.validUntil)):
        try:
            yield T(r, _N(pred), _lit(date.fromisoformat(e.props.get(key) or "")))
        except ValueError:
            pass


#: concept edge type → the direct property
_CONCEPT_RELATIONS = {
    "EXTENDS": WG.extends,
    "RESTRICTS": WG.restricts,
    "MODIFIES": WG.modifies,
    "RELATED_CONCEPT": WG.relatedConcept,
}
#: a concept relation's parts (:data:`~wetgraaf.graph.model.RELATION_PART_KEYS`) → property
_RELATION_PARTS = {
    "takes_over": WG.takesOverPart,
    "extends": WG.extendingPart,
    "restricts": WG.restrictingPart,
    "modifies": WG.modifyingPart,
    "base": WG.basePart,
    "a": WG.comparedPart,
    "b": WG.otherPart,
}


def _concept_relation_triples(e: Edge, iri: dict[str, str], n: int) -> Iterator[ox.Triple]:
    """How concept ``e.src`` relates to ``e.dst``: the direct triple and a qualified
    ``wg:ConceptRelation`` node (the ``n``-th of the concept) with its kind, basis, sentence and parts."""
    T = ox.Triple
    src, dst = _N(iri[e.src]), _N(iri[e.dst])
    yield T(src, _N(_CONCEPT_RELATIONS[e.type]), dst)
    r = _N(f"{iri[e.src]}&relatie={n}")
    yield T(src, _N(WG.conceptRelation), r)
    yield T(r, _TYPE, _N(WG.ConceptRelation))
    yield T(r, _N(WG.otherConcept), dst)
    yield T(r, _N(WG.conceptRelationKind), _lit(e.props["relation"]))
    yield T(r, _N(WG.relationBasis), _lit(e.props["basis"]))
    yield T(r, _N(WG.sentence), _lit(e.props["sentence"]))
    yield T(r, _N(WG.naming), _lit(bool(e.props["naming"])))
    for key, prop in _RELATION_PARTS.items():
        for jci in e.props[f"parts_{key}"]:
            yield T(r, _N(prop), _N(iri.get(jci) or LegalId.parse(jci).iri))


def _vocabulary_instances() -> Iterable[ox.Triple]:
    from wetgraaf.ingest.records import DEFINITION_KINDS, NORM_TYPES

    T = ox.Triple
    for nt in NORM_TYPES:
        s = _N(WG[NORM_TYPE_TERMS.get(nt, nt)])
        yield T(s, _TYPE, _N(WG.NormType))
        yield T(s, _N(SKOS.notation), _lit(nt))
    for k in DEFINITION_KINDS:
        s = _N(WG[k])
        yield T(s, _TYPE, _N(WG.DefinitionKind))
        yield T(s, _N(SKOS.notation), _lit(k))


def load_store(model: GraphModel, path: str | Path | None = None) -> ox.Store:
    """A store (in memory, or on disk at ``path``) holding the model's triples, written in bulk."""
    store = ox.Store(str(path)) if path is not None else ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples(model))
    return store


def rdflib_graph(store: ox.Store):  # type: ignore[no-untyped-def]
    """The store as an ``rdflib.Graph`` (through ``oxrdflib``), for code that wants the rdflib API.

    Requires the ``rdflib`` extra. Reads and SPARQL go to Oxigraph underneath.
    """
    import oxrdflib
    import rdflib
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return rdflib.Graph(store=oxrdflib.OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def export(store: ox.Store, out: str | Path, fmt: ox.RdfFormat | None = None) -> Path:
    """Write the store to ``out``; the format follows the extension (.ttl .nt .nq .jsonld .trig .rdf)."""
    p = Path(out)
    fmt = fmt or FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF format for {p.name!r}; use one of {', '.join(FORMATS)}")
    kwargs = {}
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        kwargs["prefixes"] = PREFIXES
    if fmt.supports_datasets:
        store.dump(str(p), fmt, **kwargs)
    else:
        store.dump(str(p), fmt, from_graph=ox.DefaultGraph(), **kwargs)
    return p


def sparql(
    store: ox.Store, query: str, *, limit: int | None = None, params: dict[str, object] | None = None
) -> tuple[list[str], list[list[object]]]:
    """Run a read-only SPARQL query; returns (variables, rows). Updates are refused.

    ``params`` are bound to query variables with a ``VALUES`` block whose terms are
    serialised by Oxigraph (so quotes and the like cannot break out of a literal):
    ``params={"term": "partner"}`` binds ``?term`` to the literal "partner"; a value that
    starts with ``http://`` or ``https://`` is bound as an IRI.

    Oxigraph's ``Store.query`` only evaluates queries (SELECT/ASK/CONSTRUCT/DESCRIBE); an
    update (INSERT/DELETE/LOAD/CLEAR/…) is a syntax error there, so nothing can be changed
    through this function. ASK gives one row with a boolean, CONSTRUCT/DESCRIBE give
    subject/predicate/object rows.
    """
    if params:
        query = bind_values(query, params)
    result = _evaluate(store, query)
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[bool(result)]]
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for sol in result:
            rows.append([_py(sol[v]) for v in variables])
            if limit is not None and len(rows) >= limit:
                break
        return variables, rows
    rows = []
    for t in result:
        rows.append([_py(t.subject), _py(t.predicate), _py(t.object)])
        if limit is not None and len(rows) >= limit:
            break
    return ["subject", "predicate", "object"], rows


def sparql_result(store: ox.Store, query: str, *, limit: int | None = None) -> SparqlResult:
    """Run a read-only SPARQL query; the answer with its RDF terms typed (for the SPARQL 1.1
    result formats), at most ``limit`` rows or triples. Updates are refused as by :func:`sparql`.
    """
    from wetgraaf.graph.sparql_results import from_oxigraph

    return from_oxigraph(_evaluate(store, query), limit)


def _evaluate(store: ox.Store, query: str) -> Any:
    try:
        return store.query(query, prefixes=PREFIXES)
    except SyntaxError as exc:
        if re.search(r"\b(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", query, re.IGNORECASE):
            raise ReadOnlyQueryError(
                "only SPARQL queries are allowed (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused"
            ) from exc
        raise


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def bind_values(query: str, params: dict[str, object]) -> str:
    """Insert ``VALUES (?a ?b) { (… …) }`` at the start of the first WHERE clause.

    >>> print(bind_values('SELECT ?x WHERE { ?x ?p ?term }', {"term": 'a "quoted" word'}))
    SELECT ?x WHERE { VALUES (?term) { ("a \\"quoted\\" word") }  ?x ?p ?term }
    """
    for k in params:
        if not _PARAM_NAME.fullmatch(k):
            raise ValueError(f"parameter names are letters, digits and _ (not starting with a digit), got {k[:40]!r}")
    m = _WHERE.search(query)
    if not m:
        raise ValueError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{k}" for k in params)
    values = " ".join(str(_term(v)) for v in params.values())
    return f"{query[: m.end()]} VALUES ({names}) {{ ({values}) }} {query[m.end() :]}"


def _term(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return _lit(value)


def _py(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    return getattr(term, "value", str(term))
