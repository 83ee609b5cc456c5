"""`wetgraaf fetch` against a real HTTP server on 127.0.0.1 (no mocks, no internet).

The server serves recorded response shapes (``tests/recorded/``, see its README) and real
corpus files as payloads, counts every request, and injects scripted faults: stalls, 429 with
Retry-After, 500s, truncated bodies, HTML error pages, redirect loops. Expected results are
derived from the recorded files themselves (the toestand a manifest names for a date, the
bytes of the payload, the relations in the WTI), not from the code under test.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import corpus_file
from wetgraaf.cli import main
from wetgraaf.ingest.fetch import FetchConfig, FetchError, Http, Mirror, VerifyError, verify_toestand
from wetgraaf.ingest.manifest import NoToestand, choose, parse_manifest
from wetgraaf.ingest.sru import SruError, parse_response
from wetgraaf.ingest.xmlsafe import RejectedFile

RECORDED = Path(__file__).resolve().parent / "recorded"
MANIFESTS = RECORDED / "manifests"
WTI = RECORDED / "BWBR0018451.WTI"
ROOT = Path(__file__).resolve().parent.parent
#: the small recorded mirror: BWB id → recorded manifest
MIRROR_IDS = {
    "BWBR0018451": "BWBR0018451.xml",
    "BWBR0018472": "BWBR0018472.xml",
    "BWBR0035917": "BWBR0035917.xml",
    "BWBR0043324": "BWBR0043324.v1.xml",
    "BWBR0043402": "BWBR0043402.xml",
}
T0 = 1_700_000_000  # Last-Modified of everything served, unless changed by a test
#: the CQL the client is expected to send, and the recorded answer
SRU = {
    "dcterms.identifier==BWBR0018451 and overheidbwb.geldigheidsdatum==2025-01-01": "BWBR0018451_2025-01-01.xml",
    '(overheidbwb.titel="Wet op de zorgtoeslag" or overheidbwb.afkorting=="Wet op de zorgtoeslag")'
    " and overheidbwb.geldigheidsdatum==2025-01-01": "title_zorgtoeslag.xml",
    '(overheidbwb.titel="zorgtoeslag" or overheidbwb.afkorting=="zorgtoeslag")'
    " and overheidbwb.geldigheidsdatum==2025-01-01": "title_zorgtoeslag.xml",
    'overheidbwb.titel all "zorgtoeslag" and overheidbwb.geldigheidsdatum==2025-01-01': "title_zorgtoeslag.xml",
}


# --------------------------------------------------------------------------- the server
@dataclass
class Fault:
    kind: str  #: stall | hold | 429 | 500 | truncate | html | redirect
    seconds: float = 0.0
    sticky: bool = False  #: applies to every request, not only the next one


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    status: int
    t: float


@dataclass
class Server:
    url: str = ""
    routes: dict[str, tuple[bytes, str, int]] = field(default_factory=dict)  # path → (body, type, mtime)
    sru: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    log: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    held: threading.Event = field(default_factory=threading.Event)  #: a "hold" fault has started
    release: threading.Event = field(default_factory=threading.Event)

    def serve(self, path: str, body: bytes, ctype: str = "application/xml", mtime: int = T0) -> None:
        self.routes[path] = (body, ctype, mtime)

    def fault(self, path: str, *faults: Fault) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def count(self, prefix: str = "/", status: int | None = None) -> int:
        with self.lock:
            return sum(1 for s in self.log if s.path.startswith(prefix) and (status is None or s.status == status))

    def paths(self, status: int | None = None) -> list[str]:
        with self.lock:
            return [s.path for s in self.log if status is None or s.status == status]


def _handler(srv: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _log(self, status: int) -> None:
            parts = urlsplit(self.path)
            q = {k: v[0] for k, v in parse_qs(parts.query).items()}
            with srv.lock:
                srv.log.append(Seen(parts.path, q, dict(self.headers), status, time.monotonic()))

        def _send(
            self, status: int, body: bytes = b"", ctype: str = "application/xml", extra: dict | None = None
        ) -> None:
            self._log(status)
            self.send_response(status)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            try:
                self._get()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _get(self) -> None:
            path = urlsplit(self.path).path
            fault = None
            with srv.lock:
                queue = srv.faults.get(path)
                if queue:
                    fault = queue[0] if queue[0].sticky else queue.pop(0)
            if fault is not None and self._fault(fault, path):
                return
            if path == "/sru/Search":
                q = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                if "application/xml" not in self.headers.get("Accept", ""):
                    return self._send(406, b"Not Acceptable", "text/plain")
                if q.get("x-connection") != "BWB" or q.get("operation") != "searchRetrieve":
                    return self._send(400, b"bad request", "text/plain")
                return self._send(200, srv.sru.get(q.get("query", ""), (RECORDED / "sru" / "empty.xml").read_bytes()))
            if path not in srv.routes:
                return self._send(404, b"<html><body>Not found</body></html>", "text/html")
            body, ctype, mtime = srv.routes[path]
            lm = formatdate(mtime, usegmt=True)
            ims = self.headers.get("If-Modified-Since")
            if ims and parsedate_to_datetime(ims).timestamp() >= mtime:
                return self._send(304, extra={"Last-Modified": lm})
            self._send(200, body, ctype, {"Last-Modified": lm, "ETag": f'"{hashlib.md5(body).hexdigest()}"'})

        def _fault(self, f: Fault, path: str) -> bool:
            body, ctype, _ = srv.routes.get(path, (b"", "application/xml", T0))
            if f.kind == "stall":  # say nothing for a while (the client's read timeout fires)
                self._log(0)
                srv.release.wait(f.seconds)
                self.close_connection = True
                return True
            if f.kind in ("hold", "truncate"):  # headers and half the body, then hang / hang up
                self._log(-1)
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                if f.kind == "hold":
                    srv.held.set()
                    srv.release.wait(30)
                self.close_connection = True
                return True
            if f.kind == "429":
                self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": f"{f.seconds:g}"})
            elif f.kind == "500":
                self._send(500, b"Internal Server Error", "text/plain")
            elif f.kind == "html":
                self._send(
                    200, b"<!DOCTYPE html><html><body><h1>Onderhoud</h1></body></html>", "text/html; charset=utf-8"
                )
            elif f.kind == "redirect":
                self._send(302, b"", "text/plain", {"Location": path})
            return True

    return Handler


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up is part of the tests
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    httpd = _Quiet(("127.0.0.1", 0), _handler(srv))
    srv.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    _record(srv)
    yield srv
    srv.release.set()
    httpd.shutdown()
    httpd.server_close()


def _payload(bwb_id: str, label: str) -> bytes:
    return corpus_file(f"{bwb_id}_{label}.xml").read_bytes()


def _toestand_path(bwb_id: str, label: str) -> str:
    return f"/{bwb_id}/{label}/xml/{bwb_id}_{label}.xml"


def _record(srv: Server) -> None:
    """The small recorded mirror: manifests, every toestand a manifest gives a size for, one WTI."""
    for bwb, name in MIRROR_IDS.items():
        _serve_manifest(srv, bwb, MANIFESTS / name)
    srv.serve("/BWBR0018451/BWBR0018451.WTI", WTI.read_bytes(), "application/octet-stream")
    for q, name in SRU.items():
        srv.sru[q] = (RECORDED / "sru" / name).read_bytes()


def _serve_manifest(srv: Server, bwb: str, path: Path, mtime: int = T0) -> None:
    srv.serve(f"/{bwb}/manifest.xml", path.read_bytes(), "application/xml", mtime)
    root = etree.parse(str(path)).getroot()  # a recorded file of the test suite: trusted
    for ex in root.iter("expression"):
        if ex.find("manifestation/metadata/size") is not None:
            label = ex.get("label")
            srv.serve(_toestand_path(bwb, label), _payload(bwb, label), "application/xml", mtime)
        elif ex.find("manifestation/item").get("_deleted") == "true":
            srv.fault(_toestand_path(bwb, ex.get("label")), Fault("redirect", sticky=True))


def expected_label(manifest: Path, on: str) -> str:
    """The toestand a recorded manifest names for a date: in force then, not deleted, open zicht."""
    root = etree.parse(str(manifest)).getroot()
    hits = [
        ex.get("label")
        for ex in root.iter("expression")
        if ex.find("manifestation/item").get("_deleted") != "true"
        and ex.findtext("metadata/datum_inwerkingtreding") <= on <= ex.findtext("metadata/einddatum")
        and ex.findtext("metadata/zichtdatum_eind") == "9999-12-31"
    ]
    assert len(hits) == 1, hits
    return hits[0]


def _config(srv: Server, **kw: object) -> FetchConfig:
    base = {"base_url": srv.url, "timeout": 2.0, "retries": 2, "backoff": 0.01, "rate": 0, "concurrency": 2}
    return FetchConfig(**{**base, **kw})  # type: ignore[arg-type]


def _cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), env={"COLUMNS": "250"}, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def _no_partial_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".part")]


# --------------------------------------------------------------------------- pure parsers
def test_parsers_read_the_real_samples() -> None:
    page = parse_response((RECORDED / "sru" / "grondwet_results_page.xml").read_bytes())
    assert (page.total, page.next_position, len(page.records)) == (11, 4, 3)
    r = page.records[0]
    assert (r.bwb_id, r.title, r.valid_from, r.valid_until, r.open_zicht) == (
        "BWBR0001840",
        "Grondwet",
        "2002-03-21",
        "2005-02-07",
        True,
    )
    assert r.locatie_toestand.endswith("/bwb/BWBR0001840/2002-03-21_0/xml/BWBR0001840_2002-03-21_0.xml")
    with pytest.raises(SruError, match="info:srw/diagnostic/1/67: The record schema is known"):
        parse_response((RECORDED / "sru" / "diagnostic.xml").read_bytes())


def test_wti_relations_are_all_read() -> None:
    from wetgraaf.ingest.wti import parse_wti

    w = parse_wti(WTI.read_bytes(), name=WTI.name)
    tree = etree.parse(str(WTI))  # the real WTI sample, counted independently
    n = {
        kind: len(tree.xpath(f"//gerelateerde-regelgeving//{tag}/*[@bwb-id]"))
        for kind, tag in (
            ("grondslag", "grondslag-voor"),
            ("verwijzing", "verwijzing-door"),
            ("wetsfamilie", "wetsfamilie"),
        )
    }
    assert n == {"grondslag": 66, "verwijzing": 710, "wetsfamilie": 1}
    assert {k: sum(r.kind == k for r in w.relations) for k in n} == n
    assert (w.bwb_id, w.citeertitel, w.afkortingen, w.soort) == (
        "BWBR0018451",
        "Wet op de zorgtoeslag",
        ("Wzt",),
        "wet",
    )
    basis = {r.other for r in w.relations if r.kind == "grondslag"}
    assert "BWBR0030989" in basis and all(r.bwb_id == "BWBR0018451" for r in w.relations)
    art2 = [r for r in w.relations if r.kind == "grondslag" and r.other == "BWBR0030989" and r.element]
    assert [r.element for r in art2] == ["Artikel 2"]


@pytest.mark.parametrize(
    ("name", "on"),
    [
        ("BWBR0018451.xml", "2025-01-01"),
        ("BWBR0018451.xml", "2024-06-30"),
        ("BWBR0018451.xml", "2026-11-23"),
        ("BWBR0043324.v1.xml", "2020-04-01"),
        ("BWBR0043324.v2.xml", "2020-04-01"),  # _0 is listed first, but its zicht has ended
        ("BWBR0043324.v2.xml", "2020-07-01"),  # 2020-06-25_0, although 2020-03-27_1 has the higher _n
        ("BWBR0043402.xml", "2025-08-01"),  # the deleted _1 is never chosen
    ],
)
def test_manifest_choice_is_the_open_zicht_toestand_in_force(name: str, on: str) -> None:
    m = parse_manifest((MANIFESTS / name).read_bytes())
    assert choose(m, date.fromisoformat(on)).label == expected_label(MANIFESTS / name, on)


def test_no_toestand_in_force_is_explained() -> None:
    m = parse_manifest((MANIFESTS / "BWBR0043324.v2.xml").read_bytes(), "BWBR0043324")
    with pytest.raises(NoToestand, match=r"no toestand valid on 2019-01-01 \(the first starts 2020-03-27\)"):
        choose(m, date(2019, 1, 1))
    empty = parse_manifest(
        b'<work label="BWBR0025304"><metadata><datum_intrekking>2013-01-01</datum_intrekking></metadata></work>'
    )
    with pytest.raises(NoToestand, match="withdrawn on 2013-01-01"):
        choose(empty, date(2025, 1, 1))
    with pytest.raises(ValueError, match="manifest is for BWBR0043324, not BWBR0018451"):
        parse_manifest((MANIFESTS / "BWBR0043324.v2.xml").read_bytes(), "BWBR0018451")


def test_verification_refuses_the_wrong_file(tmp_path: Path) -> None:
    m = parse_manifest((MANIFESTS / "BWBR0043324.v2.xml").read_bytes())
    e1 = next(e for e in m.expressions if e.label == "2020-03-27_1")
    f = tmp_path / "x.xml"
    f.write_bytes(_payload("BWBR0043324", "2020-03-27_1"))
    assert verify_toestand(f, "BWBR0043324", e1) == hashlib.sha256(f.read_bytes()).hexdigest()
    with pytest.raises(VerifyError, match="not BWBR0018451"):
        verify_toestand(f, "BWBR0018451")
    e2 = next(e for e in m.expressions if e.label == "2020-06-25_0")
    with pytest.raises(VerifyError, match="the manifest says 167,037"):
        verify_toestand(f, "BWBR0043324", e2)
    with pytest.raises(VerifyError, match="differs from the manifest's hashcode"):
        verify_toestand(f, "BWBR0043324", type(e1)(**{**_fields(e1), "hashcode": "0" * 64}))
    with pytest.raises(VerifyError, match="not toestand 2020-06-25_0"):
        verify_toestand(f, "BWBR0043324", type(e2)(**{**_fields(e2), "size": None, "hashcode": ""}))
    f.write_bytes(f.read_bytes()[:5000])
    with pytest.raises(RejectedFile, match="malformed XML"):
        verify_toestand(f, "BWBR0043324")


def _fields(e: object) -> dict:
    from dataclasses import fields

    return {x.name: getattr(e, x.name) for x in fields(e)}  # type: ignore[arg-type]


# --------------------------------------------------------------------------- one regeling
def test_fetch_by_bwb_id_stores_the_right_file(server: Server, tmp_path: Path) -> None:
    """The issue's done-criterion, run as a user runs it (a subprocess of the real CLI)."""
    out = tmp_path / "mirror"
    proc = subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "fetch", "BWBR0018451", "--date", "2025-01-01"]
        + ["--base-url", server.url, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "250"},
    )
    assert proc.returncode == 0, proc.stderr
    label = expected_label(MANIFESTS / "BWBR0018451.xml", "2025-01-01")
    assert label == "2025-01-01_0"
    stored = out / "BWBR0018451" / f"BWBR0018451_{label}.xml"
    assert stored.read_bytes() == _payload("BWBR0018451", label)
    assert (out / "BWBR0018451" / "BWBR0018451.WTI").read_bytes() == WTI.read_bytes()
    assert sorted(p.name for p in (out / "BWBR0018451").iterdir()) == [
        "BWBR0018451.WTI",
        f"BWBR0018451_{label}.xml",
        "manifest.xml",
    ]
    assert "BWBR0018451" in proc.stdout and label in proc.stdout
    # what went over the wire: the search service (with Accept), the manifest, the toestand, the WTI
    assert server.paths() == [
        "/sru/Search",
        "/BWBR0018451/manifest.xml",
        _toestand_path("BWBR0018451", label),
        "/BWBR0018451/BWBR0018451.WTI",
    ]
    sru = server.log[0]
    assert sru.query["query"] == "dcterms.identifier==BWBR0018451 and overheidbwb.geldigheidsdatum==2025-01-01"
    assert sru.query["x-connection"] == "BWB" and "application/xml" in sru.headers["Accept"]
    assert all(s.headers["User-Agent"].startswith("wetgraaf/") for s in server.log)
    _no_partial_files(out)


