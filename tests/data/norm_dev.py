"""Developer tool for the norm-type samples (not a test).

``python tests/data/norm_dev.py cv [--errors N] [--label L] [--l2 X]``: cross-validated error
analysis on the TRAINING data only (:data:`wetgraaf.ingest.norm_model.TRAINING_FILES`):
5-fold accuracy (folds as in ``norm_model cv``), patterns-alone accuracy, confusion pairs and
the misclassified leden (text, gold, predicted, the patterns' cue).

``python tests/data/norm_dev.py draw --seed S --partition P --n N --out FILE``: draw a new
training sample (the procedure of ``norm_train.README.md``) and write the texts to read, with
no label and no classifier output, as JSON lines. Of the held-out sample only the keys
(file, artikel, lid) are read, to exclude those units and texts identical to them.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from wetgraaf.ingest.norm_model import TRAINING_FILES, context_of, features, train
from wetgraaf.ingest.norms import classify
from wetgraaf.ingest.parse import parse

DATA = Path(__file__).resolve().parent
CORPUS = DATA.parents[2] / "shared" / "corpus" / "bwb"


def examples(files=TRAINING_FILES):
    rows = [json.loads(x) for n in files for x in (DATA / n).read_text(encoding="utf-8").splitlines() if x.strip()]
    docs: dict = {}
    out = []
    for o in rows:
        if o["file"] not in docs:
            docs[o["file"]] = parse((CORPUS / o["file"]).read_bytes(), name=o["file"])
        provs = [
            p
            for p in docs[o["file"]].provisions
            if p.artikel == o["artikel"] and p.lid == o["lid"] and p.kind in ("lid", "artikel")
        ]
        if not provs:
            continue
        p = provs[0]
        rule = classify(p.text, heading=p.heading, use_model=False)
        extracted = any(r.id == p.id and r.cues[:1] == ("definition extracted",) for r in docs[o["file"]].rules)
        cue = rule.cues[0] if rule.cues else ""
        out.append(
            (
                o,
                p,
                rule.norm_type,
                cue,
                features(p.text, p.heading, rule.norm_type, cue, context_of(docs[o["file"]], p)),
                extracted,
            )
        )
    return out


def eligible_units(path: Path) -> list[dict]:
    """The units of ``norm_sample.README.md`` ("Unit extraction") of one corpus file."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    soort = root.get("soort") or next((w.get("soort") for w in root.iter("wetgeving")), "") or ""
    fmt = "toestand" if root.tag == "toestand" else "legacy"

    def text_of(el) -> str:
        parts = []
        for al in el.iter("al"):
            if any(a.tag in ("noot", "artikel.toelichting", "meta-data", "kop") for a in al.iterancestors()):
                continue
            parts.append("".join(al.itertext()))
        return " ".join(" ".join(parts).split())

    arts = []
    for art in root.iter("artikel"):
        anc = [a.tag for a in art.iterancestors()]
        if "bijlage" in anc or "artikel.toelichting" in anc or "artikel" in anc:
            continue
        nr = art.find("kop/nr")
        if nr is None or not (nr.text or "").strip():
            continue
        if art.get("status") == "vervallen":
            continue
        arts.append((" ".join(nr.text.split()), art))
    counts: dict[str, int] = {}
    for nr, _ in arts:
        counts[nr] = counts.get(nr, 0) + 1
    units = []
    for nr, art in arts:
        if counts[nr] > 1:
            continue  # ambiguous key
        leden = [c for c in art if c.tag == "lid"]
        whole = text_of(art)
        if not whole or whole.lower().startswith("vervallen"):
            continue
        if not leden:
            units.append({"artikel": nr, "lid": "", "text": whole})
            continue
        for lid in leden:
            ln = lid.find("lidnr")
            num = " ".join((ln.text or "").split()).rstrip(".") if ln is not None else ""
            t = text_of(lid)
            if not t or t.lower().startswith("vervallen"):
                continue
            units.append({"artikel": nr, "lid": num, "text": t})
    for u in units:
        u.update(file=path.name, soort=soort, format=fmt)
    return units


