"""The research endpoints run only what is known to be a read (issue 15).

End to end: the attacks of the attack run are replayed against the real app served by
uvicorn on loopback, with a real listener on 127.0.0.1 that records every connection the
server makes: no query may reach it, none may leave a ``.wal``/``.shadow`` file beside the
served graph, and the graph answers normal queries afterwards. Then the two checks of
:mod:`wetgraaf.graph.guard` one by one: the Cypher tokenizer and clause rules, and the
SPARQL check on rdflib's parse.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.api_support import Listener, LiveServer, corpus, cypher_attacks, make_app, service_attacks
from wetgraaf.graph.guard import Refused, check_cypher, check_sparql, tokenize_cypher


@pytest.fixture(scope="module")
def listener():  # type: ignore[no-untyped-def]
    lst = Listener()
    # the listener works: a plain connection is recorded
    with socket.create_connection(("127.0.0.1", lst.port)) as s:
        s.sendall(b"probe")
    deadline = time.time() + 5
    while not lst.received and time.time() < deadline:
        time.sleep(0.02)
    assert lst.received == [b"probe"]
    lst.received.clear()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("guard-out")


@pytest.fixture(scope="module")
def server(out: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    app = make_app(out, tmp_path_factory.mktemp("guard-review") / "review.sqlite")
    with LiveServer(app) as srv, httpx.Client(base_url=srv.url, timeout=60) as http:
        srv.app = app
        yield srv, http


def _leftovers(out: Path) -> list[str]:
    graph = corpus(str(out)).graph_path
    return sorted(p.name for p in graph.parent.iterdir() if p.name.startswith(graph.name + "."))


def _count(http: httpx.Client) -> int:
    r = http.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"})
    assert r.status_code == 200, r.text
    return int(r.json()["rows"][0][0])


def _refused(r: httpx.Response) -> dict:
    assert r.status_code in (400, 403), r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"] and body["error"]["code"], body
    return body["error"]


def _no_paths(message: str, out: Path) -> None:
    assert str(out) not in message and "wetgraaf-research" not in message and "/tmp/" not in message, message


# ---------------------------------------------------------------- attack 1: Cypher that damages the graph
def test_cypher_attacks_are_refused_and_the_graph_survives(
    server, listener: Listener, out: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, http = server
    before = _count(http)
    for query in cypher_attacks(str(tmp_path), listener.url):
        e = _refused(http.post("/cypher", json={"query": query}))
        _no_paths(e["message"], out)
        assert _count(http) == before, query
        assert _leftovers(out) == [], query
    assert list(tmp_path.iterdir()) == []
    assert http.get("/health").json()["status"] == "ok"
    r = http.get("/queries/definitions_of_term", params={"term": "partner", "backend": "cypher"})
    assert r.status_code == 200 and r.json()["rows"], r.text


def test_the_cli_still_reads_the_served_graph_after_the_attacks(server, out: Path) -> None:  # type: ignore[no-untyped-def]
    _, http = server
    _refused(http.post("/cypher", json={"query": "CHECKPOINT"}))
    from wetgraaf.graph.ladybug_store import LadybugStore

    cols, rows = LadybugStore(corpus(str(out)).graph_path).query("MATCH (n) RETURN count(n)")
    assert rows[0][0] > 0


def test_a_checkpoint_past_the_guard_damages_only_a_copy(server, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Defence in depth: with the guard switched off, ladybug runs CHECKPOINT on the research
    copy (read-only or not); the served graph is untouched and the copy is made again."""
    import wetgraaf.api.research as research

    srv, http = server
    runner = srv.app.state.cypher
    before = _count(http)
    recopies = runner._copy.recopies
    monkeypatch.setattr(research, "check_cypher", lambda text: None)
    r = http.post("/cypher", json={"query": "CHECKPOINT"})
    if r.status_code != 200:
        _no_paths(_refused(r)["message"], out)
    assert _leftovers(out) == []
    assert runner._copy.recopies == recopies + 1  # the copy was damaged and replaced
    assert _count(http) == before
    assert runner._copy.intact()
    assert not str(runner._copy.dir).startswith(str(out))


# ---------------------------------------------------------------- attack 2: SPARQL that makes the server fetch
def test_sparql_service_attacks_send_nothing(server, listener: Listener, out: Path) -> None:  # type: ignore[no-untyped-def]
    _, http = server
    for query in service_attacks(listener.url):
        e = _refused(http.post("/sparql", json={"query": query}))
        _no_paths(e["message"], out)
    time.sleep(0.5)
    assert listener.received == []


def test_sparql_parameter_names_cannot_carry_a_query(server, listener: Listener) -> None:  # type: ignore[no-untyped-def]
    """Parameters are bound into the text after the check used to run; the name went in as written."""
    _, http = server
    name = f"x) {{(1)}} SERVICE <{listener.url}> {{ ?a ?b ?c }} VALUES (?y"
    r = http.post("/sparql", json={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "params": {name: "v"}})
    time.sleep(0.5)
    assert listener.received == []
    assert _refused(r)["code"] == "bad_parameters"
    r = http.post("/sparql", json={"query": "SELECT ?t WHERE { ?t a wg:Term } LIMIT 1", "params": {"t": "x"}})
    assert r.status_code == 200, r.text