def test_fetch_by_title_skips_the_amending_acts_ranked_first(server: Server, tmp_path: Path) -> None:
    first = parse_response((RECORDED / "sru" / "title_zorgtoeslag.xml").read_bytes()).records[0]
    assert first.bwb_id != "BWBR0018451" and first.title.startswith("Wijzigingsregeling")  # the trap
    code, out, err = _cli(
        "fetch", "Wet op de zorgtoeslag", "--date", "2025-01-01", "--base-url", server.url, "--out", str(tmp_path)
    )
    assert code == 0, err
    assert (tmp_path / "BWBR0018451" / "BWBR0018451_2025-01-01_0.xml").is_file()
    assert not (tmp_path / first.bwb_id).exists()
    # a title that names several regelingen is an error that lists them, and nothing is fetched
    code, out, err = _cli(
        "fetch", "zorgtoeslag", "--date", "2025-01-01", "--base-url", server.url, "--out", str(tmp_path)
    )
    assert code == 1 and "'zorgtoeslag' matches 3 regelingen" in err and "BWBR0030989" in err
    assert server.count("/BWBR0030989") == 0


def test_search_lists_hits_without_downloading(server: Server, tmp_path: Path) -> None:
    code, out, err = _cli("fetch", "--search", "zorgtoeslag", "--date", "2025-01-01", "--base-url", server.url)
    assert code == 0, err
    lines = [ln for ln in out.splitlines() if ln.startswith("BWBR")]  # piped: bwb_id<TAB>title<TAB>…
    assert [ln.split("\t")[0] for ln in lines] == ["BWBR0030989", "BWBR0018451", "BWBR0035827"]  # amending act last
    assert "amending act" in lines[-1]
    assert server.paths() == ["/sru/Search"]


