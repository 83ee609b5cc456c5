"""Corpus store: SQLite (the real ``CorpusStore``) against DuckDB and Parquet, measured on real BWB files.

Run: ``python benchmarks/store_choice.py [N_FILES] [--seed S] [--tmp DIR]`` (default 500 files,
needs ``duckdb``: ``pip install -e '.[bench]'``). A seeded sample of the 2012 BWB crawl
(``~/.cache/wetgraaf/bwb-2012``, files under 2 KB skipped: those are error pages; else
``../shared/corpus/bwb``) is parsed once with :func:`wetgraaf.ingest.batch.ingest_paths`; the
same Documents are then written three ways, every row made by the same codec
(``codec_for(cls).encode`` plus the store's lookup columns), so the three hold identical rows:

* **SQLite**: :class:`wetgraaf.store.CorpusStore` itself, ``put`` per file and ``commit``;
* **DuckDB**: one database file with the same tables, columns and indexes; written with
  DuckDB's fast path, an Arrow table per table registered and ``INSERT … SELECT`` (indexes
  created after the load, as DuckDB advises); ``executemany`` is timed on a few files to show
  why it is not the fast path;
* **Parquet + DuckDB**: one Parquet file per table (pyarrow, default snappy compression),
  queried by DuckDB through views over ``read_parquet``.

Measured back to back in one run: bulk write, size on disk, replacing 1 % of the files, point
lookups (definitions by ``term_key``, provisions by ``article_jci``; p50/p95, one thread and
8 threads), full scans, and a writer in a second process while this one reads. Every ratio
is the backend's time over SQLite's time in the same run (> 1: slower than SQLite).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest.batch import ingest_paths
from wetgraaf.ingest.records import Document
from wetgraaf.store.codec import codec_for
from wetgraaf.store.corpus import (
    _DOC_LISTS,
    RECORD_TABLES,
    CorpusStore,
    FileState,
    _extra_columns,
    _extras,
    extractor_version,
)

ROOT = Path(__file__).resolve().parent.parent
CRAWL = Path.home() / ".cache" / "wetgraaf" / "bwb-2012"
SHARED = ROOT.parent / "shared" / "corpus" / "bwb"
MIN_BYTES = 2048  # smaller files in the crawl are <error> pages
COMMON_TERMS = (
    "partner",
    "inkomen",
    "kind",
    "werkgever",
    "onze minister",
    "wet",
    "belanghebbende",
    "werknemer",
    "minister",
    "college",
    "gemeente",
)
THREADS = 8
CONCURRENT_SECONDS = 3.0

FILES_COLS: list[tuple[str, str]] = [
    ("file_id", "BIGINT"),
    ("path", "VARCHAR"),
    ("size", "BIGINT"),
    ("mtime_ns", "BIGINT"),
    ("sha256", "VARCHAR"),
    ("extractor", "VARCHAR"),
    ("status", "VARCHAR"),
    ("bwb_id", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("message", "VARCHAR"),
    ("seconds", "DOUBLE"),
    ("ingested_at", "VARCHAR"),
]
_SQL_TO_DUCK = {"TEXT": "VARCHAR", "INTEGER": "BIGINT", "REAL": "DOUBLE"}
_DUCK_TO_ARROW = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64()}


# ---------------------------------------------------------------------------------------- rows
def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Every table's (column, DuckDB type), in the order of the SQLite store's tables."""
    out: dict[str, list[tuple[str, str]]] = {"files": FILES_COLS}
    for table, cls in RECORD_TABLES.items():
        cols = [("file_id", "BIGINT"), ("seq", "BIGINT")]
        cols += [(c.name, _SQL_TO_DUCK[c.sql_type]) for c in codec_for(cls).columns]
        cols += [(n, _SQL_TO_DUCK[t]) for n, t in _extra_columns(table)]
        out[table] = cols
    out["warnings"] = [("file_id", "BIGINT"), ("seq", "BIGINT"), ("message", "VARCHAR")]
    return out


COLUMNS = table_columns()
TABLES = list(COLUMNS)


def file_state(path: str, doc: Document) -> FileState:
    return FileState(path, 1000, 0, "0" * 64, extractor_version(), "document", doc.regeling.bwb_id)


