"""The attack run of issue 15, replayed against a real ``wetgraaf serve`` on loopback.

One server is started as a user starts it (``wetgraaf serve DIR``), on three laws of the shared
corpus and nine hostile files, with one research worker per language, a queue of two, and a
time limit of 2 s, so that starving it is cheap. Then more than 150 attempts are made:

* writes, file, extension, database and transaction statements in Cypher, with every comment,
  string and escape trick of the attack run (``CHECKPOINT`` behind ``/* **/``, ``\\u`` escapes,
  a lone carriage return, full-width letters, …);
* SPARQL updates and ``SERVICE`` to a loopback listener, nested in every kind of group and sent
  in every request form (GET, POST of a form, of the query, of JSON), and ``default-graph-uri``;
* parameters of the named queries that try to become query text, invalid enum values;
* review writes without a token, with a wrong one, with a stale version;
* paths that try to leave the API (``..``, encoded slashes, NUL);
* quadratic input for the tokenizer, oversized queries, and 16 slow queries at once;
* hostile XML given to ``serve`` to ingest (entities, external DTDs, a DOCTYPE after a 70 KB
  comment, UTF-16 and UTF-7 disguises).

Each attempt asserts its own refusal (status and error code). After all of them: the data the
server serves is byte for byte what it was, the listener received nothing, ``/health``
(polled every 100 ms from another thread the whole time) always answered ok within 1 s,
and ``SIGTERM`` during slow queries ends the server and its worker processes within 5 s.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.api_support import Listener, cypher_attacks, free_port, service_attacks, start_serve
from tests.conftest import CORPUS
from tests.test_hostile import BILLION_LAUGHS

GOOD = ("BWBR0018472_2025-01-01_0.xml", "BWBR0018451_2025-01-01_0.xml", "BWBR0002221_2012-snapshot.xml")
TOKEN = "token-tester-0123456789"
TIMEOUT_MS = 2000
SLOW_CYPHER = "MATCH (a:Provision), (b:Provision), (c:Provision) WHERE a.key < b.key AND b.key < c.key RETURN count(*)"
SLOW_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f FILTER(?b != ?f) }"


# ---------------------------------------------------------------- the server and its watchers
def _hostile_files(folder: Path) -> dict[str, bytes]:
    """File name → content; each must be refused at ingest, with the others ingested."""
    good = (CORPUS / GOOD[1]).read_bytes()
    body = good[good.index(b"<toestand") :]
    laughs = BILLION_LAUGHS.encode()
    return {
        "billion-laughs.xml": laughs,
        "xxe-file.xml": b'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<toestand>&x;</toestand>',
        "xxe-network.xml": (
            b'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n<toestand>&x;</toestand>'
        ),
        "parameter-entity.xml": b'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>\n<toestand/>',
        "doctype-after-comment.xml": b'<?xml version="1.0"?>\n<!--'
        + b"x" * 70_000
        + b"-->\n"
        + laughs[laughs.index(b"<!DOCTYPE") :],
        "doctype-utf16.xml": b"\xff\xfe" + laughs.decode().encode("utf-16-le"),
        "doctype-utf7.xml": b'<?xml version="1.0" encoding="UTF-7"?>\n+ADwAIQ-DOCTYPE t +AFs-+ADwAIQ-ENTITY x +ACI-y+ACIAPgBd-+AD4-\n'
        + body[:200],
        "truncated.xml": good[: len(good) // 2],
        "not-xml.xml": b"%PDF-1.4 this is not XML at all",
    }


@dataclass
class HealthWatch:
    """Polls ``/health`` every 100 ms in its own thread; records every latency and failure."""

    url: str
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with httpx.Client(timeout=5) as c:
            while not self._stop.is_set():
                t0 = time.perf_counter()
                try:
                    r = c.get(self.url + "/health")
                    ok = r.status_code == 200 and r.json()["status"] == "ok"
                    if not ok:
                        self.failures.append(f"{r.status_code} {r.text[:200]}")
                except httpx.HTTPError as exc:
                    self.failures.append(f"{type(exc).__name__}: {exc}")
                self.latencies.append(time.perf_counter() - t0)
                self._stop.wait(0.1)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(10)


def _served_data(out: Path) -> dict[str, str]:
    """sha256 of every file the server reads its answers from (not its review database)."""
    files = [out / "corpus.sqlite", out / "graph.lbug"]
    files += sorted(p for d in (out / "rdf", out / "analysis") for p in d.rglob("*") if p.is_file())
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.exists()}


@dataclass
class Server:
    url: str
    out: Path
    proc: subprocess.Popen[bytes]
    health: HealthWatch
    listener: Listener
    http: httpx.Client
    data_before: dict[str, str]
    attempts: Counter[str] = field(default_factory=Counter)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/bwb not available")
    tmp = tmp_path_factory.mktemp("attack-replay")
    laws = tmp / "laws"
    laws.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, laws / name)
    for name, data in _hostile_files(laws).items():
        (laws / name).write_bytes(data)
    out = tmp / "out"
    port = free_port()
    env = {
        **os.environ,
        "WETGRAAF_TOKENS": f"tester={TOKEN}",
        "WETGRAAF_QUERY_TIMEOUT_MS": str(TIMEOUT_MS),
        "WETGRAAF_RESEARCH_WORKERS": "1",
        "WETGRAAF_RESEARCH_QUEUE": "2",
    }
    url = f"http://127.0.0.1:{port}"
    listener = Listener()
    proc = None
    try:
        proc = start_serve([str(laws), "--out", str(out)], tmp / "serve.log", env, port, timeout_s=600)
        health = HealthWatch(url)
        health.start()
        with httpx.Client(base_url=url, timeout=30) as http:
            # warm both research languages so that the data files are settled before hashing
            assert http.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"}).status_code == 200
            assert http.get("/sparql", params={"query": "ASK {}"}).status_code == 200
            yield Server(url, out, proc, health, listener, http, _served_data(out))
        health.stop()
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        listener.close()


def _refused(srv: Server, what: str, r: httpx.Response, statuses: tuple[int, ...], codes: tuple[str, ...] = ()) -> None:
    """One attempt: the answer is a refusal with one of ``statuses`` (and ``codes``), as JSON
    that names no file of the server."""
    srv.attempts[what] += 1
    assert r.status_code in statuses, (what, r.request.url, r.status_code, r.text[:500])
    if "json" in r.headers.get("content-type", ""):
        err = r.json().get("error") or r.json().get("detail")
        assert err, r.text
        if codes and isinstance(err, dict):
            assert err["code"] in codes, (what, err)
    assert str(srv.out) not in r.text and "wetgraaf-research" not in r.text, r.text[:500]


# ---------------------------------------------------------------- the attempts
def test_cypher_attacks_are_refused(server: Server, tmp_path: Path) -> None:
    for query in cypher_attacks(str(tmp_path), server.listener.url):
        r = server.http.post("/cypher", json={"query": query})
        _refused(server, "cypher", r, (400, 403, 422))
    assert not any(tmp_path.iterdir()), list(tmp_path.iterdir())


UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "CREATE GRAPH <http://g>",
    "COPY DEFAULT TO <http://g>",
    "MOVE DEFAULT TO <http://g>",
    "ADD DEFAULT TO <http://g>",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "SELECT * WHERE { ?s ?p ?o # }\n} ; CLEAR ALL",
    "SELECT * WHERE { ?s ?p 'unterminated }",
    "",
]


def _sparql_forms(http: httpx.Client, query: str) -> list[httpx.Response]:
    """The query in every request form: GET, POST form, POST query, POST JSON."""
    return [
        http.get("/sparql", params={"query": query}),
        http.post(
            "/sparql",
            content=urllib.parse.urlencode({"query": query}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        http.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}),
        http.post("/sparql", json={"query": query}),
    ]


def test_sparql_service_and_update_attacks_are_refused_in_every_request_form(server: Server) -> None:
    for query in service_attacks(server.listener.url) + UPDATES:
        for r in _sparql_forms(server.http, query):
            _refused(server, "sparql", r, (400, 403, 422))
    time.sleep(0.5)  # a request the server made would have reached the listener by now
    assert server.listener.received == []


def test_a_protocol_dataset_pointing_outside_is_refused(server: Server) -> None:
    for name in ("default-graph-uri", "named-graph-uri"):
        r = server.http.get(
            "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", name: server.listener.url}
        )
        _refused(server, "sparql", r, (400,), ("dataset_not_supported",))


def test_named_query_parameters_stay_values(server: Server) -> None:
    url = server.listener.url
    payloads = [
        f'x" }} SERVICE <{url}> {{ ?a ?b ?c }} #',
        f"x' }} SERVICE <{url}> {{ ?a ?b ?c }} //",
        "x') RETURN 1 UNION MATCH (n) DETACH DELETE n //",
        "partner\\u0022 } ; DROP ALL #",
    ]
    for value in payloads:
        for backend in ("sparql", "cypher"):
            r = server.http.get("/queries/definitions_of_term", params={"term": value, "backend": backend})
            server.attempts["named"] += 1
            # a parameter is a value: the query runs and finds no such term, or the value is refused
            assert r.status_code in (200, 400), r.text
            if r.status_code == 200:
                assert r.json()["rows"] == [], r.text
    for params in (
        {"bwb_id": "BWBR0018472", "norm_type": "verplichting"},
        {"bwb_id": "BWBR0018472' OR 1=1", "norm_type": "obligation"},
        {"bwb_id": "BWBR0018472", "norm_type": "obligation", "min_percent": "1; DROP ALL"},
    ):
        _refused(server, "named", server.http.get("/queries/law_rules", params=params), (400,), ("bad_parameters",))
    _refused(server, "named", server.http.get("/queries/..%2F..%2Fetc%2Fpasswd"), (404, 422))
    _refused(server, "named", server.http.get("/queries/definitions_of_term"), (400,), ("bad_parameters",))
    time.sleep(0.5)
    assert server.listener.received == []


def test_review_writes_need_a_valid_token_and_version(server: Server) -> None:
    clusters = server.http.get("/clusters", params={"limit": 1}).json()
    cid = clusters["items"][0]["id"]
    body = {"status": "harmonise", "note": "x"}
    h = server.http
    _refused(server, "review", h.put(f"/clusters/{cid}/decision", json=body), (401,))
    _refused(
        server,
        "review",
        h.put(f"/clusters/{cid}/decision", json=body, headers={"Authorization": "Bearer nope"}),
        (401, 403),
    )
    _refused(
        server,
        "review",
        h.put(f"/clusters/{cid}/decision", json=body, headers={"Authorization": f"Basic {TOKEN}"}),
        (401, 403),
    )
    _refused(
        server,
        "review",
        h.put(
            f"/clusters/{cid}/decision", json=body, headers={"Authorization": f"Bearer {TOKEN}", "If-Match": '"999"'}
        ),
        (412,),
    )
    _refused(
        server,
        "review",
        h.put(f"/clusters/{cid}/decision", json=body, headers={"Authorization": f"Bearer {TOKEN}", "If-Match": "*"}),
        (412, 428),
    )
    form = {"status": "harmonise", "token": "nope", "version": "0"}
    r = h.post(f"/ui/clusters/{cid}/decision", data=form)
    server.attempts["review"] += 1
    assert r.status_code in (401, 403) and "token" in r.text.lower(), r.text[:300]
    stored = h.get(f"/clusters/{cid}/decision")
    assert stored.status_code == 404 or stored.json()["status"] == "new", stored.text  # nothing was written


def test_paths_do_not_leave_the_api(server: Server) -> None:
    for path in (
        "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/jci1.3:c:BWBR0018472&artikel=../../etc/passwd",
        "/regelingen/..%2F..%2Fetc%2Fpasswd",
        "/regelingen/BWBR0018472%00",
        "/clusters/..%2F..%2Fetc%2Fpasswd",
        "/terms/%2e%2e%2f%2e%2e%2fetc%2fpasswd/definitions",
        "/ui/clusters/..%2Fetc%2Fpasswd",
        "/static/..%2F..%2Fpyproject.toml",
    ):
        r = server.http.get(path)
        server.attempts["path"] += 1
        assert r.status_code in (400, 404, 422), (path, r.status_code, r.text[:300])
        assert "root:" not in r.text and "[project]" not in r.text


def test_oversized_and_quadratic_input(server: Server) -> None:
    h = server.http
    _refused(server, "size", h.post("/cypher", json={"query": "RETURN 1 " + "/*a*/" * 5000}), (413, 422))
    _refused(server, "size", h.get("/sparql", params={"query": "#" * 20_000}), (413, 414, 422, 431))
    _refused(
        server,
        "size",
        h.post("/sparql", content=b"x" * 200_000, headers={"Content-Type": "application/sparql-query"}),
        (413,),
    )
    for query in ("/*a" * 3333, "'" + "\\'" * 4000, "`" + "``" * 4000 + " CREATE", "//" * 4999):
        t0 = time.perf_counter()
        r = h.post("/cypher", json={"query": query})
        _refused(server, "quadratic", r, (400, 403))
        assert time.perf_counter() - t0 < 1.0, query[:20]


def test_hostile_files_given_to_serve_are_quarantined(server: Server) -> None:
    import json

    report = json.loads((server.out / "report.json").read_text())
    text = json.dumps(report)
    for name in _hostile_files(server.out):
        server.attempts["xml"] += 1
        assert name in text, f"{name} is not reported as rejected"
        assert (server.out / "quarantine").is_dir()
    regelingen = server.http.get("/regelingen").json()
    ids = {r["bwb_id"] for r in regelingen["items"]}
    assert ids == {n.split("_")[0] for n in GOOD}, ids
    assert "root:" not in text


def test_starvation_gives_429_at_once_and_health_keeps_answering(server: Server) -> None:
    """16 slow queries at once on a server that takes 1 running + 2 waiting per language: the
    rest are refused with 429 and Retry-After at once; the admitted ones end by the time limit."""

    c = httpx.Client(base_url=server.url, timeout=60, limits=httpx.Limits(max_connections=32))

    def one(lang: str) -> tuple[int, float, httpx.Response]:
        t0 = time.perf_counter()
        if lang == "cypher":
            r = c.post("/cypher", json={"query": SLOW_CYPHER})
        else:
            r = c.get("/sparql", params={"query": SLOW_SPARQL})
        return r.status_code, time.perf_counter() - t0, r

    with c, cf.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, ["cypher"] * 8 + ["sparql"] * 8))
    statuses = Counter(s for s, _, _ in results)
    for status, elapsed, r in results:
        server.attempts["starvation"] += 1
        assert status in (408, 429), (status, r.text[:300])
        if status == 429:
            assert int(r.headers["Retry-After"]) >= 1
            assert r.json()["error"]["code"] == "busy"
            assert elapsed < 1.0, elapsed
    assert statuses[429] >= 10, statuses  # at most 3 admitted per language
    # the server is usable again right after
    r = server.http.post("/cypher", json={"query": "MATCH (t:Term) RETURN count(t)"})
    assert r.status_code == 200 and r.json()["rows"][0][0] > 0, r.text


# ---------------------------------------------------------------- after everything
def test_after_all_attempts_nothing_changed_nothing_left_and_health_answered(server: Server) -> None:
    # run last in this file (pytest keeps file order); on its own it still checks what ran
    assert server.listener.received == [], server.listener.received
    assert _served_data(server.out) == server.data_before
    leftovers = [p.name for p in server.out.iterdir() if p.name.startswith("graph.lbug.")]
    assert leftovers == []
    assert server.health.failures == []
    assert server.health.latencies and max(server.health.latencies) < 1.0, max(server.health.latencies)
    if len(server.attempts) >= 9:  # the whole file ran
        assert sum(server.attempts.values()) >= 150, server.attempts


def test_sigterm_during_slow_queries_stops_server_and_workers_within_5_s(server: Server) -> None:
    def slow(lang: str) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            try:
                if lang == "cypher":
                    c.post("/cypher", json={"query": SLOW_CYPHER})
                else:
                    c.get("/sparql", params={"query": SLOW_SPARQL})
            except httpx.HTTPError:
                pass

    threads = [threading.Thread(target=slow, args=(lang,), daemon=True) for lang in ("cypher", "sparql") * 3]
    for t in threads:
        t.start()
    time.sleep(0.8)  # the workers are busy
    server.health.stop()
    t0 = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(5)
    except subprocess.TimeoutExpired:
        pytest.fail("wetgraaf serve did not stop within 5 s of SIGTERM")
    elapsed = time.monotonic() - t0
    while True:  # no worker process of the server's session is left (zombies aside)
        ps = subprocess.run(
            ["ps", "-o", "pid=,stat=,args=", "-g", str(server.proc.pid)], capture_output=True, text=True
        )
        left = [line for line in ps.stdout.splitlines() if line.split()[1][0] != "Z"]
        if not left or time.monotonic() - t0 > 5:
            break
        time.sleep(0.1)
    assert left == [], left
    assert elapsed < 5
