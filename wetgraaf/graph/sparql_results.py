"""SPARQL results as the W3C formats: typed terms in, SPARQL 1.1 result documents out.

A query's answer is a :class:`SparqlResult` (a SELECT table of :class:`Term`, an ASK boolean or
the triples of a CONSTRUCT/DESCRIBE), made by :func:`from_oxigraph` where the query runs (a
worker process: the dataclasses cross the process boundary) and written by the serialisers here:

* SELECT: ``application/sparql-results+json`` (SPARQL 1.1 Query Results JSON), ``…+xml``
  (Query Results XML), ``text/csv`` and ``text/tab-separated-values`` (Query Results CSV/TSV);
* ASK: the JSON and XML result formats (CSV/TSV define no boolean);
* CONSTRUCT/DESCRIBE: Turtle, N-Triples or RDF/XML (written by Oxigraph).

:func:`negotiate` picks the media type from an ``Accept`` header (RFC 9110 §12.5.1: q-values,
the most specific range decides, ``q=0`` refuses; ties go to the server's order, JSON or
Turtle first).

>>> r = SparqlResult("select", ("n",), ((Term("literal", "42", XSD_INTEGER),),))
>>> print(to_json(r).decode())
{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
>>> to_tsv(r)
b'?n\\n42\\n'
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
'application/sparql-results+xml'
>>> negotiate("text/turtle", "select") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "Term",
    "SparqlResult",
    "Form",
    "from_oxigraph",
    "negotiate",
    "serialize",
    "to_json",
    "to_xml",
    "to_csv",
    "to_tsv",
    "to_rdf",
    "OFFERS",
    "XSD_INTEGER",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: literals the TSV format may write as bare Turtle numbers and booleans
_TSV_BARE = {XSD_INTEGER, XSD + "decimal", XSD + "double", XSD + "boolean"}

Form = Literal["select", "ask", "graph"]

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"

#: media types per result form, in the server's order of preference (the first is the default);
#: ``application/json`` and ``application/xml`` are answered with the SPARQL result documents
OFFERS: dict[str, tuple[str, ...]] = {
    "select": (JSON, XML, CSV, TSV, "application/json", "application/xml"),
    "ask": (JSON, XML, "application/json", "application/xml"),
    "graph": (TURTLE, NTRIPLES, RDFXML),
}


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term: ``kind`` is ``uri``, ``bnode``, ``literal`` (with ``datatype`` or ``lang``) or
    ``triple`` (an RDF-star quoted triple, kept as its N-Triples text)."""

    kind: Literal["uri", "bnode", "literal", "triple"]
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class SparqlResult:
    """The answer of one query, cut at the row limit (``truncated`` says so)."""

    form: Form
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = ()
    truncated: bool = False


def _term(t: Any) -> Term | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Term("literal", t.value, lang=t.language)
        dt = t.datatype.value
        return Term("literal", t.value, None if dt == XSD_STRING else dt)
    return Term("triple", str(t))