def encode_file(fid: int, path: str, doc: Document) -> dict[str, list[tuple[Any, ...]]]:
    """One file's rows for every table, exactly as ``CorpusStore.put`` builds them."""
    st = file_state(path, doc)
    rows: dict[str, list[tuple[Any, ...]]] = {
        "files": [(fid, st.path, st.size, st.mtime_ns, st.sha256, st.extractor, st.status, st.bwb_id, "", "", 0.0, "")]
    }
    for table in ("regelingen", *_DOC_LISTS):
        recs = [doc.regeling] if table == "regelingen" else getattr(doc, table)
        c = codec_for(RECORD_TABLES[table])
        rows[table] = [(fid, i, *c.encode(r), *_extras(table, r)) for i, r in enumerate(recs)]
    rows["related"] = []
    rows["warnings"] = [(fid, i, w) for i, w in enumerate(doc.warnings)]
    return rows


def arrow_tables(per_file: Iterable[dict[str, list[tuple[Any, ...]]]]) -> dict[str, pa.Table]:
    """Rows of many files → one Arrow table per table (typed like the DuckDB columns)."""
    acc: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    for rows in per_file:
        for t, rs in rows.items():
            acc[t].extend(rs)
    out = {}
    for t, rs in acc.items():
        cols = COLUMNS[t]
        data = list(zip(*rs, strict=True)) if rs else [() for _ in cols]
        out[t] = pa.table(
            [pa.array(list(v), type=_DUCK_TO_ARROW[typ]) for v, (_, typ) in zip(data, cols, strict=True)],
            names=[n for n, _ in cols],
        )
    return out


# ---------------------------------------------------------------------------------------- DuckDB
INDEXES = [
    ("files_id", "files", "file_id", True),
    ("files_path", "files", "path", True),
    *[(f"{t}_file", t, "file_id, seq", False) for t in (*RECORD_TABLES, "warnings")],
    ("regelingen_bwb", "regelingen", "bwb_id", False),
    ("definitions_term", "definitions", "term_key", False),
    ("definitions_article", "definitions", "article_jci", False),
    ("provisions_article", "provisions", "article_jci", False),
    ("references_article", "references", "article_jci", False),
    ("units_id", "units", "id", False),
    ("rules_id", "rules", "id", False),
]


def duck_create(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    for t, cols in COLUMNS.items():
        con.execute(f'CREATE TABLE "{t}" ({", ".join(f"{q(n)} {typ}" for n, typ in cols)})')


def duck_index(con: duckdb.DuckDBPyConnection) -> None:
    for name, t, cols, unique in INDEXES:
        cols_q = ", ".join(q(c.strip()) for c in cols.split(","))
        con.execute(f'CREATE {"UNIQUE " if unique else ""}INDEX "{name}" ON "{t}" ({cols_q})')


def q(name: str) -> str:
    return f'"{name}"'


def duck_insert_arrow(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    for t, tbl in tables.items():
        if tbl.num_rows:
            con.register("src", tbl)
            con.execute(f'INSERT INTO "{t}" SELECT * FROM src').fetchall()
            con.unregister("src")


def duck_replace(con: duckdb.DuckDBPyConnection, items: list[tuple[str, Document]]) -> None:
    """Replace the rows of these files, one transaction (as ``put`` + ``commit``)."""
    con.execute("BEGIN")
    for path, doc in items:
        # DuckDB 2: a result must be fetched to the end before the connection runs anything else
        for (old,) in con.execute("SELECT file_id FROM files WHERE path = ?", [path]).fetchall():
            for t in TABLES:
                con.execute(f'DELETE FROM "{t}" WHERE file_id = ?', [old]).fetchall()
        fid = con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM files").fetchall()[0][0]
        duck_insert_arrow(con, arrow_tables([encode_file(fid, path, doc)]))
    con.execute("COMMIT")


# ---------------------------------------------------------------------------------------- Parquet
def parquet_write(folder: Path, tables: dict[str, pa.Table]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for t, tbl in tables.items():
        tmp = folder / f".{t}.parquet.tmp"
        pq.write_table(tbl, tmp)
        os.replace(tmp, folder / f"{t}.parquet")  # readers see the old file or the new one, never half


def parquet_replace(folder: Path, items: list[tuple[str, Document]]) -> None:
    """Replacing a file's rows in Parquet = rewriting every table file without them, plus the new rows."""
    files = pq.read_table(folder / "files.parquet")
    paths = [p for p, _ in items]
    old = pc.filter(files, pc.is_in(files["path"], pa.array(paths)))["file_id"]
    next_id = (pc.max(files["file_id"]).as_py() or 0) + 1
    new = arrow_tables(encode_file(next_id + i, p, d) for i, (p, d) in enumerate(items))
    out = {}
    for t in TABLES:
        cur = pq.read_table(folder / f"{t}.parquet")
        kept = pc.filter(cur, pc.invert(pc.is_in(cur["file_id"], old)))
        out[t] = pa.concat_tables([kept, new[t]])
    parquet_write(folder, out)


def duck_connect(path: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con


def parquet_connect(folder: Path) -> duckdb.DuckDBPyConnection:
    con = duck_connect()
    for t in TABLES:
        con.execute(f"CREATE VIEW \"{t}\" AS SELECT * FROM read_parquet('{folder / (t + '.parquet')}')")
    return con


# ---------------------------------------------------------------------------------------- helpers
def size_of(*paths: Path) -> int:
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(f.stat().st_size for f in p.iterdir() if f.is_file())
        elif p.exists():
            n += p.stat().st_size
    return n


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    return min(timed(fn) for _ in range(repeat))


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def sample_files(n: int, seed: int) -> list[Path]:
    if CRAWL.is_dir():
        pool = sorted(p for p in CRAWL.glob("*.xml") if p.stat().st_size >= MIN_BYTES)
    else:
        pool = sorted(p for p in SHARED.glob("*.xml") if p.stat().st_size >= MIN_BYTES)
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))))


