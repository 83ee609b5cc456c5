"""Review decisions per cluster, with an audit trail and optimistic concurrency (SQLite).

A decision is keyed by the cluster's stable id (derived from its members, see
:mod:`wetgraaf.graph.analysis.clusters`), so it survives re-ingest and re-analysis while the
membership is unchanged. The members at the time of the decision are stored with it: when
a later analysis no longer has that cluster (its membership changed, so its id changed),
the decision is *orphaned* and the current clusters that share members with it are flagged.

Every write runs in one ``BEGIN IMMEDIATE`` transaction that checks the expected version,
updates the decision and appends the audit row (who, when, before, after) — all or nothing.
The expected version follows HTTP's ``If-Match`` (RFC 9110 §13.1.1, RFC 6585): ``None`` (no
precondition) may only create a decision; changing an existing one needs its version
(:class:`PreconditionRequired` otherwise); a number must equal the stored version (``0``:
none stored yet) and :data:`ANY` (``*``) matches any stored decision but not a missing one
(:class:`VersionConflict` otherwise).

>>> import tempfile, pathlib
>>> store = DecisionStore(pathlib.Path(tempfile.mkdtemp()) / "review.sqlite")
>>> d = store.put("c-0123456789ab", {"status": "in_review"}, actor="alice", expected_version=None, members=["a", "b"])
>>> d["version"], d["status"]
(1, 'in_review')
>>> store.put("c-0123456789ab", {"status": "harmonise"}, actor="bob", expected_version=None, members=["a", "b"])
Traceback (most recent call last):
...
wetgraaf.api.decisions.PreconditionRequired: decision for c-0123456789ab exists (version 1); send If-Match: "1" to change it
>>> store.put("c-0123456789ab", {"status": "harmonise"}, actor="bob", expected_version=2, members=["a", "b"])
Traceback (most recent call last):
...
wetgraaf.api.decisions.VersionConflict: decision for c-0123456789ab is at version 1; send If-Match: "1" (re-read it first)
>>> store.put("c-0123456789ab", {"status": "harmonise"}, actor="bob", expected_version=ANY, members=["a", "b"])["version"]
2
>>> [h["actor"] for h in store.history("c-0123456789ab")]
['alice', 'bob']
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

__all__ = ["DecisionStore", "VersionConflict", "PreconditionRequired", "ANY", "STATUSES", "FIELDS"]

#: ``expected_version`` that matches any stored decision (``If-Match: *``), never a missing one
ANY: Final = "*"

#: decision statuses, in workflow order
STATUSES = ("new", "in_review", "harmonise", "keep_apart", "not_a_problem")
#: the fields a reviewer sets
FIELDS = ("status", "assignee", "note")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decision (
    cluster_id TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    assignee   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    members    TEXT NOT NULL,          -- JSON list of definition keys when decided
    version    INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster_id TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    version    INTEGER NOT NULL,
    before     TEXT,                   -- JSON, NULL for the first decision
    after      TEXT NOT NULL           -- JSON
);
CREATE INDEX IF NOT EXISTS audit_cluster ON audit(cluster_id, id);
"""


class VersionConflict(Exception):
    """The expected version is not the stored one: the decision changed since the client read
    it, or ``*`` was sent and there is no decision (HTTP 412)."""

    def __init__(self, cluster_id: str, current: int, message: str | None = None) -> None:
        self.cluster_id = cluster_id
        self.current = current
        super().__init__(
            message
            or f'decision for {cluster_id} is at version {current}; send If-Match: "{current}" (re-read it first)'
        )


class PreconditionRequired(VersionConflict):
    """A decision exists and the write named no version to change (HTTP 428)."""

    def __init__(self, cluster_id: str, current: int) -> None:
        super().__init__(
            cluster_id,
            current,
            f'decision for {cluster_id} exists (version {current}); send If-Match: "{current}" to change it',
        )


