"""Rebuild the fixtures of this folder from the unpacked 2012 BWB dump.

    python tests/data/definition_forms/make.py ~/.cache/wetgraaf/bwb-2012

Each fixture is one article of a real regeling of the dump, pruned with ``benchmarks/_dump.prune``
(its containers kept, every other article dropped), the text unchanged. README.md says why each is here.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "benchmarks"))
from _dump import article_nr, prune, read_root  # noqa: E402

#: (BWB id, article number, words of its text that pick the article among those of that number)
UNITS = [
    ("BWBV0003018", "1", "Administratief Akkoord wordt verstaan onder"),
    ("BWBV0003172", "122", "betekent"),
    ("BWBV0003267", "42", "duidt"),
    ("BWBV0002920", "1", "betekent hulpverlening"),
    ("BWBR0017739", "2.29", "geneeskundige verklaring"),
    ("BWBR0020920", "2", "WTZi"),
    ("BWBR0024413", "1", "Leerbedrijf"),
    ("BWBR0030928", "3", "Vrijgevestigd"),
    ("BWBR0010248", "1", "dubo"),
    ("BWBR0018678", "1", "dienstonderdelen"),
    ("BWBV0001142", "10", "zoals gebezigd in dit artikel"),
    ("BWBR0029675", "2.4", "zoals gebezigd in dit artikel"),
    ("BWBR0003862", "1", "leerlinggebonden"),
    ("BWBR0024033", "1", "hierna te noemen de Commissie"),
    ("BWBV0003287", "II", "hierna te noemen „de Organisatie”"),
    ("BWBV0003025", "4", "door het publiek"),
    ("BWBR0031835", "4", "duidelijk onderscheiden"),
    ("BWBV0001909", "2", "zijnde lidstaat"),
    ("BWBV0002598", "3", "hierna te noemen: „de Raad”"),
    ("BWBR0027876", "1", "hierna genoemde onderdelen"),
    ("BWBV0001109", "3", "Verenigde Staten"),
    ("BWBV0001547", "3", "Verdragsluitende Staten"),
    ("BWBV0001059", "2", "geacht die ondernemingen te omvatten"),
    ("BWBR0028725", "1", "fasemodulatie"),
    ("BWBV0004455", "1", "speciaal geregeld vervoer"),
    ("BWBV0001468", "1", "omkoping van een buitenlandse ambtenaar"),
    ("BWBV0004155", "1bis", "RID-Verdragsstaat"),
    ("BWBV0003173", "1", "piraterij"),
    ("BWBR0028242", "6", "beschouwd als overtreding"),
    ("BWBV0003153", "10", "dienovereenkomstig uitbetaald"),
    ("BWBR0002761", "8", "met echtgenoten gelijkgesteld"),
    ("BWBR0001869", "165", "met alcoholhoudende drank gelijkgesteld"),
    ("BWBV0001703", "6", "gelijkgesteld"),
    ("BWBR0029988", "15", "aanvragen tot erkenning als bedoeld"),
    ("BWBR0023123", "4.13", "Als bijzondere loodsreis"),
    ("BWBR0019466", "10", "telkens wordt verstaan"),
]
#: small regelingen copied whole: their definition stands outside articles (a bijlage's division)
WHOLE = ["BWBR0014859"]


def main(dump: str) -> None:
    for bwb, nr, words in UNITS:
        root = read_root(str(Path(dump).expanduser() / f"{bwb}.xml"))
        arts = [
            a for a in root.iter("artikel") if article_nr(a) == nr and words in " ".join("".join(a.itertext()).split())
        ]
        target = arts[0]
        target.set("wetgraaf-fixture", "1")
        data = prune(root, lambda a: a.get("wetgraaf-fixture") == "1")
        (HERE / f"{bwb}_{nr}.xml").write_bytes(data.replace(b' wetgraaf-fixture="1"', b""))
    for bwb in WHOLE:
        (HERE / f"{bwb}.xml").write_bytes((Path(dump).expanduser() / f"{bwb}.xml").read_bytes())


if __name__ == "__main__":
    main(sys.argv[1])
