"""Frog on the rules oracle (issue 18, "Rules across laws"): speed, and act/actor against the labels.

Usage: ``python benchmarks/frog_measure.py [--no-cost] [--files N]`` (from the repository root;
PYTHONPATH must reach ``wetgraaf``). Needs the Debian packages ``frog frogdata uctodata``; without
the ``frog`` program it prints why and exits 0. Frog always runs with ``--threads=1``.

What it does (see ``docs/frog.md`` for the numbers and the decision):

1. runs ``extract_parameters`` on the 406 leden of ``tests/data/rules_oracle/labels.jsonl`` and
   pairs each oracle parameter with the extracted one of the same kind + value + unit (in text
   order, per lid); an oracle parameter with no partner has no pattern act and no pattern actor;
2. runs Frog (with the dependency parser) on the clause of every oracle parameter (the clause as
   the patterns cut it: a sentence, cut again at ";" and ":") and reads act and actor off the
   parse with a small heuristic (``frog_act_actor``);
3. scores act and actor of (i) the patterns, (ii) Frog, (iii) the patterns with Frog filling in
   where the patterns give no act, against the labels (matching rules in ``act_match`` and
   ``actor_match``), and writes one row per parameter to ``docs/frog-params.tsv``;
4. times Frog on 150 random oracle leden with and without the parser, and Frog's start-up;
5. (unless ``--no-cost``) counts, in 500 random files of the 2012 dump, the words of the
   parameter clauses where the patterns give no act, and extrapolates to the 27,498 files.
"""

from __future__ import annotations

import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORACLE = ROOT / "tests/data/rules_oracle/labels.jsonl"
DUMP = Path.home() / ".cache/wetgraaf/bwb-2012"
DUMP_FILES = 27_498
SEED = 18


