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
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from wetgraaf.graph.analysis.chains import follow

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Pair",
    "PairList",
    "classify_pair",
    "relation_of_texts",
    "term_pairs",
    "word_diff",
    "NEAR_DUPLICATE",
    "LISTED_VARIANTS",
]

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


#: a term with more distinct texts than this lists only the related pairs of its variants; the
#: divergent ones are counted (:attr:`PairList.unlisted`), not listed
LISTED_VARIANTS = 50


class PairList(list[Pair]):
    """The pairs of :func:`term_pairs`, and per term how many divergent variant pairs are not listed."""

    unlisted: dict[str, int]

    def __init__(self, pairs: Iterable[Pair] = (), unlisted: dict[str, int] | None = None) -> None:
        super().__init__(pairs)
        self.unlisted = unlisted or {}


def _ordered(g: nx.MultiDiGraph, a: str, b: str, shared: tuple[int, int]) -> Pair:
    """``classify_pair`` with the keys in order, and how many definitions of the term share each text."""
    if b < a:
        a, b, shared = b, a, (shared[1], shared[0])
    p = classify_pair(g, a, b)
    p.evidence["shared_by"] = list(shared)
    return p


def term_pairs(g: nx.MultiDiGraph, listed_variants: int = LISTED_VARIANTS) -> PairList:
    """The pairs of definitions of the same term (never two at the same location), with the
    definitions of one text grouped: a term that hundreds of laws define ("wet", "Onze Minister",
    "werkgever") has far fewer distinct texts than definitions, and comparing every pair of
    definitions grows with the square of their number (2.6 million pairs on the whole 2012 BWB,
    426,000 pairs of distinct texts).

    Definitions with the same words (:func:`relation_of_texts` calls them ``identical``) and,
    for by-reference definitions, the same end of their chain form a *variant* of the term
    (definitions that land on one definition are ``equivalent_by_reference``, whatever their
    text; the star below keeps that). Listed are:

    * within a variant, each definition with the variant's first one (a star, not every pair:
      ``k`` definitions sharing a text give ``k − 1`` pairs, each classified as before, so
      ``identical`` unless one refers to the other or the same regeling scopes them apart);
      ``evidence["variant"]`` is the first definition;
    * every pair within one regeling (its scopes, restrictions and extensions relate those two
      definitions only);
    * one pair per two variants, between their first definitions in different regelingen: the
      texts (and the chain ends) decide the relation, so it holds for every definition of the
      one variant against every definition of the other. A term with more than
      ``listed_variants`` variants ("wet": 441 texts in 1,095 definitions) lists only the
      variant pairs that are related; the others are ``divergent`` — certainly: their word sets
      neither contain one another nor share enough words for a near-duplicate (see
      :func:`_may_relate`) — and only counted, in :attr:`PairList.unlisted`.

    ``evidence["shared_by"]`` says how many definitions of the term have the text of ``a`` and
    of ``b``: "7 definitions share this text".
    """
    groups: dict[str, list[str]] = {}
    for n, a in g.nodes(data=True):
        groups.setdefault(a["term_key"], []).append(n)
    out = PairList()
    for tk, members in sorted(groups.items()):
        if len(members) > 1:
            unlisted = _pairs_of_term(g, sorted(members), listed_variants, out)
            if unlisted:
                out.unlisted[tk] = unlisted
    return out


def _may_relate(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether :func:`relation_of_texts` can say anything but ``divergent`` of two different word
    sequences: one word set contains the other (narrower/broader), or the words could align for a
    similarity of :data:`NEAR_DUPLICATE` (the ratio is 2·matches / (len a + len b), and the
    matches are at most the words the two have in common, counted with multiplicity)."""
    sa, sb = set(a), set(b)
    if sa <= sb or sb <= sa:
        return True
    la, lb = len(a), len(b)
    if 2 * min(la, lb) < NEAR_DUPLICATE * (la + lb):
        return False
    common = sum(min(a.count(w), b.count(w)) for w in sa & sb)
    return 2 * common >= NEAR_DUPLICATE * (la + lb)


def _pairs_of_term(g: nx.MultiDiGraph, members: list[str], listed_variants: int, out: list[Pair]) -> int:
    """Add the pairs of one term's definitions to ``out``; return how many divergent variant pairs were not listed."""
    nodes = g.nodes
    variants: dict[tuple[tuple[str, ...], str | None], list[str]] = {}
    for m in members:
        end = follow(g, m).end if nodes[m]["kind"] == "by_reference" else None
        variants.setdefault((tuple(_words(nodes[m]["text"])), end), []).append(m)
    size = {m: len(v) for v in variants.values() for m in v}
    done: set[tuple[str, str]] = set()
    mine: list[Pair] = []

    def add(a: str, b: str, **extra: Any) -> None:
        key = (a, b) if a < b else (b, a)
        if key in done or nodes[a]["location"] == nodes[b]["location"]:
            return  # e.g. a definition and the restriction embedded in it
        done.add(key)
        p = _ordered(g, a, b, (size[a], size[b]))
        p.evidence.update(extra)
        mine.append(p)

    for v in variants.values():
        for m in v[1:]:
            # the first definition of the variant at another location (a restriction embedded
            # in a definition shares its location)
            rep = next((x for x in v if x != m and nodes[x]["location"] != nodes[m]["location"]), None)
            if rep is not None:
                add(rep, m, variant=v[0])
    by_bwb: dict[str, list[str]] = {}
    for m in members:
        by_bwb.setdefault(nodes[m]["bwb_id"], []).append(m)
    for same in by_bwb.values():
        for a, b in combinations(same, 2):
            add(a, b)
    every = len(variants) <= listed_variants
    unlisted = 0
    for (ka, va), (kb, vb) in combinations(variants.items(), 2):
        a = va[0]
        b = next((y for y in vb if nodes[y]["bwb_id"] != nodes[a]["bwb_id"]), None)
        if b is None:
            a = next((x for x in va if nodes[x]["bwb_id"] != nodes[vb[0]]["bwb_id"]), None)
            b = vb[0]
        if a is None:
            continue  # one regeling: every pair is listed above
        if every or ka[1] is not None or kb[1] is not None or _may_relate(ka[0], kb[0]):
            add(a, b)
        else:
            unlisted += 1
    mine.sort(key=lambda p: (p.a, p.b))
    out.extend(mine)
    return unlisted