def test_sparql_reads_still_work(server) -> None:  # type: ignore[no-untyped-def]
    _, http = server
    for query in (
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t a wg:Term }",
        "ASK { ?t a wg:Term }",
        "CONSTRUCT { ?t a wg:Term } WHERE { ?t a wg:Term } LIMIT 2",
        "DESCRIBE ?t WHERE { ?t a wg:Term } LIMIT 1",
        "SELECT ?t WHERE { ?t skos:prefLabel ?l FILTER(CONTAINS(?l, 'SERVICE <http://a> {}')) } # SERVICE\n",
    ):
        r = http.post("/sparql", json={"query": query})
        assert r.status_code == 200, (query, r.text)


def test_unparsable_sparql_is_400_and_updates_403(server) -> None:  # type: ignore[no-untyped-def]
    _, http = server
    assert _refused(http.post("/sparql", json={"query": "SELECT WHERE {"}))["code"] == "syntax"
    r = http.post("/sparql", json={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"


# ---------------------------------------------------------------- the Cypher tokenizer
def _texts(query: str) -> list[str]:
    return [t.text for t in tokenize_cypher(query)]


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("RETURN 'it\\'s' AS x", ["RETURN", "'it\\'s'", "AS", "x"]),
        ('RETURN "say \\"CREATE\\"" AS x', ["RETURN", '"say \\"CREATE\\""', "AS", "x"]),
        ("RETURN 'a\\\\' AS x", ["RETURN", "'a\\\\'", "AS", "x"]),
        ("RETURN '\\u0041\\n\\x41' AS x", ["RETURN", "'\\u0041\\n\\x41'", "AS", "x"]),
        ("MATCH (`a``b`:Term) RETURN `a``b`", ["MATCH", "(", "`a``b`", ":", "Term", ")", "RETURN", "`a``b`"]),
        ("RETURN 1 // CREATE (n)\nLIMIT 1", ["RETURN", "1", "LIMIT", "1"]),
        ("RETURN 1 /* CREATE\n(n) */ + 2", ["RETURN", "1", "+", "2"]),
        ("RETURN 1 /* /* */ + 2", ["RETURN", "1", "+", "2"]),  # block comments do not nest
        (
            "MATCH (a)-[:R*1..3]->(b) RETURN $p",
            ["MATCH", "(", "a", ")", "-", "[", ":", "R", "*", "1", "..", "3", "]", "->", "(", "b", ")", "RETURN", "$p"],
        ),  # fmt: skip
        ("RETURN 1\r\n", ["RETURN", "1"]),
    ],
)
def test_tokenizer(query: str, tokens: list[str]) -> None:
    assert _texts(query) == tokens


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'unterminated",
        "RETURN 'escaped end\\'",
        "RETURN 'bad escape \\q'",
        "RETURN '\\u00'",
        "RETURN 'it''s'",  # some ladybug versions read '' as a quote inside the string
        "RETURN `unterminated",
        "RETURN 1 /* unterminated",
        "RETURN 1 /* **/",
        "RETURN 1 //x\rCREATE (n)",
        "RETURN 1 \\u0043REATE",
        "MATCH (n) RETURN n.\\u0063reate",
        "RETURN 1 ＣＲＥＡＴＥ",
        "RETURN\u00a01",
        "RETURN 1 # CREATE",
        "RETURN $",
        "RETURN a$b",
    ],
)
def test_tokenizer_refuses_what_it_cannot_read_exactly(query: str) -> None:
    with pytest.raises(Refused) as exc:
        tokenize_cypher(query)
    assert exc.value.code == "syntax"


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 1 // CREATE",
        "RETURN 1 /* CREATE (n) */",
        "MATCH (t:Term) WHERE t.name = 'CREATE (n); CHECKPOINT' RETURN t.key",
        "MATCH (t:Term) WHERE t.name = \"LOAD FROM '/etc/passwd'\" RETURN t.key",
        "MATCH (t:Term {key: 'partner'}) RETURN t.key AS k",
        "MATCH (n) RETURN n.create, n.set, n.checkpoint",
        "MATCH (`CREATE`:Term) RETURN `CREATE`.key",
        "OPTIONAL MATCH (n:Term) WITH n, count(*) AS c WHERE c > 1 RETURN n.key ORDER BY n.key DESC SKIP 1 LIMIT 2",
        "MATCH (n) RETURN n.key UNION ALL MATCH (n) RETURN n.key",
        "MATCH (n) RETURN n.key UNION MATCH (n) RETURN n.key",
        "UNWIND [1, 2] AS x RETURN [y IN range(1, x) WHERE y > 1 | y * 2] AS z",
        "MATCH (n) WHERE EXISTS { MATCH (n)-[:DEFINES]->(m) } RETURN count(*)",
        "MATCH (n) RETURN CASE WHEN n.key IS NOT NULL THEN 1 ELSE 0 END AS y",
        "MATCH (n) WHERE n.key STARTS WITH 'a' OR n.key ENDS WITH 'b' AND NOT n.key CONTAINS 'c' RETURN n",
        "MATCH (n) RETURN * ORDER BY n.key",
        "MATCH (n) RETURN DISTINCT n.key;",
        "CALL show_tables() RETURN *",
        "CALL db.labels() YIELD label RETURN label",
        "CALL table_info('Term') RETURN *",
        "RETURN 1 /* a * b */ + 2",
    ],
)
def test_reads_are_allowed(query: str) -> None:
    check_cypher(query)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("RETURN 1 /* */ CREATE (n)", "read_only"),
        ("RETURN 1 /* /* */ CREATE (n) */", "read_only"),
        ("CHECKPOINT", "read_only"),
        ("MATCH (n) RETURN n; MATCH (m) RETURN m", "refused"),
        ("MATCH (n) DETACH DELETE n", "read_only"),
        ("MATCH (n) RETURN n AS x CREATE (m)", "read_only"),
        ("MATCH (n) RETURN n VACUUM", "read_only"),  # a clause the guard does not know is not a read
        ("RETURN 1 UNION VACUUM", "read_only"),
        ("MATCH (n) WHERE EXISTS { VACUUM } RETURN n", "read_only"),
        ("(n) RETURN n", "read_only"),
        ("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "file_access"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "file_access"),
        ("USE other MATCH (n) RETURN n", "file_access"),
        ("CALL db.createLabel('X')", "refused"),
        ("CALL apoc.load.json('file:///etc/passwd')", "refused"),
        ("CALL db.labels", "refused"),
        ("CALL threads = 1", "refused"),
        ("OPTIONAL RETURN 1", "syntax"),
        ("", "syntax"),
        ("// only a comment", "syntax"),
    ],
)
def test_everything_else_is_refused(query: str, code: str) -> None:
    with pytest.raises(Refused) as exc:
        check_cypher(query)
    assert exc.value.code == code


