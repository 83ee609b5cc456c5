"""The embedded default property graph: ladybug (the maintained fork of Kùzu).

* :meth:`LadybugStore.load` rebuilds the database file and bulk-loads it with ``COPY FROM``
  Parquet (≈1 s for 100k nodes / 300k relationships here); loading the same model again
  gives the same database, so re-loads are idempotent.
* :meth:`LadybugStore.upsert` merges a (small) model into an existing database with
  ``UNWIND $rows … MERGE`` (nodes by key; relationships by their ends and, for citations,
  the anchor text), for incremental updates.
* :meth:`LadybugStore.query` runs Cypher on a **read-only** database handle with a time limit:
  the engine itself refuses CREATE/MERGE/SET/DELETE there.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from wetgraaf.graph.model import GraphModel
from wetgraaf.graph.schema import NODE_PROPS, REL_PAIRS, REL_PROPS, coerce, ddl_ladybug
from wetgraaf.graph.stores import PropertyGraphStore, QueryRefused

__all__ = ["LadybugStore", "DEFAULT_TIMEOUT_MS"]

DEFAULT_TIMEOUT_MS = 30_000


def _arrow_type(t: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return {
        "STRING": pa.string(),
        "BOOLEAN": pa.bool_(),
        "INT64": pa.int64(),
        "DATE": pa.date32(),
        "DOUBLE": pa.float64(),
        "STRING[]": pa.list_(pa.string()),
    }[t]


class LadybugStore(PropertyGraphStore):
    """A ladybug database in one file (``path``; ``None`` for an in-memory database)."""

    name = "ladybug"

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._db: Any = None
        self._conn: Any = None

    # ----------------------------------------------------------------- writing
    def _open_rw(self) -> Any:
        import ladybug as lb

        if self._db is None:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = lb.Database(str(self.path) if self.path is not None else ":memory:")
            self._conn = lb.Connection(self._db)
        return self._conn

    def _reset(self) -> None:
        self.close()
        if self.path is not None:
            for p in (self.path, self.path.with_name(self.path.name + ".wal")):
                if p.exists():
                    p.unlink()

    def load(self, model: GraphModel) -> dict[str, int]:
        """Rebuild the database from the model (schema, then ``COPY FROM`` Parquet)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._reset()
        conn = self._open_rw()
        for stmt in ddl_ladybug():
            conn.execute(stmt)
        label_of = {k: n.label for k, n in model.nodes.items()}
        with tempfile.TemporaryDirectory(prefix="wetgraaf-lb-") as tmp:
            for label, props in NODE_PROPS.items():
                nodes = [n for n in model.nodes.values() if n.label == label]
                if not nodes:
                    continue
                cols = {"key": pa.array([n.key for n in nodes], pa.string())}
                for p, t in props:
                    cols[p] = pa.array([coerce(n.props.get(p), t) for n in nodes], _arrow_type(t))
                f = Path(tmp) / f"{label}.parquet"
                pq.write_table(pa.table(cols), f)
                conn.execute(f"COPY {label} FROM '{f}'")
            groups: dict[tuple[str, str, str], list] = defaultdict(list)
            for e in model.edges:
                groups[(e.type, label_of[e.src], label_of[e.dst])].append(e)
            for (rel, a, b), edges in groups.items():
                if (a, b) not in REL_PAIRS[rel]:
                    raise ValueError(f"{rel} from {a} to {b} is not in the schema")
                cols = {
                    "from": pa.array([e.src for e in edges], pa.string()),
                    "to": pa.array([e.dst for e in edges], pa.string()),
                }
                for p, t in REL_PROPS[rel]:
                    cols[p] = pa.array([coerce(e.props.get(p), t) for e in edges], _arrow_type(t))
                f = Path(tmp) / f"{rel}_{a}_{b}.parquet"
                pq.write_table(pa.table(cols), f)
                opts = f" (from='{a}', to='{b}')" if len(REL_PAIRS[rel]) > 1 else ""
                conn.execute(f"COPY {rel} FROM '{f}'{opts}")
        self.close()  # flush; readers open the file read-only
        return self.counts()

    def upsert(self, model: GraphModel, batch: int = 2000) -> None:
        """Merge the model into the existing database (nodes by key, relationships by ends)."""
        conn = self._open_rw()
        for stmt in ddl_ladybug():
            conn.execute(stmt)
        label_of = {k: n.label for k, n in model.nodes.items()}
        for label, props in NODE_PROPS.items():
            rows = [
                {"key": n.key, **{p: coerce(n.props.get(p), t) for p, t in props}}
                for n in model.nodes.values()
                if n.label == label
            ]
            sets = ", ".join(
                f"n.`{p}` = cast(r.`{p}` AS {t})" if t != "STRING" else f"n.`{p}` = r.`{p}`" for p, t in props
            )
            for i in range(0, len(rows), batch):
                conn.execute(
                    f"UNWIND $rows AS r MERGE (n:{label} {{key: r.key}}) SET {sets}", {"rows": rows[i : i + batch]}
                )
        groups: dict[tuple[str, str, str], list] = defaultdict(list)
        for e in model.edges:
            groups[(e.type, label_of[e.src], label_of[e.dst])].append(e)
        for (rel, a, b), edges in groups.items():
            rows = [
                {"a": e.src, "b": e.dst, **{p: coerce(e.props.get(p), t) for p, t in REL_PROPS[rel]}} for e in edges
            ]
            props = [p for p, _ in REL_PROPS[rel] if p != "anchor"]
            ident = " {anchor: r.anchor}" if any(p == "anchor" for p, _ in REL_PROPS[rel]) else ""
            sets = " SET " + ", ".join(f"e.`{p}` = r.`{p}`" for p in props) if props else ""
            for i in range(0, len(rows), batch):
                conn.execute(
                    f"UNWIND $rows AS r MATCH (x:{a} {{key: r.a}}) MATCH (y:{b} {{key: r.b}}) MERGE (x)-[e:{rel}{ident}]->(y){sets}",
                    {"rows": rows[i : i + batch]},
                )
        self.close()

    # ----------------------------------------------------------------- reading
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int | None = None,
        timeout_ms: int | None = DEFAULT_TIMEOUT_MS,
    ) -> tuple[list[str], list[list[Any]]]:
        import ladybug as lb

        if self.path is None:
            raise QueryRefused("an in-memory ladybug database cannot be opened read-only; give it a path")
        if not self.path.exists():
            raise FileNotFoundError(f"no ladybug database at {self.path}; run `wetgraaf build` first")
        self.close()
        # A read-only handle per query, closed in order (result, connection, database):
        # native handles left to the garbage collector can crash the interpreter at exit.
        db = lb.Database(str(self.path), read_only=True)
        conn = lb.Connection(db)
        res = None
        try:
            if timeout_ms:
                conn.set_query_timeout(int(timeout_ms))
            try:
                res = conn.execute(cypher, params or {})
            except RuntimeError as exc:
                msg = str(exc)
                if "read-only" in msg or "Interrupted" in msg:
                    raise QueryRefused(
                        "write refused: the database is opened read-only"
                        if "read-only" in msg
                        else f"query stopped after {timeout_ms} ms"
                    ) from None
                raise
            cols = res.get_column_names()
            rows: list[list[Any]] = []
            while res.has_next():
                rows.append(list(res.get_next()))
                if limit is not None and len(rows) >= limit:
                    break
            return cols, rows
        finally:
            if res is not None:
                res.close()
            conn.close()
            db.close()

    def close(self) -> None:
        """Close the write connection and database, in that order."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._db is not None:
            self._db.close()
            self._db = None