def test_unknown_id_and_nothing_in_force_are_one_line_errors(server: Server, tmp_path: Path) -> None:
    code, _, err = _cli(
        "fetch", "BWBR9999999", "--date", "2025-01-01", "--base-url", server.url, "--out", str(tmp_path)
    )
    assert code == 1
    assert "BWBR9999999: unknown BWB id" in err and len(err.strip().splitlines()) == 1
    code, _, err = _cli(
        "fetch", "BWBR0043324", "--date", "2019-01-01", "--base-url", server.url, "--out", str(tmp_path)
    )
    assert code == 1
    assert "no toestand valid on 2019-01-01 (the first starts 2020-03-27)" in " ".join(err.split())
    assert not list((tmp_path / "BWBR0043324").glob("BWBR*.xml"))


def test_fetch_chooses_by_date_and_zicht(server: Server, tmp_path: Path) -> None:
    _serve_manifest(server, "BWBR0043324", MANIFESTS / "BWBR0043324.v2.xml")
    with Mirror(tmp_path, _config(server)) as m:
        for on in ("2020-04-01", "2020-07-01"):
            o = m.fetch("BWBR0043324", date.fromisoformat(on))
            assert o.label == expected_label(MANIFESTS / "BWBR0043324.v2.xml", on)
            assert o.file is not None and o.file.read_bytes() == _payload("BWBR0043324", o.label)
        o = m.fetch("BWBR0043402", date(2025, 8, 1))
        assert o.label == "2020-04-22_0" and o.wti == "missing"
    assert server.count("/BWBR0043402/2020-04-22_1/") == 0  # the deleted generation is never asked for


