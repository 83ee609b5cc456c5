"""Download BWB from the official services into a local mirror, and keep the mirror fresh.

This is the I/O side of fetching; the responses are parsed by the pure modules
:mod:`~wetgraaf.ingest.sru` (search service), :mod:`~wetgraaf.ingest.manifest` (which toestand)
and :mod:`~wetgraaf.ingest.wti` (related regelingen).

* **Services** (``../shared/docs/bwb-fetching.md``): the KOOP repository
  ``https://repository.officiele-overheidspublicaties.nl/bwb/{BWBID}/manifest.xml``,
  ``…/{BWBID}/{date}_{n}/xml/{BWBID}_{date}_{n}.xml`` and ``…/{BWBID}/{BWBID}.WTI``; the
  search service ``https://zoekservice.overheid.nl/sru/Search?x-connection=BWB`` (sent with
  ``Accept: application/xml``, without which it answers 406).
* **Mirror layout** (what ``wetgraaf ingest MIRROR`` reads)::

      MIRROR/{BWBID}/manifest.xml                  the repository's manifest (not ingested)
      MIRROR/{BWBID}/{BWBID}_{date}_{n}.xml        the toestand valid on the date asked for
      MIRROR/{BWBID}/{BWBID}.WTI                   wetstechnische informatie (related regelingen)
      MIRROR/.wetgraaf-fetch.sqlite                state: ETag, Last-Modified, sha256, size per file

* **Safe writes**: every download goes to ``.NAME.PID.THREAD.part`` in the target folder, is
  fsynced, verified (well-formed XML, root element, BWB id, label, and the manifest's size and
  hash) and only then renamed over the target (``os.replace``). A killed run leaves at most
  ``.part`` files, which the next run removes; never a partial ``.xml``.
* **Incremental**: manifests and WTIs are fetched conditionally (``If-Modified-Since``, plus
  ``If-None-Match``); a toestand file is named by its label and is not fetched again while the
  file on disk is the one the state recorded and the manifest's hash for it is unchanged.
  ``refresh_all`` keeps a run journal: after a crash or kill, the next run skips the regelingen
  the interrupted run finished.
* **Politeness**: a small thread pool (default 4), a global request rate limit (default 5/s),
  retries with exponential backoff on timeouts, connection errors, 429 (honouring
  ``Retry-After``) and 5xx, truncated bodies and HTML error pages; no retry on other 4xx or on
  a redirect loop (what a deleted item answers). User-Agent ``wetgraaf/{version}``.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import sqlite3
import threading
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from wetgraaf import __version__
from wetgraaf.identity import BWB_ID_PATTERN
from wetgraaf.ingest.manifest import Expression, Manifest, NoToestand, choose, parse_manifest
from wetgraaf.ingest.sru import BWB_ID, SruError, SruPage, cql_identifier, cql_search, cql_title, parse_response, pick
from wetgraaf.ingest.wti import Wti, parse_wti
from wetgraaf.ingest.xmlsafe import BWB_ROOTS, RejectedFile, iterparse, preflight_stream

__all__ = [
    "REPOSITORY_URL",
    "SRU_URL",
    "BWB_ID_LIST_URL",
    "ENV_BASE_URL",
    "ENV_SRU_URL",
    "STATE_FILE",
    "FetchConfig",
    "FetchError",
    "NotFound",
    "UnknownRegeling",
    "VerifyError",
    "Http",
    "Mirror",
    "Outcome",
    "verify_toestand",
    "ids_from_bytes",
]

#: The KOOP repository (static files: manifest, toestand XML, WTI).
REPOSITORY_URL = "https://repository.officiele-overheidspublicaties.nl/bwb"
#: The search service (SRU); wetgraaf adds ``x-connection=BWB``.
SRU_URL = "https://zoekservice.overheid.nl/sru/Search"
#: Every BWB id, with titles, as a zip (BWBIdService).
BWB_ID_LIST_URL = "https://zoekservice.overheid.nl/BWBIdService/BWBIdList.xml.zip"
#: Environment variables that override the two base URLs.
ENV_BASE_URL = "WETGRAAF_BWB_URL"
ENV_SRU_URL = "WETGRAAF_SRU_URL"
STATE_FILE = ".wetgraaf-fetch.sqlite"
LOCK_FILE = ".wetgraaf-fetch.lock"
USER_AGENT = f"wetgraaf/{__version__} (Dutch legislation knowledge graph; python-httpx/{httpx.__version__})"
#: Downloads larger than this are refused (the largest toestand is ~52 MB, the largest WTI ~21 MB).
MAX_BYTES = 512 * 1024 * 1024
_XML_ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.5"
_HASHES = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}


class FetchError(Exception):
    """A download that failed; the message is one line, fit for the command line."""


class NotFound(FetchError):
    """HTTP 404 or 410."""


class UnknownRegeling(FetchError):
    """Neither the search service nor the repository knows the regeling."""


class VerifyError(ValueError):
    """A downloaded body that is not what was asked for (truncated, wrong file, wrong hash)."""


@dataclass(slots=True)
class FetchConfig:
    """How to reach the services and how politely.

    ``sru_url`` defaults to the official search service when ``base_url`` is the official
    repository, and to ``{base_url}/sru/Search`` otherwise (one test server serving both).
    """

    base_url: str = REPOSITORY_URL
    sru_url: str | None = None
    timeout: float = 30.0  #: seconds for connect and for each read
    retries: int = 3  #: extra attempts after the first
    backoff: float = 0.5  #: first wait in seconds, doubled on every retry
    max_wait: float = 60.0  #: cap on one wait (backoff or Retry-After)
    concurrency: int = 4  #: regelingen fetched at the same time
    rate: float = 5.0  #: requests per second over all threads (0: no limit)
    check_hash: bool = True  #: compare the manifest's hashcode when its algorithm is recognised
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if not self.sru_url:
            self.sru_url = SRU_URL if self.base_url == REPOSITORY_URL else f"{self.base_url}/sru/Search"

    def manifest_url(self, bwb_id: str) -> str:
        return f"{self.base_url}/{bwb_id}/manifest.xml"

    def toestand_url(self, bwb_id: str, expr: Expression) -> str:
        return f"{self.base_url}/{bwb_id}/{expr.path(bwb_id)}"

    def wti_url(self, bwb_id: str) -> str:
        return f"{self.base_url}/{bwb_id}/{bwb_id}.WTI"


@dataclass(slots=True)
class Fetched:
    """A response: 200 (``value`` is what ``check`` returned) or 304 (not modified)."""

    status: int
    url: str
    etag: str = ""
    last_modified: str = ""
    size: int = 0
    sha256: str = ""
    data: bytes | None = None
    value: Any = None


class Http:
    """An ``httpx`` client with timeouts, a rate limit, retries with backoff, and counters."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        self._client = httpx.Client(
            timeout=httpx.Timeout(config.timeout, connect=min(config.timeout, 10.0)),
            headers={"User-Agent": config.user_agent},
            follow_redirects=True,
            max_redirects=5,
        )
        self._lock = threading.Lock()
        self._next = 0.0
        self.requests = 0
        self.bytes = 0

    def close(self) -> None:
        self._client.close()

    def _pace(self) -> None:
        with self._lock:
            self.requests += 1
            if self.config.rate <= 0:
                return
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + 1.0 / self.config.rate
        if start > now:
            time.sleep(start - now)

    def _wait(self, attempt: int, retry_after: str | None = None) -> float:
        wait = self.config.backoff * (2**attempt)
        wait += random.uniform(0, wait / 4)
        if retry_after:
            ra = retry_after.strip()
            try:
                wait = max(wait, float(ra))
            except ValueError:
                try:
                    wait = max(wait, (parsedate_to_datetime(ra) - datetime.now(UTC)).total_seconds())
                except (TypeError, ValueError):
                    pass
        return max(0.0, min(wait, self.config.max_wait))

    def get(
        self,
        url: str,
        *,
        params: dict[str, str] | None = None,
        accept: str = _XML_ACCEPT,
        etag: str = "",
        last_modified: str = "",
        dest: Path | None = None,
        check: Callable[[Any], Any] | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Fetched:
        """GET ``url`` with retries. With ``dest``, the body goes to a temporary file beside it,
        ``check(temp_path)`` verifies it and it is then renamed to ``dest``; without, the body is
        kept in memory and ``check(bytes)`` parses it. Conditional when ``etag`` or
        ``last_modified`` is given (then a 304 comes back as ``status=304``).

        Raises :class:`NotFound` (404/410), :class:`FetchError` (other 4xx, a redirect loop,
        too large, or the last retryable failure once the retries are spent).
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.config.retries + 1
        last = ""
        for attempt in range(attempts):
            self._pace()
            try:
                return self._attempt(url, params, headers, dest, check, max_bytes, attempt)
            except _Retry as r:
                last, wait = r.reason, r.wait
            except httpx.TooManyRedirects:
                raise FetchError(f"redirect loop at {url} (how the repository answers for a deleted item)") from None
            except httpx.TimeoutException:
                last, wait = f"timed out after {self.config.timeout:g} s", self._wait(attempt)
            except httpx.TransportError as exc:  # connection refused or reset, truncated body
                msg = str(exc).splitlines()[0] if str(exc) else "transport error"
                last, wait = f"{type(exc).__name__}: {msg}", self._wait(attempt)
            except (RejectedFile, VerifyError) as exc:
                last, wait = f"bad body: {exc}", self._wait(attempt)
            if attempt + 1 < attempts:
                time.sleep(wait)
        raise FetchError(f"{url}: {last} (after {attempts} attempt{'s' if attempts > 1 else ''})")

    def _attempt(
        self,
        url: str,
        params: dict[str, str] | None,
        headers: dict[str, str],
        dest: Path | None,
        check: Callable[[Any], Any] | None,
        max_bytes: int,
        attempt: int,
    ) -> Fetched:
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.part") if dest else None
        try:
            with self._client.stream("GET", url, params=params, headers=headers) as r:
                code = r.status_code
                if code == 304:
                    return Fetched(
                        304, url, etag=r.headers.get("ETag", ""), last_modified=headers.get("If-Modified-Since", "")
                    )
                if code in (404, 410):
                    raise NotFound(f"HTTP {code} for {r.url}")
                if code == 429 or code >= 500:
                    raise _Retry(f"HTTP {code}", self._wait(attempt, r.headers.get("Retry-After")))
                if code >= 300:
                    raise FetchError(f"HTTP {code} for {r.url}")
                ctype = r.headers.get("Content-Type", "")
                if "html" in ctype.lower():
                    raise _Retry(f"expected XML, got {ctype.split(';')[0]} (an error page?)", self._wait(attempt))
                digest = hashlib.sha256()
                size = 0
                buf = io.BytesIO()
                fh = tmp.open("wb") if tmp is not None else buf
                try:
                    for chunk in r.iter_bytes(1 << 16):
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{url}: larger than {max_bytes:,} bytes; refused")
                        digest.update(chunk)
                        fh.write(chunk)
                    if tmp is not None:
                        fh.flush()
                        os.fsync(fh.fileno())
                finally:
                    if tmp is not None:
                        fh.close()
                with self._lock:
                    self.bytes += size
                data = buf.getvalue() if tmp is None else None
                value = check(tmp if tmp is not None else data) if check is not None else None
                if tmp is not None and dest is not None:
                    os.replace(tmp, dest)
                    _fsync_dir(dest.parent)
                    tmp = None
                return Fetched(
                    200,
                    url,
                    etag=r.headers.get("ETag", ""),
                    last_modified=r.headers.get("Last-Modified", ""),
                    size=size,
                    sha256=digest.hexdigest(),
                    data=data,
                    value=value,
                )
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)


class _Retry(Exception):
    """A retryable answer (429, 5xx, an HTML error page), with how long to wait."""

    def __init__(self, reason: str, wait: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- verification
def verify_toestand(path: Path, bwb_id: str, expr: Expression | None = None, *, check_hash: bool = True) -> str:
    """Check a downloaded toestand file; return its sha256.

    Size and hash against the manifest (when it gives them; the hash only when its length
    names a known algorithm: md5, sha1, sha256, sha512), then the XML itself, streamed with
    the safe parser: well-formed, a BWB root element, ``@bwb-id`` equal to ``bwb_id`` and, for
    a toestand, ``@bwb-ng-vast-deel`` naming the same date and generation as the label.
    Raises :class:`VerifyError` or :class:`~wetgraaf.ingest.xmlsafe.RejectedFile`.
    """
    size = path.stat().st_size
    if expr is not None and expr.size is not None and size != expr.size:
        raise VerifyError(f"{size:,} bytes, the manifest says {expr.size:,}")
    sha = hashlib.sha256()
    algo = _HASHES.get(len(expr.hashcode)) if expr is not None and check_hash else None
    if algo is not None and not re.fullmatch(r"[0-9a-fA-F]+", expr.hashcode):  # type: ignore[union-attr]
        algo = None
    other = hashlib.new(algo) if algo and algo != "sha256" else None
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
            if other is not None:
                other.update(chunk)
    if algo is not None and expr is not None:
        got = (other or sha).hexdigest()
        if got.lower() != expr.hashcode.lower():
            raise VerifyError(f"{algo} {got} differs from the manifest's hashcode {expr.hashcode}")
    with path.open("rb") as fh:
        preflight_stream(fh)
        fh.seek(0)
        root_seen = False
        for event, el in iterparse(fh, events=("start", "end")):
            if not root_seen:
                root_seen = True
                if el.tag not in BWB_ROOTS:
                    raise VerifyError(f"root element <{el.tag}>, not a BWB toestand")
                got_id = (el.get("bwb-id") or "").strip()
                if got_id != bwb_id:
                    raise VerifyError(f"the file is {got_id or 'without a bwb-id'}, not {bwb_id}")
                vast = el.get("bwb-ng-vast-deel") or ""
                if expr is not None and vast:
                    d, _, n = expr.label.partition("_")
                    if not vast.rstrip("/").endswith(f"/{bwb_id}/{d}/{n or '0'}"):
                        raise VerifyError(f"the file is {vast}, not toestand {expr.label}")
            elif event == "end":
                el.clear()
    return sha.hexdigest()


def _verify_wti(bwb_id: str) -> Callable[[Path], Wti]:
    def check(path: Path) -> Wti:
        w = parse_wti(path.read_bytes(), name=path.name)
        if w.bwb_id != bwb_id:
            raise VerifyError(f"the WTI is for {w.bwb_id}, not {bwb_id}")
        return w

    return check


def _verify_manifest(bwb_id: str) -> Callable[[Path], Manifest]:
    def check(path: Path) -> Manifest:
        try:
            return parse_manifest(path.read_bytes(), bwb_id)
        except ValueError as exc:
            raise VerifyError(str(exc)) from None

    return check


def ids_from_bytes(data: bytes) -> list[str]:
    """BWB ids in a list: plain text, XML (e.g. BWBIdList.xml) or a zip of those.

    Shape-agnostic on purpose (no sample of BWBIdList.xml was available): every token that
    is a BWB id counts.

    >>> ids_from_bytes(b"BWBR0018451\\n<x>BWBR0018472</x> BWBR0018451 BWBX1")
    ['BWBR0018451', 'BWBR0018472']
    """
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [i for i in z.infolist() if not i.is_dir()]
            if sum(i.file_size for i in members) > MAX_BYTES:
                raise FetchError("id list: the zip unpacks to more than 512 MB; refused")
            data = b"\n".join(z.read(i) for i in members)
    return sorted(
        {m.decode("ascii") for m in re.findall(rb"(?<![A-Za-z0-9])" + BWB_ID_PATTERN.encode() + rb"(?![0-9])", data)}
    )


# --------------------------------------------------------------------------- state
class State:
    """The mirror's state in SQLite: one row per file and per regeling, and the run journal.

    Every write is its own committed transaction, so a killed process loses at most the row
    it was writing (and the file it describes is then verified again, not trusted).
    """

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.executescript(
                """
                PRAGMA synchronous = FULL;
                CREATE TABLE IF NOT EXISTS files(
                    path TEXT PRIMARY KEY, bwb_id TEXT NOT NULL, kind TEXT NOT NULL, url TEXT,
                    etag TEXT, last_modified TEXT, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
                    manifest_hash TEXT, label TEXT, pinned INTEGER NOT NULL DEFAULT 0, fetched_at TEXT);
                CREATE TABLE IF NOT EXISTS regelingen(
                    bwb_id TEXT PRIMARY KEY, title TEXT, current TEXT, checked_at TEXT, status TEXT);
                CREATE TABLE IF NOT EXISTS run(key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS run_done(bwb_id TEXT PRIMARY KEY);
                """
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, args: tuple) -> dict | None:
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        return dict(row) if row is not None else None

    def _do(self, sql: str, args: tuple = ()) -> None:
        with self._lock:
            self._db.execute(sql, args)

    def file(self, rel: str) -> dict | None:
        return self._one("SELECT * FROM files WHERE path = ?", (rel,))

    def put_file(self, rel: str, **row: Any) -> None:
        row = {"path": rel, "fetched_at": _now(), **row}
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "path")
        self._do(
            f"INSERT INTO files({cols}) VALUES ({marks}) ON CONFLICT(path) DO UPDATE SET {updates}",
            tuple(row.values()),
        )

    def drop_file(self, rel: str) -> None:
        self._do("DELETE FROM files WHERE path = ?", (rel,))

    def regeling(self, bwb_id: str) -> dict | None:
        return self._one("SELECT * FROM regelingen WHERE bwb_id = ?", (bwb_id,))

    def put_regeling(self, bwb_id: str, *, title: str, current: str, status: str) -> None:
        self._do(
            "INSERT INTO regelingen(bwb_id, title, current, checked_at, status) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(bwb_id) DO UPDATE SET title = excluded.title, current = excluded.current, "
            "checked_at = excluded.checked_at, status = excluded.status",
            (bwb_id, title, current, _now(), status),
        )

    def ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT bwb_id FROM regelingen ORDER BY bwb_id")]

    def begin_run(self, on: date, restart: bool) -> set[str]:
        """Start a bulk run, or resume the unfinished one for the same date; returns the ids it finished."""
        with self._lock:
            meta = {k: v for k, v in self._db.execute("SELECT key, value FROM run")}
            resume = not restart and meta.get("date") == on.isoformat() and not meta.get("finished")
            if resume:
                return {r[0] for r in self._db.execute("SELECT bwb_id FROM run_done")}
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM run_done")
            self._db.execute("DELETE FROM run")
            self._db.executemany(
                "INSERT INTO run(key, value) VALUES (?, ?)", [("date", on.isoformat()), ("started", _now())]
            )
            self._db.execute("COMMIT")
            return set()

    def mark_done(self, bwb_id: str) -> None:
        self._do("INSERT OR IGNORE INTO run_done(bwb_id) VALUES (?)", (bwb_id,))

    def finish_run(self) -> None:
        self._do("INSERT OR REPLACE INTO run(key, value) VALUES ('finished', ?)", (_now(),))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- the mirror
@dataclass(slots=True)
class Outcome:
    """What fetching one regeling did."""

    bwb_id: str
    title: str = ""
    label: str = ""  #: the toestand chosen, "2025-01-01_0"
    file: Path | None = None
    manifest: str = ""  #: downloaded | unchanged
    toestand: str = ""  #: downloaded | unchanged | verified (present, checked, not fetched)
    wti: str = ""  #: downloaded | unchanged | missing
    pruned: list[str] = field(default_factory=list)
    skipped: str = ""  #: why nothing was fetched (no toestand in force on the date)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


class Mirror:
    """A local mirror of BWB regelingen in ``root`` (see the module docstring for the layout).

    Only one process works on a mirror at a time (an exclusive lock on ``.wetgraaf-fetch.lock``,
    released by the OS if the process dies).
    """

    def __init__(self, root: str | os.PathLike[str], config: FetchConfig | None = None) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.config = config or FetchConfig()
        self._lockfile = (self.root / LOCK_FILE).open("a+")
        try:
            import fcntl

            fcntl.flock(self._lockfile.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self._lockfile.close()
            raise FetchError(f"another wetgraaf fetch is working on {self.root}") from None
        for part in self.root.rglob(".*.part"):  # left by a killed run
            part.unlink(missing_ok=True)
        self.state = State(self.root / STATE_FILE)
        self.http = Http(self.config)

    def close(self) -> None:
        self.http.close()
        self.state.close()
        self._lockfile.close()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # ------------------------------------------------------------------ search service
    def search(self, cql: str, maximum: int = 50) -> SruPage:
        """One page of search results (``x-connection=BWB``, ``Accept: application/xml``)."""
        params = {
            "operation": "searchRetrieve",
            "version": "2.0",
            "x-connection": "BWB",
            "query": cql,
            "maximumRecords": str(maximum),
            "startRecord": "1",
        }
        assert self.config.sru_url is not None
        try:
            return self.http.get(
                self.config.sru_url, params=params, accept="application/xml", check=parse_response
            ).value
        except SruError as exc:
            raise FetchError(str(exc)) from None
        except NotFound as exc:
            raise FetchError(f"search service: {exc}") from None

    def search_titles(self, text: str, on: date | None) -> SruPage:
        return self.search(cql_search(text, on))

    def resolve(self, what: str, on: date) -> tuple[str, str]:
        """(BWB id, title) for a BWB id, citeertitel or afkorting, through the search service.

        A BWB id is looked up with ``dcterms.identifier==… and overheidbwb.geldigheidsdatum==…``
        for its title; if the search service fails, the repository decides. A title goes
        through :func:`~wetgraaf.ingest.sru.pick` (exact title first, amending acts last).
        """
        text = what.strip()
        if BWB_ID.match(text.upper()):
            bwb = text.upper()
            try:
                page = self.search(cql_identifier(bwb, on), maximum=5)
            except FetchError:
                return bwb, ""
            return bwb, next((r.title for r in page.records if r.bwb_id == bwb), "")
        page = self.search(cql_title(text, on))
        hit = pick(page.records, text)
        if hit is None:
            raise UnknownRegeling(f"no regeling with citeertitel or afkorting {text!r} in force on {on.isoformat()}")
        return hit.bwb_id, hit.title

    # ------------------------------------------------------------------ one regeling
    def _conditional(self, bwb_id: str, kind: str, url: str, dest: Path, check: Callable[[Path], Any]) -> Fetched:
        rel = self._rel(dest)
        row = self.state.file(rel) if dest.exists() else None
        res = self.http.get(
            url,
            etag=(row or {}).get("etag") or "",
            last_modified=(row or {}).get("last_modified") or "",
            dest=dest,
            check=check,
        )
        if res.status == 200:
            st = dest.stat()
            self.state.put_file(
                rel,
                bwb_id=bwb_id,
                kind=kind,
                url=url,
                etag=res.etag,
                last_modified=res.last_modified,
                sha256=res.sha256,
                size=res.size,
                mtime_ns=st.st_mtime_ns,
            )
        return res

    def _toestand(self, bwb_id: str, expr: Expression, dest: Path, pin: bool) -> str:
        rel = self._rel(dest)
        row = self.state.file(rel)
        pinned = int(pin or bool(row and row["pinned"]))
        if dest.exists():
            st = dest.stat()
            if (
                row is not None
                and row["size"] == st.st_size
                and row["mtime_ns"] == st.st_mtime_ns
                and (row["manifest_hash"] or "") == expr.hashcode
                and (expr.size is None or expr.size == st.st_size)
            ):
                if pinned != row["pinned"]:
                    self.state.put_file(rel, bwb_id=bwb_id, kind="toestand", pinned=pinned)
                return "unchanged"
            try:  # present but not (or differently) recorded: e.g. killed between rename and state
                sha = verify_toestand(dest, bwb_id, expr, check_hash=self.config.check_hash)
            except (VerifyError, RejectedFile, OSError):
                pass
            else:
                self.state.put_file(
                    rel,
                    bwb_id=bwb_id,
                    kind="toestand",
                    url=self.config.toestand_url(bwb_id, expr),
                    sha256=sha,
                    size=st.st_size,
                    mtime_ns=st.st_mtime_ns,
                    manifest_hash=expr.hashcode,
                    label=expr.label,
                    pinned=pinned,
                )
                return "verified"
        url = self.config.toestand_url(bwb_id, expr)
        try:
            res = self.http.get(
                url,
                dest=dest,
                check=lambda p: verify_toestand(p, bwb_id, expr, check_hash=self.config.check_hash),
            )
        except NotFound:
            raise FetchError(f"{bwb_id}: toestand {expr.label} is in the manifest but {url} answers 404") from None
        self.state.put_file(
            rel,
            bwb_id=bwb_id,
            kind="toestand",
            url=url,
            etag=res.etag,
            last_modified=res.last_modified,
            sha256=res.sha256,
            size=res.size,
            mtime_ns=dest.stat().st_mtime_ns,
            manifest_hash=expr.hashcode,
            label=expr.label,
            pinned=pinned,
        )
        return "downloaded"

    def fetch(self, bwb_id: str, on: date, *, title: str = "", pin: bool = True, prune: bool = False) -> Outcome:
        """Bring one regeling up to date: manifest, the toestand in force on ``on``, the WTI.

        ``pin`` marks the toestand as asked for explicitly (a bulk refresh never removes it);
        ``prune`` removes the previous unpinned toestand of the regeling once the new one is in
        place. Raises :class:`UnknownRegeling`, :class:`~wetgraaf.ingest.manifest.NoToestand`
        or :class:`FetchError`.
        """
        out = Outcome(bwb_id, title=title)
        folder = self.root / bwb_id
        folder.mkdir(exist_ok=True)
        mpath = folder / "manifest.xml"
        try:
            res = self._conditional(
                bwb_id, "manifest", self.config.manifest_url(bwb_id), mpath, _verify_manifest(bwb_id)
            )
        except NotFound:
            raise UnknownRegeling(
                f"{bwb_id}: unknown BWB id (no manifest at {self.config.manifest_url(bwb_id)})"
            ) from None
        out.manifest = "downloaded" if res.status == 200 else "unchanged"
        manifest = res.value if res.status == 200 else parse_manifest(mpath.read_bytes(), bwb_id)
        previous = self.state.regeling(bwb_id)
        try:
            expr = choose(manifest, on)
        except NoToestand as exc:
            self.state.put_regeling(
                bwb_id, title=title or (previous or {}).get("title") or "", current="", status=f"no toestand: {exc}"
            )
            raise
        dest = folder / (expr.item or f"{bwb_id}_{expr.label}.xml")
        out.label, out.file = expr.label, dest
        out.toestand = self._toestand(bwb_id, expr, dest, pin)
        wpath = folder / f"{bwb_id}.WTI"
        try:
            w = self._conditional(bwb_id, "wti", self.config.wti_url(bwb_id), wpath, _verify_wti(bwb_id))
            out.wti = "downloaded" if w.status == 200 else "unchanged"
            if w.status == 200 and not out.title:
                out.title = w.value.citeertitel
        except NotFound:
            out.wti = "missing"
        old = (previous or {}).get("current") or ""
        if prune and old and old != self._rel(dest):
            row = self.state.file(old)
            if row is not None and not row["pinned"]:
                (self.root / old).unlink(missing_ok=True)
                self.state.drop_file(old)
                out.pruned.append(old)
        out.title = out.title or (previous or {}).get("title") or ""
        self.state.put_regeling(bwb_id, title=out.title, current=self._rel(dest), status="ok")
        return out

    # ------------------------------------------------------------------ the whole mirror
    def ids(self) -> list[str]:
        """The BWB ids the mirror holds (every regeling fetched into it before)."""
        return self.state.ids()

    def read_id_list(self, source: str) -> list[str]:
        """BWB ids from a file or URL (e.g. :data:`BWB_ID_LIST_URL`): text, XML or a zip."""
        if re.match(r"^https?://", source):
            data = self.http.get(source, accept="application/zip, application/xml, text/plain, */*").data or b""
        else:
            data = Path(source).read_bytes()
        return ids_from_bytes(data)

    def refresh_all(
        self,
        on: date,
        extra_ids: Iterable[str] = (),
        *,
        restart: bool = False,
        progress: Callable[[Outcome], None] | None = None,
        planned: Callable[[int, int], None] | None = None,
    ) -> tuple[list[Outcome], int]:
        """Refresh every regeling of the mirror (plus ``extra_ids``) to the toestand in force on ``on``.

        Resumes an interrupted run for the same date (the regelingen it finished are skipped)
        unless ``restart``. A regeling with nothing in force on the date is skipped, not an
        error. Returns the outcomes and the number of regelingen skipped as already done.
        """
        ids = sorted(set(extra_ids) | set(self.ids()))
        done = self.state.begin_run(on, restart)
        todo = [i for i in ids if i not in done]
        if planned is not None:
            planned(len(todo), len(ids) - len(todo))
        outcomes: list[Outcome] = []
        with ThreadPoolExecutor(max_workers=max(1, self.config.concurrency)) as pool:
            futures = {pool.submit(self._refresh_one, i, on): i for i in todo}
            for f in as_completed(futures):
                o = f.result()
                if o.ok:
                    self.state.mark_done(o.bwb_id)
                outcomes.append(o)
                if progress is not None:
                    progress(o)
        if all(o.ok for o in outcomes):
            self.state.finish_run()
        outcomes.sort(key=lambda o: o.bwb_id)
        return outcomes, len(ids) - len(todo)

    def _refresh_one(self, bwb_id: str, on: date) -> Outcome:
        try:
            return self.fetch(bwb_id, on, pin=False, prune=True)
        except NoToestand as exc:
            return Outcome(bwb_id, skipped=str(exc))
        except (FetchError, OSError, ValueError) as exc:
            return Outcome(bwb_id, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
