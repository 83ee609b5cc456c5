"""What the API reads, written once by the analysis stage: ``OUT/analysis/analysis.sqlite``.

``report.json`` beside it is the analysis for people and scripts; on the whole BWB it is too
large to read at every start. This database holds the same findings in the shape the API
needs, so that ``wetgraaf serve`` reads at start-up only what a first request needs and
the rest row by row when asked for:

* ``definitions``: one row per definition (every version; its node attributes as JSON),
  ``edges``: the ``refers_to`` edges of the definitions graph of the newest versions;
* ``clusters``: the clusters in rank order, each row without its pairs, and the pairs apart;
  ``concepts``: each cluster's concepts and concept relations (read per cluster, like its pairs);
* the serve index, derived from those two tables (:func:`write_index`): the term index
  (``meta`` ``term_index``, one JSON value read in one go at start-up: per term key its most
  frequent spelling, its spellings, the folded forms the term search matches and the counts
  of a search hit), ``terms`` (per term key its definitions in answer order and its
  clusters, read per term), ``definition_clusters`` (which cluster a definition is in) and
  ``article_definitions`` (the definitions of each article);
* ``meta``: the report's small parts (summary, versions, score weights), the graph's
  attributes, the row counts and the ``format``.

An analysis database of an older format (no serve index) is brought up to date by
:func:`upgrade`, from its own tables, in seconds; the analysis itself is not run again.

>>> fold("  Éénpersoons-Huishouden ")
'eenpersoons-huishouden'
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["write_analysis_db", "write_index", "upgrade", "needs_upgrade", "AnalysisDb", "FORMAT", "fold"]

#: 1: definitions, edges, clusters and meta; 2: plus the serve index (terms, definition_clusters,
#: article_definitions) and the row counts
FORMAT = 2

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE clusters (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, row TEXT NOT NULL, pairs TEXT NOT NULL)",
    "CREATE TABLE definitions (key TEXT PRIMARY KEY, latest INTEGER NOT NULL, attrs TEXT NOT NULL)",
    "CREATE TABLE edges (a TEXT NOT NULL, b TEXT NOT NULL, key TEXT NOT NULL, attrs TEXT NOT NULL)",
    "CREATE TABLE concepts (id TEXT PRIMARY KEY, concepts TEXT NOT NULL, relations TEXT NOT NULL)",
)
_INDEX_SCHEMA = (
    "DROP TABLE IF EXISTS terms",
    "DROP TABLE IF EXISTS definition_clusters",
    "DROP TABLE IF EXISTS article_definitions",
    "CREATE TABLE terms (key TEXT PRIMARY KEY, definitions TEXT NOT NULL, clusters TEXT NOT NULL)",
    "CREATE TABLE definition_clusters (key TEXT PRIMARY KEY, cluster_id TEXT NOT NULL)",
    "CREATE TABLE article_definitions (article_jci TEXT NOT NULL, pos INTEGER NOT NULL, key TEXT NOT NULL)",
    "CREATE INDEX article_definitions_jci ON article_definitions (article_jci, pos)",
)
#: a cluster's keys kept out of its row (read per cluster when asked for, like its pairs)
_PER_CLUSTER = ("pairs", "concepts", "concept_relations")
_META = ("summary", "versions", "score_weights", "store", "documents")


def fold(text: str) -> str:
    """Lower case, diacritics removed, whitespace collapsed (for search, not for keys)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t).strip().lower()


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
                    # the rule clusters (kind "rule") after the definition clusters, in one ranking table
                    for i, c in enumerate(report["clusters"] + report.get("rule_clusters", []))
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
            write_index(con)
    finally:
        con.close()
    tmp.replace(path)


def _definition_order(a: dict[str, Any], latest: bool) -> tuple[Any, ...]:
    """How the definitions of one term are listed: newest versions first, then by regeling,
    newest version first, then by place."""
    return (not latest, a["bwb_id"], -(int((a["version"] or "0").replace("-", ""))), a["location"])