# --------------------------------------------------------------------------- faults
def test_a_stalled_response_times_out_and_is_retried(server: Server, tmp_path: Path) -> None:
    path = _toestand_path("BWBR0018451", "2025-01-01_0")
    server.fault(path, Fault("stall", seconds=3))
    with Mirror(tmp_path, _config(server, timeout=0.3)) as m:
        o = m.fetch("BWBR0018451", date(2025, 1, 1))
    assert o.file is not None and o.file.read_bytes() == _payload("BWBR0018451", "2025-01-01_0")
    assert server.count(path) == 2
    # a server that never answers: an error after the retries, and nothing half-written
    server.fault(path, Fault("stall", seconds=3, sticky=True))
    o.file.unlink()
    with Mirror(tmp_path, _config(server, timeout=0.3, retries=1)) as m:
        with pytest.raises(FetchError, match=r"timed out after 0.3 s \(after 2 attempts\)"):
            m.fetch("BWBR0018451", date(2025, 1, 1))
    assert not o.file.exists()
    _no_partial_files(tmp_path)


def test_429_waits_as_long_as_retry_after_says(server: Server, tmp_path: Path) -> None:
    path = "/BWBR0018472/manifest.xml"
    server.fault(path, Fault("429", seconds=1))
    with Mirror(tmp_path, _config(server)) as m:
        o = m.fetch("BWBR0018472", date(2025, 8, 1))
    assert o.toestand == "downloaded"
    tries = [s for s in server.log if s.path == path]
    assert [s.status for s in tries] == [429, 200]
    assert tries[1].t - tries[0].t >= 0.95  # backoff alone would be 0.01 s


