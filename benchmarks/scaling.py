"""Scaling of the cross-term duplicate search: MinHash + LSH against comparing all pairs.

Run: ``python benchmarks/scaling.py [PATH ...]`` (default: the bundled corpus as the seed).
A synthetic corpus is derived from the real definitions (``benchmarks/synthetic.py``: real
texts spliced and edited, renamed terms, shuffled laws, planted duplicates) at 1×, 10× and
100× their number, and for each size this measures, in the same run:

* **LSH**: :func:`wetgraaf.graph.analysis.duplicates.cross_term_duplicates` end to end
  (normalise, shingle, MinHash, band, verify, filter), wall time and peak traced memory
  (``tracemalloc``, a separate run), and the number of LSH candidate pairs;
* **recall of the planted duplicates**: planted pairs found / planted pairs whose exact
  Jaccard reaches the threshold, at the LSH stage (``similar_pairs``) and after the
  precision filters of ``cross_term_duplicates`` (start alike, agree outside references);
* **all pairs** (the baseline): exact Jaccard of every pair of shingle sets from different
  laws, where it is feasible (1× and 10×); at 100× its time is extrapolated from the 10×
  per-pair cost (it grows with the square of the size). Against it, the LSH stage's recall
  of *all* pairs at or above the threshold (not only the planted ones).

Ratios are against the 1× run of the same process.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import generate, load_seed  # noqa: E402

from wetgraaf.graph.analysis.duplicates import (  # noqa: E402
    MIN_WORDS,
    THRESHOLD,
    cross_term_duplicates,
    jaccard,
    lsh_candidates,
    minhash_signatures,
    normalise_text,
    shingles,
    similar_pairs,
)

FACTORS = (1, 10, 100)
ALL_PAIRS_UP_TO = 10  #: the all-pairs baseline runs up to this factor and is extrapolated beyond


def _prepared(g):  # type: ignore[no-untyped-def]
    nodes = sorted(g.nodes)
    texts = [g.nodes[n]["text"] for n in nodes]
    groups = [g.nodes[n]["bwb_id"] for n in nodes]
    return nodes, texts, groups


def _all_pairs(texts: list[str], groups: list[str]) -> tuple[float, int, set[tuple[int, int]]]:
    t0 = time.perf_counter()
    words = [normalise_text(t) for t in texts]
    idx = [i for i, w in enumerate(words) if len(w) >= MIN_WORDS]
    sets = {i: shingles(words[i]) for i in idx}
    found = set()
    n = 0
    for i, j in combinations(idx, 2):
        if groups[i] == groups[j]:
            continue
        n += 1
        if jaccard(sets[i], sets[j]) >= THRESHOLD:
            found.add((i, j))
    return time.perf_counter() - t0, n, found


def _candidates(texts: list[str]) -> int:
    words = [normalise_text(t) for t in texts]
    sets = [shingles(w) for w in words if len(w) >= MIN_WORDS]
    return len(lsh_candidates(minhash_signatures(sets)))


def main(argv: list[str]) -> None:
    seed = load_seed(argv)
    print(f"seed: {len(seed.definitions):,} real definitions, threshold Jaccard {THRESHOLD}, min {MIN_WORDS} words")
    rows = []
    for factor in FACTORS:
        syn = generate(seed, factor)
        g = syn.graph
        nodes, texts, groups = _prepared(g)
        n = len(nodes)

        t0 = time.perf_counter()
        dups = cross_term_duplicates(g)
        t_lsh = time.perf_counter() - t0
        tracemalloc.start()
        cross_term_duplicates(g)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        cands = _candidates(texts)

        found = {(min(d.a, d.b), max(d.a, d.b)) for d in dups}
        norm = {x: shingles(normalise_text(g.nodes[x]["text"])) for p in syn.planted for x in p}
        planted = {p for p in syn.planted if jaccard(norm[p[0]], norm[p[1]]) >= THRESHOLD}
        recall_planted = len(found & planted) / max(1, len(planted))

        lsh = {(i, j) for i, j, _ in similar_pairs(texts, groups=groups, min_words=MIN_WORDS)}
        at = {x: i for i, x in enumerate(nodes)}
        planted_ix = {(min(at[a], at[b]), max(at[a], at[b])) for a, b in planted}
        recall_stage = len(lsh & planted_ix) / max(1, len(planted_ix))
        if factor <= ALL_PAIRS_UP_TO:
            t_all, n_pairs, truth = _all_pairs(texts, groups)
            recall_all = len(lsh & truth) / max(1, len(truth))
            per_pair = t_all / max(1, n_pairs)
            all_note = f"{t_all:9.1f} s"
        else:
            n_pairs = int(rows[-1]["pairs"] * (n / rows[-1]["n"]) ** 2)
            t_all, recall_all = per_pair * n_pairs, float("nan")
            all_note = f"~{t_all:8.0f} s (extrapolated)"
        rows.append({"n": n, "pairs": n_pairs})
        base = rows[0]
        if factor == 1:
            base.update(t=t_lsh)
        print(
            f"{factor:4d}×  {n:8,d} definitions  {len({groups[i] for i in range(n)}):5,d} laws  "
            f"LSH {t_lsh:7.2f} s ({t_lsh / base['t']:6.1f}× the 1× time)  peak {peak:7.1f} MB  "
            f"{cands:10,d} candidates  {len(dups):7,d} found  planted recall: LSH stage {recall_stage:6.1%}, "
            f"after the filters {recall_planted:6.1%} ({len(found & planted)}/{len(planted)})  |  all pairs: {n_pairs:14,d} pairs {all_note}  "
            f"LSH recall of all pairs ≥ {THRESHOLD}: {recall_all:6.1%}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
