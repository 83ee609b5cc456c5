"""Rule relations and parameters over a seeded sample of the 2012 dump (issue 18, item 6).

Counts leden (provisions of kind lid/artikel) that give each relation and parameter kind, and
times the ingest of the same files with and without the extraction, in the same run (the
extraction is switched off by replacing ``extract_rules`` in the parser with a no-op).

    python -m benchmarks.rules_sample [N] [SEED]
"""

from __future__ import annotations

import importlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

from wetgraaf.ingest import parse
from wetgraaf.ingest.batch import builtin_titles
from wetgraaf.ingest.rules_relations import as_labels
from wetgraaf.ingest.xmlsafe import RejectedFile

parse_mod = importlib.import_module("wetgraaf.ingest.parse")  # the package's ``parse`` is the function
DUMP = Path.home() / ".cache" / "wetgraaf" / "bwb-2012"


def main(n: int = 1000, seed: int = 18) -> None:
    files = sorted(DUMP.glob("*.xml"))
    sample = random.Random(seed).sample(files, n)
    blobs = [(f.name, f.read_bytes()) for f in sample]
    titles = builtin_titles()
    real = parse_mod.extract_rules

    def run(extract: bool) -> tuple[float, list]:
        parse_mod.extract_rules = real if extract else (lambda *a, **k: ([], []))
        docs = []
        t0 = time.perf_counter()
        for name, b in blobs:
            try:
                docs.append(parse(b, name=name, titles=titles))
            except RejectedFile:
                pass
        return time.perf_counter() - t0, docs

    off1, _ = run(False)
    on, docs = run(True)
    off2, _ = run(False)
    parse_mod.extract_rules = real
    leden = 0
    rel: Counter[str] = Counter()
    par: Counter[str] = Counter()
    n_rel: Counter[str] = Counter()
    n_par: Counter[str] = Counter()
    unresolved = 0
    for d in docs:
        for lab in as_labels(d):
            leden += 1
            for k in {r["relation"] for r in lab["relations"]}:
                rel[k] += 1
            for k in {p["kind"] for p in lab["parameters"]}:
                par[k] += 1
            for r in lab["relations"]:
                n_rel[r["relation"]] += 1
                unresolved += r["target"] is None
            for p in lab["parameters"]:
                n_par[p["kind"]] += 1
    print(f"files {n} (seed {seed}), parsed {len(docs)}, leden {leden}")
    print("leden with relation:", dict(rel.most_common()), "relations:", dict(n_rel.most_common()))
    print(f"relations without target: {unresolved} of {sum(n_rel.values())}")
    print("leden with parameter:", dict(par.most_common()), "parameters:", dict(n_par.most_common()))
    acts = sum(1 for d in docs for p in d.rule_parameters if p.act)
    actors = sum(1 for d in docs for p in d.rule_parameters if p.actor)
    print(f"parameters with act {acts}, with actor {actors}, of {len([p for d in docs for p in d.rule_parameters])}")
    print(f"ingest seconds: without extraction {off1:.1f} / {off2:.1f}, with {on:.1f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
