"""How two definitions of the same term relate, with the evidence.

Relations: ``identical`` (same text after normalisation), ``equivalent_by_reference`` (one's
chain lands on the other, or both land on the same definition), ``near_duplicate`` (same
wording with small edits; the word-level diff is the evidence), ``narrower``/``broader`` (one
adds conditions or exclusions, or is a "niet verstaan"/"mede verstaan" modification),
``scoped_apart`` (same regeling, scopes that never overlap), ``divergent`` (different content).
``narrower`` means: the *first* definition is narrower than the second.

>>> relation_of_texts("de persoon die in Nederland woont", "de persoon die in Nederland woont;")[0]
'identical'
>>> relation_of_texts("de persoon die in Nederland woont", "de natuurlijke persoon die in Nederland woont")[0]
'near_duplicate'
>>> relation_of_texts("degene die loon geniet, met uitzondering van de bestuurder", "degene die loon geniet")[0]
'narrower'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from wetgraaf.graph.analysis.chains import follow

__all__ = ["Pair", "classify_pair", "relation_of_texts", "term_pairs", "word_diff", "NEAR_DUPLICATE"]

#: similarity of the word sequences above which two texts are near-duplicates
NEAR_DUPLICATE = 0.85
_RESTRICTIVE = re.compile(
    r"\b(?:met uitzondering van|niet|tenzij|voor zover|voorzover|indien|mits|uitsluitend|slechts|behoudens)\b"
)
_WIDENING = re.compile(r"\b(?:of|alsmede|dan wel|mede|eveneens|ook|onderscheidenlijk)\b")
_WORD = re.compile(r"[a-zà-ÿ0-9°]+(?:[-'][a-zà-ÿ0-9]+)*")


@dataclass(slots=True)
class Pair:
    a: str
    b: str
    term_key: str
    relation: str
    evidence: dict[str, Any] = field(default_factory=dict)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_diff(a: str, b: str) -> list[str]:
    """Word-level diff: ``-word`` only in a, ``+word`` only in b (runs joined).

    >>> word_diff("de persoon die woont", "de natuurlijke persoon die woont")
    ['+natuurlijke']
    """
    wa, wb = _words(a), _words(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append("-" + " ".join(wa[i1:i2]))
        if op in ("insert", "replace"):
            out.append("+" + " ".join(wb[j1:j2]))
    return out


def relation_of_texts(a: str, b: str) -> tuple[str, dict[str, Any]]:
    """Compare two definition texts: identical, near_duplicate, narrower, broader or divergent."""
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return "identical", {}
    ratio = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()
    diff = word_diff(a, b)
    ev: dict[str, Any] = {"similarity": round(ratio, 3), "diff": diff[:40]}
    sa, sb = set(wa), set(wb)
    if sa and sb:
        for first, (big, small, extra) in (
            (True, (sa, sb, [w for w in wa if w not in sb])),
            (False, (sb, sa, [w for w in wb if w not in sa])),
        ):
            if len(big & small) / len(small) < 0.9 or not extra or (len(small - big) > 0):
                continue
            words = " ".join(extra)
            if _RESTRICTIVE.search(words):
                wider = False  # the longer text adds an exclusion or a condition
            elif _WIDENING.search(words):
                wider = True  # … or an alternative ("of", "alsmede", "mede")
            elif ratio >= NEAR_DUPLICATE:
                break
            else:
                wider = False  # further qualifications narrow the concept
            longer_is_a = first
            rel = ("broader" if wider else "narrower") if longer_is_a else ("narrower" if wider else "broader")
            return rel, {**ev, "extra": words}
    if ratio >= NEAR_DUPLICATE:
        return "near_duplicate", ev
    return "divergent", ev


def _scopes_apart(x: dict, y: dict) -> bool:
    if x["bwb_id"] != y["bwb_id"]:
        return False
    lx, ly = x["scope_level"], y["scope_level"]
    if lx in ("implicit", "regeling") or ly in ("implicit", "regeling"):
        return False
    tx, ty = set(x["scope_targets"]), set(y["scope_targets"])
    if lx == ly and tx and ty and not (tx & ty):
        return True
    return False


def classify_pair(g: nx.MultiDiGraph, a: str, b: str) -> Pair:
    """The relation between definitions ``a`` and ``b`` (nodes of the definitions graph)."""
    x, y = g.nodes[a], g.nodes[b]
    tk = x["term_key"]
    if _scopes_apart(x, y):
        return Pair(a, b, tk, "scoped_apart", {"scopes": [x["scope_text"], y["scope_text"]]})
    ca, cb = follow(g, a), follow(g, b)
    if b in ca.path or a in cb.path or (ca.end is not None and ca.end == cb.end):
        return Pair(a, b, tk, "equivalent_by_reference", {"chain_a": ca.path, "chain_b": cb.path})
    if x["bwb_id"] == y["bwb_id"] and x["version"] == y["version"]:
        # one regeling modifying its own definition: "mede verstaan", "niet verstaan", "aangemerkt"
        if x["kind"] == "restriction" or y["kind"] == "restriction":
            return Pair(
                a, b, tk, "narrower" if x["kind"] == "restriction" else "broader", {"kinds": [x["kind"], y["kind"]]}
            )
        if x["kind"] in ("extension", "deeming") or y["kind"] in ("extension", "deeming"):
            return Pair(
                a,
                b,
                tk,
                "broader" if x["kind"] in ("extension", "deeming") else "narrower",
                {"kinds": [x["kind"], y["kind"]]},
            )
    rel, ev = relation_of_texts(x["text"], y["text"])
    return Pair(a, b, tk, rel, ev)


def term_pairs(g: nx.MultiDiGraph) -> list[Pair]:
    """Every pair of definitions of the same term, except two at the same location."""
    groups: dict[str, list[str]] = {}
    for n, a in g.nodes(data=True):
        groups.setdefault(a["term_key"], []).append(n)
    out = []
    for _, members in sorted(groups.items()):
        for a, b in combinations(sorted(members), 2):
            if g.nodes[a]["location"] == g.nodes[b]["location"]:
                continue  # e.g. a definition and the restriction embedded in it
            out.append(classify_pair(g, a, b))
    return out
