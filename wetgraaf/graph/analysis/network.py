"""The definitions graph: every definition a node, by-reference definitions linked to the
definitions they point at. Built from ingest records; the analyses are pure functions of it.

Node attributes: ``term``, ``term_key``, ``text``, ``kind``, ``bwb_id``, ``version`` (ISO date
or ``None``), ``title``, ``location`` (jci), ``artikel``/``lid``/``onderdeel``, ``scope_level``,
``scope_targets``, ``scope_text``, ``targets`` (list of referenced jci, ``None`` when
unresolved), ``refs`` (the anchor texts of those references, same order), ``url``. Edges
``refers_to`` go from a by-reference definition to each definition at (or below) the
location it references; graph attributes ``repealed`` (article ids) and ``bwb_ids``
(regelingen in the graph) support the dangling checks.

>>> g = nx.MultiDiGraph()
>>> _unversioned("jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01")
'jci1.3:c:BWBR0018472&artikel=3&lid=1'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator

import networkx as nx

from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.graph.model import definition_key
from wetgraaf.ingest.records import Definition, Document

__all__ = ["definitions_graph", "latest_documents", "document_label", "keyed_definitions"]

_G = re.compile(r"&g=\d{4}-\d{2}-\d{2}$")


def _unversioned(jci: str) -> str:
    return _G.sub("", jci)


def document_label(doc: Document) -> str:
    """ "Wet op de zorgtoeslag (2025-01-01)" / "… (2012 dump, date unknown)"."""
    v = doc.regeling.version.isoformat() if doc.regeling.version else "undated"
    return f"{doc.regeling.citeertitel} ({v})"


def latest_documents(documents: Iterable[Document]) -> list[Document]:
    """One document per regeling: the newest version (a dated toestand beats the undated 2012 dump)."""
    best: dict[str, Document] = {}
    for d in documents:
        cur = best.get(d.regeling.bwb_id)
        key = d.regeling.version.isoformat() if d.regeling.version else ""
        if cur is None or key > (cur.regeling.version.isoformat() if cur.regeling.version else ""):
            best[d.regeling.bwb_id] = d
    return sorted(best.values(), key=lambda d: d.regeling.bwb_id)


def keyed_definitions(doc: Document) -> Iterator[tuple[str, Definition]]:
    """The definitions of ``doc`` with their keys in the definitions graph (a definition repeated
    at one location, term and kind gets a counter: ``…&n=2``)."""
    seen: dict[str, int] = defaultdict(int)
    for d in doc.definitions:
        base = definition_key(d)
        seen[base] += 1
        yield definition_key(d, seen[base]), d


def definitions_graph(documents: Iterable[Document]) -> nx.MultiDiGraph:
    """The definitions of ``documents`` as a graph with ``refers_to`` edges (see module docs)."""
    docs = list(documents)
    g = nx.MultiDiGraph()
    g.graph["repealed"] = {_unversioned(u.id.jci) for d in docs for u in d.units if u.kind == "artikel" and u.repealed}
    g.graph["bwb_ids"] = {d.regeling.bwb_id for d in docs}
    at_location: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for key, d in keyed_definitions(doc):
            g.add_node(
                key,
                term=d.term,
                term_key=term_key(d.term),
                text=d.definition,
                kind=d.kind,
                form=d.form,
                bwb_id=doc.regeling.bwb_id,
                version=doc.regeling.version.isoformat() if doc.regeling.version else None,
                title=doc.regeling.citeertitel,
                location=d.id.jci,
                artikel=d.artikel,
                lid=d.lid,
                onderdeel=d.onderdeel,
                scope_level=d.scope.level,
                scope_targets=list(d.scope.targets),
                scope_text=d.scope.text,
                targets=[r.target.jci if r.target is not None else None for r in d.refs],
                refs=[r.text for r in d.refs],
                url=d.id.url,
            )
            at_location[_unversioned(d.id.jci)].append(key)
    # by-reference definitions → the definitions at (or below) what they reference: the
    # locations below ``tu`` are those from ``tu + "&"`` up to ``tu + "'"`` ("'" follows "&")
    # in sorted order, found by bisection (scanning every location for every by-reference
    # definition took minutes on the whole BWB); candidates keep the insertion order
    order = {loc: i for i, loc in enumerate(at_location)}
    locs = sorted(at_location)
    for n, a in list(g.nodes(data=True)):
        if a["kind"] != "by_reference":
            continue
        for t in a["targets"]:
            if t is None:
                continue
            tu = _unversioned(t)
            below = locs[bisect_left(locs, tu + "&") : bisect_left(locs, tu + "'")]
            found = sorted(([tu] if tu in at_location else []) + below, key=order.__getitem__)
            cands = [c for loc in found for c in at_location[loc] if c != n]
            # the definition of the same term there; else one whose term the text names
            # ("toetsingsinkomen: het inkomen bedoeld in artikel 8" → "inkomen" defined there)
            same_term = [c for c in cands if g.nodes[c]["term_key"] == a["term_key"]]
            named = [c for c in cands if re.search(rf"\b{re.escape(g.nodes[c]['term'].lower())}\b", a["text"].lower())]
            for c in same_term or named:
                if not g.has_edge(n, c):
                    g.add_edge(n, c, key="refers_to", via=t)
    return g
