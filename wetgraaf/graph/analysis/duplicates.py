"""The same definition text under different terms in different laws: harmonisation candidates.

Pairs of *one* term are :mod:`~wetgraaf.graph.analysis.pairs`' business; here the question is
"which laws define the same thing under another name" (*UWV* / *Uitvoeringsinstituut
werknemersverzekeringen*, *reïntegratiebedrijf* / *re-integratiebedrijf*, Awb *bestuursorgaan*
/ Wabb *overheidsorgaan*). Comparing every pair of definitions grows with the square of
their number, so candidates come from MinHash + LSH and only those are checked exactly:

1. every definition text is normalised (case, diacritics, punctuation, list labels "a." /
   "1°" dropped) and cut into word shingles (:data:`SHINGLE` words);
2. a MinHash signature of :data:`NUM_PERM` values per text (numpy; the shingle hash is
   CRC-32 and the permutations come from a fixed seed, so results do not depend on the
   process or on the order of the input);
3. LSH banding: :data:`BANDS` bands of ``NUM_PERM // BANDS`` rows; two texts that agree on
   a whole band are candidates. With 32 bands of 4 rows a pair is a candidate with
   probability 1 − (1 − J⁴)³²: 0.988 at the threshold (J = 0.6), > 0.999 from J = 0.7,
   0.05 at J = 0.2 and 0.003 at J = 0.1;
4. candidates are verified with the exact Jaccard similarity of their shingle sets
   (≥ :data:`THRESHOLD`; the shingles are kept as 32-bit CRCs, so two different shingles of
   one pair of texts could meet only with odds of about one in a hundred million).

The cost is linear in the number of definitions plus the number of candidate pairs, which
stays near-linear unless the corpus is mostly copies of itself (``benchmarks/scaling.py``
measures it at 1×, 10× and 100× the corpus; the figures are in the README).

What is kept was decided by reading the real output on the shared corpus (55 files):

* only different term keys (same-term pairs are in ``pairs``) and different regelingen
  (the issue asks for "in different laws"; one law naming one text twice, such as the Wet
  kinderopvang's *verantwoorde kinderopvang* / *verantwoorde gastouderopvang*, is left
  out), over the newest version of each regeling (the graph passed in);
* Jaccard ≥ 0.6 over word pairs: everything from 0.6 up is a real candidate (*SVB* /
  *Sociale verzekeringsbank*, 0.65, "genoemd in hoofdstuk 6" / "in artikel 3" of the Wet
  SUWI; ANW *de eerstgenoemde arbeid* / Wajong *arbeid*, 0.69, "alle algemeen geaccepteerde
  arbeid waartoe die persoon / betrokkene met zijn krachten en bekwaamheden in staat is");
  below it the pairs thin out (WW / Wajong *minimumloon* variants at 0.54 share the
  reference to article 8 of the WML and a different computation);
* texts of fewer than :data:`MIN_WORDS` words are skipped (13 definitions in the shared
  corpus have an empty text, and "de echtgenoot" under two names is no evidence);
* definitions that are mostly a reference must also agree *outside* their reference
  anchors (Jaccard ≥ the threshold on the remaining words): "bank: bank als bedoeld in
  artikel 1:1 van de Wet op het financieel toezicht" and "levensverzekering: een
  overeenkomst van levensverzekering als bedoeld in artikel 1:1 …" share 71 % of their
  word pairs and mean different things; *inspecteur* / *sociaal-fiscaalnummer* (two
  onderdelen of one AWR article) likewise. *UWV* / *Uitvoeringsinstituut
  werknemersverzekeringen* ("het Uitvoeringsinstituut werknemersverzekeringen, genoemd in
  hoofdstuk 5 van de Wet structuur uitvoeringsorganisatie werk en inkomen") stays;
* the two texts must start alike (the first word after the articles of one is among the
  first three of the other): Vw *Kwalificatierichtlijn* ("de richtlijn nr. 2011/95/EU …")
  and VV *ernstige schade* ("daden als bedoeld in artikel 29 … en artikel 15 van richtlijn
  2011/95/EU …", Jaccard 0.74) only share the directive's long title; likewise a
  restriction that quotes another law's definition ("In afwijking van … wordt niet als
  werknemer beschouwd de vreemdeling die …");
* a pair where one definition refers to the other is a reference, not a duplicate.

>>> texts = ["de persoon die in Nederland woont en hier werkt",
...          "de persoon die in Nederland woont en daar werkt",
...          "een overeenkomst van levensverzekering"]
>>> [(i, j, round(s, 2)) for i, j, s in similar_pairs(texts, threshold=0.5)]
[(0, 1, 0.6)]
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from wetgraaf.graph.analysis.pairs import Pair, word_diff
from wetgraaf.graph.analysis.terms import strip_accents

__all__ = [
    "Duplicate",
    "normalise_text",
    "shingles",
    "shingle_hashes",
    "minhash_signatures",
    "lsh_candidates",
    "jaccard",
    "similar_pairs",
    "cross_term_duplicates",
    "SHINGLE",
    "NUM_PERM",
    "BANDS",
    "THRESHOLD",
    "MIN_WORDS",
]

#: words per shingle
SHINGLE = 2
#: MinHash permutations per signature
NUM_PERM = 128
#: LSH bands (rows per band = NUM_PERM // BANDS)
BANDS = 32
#: exact Jaccard similarity of the shingle sets from which a candidate is a duplicate
THRESHOLD = 0.6
#: definitions with fewer words than this are not compared
MIN_WORDS = 5
#: candidates whose MinHash estimate is this far below the threshold are not checked exactly
MARGIN = 0.2
#: seed of the MinHash permutations (fixed: same input, same output)
SEED = 20240604

_PRIME = np.uint64((1 << 31) - 1)  # a·x + b stays below 2⁶³ for a, b, x < 2³¹
_LABEL = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}°|[a-z]{1,2}\.|[ivx]{1,4}\.)(?=\s)")
_TOKEN = re.compile(r"[a-z0-9]+")


def normalise_text(text: str) -> list[str]:
    """The words of a definition text as compared: lower case, no diacritics, no list labels.

    >>> normalise_text("a. een orgaan van een rechtspersoon, of b. een ander persoon")
    ['een', 'orgaan', 'van', 'een', 'rechtspersoon', 'of', 'een', 'ander', 'persoon']
    >>> normalise_text("1° de reïntegratie;")
    ['de', 'reintegratie']
    """
    t = strip_accents(text.lower())
    return _TOKEN.findall(_LABEL.sub(" ", t))


def shingles(words: Sequence[str], k: int = SHINGLE) -> frozenset[str]:
    """The set of ``k``-word shingles of ``words`` (one shingle when there are fewer words).

    >>> sorted(shingles(["de", "persoon", "die", "woont"]))
    ['de persoon', 'die woont', 'persoon die']
    """
    if len(words) <= k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def shingle_hashes(words: Sequence[str], k: int = SHINGLE) -> frozenset[int]:
    """The CRC-32 of each shingle: what is compared (a set of ints is a third of the memory of a
    set of strings, and stable across processes, unlike ``hash``).

    >>> len(shingle_hashes(["de", "persoon", "die", "woont"]))
    3
    """
    return frozenset(zlib.crc32(s.encode("utf-8")) for s in shingles(words, k))


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(_PRIME), size=num_perm, dtype=np.uint64)
    b = rng.integers(0, int(_PRIME), size=num_perm, dtype=np.uint64)
    return a, b


def minhash_signatures(
    sets: Sequence[AbstractSet[str] | AbstractSet[int]], num_perm: int = NUM_PERM, seed: int = SEED
) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` values per (non-empty) set.

    Shingles are hashed with CRC-32 (stable across processes; sets of ints are taken as
    hashes already, see :func:`shingle_hashes`) and permuted with ``(a·x + b) mod (2³¹ − 1)``.

    >>> s = minhash_signatures([frozenset({"a b", "b c"}), frozenset({"b c", "a b"}), frozenset({"x y"})], num_perm=8)
    >>> s.shape, bool((s[0] == s[1]).all()), bool((s[0] == s[2]).all())
    ((3, 8), True, False)
    """
    data = array("I")
    offsets = [0]
    for x in sets:
        if not x:
            raise ValueError("empty shingle set")
        data.extend(sorted(v if isinstance(v, int) else zlib.crc32(v.encode("utf-8")) for v in x))
        offsets.append(len(data))
    return _minhash(np.frombuffer(data, dtype=np.uint32), np.array(offsets, dtype=np.int64), num_perm, seed)


