"""All analyses together: documents in, one report (plain data) out. No I/O here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from wetgraaf.graph.analysis.centrality import communities, law_graph, pagerank
from wetgraaf.graph.analysis.chains import all_chains, dangling
from wetgraaf.graph.analysis.clusters import WEIGHTS, build_clusters
from wetgraaf.graph.analysis.concept_rules import concept_rules
from wetgraaf.graph.analysis.concepts import build_concepts, naming_terms, relate_concepts
from wetgraaf.graph.analysis.duplicates import cross_term_duplicates
from wetgraaf.graph.analysis.network import definitions_graph, document_label, latest_documents
from wetgraaf.graph.analysis.pairs import term_pairs
from wetgraaf.graph.analysis.parameters import divergent_parameters
from wetgraaf.graph.analysis.picture import law_picture, shared_definitions
from wetgraaf.graph.analysis.rule_chains import rule_chains
from wetgraaf.graph.analysis.rule_clusters import RULE_WEIGHTS, rule_clusters
from wetgraaf.graph.analysis.rule_hotspots import rule_hotspots
from wetgraaf.graph.analysis.series import current_members, find_series
from wetgraaf.graph.analysis.usage import implicit_dependencies, term_impact, term_uses, unused_definitions
from wetgraaf.graph.analysis.versions import version_changes
from wetgraaf.ingest.records import Document

__all__ = ["analyse"]

#: rule chains listed in the report (all are counted in the summary)
MAX_LISTED_CHAINS = 2000


def analyse(documents: Iterable[Document]) -> dict[str, Any]:
    """Run every analysis.

    Cross-law findings use the newest version of each regeling, and of a series of regelingen
    re-enacted each year under one title its newest member (:mod:`~wetgraaf.graph.analysis.series`;
    the series are listed under ``series``); what changed between the
    ingested versions of one regeling is reported under ``versions``. Each cluster lists its
    ``concepts`` and ``concept_relations`` (:mod:`~wetgraaf.graph.analysis.concepts`: what each
    regeling means by the term and how it builds on another's) and is scored on those;
    ``naming_terms`` are the terms every law uses to designate its own body or act. Besides the
    same-term pairs and clusters: ``cross_term_duplicates`` (one text under two names in two laws,
    :mod:`~wetgraaf.graph.analysis.duplicates`), ``unused_definitions`` and
    ``implicit_dependencies`` (:mod:`~wetgraaf.graph.analysis.usage`), and ``law_graph``, the
    data of the communities picture (:mod:`~wetgraaf.graph.analysis.picture`). Rules across
    laws: ``rule_hotspots`` (the articles other rules most set aside, apply or except,
    :mod:`~wetgraaf.graph.analysis.rule_hotspots`), ``rule_chains``
    (:mod:`~wetgraaf.graph.analysis.rule_chains`), ``divergent_parameters`` (one act, different
    termijnen or bedragen, :mod:`~wetgraaf.graph.analysis.parameters`) and ``concept_rules``
    (the obligations, prohibitions, penalties and competences on a diverging concept's term, per
    law, :mod:`~wetgraaf.graph.analysis.concept_rules`); ``rule_clusters`` turns those into review
    units of kind ``rule`` (:mod:`~wetgraaf.graph.analysis.rule_clusters`).
    """
    docs = list(documents)
    # one document per regeling (its newest version), and one per series of yearly re-enactments
    newest = latest_documents(docs)
    series = find_series(newest)
    latest = current_members(newest, series)
    g = definitions_graph(latest)
    pairs = term_pairs(g)
    dang = dangling(g)
    laws = law_graph(latest)
    central = pagerank(laws)
    dups = cross_term_duplicates(g)
    related = pairs + [d.as_pair(g) for d in dups]
    concepts = build_concepts(latest)
    crel = relate_concepts(concepts)
    uses = term_uses(latest, g)
    impact = term_impact(latest, uses)
    clusters = build_clusters(g, related, dang, central, pairs.unlisted, concepts, crel, crel.unlisted, impact)
    naming = naming_terms(concepts)
    groups = communities(laws)
    chains = all_chains(g)
    unused = unused_definitions(latest, g, uses=uses)
    implicit = implicit_dependencies(latest, g, uses=uses)
    rule_rel = [r for d in latest for r in d.rule_relations]
    hotspots = rule_hotspots(rule_rel)
    rchains = rule_chains(rule_rel)
    divergent = divergent_parameters(p for d in latest for p in d.rule_parameters)
    on_concepts = concept_rules(clusters, latest, uses)
    rclusters = rule_clusters(latest, divergences=divergent, hotspots=hotspots, concept_rules=on_concepts)
    return {
        "documents": [document_label(d) for d in latest],
        "summary": {
            "definitions": g.number_of_nodes(),
            "terms": len({a["term_key"] for _, a in g.nodes(data=True)}),
            "pairs": len(pairs),
            "relations": dict(sorted(Counter(p.relation for p in pairs).items())),
            "unlisted_divergent_pairs": sum(pairs.unlisted.values()),
            "clusters": len(clusters),
            "concepts": len(concepts),
            "concept_relations": dict(sorted(Counter(r.relation for r in crel).items())),
            "unlisted_divergent_concepts": sum(crel.unlisted.values()),
            "naming_terms": len(naming),
            "chains": len(chains),
            "chains_longer_than_one_hop": sum(c.hops > 1 for c in chains),
            "circular": sum(c.cycle for c in chains),
            "dangling": len(dang),
            "cross_term_duplicates": len(dups),
            "unused_definitions": len(unused),
            "implicit_dependencies": len(implicit),
            "implicit_dependencies_by_scope": sum(
                any("scope" in d["basis"] for d in x["definitions"]) for x in implicit
            ),
            "rule_relations": dict(sorted(Counter(r.relation for r in rule_rel).items())),
            "rule_relations_unresolved": sum(r.target is None for r in rule_rel),
            "rule_parameters": dict(sorted(Counter(p.kind for d in latest for p in d.rule_parameters).items())),
            "rule_hotspots": len(hotspots),
            "rule_chains": len(rchains),
            "divergent_parameters": len(divergent),
            "clusters_with_rules": len(on_concepts),
            "series": len(series),
            "earlier_in_series": sum(len(x.earlier) for x in series),
            "rule_clusters": dict(sorted(Counter(c.source for c in rclusters).items())),
        },
        "series": [x.as_row() for x in series],
        "score_weights": WEIGHTS,
        "clusters": [c.as_row(g) for c in clusters],
        "chains": [
            {"start": c.start, "path": c.path, "end": c.end, "hops": c.hops, "cycle": c.cycle, "branches": c.branches}
            for c in chains
        ],
        "dangling": dang,
        "naming_terms": naming,
        "cross_term_duplicates": [d.as_row(g) for d in dups],
        "unused_definitions": unused,
        "implicit_dependencies": implicit,
        "rule_hotspots": [h.as_row() for h in hotspots],
        "rule_chains": [c.as_row() for c in rchains[:MAX_LISTED_CHAINS]],
        "divergent_parameters": [d.as_row() for d in divergent],
        "concept_rules": [c.as_row() for c in on_concepts],
        "rule_score_weights": RULE_WEIGHTS,
        "rule_clusters": [c.as_row() for c in rclusters],
        "versions": version_changes(docs),
        "centrality": {b: round(v, 4) for b, v in sorted(central.items(), key=lambda kv: -kv[1])},
        "communities": groups,
        "law_graph": law_picture(laws, groups, central, shared_definitions(g, related)),
    }
