"""The seeded draw of the second definitions oracle (issue 14), from the unpacked 2012 dump.

* 60 regelingen, 10 per stratum of soort (wet, AMvB, ministeriële regeling,
  beleidsregel/circulaire, ZBO/PBO, verdrag), files of at most ``MAX_BYTES`` (the 95th
  percentile of the dump: whole large laws are covered by the article draw below);
* 100 articles titled Begripsbepaling(en) / Definitie(s) / Begripsomschrijving(en), drawn
  from every file of the dump (any size) outside the 60 regelingen.

The draw reads only ``soort``, file size and article headings: nothing of wetgraaf's
extractors. Usage::

    python benchmarks/definitions_oracle_draw.py ~/.cache/wetgraaf/bwb-2012 > draw.json
    python benchmarks/definitions_oracle_draw.py ~/.cache/wetgraaf/bwb-2012 --fixtures tests/data/definitions_oracle2

The second form also copies the drawn files into the test fixtures: the 60 regelingen whole,
and each drawn article as its file pruned to that article (containers kept, see
:func:`_dump.prune`), named ``BWBxxxxxxxx__<artikel>.xml``.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _dump import TITLED, article_nr, kop_part, prune, read_root  # noqa: E402

SEED = 14
MAX_BYTES = 150_000
STRATA = {
    "wet": {"wet", "rijkswet", "wet-BES"},
    "amvb": {"AMvB", "AMvB-BES", "KB", "rijksKB"},
    "ministeriele_regeling": {
        "ministeriele-regeling",
        "ministeriele-regeling-BES",
        "ministeriele-regeling-archiefselectielijst",
    },
    "beleidsregel_circulaire": {"beleidsregel", "beleidsregel-BES", "circulaire", "circulaire-BES"},
    "zbo_pbo": {"zbo", "pbo"},
    "verdrag": {"verdrag"},
}
PER_STRATUM = 10
N_ARTICLES = 100


def _scan(path: Path) -> dict | None:
    root = read_root(path)
    if root is None or root.tag != "wetgeving":
        return None
    arts = [
        kop_part(a, "nr") for a in root.iter("artikel") if TITLED.search(kop_part(a, "titel")) and kop_part(a, "nr")
    ]
    return {"file": path.name, "soort": root.get("soort", ""), "size": path.stat().st_size, "titled": arts}


def draw(dump: Path) -> dict:
    files = sorted(p for p in dump.iterdir() if p.suffix == ".xml")
    scanned = [s for s in map(_scan, files) if s]
    rng = random.Random(SEED)
    regelingen = []
    for stratum, soorten in STRATA.items():
        pool = [s for s in scanned if s["soort"] in soorten and s["size"] <= MAX_BYTES]
        for s in rng.sample(pool, PER_STRATUM):
            regelingen.append({"stratum": stratum, "file": s["file"], "soort": s["soort"], "size": s["size"]})
    taken = {r["file"] for r in regelingen}
    arts = [(s["file"], nr) for s in scanned if s["file"] not in taken for nr in dict.fromkeys(s["titled"])]
    articles = [{"file": f, "artikel": nr} for f, nr in rng.sample(arts, N_ARTICLES)]
    return {"seed": SEED, "max_bytes": MAX_BYTES, "regelingen": regelingen, "articles": articles}


def article_fixture_name(file: str, artikel: str) -> str:
    return file[:-4] + "__" + re.sub(r"[^0-9A-Za-z.:-]", "_", artikel).replace(":", "-") + ".xml"


def fixtures(d: dict, dump: Path, out: Path) -> None:
    (out / "regelingen").mkdir(parents=True, exist_ok=True)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    for r in d["regelingen"]:
        (out / "regelingen" / r["file"]).write_bytes((dump / r["file"]).read_bytes())
    for a in d["articles"]:
        root = read_root(dump / a["file"])
        data = prune(root, lambda el, nr=a["artikel"]: article_nr(el) == nr)
        a["fixture"] = "articles/" + article_fixture_name(a["file"], a["artikel"])
        (out / a["fixture"]).write_bytes(data)
    (out / "draw.json").write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    dump = Path(os.path.expanduser(sys.argv[1]))
    d = draw(dump)
    if len(sys.argv) > 3 and sys.argv[2] == "--fixtures":
        fixtures(d, dump, Path(sys.argv[3]))
    else:
        json.dump(d, sys.stdout, indent=1)
        sys.stdout.write("\n")
