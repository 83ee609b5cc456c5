"""Score the definitions extractor against the second oracle (tests/data/definitions_oracle2).

The oracle was written by reading a seeded random draw of the 2012 BWB dump (see its
README); this module only compares. A positive record is *found* when a definition of
the same term (case, quotes and a leading article ignored) stands at the same article
(for an ``R`` regeling anywhere in the file with that article number; for a division,
"div:…", anywhere outside articles) and lid, and its text contains the recorded pieces.

``score()`` gives precision and recall for the explicit + by_reference group (a found
definition of either kind counts for the group), and recall per kind for extension,
restriction and deeming (the kind must agree). Precision is over the extracted Dutch
definitions in the drawn units (whole regelingen; the drawn article of an article file).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wetgraaf.ingest.language import text_language
from wetgraaf.ingest.parse import parse

HERE = Path(__file__).parent / "data" / "definitions_oracle2"
GROUP = {
    "explicit": "def",
    "by_reference": "def",
    "extension": "extension",
    "restriction": "restriction",
    "deeming": "deeming",
}


def norm_term(t: str) -> str:
    t = re.sub(r"\s+", " ", t).strip().lower().strip("‘’'\"«»„“”,:; ")
    return re.sub(r"^(?:de|het|een|the|a|an|le|la|les|l’)\s+", "", t)


def _norm_text(t: str) -> str:
    t = t.replace("\xa0", " ")
    t = re.sub(r"[‘’'\"«»„“”]", "'", t)
    return re.sub(r"\s+", " ", t).strip().lower()


#: Words of the definition cues themselves ("deze term omvat", "wordt mede verstaan", "daaronder
#: begrepen"). A recorded piece may quote the cue, which the contract leaves out of the definition;
#: the share of the piece's words found is taken over the other words (the term is compared on its own).
_CUE_WORDS = frozenset(
    "deze dit die de het term uitdrukking begrip omvat omvatten mede ook eveneens tevens niet geen wordt worden "
    "verstaan begrepen daaronder hieronder aangemerkt beschouwd gelijkgesteld geacht als met onder".split()
)


def _loc(v: str) -> str:
    return re.sub(r"[().\s]", "", v or "").lower()


@cache
def draw() -> dict:
    return json.loads((HERE / "draw.json").read_text(encoding="utf-8"))


def oracle(name: str = "oracle.jsonl") -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    fp: int = 0
    extracted: int = 0
    misses: list[dict] = field(default_factory=list)
    false: list[tuple[str, str, str, str]] = field(default_factory=list)
    by_stratum: dict = field(default_factory=lambda: defaultdict(Counter))

    def recall(self, group: str) -> float:
        n = self.tp[group] + self.fn[group]
        return self.tp[group] / n if n else 1.0

    @property
    def precision(self) -> float:
        return (self.extracted - self.fp) / self.extracted if self.extracted else 1.0


def _in_unit(d, artikel: str | None) -> bool:
    if artikel is None:
        return True
    return d.artikel == artikel or re.fullmatch(re.escape(artikel) + r"_\d+", d.artikel) is not None


def _art_ok(rec: dict, d) -> bool:
    a = rec.get("artikel") or ""
    if a.startswith("div:") or a == "":
        return not d.id.artikel  # a definition outside articles
    return _loc(d.artikel.split("_")[0]) == _loc(a) or _loc(d.artikel) == _loc(a)


def _matches(rec: dict, d) -> bool:
    if norm_term(d.term) != norm_term(rec["term"]) or not _art_ok(rec, d):
        return False
    if rec.get("lid") and d.lid and _loc(d.lid) != _loc(rec["lid"]):
        return False
    text = _norm_text(d.definition)
    for piece in rec.get("definition_contains", [])[:1]:
        piece = _norm_text(piece).rstrip(" ;,.:")
        if piece in text:
            continue
        # the recorded piece may include the cue ("daaronder mede begrepen het studiejaar") that
        # the contract leaves out of the definition: most of its words must be there
        own = set(re.findall(r"\w+", _norm_text(rec["term"])))
        words = [w for w in re.findall(r"\w+", piece) if w not in _CUE_WORDS and w not in own]
        if words and sum(w in text for w in words) < 0.6 * len(words):
            return False
    return True


def score(extract=None, records: list[dict] | None = None, *, dutch_only: bool = True) -> Score:
    """Score an extractor (``extract(bytes, name) -> definitions``; wetgraaf's parser by default)."""
    records = oracle() if records is None else records
    d = draw()
    strata = {r["file"]: r["stratum"] for r in d["regelingen"]}
    todo: list[tuple[str, str | None, Path]] = [
        (r["file"], None, HERE / "regelingen" / r["file"]) for r in d["regelingen"]
    ]
    todo += [(a["file"], a["artikel"], HERE / a["fixture"]) for a in d["articles"]]
    extract = extract or (lambda data, name: parse(data, name=name).definitions)
    s = Score()
    for file, artikel, fixture in todo:
        stratum = strata.get(file, "article")
        defs = [x for x in extract(fixture.read_bytes(), file) if _in_unit(x, artikel)]
        recs = [
            r
            for r in records
            if r.get("file") == file
            and "term" in r
            and (artikel is None or _loc(r.get("artikel", "")) == _loc(artikel))
            and (not dutch_only or not r.get("lang"))
        ]
        used: set[int] = set()
        for r in recs:
            g = GROUP.get(r["kind"], "def")
            hit = [i for i, x in enumerate(defs) if _matches(r, x)]
            ok = (
                [i for i in hit if GROUP.get(defs[i].kind) == g]
                if g != "def"
                else [i for i in hit if GROUP.get(defs[i].kind) == "def"]
            )
            used.update(hit)
            if ok:
                s.tp[g] += 1
                s.by_stratum[stratum]["tp_" + g] += 1
            else:
                s.fn[g] += 1
                s.by_stratum[stratum]["fn_" + g] += 1
                s.misses.append({**r, "found_kinds": [defs[i].kind for i in hit]})
        for i, x in enumerate(defs):
            if dutch_only and text_language(x.term + " " + x.definition) not in ("nl", ""):
                continue
            s.extracted += 1
            s.by_stratum[stratum]["extracted"] += 1
            if i not in used:
                s.fp += 1
                s.by_stratum[stratum]["fp"] += 1
                s.false.append((file, x.artikel, x.term, x.definition[:80]))
    return s
