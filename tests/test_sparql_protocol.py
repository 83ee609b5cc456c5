"""The SPARQL 1.1 Protocol on ``/sparql`` of a real ``wetgraaf serve`` built on the shared corpus.

Driven by a standard client (SPARQLWrapper) and by plain HTTP for every request form (GET,
POST of a form, POST of the query itself) and every result format. Expectations come from
reading the laws: the AWIR (BWBR0018472, text of 2025-01-01), article 2, first lid, onderdeel f,
defines "partner: de persoon bedoeld in artikel 3" (a definition by reference) and article 3
defines partner itself; so "partner" has at least those two definitions in the AWIR alone.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
from collections.abc import Iterator
from xml.etree import ElementTree

import httpx
import pytest

from tests.api_support import free_port, start_serve
from tests.conftest import CORPUS

AWIR_2F = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=f&g=2025-01-01"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
SR = "{http://www.w3.org/2005/sparql-results#}"

COUNT_PARTNER = 'SELECT (COUNT(?d) AS ?n) WHERE { ?d wg:defines ?t . ?t skos:prefLabel "partner"@nl }'
AWIR_PARTNER = (
    "SELECT ?jci ?definition ?kind WHERE { ?h wg:jci ?jci ; wg:definition ?d . "
    "?d wg:defines begrip:partner ; skos:definition ?definition ; wg:definitionKind/skos:notation ?kind . "
    'FILTER(STRSTARTS(?jci, "jci1.3:c:BWBR0018472&") && CONTAINS(?jci, "g=2025-01-01")) } ORDER BY ?jci'
)
ASK_PARTNER = 'ASK { ?d wg:defines ?t . ?t skos:prefLabel "partner"@nl }'
ASK_NOTHING = 'ASK { ?t skos:prefLabel "geen begrip dat in enige wet staat"@nl }'
CONSTRUCT_2F = (
    "CONSTRUCT { ?d skos:definition ?def ; wg:defines ?t } WHERE { "
    f'?h wg:jci "{AWIR_2F}" ; wg:definition ?d . ?d skos:definition ?def ; wg:defines ?t }}'
)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``wetgraaf serve`` on the shared corpus (ingested at start-up), as a user starts it."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/bwb not available")
    out = tmp_path_factory.mktemp("sparql-serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_serve(
        [str(CORPUS), "--out", str(out / "out")],
        out / "serve.log",
        {**os.environ, "WETGRAAF_TOKENS": "tester=token-tester-0123456789"},
        port,
    )
    try:
        yield url + "/sparql"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _err(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    if code:
        assert body["code"] == code, body
    return body  # type: ignore[no-any-return]


# ---------------------------------------------------------------- a standard client
def test_sparqlwrapper_select_json_and_xml(endpoint: str) -> None:
    from SPARQLWrapper import JSON, POST, POSTDIRECTLY, XML, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(AWIR_PARTNER)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    assert res["head"]["vars"] == ["jci", "definition", "kind"]
    rows = {b["jci"]["value"]: b for b in res["results"]["bindings"]}
    assert rows[AWIR_2F]["definition"] == {"type": "literal", "value": "de persoon bedoeld in artikel 3"}
    assert rows[AWIR_2F]["kind"]["value"] == "by_reference"
    assert any("artikel=3&" in jci for jci in rows)

    sw.setQuery(COUNT_PARTNER)
    for method, request_method in (("GET", None), (POST, None), (POST, POSTDIRECTLY)):
        sw.setMethod(method)
        if request_method:
            sw.setRequestMethod(request_method)
        sw.setReturnFormat(JSON)
        (n,) = sw.query().convert()["results"]["bindings"]
        assert n["n"]["type"] == "literal" and n["n"]["datatype"] == XSD_INTEGER  # a count is a number
        assert int(n["n"]["value"]) >= 2
        sw.setReturnFormat(XML)
        doc = sw.query().convert()  # xml.dom.minidom
        (lit,) = doc.getElementsByTagName("literal")
        assert lit.getAttribute("datatype") == XSD_INTEGER and lit.firstChild.data == n["n"]["value"]


def test_sparqlwrapper_ask_and_construct(endpoint: str) -> None:
    import rdflib
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    for fmt in (JSON, XML):
        sw.setReturnFormat(fmt)
        sw.setQuery(ASK_PARTNER)
        yes = sw.queryAndConvert()
        sw.setQuery(ASK_NOTHING)
        no = sw.queryAndConvert()
        if fmt == JSON:
            assert (yes["boolean"], no["boolean"]) == (True, False)
        else:
            values = [d.getElementsByTagName("boolean")[0].firstChild.data for d in (yes, no)]
            assert values == ["true", "false"]
    sw.setQuery(CONSTRUCT_2F)
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.queryAndConvert(), format="turtle")
    defs = set(g.objects(None, rdflib.SKOS.definition))
    assert defs == {rdflib.Literal("de persoon bedoeld in artikel 3")}
    assert set(g.objects(None, rdflib.URIRef("https://w3id.org/wetgraaf#defines"))) == {
        rdflib.URIRef("https://w3id.org/wetgraaf/begrip/partner")
    }


# ---------------------------------------------------------------- plain HTTP: request forms
def _three_ways(endpoint: str, query: str, accept: str) -> list[httpx.Response]:
    headers = {"Accept": accept}
    return [
        httpx.get(endpoint, params={"query": query}, headers=headers, timeout=60),
        httpx.post(endpoint, data={"query": query}, headers=headers, timeout=60),
        httpx.post(
            endpoint,
            content=query.encode(),
            headers={**headers, "Content-Type": "application/sparql-query"},
            timeout=60,
        ),
    ]


def test_get_post_form_and_post_direct_give_the_same_answer(endpoint: str) -> None:
    answers = _three_ways(endpoint, AWIR_PARTNER, "application/sparql-results+json")
    for r in answers:
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert "accept" in r.headers["vary"].lower()
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert AWIR_2F in {b["jci"]["value"] for b in answers[0].json()["results"]["bindings"]}
    # no Accept at all: JSON results (the default)
    r = httpx.get(endpoint, params={"query": COUNT_PARTNER}, timeout=60)
    assert r.headers["content-type"].startswith("application/sparql-results+json")


def test_the_json_request_form_keeps_its_own_answer(endpoint: str) -> None:
    """The API's request form from before the protocol (JSON body) keeps its answer shape."""
    r = httpx.post(endpoint, json={"query": COUNT_PARTNER}, timeout=60)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"columns", "rows", "truncated", "elapsed_ms"} and body["columns"] == ["n"]
    typed = httpx.get(endpoint, params={"query": COUNT_PARTNER}, timeout=60).json()
    assert int(body["rows"][0][0]) == int(typed["results"]["bindings"][0]["n"]["value"])