def from_oxigraph(result: Any, limit: int | None) -> SparqlResult:
    """Oxigraph's answer (solutions, boolean or triples) as a :class:`SparqlResult` of at most
    ``limit`` rows or triples."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return SparqlResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows: list[tuple[Term | None, ...]] = []
        for sol in result:
            if limit is not None and len(rows) >= limit:
                return SparqlResult("select", variables, tuple(rows), truncated=True)
            rows.append(tuple(_term(sol[v]) for v in variables))
        return SparqlResult("select", variables, tuple(rows))
    triples: list[tuple[Term, Term, Term]] = []
    for t in result:
        if limit is not None and len(triples) >= limit:
            return SparqlResult("graph", triples=tuple(triples), truncated=True)
        triples.append((_term(t.subject), _term(t.predicate), _term(t.object)))  # type: ignore[arg-type]
    return SparqlResult("graph", triples=tuple(triples))


# ---------------------------------------------------------------- content negotiation
def _media_ranges(accept: str) -> list[tuple[str, str, float]]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        mtype, _, sub = fields[0].lower().partition("/")
        if not mtype or not sub:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = min(max(float(v), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((mtype, sub, q))
    return out


def negotiate(accept: str | None, form: Form) -> str | None:
    """The media type to answer a ``form`` result with, or None when ``accept`` allows none (406).

    The most specific matching range gives an offer its q-value (``text/csv`` over ``text/*``
    over ``*/*``); the highest q wins, ties in :data:`OFFERS` order.

    >>> negotiate(None, "graph")
    'text/turtle'
    >>> negotiate("*/*;q=0.1, application/n-triples", "graph")
    'application/n-triples'
    >>> negotiate("text/*, text/csv;q=0", "select")
    'text/tab-separated-values'
    """
    offers = OFFERS[form]
    if not accept or not accept.strip():
        return offers[0]
    ranges = _media_ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        mtype, _, sub = offer.partition("/")
        q, spec = 0.0, -1
        for rt, rs, rq in ranges:
            s = 2 if (rt, rs) == (mtype, sub) else 1 if (rt == mtype and rs == "*") else 0 if rt == rs == "*" else -1
            if s > spec:
                q, spec = rq, s
        if q > best_q:
            best, best_q = offer, q
    return best


# ---------------------------------------------------------------- the result formats
def serialize(result: SparqlResult, media_type: str) -> bytes:
    """``result`` in ``media_type`` (one of its form's :data:`OFFERS`)."""
    if media_type in (JSON, "application/json"):
        return to_json(result)
    if media_type in (XML, "application/xml"):
        return to_xml(result)
    if media_type == CSV:
        return to_csv(result)
    if media_type == TSV:
        return to_tsv(result)
    return to_rdf(result, media_type)


def _json_term(t: Term) -> dict[str, str]:
    d = {"type": t.kind, "value": t.value}
    if t.lang:
        d["xml:lang"] = t.lang
    elif t.datatype:
        d["datatype"] = t.datatype
    return d


def to_json(result: SparqlResult) -> bytes:
    """SPARQL 1.1 Query Results JSON: typed bindings (a count keeps its ``xsd:integer``)."""
    import json

    if result.form == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(t: Term) -> str:
    if t.kind == "uri":
        return f"<uri>{escape(t.value)}</uri>"
    if t.kind == "bnode":
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.kind == "literal":
        attr = (
            f" xml:lang={quoteattr(t.lang)}" if t.lang else f" datatype={quoteattr(t.datatype)}" if t.datatype else ""
        )
        return f"<literal{attr}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def to_xml(result: SparqlResult) -> bytes:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _select_only(result: SparqlResult, name: str) -> None:
    if result.form != "select":
        raise ValueError(f"{name} is defined for SELECT results only")


def _csv_field(t: Term | None) -> str:
    v = "" if t is None else f"_:{t.value}" if t.kind == "bnode" else t.value
    if any(c in v for c in '",\r\n'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def to_csv(result: SparqlResult) -> bytes:
    """SPARQL 1.1 Query Results CSV: plain values (no types), CRLF line ends (RFC 4180)."""
    _select_only(result, "CSV")
    lines = [",".join(_csv_field(Term("literal", v)) for v in result.variables)]
    lines += [",".join(_csv_field(t) for t in row) for row in result.rows]
    return ("".join(line + "\r\n" for line in lines)).encode("utf-8")


def _turtle_string(s: str) -> str:
    for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        s = s.replace(a, b)
    return f'"{s}"'


def _tsv_field(t: Term | None) -> str:
    if t is None:
        return ""
    if t.kind == "uri":
        return f"<{t.value}>"
    if t.kind == "bnode":
        return f"_:{t.value}"
    if t.kind == "triple":
        return t.value.replace("\t", " ").replace("\n", " ")
    if t.lang:
        return f"{_turtle_string(t.value)}@{t.lang}"
    if t.datatype in _TSV_BARE and _bare_ok(t):
        return t.value
    if t.datatype:
        return f"{_turtle_string(t.value)}^^<{t.datatype}>"
    return _turtle_string(t.value)


def _bare_ok(t: Term) -> bool:
    """Whether a number or boolean's lexical form is also its Turtle short form."""
    import re

    patterns = {
        XSD_INTEGER: r"[+-]?\d+",
        XSD + "decimal": r"[+-]?\d*\.\d+",
        XSD + "double": r"[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+",
        XSD + "boolean": r"true|false",
    }
    return re.fullmatch(patterns[t.datatype or ""], t.value) is not None


def to_tsv(result: SparqlResult) -> bytes:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in Turtle syntax, one row a line."""
    _select_only(result, "TSV")
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_tsv_field(t) for t in row) for row in result.rows]
    return ("".join(line + "\n" for line in lines)).encode("utf-8")


def to_rdf(result: SparqlResult, media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
    """The triples of a CONSTRUCT/DESCRIBE result as Turtle, N-Triples or RDF/XML (Oxigraph's writers)."""
    import pyoxigraph as ox

    if result.form != "graph":
        raise ValueError("RDF formats are defined for CONSTRUCT and DESCRIBE results only")
    fmt = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, RDFXML: ox.RdfFormat.RDF_XML}[media_type]
    if prefixes is None and fmt is ox.RdfFormat.TURTLE:
        from wetgraaf.graph.rdf import PREFIXES

        prefixes = PREFIXES
    return ox.serialize(_ox_triples(result.triples), format=fmt, prefixes=prefixes)  # type: ignore[no-any-return]


def _ox_triples(triples: Iterable[tuple[Term, Term, Term]]) -> list[Any]:
    import pyoxigraph as ox

    def term(t: Term) -> Any:
        if t.kind == "uri":
            return ox.NamedNode(t.value)
        if t.kind == "bnode":
            return ox.BlankNode(t.value)
        if t.lang:
            return ox.Literal(t.value, language=t.lang)
        if t.kind == "literal":
            return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype or XSD_STRING))
        raise ValueError("quoted triples (RDF-star) are not written by this endpoint")

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]
