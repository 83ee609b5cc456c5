"""By-reference chains: where a definition "X: X als bedoeld in artikel 1 van de Wet Y" lands.

A chain is followed along ``refers_to`` edges until a definition that is not itself by
reference (the end), a definition already on the path (a cycle), or nothing (dangling).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="by_reference", targets=["jci1.3:c:BWBR0000001&artikel=1"], bwb_id="BWBR0000002")
>>> g.add_node("b", kind="explicit", targets=[], bwb_id="BWBR0000001")
>>> _ = g.add_edge("a", "b", key="refers_to")
>>> follow(g, "a").end, follow(g, "a").path
('b', ['a', 'b'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wetgraaf.identity import BWB_ID_PATTERN

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Chain", "follow", "all_chains", "dangling"]

_BWB = re.compile(rf"^jci1\.3:c:({BWB_ID_PATTERN})")


@dataclass(slots=True)
class Chain:
    start: str
    path: list[str] = field(default_factory=list)
    end: str | None = None  #: the first definition that is not by reference
    cycle: bool = False
    branches: int = 1  #: how many definitions the chain could continue to at its widest step

    @property
    def hops(self) -> int:
        return len(self.path) - 1


def follow(g: nx.MultiDiGraph, start: str) -> Chain:
    """Follow ``start`` along ``refers_to`` edges (the first target at each step, in key order)."""
    chain = Chain(start, [start])
    node = start
    while g.nodes[node].get("kind") == "by_reference":
        nxt = sorted({v for _, v, k in g.out_edges(node, keys=True) if k == "refers_to"})
        if not nxt:
            return chain  # dangling: see dangling()
        chain.branches = max(chain.branches, len(nxt))
        node = nxt[0]
        if node in chain.path:
            chain.cycle = True
            chain.path.append(node)
            return chain
        chain.path.append(node)
    chain.end = node if node != start else None
    return chain


def all_chains(g: nx.MultiDiGraph) -> list[Chain]:
    """The chain of every by-reference definition that has at least one link."""
    return [
        follow(g, n)
        for n, a in sorted(g.nodes(data=True))
        if a.get("kind") == "by_reference" and any(k == "refers_to" for _, _, k in g.out_edges(n, keys=True))
    ]


def dangling(g: nx.MultiDiGraph) -> list[dict]:
    """By-reference definitions that land nowhere, with the reason.

    Reasons: ``unresolved`` (the reference itself could not be resolved), ``outside corpus``
    (the referenced regeling is not ingested), ``repealed`` (the referenced article is
    vervallen), ``no definition at target`` (the article is there but defines nothing that fits).
    """
    out = []
    repealed = g.graph.get("repealed", set())
    present = g.graph.get("bwb_ids", set())
    for n, a in sorted(g.nodes(data=True)):
        if a.get("kind") != "by_reference" or any(k == "refers_to" for _, _, k in g.out_edges(n, keys=True)):
            continue
        targets = a.get("targets") or []
        if not targets or all(t is None for t in targets):
            reason, target = "unresolved", None
        else:
            target = next(t for t in targets if t is not None)
            m = _BWB.match(target)
            bare = re.sub(r"&g=\d{4}-\d{2}-\d{2}$", "", target)
            art = re.match(r"^(.*?&artikel=[^&]+)", bare)
            if m and m.group(1) not in present:
                reason = "outside corpus"
            elif art and art.group(1) in repealed:
                reason = "repealed"
            else:
                reason = "no definition at target"
        out.append({"definition": n, "term": a["term"], "bwb_id": a["bwb_id"], "target": target, "reason": reason})
    return out