def test_the_named_queries_pass_the_guard() -> None:
    from wetgraaf import queries as q

    for nq in q.catalogue().values():
        if nq.sparql:
            check_sparql(nq.sparql)
        for backend in ("ladybug", "neo4j"):
            text = nq.cypher_for(backend)
            if text:
                check_cypher(text)


# ---------------------------------------------------------------- the SPARQL check
@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "ASK { ?s a wg:Term }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DESCRIBE <http://example.org/a>",
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",  # Oxigraph reads FROM graphs from the store
        "SELECT * WHERE { <http://example.org/a#service> ?p 'SERVICE <http://a> {}' } # SERVICE <http://a> {}\r\n",
        "SELECT ?l (COUNT(?d) AS ?n) WHERE { ?d wg:defines ?t . ?t skos:prefLabel ?l } GROUP BY ?l ORDER BY DESC(?n)",
    ],
)
def test_sparql_queries_are_allowed(query: str) -> None:
    check_sparql(query)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        *(
            (q, "network")
            for q in service_attacks("http://127.0.0.1:9/x")[1:]
            if "\\u" not in q and "\r" not in q and not q.startswith("LOAD")
        ),  # fmt: skip
        ("SELECT * WHERE { BIND(<http://a/\\u0041#x> AS ?z) SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", "syntax"),
        ("SELECT * WHERE { # x\r SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } \n }", "syntax"),
        ("SELECT * WHERE { ?s ?p '\\U00000041' }", "syntax"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "read_only"),
        ("DELETE WHERE { ?s ?p ?o }", "read_only"),
        ("LOAD <http://example.org/data.ttl>", "read_only"),
        ("CLEAR ALL", "read_only"),
        ("DROP GRAPH <http://example.org/g>", "read_only"),
        ("CREATE GRAPH <http://example.org/g>", "read_only"),
        ("SELECT WHERE {", "syntax"),
        ("SELECT * WHERE { ?s ?p ?o } ; SELECT * WHERE { ?s ?p ?o }", "syntax"),
        ("SELECT * WHERE { FILTER(" + "(" * 60 + "1" + ")" * 60 + ") }", "syntax"),
    ],
)
def test_sparql_everything_else_is_refused(query: str, code: str) -> None:
    with pytest.raises(Refused) as exc:
        check_sparql(query)
    assert exc.value.code == code


def test_a_service_keyword_in_a_literal_iri_or_comment_is_not_a_service() -> None:
    check_sparql('SELECT * WHERE { ?s ?p "SERVICE <http://a/> { }" }')
    check_sparql("SELECT * WHERE { ?s <http://a/SERVICE> ?o } # SERVICE <http://a/> { }")
