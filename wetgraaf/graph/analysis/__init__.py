"""Analyses over the definitions graph: one module per analysis, pure functions, no I/O.

* :mod:`~wetgraaf.graph.analysis.terms` — when two written terms are the same term;
* :mod:`~wetgraaf.graph.analysis.network` — the definitions graph (NetworkX) built from records;
* :mod:`~wetgraaf.graph.analysis.chains` — by-reference chains, their ends, cycles, dangling targets;
* :mod:`~wetgraaf.graph.analysis.pairs` — how two definitions of one term relate, with evidence;
* :mod:`~wetgraaf.graph.analysis.concepts` — what each regeling means by a term (its definition and
  what modifies it) and how laws build on each other's concepts, with direction and a sentence;
* :mod:`~wetgraaf.graph.analysis.versions` — what changed between versions of one regeling;
* :mod:`~wetgraaf.graph.analysis.duplicates` — one text under different terms in different laws (MinHash/LSH);
* :mod:`~wetgraaf.graph.analysis.usage` — defined-but-unused terms, terms borrowed from other laws;
* :mod:`~wetgraaf.graph.analysis.centrality` — central laws and communities in the reference graph;
* :mod:`~wetgraaf.graph.analysis.picture` — an SVG picture of those communities;
* :mod:`~wetgraaf.graph.analysis.clusters` — review units with stable ids and a transparent score.
"""