def write_index(con: sqlite3.Connection) -> None:
    """Derive the serve index from the ``definitions`` and ``clusters`` tables (in ``con``'s
    open transaction) and set ``format`` and the row counts in ``meta``."""
    from wetgraaf.identity import LegalId

    for s in _INDEX_SCHEMA:
        con.execute(s)
    cluster_of: dict[str, str] = {}
    n_clusters = 0
    for cid, row in con.execute("SELECT id, row FROM clusters ORDER BY rank"):
        n_clusters += 1
        data = json.loads(row)
        if data.get("kind", "definition") != "definition":
            continue  # a rule cluster's members are provisions, not definitions
        for m in data["members"]:
            cluster_of[m["key"]] = cid
    con.executemany("INSERT INTO definition_clusters VALUES (?, ?)", cluster_of.items())

    spellings: dict[str, Counter[str]] = {}
    folded: dict[str, set[str]] = {}
    members: dict[str, list[tuple[tuple[Any, ...], str]]] = {}
    latest_regelingen: dict[str, set[str]] = {}
    n_latest: Counter[str] = Counter()
    articles: list[tuple[str, int, str]] = []
    n_definitions = 0
    for pos, (key, latest, attrs) in enumerate(
        con.execute("SELECT key, latest, attrs FROM definitions ORDER BY rowid")
    ):
        n_definitions += 1
        a = json.loads(attrs)
        tk = a["term_key"]
        spellings.setdefault(tk, Counter())[a["term"]] += 1
        folded.setdefault(tk, set()).add(fold(a["term"]))
        members.setdefault(tk, []).append((_definition_order(a, bool(latest)), key))
        if latest:
            n_latest[tk] += 1
            latest_regelingen.setdefault(tk, set()).add(a["bwb_id"])
        art = LegalId.from_canonical(a["location"]).article_id
        if art is not None:
            articles.append((art.jci, pos, key))
    con.executemany("INSERT INTO article_definitions VALUES (?, ?, ?)", articles)
    rows, index = [], []
    for tk, sp in spellings.items():
        keys = [k for _, k in sorted(members[tk], key=lambda m: m[0])]  # stable: table order among equals
        rows.append((tk, _dumps(keys), _dumps(sorted({cluster_of[k] for k in keys if k in cluster_of}))))
        index.append(
            [
                tk,
                sp.most_common(1)[0][0],
                sorted(sp),
                sorted(folded[tk] | {fold(tk)}),
                n_latest[tk],
                len(keys),
                len(latest_regelingen.get(tk, ())),
            ]
        )
    con.executemany("INSERT INTO terms VALUES (?, ?, ?)", rows)
    counts = {"definitions": n_definitions, "clusters": n_clusters, "terms": len(rows)}
    con.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [("format", str(FORMAT)), ("counts", _dumps(counts)), ("term_index", _dumps(index))],
    )


def _format(con: sqlite3.Connection) -> int:
    row = con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    return int(row[0]) if row else 1


