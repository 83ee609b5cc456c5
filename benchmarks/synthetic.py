"""A synthetic corpus of definitions derived from real ones, for the scaling benchmark.

Not part of the package: a benchmark fixture. The real definitions (the newest version of
every regeling in the given folders, by default the bundled corpus) are the seed:

* **1×** is the real definitions themselves;
* every further copy of the corpus (10× has nine) is made of *variants*: a variant splices
  two real definitions (the head of one up to a random cut, the tail of another from a
  random cut; both with their reference anchors), then edits about a quarter of the words
  (substitute by a word drawn with the corpus's own word frequencies, delete, or insert),
  gets a *renamed term* (a real term with a real qualifier word put in front) and lands in
  a *shuffled law* (one of ``15 × factor`` synthetic regelingen, drawn at random). So the
  vocabulary, the length distribution and the boilerplate ("als bedoeld in artikel …",
  "van de Wet …") are the real ones, and a variant is a new text, not a near-copy of its
  templates (Jaccard to them about 0.2–0.4);
* **planted duplicates**: for 2 % of the definitions of at least 8 words, a copy under
  another term in another law with 0–2 word edits. These are the pairs the LSH must find.

Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import networkx as nx

from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest.batch import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
QUALIFIERS = ("aanvullende", "bijzondere", "algemene", "tijdelijke", "gewezen", "eerste", "andere", "nieuwe")


@dataclass(slots=True)
class Seed:
    """The real definitions: (term, text, kind, refs, bwb_id) and the word frequencies of the texts."""

    definitions: list[tuple[str, str, str, list[str], str]]
    words: list[str] = field(default_factory=list)
    cum_weights: list[int] = field(default_factory=list)

    def word(self, rnd: random.Random) -> str:
        """A word drawn with the corpus's frequencies."""
        return rnd.choices(self.words, cum_weights=self.cum_weights)[0]


def load_seed(paths: Sequence[str | Path] = ()) -> Seed:
    """The definitions of the newest version of each regeling in ``paths`` (default: bundled corpus)."""
    docs = latest_documents(ingest_paths(list(paths) or [ROOT / "wetgraaf" / "data" / "corpus"], workers=2).documents)
    g = definitions_graph(docs)
    defs = [(a["term"], a["text"], a["kind"], list(a["refs"]), a["bwb_id"]) for _, a in sorted(g.nodes(data=True))]
    freq = Counter(w for _, text, _, _, _ in defs for w in text.split())
    words, weights = zip(*sorted(freq.items()), strict=True)
    return Seed(defs, list(words), list(accumulate(weights)))


def _edit(words: list[str], rate: float, seed: Seed, rnd: random.Random) -> list[str]:
    out = []
    for w in words:
        r = rnd.random()
        if r < rate / 3:
            continue  # delete
        if r < 2 * rate / 3:
            out.append(seed.word(rnd))  # substitute
            continue
        out.append(w)
        if r < rate:
            out.append(seed.word(rnd))  # insert
    return out or words[:1]


@dataclass(slots=True)
class Synthetic:
    graph: nx.MultiDiGraph
    planted: set[tuple[str, str]]  #: node keys of the planted duplicate pairs (sorted)


def generate(seed: Seed, factor: int, rng_seed: int = 11, plant: float = 0.02, rate: float = 0.25) -> Synthetic:
    """``factor`` × the seed's definitions as a definitions graph (see the module docstring)."""
    rnd = random.Random(rng_seed * 1000 + factor)
    real = seed.definitions
    n_laws = 15 * factor
    laws = [f"BWBS{i:07d}" for i in range(n_laws)]
    g = nx.MultiDiGraph()

    def add(key: str, term: str, text: str, kind: str, refs: list[str], law: str) -> None:
        g.add_node(
            key,
            term=term,
            term_key=term_key(term),
            text=text,
            kind=kind,
            refs=refs,
            bwb_id=law,
            title=law,
            url="",
            targets=[],
            location=key,
        )

    for i, (term, text, kind, refs, bwb) in enumerate(real):
        add(f"d{i}", term, text, kind, refs, bwb)  # 1×: the real definitions in their real laws
    for copy in range(1, factor):
        for i in range(len(real)):
            (_, x1, k1, r1, _), (_, x2, _, r2, _) = rnd.choice(real), rnd.choice(real)
            a, b = x1.split(), x2.split()
            head = a[: rnd.randint(1, max(1, len(a)))]
            tail = b[rnd.randint(0, max(0, len(b) - 1)) :]
            text = " ".join(_edit(head + tail, rate, seed, rnd))
            term = f"{rnd.choice(QUALIFIERS)} {rnd.choice(real)[0]}"
            add(f"s{copy}.{i}", term, text, k1, r1 + r2, rnd.choice(laws))
    planted: set[tuple[str, str]] = set()
    nodes = [n for n, a in g.nodes(data=True) if len(a["text"].split()) >= 8]
    for j, n in enumerate(rnd.sample(nodes, int(plant * len(nodes)))):
        a = g.nodes[n]
        words = a["text"].split()
        for _ in range(rnd.randint(0, 2)):
            words[rnd.randrange(1, len(words))] = seed.word(rnd)
        other = rnd.choice([x for x in laws[:50] if x != a["bwb_id"]])  # another law
        key = f"p{j}"
        add(key, f"{rnd.choice(QUALIFIERS)} {a['term']} {j}", " ".join(words), a["kind"], a["refs"], other)
        planted.add((min(n, key), max(n, key)))
    return Synthetic(g, planted)
