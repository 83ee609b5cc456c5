"""Turn the annotator's hand-written batch notes (batches/NN.txt) into labels.jsonl.

This script only *transcribes*: every relation and parameter comes from a line the annotator
wrote after reading the lid. It expands the annotator's shorthand for targets and computes
`days` from value and unit (dagen x1, weken x7; everything else null).

Batch note syntax, one block per lid, blocks separated by a line "rNNN" (the sample id):
    rNNN
    R kind | target_text | target | variant     (target: see expand(); "-reason" = null with reason;
                                                 the 4th field "variant" marks a non-canonical wording)
    P kind | text | value | unit | act | actor  ("-" = null)
    N free note on a hard case
A block with no R/P lines = nothing to label.

    /work/main/.venv/bin/python tests/data/rules_oracle/build_labels.py
"""

import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def expand(t, jci):
    """Shorthand for targets, relative to the lid's own Juriconnect id `jci`.

    @self          the lid's own regeling          jci1.3:c:BWB
    @art=5[&lid=2] an article of the own regeling  jci1.3:c:BWB&artikel=5&lid=2
    @lid=2         a lid of the own article        jci1.3:c:BWB&artikel=N&lid=2
    @hoofdstuk=3   (any other key) of the own regeling
    BWBR...&...    another regeling                jci1.3:c:BWBR...&...
    """
    m = re.match(r"jci1\.3:c:([^&]+)(?:&artikel=([^&]+))?", jci)
    bwb, art = m.group(1), m.group(2)
    if t == "@self":
        return "jci1.3:c:" + bwb
    if t.startswith("@lid="):
        return "jci1.3:c:%s&artikel=%s&%s" % (bwb, art, t[1:])
    if t.startswith("@art="):
        return "jci1.3:c:%s&artikel=%s" % (bwb, t[5:])
    if t.startswith("@"):
        return "jci1.3:c:%s&%s" % (bwb, t[1:])
    if t.startswith("BWB"):
        return "jci1.3:c:" + t
    if t.startswith("jci1.3:c:"):
        return t
    raise ValueError("bad target %r" % t)


def num(v):
    v = v.strip()
    if v == "-":
        return None
    f = float(v)
    return int(f) if f == int(f) else f


def main():
    sample = {}
    with open(os.path.join(HERE, "sample.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            sample[r["id"]] = r
    labels = {}
    for path in sorted(glob.glob(os.path.join(HERE, "batches", "*.txt"))):
        cur = None
        for raw in open(path, encoding="utf-8"):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if re.fullmatch(r"r\d{3}", line.strip()):
                rid = line.strip()
                s = sample[rid]
                cur = {
                    "id": rid,
                    "file": s["file"],
                    "bwb_id": s["bwb_id"],
                    "jci": s["jci"],
                    "text": s["text"],
                    "relations": [],
                    "parameters": [],
                    "note": "",
                }
                if rid in labels:
                    raise ValueError("%s labelled twice" % rid)
                labels[rid] = cur
                continue
            tag, _, rest = line.partition(" ")
            f = [x.strip() for x in rest.split("|")]
            if tag == "R":
                kind, ttext, tgt = f[0], f[1], f[2]
                assert kind in (
                    "derogates_from",
                    "applies_mutatis_mutandis",
                    "excepts",
                    "without_prejudice_to",
                    "delegates",
                ), (rid, kind)
                rel = {"relation": kind, "target_text": ttext}
                if tgt.startswith("-"):
                    rel["target"] = None
                    rel["reason"] = tgt[1:].strip()
                else:
                    rel["target"] = expand(tgt, cur["jci"])
                    rel["reason"] = ""
                if len(f) > 3 and f[3] == "variant":
                    rel["variant"] = True
                cur["relations"].append(rel)
            elif tag == "P":
                kind, text, value, unit, act, actor = (f + ["-"] * 6)[:6]
                assert kind in ("termijn", "bedrag", "leeftijd", "percentage"), (rid, kind)
                assert text in cur["text"], (rid, text)
                v = num(value)
                u = None if unit == "-" else unit
                days = None
                if kind == "termijn" and v is not None and u == "dagen":
                    days = v
                elif kind == "termijn" and v is not None and u == "weken":
                    days = v * 7
                cur["parameters"].append(
                    {
                        "kind": kind,
                        "text": text,
                        "value": v,
                        "unit": u,
                        "days": days,
                        "act": None if act == "-" else act,
                        "actor": None if actor == "-" else actor,
                    }
                )
            elif tag == "N":
                cur["note"] = (cur["note"] + " " + rest).strip()
            else:
                raise ValueError("bad line in %s: %r" % (path, line))
    order = list(sample)
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as fh:
        for rid in order:
            if rid in labels:
                fh.write(json.dumps(labels[rid], ensure_ascii=False) + "\n")
    print("labelled", len(labels), "of", len(sample))


if __name__ == "__main__":
    main()