def needs_upgrade(path: Path) -> bool:
    """Whether the analysis database at ``path`` is of an older format than this wetgraaf reads."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _format(con) < FORMAT
    finally:
        con.close()


def upgrade(path: Path) -> None:
    """Add the serve index to an analysis database of an older format (on a copy, then replaced:
    a server reading the old file keeps reading it)."""
    import shutil

    tmp = path.with_name(path.name + ".tmp")
    shutil.copyfile(path, tmp)
    con = sqlite3.connect(tmp)
    try:
        with con:
            write_index(con)
    finally:
        con.close()
    tmp.replace(path)


class AnalysisFormatError(RuntimeError):
    """The analysis database is of another format (run ``wetgraaf analyse``)."""


class AnalysisDb:
    """Read side of :func:`write_analysis_db`.

    One read-only connection, opened here and shared by the request threads (under a lock:
    each read is one indexed lookup), so that every read comes from the file that was opened,
    even if the analysis is written anew while the API serves.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no analysis at {self.path}; run `wetgraaf analyse`")
        self._lock = threading.Lock()
        self._con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        found = _format(self._con)
        if found != FORMAT:
            self._con.close()
            raise AnalysisFormatError(
                f"the analysis at {self.path} is of format {found}, this wetgraaf reads {FORMAT}; "
                "run `wetgraaf analyse` (or `wetgraaf serve`, which upgrades it)"
            )

    def close(self) -> None:
        self._con.close()

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            return self._con.execute(sql, tuple(params)).fetchall()

    def meta(self, key: str) -> Any:
        rows = self._all("SELECT value FROM meta WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else None

    def report(self, keys: Iterable[str] = _META) -> dict[str, Any]:
        """The report's small parts (summary, versions, score weights, store, documents), or those of ``keys``."""
        keys = tuple(keys)
        return {k: json.loads(v) for k, v in self._all(f"SELECT key, value FROM meta WHERE key IN {_qs(keys)}", keys)}

    def counts(self) -> dict[str, int]:
        """How many definitions (every version), clusters and terms the analysis holds."""
        return self.meta("counts")  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ terms
    def terms(self) -> list[list[Any]]:
        """The term index, every term key as [key, term, spellings, folded forms, newest definitions,
        all definitions, regelingen] (one JSON value: read in one go)."""
        return self.meta("term_index")  # type: ignore[no-any-return]

    def term_definitions(self, key: str) -> tuple[list[str], list[str]] | None:
        """The definitions of a term key (every version, in answer order) and its clusters."""
        rows = self._all("SELECT definitions, clusters FROM terms WHERE key = ?", (key,))
        return (json.loads(rows[0][0]), json.loads(rows[0][1])) if rows else None

    # ------------------------------------------------------------------ definitions
    def definitions(self, keys: Iterable[str]) -> dict[str, tuple[dict[str, Any], bool, str | None]]:
        """key → (node attributes, newest version?, cluster id) for those of ``keys`` that exist."""
        keys = list(dict.fromkeys(keys))
        out = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            for k, latest, attrs, cid in self._all(
                "SELECT d.key, d.latest, d.attrs, c.cluster_id FROM definitions d"
                f" LEFT JOIN definition_clusters c ON c.key = d.key WHERE d.key IN {_qs(chunk)}",
                chunk,
            ):
                out[k] = (json.loads(attrs), bool(latest), cid)
        return out

    def all_definitions(self) -> Iterator[tuple[str, dict[str, Any], bool, str | None]]:
        """Every definition, in table order: (key, node attributes, newest version?, cluster id)."""
        for k, latest, attrs, cid in self._all(
            "SELECT d.key, d.latest, d.attrs, c.cluster_id FROM definitions d"
            " LEFT JOIN definition_clusters c ON c.key = d.key ORDER BY d.rowid"
        ):
            yield k, json.loads(attrs), bool(latest), cid

    def article_definitions(self, article_jci: str) -> list[str]:
        """The definitions in one (versioned) article, in table order."""
        return [
            k
            for (k,) in self._all(
                "SELECT key FROM article_definitions WHERE article_jci = ? ORDER BY pos", (article_jci,)
            )
        ]

    def edges(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """The edges of the definitions graph of the newest versions."""
        return [(a, b, k, json.loads(d)) for a, b, k, d in self._all("SELECT a, b, key, attrs FROM edges")]

    # ------------------------------------------------------------------ clusters
    def clusters(self) -> list[dict[str, Any]]:
        """The clusters in rank order, each without its pairs."""
        return [json.loads(r) for (r,) in self._all("SELECT row FROM clusters ORDER BY rank")]

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        rows = self._all("SELECT row FROM clusters WHERE id = ?", (cluster_id,))
        return json.loads(rows[0][0]) if rows else None

    def pairs(self, cluster_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT pairs FROM clusters WHERE id = ?", (cluster_id,))
        return json.loads(rows[0][0]) if rows else []

    def concepts(self, cluster_id: str) -> dict[str, list[dict[str, Any]]]:
        """A cluster's ``concepts`` and ``concept_relations`` (empty for a database written before concepts)."""
        try:
            rows = self._all("SELECT concepts, relations FROM concepts WHERE id = ?", (cluster_id,))
        except sqlite3.OperationalError:  # no concepts table
            rows = []
        if not rows:
            return {"concepts": [], "concept_relations": []}
        return {"concepts": json.loads(rows[0][0]), "concept_relations": json.loads(rows[0][1])}


def _qs(values: Iterable[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"
