"""The corpus store: every record of every ingested file, in one SQLite database.

Written by ``wetgraaf ingest`` (one transaction per batch of files, a file's rows replaced as
a whole), read by the analyses, the graph builds and the API. One table per record type, one
column per record field (see :mod:`wetgraaf.store.codec`), plus ``file_id`` and ``seq`` (the
record's position in its document). The ``files`` table holds each source file's size,
modification time, SHA-256 and the extractor version that parsed it, so that an unchanged
file is never parsed again and a store written by an older extractor is rebuilt.

Why SQLite (numbers in ``docs/corpus-store.md``): a file's rows are replaced in one
transaction; readers (a running ``wetgraaf serve``) keep reading while ``ingest`` writes (WAL);
term and article lookups are B-tree point queries; it is in the standard library, and the
file can be opened by any SQLite tool.

>>> import tempfile, pathlib
>>> s = CorpusStore(pathlib.Path(tempfile.mkdtemp()) / "corpus.sqlite")
>>> s.generation, s.count("definitions")
(0, 0)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wetgraaf import __version__
from wetgraaf.store.codec import Codec, codec_for

if TYPE_CHECKING:
    from wetgraaf.ingest.records import Document, RegelingRelation

__all__ = [
    "CorpusStore",
    "FileState",
    "StoreError",
    "extractor_version",
    "SCHEMA_VERSION",
    "TABLES",
    "record_tables",
]

#: Bumped when the tables change shape; a store with another schema is rebuilt from scratch.
SCHEMA_VERSION = 2

#: The record tables, in the order a document is written and read.
TABLES: tuple[str, ...] = (
    "regelingen",
    "units",
    "provisions",
    "definitions",
    "references",
    "rules",
    "related",
    "rule_relations",
    "rule_parameters",
)


@cache
def record_tables() -> dict[str, type]:
    """table → record type, in :data:`TABLES` order.

    Read when first needed: the record types live in the ingest package, and importing it
    imports the parser and the norm model (numpy), which a reader of the store (``wetgraaf
    serve``) does not need. ``RECORD_TABLES`` is this mapping too.
    """
    from wetgraaf.ingest import records as r

    found = {
        "regelingen": r.Regeling,
        "units": r.Unit,
        "provisions": r.Provision,
        "definitions": r.Definition,
        "references": r.Reference,
        "rules": r.Rule,
        "related": r.RegelingRelation,
        "rule_relations": r.RuleRelation,
        "rule_parameters": r.RuleParameter,
    }
    assert tuple(found) == TABLES
    return found


def __getattr__(name: str) -> Any:
    if name == "RECORD_TABLES":
        return record_tables()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_DOC_LISTS = ("units", "provisions", "definitions", "references", "rules", "rule_relations", "rule_parameters")
#: Everything a :class:`Document` holds (the default of :meth:`CorpusStore.documents`).
DOCUMENT_PARTS: tuple[str, ...] = (*_DOC_LISTS, "warnings")


class StoreError(RuntimeError):
    """The store is missing, unreadable or of another schema."""


@cache
def extractor_version() -> str:
    """A digest of the code and data that turn XML into records (and of term keys).

    Any change to the parser, the definition forms, the norm model or the record types
    gives another version, and every file is parsed again at the next ingest.
    """
    import inspect
    from importlib.util import find_spec

    import wetgraaf.graph.analysis.terms as terms
    from wetgraaf.graph.model import normalise_term

    h = hashlib.sha256(__version__.encode())
    # the package's files, found without importing it (its parser and norm model are not needed here)
    spec = find_spec("wetgraaf.ingest")
    assert spec is not None and spec.origin is not None
    root = Path(spec.origin).parent
    for p in sorted(root.iterdir()):
        if p.suffix in (".py", ".json") and p.name not in ("fetch.py", "sru.py", "manifest.py"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    # the lookup column term_key: terms.py and the one function of the graph model it uses (not the
    # whole model module, whose changes do not touch the records)
    h.update(Path(terms.__file__).read_bytes())
    h.update(inspect.getsource(normalise_term).encode())
    h.update(str(SCHEMA_VERSION).encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store knows about one source file."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    extractor: str
    status: str  #: document | wti | rejected
    bwb_id: str = ""
    reason: str = ""
    message: str = ""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _extra_columns(table: str) -> list[tuple[str, str]]:
    """Lookup columns derived from the record (indexed): not part of the record itself."""
    return {
        "provisions": [("article_jci", "TEXT")],
        "definitions": [("term_key", "TEXT"), ("article_jci", "TEXT")],
        "references": [("article_jci", "TEXT")],
        "units": [],
        "regelingen": [],
        "rules": [],
        "related": [],
        "rule_relations": [],
        "rule_parameters": [],
    }[table]


def _extras(table: str, rec: Any) -> tuple[Any, ...]:
    if table == "definitions":
        from wetgraaf.graph.analysis.terms import term_key

        art = rec.id.article_id
        return (term_key(rec.term), art.jci if art else None)
    if table == "provisions":
        art = rec.id.article_id
        return (art.jci if art else None,)
    if table == "references":
        art = rec.source.article_id
        return (art.jci if art else None,)
    return ()


def _schema() -> list[str]:
    stmts = [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS files (
            file_id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, extractor TEXT NOT NULL,
            status TEXT NOT NULL, bwb_id TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0, ingested_at TEXT NOT NULL)""",
        "CREATE TABLE IF NOT EXISTS warnings (file_id INTEGER NOT NULL, seq INTEGER NOT NULL, message TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS warnings_file ON warnings (file_id, seq)",
    ]
    for table, cls in record_tables().items():
        cols = [f'"{c.name}" {c.sql_type}' for c in codec_for(cls).columns]
        cols += [f'"{n}" {t}' for n, t in _extra_columns(table)]
        stmts.append(
            f'CREATE TABLE IF NOT EXISTS "{table}" (file_id INTEGER NOT NULL, seq INTEGER NOT NULL, {", ".join(cols)})'
        )
        stmts.append(f'CREATE INDEX IF NOT EXISTS "{table}_file" ON "{table}" (file_id, seq)')
    stmts += [
        "CREATE INDEX IF NOT EXISTS regelingen_bwb ON regelingen (bwb_id)",
        "CREATE INDEX IF NOT EXISTS definitions_term ON definitions (term_key)",
        "CREATE INDEX IF NOT EXISTS definitions_article ON definitions (article_jci)",
        "CREATE INDEX IF NOT EXISTS provisions_article ON provisions (article_jci)",
        'CREATE INDEX IF NOT EXISTS references_article ON "references" (article_jci)',
        "CREATE INDEX IF NOT EXISTS units_id ON units (id)",
        "CREATE INDEX IF NOT EXISTS rules_id ON rules (id)",
        "CREATE INDEX IF NOT EXISTS rule_relations_source ON rule_relations (source)",
        "CREATE INDEX IF NOT EXISTS rule_relations_target ON rule_relations (target)",
    ]
    return stmts


