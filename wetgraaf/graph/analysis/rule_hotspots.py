"""Derogation hotspots: the provisions that other rules most set aside, apply or except.

The rule relations of the ingest (:mod:`wetgraaf.ingest.rules_relations`) say, lid by lid,
"in afwijking van artikel X", "artikel X is van overeenkomstige toepassing", "artikel X is niet
van toepassing", "onverminderd artikel X". Counted per target *article* (a relation to a lid or
onderdeel counts for its article; one to a whole law or chapter for that), they show where the
law is most often bent: the Algemene wet bestuursrecht's bezwaar and beroep articles are set aside
by hundreds of leden of other laws. A drafter who sets aside an article sees who else does.

>>> from wetgraaf.identity import LegalId
>>> from wetgraaf.ingest.records import RuleRelation
>>> awb_7_10 = LegalId.parse("jci1.3:c:BWBR0005537&artikel=7:10&lid=1")
>>> rels = [
...     RuleRelation(LegalId.parse("jci1.3:c:BWBR0002221&artikel=17a&lid=1"), "derogates_from", "artikel 7:10", awb_7_10),
...     RuleRelation(LegalId.parse("jci1.3:c:BWBR0004045&artikel=130&lid=2"), "derogates_from", "artikel 7:10", awb_7_10),
...     RuleRelation(LegalId.parse("jci1.3:c:BWBR0004045&artikel=131"), "derogates_from", "artikel 7:10", awb_7_10),
... ]
>>> [(h.target, h.counts, h.laws) for h in rule_hotspots(rels)]
[('jci1.3:c:BWBR0005537&artikel=7:10', {'derogates_from': 3}, 2)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wetgraaf.ingest.records import RuleRelation

__all__ = ["Hotspot", "rule_hotspots", "HOTSPOT_RELATIONS"]

#: the relations that bend a target rule (a delegation has no target rule)
HOTSPOT_RELATIONS = ("derogates_from", "applies_mutatis_mutandis", "excepts", "without_prejudice_to")


@dataclass(slots=True)
class Hotspot:
    """One target article (or law, or chapter) and the leden that relate to it."""

    target: str  #: jci of the article (without version), or of the law/chapter cited as a whole
    bwb_id: str
    counts: dict[str, int]  #: relation kind → leden
    laws: int  #: other regelingen whose leden relate to it
    sources: list[dict[str, str]] = field(default_factory=list)  #: {relation, source, text}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_row(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "bwb_id": self.bwb_id,
            "counts": self.counts,
            "total": self.total,
            "laws": self.laws,
            "sources": self.sources,
        }


def rule_hotspots(
    relations: Iterable[RuleRelation], *, min_leden: int = 2, kinds: Iterable[str] = HOTSPOT_RELATIONS
) -> list[Hotspot]:
    """Targets of at least ``min_leden`` relations, most set aside by other laws first.

    Parameters
    ----------
    relations : iterable of RuleRelation
        The rule relations of the newest version of each regeling.
    min_leden : int
        Leave out targets fewer leden relate to.
    kinds : iterable of str
        Which relations count (default :data:`HOTSPOT_RELATIONS`).

    Returns
    -------
    list of Hotspot
        Ordered by the number of other laws that relate to the target, then by leden; each with
        every source lid (its jci without version, the relation and the words as written).
    """
    wanted = set(kinds)
    by_target: dict[str, list[RuleRelation]] = defaultdict(list)
    for r in relations:
        if r.relation not in wanted or r.target is None:
            continue
        art = r.target.article_id or r.target
        by_target[art.at(None).jci].append(r)
    out = []
    for target, rs in by_target.items():
        if len(rs) < min_leden:
            continue
        bwb = rs[0].target.bwb_id  # type: ignore[union-attr]
        out.append(
            Hotspot(
                target=target,
                bwb_id=bwb,
                counts=dict(sorted(Counter(r.relation for r in rs).items())),
                laws=len({r.source.bwb_id for r in rs if r.source.bwb_id != bwb}),
                sources=[
                    {"relation": r.relation, "source": r.source.at(None).jci, "text": r.target_text}
                    for r in sorted(rs, key=lambda r: (r.source.jci, r.relation))
                ],
            )
        )
    out.sort(key=lambda h: (-h.laws, -h.counts.get("derogates_from", 0), -h.total, h.target))
    return out
