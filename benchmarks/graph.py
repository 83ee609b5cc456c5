"""Graph loading speed: triples/s into Oxigraph, rows/s into the property-graph backends.

Run: ``python benchmarks/graph.py [PATH ...]`` (default: the bundled corpus). Baselines are
measured in the same run:

* RDF: wetgraaf's load (model → triples → ``bulk_extend``) against Oxigraph bulk-loading the
  very same triples from N-Triples bytes (the store's own fastest path);
* ladybug: the rebuild with ``COPY FROM`` Parquet against ``UNWIND … MERGE`` upserts of the
  same rows (the incremental path);
* Bolt: the Neo4j writer (batched ``UNWIND … MERGE``) into ArcadeDB's Bolt server, first
  load and the idempotent second load (ArcadeDB is a protocol stand-in, not a Neo4j
  benchmark; set NEO4J_URI to measure a real Neo4j).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wetgraaf.graph import rdf  # noqa: E402
from wetgraaf.graph.model import build_model  # noqa: E402
from wetgraaf.graph.stores import open_store  # noqa: E402
from wetgraaf.ingest.batch import ingest_paths  # noqa: E402


def _t(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main(argv: list[str]) -> None:
    paths = argv or [str(ROOT / "wetgraaf" / "data" / "corpus")]
    docs = ingest_paths(paths).documents
    t_model, model = _t(lambda: build_model(docs))
    rows = len(model.nodes) + len(model.edges)
    print(
        f"{len(docs)} documents → {len(model.nodes):,} nodes, {len(model.edges):,} relationships (model built in {t_model:.2f} s)"
    )

    t_rdf, store = _t(lambda: rdf.load_store(model))
    n = len(store)
    buf = io.BytesIO()
    store.dump(buf, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    data = buf.getvalue()
    base = ox.Store()
    t_base, _ = _t(lambda: base.bulk_load(data, ox.RdfFormat.N_TRIPLES))
    print(
        f"{'RDF (Oxigraph, in memory)':34s} {n / t_rdf:12,.0f} triples/s   baseline N-Triples bulk_load {n / t_base:12,.0f} triples/s   ratio {t_base / t_rdf:5.2f}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        lb = open_store("ladybug", path=Path(tmp) / "g.lbug")
        t_copy, _ = _t(lambda: lb.load(model))
        small = build_model(docs[:3])
        lb2 = open_store("ladybug", path=Path(tmp) / "u.lbug")
        t_merge, _ = _t(lambda: lb2.upsert(small))
        small_rows = len(small.nodes) + len(small.edges)
        print(
            f"{'ladybug COPY FROM Parquet':34s} {rows / t_copy:12,.0f} rows/s      baseline UNWIND MERGE upsert {small_rows / t_merge:12,.0f} rows/s      ratio {(rows / t_copy) / (small_rows / t_merge):5.1f}x"
        )

    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from tests.bolt import bolt_server

        with bolt_server() as srv:
            neo = open_store("neo4j", uri=srv.uri, user=srv.user, password=srv.password, database=srv.database)
            t1, _ = _t(lambda: neo.load(model))
            t2, _ = _t(lambda: neo.load(model))
            what = "Neo4j" if srv.real_neo4j else "ArcadeDB Bolt"
            print(
                f"{what + ' (Neo4j writer)':34s} {rows / t1:12,.0f} rows/s      second, idempotent load {rows / t2:12,.0f} rows/s"
            )
            neo.close()
    except ImportError as exc:
        print(f"Bolt: skipped ({exc})")


if __name__ == "__main__":
    main(sys.argv[1:])
