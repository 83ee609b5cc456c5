"""Centrality and communities of regelingen in the reference graph.

The law-level graph has a node per regeling and an edge A→B weighted by how many
references A's provisions make to B. PageRank says which laws are central (definitions in
them matter more); Louvain communities group laws that cite each other.

>>> g = nx.DiGraph(); g.add_weighted_edges_from([("A", "B", 3), ("C", "B", 1)])
>>> max(pagerank(g).items(), key=lambda kv: kv[1])[0]
'B'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import networkx as nx

from wetgraaf.identity import BWB_ID_PATTERN
from wetgraaf.ingest.records import Document

__all__ = ["law_graph", "pagerank", "communities"]

_BWB = re.compile(rf"^jci1\.3:c:({BWB_ID_PATTERN})")


def law_graph(documents: Iterable[Document]) -> nx.DiGraph:
    """Regelingen and weighted citations between them (self-citations left out)."""
    g = nx.DiGraph()
    weights: Counter[tuple[str, str]] = Counter()
    for d in documents:
        g.add_node(d.regeling.bwb_id, title=d.regeling.citeertitel, ingested=True)
        for r in d.references:
            if r.target is None or r.target.bwb_id == d.regeling.bwb_id:
                continue
            weights[(d.regeling.bwb_id, r.target.bwb_id)] += 1
    for (a, b), w in weights.items():
        if b not in g:
            g.add_node(b, title="", ingested=False)
        g.add_edge(a, b, weight=w)
    return g


def pagerank(g: nx.DiGraph) -> dict[str, float]:
    """PageRank scaled so that the most central regeling has 1.0."""
    if g.number_of_nodes() == 0:
        return {}
    pr = nx.pagerank(g, weight="weight")
    top = max(pr.values()) or 1.0
    return {k: v / top for k, v in pr.items()}


def communities(g: nx.DiGraph, seed: int = 7) -> list[list[str]]:
    """Louvain communities of the undirected, weighted law graph (deterministic with ``seed``)."""
    if g.number_of_nodes() == 0:
        return []
    parts = nx.community.louvain_communities(g.to_undirected(), weight="weight", seed=seed)
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))
