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
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wetgraaf.graph.guard import Refused, check_cypher

if TYPE_CHECKING:
    from wetgraaf.graph.sparql_results import SparqlResult

__all__ = ["Admission", "Busy", "QueryError", "QueryTimeout", "SparqlRunner", "CypherRunner", "scrub"]


class QueryError(ValueError):
    """A query the engine rejected (syntax, unknown names, writes)."""

    def __init__(self, message: str, code: str = "bad_query") -> None:
        super().__init__(message)
        self.code = code


class QueryTimeout(Exception):
    """The query ran out of time and was stopped."""


def _sparql_handler(path: str) -> Callable[[tuple[Any, ...]], tuple[str, Any]]:  # pragma: no cover - child
    import pyoxigraph as ox

    from wetgraaf.graph import guard, rdf

    store = ox.Store.read_only(path)
    guard.check_sparql("ASK {}")  # load rdflib's parser before the first query's time starts

    def handle(msg: tuple[Any, ...]) -> tuple[str, Any]:
        text, params, limit, typed, _timeout_ms = msg
        try:
            if params:
                text = rdf.bind_values(text, params)
        except ValueError as exc:
            return ("bad_parameters", str(exc))
        try:
            guard.check_sparql(text)  # the exact text Oxigraph runs, parameters bound
        except guard.Refused as exc:
            return (exc.code, str(exc))
        try:
            answer = rdf.sparql_result(store, text, limit=limit) if typed else rdf.sparql(store, text, limit=limit)
            return ("ok", answer)
        except rdf.ReadOnlyQueryError as exc:
            return ("read_only", str(exc))
        except SyntaxError as exc:
            return ("syntax", f"SPARQL syntax error: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported to the client as a bad query
            return ("error", f"{type(exc).__name__}: {exc}")

    return handle


def _cypher_handler(path: str) -> Callable[[tuple[Any, ...]], tuple[str, Any]]:  # pragma: no cover - child
    from wetgraaf.graph.ladybug_store import LadybugStore
    from wetgraaf.graph.stores import QueryRefused

    store = LadybugStore(path)
    store.query("RETURN 1")  # load the engine before the first query's time starts

    def handle(msg: tuple[Any, ...]) -> tuple[str, Any]:
        text, params, limit, _typed, timeout_ms = msg
        try:
            return ("ok", store.query(text, params or {}, limit=limit, timeout_ms=timeout_ms))
        except QueryRefused as exc:
            return ("timeout" if "stopped after" in str(exc) else "read_only", str(exc))
        except FileNotFoundError:
            return ("no_store", "the graph database has not been built")
        except Exception as exc:  # noqa: BLE001 - ladybug's RuntimeError: a bad query
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return ("error", first)

    return handle


_HANDLERS = {"sparql": _sparql_handler, "cypher": _cypher_handler}


def _end_with_parent(parent: int) -> None:  # pragma: no cover - runs in a child process
    """End this worker as soon as the server that started it is gone, even mid-query (the server
    ends its workers when it stops, but not when it is killed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(kind: str, path: str, conn: Any, parent: int) -> None:  # pragma: no cover - child process
    _end_with_parent(parent)
    try:
        handle = _HANDLERS[kind](path)
    except Exception as exc:  # noqa: BLE001 - the parent reports that the worker did not start
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        conn.send(handle(msg))


class Busy(Exception):
    """Every research worker is busy and the queue in front of them is full: answer 429 at once
    (``retry_after_s``) instead of letting requests pile up."""

    def __init__(self, message: str, retry_after_s: int = 1) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Admission:
    """At most ``active + waiting`` research requests in the server at a time; the next one is
    refused with :class:`Busy` without waiting (it never takes a thread).

    >>> a = Admission(1, 1, "Cypher")
    >>> a.acquire(); a.acquire()
    >>> try:
    ...     a.acquire()
    ... except Busy as exc:
    ...     print(exc)
    2 Cypher queries are running or waiting (the most this server takes); try again shortly
    """

    def __init__(self, active: int, waiting: int, what: str) -> None:
        self.capacity = active + waiting
        self.what = what
        self._slots = threading.BoundedSemaphore(self.capacity)

    def acquire(self) -> None:
        """Take a place, or raise :class:`Busy` at once."""
        if not self._slots.acquire(blocking=False):
            raise Busy(
                f"{self.capacity} {self.what} queries are running or waiting (the most this server takes); "
                "try again shortly"
            )

    def release(self) -> None:
        self._slots.release()


class _Worker:
    def __init__(self, kind: str, path: Path, generation: int) -> None:
        ctx = mp.get_context("spawn")
        self.generation = generation
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(kind, str(path), child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        # the time limit is for the query, not for starting Python and opening the store
        status = self.conn.recv()[0] if self.conn.poll(60) else "silent"
        if status != "ready":
            self.kill()
            raise QueryError(f"the {kind} worker process did not start", "worker_failed")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class _Pool:
    """Worker processes of one kind (``sparql``: Oxigraph, ``cypher``: ladybug), each with the
    store at ``path`` opened read-only. A query that runs out of time is stopped by ending its
    worker; a fresh one is started for the next query."""

    def __init__(self, kind: str, path: Path, size: int) -> None:
        self.kind = kind
        self.path = Path(path)
        self.size = size
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._generation = 0
        self._cond = threading.Condition()
        self._closed = False

    def _take(self, wait_s: float) -> _Worker:
        deadline = time.monotonic() + wait_s
        stale: list[_Worker] = []
        try:
            with self._cond:
                while True:
                    if self._closed:
                        raise QueryError("the server is shutting down", "worker_failed")
                    while self._idle:
                        w = self._idle.pop()
                        if w.generation == self._generation and w.proc.is_alive():
                            self._busy.add(w)
                            return w
                        stale.append(w)
                    if len(self._busy) + self._starting < self.size:
                        self._starting += 1
                        generation = self._generation
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeout(f"all {self.kind.upper()} workers stayed busy; try again")
                    self._cond.wait(remaining)
        finally:
            for w in stale:
                w.kill()
        try:
            w = _Worker(self.kind, self.path, generation)
        except BaseException:
            with self._cond:
                self._starting -= 1
                self._cond.notify()
            raise
        with self._cond:
            self._starting -= 1
            closed = self._closed
            if not closed:
                self._busy.add(w)
        if closed:  # the server began to stop while this worker started
            w.kill()
            raise QueryError("the server is shutting down", "worker_failed")
        return w

    def _give_back(self, w: _Worker, *, keep: bool) -> None:
        with self._cond:
            self._busy.discard(w)
            keep = keep and not self._closed and w.generation == self._generation
            if keep:
                self._idle.append(w)
            self._cond.notify()
        if not keep:
            w.kill()

    def ask(self, msg: tuple[Any, ...], timeout_ms: int) -> tuple[str, Any]:
        """Send ``msg`` to an idle worker (waiting at most ``timeout_ms`` for one) and wait at
        most ``timeout_ms`` for its answer; past that the worker is ended."""
        w = self._take(timeout_ms / 1000)
        try:
            w.conn.send(msg)
            if not w.conn.poll(timeout_ms / 1000):
                raise QueryTimeout(f"query stopped after {timeout_ms} ms")
            answer: tuple[str, Any] = w.conn.recv()
        except (EOFError, OSError):
            self._give_back(w, keep=False)
            if self._closed:
                raise QueryError("the server is shutting down", "worker_failed") from None
            raise QueryError(f"the {self.kind} worker process ended unexpectedly; try again", "worker_failed") from None
        except BaseException:
            self._give_back(w, keep=False)
            raise
        self._give_back(w, keep=True)
        return answer

    def reset(self) -> None:
        """End every idle worker now and every busy one when it finishes."""
        with self._cond:
            self._generation += 1
            idle, self._idle = self._idle, []
        for w in idle:
            w.kill()

    def close(self) -> None:
        """End every worker now, busy or idle (their callers get ``worker_failed``)."""
        with self._cond:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle = []
            self._cond.notify_all()
        for w in workers:
            w.proc.kill()
        for w in workers:
            w.proc.join(2)


def _outcome(status: str, payload: Any, *paths: Path) -> Any:
    """A worker's answer as the result, or as the error it reports (server paths scrubbed)."""
    if status == "ok":
        return payload
    if status == "timeout":
        raise QueryTimeout(payload)
    raise QueryError(scrub(payload, *paths), "bad_query" if status == "error" else status)


class SparqlRunner:
    """SPARQL on the Oxigraph store, in a small pool of worker processes that each open it
    read-only; ``admit`` bounds how many requests may run or wait."""

    def __init__(self, path: Path, size: int = 2, waiting: int = 6) -> None:
        self.path = Path(path)
        self._pool = _Pool("sparql", self.path, size)
        self.admit = Admission(size, waiting, "SPARQL")

    def query(
        self, text: str, params: dict[str, object] | None, *, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        """Columns and rows of plain values (ASK: one ``ask`` column; CONSTRUCT: subject,
        predicate, object), at most ``limit`` rows."""
        return self._ask((text, params, limit, False, timeout_ms), timeout_ms)  # type: ignore[no-any-return]

    def query_typed(self, text: str, *, limit: int, timeout_ms: int) -> SparqlResult:
        """The answer with typed RDF terms, for the SPARQL 1.1 result formats (at most ``limit``
        rows or triples, ``truncated`` beyond)."""
        return self._ask((text, None, limit, True, timeout_ms), timeout_ms)  # type: ignore[no-any-return]

    def _ask(self, msg: tuple[Any, ...], timeout_ms: int) -> Any:
        if not self.path.exists():
            raise QueryError("the RDF store has not been built", "no_store")
        status, payload = self._pool.ask(msg, timeout_ms)
        return _outcome(status, payload, self.path)

    def close(self) -> None:
        self._pool.close()


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
    """Cypher on a private read-only copy of the embedded ladybug graph (default), in worker
    processes like SPARQL, or on Neo4j (read transactions with a server-side time limit, in
    the calling thread). ``admit`` bounds how many requests may run or wait."""

    def __init__(self, backend: str, *, size: int = 2, waiting: int = 6, **kwargs: Any) -> None:
        self.backend = backend
        self.admit = Admission(size, waiting, "Cypher")
        self._copy: _GraphCopy | None = None
        self._pool: _Pool | None = None
        self._store: Any = None
        self._copy_lock = threading.Lock()
        if backend == "ladybug":
            self._copy = _GraphCopy(Path(kwargs.pop("path")))
            self._pool = _Pool("cypher", self._copy.path, size)
        else:
            from wetgraaf.graph.stores import open_store

            self._store = open_store(backend, **kwargs)

    def query(
        self, text: str, params: dict[str, object] | None, *, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        try:
            check_cypher(text)
        except Refused as exc:
            raise QueryError(str(exc), exc.code) from None
        if self._pool is None:
            return self._run_here(text, params, limit, timeout_ms)
        assert self._copy is not None
        self._ensure_copy()
        try:
            status, payload = self._pool.ask((text, params or {}, limit, False, timeout_ms), timeout_ms)
        finally:
            self._ensure_copy()  # a query that left anything beside the copy does not reach the next one
        return _outcome(status, payload, self._copy.dir, self._copy.source.parent)  # type: ignore[no-any-return]

    def _ensure_copy(self) -> None:
        assert self._copy is not None and self._pool is not None
        with self._copy_lock:
            if not self._copy.intact():
                self._pool.reset()  # workers that had the damaged copy open end
                self._copy.ensure()

    def _run_here(
        self, text: str, params: dict[str, object] | None, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        from wetgraaf.graph.stores import QueryRefused

        try:
            return self._store.query(text, params or {}, limit=limit, timeout_ms=timeout_ms)  # type: ignore[no-any-return]
        except QueryRefused as exc:
            if "stopped after" in str(exc) or "time" in str(exc).lower():
                raise QueryTimeout(str(exc)) from None
            raise QueryError(scrub(str(exc)), "read_only") from None
        except Exception as exc:  # noqa: BLE001 - driver errors (Neo4j ClientError …) are bad queries
            name = type(exc).__name__
            first = scrub(str(exc).splitlines()[0]) if str(exc) else ""
            if "Timeout" in name or "TransientError" in name:
                raise QueryTimeout(first) from None
            raise QueryError(f"{name}: {first}") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._store is not None:
            self._store.close()
        if self._copy is not None:
            self._copy.close()