# ---------------------------------------------------------------- plain HTTP: every result format
def test_select_in_every_result_format(endpoint: str) -> None:
    (j,) = _three_ways(endpoint, COUNT_PARTNER, "application/sparql-results+json")[:1]
    count = j.json()["results"]["bindings"][0]["n"]["value"]

    x = httpx.get(endpoint, params={"query": AWIR_PARTNER}, headers={"Accept": "application/sparql-results+xml"})
    assert x.headers["content-type"].startswith("application/sparql-results+xml")
    root = ElementTree.fromstring(x.content)
    assert [v.get("name") for v in root.iter(SR + "variable")] == ["jci", "definition", "kind"]
    rows = {
        r.find(f"{SR}binding[@name='jci']/{SR}literal").text: r.find(
            f"{SR}binding[@name='definition']/{SR}literal"
        ).text
        for r in root.iter(SR + "result")
    }
    assert rows[AWIR_2F] == "de persoon bedoeld in artikel 3"

    c = httpx.get(endpoint, params={"query": AWIR_PARTNER}, headers={"Accept": "text/csv"})
    assert c.headers["content-type"].startswith("text/csv") and c.content.endswith(b"\r\n")
    table = list(csv.reader(io.StringIO(c.text)))
    assert table[0] == ["jci", "definition", "kind"]
    assert [AWIR_2F, "de persoon bedoeld in artikel 3", "by_reference"] in table
    c = httpx.get(endpoint, params={"query": COUNT_PARTNER}, headers={"Accept": "text/csv"})
    assert c.text == f"n\r\n{count}\r\n"

    t = httpx.get(endpoint, params={"query": AWIR_PARTNER}, headers={"Accept": "text/tab-separated-values"})
    assert t.headers["content-type"].startswith("text/tab-separated-values")
    lines = [line.split("\t") for line in t.text.splitlines()]
    assert lines[0] == ["?jci", "?definition", "?kind"]
    assert [f'"{AWIR_2F}"', '"de persoon bedoeld in artikel 3"', '"by_reference"'] in lines
    t = httpx.get(endpoint, params={"query": COUNT_PARTNER}, headers={"Accept": "text/tab-separated-values"})
    assert t.text == f"?n\n{count}\n"  # an integer is written as a Turtle number


def test_ask_and_construct_formats(endpoint: str) -> None:
    import rdflib

    for accept in ("application/sparql-results+json", "application/sparql-results+xml"):
        yes, no = (
            httpx.get(endpoint, params={"query": q}, headers={"Accept": accept}) for q in (ASK_PARTNER, ASK_NOTHING)
        )
        assert yes.headers["content-type"].startswith(accept)
        if accept.endswith("json"):
            assert (yes.json(), no.json()) == ({"head": {}, "boolean": True}, {"head": {}, "boolean": False})
        else:
            assert [ElementTree.fromstring(r.content).find(SR + "boolean").text for r in (yes, no)] == ["true", "false"]
    expected = {rdflib.Literal("de persoon bedoeld in artikel 3")}
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
        for r in _three_ways(endpoint, CONSTRUCT_2F, accept):
            assert r.status_code == 200 and r.headers["content-type"].startswith(accept), r.text
            g = rdflib.Graph().parse(data=r.content, format=fmt)
            assert set(g.objects(None, rdflib.SKOS.definition)) == expected and len(g) == 2
    # no Accept: Turtle
    r = httpx.get(endpoint, params={"query": CONSTRUCT_2F})
    assert r.headers["content-type"].startswith("text/turtle")


