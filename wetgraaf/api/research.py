"""Read-only query runners for researchers: SPARQL and Cypher with a time limit and a row limit.

* SPARQL runs on the Oxigraph store opened **read-only**, in worker processes: Oxigraph has
  no query timeout, so a query that runs out of time is stopped by ending its worker (a
  fresh one takes its place). The worker binds the parameters into the text, checks that
  exact text with :func:`~wetgraaf.graph.guard.check_sparql` (rdflib's parser: a query, no
  ``SERVICE``) and runs it, so the parse is inside the time limit too.
* Cypher passes :func:`~wetgraaf.graph.guard.check_cypher` (reading clauses only), then runs
  on Neo4j in a read transaction with a transaction timeout, or on a **copy** of the
  embedded ladybug database opened with ``read_only=True`` and its own query timeout. The
  copy is made when the runner opens, in a temporary directory; whenever a query leaves
  anything beside it (``.wal``, ``.shadow``: ``CHECKPOINT`` writes those even read-only) it
  is thrown away and copied again, so research queries can never damage the served graph.
* Error messages never show the server's file paths.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wetgraaf.graph.guard import Refused, check_cypher

if TYPE_CHECKING:
    from wetgraaf.graph.sparql_results import SparqlResult

__all__ = ["QueryError", "QueryTimeout", "SparqlRunner", "CypherRunner", "scrub"]


class QueryError(ValueError):
    """A query the engine rejected (syntax, unknown names, writes)."""

    def __init__(self, message: str, code: str = "bad_query") -> None:
        super().__init__(message)
        self.code = code


class QueryTimeout(Exception):
    """The query ran out of time and was stopped."""


def _sparql_worker(path: str, conn: Any) -> None:  # pragma: no cover - runs in a child process
    import pyoxigraph as ox

    from wetgraaf.graph import guard, rdf

    store = ox.Store.read_only(path)
    guard.check_sparql("ASK {}")  # load rdflib's parser before the first query's time starts
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        text, params, limit, typed = msg
        try:
            if params:
                text = rdf.bind_values(text, params)
        except ValueError as exc:
            conn.send(("bad_parameters", str(exc)))
            continue
        try:
            guard.check_sparql(text)  # the exact text Oxigraph runs, parameters bound
        except guard.Refused as exc:
            conn.send((exc.code, str(exc)))
            continue
        try:
            answer = rdf.sparql_result(store, text, limit=limit) if typed else rdf.sparql(store, text, limit=limit)
            conn.send(("ok", answer))
        except rdf.ReadOnlyQueryError as exc:
            conn.send(("read_only", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", f"SPARQL syntax error: {exc}"))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a bad query
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, path: Path) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_sparql_worker, args=(str(path), child), daemon=True)
        self.proc.start()
        child.close()
        # the time limit is for the query, not for starting Python and opening the store
        if not self.conn.poll(60) or self.conn.recv()[0] != "ready":
            self.kill()
            raise QueryError("the SPARQL worker process did not start", "worker_failed")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class SparqlRunner:
    """A small pool of worker processes, each with the store opened read-only."""

    def __init__(self, path: Path, size: int = 2) -> None:
        self.path = Path(path)
        self.size = size
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()

    def _take(self, wait_s: float) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._started < self.size:
                self._started += 1
                try:
                    return _Worker(self.path)
                except BaseException:
                    self._started -= 1
                    raise
        try:
            return self._idle.get(timeout=wait_s)
        except queue.Empty:
            raise QueryTimeout("all SPARQL workers are busy; try again") from None

    def query(
        self, text: str, params: dict[str, object] | None, *, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        """Columns and rows of plain values (ASK: one ``ask`` column; CONSTRUCT: subject,
        predicate, object), at most ``limit`` rows."""
        return self._ask((text, params, limit, False), timeout_ms)  # type: ignore[no-any-return]

    def query_typed(self, text: str, *, limit: int, timeout_ms: int) -> SparqlResult:
        """The answer with typed RDF terms, for the SPARQL 1.1 result formats (at most ``limit``
        rows or triples, ``truncated`` beyond)."""
        return self._ask((text, None, limit, True), timeout_ms)  # type: ignore[no-any-return]

    def _ask(self, msg: tuple[Any, ...], timeout_ms: int) -> Any:
        if not self.path.exists():
            raise QueryError("the RDF store has not been built", "no_store")
        w = self._take(timeout_ms / 1000)
        try:
            w.conn.send(msg)
            if not w.conn.poll(timeout_ms / 1000):
                raise QueryTimeout(f"query stopped after {timeout_ms} ms")
            status, payload = w.conn.recv()
        except (EOFError, OSError):
            w.kill()
            with self._lock:
                self._started -= 1
            raise QueryError("the SPARQL worker process ended unexpectedly; try again", "worker_failed") from None
        except BaseException:
            w.kill()
            with self._lock:
                self._started -= 1
            raise
        self._idle.put(w)
        if status == "ok":
            return payload
        if status == "error":
            raise QueryError(scrub(payload, self.path))
        raise QueryError(scrub(payload, self.path), status)

    def close(self) -> None:
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.proc.join(2)
            if w.proc.is_alive():
                w.kill()
        with self._lock:
            self._started = 0


class _GraphCopy:
    """A private copy of the ladybug database file for research queries.

    Made at the first research query (not at start-up: on the whole BWB the file is large), in
    a temporary directory the served data never depends on; :meth:`ensure` makes it again when
    it is missing or anything else has appeared beside it (a read-only ``CHECKPOINT`` leaves
    ``.wal``/``.shadow`` files and a database that no longer opens read-only)."""

    def __init__(self, source: Path) -> None:
        self.source = Path(source)
        self.dir = Path(tempfile.mkdtemp(prefix="wetgraaf-research-"))
        self.path = self.dir / self.source.name
        self.recopies = 0

    def _copy(self) -> None:
        for p in self.dir.iterdir():
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
        shutil.copyfile(self.source, self.dir / (self.source.name + ".part"))
        (self.dir / (self.source.name + ".part")).rename(self.path)

    def intact(self) -> bool:
        return self.path.is_file() and [p.name for p in self.dir.iterdir()] == [self.path.name]

    def ensure(self) -> None:
        if self.intact():
            return
        if not self.source.exists():
            raise QueryError("the graph database has not been built", "no_store")
        self.recopies += self.path.exists()
        self._copy()

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


_ABS_PATH = re.compile(r"(?<![\w:/.~-])/(?:[^\s/'\"`()\[\]{},;]+/)+[^\s/'\"`()\[\]{},;]*")


def scrub(message: str, *paths: Path | str | None) -> str:
    """``message`` without the server's file paths: ``paths`` (and anything under them) and any
    other absolute path become ``<path>``.

    >>> scrub("IO exception: Cannot write to file. path: /tmp/x/graph.lbug fileDescriptor: 3")
    'IO exception: Cannot write to file. path: <path> fileDescriptor: 3'
    >>> scrub("see http://example.org/a/b and 1/2")
    'see http://example.org/a/b and 1/2'
    """
    for p in sorted((str(p) for p in paths if p), key=len, reverse=True):
        message = message.replace(p, "<path>")
    return _ABS_PATH.sub("<path>", message)


class CypherRunner:
    """Cypher on a private read-only copy of the embedded ladybug graph (default) or on Neo4j."""

    def __init__(self, backend: str, **kwargs: Any) -> None:
        from wetgraaf.graph.stores import open_store

        self.backend = backend
        self._copy: _GraphCopy | None = None
        if backend == "ladybug":
            self._copy = _GraphCopy(Path(kwargs.pop("path")))
            kwargs["path"] = self._copy.path
        self._store = open_store(backend, **kwargs)
        self._lock = threading.Lock() if backend == "ladybug" else None

    def query(
        self, text: str, params: dict[str, object] | None, *, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        try:
            check_cypher(text)
        except Refused as exc:
            raise QueryError(str(exc), exc.code) from None
        if self._lock is None:
            return self._run(text, params, limit, timeout_ms)
        assert self._copy is not None
        with self._lock:
            self._copy.ensure()
            try:
                return self._run(text, params, limit, timeout_ms)
            finally:
                self._copy.ensure()  # a query that left anything beside the copy does not reach the next one

    def _run(
        self, text: str, params: dict[str, object] | None, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        from wetgraaf.graph.stores import QueryRefused

        paths = (self._copy.dir, self._copy.source.parent) if self._copy else ()
        try:
            return self._store.query(text, params or {}, limit=limit, timeout_ms=timeout_ms)
        except QueryRefused as exc:
            if "stopped after" in str(exc) or "time" in str(exc).lower():
                raise QueryTimeout(str(exc)) from None
            raise QueryError(scrub(str(exc), *paths), "read_only") from None
        except FileNotFoundError:
            raise QueryError("the graph database has not been built", "no_store") from None
        except RuntimeError as exc:
            raise QueryError(scrub(str(exc).splitlines()[0], *paths) if str(exc) else type(exc).__name__) from None
        except Exception as exc:  # noqa: BLE001 - driver errors (Neo4j ClientError …) are bad queries
            name = type(exc).__name__
            first = scrub(str(exc).splitlines()[0], *paths) if str(exc) else ""
            if "Timeout" in name or "TransientError" in name:
                raise QueryTimeout(first) from None
            raise QueryError(f"{name}: {first}") from None

    def close(self) -> None:
        self._store.close()
        if self._copy is not None:
            self._copy.close()
