"""Clusters with their review decisions: which decision applies, and what changed since."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from wetgraaf.api.corpus import Corpus, fold
from wetgraaf.api.decisions import DecisionStore
from wetgraaf.graph.analysis.terms import term_key

__all__ = ["decisions_view", "decision_for", "cluster_summary", "filter_clusters"]


def decisions_view(corpus: Corpus, store: DecisionStore) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """All decisions, and for each current cluster the *orphaned* decisions that shared members with it.

    A decision is orphaned when its cluster id is no longer produced by the analysis: the
    membership changed (the id is derived from the members). The current clusters that
    hold any of its members are then flagged ``membership_changed``.
    """
    decided = store.all()
    inherit: dict[str, list[str]] = defaultdict(list)
    for cid, d in decided.items():
        if cid in corpus.clusters:
            continue
        for m in d["members"]:
            # a definition is in one definition cluster; a provision may be in several rule clusters
            now = corpus.cluster_of.get(m)
            found = [now] if now is not None else corpus.rule_cluster_of.get(m, [])
            for x in found:
                if cid not in inherit[x]:
                    inherit[x].append(cid)
    return decided, inherit


def decision_for(
    corpus: Corpus, cid: str, decided: dict[str, dict[str, Any]], inherit: dict[str, list[str]]
) -> dict[str, Any]:
    d = decided.get(cid)
    previous = sorted(inherit.get(cid, []))
    members = corpus.cluster_members(cid)
    if d is None:
        return {
            "cluster_id": cid,
            "status": "new",
            "assignee": "",
            "note": "",
            "version": 0,
            "updated_by": None,
            "updated_at": None,
            "members": members,
            "membership_changed": bool(previous),
            "previous_cluster_ids": previous,
        }
    return {
        **{k: d[k] for k in ("cluster_id", "status", "assignee", "note", "version", "updated_by", "updated_at")},
        "members": d["members"],
        "membership_changed": sorted(d["members"]) != sorted(members) or bool(previous),
        "previous_cluster_ids": previous,
    }


def cluster_summary(row: dict[str, Any], decision: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: row[k] for k in ("id", "score", "terms", "regelingen", "n_definitions", "relations", "score_parts")},
        "kind": row.get("kind", "definition"),  # an analysis written before rule clusters has only definitions
        "title": row.get("title") or ", ".join(row["terms"]),
        "why": row.get("why"),
        "status": decision["status"],
        "membership_changed": decision["membership_changed"],
        "assignee": decision["assignee"],
        "note": decision["note"],
        "decision_version": decision["version"],
    }


def filter_clusters(
    corpus: Corpus,
    store: DecisionStore,
    *,
    law: str | None = None,
    term: str | None = None,
    relation: str | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Cluster summaries (ranked by score) that pass every filter given (``kind``: ``definition`` or ``rule``)."""
    decided, inherit = decisions_view(corpus, store)
    fl = fold(law) if law else None
    tk = term_key(term) if term else None
    out = []
    for cid, row in corpus.clusters.items():
        if kind and row.get("kind", "definition") != kind:
            continue
        if fl and not any(fl == fold(m["bwb_id"]) or fl in fold(m["title"]) for m in row["members"]):
            continue
        if tk and not any(tk == t or tk in t for t in row["terms"]):
            continue
        if relation and not row["relations"].get(relation):
            continue
        dec = decision_for(corpus, cid, decided, inherit)
        if status and dec["status"] != status:
            continue
        out.append(cluster_summary(row, dec))
    out.sort(key=lambda r: (-r["score"], r["id"]))
    return out