def _minhash(
    data: np.ndarray, offsets: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED, chunk: int = 1 << 13
) -> np.ndarray:
    """MinHash of the sets stored back to back in ``data`` (set ``i`` is ``data[offsets[i]:offsets[i + 1]]``),
    in chunks of about ``chunk`` shingles so that memory stays bounded."""
    a, b = _permutations(num_perm, seed)
    n = len(offsets) - 1
    out = np.empty((n, num_perm), dtype=np.uint32)  # values < 2³¹
    start = 0
    while start < n:
        stop = max(start + 1, int(np.searchsorted(offsets, offsets[start] + chunk, side="right")) - 1)
        stop = min(stop, n)
        hashes = data[offsets[start] : offsets[stop]].astype(np.uint64) % _PRIME
        permuted = a[:, None] * hashes[None, :]
        permuted += b[:, None]
        permuted %= _PRIME
        out[start:stop] = np.minimum.reduceat(permuted, offsets[start:stop] - offsets[start], axis=1).T
        start = stop
    return out


def lsh_candidates(signatures: np.ndarray, bands: int = BANDS) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``, that agree on at least one whole band.

    Each band of each signature is reduced to one 64-bit key; rows with equal keys in a band
    share a bucket. A key collision only adds a candidate (all are verified), never loses one.

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 6, 7, 8]], dtype=np.uint64)
    >>> lsh_candidates(sig, bands=2).tolist()
    [[0, 1], [0, 2]]
    """
    n, num_perm = signatures.shape
    rows = num_perm // bands
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    rng = np.random.default_rng(SEED + 1)
    mult = rng.integers(1, 1 << 62, size=rows, dtype=np.uint64) | np.uint64(1)
    found = []
    with np.errstate(over="ignore"):
        for band in range(bands):
            block = signatures[:, band * rows : (band + 1) * rows]
            keys = (block.astype(np.uint64) * mult).sum(axis=1, dtype=np.uint64) ^ np.uint64(band)
            order = np.argsort(keys, kind="stable")
            sk = keys[order]
            starts = np.flatnonzero(np.concatenate(([True], sk[1:] != sk[:-1])))
            sizes = np.diff(np.concatenate((starts, [n])))
            for s, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
                members = np.sort(order[s : s + size])
                i, j = np.triu_indices(size, k=1)
                found.append(members[i] * n + members[j])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)


def jaccard(a: AbstractSet[Any], b: AbstractSet[Any]) -> float:
    """|a ∩ b| / |a ∪ b| (0.0 for two empty sets).

    >>> jaccard(frozenset("abc"), frozenset("bcd"))
    0.5
    """
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similar_pairs(
    texts: Sequence[str],
    threshold: float = THRESHOLD,
    groups: Sequence[Any] | None = None,
    min_words: int = 1,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
) -> list[tuple[int, int, float]]:
    """Pairs of ``texts`` with shingle Jaccard ≥ ``threshold``, found by MinHash + LSH.

    ``groups`` (one label per text, optional): pairs within one group are not reported.
    Returns ``(i, j, jaccard)`` with ``i < j``, sorted. The shingle sets are kept as one
    array of hashes (a Python set per text would take ten times the memory); candidates
    whose MinHash estimate is more than :data:`MARGIN` below the threshold are dropped
    before the exact check (with 128 permutations that is over four standard deviations:
    a pair at the threshold is lost with odds of about one in 10⁵).
    """
    idx: list[int] = []
    data = array("I")
    offsets = [0]
    for i, t in enumerate(texts):
        words = normalise_text(t)
        if len(words) >= max(1, min_words):
            idx.append(i)
            data.extend(sorted(shingle_hashes(words)))
            offsets.append(len(data))
    if len(idx) < 2:
        return []
    flat, off = np.frombuffer(data, dtype=np.uint32), np.array(offsets, dtype=np.int64)
    sig = _minhash(flat, off, num_perm)
    cand = lsh_candidates(sig, bands=bands)
    if groups is not None and len(cand):
        label = {g: k for k, g in enumerate(dict.fromkeys(groups[i] for i in idx))}
        code = np.array([label[groups[i]] for i in idx], dtype=np.int64)
        cand = cand[code[cand[:, 0]] != code[cand[:, 1]]]
    keep = []
    for s in range(0, len(cand), 1 << 15):
        part = cand[s : s + (1 << 15)]
        estimate = (sig[part[:, 0]] == sig[part[:, 1]]).mean(axis=1)
        keep.append(part[estimate >= threshold - MARGIN])
    sets: dict[int, frozenset[int]] = {}

    def shingle_set(x: int) -> frozenset[int]:
        if x not in sets:
            sets[x] = frozenset(flat[off[x] : off[x + 1]].tolist())
        return sets[x]

    out = []
    for x, y in np.concatenate(keep).tolist() if keep else []:
        j = jaccard(shingle_set(x), shingle_set(y))
        if j >= threshold:
            out.append((idx[x], idx[y], j))
    return sorted(out)


@dataclass(slots=True)
class Duplicate:
    """Two definitions of different terms, in different regelingen, with (nearly) the same text."""

    a: str
    b: str
    term_a: str
    term_b: str
    jaccard: float
    outside_refs: float | None = None  #: Jaccard of the words outside the reference anchors
    diff: list[str] = field(default_factory=list)
    #: how many definitions of ``term_a`` have the text of ``a``, and of ``term_b`` that of ``b``
    #: (the pair stands for all of them: "12 laws define *minister* with this text")
    shared_by: tuple[int, int] = (1, 1)
    #: the definitions of ``term_a`` with the text of ``a`` (``a`` first), and of ``term_b`` with that of ``b``
    groups: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def as_pair(self, g: nx.MultiDiGraph) -> Pair:
        """As a :class:`~wetgraaf.graph.analysis.pairs.Pair` with relation ``cross_term_duplicate``."""
        return Pair(
            self.a,
            self.b,
            f"{g.nodes[self.a]['term_key']} ~ {g.nodes[self.b]['term_key']}",
            "cross_term_duplicate",
            {
                "terms": [self.term_a, self.term_b],
                "jaccard": self.jaccard,
                "diff": self.diff,
                "shared_by": list(self.shared_by),
                "groups": [list(x) for x in self.groups],
            },
        )

    def as_row(self, g: nx.MultiDiGraph) -> dict[str, Any]:
        """The pair with the evidence a reviewer needs (both texts, laws, locations, diff)."""
        x, y = g.nodes[self.a], g.nodes[self.b]
        return {
            "a": self.a,
            "b": self.b,
            "term_a": self.term_a,
            "term_b": self.term_b,
            "bwb_a": x["bwb_id"],
            "bwb_b": y["bwb_id"],
            "title_a": x["title"],
            "title_b": y["title"],
            "kind_a": x["kind"],
            "kind_b": y["kind"],
            "definition_a": x["text"],
            "definition_b": y["text"],
            "url_a": x["url"],
            "url_b": y["url"],
            "jaccard": self.jaccard,
            "outside_refs": self.outside_refs,
            "diff": self.diff,
            "shared_by": list(self.shared_by),
        }


_ARTICLE = frozenset({"de", "het", "een", "die", "dat"})


def _genus(text: str) -> list[str]:
    """The first three words after the articles: what kind of thing the definition says it is."""
    return [w for w in normalise_text(text) if w not in _ARTICLE][:3]


def _same_genus(a: str, b: str) -> bool:
    ga, gb = _genus(a), _genus(b)
    return bool(ga and gb) and (ga[0] in gb or gb[0] in ga)


def _outside_refs(text: str, refs: Sequence[str]) -> frozenset[str]:
    for r in sorted(refs, key=len, reverse=True):
        if r:
            text = text.replace(r, " ")
    return frozenset(normalise_text(text))


def cross_term_duplicates(
    g: nx.MultiDiGraph, threshold: float = THRESHOLD, min_words: int = MIN_WORDS
) -> list[Duplicate]:
    """Definitions of different terms in different regelingen with Jaccard ≥ ``threshold``.

    ``g`` is the definitions graph of the newest version of each regeling
    (:func:`~wetgraaf.graph.analysis.network.definitions_graph` of
    :func:`~wetgraaf.graph.analysis.network.latest_documents`). Sorted by Jaccard
    (highest first), then keys. See the module docstring for what is left out and why.

    Identical texts are grouped before anything is compared: the definitions of one term with
    the same words (:func:`normalise_text`) are one *variant*, reported once, with
    ``shared_by`` saying how many definitions it stands for (hundreds of laws define *Onze
    Minister* and *minister* as "Onze Minister van …"; listing every pair across the two terms
    would give tens of thousands of rows that say one thing). The LSH search runs over the
    distinct texts; a text that several terms share pairs their variants with Jaccard 1.0. For
    each two variants the pair reported is the first two definitions (in key order) in
    different regelingen where neither refers to the other.
    """
    nodes = g.nodes
    variants: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for n in sorted(nodes):
        variants.setdefault((nodes[n]["term_key"], tuple(normalise_text(nodes[n]["text"]))), []).append(n)
    by_text: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for v in variants:
        by_text.setdefault(v[1], []).append(v)
    distinct = list(by_text)
    found = [(i, i, 1.0) for i, w in enumerate(distinct) if len(by_text[w]) > 1 and len(w) >= min_words]
    found += similar_pairs([" ".join(w) for w in distinct], threshold=threshold, min_words=min_words)
    out = []
    for i, j, s in found:
        if not _same_genus(" ".join(distinct[i]), " ".join(distinct[j])):
            continue
        vs_i, vs_j = by_text[distinct[i]], by_text[distinct[j]]
        for va, vb in combinations(vs_i, 2) if i == j else ((x, y) for x in vs_i for y in vs_j):
            if va[0] == vb[0]:
                continue  # one term: pairs' business
            d = _duplicate(g, variants[va], variants[vb], s, threshold)
            if d is not None:
                out.append(d)
    out.sort(key=lambda d: (-d.jaccard, d.a, d.b))
    return out


def _duplicate(g: nx.MultiDiGraph, va: list[str], vb: list[str], s: float, threshold: float) -> Duplicate | None:
    """The two variants as a :class:`Duplicate`, represented by their first two definitions in
    different regelingen that do not refer to each other (``None`` when there are none, or when
    the words outside the references disagree)."""
    nodes = g.nodes
    pair = next(
        (
            (a, b)
            for a in va
            for b in vb
            if nodes[a]["bwb_id"] != nodes[b]["bwb_id"] and not g.has_edge(a, b) and not g.has_edge(b, a)
        ),
        None,
    )
    if pair is None:
        return None
    a, b = pair
    if b < a:
        a, b, va, vb = b, a, vb, va
    ga, gb = (a, *(x for x in va if x != a)), (b, *(y for y in vb if y != b))
    x, y = nodes[a], nodes[b]
    outside = None
    if x.get("refs") or y.get("refs"):
        outside = jaccard(_outside_refs(x["text"], x.get("refs", ())), _outside_refs(y["text"], y.get("refs", ())))
        if outside < threshold:
            return None
    return Duplicate(
        a,
        b,
        x["term"],
        y["term"],
        round(s, 3),
        None if outside is None else round(outside, 3),
        word_diff(x["text"], y["text"])[:40],
        (len(va), len(vb)),
        (ga, gb),
    )
