"""Ingest speed: MB/s of BWB XML fully ingested vs. a bare lxml parse of the same bytes.

Run: ``python benchmarks/ingest.py [PATH ...]`` (default: ../shared/corpus/bwb, else the
bundled corpus). Everything is measured in the same run, so the ratios compare like with
like on this machine. Reported:

* bare lxml: ``etree.iterparse`` over every file, no Python work per element (baseline);
* full ingest, 1 process: :func:`wetgraaf.ingest.parse` of every file (records, definitions,
  references, norm types);
* full ingest, batch: :func:`wetgraaf.ingest.batch.ingest_paths` with all cores;
* one large regeling: the corpus concatenated into one synthetic ~N MB regeling, to show
  that memory stays flat while streaming (peak RSS is printed).
"""

from __future__ import annotations

import io
import os
import re
import resource
import sys
import time
from pathlib import Path

from lxml import etree

from wetgraaf.ingest import parse
from wetgraaf.ingest.batch import discover, ingest_paths

ROOT = Path(__file__).resolve().parent.parent


def _files(argv: list[str]) -> list[Path]:
    if argv:
        return list(discover(argv))
    shared = ROOT.parent / "shared" / "corpus" / "bwb"
    return list(discover([shared if shared.is_dir() else ROOT / "wetgraaf" / "data" / "corpus"]))


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _big_regeling(blobs: list[bytes], target_mb: float) -> bytes:
    """A synthetic large toestand: the articles of the corpus's toestand files, renumbered."""
    arts: list[bytes] = []
    for b in blobs:
        if b.lstrip().startswith(b"<?xml") and b"<toestand" in b[:2000]:
            arts.extend(re.findall(rb"<artikel\b.*?</artikel>", b, re.S))
    out = io.BytesIO()
    out.write(
        b'<?xml version="1.0" encoding="UTF-8"?><toestand bwb-id="BWBR9999999" inwerkingtreding="2025-01-01">'
        b'<wetgeving soort="wet"><citeertitel>Synthetische grote wet</citeertitel><wet-besluit><wettekst>'
    )
    n = 0
    while out.tell() < target_mb * 1e6:
        for a in arts:
            n += 1
            out.write(
                re.sub(rb"<nr status=\"officieel\">[^<]*</nr>", b'<nr status="officieel">%d</nr>' % n, a, count=1)
            )
    out.write(b"</wettekst></wet-besluit></wetgeving></toestand>")
    return out.getvalue()


def main(argv: list[str]) -> None:
    files = _files(argv)
    blobs = [f.read_bytes() for f in files]
    mb = sum(map(len, blobs)) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB of BWB XML, {os.cpu_count()} cores")

    def bare() -> None:
        for b in blobs:
            for _ in etree.iterparse(
                io.BytesIO(b), events=("end",), resolve_entities=False, load_dtd=False, no_network=True
            ):
                pass

    def full() -> None:
        for f, b in zip(files, blobs, strict=True):
            parse(b, name=f.name)

    def batch() -> None:
        ingest_paths(files)

    t_bare, t_full, t_batch = _best(bare), _best(full), _best(batch, repeat=2)
    print(f"{'bare lxml iterparse':32s} {mb / t_bare:8.1f} MB/s  (baseline)")
    print(f"{'full ingest, 1 process':32s} {mb / t_full:8.1f} MB/s  ratio to bare lxml {t_bare / t_full:5.3f}")
    print(
        f"{'full ingest, batch (all cores)':32s} {mb / t_batch:8.1f} MB/s  ratio to bare lxml {t_bare / t_batch:5.3f}  speed-up over 1 process {t_full / t_batch:4.2f}x"
    )

    big = _big_regeling(blobs, target_mb=52)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    doc = parse(io.BytesIO(big), name="synthetic")
    t_big = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{'one synthetic regeling':32s} {len(big) / 1e6 / t_big:8.1f} MB/s  ({len(big) / 1e6:.0f} MB, {len(doc.articles):,} articles; peak RSS {rss0:.0f} → {rss1:.0f} MB)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