def test_accept_q_values_are_honoured(endpoint: str) -> None:
    def ctype(accept: str, query: str = COUNT_PARTNER) -> str:
        r = httpx.get(endpoint, params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        return r.headers["content-type"].split(";")[0]

    assert ctype("text/csv;q=0.2, text/tab-separated-values;q=0.9") == "text/tab-separated-values"
    assert ctype("application/sparql-results+json;q=0.1, application/sparql-results+xml") == (
        "application/sparql-results+xml"
    )
    assert ctype("text/*;q=0.5, text/csv;q=0") == "text/tab-separated-values"  # the specific range wins
    assert ctype("*/*;q=0.1, text/csv;q=0.3") == "text/csv"
    assert ctype("application/n-triples;q=0.5, text/turtle;q=0.4", CONSTRUCT_2F) == "application/n-triples"
    assert ctype("application/json") == "application/json"  # a plain JSON client gets the JSON results
    # a browser's Accept: no result type named, */* at 0.8, application/xml at 0.9
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert ctype(browser) == "application/xml"


# ---------------------------------------------------------------- errors
def test_unacceptable_accept_is_406(endpoint: str) -> None:
    _err(httpx.get(endpoint, params={"query": COUNT_PARTNER}, headers={"Accept": "image/png"}), 406, "not_acceptable")
    _err(httpx.get(endpoint, params={"query": ASK_PARTNER}, headers={"Accept": "text/csv"}), 406, "not_acceptable")
    _err(httpx.get(endpoint, params={"query": CONSTRUCT_2F}, headers={"Accept": "text/csv"}), 406)
    _err(httpx.get(endpoint, params={"query": COUNT_PARTNER}, headers={"Accept": "text/turtle"}), 406)
    _err(httpx.get(endpoint, params={"query": COUNT_PARTNER}, headers={"Accept": "*/*;q=0"}), 406)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT WHERE {", 400),
        ("SELEKT * WHERE { ?s ?p ?o }", 400),
        ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }", 403),
        ("DELETE WHERE { ?s ?p ?o }", 403),
        ("LOAD <http://example.org/data.ttl>", 403),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ],
)
def test_malformed_is_400_and_refused_is_403_in_every_request_form(endpoint: str, query: str, status: int) -> None:
    before = httpx.get(endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    for r in _three_ways(endpoint, query, "application/sparql-results+json"):
        _err(r, status, "syntax" if status == 400 else None)
    assert httpx.get(endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json() == before


def test_bad_requests(endpoint: str) -> None:
    _err(httpx.post(endpoint, content=b"SELECT * {}", headers={"Content-Type": "text/plain"}), 415)
    _err(httpx.post(endpoint, data={"q": "SELECT * {}"}), 400, "bad_request")
    _err(httpx.post(endpoint, content=b"  ", headers={"Content-Type": "application/sparql-query"}), 400)
    _err(httpx.get(endpoint, params={"query": COUNT_PARTNER, "default-graph-uri": "http://x"}), 400)
    _err(httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o } " + "#" * 10_001}), 422)
    _err(httpx.get(endpoint), 422)


# ---------------------------------------------------------------- the formats themselves (W3C examples)
def test_csv_and_tsv_escaping_follow_the_w3c_formats() -> None:
    from wetgraaf.graph.sparql_results import SparqlResult, Term, to_csv, to_json, to_tsv, to_xml

    rows = (
        (Term("uri", "http://example.org/a"), Term("literal", 'say "hi", then\nleave'), None),
        (Term("bnode", "b0"), Term("literal", "huis", lang="nl"), Term("literal", "1.5", XSD_INTEGER[:-7] + "decimal")),
    )
    r = SparqlResult("select", ("x", "label", "v"), rows)
    # CSV (SPARQL 1.1 CSV/TSV §2): plain values, RFC 4180 quoting, CRLF
    assert to_csv(r) == b'x,label,v\r\nhttp://example.org/a,"say ""hi"", then\nleave",\r\n_:b0,huis,1.5\r\n'
    # TSV (§3): ?var header, Turtle terms, escapes inside strings
    assert (
        to_tsv(r) == b'?x\t?label\t?v\n<http://example.org/a>\t"say \\"hi\\", then\\nleave"\t\n_:b0\t"huis"@nl\t1.5\n'
    )
    assert b'"xml:lang": "nl"' in to_json(r) and b'<literal xml:lang="nl">huis</literal>' in to_xml(r)
    assert b"<bnode>b0</bnode>" in to_xml(r) and b'"label": {"type": "literal"' in to_json(r)