def test_500_then_success_and_500_for_ever(server: Server, tmp_path: Path) -> None:
    path = _toestand_path("BWBR0018472", "2025-01-01_0")
    server.fault(path, Fault("500"), Fault("500"))
    with Mirror(tmp_path / "a", _config(server)) as m:
        o = m.fetch("BWBR0018472", date(2025, 8, 1))
    assert o.file is not None and o.file.read_bytes() == _payload("BWBR0018472", "2025-01-01_0")
    assert [s.status for s in server.log if s.path == path] == [500, 500, 200]
    server.fault(path, Fault("500", sticky=True))
    code, _, err = _cli(
        "fetch",
        "BWBR0018472",
        "--date",
        "2025-08-01",
        "--base-url",
        server.url,
        "--out",
        str(tmp_path / "b"),
        "--retries",
        "2",
        "--backoff",
        "0.01",
    )
    assert code == 1
    assert "HTTP 500 (after 3 attempts)" in " ".join(err.split())
    assert [s.status for s in server.log if s.path == path][-3:] == [500, 500, 500]
    assert not (tmp_path / "b" / "BWBR0018472" / "BWBR0018472_2025-01-01_0.xml").exists()


def test_a_truncated_body_is_retried_not_stored(server: Server, tmp_path: Path) -> None:
    path = _toestand_path("BWBR0035917", "2025-07-05_0")
    server.fault(path, Fault("truncate"))
    with Mirror(tmp_path, _config(server)) as m:
        o = m.fetch("BWBR0035917", date(2025, 8, 1))
    assert o.file is not None and o.file.read_bytes() == _payload("BWBR0035917", "2025-07-05_0")
    assert server.count(path) == 2
    _no_partial_files(tmp_path)


