"""Draw the rules-oracle sample of leden from the 2012 BWB dump (issue 18, item 5).

Usage (from the repository root):

    /work/main/.venv/bin/python tests/data/rules_oracle/sample.py \
        [--dump ~/.cache/wetgraaf/bwb-2012] [--out tests/data/rules_oracle/sample.jsonl]

The regular expressions below only *select* leden for the sample (the strata);
they are never used to label them. The labels in labels.jsonl were written by
reading each text.

Unit = one <lid> of an <artikel> (or an <artikel> without <lid>), text = all
<al> descendants (lists with their li.nr, and table cells included), without lidnr /
kop / meta-data / noot / artikel.toelichting, whitespace collapsed.
"""

import argparse
import glob
import json
import os
import random
import re

from lxml import etree

SEED = 20261207
PER_STRATUM = 34  # >= 30 per wording; 9 strata -> 306 leden with wordings
N_NONE = 100  # leden with none of the wordings
MAX_PER_FILE = 4  # at most this many sampled leden from one regeling
MAX_CHARS = 3000  # leden longer than this are not eligible (see README)

NUMWORD = (
    r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
    r"dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|"
    r"(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|honderd)"
)
UNIT = r"(?:werk)?(?:dag|dagen|week|weken|maand|maanden|jaar|jaren)"

STRATA = [
    ("afwijking", re.compile(r"\bin afwijking van\b", re.I)),
    ("overeenkomstig", re.compile(r"\bvan overeenkomstige toepassing\b", re.I)),
    ("niet_van_toepassing", re.compile(r"\bniet van toepassing\b", re.I)),
    ("onverminderd", re.compile(r"\bonverminderd\b", re.I)),
    (
        "delegatie",
        re.compile(
            r"\bbij (?:of krachtens )?algemene maatregel van bestuur\b"
            r"|\bbij ministeriële regeling\b",
            re.I,
        ),
    ),
    ("termijn", re.compile(r"\bbinnen (?:een (?:termijn|periode) van )?" + NUMWORD + r" " + UNIT + r"\b", re.I)),
    ("bedrag", re.compile(r"€|\bEUR\b|\beuro(?:'s)?\b", re.I)),
    ("leeftijd", re.compile(r"\bde leeftijd van " + NUMWORD + r" jaa?r", re.I)),
    ("percentage", re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|procent\b)|\b" + NUMWORD + r" procent\b", re.I)),
]

STRUCT_TAGS = {"boek", "deel", "titeldeel", "hoofdstuk", "afdeling", "paragraaf", "sub-paragraaf", "divisie"}
SKIP_TAGS = {"meta-data", "lidnr", "kop", "noot", "artikel.toelichting"}


def unit_text(el):
    parts = []

    def walk(node, inside_al):
        if not isinstance(node.tag, str):
            if node.tail and inside_al:
                parts.append(node.tail)
            return
        if node.tag in SKIP_TAGS:
            if inside_al and node.tail:
                parts.append(node.tail)
            return
        is_al = node.tag in ("al", "considerans.al", "li.nr")
        if is_al and not inside_al:
            parts.append(" ")
        if (inside_al or is_al) and node.text:
            parts.append(node.text)
        for ch in node:
            walk(ch, inside_al or is_al)
        if is_al and not inside_al:
            parts.append(" ")
        if inside_al and node.tail:
            parts.append(node.tail)

    walk(el, False)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def context_of(art):
    """The structural units around an artikel, e.g. 'hoofdstuk 2 > paragraaf 3' (for resolving 'dit hoofdstuk')."""
    ctx = []
    for a in art.iterancestors():
        if a.tag in STRUCT_TAGS:
            nr = (a.findtext("kop/nr") or "").strip()
            ctx.append("%s %s" % (a.tag, re.sub(r"\s+", " ", nr)))
    return " > ".join(reversed(ctx))


