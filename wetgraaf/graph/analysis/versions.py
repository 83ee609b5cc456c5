"""What changed in the definitions between two versions of one regeling.

Definitions of the same term in two versions are a change over time, not a conflict
between laws. They are matched by term and kind; a definition that moved (renumbering)
is still matched.

>>> from types import SimpleNamespace as NS
>>> old = [NS(term="partner", kind="explicit", definition="de echtgenoot", id=NS(jci="a"))]
>>> new = [NS(term="partner", kind="explicit", definition="de echtgenoot of de samenwonende", id=NS(jci="b"))]
>>> [c["change"] for c in compare_definitions(old, new)]
['changed']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from wetgraaf.graph.analysis.network import document_label
from wetgraaf.graph.analysis.pairs import relation_of_texts, word_diff
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest.records import Document

__all__ = ["compare_definitions", "version_changes"]


def compare_definitions(old: Sequence[Any], new: Sequence[Any]) -> list[dict[str, Any]]:
    """Added, removed and changed definitions between two lists of definitions (unchanged left out)."""

    def index(defs: Sequence[Any]) -> dict[tuple[str, str], list[Any]]:
        out: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for d in defs:
            out[(term_key(d.term), d.kind)].append(d)
        return out

    a, b = index(old), index(new)
    changes = []
    for key in sorted(set(a) | set(b)):
        olds, news = a.get(key, []), b.get(key, [])
        for i in range(max(len(olds), len(news))):
            o = olds[i] if i < len(olds) else None
            n = news[i] if i < len(news) else None
            if o is None:
                changes.append(
                    {"change": "added", "term": n.term, "kind": n.kind, "new": n.definition, "new_location": n.id.jci}
                )
            elif n is None:
                changes.append(
                    {"change": "removed", "term": o.term, "kind": o.kind, "old": o.definition, "old_location": o.id.jci}
                )
            elif relation_of_texts(o.definition, n.definition)[0] != "identical":
                rel, ev = relation_of_texts(o.definition, n.definition)
                changes.append(
                    {
                        "change": "changed",
                        "term": n.term,
                        "kind": n.kind,
                        "old": o.definition,
                        "new": n.definition,
                        "old_location": o.id.jci,
                        "new_location": n.id.jci,
                        "relation": rel,
                        "diff": word_diff(o.definition, n.definition)[:40],
                    }
                )
    return changes


def version_changes(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """For each regeling with several ingested versions: the changes between consecutive versions."""
    by_bwb: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        by_bwb[d.regeling.bwb_id].append(d)
    out = []
    for bwb, docs in sorted(by_bwb.items()):
        if len(docs) < 2:
            continue
        docs.sort(key=lambda d: d.regeling.version.isoformat() if d.regeling.version else "")
        for old, new in zip(docs, docs[1:], strict=False):
            changes = compare_definitions(old.definitions, new.definitions)
            out.append(
                {
                    "bwb_id": bwb,
                    "from": document_label(old),
                    "to": document_label(new),
                    "from_version": old.regeling.version.isoformat() if old.regeling.version else None,
                    "to_version": new.regeling.version.isoformat() if new.regeling.version else None,
                    "added": sum(c["change"] == "added" for c in changes),
                    "removed": sum(c["change"] == "removed" for c in changes),
                    "changed": sum(c["change"] == "changed" for c in changes),
                    "changes": changes,
                }
            )
    return out