def test_an_html_error_page_is_not_taken_for_xml(server: Server, tmp_path: Path) -> None:
    server.fault("/BWBR0018451/BWBR0018451.WTI", Fault("html"))
    server.fault("/sru/Search", Fault("html"))
    with Mirror(tmp_path, _config(server)) as m:
        assert m.resolve("BWBR0018451", date(2025, 1, 1)) == ("BWBR0018451", "Wet op de zorgtoeslag")
        o = m.fetch("BWBR0018451", date(2025, 1, 1))
    assert o.wti == "downloaded"
    assert (tmp_path / "BWBR0018451" / "BWBR0018451.WTI").read_bytes() == WTI.read_bytes()
    assert server.count("/BWBR0018451/BWBR0018451.WTI") == 2 and server.count("/sru/Search") == 2
    # for ever: an error that says so, and no WTI stored
    server.fault("/BWBR0018451/BWBR0018451.WTI", Fault("html", sticky=True))
    (tmp_path / "BWBR0018451" / "BWBR0018451.WTI").unlink()
    with Mirror(tmp_path, _config(server, retries=1)) as m:
        with pytest.raises(FetchError, match=r"expected XML, got text/html \(an error page\?\) \(after 2 attempts\)"):
            m.fetch("BWBR0018451", date(2025, 1, 1))
    assert not (tmp_path / "BWBR0018451" / "BWBR0018451.WTI").exists()


def test_a_deleted_item_answers_with_a_redirect_loop(server: Server) -> None:
    url = server.url + _toestand_path("BWBR0043402", "2020-04-22_1")
    http = Http(_config(server))
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="redirect loop at .* deleted item"):
        http.get(url)
    http.close()
    assert time.monotonic() - t0 < 2 and server.count("/BWBR0043402/2020-04-22_1/") == 6  # 1 + 5 redirects, no retry


def test_a_file_that_does_not_match_the_manifest_is_refused(server: Server, tmp_path: Path) -> None:
    path = _toestand_path("BWBR0018451", "2025-01-01_0")
    server.serve(path, corpus_file("BWBR0018451_2012-snapshot.xml").read_bytes())  # well-formed, same id, other text
    with Mirror(tmp_path, _config(server, retries=1)) as m:
        with pytest.raises(FetchError, match="bad body: 17,115 bytes, the manifest says 48,374"):
            m.fetch("BWBR0018451", date(2025, 1, 1))
    assert not (tmp_path / "BWBR0018451" / "BWBR0018451_2025-01-01_0.xml").exists()
    _no_partial_files(tmp_path)


def test_one_process_per_mirror(tmp_path: Path, server: Server) -> None:
    with Mirror(tmp_path, _config(server)):
        with pytest.raises(FetchError, match="another wetgraaf fetch is working on"):
            Mirror(tmp_path, _config(server))


# --------------------------------------------------------------------------- the whole mirror
def _all(server: Server, out: Path, *extra: str) -> tuple[int, str, str]:
    return _cli(
        "fetch",
        "--all",
        *extra,
        "--date",
        "2025-08-01",
        "--out",
        str(out),
        "--base-url",
        server.url,
        "--backoff",
        "0.01",
        "--rate",
        "0",
    )