def units_of_file(path):
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False, huge_tree=True)
    try:
        root = etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError:
        return []
    if root.tag != "wetgeving":
        return []
    bwb = root.get("bwb-id") or os.path.basename(path)[:-4]
    arts = []
    for art in root.iter("artikel"):
        # no articles in bijlagen, in toelichtingen or nested in another artikel
        if any(a.tag in ("bijlage", "artikel", "artikel.toelichting") for a in art.iterancestors()):
            continue
        if art.get("status") == "vervallen":
            continue
        nr = art.find("kop/nr")
        if nr is None or not (nr.text or "").strip():
            continue
        arts.append((re.sub(r"\s+", " ", nr.text.strip()), art))

    counts = {}
    for n, _ in arts:
        counts[n] = counts.get(n, 0) + 1
    out = []
    for n, art in arts:
        if counts[n] > 1:  # ambiguous article number in this file
            continue
        leden = art.findall("lid")
        items = [(None, art)] if not leden else [((l.findtext("lidnr") or "").strip(), l) for l in leden]
        for lidnr, el in items:
            if lidnr == "":
                continue  # lid without number: cannot be cited
            text = unit_text(el)
            if not text or re.match(r"^\[?\s*(vervallen|gereserveerd|vervalt)\b", text, re.I):
                continue
            jci = "jci1.3:c:%s&artikel=%s" % (bwb, n)
            if lidnr is not None:
                jci += "&lid=%s" % lidnr.rstrip(".")
            out.append(
                {
                    "file": os.path.basename(path),
                    "bwb_id": bwb,
                    "soort": root.get("soort"),
                    "jci": jci,
                    "context": context_of(art),
                    "text": text,
                }
            )
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", default=os.path.expanduser("~/.cache/wetgraaf/bwb-2012"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample.jsonl"))
    args = ap.parse_args()

    pool = []
    seen_text = set()
    seen_jci = set()
    files = sorted(glob.glob(os.path.join(args.dump, "*.xml")))
    for i, f in enumerate(files):
        with open(f, "rb") as fh:
            head = fh.read(400)
        if b"<error" in head:
            continue
        for u in units_of_file(f):
            if u["text"] in seen_text or u["jci"] in seen_jci:
                continue  # identical text already in the pool (first occurrence in file order kept)
            seen_text.add(u["text"])
            seen_jci.add(u["jci"])
            if len(u["text"]) > MAX_CHARS:
                continue
            u["wordings"] = [name for name, rx in STRATA if rx.search(u["text"])]
            pool.append(u)
    print("eligible leden:", len(pool))

    rng = random.Random(SEED)
    order = list(range(len(pool)))
    rng.shuffle(order)

    chosen, per_file = [], {}
    taken = set()

    def take(i, stratum):
        u = pool[i]
        if i in taken or per_file.get(u["bwb_id"], 0) >= MAX_PER_FILE:
            return False
        taken.add(i)
        per_file[u["bwb_id"]] = per_file.get(u["bwb_id"], 0) + 1
        chosen.append(dict(u, stratum=stratum))
        return True

    # stratified pass: each stratum gets PER_STRATUM leden drawn for it
    for name, _ in STRATA:
        got = 0
        for i in order:
            if got >= PER_STRATUM:
                break
            if name in pool[i]["wordings"] and take(i, name):
                got += 1
    # leden with none of the wordings, drawn uniformly from the same shuffled order
    got = 0
    for i in order:
        if got >= N_NONE:
            break
        if not pool[i]["wordings"] and take(i, "none"):
            got += 1

    # stable ids: order of drawing
    with open(args.out, "w", encoding="utf-8") as fh:
        for k, u in enumerate(chosen):
            rec = {
                "id": "r%03d" % (k + 1),
                "stratum": u["stratum"],
                "wordings": u["wordings"],
                "file": u["file"],
                "bwb_id": u["bwb_id"],
                "soort": u["soort"],
                "jci": u["jci"],
                "context": u["context"],
                "text": u["text"],
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    print("pool with any wording:", sum(1 for u in pool if u["wordings"]))
    for name, _ in STRATA:
        print(
            "%-20s pool %6d  sample (drawn for) %3d  sample (containing) %3d"
            % (
                name,
                sum(1 for u in pool if name in u["wordings"]),
                sum(1 for u in chosen if u["stratum"] == name),
                sum(1 for u in chosen if name in u["wordings"]),
            )
        )
    print(
        "none: pool %d sample %d"
        % (sum(1 for u in pool if not u["wordings"]), sum(1 for u in chosen if u["stratum"] == "none"))
    )
    print("total", len(chosen))


if __name__ == "__main__":
    main()