def draw(seed: int, partition: int, n: int, cap: int = 20) -> list[dict]:
    import hashlib
    import random

    taken_keys = set()
    for name in (*TRAINING_FILES, "norm_heldout.jsonl", *sorted(x.name for x in DATA.glob("norm_train_*.jsonl"))):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                o = json.loads(line)
                taken_keys.add((o["file"], o["artikel"], o["lid"]))  # keys only
    pool = [u for f in sorted(CORPUS.glob("*.xml")) for u in eligible_units(f)]
    seen_texts = {u["text"] for u in pool if (u["file"], u["artikel"], u["lid"]) in taken_keys}
    docs: dict = {}

    def in_parse(u: dict) -> bool:
        if u["file"] not in docs:
            docs[u["file"]] = parse((CORPUS / u["file"]).read_bytes(), name=u["file"])
        return any(
            p.artikel == u["artikel"] and p.lid == u["lid"] and p.kind in ("lid", "artikel")
            for p in docs[u["file"]].provisions
        )

    def part(u: dict) -> int:
        return int(hashlib.sha1(f"{u['file']}|{u['artikel']}|{u['lid']}".encode()).hexdigest(), 16) % 3

    cands = [u for u in pool if (u["file"], u["artikel"], u["lid"]) not in taken_keys and part(u) == partition]
    order = list(range(len(cands)))
    random.seed(seed)
    random.shuffle(order)
    out: list[dict] = []
    per_file: dict[str, int] = {}
    for i in order:
        u = cands[i]
        if u["text"] in seen_texts or per_file.get(u["file"], 0) >= cap or not in_parse(u):
            continue
        seen_texts.add(u["text"])
        per_file[u["file"]] = per_file.get(u["file"], 0) + 1
        out.append(u)
        if len(out) == n:
            break
    print(f"pool {len(pool)}, partition {partition} candidates {len(cands)}, drawn {len(out)}")
    return out


def main() -> None:
    import sys

    if sys.argv[1:2] == ["draw"]:
        ap = argparse.ArgumentParser()
        ap.add_argument("cmd")
        ap.add_argument("--seed", type=int, required=True)
        ap.add_argument("--partition", type=int, required=True)
        ap.add_argument("--n", type=int, default=250)
        ap.add_argument("--out", required=True)
        a = ap.parse_args()
        units = draw(a.seed, a.partition, a.n)
        with open(a.out, "w", encoding="utf-8") as fh:
            for u in units:
                fh.write(json.dumps(u, ensure_ascii=False) + "\n")
        return
    if sys.argv[1:2] == ["cv"]:
        del sys.argv[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--label", default=None)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    ex = examples()
    X = [e[4] for e in ex]
    y = [e[0]["label"] for e in ex]
    pred = [""] * len(X)
    for k in range(args.folds):
        tr = [i for i in range(len(X)) if i % args.folds != k]
        m = train([X[i] for i in tr], [y[i] for i in tr], l2=args.l2)
        for i in range(len(X)):
            if i % args.folds == k:
                pred[i] = m.predict(X[i])[0]
    model_acc = sum(p == g for p, g in zip(pred, y, strict=True)) / len(y)
    pred = ["definition" if e[5] else p for e, p in zip(ex, pred, strict=True)]  # as the pipeline does
    acc = sum(p == g for p, g in zip(pred, y, strict=True)) / len(y)
    pat = sum(e[2] == g for e, g in zip(ex, y, strict=True)) / len(y)
    print(
        f"{len(y)} leden: CV model {model_acc:.3f}, pipeline (extracted definitions) {acc:.3f}, patterns alone {pat:.3f}"
    )
    conf = Counter((g, p) for g, p in zip(y, pred, strict=True) if g != p)
    print("confusions (gold, predicted):", conf.most_common(20))
    pconf = Counter((g, e[2]) for g, e in zip(y, ex, strict=True) if g != e[2])
    print("pattern confusions (gold, patterns):", pconf.most_common(20))
    per = Counter(y)
    for lab in sorted(per):
        ok = sum(1 for g, p in zip(y, pred, strict=True) if g == lab and p == lab)
        npred = sum(1 for p in pred if p == lab)
        print(f"  {lab:15} n={per[lab]:4} recall {ok / per[lab]:.2f} precision {ok / max(npred, 1):.2f}")
    shown = 0
    for e, g, p in zip(ex, y, pred, strict=True):
        if g == p or (args.label and args.label not in (g, p)):
            continue
        if shown >= args.errors:
            break
        shown += 1
        o, prov = e[0], e[1]
        print(f"\n[{g} -> {p}] pat={e[2]} ({e[3]}) {o['file']} {o['artikel']} lid {o['lid']!r}: {prov.text[:300]}")


if __name__ == "__main__":
    main()