# ---------------------------------------------------------------------------------------- lookups
DEF_COLS = ", ".join(q(n) for n, _ in COLUMNS["definitions"][2:-2])
PROV_COLS = ", ".join(q(n) for n, _ in COLUMNS["provisions"][2:-1])
DEF_SQL = f"SELECT {DEF_COLS} FROM definitions WHERE term_key = ? ORDER BY file_id, seq"
PROV_SQL = f"SELECT {PROV_COLS} FROM provisions WHERE article_jci = ? ORDER BY file_id, seq"


class Reader:
    """A backend's read side: ``run(sql, params)`` on a connection that belongs to the calling thread."""

    def __init__(self, name: str, opener: Callable[[], Any], sqlite: bool) -> None:
        self.name = name
        self._opener = opener
        self._sqlite = sqlite
        self._local = threading.local()
        self._root = opener()
        self._all: list[Any] = []

    def con(self) -> Any:
        c = getattr(self._local, "c", None)
        if c is None:
            c = self._root if self._sqlite else self._root.cursor()  # DuckDB: one cursor per thread
            self._local.c = c
            self._all.append(c)
        return c

    def run(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
        c = self.con()
        if self._sqlite:
            return c.execute(sql, params).fetchall()  # CorpusStore: one connection per thread
        return c.execute(sql, list(params)).fetchall()

    def close(self) -> None:
        for c in self._all:
            if not self._sqlite:
                c.close()
        self._root.close()


def lookup_queries(terms: list[str], articles: list[str]) -> list[tuple[str, str, str]]:
    return [("def", DEF_SQL, t) for t in terms] + [("prov", PROV_SQL, a) for a in articles]


def lookups_single(r: Reader, queries: list[tuple[str, str, str]], rounds: int = 3) -> dict[str, list[float]]:
    for _, sql, p in queries:  # warm-up
        r.run(sql, (p,))
    lat: dict[str, list[float]] = {"def": [], "prov": []}
    for _ in range(rounds):
        for kind, sql, p in queries:
            t0 = time.perf_counter()
            r.run(sql, (p,))
            lat[kind].append((time.perf_counter() - t0) * 1000)
    return lat


def lookups_threads(
    r: Reader, queries: list[tuple[str, str, str]], rounds: int = 2
) -> tuple[dict[str, list[float]], float]:
    def work(seed: int) -> list[tuple[str, float]]:
        qs = queries * rounds
        random.Random(seed).shuffle(qs)
        out = []
        for kind, sql, p in qs:
            t0 = time.perf_counter()
            r.run(sql, (p,))
            out.append((kind, (time.perf_counter() - t0) * 1000))
        return out

    barrier = threading.Barrier(THREADS)

    def open_con(_: int) -> None:  # every thread opens its connection outside the timing
        r.con()
        barrier.wait()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(open_con, range(THREADS)))
        t0 = time.perf_counter()
        results = list(pool.map(work, range(THREADS)))
        wall = time.perf_counter() - t0
    lat: dict[str, list[float]] = {"def": [], "prov": []}
    for res in results:
        for kind, ms in res:
            lat[kind].append(ms)
    return lat, wall


