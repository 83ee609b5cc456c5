"""Time and peak memory of each stage of :func:`wetgraaf.graph.analysis.report.analyse`.

Run: ``python benchmarks/analysis_stages.py DOCS.pkl [N]``: the documents are a pickled list
of :class:`~wetgraaf.ingest.records.Document` (an ingest of the BWB dump, see ``--ingest``);
with ``N``, a random sample of ``N`` of them (seed 17) is analysed, and pickled beside the input
as ``…-sample-N.pkl`` for the next run.

``python benchmarks/analysis_stages.py --ingest DIR OUT.pkl`` ingests every file of at least
2 KB under ``DIR`` (smaller files in the 2012 dump are error pages) on two cores and pickles
the documents.

Each function that ``analyse`` calls from its module namespace is wrapped: wall time and the
peak resident set size during the call (sampled every 20 ms from ``/proc/self/statm``) are
printed per stage, with the RSS at the start, then the totals. Stages nested in other stages
(``follow`` inside ``term_pairs``) are not wrapped; only the names in ``report``'s namespace.
"""

from __future__ import annotations

import os
import pickle
import random
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


class Peak:
    def __init__(self) -> None:
        self.peak = rss_mb()
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.02)

    def reset(self) -> None:
        self.peak = rss_mb()


def ingest(folder: str, out: str) -> None:
    from wetgraaf.ingest.batch import ingest_paths

    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.stat().st_size >= 2048)
    r = ingest_paths(files, workers=2)
    with open(out, "wb") as f:
        pickle.dump(r.documents, f, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{len(r.documents)} documents, {len(r.rejected)} rejected, {r.seconds:.0f} s")


def main(argv: list[str]) -> None:
    sys.setrecursionlimit(100_000)
    if argv[0] == "--ingest":
        ingest(argv[1], argv[2])
        return
    src = Path(argv[0])
    n = int(argv[1]) if len(argv) > 1 else None
    cached = src.with_name(f"{src.stem}-sample-{n}.pkl") if n else src
    with open(cached if cached.exists() else src, "rb") as f:
        docs = pickle.load(f)
    if n and not cached.exists():
        docs = random.Random(17).sample(sorted(docs, key=lambda d: (d.regeling.bwb_id, str(d.regeling.version))), n)
        with open(cached, "wb") as f:
            pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)

    from wetgraaf.graph.analysis import report

    peak = Peak()
    rows: list[tuple[str, float, float, float, float]] = []
    depth = [0]

    def wrap(name, fn):
        def timed(*a, **k):
            if depth[0]:
                return fn(*a, **k)
            depth[0] += 1
            start = rss_mb()
            peak.reset()
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                rows.append((name, time.perf_counter() - t, time.process_time() - c, start, peak.peak))
                depth[0] -= 1

        return timed

    for name in dir(report):
        obj = getattr(report, name)
        if (
            callable(obj)
            and getattr(obj, "__module__", "").startswith("wetgraaf.graph.analysis.")
            and name != "analyse"
        ):
            setattr(report, name, wrap(name, obj))
    base = rss_mb()
    peak.reset()
    t0, c0 = time.perf_counter(), time.process_time()
    out = report.analyse(docs)
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    agg: dict[str, list[float]] = {}
    for name, secs, cs, start, top in rows:
        a = agg.setdefault(name, [0.0, 0.0, start, 0.0, 0])
        a[0] += secs
        a[1] += cs
        a[3] = max(a[3], top)
        a[4] += 1
    print(f"{len(docs)} documents, RSS before analyse {base:.0f} MB (CPU s: the machine is shared)")
    print(f"{'stage':28} {'calls':>6} {'wall s':>9} {'CPU s':>9} {'RSS start':>10} {'peak RSS':>9}")
    for name, (secs, cs, start, top, calls) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
        if secs >= 0.05:
            print(f"{name:28} {calls:6d} {secs:9.1f} {cs:9.1f} {start:10.0f} {top:9.0f}")
    rest, rest_cpu = total - sum(v[0] for v in agg.values()), cpu - sum(v[1] for v in agg.values())
    print(f"{'(rest of analyse)':28} {'':6} {rest:9.1f} {rest_cpu:9.1f}")
    print(f"{'total':28} {'':6} {total:9.1f} {cpu:9.1f} {base:10.0f} {max(v[3] for v in agg.values()):9.0f}")
    s = out["summary"]
    sizes = sorted((c["n_definitions"] for c in out["clusters"]), reverse=True)
    print(
        {k: s[k] for k in ("definitions", "terms", "pairs", "clusters", "cross_term_duplicates", "unused_definitions")}
    )
    print("relations", s["relations"])
    print("largest clusters", sizes[:10])
    if out["clusters"]:
        top = max(out["clusters"], key=lambda c: c["n_definitions"])
        print("largest cluster terms", len(top["terms"]), top["terms"][:15])


if __name__ == "__main__":
    main(sys.argv[1:])
