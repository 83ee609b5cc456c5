"""The rules that hang on a concept: where a term means different things, which rules bind on it.

A divergence between definitions matters through the rules that use the term. For every
cluster with a scored divergence or modification, and for each regeling whose concept takes
part in it, this lists the provisions of that regeling that use the term and are obligations,
prohibitions, penalties or competences (:data:`~wetgraaf.graph.analysis.usage.NORMATIVE`, as
the ingest classified them). A simplification team reads, per law, what a citizen must or may
not do under that law's meaning of the term: the "combination of rules" that can turn out
harshly when the meanings differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wetgraaf.graph.analysis.clusters import Cluster
from wetgraaf.graph.analysis.usage import NORMATIVE, Uses
from wetgraaf.ingest.records import Document

__all__ = ["LawRules", "ConceptRules", "concept_rules", "MAX_LISTED"]

#: rules listed per regeling (all are counted)
MAX_LISTED = 25


@dataclass(slots=True)
class LawRules:
    """The normative provisions of one regeling that use one of the cluster's terms."""

    bwb_id: str
    term: str  #: the term key as used in this regeling
    counts: dict[str, int]  #: norm type → provisions
    rules: list[dict[str, str]] = field(default_factory=list)  #: {location, norm_type, text} (at most MAX_LISTED)

    def as_row(self) -> dict[str, Any]:
        return {"bwb_id": self.bwb_id, "term": self.term, "counts": self.counts, "rules": self.rules}


@dataclass(slots=True)
class ConceptRules:
    cluster_id: str
    terms: list[str]
    laws: list[LawRules]

    @property
    def total(self) -> int:
        return sum(sum(x.counts.values()) for x in self.laws)

    def as_row(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "terms": self.terms,
            "total": self.total,
            "laws": [x.as_row() for x in self.laws],
        }


def _excerpt(text: str, width: int = 240) -> str:
    t = " ".join(text.split())
    return t if len(t) <= width else t[: width - 1].rsplit(" ", 1)[0] + " …"


def concept_rules(
    clusters: Sequence[Cluster], documents: Iterable[Document], uses: Uses, *, max_listed: int = MAX_LISTED
) -> list[ConceptRules]:
    """Per cluster with a scored divergence or modification, the normative rules on its terms.

    Parameters
    ----------
    clusters : sequence of Cluster
        As :func:`~wetgraaf.graph.analysis.clusters.build_clusters` gives them (with concepts).
    documents : iterable of Document
        The newest version of each regeling (their rules and provision texts). The provisions
        that hold the concept's own definitions are left out.
    uses : Uses
        :func:`~wetgraaf.graph.analysis.usage.term_uses` of the same documents.
    max_listed : int
        Rules listed per regeling; all are counted.

    Returns
    -------
    list of ConceptRules
        In the clusters' order (highest score first); only clusters with at least one rule.
    """
    docs = {d.regeling.bwb_id: d for d in documents}
    normative_cache: dict[str, dict[str, str]] = {}

    def normative(bwb: str) -> dict[str, str]:
        if bwb not in normative_cache:
            d = docs.get(bwb)
            normative_cache[bwb] = (
                {r.id.at(None).jci: r.norm_type for r in d.rules if r.norm_type in NORMATIVE} if d else {}
            )
        return normative_cache[bwb]

    out = []
    for c in clusters:
        parts = c.score_parts
        if c.naming or not (parts.get("divergent") or parts.get("narrower_broader")):
            continue
        involved = {(x.bwb_id, x.term_key) for x in c.concepts}
        # the definitions themselves are not rules on the term
        defining = {p.location.at(None).jci for x in c.concepts for p in x.parts}
        laws = []
        for bwb, term in sorted(involved):
            norm = normative(bwb)
            found = [
                (seg.location, norm[seg.location], seg.text)
                for seg, _ in uses.get(bwb, {}).get(term, ())
                if seg.location in norm and seg.location not in defining
            ]
            if not found:
                continue
            counts: dict[str, int] = {}
            for _, nt, _ in found:
                counts[nt] = counts.get(nt, 0) + 1
            laws.append(
                LawRules(
                    bwb,
                    term,
                    dict(sorted(counts.items())),
                    [{"location": loc, "norm_type": nt, "text": _excerpt(t)} for loc, nt, t in found[:max_listed]],
                )
            )
        if laws:
            out.append(ConceptRules(c.id, c.terms, laws))
    return out
