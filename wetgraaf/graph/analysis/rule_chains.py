"""Rule chains: a rule that bends another rule that itself bends a third.

"In afwijking van artikel 7:10 van de Awb …" in one law, where article 7:10 is itself applied
elsewhere "van overeenkomstige toepassing", or where the article set aside sets aside another:
a reader of the first rule needs the whole chain to know what applies. Chains are followed
article to article (a relation from or to a lid counts for its article) for at most
``max_hops`` hops, never through an article twice.

>>> from wetgraaf.identity import LegalId
>>> from wetgraaf.ingest.records import RuleRelation
>>> L = LegalId.parse
>>> rels = [
...     RuleRelation(L("jci1.3:c:BWBR0000001&artikel=3&lid=1"), "derogates_from", "artikel 5 van wet B", L("jci1.3:c:BWBR0000002&artikel=5")),
...     RuleRelation(L("jci1.3:c:BWBR0000002&artikel=5&lid=2"), "applies_mutatis_mutandis", "artikel 7 van wet C", L("jci1.3:c:BWBR0000003&artikel=7")),
... ]
>>> [(c.path, c.relations) for c in rule_chains(rels)]
[(['jci1.3:c:BWBR0000001&artikel=3', 'jci1.3:c:BWBR0000002&artikel=5', 'jci1.3:c:BWBR0000003&artikel=7'], ['derogates_from', 'applies_mutatis_mutandis'])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wetgraaf.identity import LegalId
from wetgraaf.ingest.records import RuleRelation

__all__ = ["RuleChain", "rule_chains", "CHAIN_RELATIONS"]

#: relations a chain follows: those that make another rule apply, or not, here
CHAIN_RELATIONS = ("derogates_from", "applies_mutatis_mutandis", "excepts")


@dataclass(frozen=True, slots=True)
class RuleChain:
    path: list[str]  #: article jci's (without version), first the rule that starts the chain
    relations: list[str]  #: the relation of each hop

    @property
    def hops(self) -> int:
        return len(self.relations)

    def as_row(self) -> dict[str, Any]:
        return {"path": self.path, "relations": self.relations, "hops": self.hops}


def _article(x: LegalId) -> str:
    return (x.article_id or x).at(None).jci


def rule_chains(
    relations: Iterable[RuleRelation],
    *,
    max_hops: int = 3,
    kinds: Iterable[str] = CHAIN_RELATIONS,
    limit: int = 100_000,
) -> list[RuleChain]:
    """Every maximal chain of two or more hops between articles of different regelingen' rules.

    Parameters
    ----------
    relations : iterable of RuleRelation
        The rule relations of the newest version of each regeling.
    max_hops : int
        Longest chain followed.
    kinds : iterable of str
        Which relations are hops (default :data:`CHAIN_RELATIONS`).
    limit : int
        Stop after this many chains (the walk is exponential in the worst case).

    Returns
    -------
    list of RuleChain
        Chains of at least two hops that are not part of a longer one starting at the same
        article, longest first. A hop within one article (a lid applying its own article's
        other lid) is not followed.
    """
    wanted = set(kinds)
    out_edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in relations:
        if r.relation not in wanted or r.target is None:
            continue
        a, b = _article(r.source), _article(r.target)
        if a != b:
            out_edges[a].add((r.relation, b))
    chains: list[RuleChain] = []

    def walk(path: list[str], rels: list[str]) -> None:
        if len(chains) >= limit:
            return
        nxt = [(k, b) for k, b in sorted(out_edges.get(path[-1], ())) if b not in path] if len(rels) < max_hops else []
        if not nxt:
            if len(rels) >= 2:
                chains.append(RuleChain(list(path), list(rels)))
            return
        for k, b in nxt:
            walk([*path, b], [*rels, k])

    for start in sorted(out_edges):
        walk([start], [])
    chains.sort(key=lambda c: (-c.hops, c.path))
    return chains