def test_bulk_refresh_is_incremental(server: Server, tmp_path: Path) -> None:
    code, out, err = _all(server, tmp_path, *MIRROR_IDS)
    assert code == 0, err
    for bwb, name in MIRROR_IDS.items():
        label = expected_label(MANIFESTS / name, "2025-08-01")
        assert (tmp_path / bwb / f"{bwb}_{label}.xml").read_bytes() == _payload(bwb, label)
    first = server.count()
    assert first == 3 * len(MIRROR_IDS)  # manifest, toestand, WTI each
    assert server.count("/", 200) == 2 * len(MIRROR_IDS) + 1  # one WTI exists in the recording
    # nothing changed: one conditional request per manifest and WTI, no toestand
    code, out, err = _all(server, tmp_path)
    assert code == 0, err
    again = server.log[first:]
    assert len(again) == 2 * len(MIRROR_IDS)
    assert sorted({s.status for s in again}) == [304, 404]
    assert all(s.path.endswith(("manifest.xml", ".WTI")) for s in again)
    assert all("If-Modified-Since" in s.headers for s in again if s.path.endswith("manifest.xml"))
    # the summary table, piped: one "what<TAB>count" line per row
    assert "toestanden downloaded\t0" in out.splitlines() and "toestanden unchanged\t5" in out.splitlines()
    # one regeling changes upstream: only it is fetched, and its old toestand goes
    _serve_manifest(server, "BWBR0043324", MANIFESTS / "BWBR0043324.v2.xml", mtime=T0 + 86400)
    mark = len(server.log)
    code, out, err = _all(server, tmp_path)
    assert code == 0, err
    fetched = [s.path for s in server.log[mark:] if s.status == 200]
    new = expected_label(MANIFESTS / "BWBR0043324.v2.xml", "2025-08-01")
    assert fetched == ["/BWBR0043324/manifest.xml", _toestand_path("BWBR0043324", new)]
    files = sorted(p.name for p in (tmp_path / "BWBR0043324").glob("BWBR*.xml"))
    assert files == [f"BWBR0043324_{new}.xml"]