# ---------------------------------------------------------------------------------------- second process
def writer_main(backend: str, target: str, pickle_path: str, seconds: float) -> None:
    """The writer of the two-process test: replace the same files over and over for ``seconds``."""
    items = pickle.loads(Path(pickle_path).read_bytes())
    result: dict[str, Any] = {"ops": 0, "error": None}
    try:
        if backend == "sqlite":
            store = CorpusStore(target)
            print("ready", flush=True)
            t_end = time.monotonic() + seconds
            while time.monotonic() < t_end:
                for path, doc in items:
                    store.put(file_state(path, doc), doc)
                    store.commit()
                    result["ops"] += 1
            store.close()
        elif backend == "duckdb":
            con = duck_connect(target)
            print("ready", flush=True)
            t_end = time.monotonic() + seconds
            while time.monotonic() < t_end:
                for item in items:
                    duck_replace(con, [item])
                    result["ops"] += 1
            con.close()
        else:
            print("ready", flush=True)
            t_end = time.monotonic() + seconds
            while time.monotonic() < t_end:
                parquet_replace(Path(target), items)
                result["ops"] += 1
    except Exception as exc:  # reported to the parent, which prints it
        print("ready", flush=True)
        result["error"] = _short(exc)
    print(json.dumps(result), flush=True)


def _short(exc: BaseException) -> str:
    msg = str(exc).splitlines()[0].split(". However")[0]
    return f"{type(exc).__name__}: {msg.replace(str(Path(tempfile.gettempdir())), '…')}"


def two_processes(
    backend: str,
    target: Path,
    items: list[tuple[str, Document]],
    open_reader: Callable[[], Reader],
    probe: tuple[str, str],
) -> str:
    """A writer process replacing files while this process reads; both orders of opening for DuckDB."""
    pk = target.parent / f"{backend}-writer.pickle"
    pk.write_bytes(pickle.dumps(items))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, __file__, "--writer", backend, str(target), str(pk), str(CONCURRENT_SECONDS)]
    notes = []
    # 1. the writer holds the store; can this process read?
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    n, errors, lat = 0, Counter(), []
    t_end = time.monotonic() + CONCURRENT_SECONDS - 0.3
    reader = None
    while time.monotonic() < t_end:
        t0 = time.perf_counter()
        try:
            if reader is None:
                reader = open_reader()
            reader.run(probe[0], (probe[1],))
            n += 1
            lat.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:
            errors[_short(exc)] += 1
            reader = None
            time.sleep(0.05)
    if reader is not None:
        reader.close()
    out = json.loads(proc.stdout.read().strip().splitlines()[-1])
    proc.wait()
    w = f"writer: {out['ops']} replacements" + (f", error {out['error']}" if out["error"] else "")
    r = f"reader: {n} lookups ok" + (
        f" (p50 {pct(lat, 50):.2f} ms, p95 {pct(lat, 95):.2f} ms, max {max(lat):.0f} ms)" if lat else ""
    )
    if errors:
        r += "; " + "; ".join(f"{k} ×{v}" for k, v in errors.most_common(2))
    notes.append(f"{w}; {r}")
    if backend == "duckdb":
        # 2. this process has the store open (read-only); can a writer process open it?
        reader = open_reader()
        proc = subprocess.run(cmd[:-1] + ["0.5"], capture_output=True, text=True, env=env)
        reader.close()
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        notes.append("reader open first → " + (f"writer {out['error']}" if out["error"] else "writer ok"))
    pk.unlink()
    return " / ".join(notes)


