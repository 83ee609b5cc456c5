"""Score the rule relations and rule parameters against the blind oracle
(``tests/data/rules_oracle/labels.jsonl``, 406 leden of the 2012 BWB read by hand).

Usage: ``python benchmarks/rules_oracle_score.py [DUMP]`` (DUMP: the unpacked 2012 crawl,
default ``~/.cache/wetgraaf/bwb-2012``; the sampled files are read from there).

Counted per lid, as multisets:

* **relations**: the relation kind alone (``kind``), and kind + target (``target``: the
  Juriconnect id without version, or "unresolved" when either side has none);
* **parameters**: kind + value + unit (``value``).

Precision = matched / found, recall = matched / in the oracle. Misses and false finds are
printed per kind so that the forms can be read, not tuned to a number.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wetgraaf.ingest.batch import ingest_file  # noqa: E402
from wetgraaf.ingest.records import Document  # noqa: E402
from wetgraaf.ingest.rules_relations import as_labels  # noqa: E402


def _jci(x: str | None) -> str:
    """A Juriconnect id as compared: no version, and no ``boek=`` (the ingest keeps the book of a
    code's article in its path, ``…&boek=Eerste&artikel=15``; the oracle writes ``…&artikel=15``,
    which names the same article where numbers run on through the books)."""
    if not x:
        return "unresolved"
    return re.sub(r"&boek=[^&]+", "", re.sub(r"&g=\d{4}-\d{2}-\d{2}", "", x))


def _num(v: object) -> object:
    return round(float(v), 2) if isinstance(v, int | float) else v


def main(dump: Path) -> None:
    oracle = [json.loads(x) for x in (ROOT / "tests/data/rules_oracle/labels.jsonl").read_text().splitlines() if x]
    by_file: dict[str, list[dict]] = {}
    for o in oracle:
        by_file.setdefault(o["file"], []).append(o)
    tally = {k: Counter() for k in ("kind", "target", "value")}
    per_kind: dict[str, Counter] = {}
    misses, false = [], []
    for name, items in sorted(by_file.items()):
        doc = ingest_file(dump / name)
        found = {_jci(x["jci"]): x for x in as_labels(doc)} if isinstance(doc, Document) else {}
        for o in items:
            got = found.get(_jci(o["jci"]), {"relations": [], "parameters": []})
            sets = {
                "kind": (
                    Counter(r["relation"] for r in o["relations"]),
                    Counter(r["relation"] for r in got["relations"]),
                ),
                "target": (
                    Counter((r["relation"], _jci(r["target"])) for r in o["relations"]),
                    Counter((r["relation"], _jci(r["target"])) for r in got["relations"]),
                ),
                "value": (
                    Counter((p["kind"], _num(p["value"]), p["unit"]) for p in o["parameters"]),
                    Counter((p["kind"], _num(p["value"]), p["unit"]) for p in got["parameters"]),
                ),
            }
            for k, (want, have) in sets.items():
                m = sum((want & have).values())
                tally[k].update(match=m, want=sum(want.values()), have=sum(have.values()))
                for item, n in (want - have).items():
                    kind = item if isinstance(item, str) else item[0]
                    per_kind.setdefault(f"{k}:{kind}", Counter()).update(miss=n)
                    if k != "kind":
                        misses.append((o["id"], k, item))
                for item, n in (have - want).items():
                    kind = item if isinstance(item, str) else item[0]
                    per_kind.setdefault(f"{k}:{kind}", Counter()).update(false=n)
                    if k != "kind":
                        false.append((o["id"], k, item))
                for item, n in (want & have).items():
                    kind = item if isinstance(item, str) else item[0]
                    per_kind.setdefault(f"{k}:{kind}", Counter()).update(match=n)
    for k, t in tally.items():
        p = t["match"] / t["have"] if t["have"] else 0.0
        r = t["match"] / t["want"] if t["want"] else 0.0
        print(f"{k:8} precision {p:.3f} recall {r:.3f}  (matched {t['match']}, found {t['have']}, oracle {t['want']})")
    print()
    for k, c in sorted(per_kind.items()):
        print(f"  {k:40} match {c['match']:4} miss {c['miss']:4} false {c['false']:4}")
    if "-v" in sys.argv:
        print("\nmisses:", *misses, sep="\n  ")
        print("\nfalse:", *false, sep="\n  ")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(Path(args[0]) if args else Path.home() / ".cache/wetgraaf/bwb-2012")