def test_bulk_refresh_survives_a_kill(server: Server, tmp_path: Path) -> None:
    """SIGKILL in the middle of a download, then run again: nothing lost, nothing fetched twice."""
    ids = sorted(MIRROR_IDS)
    victim = ids[2]
    label = expected_label(MANIFESTS / MIRROR_IDS[victim], "2025-08-01")
    server.fault(_toestand_path(victim, label), Fault("hold"))
    cmd = [sys.executable, "-m", "wetgraaf.cli", "fetch", "--all", *ids, "--date", "2025-08-01"]
    cmd += ["--out", str(tmp_path), "--base-url", server.url, "--concurrency", "1", "--backoff", "0.01", "--rate", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert server.held.wait(30), "the run never reached the held download"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    server.release.set()
    assert proc.returncode == -signal.SIGKILL
    # after the kill: the first two complete, the third not there (at most a .part), nothing after it
    for bwb in ids[:2]:
        lab = expected_label(MANIFESTS / MIRROR_IDS[bwb], "2025-08-01")
        assert (tmp_path / bwb / f"{bwb}_{lab}.xml").read_bytes() == _payload(bwb, lab)
    assert not (tmp_path / victim / f"{victim}_{label}.xml").exists()
    assert not any((tmp_path / b).exists() for b in ids[3:])
    mark = len(server.log)
    proc2 = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc2.returncode == 0, proc2.stderr
    assert "resuming an interrupted run: 2 regelingen already done" in proc2.stderr
    second = [s.path for s in server.log[mark:]]
    assert not [p for p in second if p.startswith(tuple(f"/{b}/" for b in ids[:2]))]  # done ones: not asked again
    for bwb in ids:
        lab = expected_label(MANIFESTS / MIRROR_IDS[bwb], "2025-08-01")
        assert (tmp_path / bwb / f"{bwb}_{lab}.xml").read_bytes() == _payload(bwb, lab)
        asked = server.count(_toestand_path(bwb, lab))
        assert asked == (2 if bwb == victim else 1), (bwb, asked)
    _no_partial_files(tmp_path)


def test_id_list_from_the_bwbidservice_shape(server: Server, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("BWBIdList.xml", "<list><id>BWBR0018472</id><id>BWBR0043402</id></list>")
    server.serve("/BWBIdService/BWBIdList.xml.zip", buf.getvalue(), "application/zip")
    code, out, err = _all(server, tmp_path, "--id-list", server.url + "/BWBIdService/BWBIdList.xml.zip")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("BWB")) == ["BWBR0018472", "BWBR0043402"]


def test_the_mirror_ingests_with_related_regelingen_as_edges(server: Server, tmp_path: Path) -> None:
    from wetgraaf.graph import rdf
    from wetgraaf.graph.model import build_model
    from wetgraaf.graph.stores import open_store
    from wetgraaf.ingest.batch import ingest_paths

    with Mirror(tmp_path / "m", _config(server)) as m:
        m.refresh_all(date(2025, 8, 1), ["BWBR0018451", "BWBR0018472"])
    result = ingest_paths([tmp_path / "m"], workers=1)
    assert not result.rejected and len(result.documents) == 2 and len(result.wti) == 1
    tree = etree.parse(str(WTI))
    basis = {x.get("bwb-id") for x in tree.xpath("//gerelateerde-regelgeving//grondslag-voor/*")}
    citing = {x.get("bwb-id") for x in tree.xpath("//gerelateerde-regelgeving//verwijzing-door/*")}
    assert "BWBR0018451" in citing and "BWBR0018451" not in basis
    citing.discard("BWBR0018451")  # references inside the law itself: no self-loop edge
    model = build_model(result.documents)
    rests = {e.src for e in model.edges if e.type == "RESTS_ON"}
    assert rests == {f"jci1.3:c:{b}" for b in basis}
    assert all(e.dst == "jci1.3:c:BWBR0018451" for e in model.edges if e.type in ("RESTS_ON", "REFERS_TO"))
    assert {e.src for e in model.edges if e.type == "REFERS_TO"} == {f"jci1.3:c:{b}" for b in citing}
    art2 = next(e for e in model.edges if e.type == "RESTS_ON" and e.src == "jci1.3:c:BWBR0030989")
    assert art2.props["target_elements"] == ["Artikel 2"] and art2.props["valid_until"] == "9999-12-31"
    # every backend takes the new edges: RDF (eli:based_on, SHACL-valid) and ladybug
    store = rdf.load_store(model)
    _, rows = rdf.sparql(
        store, "SELECT ?t WHERE { ?a eli:based_on <http://wetten.overheid.nl/id/BWBR0018451> ; eli:title ?t }"
    )
    assert "Besluit percentages drempel- en toetsingsinkomen zorgtoeslag" in {r[0] for r in rows}
    assert len(rows) == len(basis)
    pg = open_store("ladybug", path=tmp_path / "g.lbug")
    try:
        assert pg.load(model) == model.counts()
        _, rows = pg.query(
            "MATCH (a:Regeling)-[r:RESTS_ON]->(:Regeling {bwb_id: 'BWBR0018451'}) WHERE a.bwb_id = 'BWBR0030989' "
            "RETURN r.target_elements"
        )
        assert rows == [[["Artikel 2"]]]
    finally:
        pg.close()
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    from wetgraaf.ontology import SHAPES

    nt = rdf.export(store, tmp_path / "g.nt")
    conforms, _, text = pyshacl.validate(
        rdflib.Graph().parse(nt, format="nt"),
        shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"),
        inference="none",
    )
    assert conforms, text[:2000]


def test_readme_fetch_commands_run(server: Server, tmp_path: Path) -> None:
    """Every `wetgraaf …` line of the README's fetch section, run against the loopback server.

    Only the service URLs are replaced (``--base-url``; the official id-list URL by the
    server's) and the output folders put in tmp; the single-regeling examples and the bulk
    ones each get their own mirror (the bulk refresh runs for today).
    """
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fetching from wetten.overheid.nl", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "https://repository.officiele-overheidspublicaties.nl/bwb/{BWBID}/manifest.xml",
        "https://zoekservice.overheid.nl/sru/Search",
        "{BWBID}.WTI",
        "BWBIdList.xml.zip",
        "CC0",
        "3 GB",
    ):
        assert needle in section, needle
    blocks = [b.split("```", 1)[0] for b in section.split("```sh\n")[1:]]
    lines = [ln.split("  #", 1)[0].strip() for b in blocks for ln in b.splitlines() if ln.startswith("wetgraaf ")]
    assert len(lines) == 6, lines
    listed = "https://zoekservice.overheid.nl/BWBIdService/BWBIdList.xml.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("BWBIdList.xml", "<list><id>BWBR0018472</id><id>BWBR0043402</id></list>")
    server.serve("/BWBIdService/BWBIdList.xml.zip", buf.getvalue(), "application/zip")
    for line in lines:
        args = shlex.split(line)[1:]
        folder = tmp_path / ("bulk" if "--all" in args else "one")
        args = [server.url + "/BWBIdService/BWBIdList.xml.zip" if a == listed else a for a in args]
        for opt, value in (("--out", str(folder / ("records" if args[0] == "ingest" else "mirror"))),):
            if opt in args:
                args[args.index(opt) + 1] = value
        if args[0] == "ingest":
            args[1] = str(folder / "mirror")
        else:
            args += ["--base-url", server.url, "--rate", "0", "--backoff", "0.01"]
        code, out, err = _cli(*args)
        assert code == 0, (line, err)
    assert (tmp_path / "one" / "mirror" / "BWBR0018451" / "BWBR0018451_2025-01-01_0.xml").is_file()
    report = (tmp_path / "one" / "records" / "report.json").read_text()
    assert '"related_regelingen": 777' in report and '"rejected": 0' in report
    assert sorted(p.name for p in (tmp_path / "bulk" / "mirror").glob("BWB*")) == ["BWBR0018472", "BWBR0043402"]
