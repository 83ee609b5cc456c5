"""Read-only query runners for researchers: SPARQL and Cypher with a time limit and a row limit.

* SPARQL runs on the Oxigraph store opened **read-only**, in worker processes: Oxigraph has
  no query timeout, so a query that runs out of time is stopped by ending its worker (a
  fresh one takes its place). Updates cannot be expressed through the query API at all.
* Cypher runs on the embedded ladybug database opened with ``read_only=True`` (the engine
  refuses writes) and its own query timeout, or on Neo4j in a read transaction with a
  transaction timeout.
* Both pass :mod:`wetgraaf.graph.guard` first, which refuses what read-only modes allow but
  a public endpoint must not: file and network access (``COPY TO``, ``LOAD``, ``SERVICE``).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from pathlib import Path
from typing import Any

from wetgraaf.graph.guard import Refused, check_cypher, check_sparql

__all__ = ["QueryError", "QueryTimeout", "SparqlRunner", "CypherRunner"]


class QueryError(ValueError):
    """A query the engine rejected (syntax, unknown names, writes)."""

    def __init__(self, message: str, code: str = "bad_query") -> None:
        super().__init__(message)
        self.code = code


class QueryTimeout(Exception):
    """The query ran out of time and was stopped."""


def _sparql_worker(path: str, conn: Any) -> None:  # pragma: no cover - runs in a child process
    import pyoxigraph as ox

    from wetgraaf.graph import rdf

    store = ox.Store.read_only(path)
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        text, params, limit = msg
        try:
            conn.send(("ok", rdf.sparql(store, text, params=params, limit=limit)))
        except rdf.ReadOnlyQueryError as exc:
            conn.send(("read_only", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
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
        try:
            check_sparql(text)
        except Refused as exc:
            raise QueryError(str(exc), exc.code) from None
        if not self.path.exists():
            raise QueryError(f"no RDF store at {self.path}", "no_store")
        w = self._take(timeout_ms / 1000)
        try:
            w.conn.send((text, params, limit))
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
            return payload  # type: ignore[no-any-return]
        if status == "read_only":
            raise QueryError(payload, "read_only")
        if status == "syntax":
            raise QueryError(f"SPARQL syntax error: {payload}", "syntax")
        raise QueryError(payload)

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


class CypherRunner:
    """Cypher on the embedded ladybug graph (default) or on Neo4j."""

    def __init__(self, backend: str, **kwargs: Any) -> None:
        from wetgraaf.graph.stores import open_store

        self.backend = backend
        self._store = open_store(backend, **kwargs)
        self._lock = threading.Lock() if backend == "ladybug" else None

    def query(
        self, text: str, params: dict[str, object] | None, *, limit: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]]]:
        from wetgraaf.graph.stores import QueryRefused

        try:
            check_cypher(text)
        except Refused as exc:
            raise QueryError(str(exc), exc.code) from None
        try:
            if self._lock is not None:
                with self._lock:
                    return self._store.query(text, params or {}, limit=limit, timeout_ms=timeout_ms)
            return self._store.query(text, params or {}, limit=limit, timeout_ms=timeout_ms)
        except QueryRefused as exc:
            if "stopped after" in str(exc) or "time" in str(exc).lower():
                raise QueryTimeout(str(exc)) from None
            raise QueryError(str(exc), "read_only") from None
        except FileNotFoundError as exc:
            raise QueryError(str(exc), "no_store") from None
        except RuntimeError as exc:
            raise QueryError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        except Exception as exc:  # noqa: BLE001 - driver errors (Neo4j ClientError …) are bad queries
            name = type(exc).__name__
            if "Timeout" in name or "TransientError" in name:
                raise QueryTimeout(str(exc).splitlines()[0]) from None
            raise QueryError(f"{name}: {str(exc).splitlines()[0] if str(exc) else ''}") from None

    def close(self) -> None:
        self._store.close()
