"""Dump every record that parsing gives, to check that a change (a speed-up) changes no output.

Run the same command against two trees and compare the files byte for byte::

    PYTHONPATH=/work/main     python benchmarks/ingest_dump.py --out before.txt FILES_OR_LIST...
    PYTHONPATH=/work/wt-speed python benchmarks/ingest_dump.py --out after.txt  FILES_OR_LIST...
    cmp before.txt after.txt

Arguments are XML files, directories (their ``*.xml``) or text files listing one path a line.
Every file is parsed twice, with the built-in title table (as a batch ingest does) and without
(as :func:`wetgraaf.ingest.parse` is called by default); per document the ``repr`` of the
regeling, units, provisions, definitions, references, rules (confidence rounded to 12 digits)
and warnings is written, or the reason a file was rejected.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import wetgraaf
from wetgraaf.ingest import parse
from wetgraaf.ingest.batch import builtin_titles
from wetgraaf.ingest.xmlsafe import RejectedFile


def _paths(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            out.extend(sorted(p.glob("*.xml")))
        elif p.suffix == ".xml":
            out.append(p)
        else:
            out.extend(Path(x) for x in p.read_text(encoding="utf-8").split())
    return out


def _rounded(record: object) -> object:
    if getattr(record, "confidence", None) is not None:
        return dataclasses.replace(record, confidence=round(record.confidence, 12))  # type: ignore[type-var]
    return record


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    print(f"wetgraaf from {wetgraaf.__file__}", file=sys.stderr)
    titles = builtin_titles()
    files = _paths(args.paths)
    with open(args.out, "w", encoding="utf-8") as fh:
        for f in files:
            data = f.read_bytes()
            for mode, table in (("titles", titles), ("plain", None)):
                fh.write(f"=== {f} {mode}\n")
                try:
                    doc = parse(data, name=f.name, titles=table)
                except RejectedFile as exc:
                    fh.write(f"REJECTED {exc!r}\n")
                    continue
                fh.write(repr(doc.regeling) + "\n")
                for attr in ("units", "provisions", "definitions", "references", "rules", "warnings", "related"):
                    records = getattr(doc, attr)
                    fh.write(f"-- {attr} {len(records)}\n")
                    for r in records:
                        fh.write(repr(_rounded(r)) + "\n")
    print(f"{len(files)} files -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
