"""The Neo4j writer and reader, through the official ``neo4j`` driver (Bolt).

* Constraints and indexes first (Neo4j 5 syntax, ``IF NOT EXISTS``), from
  :func:`wetgraaf.graph.schema.ddl_neo4j`.
* Batched ``UNWIND $rows … MERGE`` in managed write transactions (``execute_write``, which
  retries transient errors); nodes are merged by ``key``, relationships by their ends (and,
  for citations, the anchor text). A second load of the same model creates nothing: the
  report gives ``nodes_created`` / ``relationships_created`` per run.
* Reads run in read transactions (``execute_read``) with a time limit; on a real Neo4j the
  server refuses writes there.
* The password never comes from the command line: it is passed in, or read from
  ``WETGRAAF_NEO4J_PASSWORD`` / ``NEO4J_PASSWORD``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from wetgraaf.graph.model import GraphModel
from wetgraaf.graph.schema import NODE_PROPS, REL_PROPS, coerce, ddl_neo4j
from wetgraaf.graph.stores import PropertyGraphStore, QueryRefused

__all__ = ["Neo4jStore", "password_from_env"]


def password_from_env() -> str | None:
    return os.environ.get("WETGRAAF_NEO4J_PASSWORD") or os.environ.get("NEO4J_PASSWORD")


def _native(v: Any) -> Any:
    to_native = getattr(v, "to_native", None)
    return to_native() if callable(to_native) else v


class Neo4jStore(PropertyGraphStore):
    name = "neo4j"

    def __init__(
        self, uri: str, user: str = "neo4j", password: str | None = None, database: str | None = None, batch: int = 1000
    ) -> None:
        import neo4j

        password = password if password is not None else password_from_env()
        if password is None:
            raise ValueError("no Neo4j password: pass it, or set WETGRAAF_NEO4J_PASSWORD")
        self.uri = uri
        self.database = database
        self.batch = batch
        self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        self.last_report: dict[str, int] = {}

    # ----------------------------------------------------------------- writing
    def ensure_schema(self) -> None:
        with self._driver.session(database=self.database) as s:
            for stmt in ddl_neo4j():
                s.run(stmt).consume()

    def _write(self, cypher: str, rows: list[dict[str, Any]], report: dict[str, int]) -> None:
        def work(tx: Any) -> Any:
            return tx.run(cypher, rows=rows).consume().counters

        with self._driver.session(database=self.database) as s:
            counters = s.execute_write(work)
        report["nodes_created"] += counters.nodes_created
        report["relationships_created"] += counters.relationships_created

    def load(self, model: GraphModel) -> dict[str, int]:
        """Merge the model into the database (idempotent). Returns the counts after loading."""
        self.ensure_schema()
        report: dict[str, int] = defaultdict(int)
        for label, props in NODE_PROPS.items():
            rows = [
                {"key": n.key, "props": {p: coerce(n.props.get(p), t) for p, t in props}}
                for n in model.nodes.values()
                if n.label == label
            ]
            for i in range(0, len(rows), self.batch):
                self._write(
                    f"UNWIND $rows AS r MERGE (n:{label} {{key: r.key}}) SET n += r.props",
                    rows[i : i + self.batch],
                    report,
                )
        label_of = {k: n.label for k, n in model.nodes.items()}
        groups: dict[tuple[str, str, str], list] = defaultdict(list)
        for e in model.edges:
            groups[(e.type, label_of[e.src], label_of[e.dst])].append(e)
        for (rel, a, b), edges in groups.items():
            has_anchor = any(p == "anchor" for p, _ in REL_PROPS[rel])
            rows = [
                {
                    "a": e.src,
                    "b": e.dst,
                    "anchor": e.props.get("anchor", ""),
                    "props": {p: coerce(e.props.get(p), t) for p, t in REL_PROPS[rel] if p != "anchor"},
                }
                for e in edges
            ]
            ident = " {anchor: r.anchor}" if has_anchor else ""
            cypher = f"UNWIND $rows AS r MATCH (x:{a} {{key: r.a}}) MATCH (y:{b} {{key: r.b}}) MERGE (x)-[e:{rel}{ident}]->(y) SET e += r.props"
            for i in range(0, len(rows), self.batch):
                self._write(cypher, rows[i : i + self.batch], report)
        self.last_report = dict(report)
        return self.counts()

    # ----------------------------------------------------------------- reading
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int | None = None,
        timeout_ms: int | None = 30_000,
    ) -> tuple[list[str], list[list[Any]]]:
        import neo4j
        from neo4j.exceptions import ClientError

        @neo4j.unit_of_work(timeout=(timeout_ms / 1000) if timeout_ms else None)
        def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
            res = tx.run(cypher, params or {})
            cols = list(res.keys())
            rows = []
            for rec in res:
                rows.append([_native(v) for v in rec.values()])
                if limit is not None and len(rows) >= limit:
                    break
            return cols, rows

        with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
            try:
                return s.execute_read(work)
            except ClientError as exc:
                code = exc.code or ""
                if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code or "WriteOnReadOnly" in code:
                    raise QueryRefused("write refused: queries run in read transactions") from None
                if "TransactionTimedOut" in code or "Terminated" in code:
                    raise QueryRefused(f"query stopped after {timeout_ms} ms") from None
                raise

    def close(self) -> None:
        self._driver.close()
