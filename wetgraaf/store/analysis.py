"""What the API reads at start-up, written once by the analysis stage: ``OUT/analysis/analysis.sqlite``.

``report.json`` beside it is the analysis for people and scripts; on the whole BWB it is too
large to read at every start. This database holds the same findings in the shape the API
needs: the clusters without their pairs, concepts and concept relations (read per cluster when
asked for), the definitions graph (one row per definition, its node attributes as JSON, and the
``refers_to`` edges), and the report's small parts (summary, versions, score weights). Opening it reads the clusters
and the graph; nothing else.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["write_analysis_db", "AnalysisDb"]

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE clusters (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, row TEXT NOT NULL, pairs TEXT NOT NULL)",
    "CREATE TABLE definitions (key TEXT PRIMARY KEY, latest INTEGER NOT NULL, attrs TEXT NOT NULL)",
    "CREATE TABLE edges (a TEXT NOT NULL, b TEXT NOT NULL, key TEXT NOT NULL, attrs TEXT NOT NULL)",
    "CREATE TABLE concepts (id TEXT PRIMARY KEY, concepts TEXT NOT NULL, relations TEXT NOT NULL)",
)
#: a cluster's keys kept out of its row (read per cluster when asked for, like its pairs)
_PER_CLUSTER = ("pairs", "concepts", "concept_relations")
_META = ("summary", "versions", "score_weights", "store", "documents")


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)


def write_analysis_db(path: Path, report: dict[str, Any], latest: nx.MultiDiGraph, every: nx.MultiDiGraph) -> None:
    """Write the API's view of ``report`` and the definitions graphs (newest versions; all versions)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        with con:
            for s in _SCHEMA:
                con.execute(s)
            con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, _dumps(report.get(k))) for k in _META])
            graph_meta = {k: sorted(v) for k, v in latest.graph.items()}
            con.execute("INSERT INTO meta VALUES ('graph', ?)", (_dumps(graph_meta),))
            con.executemany(
                "INSERT INTO clusters VALUES (?, ?, ?, ?)",
                [
                    (
                        c["id"],
                        i,
                        _dumps({k: v for k, v in c.items() if k not in _PER_CLUSTER}),
                        _dumps(c.get("pairs", [])),
                    )
                    for i, c in enumerate(report["clusters"])
                ],
            )
            con.executemany(
                "INSERT INTO concepts VALUES (?, ?, ?)",
                [
                    (c["id"], _dumps(c.get("concepts", [])), _dumps(c.get("concept_relations", [])))
                    for c in report["clusters"]
                ],
            )
            con.executemany(
                "INSERT INTO definitions VALUES (?, ?, ?)",
                [(k, int(k in latest), _dumps(a)) for k, a in every.nodes(data=True)],
            )
            con.executemany(
                "INSERT INTO edges VALUES (?, ?, ?, ?)",
                [(a, b, k, _dumps(d)) for a, b, k, d in latest.edges(keys=True, data=True)],
            )
    finally:
        con.close()
    tmp.replace(path)


class AnalysisDb:
    """Read side of :func:`write_analysis_db` (thread-safe: a connection per call)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no analysis at {self.path}; run `wetgraaf analyse`")

    def _con(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)

    def report(self) -> dict[str, Any]:
        """The report's small parts and the clusters in rank order, each without its pairs."""
        con = self._con()
        try:
            out = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM meta")}
            out["clusters"] = [json.loads(r) for (r,) in con.execute("SELECT row FROM clusters ORDER BY rank")]
        finally:
            con.close()
        return out

    def pairs(self, cluster_id: str) -> list[dict[str, Any]]:
        con = self._con()
        try:
            row = con.execute("SELECT pairs FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        finally:
            con.close()
        return json.loads(row[0]) if row else []

    def concepts(self, cluster_id: str) -> dict[str, list[dict[str, Any]]]:
        """A cluster's ``concepts`` and ``concept_relations`` (empty for an older database)."""
        con = self._con()
        try:
            row = con.execute("SELECT concepts, relations FROM concepts WHERE id = ?", (cluster_id,)).fetchone()
        except sqlite3.OperationalError:  # written before concepts existed
            row = None
        finally:
            con.close()
        if row is None:
            return {"concepts": [], "concept_relations": []}
        return {"concepts": json.loads(row[0]), "concept_relations": json.loads(row[1])}

    def graphs(self) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
        """The definitions graph of the newest versions, and every definition's attributes
        (all versions) with ``latest`` set."""
        con = self._con()
        try:
            g = nx.MultiDiGraph()
            meta = json.loads(con.execute("SELECT value FROM meta WHERE key = 'graph'").fetchone()[0])
            g.graph.update({k: set(v) for k, v in meta.items()})
            every: dict[str, dict[str, Any]] = {}
            latest_nodes = []
            for key, latest, attrs in con.execute("SELECT key, latest, attrs FROM definitions"):
                a = json.loads(attrs)
                every[key] = {**a, "latest": bool(latest)}
                if latest:
                    latest_nodes.append((key, a))
            g.add_nodes_from(latest_nodes)
            g.add_edges_from(
                (a, b, k, json.loads(d)) for a, b, k, d in con.execute("SELECT a, b, key, attrs FROM edges")
            )
        finally:
            con.close()
        return g, every