# ----------------------------------------------------------------------------- running Frog
def run_frog(lines: list[str], parser: bool, one_per_line: bool = True) -> tuple[str, float, float]:
    """Frog's tab output for ``lines``, its wall time and its CPU time (user + sys), one thread."""
    skip = "n" if parser else "mpn"  # the parser needs the multi-word units; NER is never used
    with tempfile.TemporaryDirectory() as d:
        inp, out = Path(d) / "in.txt", Path(d) / "out.tsv"
        inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cmd = ["frog", "--threads=1", f"--skip={skip}", "-t", str(inp), "-o", str(out)]
        if one_per_line:
            cmd.insert(1, "-n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=d, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return out.read_text(encoding="utf-8"), wall, cpu


def sentences(tsv: str) -> list[list[dict]]:
    """Frog's tab output as sentences of tokens (i, word, lemma, tag, pos, head, rel). Columns: number,
    word, lemma, morphemes, tag, confidence, entity, multi-word unit, chunk, head, relation."""
    out: list[list[dict]] = []
    cur: list[dict] = []
    for line in tsv.split("\n"):
        if not line.strip():
            if cur:
                out.append(cur)
                cur = []
            continue
        c = line.split("\t")
        cur.append(
            {
                "i": int(c[0]),
                "word": c[1],
                "lemma": c[2].lower(),
                "tag": c[4],
                "pos": c[4].split("(")[0],
                "head": int(c[9]) if len(c) > 9 and c[9].strip().isdigit() else 0,
                "rel": c[10].strip() if len(c) > 10 else "",
            }
        )
    if cur:
        out.append(cur)
    return out


def align(tokens: list[dict], text: str) -> None:
    """Give every token its character span in ``text`` (found left to right; -1 when not found)."""
    pos = 0
    for t in tokens:
        k = text.find(t["word"], pos)
        if k < 0 or k - pos > 40:
            t["start"] = t["end"] = -1
            continue
        t["start"], t["end"] = k, k + len(t["word"])
        pos = t["end"]


MARK = "Zzqqmark ."  # a line between the clauses: Frog may split a clause into several sentences


def group(sents: list[list[dict]], n: int, keys: list[str]) -> dict[str, list[dict]]:
    """The sentences between the marker lines, one token list per clause (token numbers made unique
    over the sentences of a clause, heads with them)."""
    out: list[list[dict]] = [[]]
    for s in sents:
        if s and s[0]["word"] == MARK.split()[0]:
            out.append([])
            continue
        off = len(out[-1])
        for t in s:
            out[-1].append({**t, "i": t["i"] + off, "head": t["head"] + off if t["head"] else 0})
    out = out[:n]
    if len(out) != n:
        raise SystemExit(f"Frog gave {len(out)} clauses back for {n}")
    return dict(zip(keys, out, strict=True))


# ----------------------------------------------------------------------------- the heuristic
AUX = {"zijn", "worden", "hebben", "kunnen", "moeten", "mogen", "zullen", "plegen", "willen"}
COPULA = {"zijn", "bedragen", "blijven", "worden"}


def _np(tokens: list[dict], head: dict) -> str:
    """The noun phrase of ``head`` as written: its left dependents (article, adjectives) and itself."""
    left = [t for t in tokens if t["head"] == head["i"] and t["i"] < head["i"] and t["rel"] in ("det", "mod")]
    first = min([head["i"]] + [t["i"] for t in left])
    words = [t["word"] for t in tokens if first <= t["i"] <= head["i"]]
    s = " ".join(words)
    return s[0].lower() + s[1:] if s[:3] in ("De ", "Het") else s


def frog_act_actor(tokens: list[dict], ps: int, pe: int) -> tuple[str | None, str | None]:
    """Act and actor of the parameter at characters [ps, pe) of a parsed clause.

    The governing verb is the first verb (tag WW) up the dependency heads from a token of the
    parameter, else the verb nearest to it. From there up through ``vc`` to the top of the verb
    chain (whose ``su`` is the subject) and down through ``vc`` to the main verb. Act: the main
    verb's lemma (a separable particle ``svp`` joined in front) after the head lemma of its
    direct object (``obj1``); in the passive the object is the subject, and the actor the
    ``obj1`` of a "door" phrase; a copula or "bedragen" gets the subject's head as its object and
    no actor. Actor: the subject's noun phrase.
    """
    by = {t["i"]: t for t in tokens}
    kids: dict[int, list[dict]] = {}
    for t in tokens:
        kids.setdefault(t["head"], []).append(t)
    inside = [t for t in tokens if t["start"] >= 0 and t["start"] < pe and t["end"] > ps]
    verb = None
    for t in inside:
        seen = set()
        h = by.get(t["head"])
        while h is not None and h["i"] not in seen:
            seen.add(h["i"])
            if h["pos"] == "WW":
                verb = h
                break
            h = by.get(h["head"])
        if verb:
            break
    if verb is None:
        verbs = [t for t in tokens if t["pos"] == "WW" and t not in inside]
        if not verbs:
            return None, None
        at = inside[0]["i"] if inside else 0
        verb = min(verbs, key=lambda v: (abs(v["i"] - at), v["i"] > at))
    top = verb
    while top["rel"] == "vc" and by.get(top["head"], {}).get("pos") == "WW":
        top = by[top["head"]]
    chain = [top]
    while True:
        vc = [k for k in kids.get(chain[-1]["i"], []) if k["rel"] == "vc" and k["pos"] == "WW"]
        if not vc:
            break
        chain.append(vc[0])
    main = chain[-1]

    def child(rel: str, pos: str | None = None) -> dict | None:
        for v in chain:
            for k in kids.get(v["i"], []):
                if k["rel"] == rel and (pos is None or k["pos"] == pos):
                    return k
        return None

    lemma = main["lemma"]
    svp = [k for k in kids.get(main["i"], []) if k["rel"] == "svp"]
    if svp:
        p = svp[0]
        lemma = p["lemma"] + lemma if p["pos"] in ("VZ", "BW") else f"{p['lemma']} {lemma}"
    su = child("su")
    passive = "vd" in main["tag"] and any(v["lemma"] in ("worden", "zijn") for v in chain[:-1])
    if passive:
        obj = su
        actor = None
        for v in chain:
            for k in kids.get(v["i"], []):
                if k["lemma"] == "door" and k["pos"] == "VZ":
                    o = [x for x in kids.get(k["i"], []) if x["rel"] == "obj1"]
                    actor = _np(tokens, o[0]) if o else None
    elif main["lemma"] in COPULA and len(chain) == 1 or main["lemma"] == "bedragen":
        obj = su
        actor = None
        pred = child("predc", "ADJ")
        if pred is not None:
            lemma = f"{pred['lemma']} {lemma}"
    else:
        obj = child("obj1")
        actor = _np(tokens, su) if su is not None and su["pos"] in ("N", "VNW", "SPEC") else None
    if obj is not None and obj["pos"] == "N":
        return f"{obj['lemma']} {lemma}", actor
    return lemma, actor


# ----------------------------------------------------------------------------- scoring
_FUNCTION = set("de het een van op in aan te voor over om met bij zich dat die tot door of en als".split())


def _toks(s: str) -> list[str]:
    return re.findall(r"[\wëéèïöüáóí'\-/]+", s.lower())


def act_match(pred: str | None, label: str | None) -> bool:
    """The predicted act's verb (its last word) is a word of the label, and, when the label names
    more than its verb, the prediction names one of those other content words too (and vice
    versa: a prediction with an object must share one with the label)."""
    if not pred or not label:
        return False
    p, lab = _toks(pred), _toks(label)
    if not p or p[-1] not in lab:
        return False
    verb = p[-1]
    po = {w for w in p if w != verb and w not in _FUNCTION}
    lo = {w for w in lab if w != verb and w not in _FUNCTION}
    if not po and not lo:
        return True
    if not po:  # "beslissen" for "beslissen op het beroepschrift": the verb is right, the object not named
        return False
    return bool(po & lo)


def act_verb_match(pred: str | None, label: str | None) -> bool:
    """The weaker test: the predicted act's verb is a word of the label."""
    return bool(pred and label and _toks(pred) and _toks(pred)[-1] in _toks(label))


def actor_match(pred: str | None, label: str | None) -> bool:
    """The head of the predicted actor (its last word before "van", "die", "dat") is a word of the label."""
    if not pred or not label:
        return False
    p = _toks(pred)
    cut = [i for i, w in enumerate(p) if w in ("van", "die", "dat", "welke")]
    p = p[: cut[0]] if cut and cut[0] > 0 else p
    return bool(p) and p[-1] in _toks(label)


def score(rows: list[dict], key: str, match) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(matched, found, in the oracle) of ``key`` (a prediction column) against its label."""
    lab = "label_" + key.split("_", 1)[1]
    found = sum(1 for r in rows if r[key])
    want = sum(1 for r in rows if r[lab])
    m = sum(1 for r in rows if match(r[key], r[lab]))
    return m, found, want


def pr(m: int, found: int, want: int) -> str:
    p = m / found if found else 0.0
    r = m / want if want else 0.0
    return f"precision {p:.2f} ({m}/{found})  recall {r:.2f} ({m}/{want})"


# ----------------------------------------------------------------------------- main
def main() -> None:
    if shutil.which("frog") is None:
        print("frog is not installed (Debian: apt-get install frog frogdata uctodata); nothing measured.")
        return
    from wetgraaf.identity import LegalId
    from wetgraaf.ingest.rule_parameters import _clauses, extract_parameters

    oracle = [json.loads(x) for x in ORACLE.read_text(encoding="utf-8").splitlines() if x]

    # 1. the patterns, paired with the labels
    rows: list[dict] = []
    for o in oracle:
        text = o["text"]
        src = LegalId.parse(o["jci"])
        got = extract_parameters(src, text)
        free = list(got)
        clauses = _clauses(text)
        pos = 0
        for p in o["parameters"]:
            mate = next(
                (
                    g
                    for g in free
                    if g.kind == p["kind"]
                    and g.value is not None
                    and p["value"] is not None
                    and round(g.value, 2) == round(float(p["value"]), 2)
                    and g.unit == p["unit"]
                ),
                None,
            )
            if mate is not None:
                free.remove(mate)
            k = text.find(p["text"], pos)
            if k < 0:
                k = text.find(p["text"])
            if k < 0:  # a label text not verbatim in the lid: look for its number
                num = re.search(r"\d[\d.,]*|\w+", p["text"])
                k = text.find(num.group(0)) if num else 0
                k = max(k, 0)
                located = False
            else:
                located = True
                pos = k + 1
            cs, ce = next(((a, b) for a, b in clauses if a <= k < b), (0, len(text)))
            rows.append(
                {
                    "id": o["id"],
                    "kind": p["kind"],
                    "text": p["text"],
                    "located": located,
                    "clause": text[cs:ce].strip(),
                    "ps": k - cs - (len(text[cs:ce]) - len(text[cs:ce].lstrip())),
                    "pe": k - cs - (len(text[cs:ce]) - len(text[cs:ce].lstrip())) + len(p["text"]),
                    "label_act": p["act"],
                    "label_actor": p["actor"],
                    "found": mate is not None,
                    "pat_act": mate.act if mate else None,
                    "pat_actor": mate.actor if mate else None,
                }
            )
    n_found = sum(r["found"] for r in rows)
    print(
        f"oracle parameters: {len(rows)}; found by the patterns (kind+value+unit): {n_found}; "
        f"label text located in the lid: {sum(r['located'] for r in rows)}"
    )
    print(
        f"labels with an act: {sum(1 for r in rows if r['label_act'])}; with an actor: {sum(1 for r in rows if r['label_actor'])}"
    )

    # 2. Frog on the clauses of the parameters (with the parser)
    uniq = sorted({r["clause"] for r in rows})
    lines = []
    for c in uniq:
        lines += [re.sub(r"\s+", " ", c), MARK]
    tsv, wall, cpu = run_frog(lines, parser=True)
    sents = sentences(tsv)
    words_a = sum(len(c.split()) for c in uniq)
    print(
        f"\n(a) Frog with parser on {len(uniq)} parameter clauses, {words_a} words: wall {wall:.1f} s, cpu {cpu:.1f} s; "
        f"{len(sents)} sentences back (markers included)"
    )
    parsed = group(sents, len(uniq), uniq)
    for r in rows:
        toks = [dict(t) for t in parsed[r["clause"]]]
        align(toks, r["clause"])
        r["frog_act"], r["frog_actor"] = frog_act_actor(toks, r["ps"], r["pe"])
        no_act = not r["pat_act"]
        r["comb_act"] = r["pat_act"] or r["frog_act"]
        r["comb_actor"] = r["pat_actor"] or (r["frog_actor"] if no_act else None)

    # 3. scores
    print(
        "\nact and actor against the labels (all oracle parameters; a parameter the patterns miss has no pattern act)"
    )
    for name, pre in (("(i) patterns", "pat"), ("(ii) Frog", "frog"), ("(iii) patterns, Frog where no act", "comb")):
        print(f"  {name}")
        print(f"    act (verb + object) {pr(*score(rows, pre + '_act', act_match))}")
        print(f"    act (verb only)     {pr(*score(rows, pre + '_act', act_verb_match))}")
        print(f"    actor               {pr(*score(rows, pre + '_actor', actor_match))}")
    on = [r for r in rows if r["found"]]
    print(f"  on the {len(on)} parameters the patterns find:")
    for name, pre in (("(i) patterns", "pat"), ("(ii) Frog", "frog"), ("(iii) combined", "comb")):
        print(
            f"    {name:14} act {pr(*score(on, pre + '_act', act_match))} | actor {pr(*score(on, pre + '_actor', actor_match))}"
        )
    c = Counter()
    for r in rows:
        if r["label_act"]:
            c[
                "act missing"
                if not r["pat_act"]
                else ("act right" if act_match(r["pat_act"], r["label_act"]) else "act wrong")
            ] += 1
        elif r["pat_act"]:
            c["act where the label has none"] += 1
        if r["label_actor"]:
            c[
                "actor missing"
                if not r["pat_actor"]
                else ("actor right" if actor_match(r["pat_actor"], r["label_actor"]) else "actor wrong")
            ] += 1
        elif r["pat_actor"]:
            c["actor where the label has none"] += 1
    print("  patterns vs labels:", dict(sorted(c.items())))
    no_act = [r for r in rows if not r["pat_act"]]
    print(f"  where the patterns give no act ({len(no_act)}): Frog {pr(*score(no_act, 'frog_act', act_match))}")
    cols = ["id", "kind", "text", "label_act", "pat_act", "frog_act", "label_actor", "pat_actor", "frog_actor"]
    out = ROOT / "docs/frog-params.tsv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(cols + ["pat_act_ok", "frog_act_ok", "pat_actor_ok", "frog_actor_ok"]) + "\n")
        for r in rows:
            vals = [str(r[k] if r[k] is not None else "") for k in cols]
            oks = [
                act_match(r["pat_act"], r["label_act"]),
                act_match(r["frog_act"], r["label_act"]),
                actor_match(r["pat_actor"], r["label_actor"]),
                actor_match(r["frog_actor"], r["label_actor"]),
            ]
            fh.write("\t".join(v.replace("\t", " ") for v in vals + ["1" if x else "0" for x in oks]) + "\n")
    print(f"  one row per parameter: {out.relative_to(ROOT)}")

    # 4. speed on 150 random leden, and start-up
    leden = random.Random(SEED).sample([o["text"] for o in oracle], 150)
    words = sum(len(t.split()) for t in leden)
    print(f"\n(b) speed on 150 random oracle leden, {words} words (whitespace), one thread")
    speed = {}
    for parser in (False, True):
        _, w0, c0 = run_frog(["Test."], parser=parser)
        tsv, w, cpu = run_frog(leden, parser=parser, one_per_line=False)
        toks = sum(len(s) for s in sentences(tsv))
        name = "with parser" if parser else "no parser (tag, lemma, morph, chunk)"
        speed[parser] = (words / (w - w0), words / (cpu - c0), w0)
        print(
            f"  {name}: start-up wall {w0:.1f} s (cpu {c0:.1f} s); run wall {w:.1f} s, cpu {cpu:.1f} s; "
            f"{toks} tokens; {words / (w - w0):.0f} words/s wall, {words / (cpu - c0):.0f} words/s cpu (start-up taken off)"
        )

    # 5. cost on the whole BWB of Frog where the patterns give no act
    if "--no-cost" in sys.argv:
        return
    n_files = int(sys.argv[sys.argv.index("--files") + 1]) if "--files" in sys.argv else 500
    sys.path.insert(0, str(ROOT / "tests/data/rules_oracle"))
    from sample import units_of_file  # the oracle's own reading of a lid's text

    files = sorted(DUMP.glob("*.xml"))
    pick = random.Random(SEED).sample(files, n_files)
    tally = Counter()
    for f in pick:
        for u in units_of_file(str(f)):
            tally["leden"] += 1
            tally["words"] += len(u["text"].split())
            try:
                src = LegalId.parse(u["jci"])
            except Exception:  # noqa: BLE001 - an id the package will not parse: the lid is not counted
                tally["bad id"] += 1
                continue
            ps = extract_parameters(src, u["text"])
            if not ps:
                continue
            tally["leden with a parameter"] += 1
            tally["parameters"] += len(ps)
            cl = _clauses(u["text"])
            todo = set()
            for p in ps:
                if p.act:
                    continue
                tally["parameters without act"] += 1
                k = u["text"].find(p.text)
                todo.add(next(((a, b) for a, b in cl if a <= k < b), (0, len(u["text"]))))
            tally["clauses without act"] += len(todo)
            tally["words in clauses without act"] += sum(len(u["text"][a:b].split()) for a, b in todo)
    scale = DUMP_FILES / n_files
    print(f"\n(c) {n_files} random dump files: " + ", ".join(f"{k} {v}" for k, v in tally.items()))
    w = tally["words in clauses without act"] * scale
    print(
        f"  whole BWB ({DUMP_FILES} files, x{scale:.1f}): {tally['words'] * scale:,.0f} words in leden, "
        f"{tally['clauses without act'] * scale:,.0f} clauses without act holding {w:,.0f} words"
    )
    for parser in (True, False):
        ws, cs, w0 = speed[parser]
        print(
            f"  Frog {'with' if parser else 'without'} parser on them: {w / ws / 3600:.1f} h wall at {ws:.0f} words/s, "
            f"{w / cs / 3600:.1f} h at {cs:.0f} words/s cpu (+ {w0:.0f} s start-up once)"
        )


if __name__ == "__main__":
    main()
