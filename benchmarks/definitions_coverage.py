"""Coverage of the titled definition articles of a BWB dump: which give no definition, and why.

Every article titled Begripsbepaling(en) / Definitie(s) / Begripsomschrijving(en) in the
dump is parsed by wetgraaf (pruned to that article, containers kept, so it takes seconds,
not the whole ingest) and sorted into:

``defined``            at least one definition found;
``vervallen``          repealed (status, or its text is an editorial "Vervallen");
``delegated``          "Bij algemene maatregel van bestuur wordt bepaald wat onder X wordt verstaan";
``elsewhere``          the definitions of another regeling or article apply ("De begripsbepalingen
                       van de wet zijn van overeenkomstige toepassing", "… heeft dezelfde betekenis
                       als in …");
``foreign_language``   a treaty text in English, French, German … (recorded with its language);
``other``              none of these: a miss of the extractor, or a form to look at. Listed.

Usage::

    python benchmarks/definitions_coverage.py ~/.cache/wetgraaf/bwb-2012 [--list] [--json OUT]

Prints the table per BWBR/BWBV and the share "defined or explained"; ``--list`` prints every
``other`` article with its first words.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _dump import article_nr, prune, read_root, titled_articles  # noqa: E402

from wetgraaf.ingest.blocks import element_text  # noqa: E402
from wetgraaf.ingest.language import text_language  # noqa: E402
from wetgraaf.ingest.parse import RejectedFile, parse  # noqa: E402

_DELEGATED = re.compile(
    r"\b(?:bij|krachtens|door)\b[^.;]{0,160}\b(?:wordt|worden|kan|kunnen)\b[^.;]{0,60}\b(?:bepaald|vastgesteld|aangewezen|omschreven)\b[^.;]{0,40}\b(?:wat|welke)\b[^.;]{0,80}\b(?:verstaan|begrepen)",
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(
    r"(?:begripsbepalingen|begrippen|definities)\b(?:[^.;]|\.(?=\d)){0,300}\b(?:van\s+(?:overeenkomstige\s+)?toepassing|zelfde\s+betekenis|dezelfde\s+betekenis|gelijke\s+betekenis)"
    # "Elke term in dit Protocol heeft de betekenis welke daaraan wordt gegeven in het Verdrag", "hebben de
    # termen … de betekenis die daaraan in die Bijlage wordt toegekend"
    r"|\b(?:heeft|hebben)\b[^.;]{0,120}\bde\s+betekenis(?:sen)?\s+(?:welke|die)\s+(?:daaraan|eraan)\b[^.;]{0,160}\b(?:gegeven|toegekend)"
    r"|\bgelden\s+de\s+(?:definities|begripsbepalingen|begripsomschrijvingen)\b"
    r"|\bterminologie\s+van\s+(?:de|het)\b[^.;]{0,160}\bovergenomen"
    # a definitions article that declares another article applicable: "Artikel 1, tweede lid van het Besluit
    # fiscale eenheid 2003 is van overeenkomstige toepassing"
    r"|\bartikel\s+\S+[^.;]{0,150}\b(?:is|zijn)\s+van\s+(?:overeenkomstige\s+)?toepassing\b"
    r"|\b(?:dezelfde|gelijke|zelfde)\s+betekenis\s+als\b"
    r"|\bworden\s+verstaan\s+(?:de|hetgeen)\b[^.;]{0,80}\bdaaronder\s+(?:wordt\s+)?verstaan"
    r"|\bwordt\s+verstaan\s+hetgeen\s+daaronder\s+wordt\s+verstaan"
    r"|\bgebruikte\s+begrippen\b"
    r"|\b(?:begripsbepalingen|begrippen|definities)\b[^.;]{0,80}\bwordt\s+verwezen\s+naar",
    re.IGNORECASE,
)


def _reason(text: str, status: str, n_defs: int) -> tuple[str, str]:
    text = re.sub(r"^\s*Artikel\s+\S+\s*", "", text)
    if n_defs:
        return "defined", ""
    if (
        status == "vervallen"
        or re.match(r"^\W*(?:\S+\s+){0,6}?\[?\s*vervallen\b", text, re.IGNORECASE)
        or len(text) < 40
        and "vervallen" in text.lower()
    ):
        return "vervallen", ""
    lang = text_language(text)
    if lang not in ("nl", ""):
        return "foreign_language", lang
    if _DELEGATED.search(text):
        return "delegated", ""
    if _ELSEWHERE.search(text):
        return "elsewhere", ""
    return "other", ""


def _file(path: str) -> list[dict]:
    root = read_root(path)
    if root is None or root.tag != "wetgeving":
        return []
    arts = titled_articles(root)
    if not arts:
        return []
    # each titled article is parsed on its own (pruned to it, its containers kept): an article's
    # number alone does not identify it (a treaty's protocols each have an "Artikel 1 Definities")
    name = os.path.basename(path)
    out = []
    for i, a in enumerate(arts):
        a.set("wetgraaf-unit", str(i))
    for i, a in enumerate(arts):
        data = prune(root, lambda el, i=i: el.get("wetgraaf-unit") == str(i))
        try:
            n = len(parse(data, name=name).definitions)
        except RejectedFile as exc:
            out.append({"file": name, "artikel": article_nr(a), "status": "rejected", "why": str(exc)})
            continue
        text = element_text(a)
        status, why = _reason(text, a.get("status", ""), n)
        out.append(
            {
                "file": name,
                "bwb": root.get("bwb-id", ""),
                "artikel": article_nr(a)
                + (f" (#{i + 1})" if sum(article_nr(b) == article_nr(a) for b in arts) > 1 else ""),
                "status": status,
                "why": why,
                "n": n,
                "text": text[:160],
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump")
    ap.add_argument("--list", action="store_true", help="print every 'other' article")
    ap.add_argument("--json", help="write every article's status to this JSON lines file")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(os.path.expanduser(args.dump)).glob("*.xml"))
    rows: list[dict] = []
    with Pool(args.jobs) as pool:
        for r in pool.imap_unordered(_file, files, chunksize=32):
            rows.extend(r)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            for r in sorted(rows, key=lambda r: (r["file"], r["artikel"])):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(
        "| | articles | defined | vervallen | delegated | elsewhere | foreign language | other | defined or explained |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, sel in (("BWBR", "BWBR"), ("BWBV", "BWBV"), ("all", "")):
        rs = [r for r in rows if r["file"].startswith(sel)]
        c = Counter(r["status"] for r in rs)
        ok = len(rs) - c["other"] - c["rejected"]
        print(
            f"| {label} | {len(rs)} | {c['defined']} | {c['vervallen']} | {c['delegated']} | {c['elsewhere']} | {c['foreign_language']} | {c['other'] + c['rejected']} | {100 * ok / max(len(rs), 1):.1f} % |"
        )
    langs = Counter(r["why"] for r in rows if r["status"] == "foreign_language")
    print("\nforeign languages:", ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    rest = [r for r in rows if r["status"] in ("other", "rejected")]
    if args.list or len(rest) <= 50:
        print(f"\n{len(rest)} titled definition articles with no definition and no explanation:")
        for r in sorted(rest, key=lambda r: (r["file"], r["artikel"])):
            print(f"  {r['file']} art. {r['artikel']}: {r.get('text', r.get('why', ''))[:140]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