# ---------------------------------------------------------------------------------------- main
def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n_files", nargs="?", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2012)
    ap.add_argument("--tmp", type=Path, default=None, help="folder for the stores (default: a temporary folder)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="store-choice-", dir=args.tmp))
    try:
        run(args.n_files, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n_files: int, seed: int, work: Path) -> None:
    files = sample_files(n_files, seed)
    print(f"parsing {len(files)} files (seed {seed}) …", file=sys.stderr)
    t0 = time.perf_counter()
    res = ingest_paths(files, workers=2)
    parse_s = time.perf_counter() - t0
    docs = res.documents
    items = [(f"{i:05d}/{d.regeling.source}", d) for i, d in enumerate(docs)]
    rng = random.Random(seed)
    k = max(1, round(len(items) / 100))
    replace_items = rng.sample(items, k)

    # ---- rows, once, for the row counts and the terms/articles to look up
    t0 = time.perf_counter()
    per_file = [encode_file(i + 1, p, d) for i, (p, d) in enumerate(items)]
    encode_s = time.perf_counter() - t0
    counts = {t: sum(len(r[t]) for r in per_file) for t in TABLES}
    key_i = [n for n, _ in COLUMNS["definitions"]].index("term_key")
    art_i = [n for n, _ in COLUMNS["provisions"]].index("article_jci")
    freq = Counter(r[key_i] for rows in per_file for r in rows["definitions"])
    terms = [term_key(t) for t in COMMON_TERMS]
    terms += [t for t, _ in freq.most_common(40) if t not in terms][: max(0, 20 - len(terms))]
    arts = sorted({r[art_i] for rows in per_file for r in rows["provisions"] if r[art_i]})
    articles = rng.sample(arts, min(100, len(arts)))
    queries = lookup_queries(terms, articles)
    del per_file

    R: dict[str, dict[str, Any]] = {"sqlite": {}, "duckdb": {}, "parquet": {}}
    sq_path, dk_path, pq_dir = work / "corpus.sqlite", work / "corpus.duckdb", work / "parquet"

    # ---- bulk write
    def sqlite_write() -> None:
        s = CorpusStore(sq_path)
        for p, d in items:
            s.put(file_state(p, d), d)
        s.commit()
        s.close()

    def duck_write() -> None:
        con = duck_connect(dk_path)
        duck_create(con)
        con.execute("BEGIN")
        duck_insert_arrow(con, arrow_tables(encode_file(i + 1, p, d) for i, (p, d) in enumerate(items)))
        con.execute("COMMIT")
        duck_index(con)
        con.execute("CHECKPOINT")
        con.close()

    def duck_stream_write() -> None:
        """Per file, into indexed tables (the shape of pipeline.ingest), one transaction."""
        path = work / "stream.duckdb"
        con = duck_connect(path)
        duck_create(con)
        duck_index(con)
        con.execute("BEGIN")
        for i, (p, d) in enumerate(items):
            duck_insert_arrow(con, arrow_tables([encode_file(i + 1, p, d)]))
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
        path.unlink()

    def duck_executemany(n: int) -> tuple[float, int]:
        path = work / "many.duckdb"
        con = duck_connect(path)
        duck_create(con)
        rows = 0
        t0 = time.perf_counter()
        con.execute("BEGIN")
        for i, (p, d) in enumerate(items[:n]):
            for t, rs in encode_file(i + 1, p, d).items():
                if rs:
                    con.executemany(f'INSERT INTO "{t}" VALUES ({",".join("?" * len(COLUMNS[t]))})', rs)
                    rows += len(rs)
        con.execute("COMMIT")
        dt = time.perf_counter() - t0
        con.close()
        path.unlink()
        return dt, rows

    def parquet_bulk() -> None:
        parquet_write(pq_dir, arrow_tables(encode_file(i + 1, p, d) for i, (p, d) in enumerate(items)))

    print("writing …", file=sys.stderr)
    R["sqlite"]["write"] = timed(sqlite_write)
    R["duckdb"]["write"] = timed(duck_write)
    R["parquet"]["write"] = timed(parquet_bulk)
    R["sqlite"]["stream"] = R["sqlite"]["write"]
    R["duckdb"]["stream"] = timed(duck_stream_write)
    many_s, many_rows = duck_executemany(min(10, len(items)))
    total_rows = sum(counts.values())
    R["duckdb"]["many"] = many_s / max(1, many_rows) * total_rows

    with CorpusStore(sq_path) as s:
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    R["sqlite"]["size"] = size_of(sq_path, Path(f"{sq_path}-wal"))
    R["duckdb"]["size"] = size_of(dk_path, Path(f"{dk_path}.wal"))
    R["parquet"]["size"] = size_of(pq_dir)

    # ---- replace 1 %
    print("replacing …", file=sys.stderr)

    def sqlite_replace(s: CorpusStore) -> None:
        for p, d in replace_items:
            s.put(file_state(p, d), d)
        s.commit()

    with CorpusStore(sq_path) as st:  # opening is not timed, for none of the three
        R["sqlite"]["replace"] = statistics.median(timed(lambda: sqlite_replace(st)) for _ in range(3))
    con = duck_connect(dk_path)
    R["duckdb"]["replace"] = statistics.median(timed(lambda: duck_replace(con, replace_items)) for _ in range(3))
    con.close()
    R["parquet"]["replace"] = statistics.median(timed(lambda: parquet_replace(pq_dir, replace_items)) for _ in range(3))

    # ---- readers
    readers = {
        "sqlite": lambda: Reader("sqlite", lambda: CorpusStore(sq_path, readonly=True), sqlite=True),
        "duckdb": lambda: Reader("duckdb", lambda: duck_connect(dk_path, read_only=True), sqlite=False),
        "parquet": lambda: Reader("parquet", lambda: parquet_connect(pq_dir), sqlite=False),
    }
    plans = {}
    for b in ("duckdb", "parquet"):
        r = readers[b]()
        # DuckDB 2 picks an index scan at run time: only EXPLAIN ANALYZE shows it
        plan = "\n".join(str(x) for row in r.run("EXPLAIN ANALYZE " + DEF_SQL, (terms[0],)) for x in row)
        plans[b] = "index scan" if "Index Scan" in plan else "sequential scan"
        r.close()

    print("lookups …", file=sys.stderr)
    for b, mk in readers.items():
        r = mk()
        lat = lookups_single(r, queries)
        R[b]["def_p50"], R[b]["def_p95"] = pct(lat["def"], 50), pct(lat["def"], 95)
        R[b]["prov_p50"], R[b]["prov_p95"] = pct(lat["prov"], 50), pct(lat["prov"], 95)
        r.close()
    for b, mk in readers.items():
        r = mk()
        lat, wall = lookups_threads(r, queries)
        R[b]["t_def_p50"], R[b]["t_def_p95"] = pct(lat["def"], 50), pct(lat["def"], 95)
        R[b]["t_prov_p50"], R[b]["t_prov_p95"] = pct(lat["prov"], 50), pct(lat["prov"], 95)
        R[b]["t_wall"] = wall
        r.close()

    # ---- scans
    print("scans …", file=sys.stderr)
    tables_read = [t for t in TABLES if t != "files"]
    for b, mk in readers.items():
        r = mk()
        R[b]["group"] = best(lambda r=r: r.run("SELECT kind, count(*) FROM definitions GROUP BY kind"))
        R[b]["texts"] = best(lambda r=r: sum(len(t) for (t,) in r.run("SELECT text FROM provisions")))
        if b != "sqlite":
            R[b]["texts_arrow"] = best(lambda r=r: r.con().sql("SELECT text FROM provisions").to_arrow_table())

        def read_all(r: Reader = r) -> None:
            for t in tables_read:
                cols = ", ".join(q(n) for n, _ in COLUMNS[t][2:])
                r.run(f'SELECT file_id, {cols} FROM "{t}" ORDER BY file_id, seq')

        R[b]["all"] = best(read_all, 2)
        r.close()
    with CorpusStore(sq_path, readonly=True) as s:
        R["sqlite"]["documents"] = timed(lambda: sum(1 for _ in s.documents()))

    # ---- a writer in another process
    print("two processes …", file=sys.stderr)
    targets = {"sqlite": sq_path, "duckdb": dk_path, "parquet": pq_dir}
    two = {b: two_processes(b, t, replace_items, readers[b], (DEF_SQL, terms[0])) for b, t in targets.items()}

    report(len(files), len(docs), parse_s, encode_s, counts, terms, k, R, plans, two, many_rows)


def report(n_files, n_docs, parse_s, encode_s, counts, terms, k, R, plans, two, many_rows) -> None:
    def s(v: float) -> str:
        return f"{v:.2f} s" if v >= 0.1 else f"{v * 1000:.1f} ms"

    def ms(v: float) -> str:
        return f"{v:.2f} ms" if v < 10 else f"{v:.0f} ms"

    def mb(v: float) -> str:
        return f"{v / 1e6:.1f} MB"

    rows = [
        ("Bulk write, all files", "write", s),
        ("Streamed write, file by file into indexed tables", "stream", s),
        ("Size on disk", "size", mb),
        (f"Replace 1 % ({k} files): delete + insert, commit", "replace", s),
        ("Definition by term_key, p50 (1 thread)", "def_p50", ms),
        ("Definition by term_key, p95 (1 thread)", "def_p95", ms),
        ("Provision by article_jci, p50 (1 thread)", "prov_p50", ms),
        ("Provision by article_jci, p95 (1 thread)", "prov_p95", ms),
        (f"Definition by term_key, p50 ({THREADS} threads)", "t_def_p50", ms),
        (f"Definition by term_key, p95 ({THREADS} threads)", "t_def_p95", ms),
        (f"Provision by article_jci, p50 ({THREADS} threads)", "t_prov_p50", ms),
        (f"Provision by article_jci, p95 ({THREADS} threads)", "t_prov_p95", ms),
        (f"{THREADS} threads × 2 rounds of all lookups, wall", "t_wall", s),
        ("Scan: definitions GROUP BY kind", "group", s),
        ("Scan: every provisions text into Python", "texts", s),
        ("Scan: every provisions text as Arrow", "texts_arrow", s),
        ("Read back every table ordered by file, seq (as documents())", "all", s),
    ]
    names = {"sqlite": "SQLite (CorpusStore)", "duckdb": "DuckDB file", "parquet": "Parquet + DuckDB"}
    print()
    print(f"{n_files} BWB files sampled, {n_docs} documents; parsed once in {parse_s:.1f} s; rows per table:")
    print(", ".join(f"{t} {n:,}" for t, n in counts.items()) + f" (total {sum(counts.values()):,})")
    print(f"encoding every row with the codec (included in every write below): {encode_s:.2f} s")
    print(f"term keys looked up: {', '.join(terms)}")
    print(f"DuckDB plan for the term_key lookup: file {plans['duckdb']}, Parquet {plans['parquet']}")
    print()
    print(f"| | {names['sqlite']} | {names['duckdb']} | × | {names['parquet']} | × |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, key, fmt in rows:
        cells = [label]
        base = R["sqlite"].get(key)
        cells.append(fmt(base) if base is not None else "–")
        for b in ("duckdb", "parquet"):
            v = R[b].get(key)
            cells.append(fmt(v) if v is not None else "–")
            cells.append(f"{v / base:.2f}" if v is not None and base else "")
        print("| " + " | ".join(cells) + " |")
    print(
        f"| DuckDB `executemany` instead of Arrow (timed on {many_rows:,} rows of 10 files, extrapolated) | – | "
        f"{s(R['duckdb']['many'])} | {R['duckdb']['many'] / R['sqlite']['write']:.2f} | – | |"
    )
    print(
        f"| `CorpusStore.documents()`, every document rebuilt as records | {s(R['sqlite']['documents'])} | – | | – | |"
    )
    print()
    print("× = time (or size) over SQLite's in this run; > 1 is slower (larger) than SQLite.")
    print("Parquet replace = read each of the table files, drop the files' rows, append the new ones, rewrite the")
    print("whole file (temp + rename). Streamed write for SQLite = the bulk write (put per file is how it writes).")
    print()
    print("Writer in a second process while this process reads (3 s):")
    for b, note in two.items():
        print(f"* {names[b]}: {note}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        writer_main(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    else:
        main(sys.argv[1:])
