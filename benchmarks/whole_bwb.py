"""Every stage of the pipeline on the whole BWB: wall time, MB/s and peak memory, in one run.

Run: ``python benchmarks/whole_bwb.py DUMP [--out DIR] [--skip STAGE ...]`` where DUMP is the
unpacked 2012 crawl (``tar -xJf ../shared/corpus/bwb-2012.tar.xz -C ~/.cache/wetgraaf``; 27,498
files, ~650 MB). DUMP itself is never changed: it is mirrored into DIR/mirror with hard links,
and the "1 % changed" stage replaces 1 % of the links (a fixed, seeded draw) by copies with a
comment appended.

Stages, each in its own process so that its peak RSS is its own:

* ``lxml``: a bare ``etree.parse`` of every file, no Python work per element (the baseline);
* ``ingest``: ``wetgraaf ingest`` into a new corpus store (both cores);
* ``reingest``: the same again, nothing changed;
* ``reingest_1pct``: 1 % of the files changed;
* ``analyse``, ``rdf``, ``ladybug``: the stages after ingest, read from the store;
* ``serve``: from ``wetgraaf serve`` to the first answer of a term lookup.

Prints a Markdown table (the README's) with MB/s and the ratio to bare lxml, and writes
DIR/whole_bwb.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("lxml", "ingest", "reingest", "reingest_1pct", "analyse", "rdf", "ladybug", "serve")


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _files(root: Path) -> list[Path]:
    from wetgraaf.ingest.batch import discover

    return list(discover([root]))


def _mirror(dump: Path, mirror: Path) -> None:
    if mirror.exists():
        shutil.rmtree(mirror)
    for f in _files(dump):
        target = mirror / f.relative_to(dump)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(f, target)
        except OSError:
            shutil.copyfile(f, target)


def _change_one_percent(mirror: Path) -> int:
    files = sorted(_files(mirror))
    picked = random.Random(2012).sample(files, max(1, len(files) // 100))
    for f in picked:
        data = f.read_bytes()
        f.unlink()  # break the hard link: DUMP keeps its bytes
        f.write_bytes(data + b"\n<!-- wetgraaf benchmark: changed -->\n")
    return len(picked)


def run_stage(stage: str, dump: Path, out: Path) -> dict[str, object]:
    """Run one stage in this process; returns its measurements."""
    from wetgraaf import pipeline
    from wetgraaf.pipeline import Layout

    layout = Layout(out)
    mirror = out / "mirror"
    t0 = time.perf_counter()
    extra: dict[str, object] = {}
    if stage == "lxml":
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        n = 0
        for f in _files(dump):
            try:
                etree.parse(str(f), parser)
            except etree.XMLSyntaxError:
                pass
            n += f.stat().st_size
        extra["bytes"] = n
    elif stage in ("ingest", "reingest", "reingest_1pct"):
        if stage == "ingest":
            for p in (layout.store, Path(f"{layout.store}-wal"), Path(f"{layout.store}-shm")):
                p.unlink(missing_ok=True)
            _mirror(dump, mirror)
            t0 = time.perf_counter()
        if stage == "reingest_1pct":
            extra["changed_files"] = _change_one_percent(mirror)
            t0 = time.perf_counter()
        run = pipeline.ingest([mirror], layout)
        extra.update(
            parsed=run.parsed,
            unchanged=run.unchanged,
            removed=run.removed,
            bytes=run.bytes_parsed,
            regelingen=run.summary["regelingen"],
            definitions=run.summary["definitions"],
            rejected=run.summary["rejected"],
        )
    elif stage == "analyse":
        report = pipeline.analyse(layout)
        extra.update(clusters=len(report["clusters"]), pairs=report["summary"]["pairs"])
    elif stage in ("rdf", "ladybug"):
        counts = pipeline.build_stores(layout, stages=("rdf",) if stage == "rdf" else ("graph",))
        extra.update(triples=counts.get("triples"), nodes=sum(counts["model"].values()))
    elif stage == "serve":
        from _serve import serving

        with serving(
            ["--out", str(out)], out / "serve.log", "/terms/partner/definitions", lambda r: r.status_code == 200
        ) as (_proc, _base, first):
            extra["first_answer_bytes"] = len(first.content)
    seconds = time.perf_counter() - t0
    return {"stage": stage, "seconds": round(seconds, 2), "peak_rss_mb": round(_peak_mb()), **extra}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--out", type=Path, default=Path.home() / ".cache" / "wetgraaf" / "whole-bwb-out")
    ap.add_argument("--skip", nargs="*", default=[], choices=STAGES)
    ap.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)  # internal: run one stage
    args = ap.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.dump.resolve(), args.out.resolve())))
        return
    if not args.dump.is_dir():
        raise SystemExit(f"{args.dump}: not a folder (unpack ../shared/corpus/bwb-2012.tar.xz first)")
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for stage in STAGES:
        if stage in args.skip:
            continue
        print(f"… {stage}", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, str(args.dump), "--out", str(args.out), "--stage", stage],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"stage {stage} failed:\n{proc.stderr[-3000:]}")
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"  {row}", file=sys.stderr, flush=True)
        results.append(row)
    (args.out / "whole_bwb.json").write_text(json.dumps(results, indent=1))
    base = next((r for r in results if r["stage"] == "lxml"), None)
    base_rate = base["bytes"] / base["seconds"] / 1e6 if base else None
    print("| stage | wall | MB/s | × bare lxml | peak RSS | notes |")
    print("|---|---:|---:|---:|---:|---|")
    for r in results:
        rate = r.get("bytes", 0) / r["seconds"] / 1e6 if r.get("bytes") and r["seconds"] else None
        ratio = f"{rate / base_rate:.3f}" if rate and base_rate else ""
        notes = ", ".join(
            f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
            for k, v in r.items()
            if k not in ("stage", "seconds", "peak_rss_mb", "bytes")
        )
        print(
            f"| {r['stage']} | {r['seconds']:,.1f} s | {f'{rate:,.1f}' if rate else ''} | {ratio} | "
            f"{r['peak_rss_mb']:,} MB | {notes} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
