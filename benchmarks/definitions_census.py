"""Census of definition cues in a BWB dump: every sentence with a cue, by cue and shape, and what wetgraaf makes of it.

Usage::

    python benchmarks/definitions_census.py ~/.cache/wetgraaf/bwb-2012 [--jobs 2] [--limit N] [--json OUT]

For every ``<al>`` of every Dutch text of the dump, each sentence that holds a definition cue
(verstaan, aangemerkt, gelijkgesteld, beschouwd, geacht, "is sprake", "geldt als", begrepen,
betekent, omvat, "hierna te noemen", "wil zeggen", "duidt … aan") is counted under its cue and
under its *shape* (the cue with the word before and after it, lower case, numbers as ``#``).
A sentence is *recognised* when one of the extractor's forms (:data:`SENTENCE_FORMS`, a lead of
:data:`LEAD_FORMS`, or an item form for a list item's text) matches it. The same pass parses every file with wetgraaf and counts
the definitions it gives per form, and the ``<definitielijst>`` items of the markup.

Prints three tables: per cue (sentences, recognised, share), the 40 most frequent unrecognised
shapes with an example each, and definitions per form. A shape that occurs 20 times or more is
either handled or written down in docs/definitions-census.md as deliberately left out.
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
from _dump import read_root  # noqa: E402

from wetgraaf.ingest.blocks import Para, element_text  # noqa: E402
from wetgraaf.ingest.definitions import _lead, _sentences, item_term, match_sentence  # noqa: E402
from wetgraaf.ingest.language import text_language  # noqa: E402
from wetgraaf.ingest.parse import RejectedFile, parse  # noqa: E402

#: cue name -> pattern (lower case text)
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(rx)
    for name, rx in {
        "verstaan": r"\bverstaan\b",
        "aangemerkt": r"\baangemerkt\b",
        "gelijkgesteld": r"\bgelijkgesteld\b",
        "beschouwd": r"\bbeschouwd\b",
        "geacht": r"\bgeacht\b",
        "is sprake": r"\b(?:is|zijn)\s+(?:\w+\s+){0,3}?sprake\b",
        "geldt als": r"\b(?:geldt|gelden)\s+(?:\w+\s+){0,3}?als\b",
        "begrepen": r"\b(?:in)?begrepen\b",
        "betekent": r"\bbetekent\b|\bbetekenen\b",
        "omvat": r"\bomvat(?:ten)?\b",
        "hierna": r"\bhierna\s+(?:te\s+noemen|genoemd|aangeduid)|\(hierna:",
        "wil zeggen": r"\bwil\s+zeggen\b|\bd\.w\.z\.",
        "duidt aan": r"\bduid(?:t|en)\b",
    }.items()
}
_WORD = re.compile(r"[\w\-]+")


def shape(sentence: str, rx: re.Pattern[str]) -> str:
    """The cue with a word either side: "wordt verstaan onder", "als # aangemerkt"."""
    low = sentence.lower()
    m = rx.search(low)
    if not m:
        return ""
    before = _WORD.findall(low[: m.start()])[-1:]
    after = _WORD.findall(low[m.end() :])[:1]
    return re.sub(r"\d+", "#", " ".join([*before, m.group(0), *after]))


def _file(path: str) -> dict:
    root = read_root(path)
    out: dict = {"cues": Counter(), "recognised": Counter(), "shapes": Counter(), "examples": {}, "forms": Counter()}
    name = os.path.basename(path)
    try:
        doc = parse(Path(path).read_bytes(), name=name)
        out["forms"].update(d.form for d in doc.definitions)
        out["forms"]["(files parsed)"] = 1
        out["forms"]["(definitions)"] = len(doc.definitions)
        out["forms"].update(f"(kind {d.kind})" for d in doc.definitions)
        out["forms"]["(definitions with an empty artikel)"] = sum(not d.artikel for d in doc.definitions)
    except RejectedFile as exc:
        # the crawl's <error> pages are expected; anything else is a real law rejected
        why = "an <error> page of the crawl" if root is not None and root.tag == "error" else str(exc)[:80]
        out["forms"][f"(rejected: {why})"] = 1
    if root is None or root.tag != "wetgeving":
        return out
    out["forms"]["<definitie-item> markup"] = sum(1 for _ in root.iter("definitie-item"))
    for al in root.iter("al"):
        text = element_text(al)
        if len(text) < 12 or text_language(text) not in ("nl", ""):
            continue
        in_item = al.getparent() is not None and al.getparent().tag == "li"
        for s in _sentences(text):
            low = s.lower()
            for cue, rx in CUES.items():
                if not rx.search(low):
                    continue
                out["cues"][cue] += 1
                ok = (
                    match_sentence(s) is not None
                    or _lead(s) is not None
                    or (in_item and item_term(Para(s)) is not None)
                )
                if ok:
                    out["recognised"][cue] += 1
                else:
                    sh = f"{cue}: {shape(s, rx)}"
                    out["shapes"][sh] += 1
                    out["examples"].setdefault(sh, f"{name}: {s[:160]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted), for a quick look")
    ap.add_argument("--json", help="write the counts to this JSON file")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(os.path.expanduser(args.dump)).glob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        raise SystemExit(f"{args.dump}: no XML files (unpack ../shared/corpus/bwb-2012.tar.xz first)")
    total: dict = {"cues": Counter(), "recognised": Counter(), "shapes": Counter(), "examples": {}, "forms": Counter()}
    with Pool(args.jobs) as pool:
        for i, r in enumerate(pool.imap_unordered(_file, files, chunksize=16), 1):
            for k in ("cues", "recognised", "shapes", "forms"):
                total[k].update(r[k])
            for k, v in r["examples"].items():
                total["examples"].setdefault(k, v)
            if i % 2000 == 0:
                print(f"  {i}/{len(files)} files", file=sys.stderr)
    print(f"Census of {len(files)} files\n")
    print("| cue | sentences | recognised by a form | share |\n|---|---:|---:|---:|")
    for cue, n in total["cues"].most_common():
        r = total["recognised"][cue]
        print(f"| {cue} | {n} | {r} | {r / n:.0%} |")
    print("\n| unrecognised shape | sentences | example |\n|---|---:|---|")
    for sh, n in total["shapes"].most_common(40):
        ex = total["examples"][sh].replace("|", "/")
        print(f"| {sh} | {n} | {ex} |")
    print("\n| form | definitions |\n|---|---:|")
    for form, n in total["forms"].most_common():
        print(f"| {form} | {n} |")
    if args.json:
        Path(args.json).write_text(
            json.dumps({k: dict(v) for k, v in total.items()}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