class CorpusStore:
    """An SQLite corpus store at ``path`` (created when missing unless ``readonly``).

    Safe to share between threads: each thread gets its own connection.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._local = threading.local()
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no corpus store at {self.path}; run `wetgraaf ingest` first")
            found = self.meta("schema_version")
            if found != str(SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path} has store schema {found or 'unknown'}, this wetgraaf writes {SCHEMA_VERSION}; "
                    "run `wetgraaf ingest` to rebuild it"
                )
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._con()
        if self._meta_raw(con, "schema_version") not in (None, str(SCHEMA_VERSION)):
            con.close()
            self._local.con = None
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            con = self._con()
        with con:
            for s in _schema():
                con.execute(s)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            con.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")

    # ------------------------------------------------------------------ connections
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            if self.readonly:
                con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            else:
                con = sqlite3.connect(self.path, check_same_thread=False)
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA cache_size=-16384")  # 16 MB per connection (one per API thread)
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one SQL statement on this thread's connection (for lookups by the API)."""
        return self._con().execute(sql, params)

    # ------------------------------------------------------------------ metadata
    @staticmethod
    def _meta_raw(con: sqlite3.Connection, key: str) -> str | None:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    def meta(self, key: str) -> str | None:
        return self._meta_raw(self._con(), key)

    def set_meta(self, **values: str) -> None:
        """Record ``key=value`` pairs in ``meta`` (committed at once)."""
        con = self._con()
        with con:
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))

    @property
    def generation(self) -> int:
        """Bumped by every ingest that changed anything: what the analyses and stores compare with."""
        return int(self.meta("generation") or 0)

    def bump_generation(self) -> int:
        con = self._con()
        with con:
            con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('changed_at', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
        return self.generation

    def count(self, table: str) -> int:
        if table not in TABLES and table not in ("files", "warnings"):
            raise ValueError(f"no table {table!r}")
        return int(self.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    # ------------------------------------------------------------------ files
    def file_states(self) -> dict[str, FileState]:
        rows = self.execute(
            "SELECT path, size, mtime_ns, sha256, extractor, status, bwb_id, reason, message FROM files"
        ).fetchall()
        return {r[0]: FileState(*r) for r in rows}

    def touch(self, path: str, mtime_ns: int) -> None:
        """Record a new modification time for a file whose content did not change."""
        self._con().execute("UPDATE files SET mtime_ns = ? WHERE path = ?", (mtime_ns, path))

    def remove(self, paths: Iterable[str]) -> int:
        """Delete the files and every row parsed from them; returns how many were known."""
        con = self._con()
        n = 0
        for p in paths:
            row = con.execute("SELECT file_id FROM files WHERE path = ?", (p,)).fetchone()
            if row is None:
                continue
            self._delete_rows(con, row[0])
            con.execute("DELETE FROM files WHERE file_id = ?", (row[0],))
            n += 1
        return n

    @staticmethod
    def _delete_rows(con: sqlite3.Connection, file_id: int) -> None:
        for table in (*TABLES, "warnings"):
            con.execute(f'DELETE FROM "{table}" WHERE file_id = ?', (file_id,))

    def put(self, state: FileState, outcome: Any, seconds: float = 0.0) -> None:
        """Replace what the store holds for ``state.path`` by ``outcome``.

        ``outcome`` is a :class:`Document`, a WTI (its relations are kept) or a rejection
        (only the file row, with the reason). Not committed: call :meth:`commit`.
        """
        con = self._con()
        row = con.execute("SELECT file_id FROM files WHERE path = ?", (state.path,)).fetchone()
        if row is not None:
            self._delete_rows(con, row[0])
            con.execute("DELETE FROM files WHERE file_id = ?", (row[0],))
        cur = con.execute(
            "INSERT INTO files (path, size, mtime_ns, sha256, extractor, status, bwb_id, reason, message, seconds,"
            " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                state.path,
                state.size,
                state.mtime_ns,
                state.sha256,
                state.extractor,
                state.status,
                state.bwb_id,
                state.reason,
                state.message,
                seconds,
                time.strftime("%Y-%m-%dT%H:%M:%S"),
            ),
        )
        fid = cur.lastrowid
        from wetgraaf.ingest.records import Document

        if isinstance(outcome, Document):
            self._insert(con, "regelingen", fid, [outcome.regeling])
            for table in _DOC_LISTS:
                self._insert(con, table, fid, getattr(outcome, table))
            con.executemany(
                "INSERT INTO warnings VALUES (?,?,?)", [(fid, i, w) for i, w in enumerate(outcome.warnings)]
            )
        elif state.status == "wti":
            self._insert(con, "related", fid, list(outcome.relations))

    @staticmethod
    def _insert(con: sqlite3.Connection, table: str, fid: int | None, recs: Sequence[Any]) -> None:
        if not recs:
            return
        c = codec_for(record_tables()[table])
        n = len(c.columns) + len(_extra_columns(table)) + 2
        con.executemany(
            f'INSERT INTO "{table}" VALUES ({",".join("?" * n)})',
            [(fid, i, *c.encode(r), *_extras(table, r)) for i, r in enumerate(recs)],
        )

    def commit(self) -> None:
        self._con().commit()

    # ------------------------------------------------------------------ reading
    def rejected(self) -> list[FileState]:
        rows = self.execute(
            "SELECT path, size, mtime_ns, sha256, extractor, status, bwb_id, reason, message FROM files"
            " WHERE status = 'rejected' ORDER BY path"
        ).fetchall()
        return [FileState(*r) for r in rows]

    def documents(
        self, bwb_ids: Iterable[str] | None = None, *, parts: Collection[str] = DOCUMENT_PARTS
    ) -> Iterator[Document]:
        """Every stored document (or those of ``bwb_ids``), in file order, rebuilt as records.

        Streams: one document in memory at a time besides what the caller keeps. A WTI's
        relations go to the newest document of its regeling, as at ingest. ``parts`` names
        the record lists to read (the others stay empty); ``"repealed_articles"`` reads only
        the units that are repealed articles (what the definitions graph needs).
        """
        from wetgraaf.ingest.records import Document

        unknown = set(parts) - {*DOCUMENT_PARTS, "repealed_articles"}
        if unknown:
            raise ValueError(f"unknown document parts: {', '.join(sorted(unknown))}")
        con = self._con()
        where, params = "", ()
        if bwb_ids is not None:
            ids = sorted(set(bwb_ids))
            where = f" WHERE file_id IN (SELECT file_id FROM regelingen WHERE bwb_id IN ({','.join('?' * len(ids))}))"
            params = tuple(ids)
        newest = self._newest_files()
        related = self._related_by_bwb()
        cursors = {}
        codecs: dict[str, Codec] = {}
        wanted = [t for t in _DOC_LISTS if t in parts or (t == "units" and "repealed_articles" in parts)]
        for table in ("regelingen", *wanted, *(["warnings"] if "warnings" in parts else [])):
            cols = (
                "message"
                if table == "warnings"
                else ", ".join(f'"{c.name}"' for c in codec_for(record_tables()[table]).columns)
            )
            cond = where
            if table == "units" and "units" not in parts:
                cond = (where + " AND" if where else " WHERE") + " kind = 'artikel' AND repealed = 1"
            cursors[table] = _Peek(
                con.execute(f'SELECT file_id, {cols} FROM "{table}"{cond} ORDER BY file_id, seq', params)
            )
            if table != "warnings":
                codecs[table] = codec_for(record_tables()[table])
        for fid, *reg_row in cursors["regelingen"].rows_of(None):
            reg = codecs["regelingen"].decode(reg_row)
            doc = Document(reg)
            for table in wanted:
                c = codecs[table]
                setattr(doc, table, [c.decode(r) for r in cursors[table].rows_of(fid)])
            if "warnings" in parts:
                doc.warnings = [r[0] for r in cursors["warnings"].rows_of(fid)]
            if newest.get(reg.bwb_id) == fid:
                doc.related = list(related.get(reg.bwb_id, ()))
            yield doc

    def _newest_files(self) -> dict[str, int]:
        best: dict[str, tuple[str, int]] = {}
        for fid, bwb, version in self.execute("SELECT file_id, bwb_id, version FROM regelingen"):
            key = (version or "", fid)
            if bwb not in best or key >= best[bwb]:
                best[bwb] = key  # type: ignore[assignment]
        return {b: k[1] for b, k in best.items()}

    def _related_by_bwb(self) -> dict[str, list[RegelingRelation]]:
        """The relations of the newest WTI of each regeling (by its ``gegenereerd`` order of ingest)."""
        from wetgraaf.ingest.records import RegelingRelation

        c = codec_for(RegelingRelation)
        cols = ", ".join(f'r."{col.name}"' for col in c.columns)
        out: dict[str, list[RegelingRelation]] = {}
        newest_wti: dict[str, int] = {}
        for fid, bwb in self.execute("SELECT file_id, bwb_id FROM files WHERE status = 'wti' ORDER BY file_id"):
            newest_wti[bwb] = fid
        keep = set(newest_wti.values())
        for fid, *row in self.execute(f"SELECT r.file_id, {cols} FROM related r ORDER BY r.file_id, r.seq"):
            if fid in keep:
                rel = c.decode(row)
                out.setdefault(rel.bwb_id, []).append(rel)
        return out

    # ------------------------------------------------------------------ summary
    def summary(self) -> dict[str, Any]:
        """The counts of the ingest report, computed in the store once per generation."""
        cached = self.meta("summary")
        if cached:
            found = json.loads(cached)
            if found.get("generation") == self.generation and found.get("extractor") == extractor_version():
                return found
        out = self._count_summary()
        if not self.readonly:
            self.set_meta(summary=json.dumps(out, ensure_ascii=False))
        return out

    def _count_summary(self) -> dict[str, Any]:
        from wetgraaf.ingest.records import CONFIDENT

        q = self.execute

        def one(sql: str) -> int:
            return int(q(sql).fetchone()[0] or 0)

        rules = dict(
            q(
                "SELECT norm_type, count(*) n FROM rules WHERE inherited = 0 GROUP BY norm_type ORDER BY n DESC, norm_type"
            )
        )
        confident = dict(
            q(
                "SELECT norm_type, count(*) FROM rules WHERE inherited = 0 AND confidence >= ? GROUP BY norm_type",
                (CONFIDENT,),
            )
        )
        rejected = self.rejected()
        docs_bwb = {r[0] for r in q("SELECT DISTINCT bwb_id FROM regelingen")}
        wti_bwb = {r[0] for r in q("SELECT bwb_id FROM files WHERE status = 'wti'")}
        newest = self._newest_files()
        return {
            "files": one("SELECT count(*) FROM files"),
            "regelingen": one("SELECT count(*) FROM regelingen"),
            "distinct_bwb_ids": len(docs_bwb),
            "articles": one("SELECT count(*) FROM units WHERE kind = 'artikel' AND repealed = 0"),
            "repealed_articles": one("SELECT count(*) FROM units WHERE kind = 'artikel' AND repealed = 1"),
            "provisions": one("SELECT count(*) FROM provisions"),
            "definitions": one("SELECT count(*) FROM definitions"),
            "definitions_by_kind": dict(q("SELECT kind, count(*) FROM definitions GROUP BY kind ORDER BY kind")),
            "references": one('SELECT count(*) FROM "references"'),
            "references_resolved": one('SELECT count(*) FROM "references" WHERE target IS NOT NULL'),
            "rules": sum(rules.values()),
            "rules_by_type": rules,
            "rules_confident": sum(confident.values()),
            "rules_confident_by_type": {k: confident.get(k, 0) for k in rules},
            "confidence_threshold": CONFIDENT,
            "rejected": len(rejected),
            "rejected_files": [{"path": r.path, "reason": r.reason, "message": r.message} for r in rejected],
            "warnings": one("SELECT count(*) FROM warnings"),
            "wti_files": one("SELECT count(*) FROM files WHERE status = 'wti'"),
            "wti_without_toestand": sorted(wti_bwb - docs_bwb),
            "related_regelingen": sum(len(v) for b, v in self._related_by_bwb().items() if b in newest),
            "bytes": one("SELECT sum(size) FROM files WHERE status != 'rejected'"),
            "extractor": extractor_version(),
            "generation": self.generation,
        }


class _Peek:
    """A cursor over rows ordered by file id, handing out the rows of one file at a time."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cur = cursor
        self._next: tuple[Any, ...] | None = cursor.fetchone()

    def rows_of(self, fid: int | None) -> Iterator[tuple[Any, ...]]:
        """The rows of file ``fid`` (without the file id), or, for ``None``, every row with its file id."""
        if fid is None:
            while self._next is not None:
                row, self._next = self._next, self._cur.fetchone()
                yield row
            return
        while self._next is not None and self._next[0] < fid:
            self._next = self._cur.fetchone()
        while self._next is not None and self._next[0] == fid:
            yield self._next[1:]
            self._next = self._cur.fetchone()