class DecisionStore:
    """Decisions and their audit trail in one SQLite file (WAL mode, a connection per call)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA synchronous=FULL")
        return con

    @staticmethod
    def _row(r: sqlite3.Row | None) -> dict[str, Any] | None:
        if r is None:
            return None
        d = dict(r)
        d["members"] = json.loads(d["members"])
        return d

    def get(self, cluster_id: str) -> dict[str, Any] | None:
        with closing(self._connect()) as con:
            return self._row(con.execute("SELECT * FROM decision WHERE cluster_id = ?", (cluster_id,)).fetchone())

    def all(self) -> dict[str, dict[str, Any]]:
        with closing(self._connect()) as con:
            return {r["cluster_id"]: self._row(r) for r in con.execute("SELECT * FROM decision")}  # type: ignore[misc]

    def put(
        self,
        cluster_id: str,
        changes: dict[str, Any],
        *,
        actor: str,
        expected_version: int | Literal["*"] | None,
        members: list[str],
    ) -> dict[str, Any]:
        """Create or update a decision.

        Parameters
        ----------
        expected_version : int, ``"*"`` or None
            The stored version the change applies to (``0``: none stored), :data:`ANY` for
            whatever decision is stored, or None (no precondition: create only).

        Raises
        ------
        PreconditionRequired
            When a decision exists and ``expected_version`` is None.
        VersionConflict
            When the stored version differs from ``expected_version`` (or it is ``*`` and no
            decision is stored).
        ValueError
            For an unknown status or field.
        """
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        if "status" in changes and changes["status"] not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                cur = self._row(con.execute("SELECT * FROM decision WHERE cluster_id = ?", (cluster_id,)).fetchone())
                current = cur["version"] if cur else 0
                if expected_version is None:
                    if cur is not None:
                        raise PreconditionRequired(cluster_id, current)
                elif expected_version == ANY:
                    if cur is None:
                        raise VersionConflict(cluster_id, current)
                elif expected_version != current:
                    raise VersionConflict(cluster_id, current)
                before = {k: cur[k] for k in (*FIELDS, "members")} if cur else None
                after = {
                    "status": changes.get("status", cur["status"] if cur else "new"),
                    "assignee": changes.get("assignee", cur["assignee"] if cur else "") or "",
                    "note": changes.get("note", cur["note"] if cur else "") or "",
                    "members": sorted(members),
                }
                version = current + 1
                con.execute(
                    "INSERT INTO decision(cluster_id, status, assignee, note, members, version, updated_by, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(cluster_id) DO UPDATE SET status=excluded.status, assignee=excluded.assignee,"
                    " note=excluded.note, members=excluded.members, version=excluded.version,"
                    " updated_by=excluded.updated_by, updated_at=excluded.updated_at",
                    (
                        cluster_id,
                        after["status"],
                        after["assignee"],
                        after["note"],
                        json.dumps(after["members"]),
                        version,
                        actor,
                        now,
                    ),
                )
                con.execute(
                    "INSERT INTO audit(cluster_id, actor, at, version, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        cluster_id,
                        actor,
                        now,
                        version,
                        json.dumps(before, ensure_ascii=False) if before else None,
                        json.dumps(after, ensure_ascii=False),
                    ),
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return self.get(cluster_id)  # type: ignore[return-value]

    def history(self, cluster_id: str | None = None, *, limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
        """Audit entries, oldest first (one cluster, or all)."""
        sql = "SELECT * FROM audit"
        args: tuple[Any, ...] = ()
        if cluster_id is not None:
            sql += " WHERE cluster_id = ?"
            args = (cluster_id,)
        sql += " ORDER BY id LIMIT ? OFFSET ?"
        with closing(self._connect()) as con:
            rows = [dict(r) for r in con.execute(sql, (*args, limit, offset))]
        for r in rows:
            r["before"] = json.loads(r["before"]) if r["before"] else None
            r["after"] = json.loads(r["after"])
        return rows

    def count_history(self, cluster_id: str | None = None) -> int:
        with closing(self._connect()) as con:
            if cluster_id is None:
                return int(con.execute("SELECT count(*) FROM audit").fetchone()[0])
            return int(con.execute("SELECT count(*) FROM audit WHERE cluster_id = ?", (cluster_id,)).fetchone()[0])
