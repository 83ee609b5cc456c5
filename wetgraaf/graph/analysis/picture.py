"""A picture of the communities of laws: who cites whom, and who shares definitions.

:func:`law_picture` gathers plain data (it goes into the report as ``law_graph``, so the
picture can be redrawn from ``report.json`` alone): one node per ingested regeling with its
short name, title, PageRank (scaled 0–1, see :mod:`~wetgraaf.graph.analysis.centrality`) and
community (index into the report's ``communities``, Louvain over the reference graph), and one
edge per pair of regelingen that cite each other or share definitions. "Sharing" counts the
cross-law pairs of related definitions: same term with the same or nested content
(identical, near-duplicate, equivalent by reference, narrower/broader), the same text under
another term (cross-term duplicates), and by-reference links. Divergent pairs are not shared.

:func:`communities_svg` draws it with a NetworkX spring layout and hand-written SVG (no
plotting library): laws coloured by community, circles sized by PageRank, short names as
labels (full title on hover), grey lines for citations and coloured lines for shared
definitions, both widening with the count.

>>> data = {"nodes": [{"id": "A", "short": "AOW", "title": "Algemene Ouderdomswet", "pagerank": 1.0,
...          "community": 0}, {"id": "B", "short": "ANW", "title": "Algemene nabestaandenwet",
...          "pagerank": 0.5, "community": 1}],
...         "edges": [{"source": "A", "target": "B", "citations": 3, "shared_definitions": 2}]}
>>> svg = communities_svg(data)
>>> svg.startswith("<svg") and svg.count("<circle") >= 2 and ">AOW<" in svg
True
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Any

import networkx as nx

from wetgraaf.graph.analysis.concepts import Concept, ConceptRelation, cite
from wetgraaf.graph.analysis.pairs import Pair

__all__ = [
    "law_picture",
    "shared_definitions",
    "communities_svg",
    "short_name",
    "SHARED_RELATIONS",
    "lineage",
    "lineage_svg",
    "Lineage",
    "LineageNode",
    "LineageArrow",
]

#: relations between definitions of two laws that count as sharing a definition
SHARED_RELATIONS = frozenset(
    {"identical", "near_duplicate", "equivalent_by_reference", "narrower", "broader", "cross_term_duplicate"}
)

#: the abbreviations drafters use (Aanwijzingen voor de regelgeving, ch. 4), for the labels
ABBREVIATIONS = {
    "BWBR0002221": "AOW",
    "BWBR0002320": "AWR",
    "BWBR0002368": "AKW",
    "BWBR0002614": "AWBZ",
    "BWBR0002629": "Wet OB 1968",
    "BWBR0002638": "WML",
    "BWBR0004043": "TW",
    "BWBR0004045": "WW",
    "BWBR0004627": "Kieswet",
    "BWBR0004770": "IW 1990",
    "BWBR0005416": "Gemeentewet",
    "BWBR0005537": "Awb",
    "BWBR0005730": "Ar",
    "BWBR0006723": "Wet GBA",
    "BWBR0007795": "ANW",
    "BWBR0008657": "Wajong",
    "BWBR0008903": "Wsw",
    "BWBR0011353": "Wet IB 2001",
    "BWBR0011595": "Rsf 2000",
    "BWBR0011823": "Vw 2000",
    "BWBR0011825": "Vb 2000",
    "BWBR0012002": "VV 2000",
    "BWBR0012066": "UB IB 2001",
    "BWBR0015711": "Bbz 2004",
    "BWBR0017017": "Wko",
    "BWBR0017745": "Wfsv",
    "BWBR0018450": "Zvw",
    "BWBR0018451": "Wzt",
    "BWBR0018472": "Awir",
    "BWBR0018492": "Bzv",
    "BWBR0018707": "UB Awir",
    "BWBR0019237": "UR Awir",
    "BWBR0020031": "Wmo",
    "BWBR0020183": "Besluit WWB 2007",
    "BWBR0022428": "Wabb",
    "BWBR0022829": "Besluit BSN",
    "BWBR0024394": "IOW",
    "BWBR0035917": "Wlz",
    "BWBR0038456": "Besluit EPV huur",
    "BWBR0039429": "CW 2016",
    "BWBR0043324": "TOGS",
    "BWBR0043402": "Tozo",
}

#: citation lines are drawn from this many citations on (all of them count for the layout)
MIN_CITATIONS = 3

#: colour-blind-safe qualitative palette (Okabe–Ito, then Tol's muted), one per community
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#882255",
    "#999933",
    "#44AA99",
    "#AA4499",
    "#117733",
    "#332288",
)


def short_name(bwb_id: str, title: str) -> str:
    """The usual abbreviation, else the title cut to a readable length.

    >>> short_name("BWBR0018472", "Algemene wet inkomensafhankelijke regelingen")
    'Awir'
    >>> short_name("BWBR9999999", "Wet van 28 juni 1968, houdende vervanging van de omzetbelasting")
    'Wet van 28 juni 1968'
    """
    if bwb_id in ABBREVIATIONS:
        return ABBREVIATIONS[bwb_id]
    t = re.split(r",\s*houdende|\s+\(", title)[0].strip()
    return t if len(t) <= 24 else t[:22].rstrip() + "…"


def shared_definitions(g: nx.MultiDiGraph, pairs: Iterable[Pair]) -> Counter[tuple[str, str]]:
    """(regeling, regeling) → how many related definitions they share (sorted pair of ids).

    Same-term pairs come grouped (:func:`~wetgraaf.graph.analysis.pairs.term_pairs`): the
    definitions of one text are a star around the first (``evidence["variant"]``), and two
    texts are one pair. Both are expanded here, so that every two regelingen that define a
    term with the same text share it, as every two that define it with related texts.
    A cross-term duplicate names the definitions of its two texts (``evidence["groups"]``).
    """
    out: Counter[tuple[str, str]] = Counter()
    nodes = g.nodes

    def add(a: str, b: str) -> None:
        x, y = nodes[a]["bwb_id"], nodes[b]["bwb_id"]
        if x != y:
            out[(min(x, y), max(x, y))] += 1

    pairs = list(pairs)
    variant: dict[str, str] = {}
    group: dict[str, list[str]] = {}
    for p in pairs:
        if "variant" in p.evidence:
            rep = p.evidence["variant"]
            for m in (p.a, p.b):
                if m not in variant:
                    variant[m] = rep
                    group.setdefault(rep, []).append(m)
    for members in group.values():
        for i, a in enumerate(members):  # one text: identical, or landing on one definition
            for b in members[i + 1 :]:
                add(a, b)
    for p in pairs:
        if p.relation not in SHARED_RELATIONS or "variant" in p.evidence:
            continue
        if p.relation == "cross_term_duplicate":
            ga, gb = p.evidence.get("groups") or ([p.a], [p.b])
        elif nodes[p.a]["bwb_id"] == nodes[p.b]["bwb_id"]:
            ga, gb = [p.a], [p.b]  # within one regeling the relation is of these two definitions only
        else:
            ga, gb = group.get(variant.get(p.a, ""), [p.a]), group.get(variant.get(p.b, ""), [p.b])
        for a in ga:
            for b in gb:
                add(a, b)
    for a, b, k in g.edges(keys=True):
        if k == "refers_to":
            add(a, b)
    return out


def law_picture(
    laws: nx.DiGraph,
    communities: Sequence[Sequence[str]],
    ranks: Mapping[str, float],
    shared: Mapping[tuple[str, str], int],
) -> dict[str, Any]:
    """Plain data for :func:`communities_svg`: the ingested regelingen and their links."""
    community = {b: i for i, members in enumerate(communities) for b in members}
    ingested = sorted(n for n, a in laws.nodes(data=True) if a.get("ingested"))
    nodes = [
        {
            "id": b,
            "short": short_name(b, laws.nodes[b].get("title", "")),
            "title": laws.nodes[b].get("title", ""),
            "pagerank": round(ranks.get(b, 0.0), 4),
            "community": community.get(b, -1),
        }
        for b in ingested
    ]
    cites: Counter[tuple[str, str]] = Counter()
    for a, b, w in laws.edges(data="weight", default=1):
        if laws.nodes[a].get("ingested") and laws.nodes[b].get("ingested"):
            cites[(min(a, b), max(a, b))] += w
    present = set(ingested)
    edges = [
        {"source": a, "target": b, "citations": cites.get((a, b), 0), "shared_definitions": shared.get((a, b), 0)}
        for a, b in sorted(set(cites) | set(shared))
        if a in present and b in present
    ]
    return {"nodes": nodes, "edges": edges}


def _layout(data: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai over the linked laws (strong links short: citations and shared definitions
    shorten the distance, more so within a community); laws without links in a row below."""
    u = nx.Graph()
    nodes = data["nodes"]
    comm = {n["id"]: n["community"] for n in nodes}
    for e in data["edges"]:
        w = math.log1p(e["citations"]) + 2 * math.log1p(e["shared_definitions"])
        if comm[e["source"]] == comm[e["target"]]:
            w *= 2
        u.add_edge(e["source"], e["target"], distance=1.0 / (1.0 + math.log1p(w)))
    pos: dict[str, tuple[float, float]] = {}
    if u.number_of_nodes() > 1:
        start = nx.circular_layout(sorted(u.nodes, key=lambda b: (comm[b], b)))
        laid = nx.kamada_kawai_layout(u, weight="distance", pos=start)
        # pull far-out, weakly linked laws in (radius ** 0.5 around the median) so that they do
        # not squeeze the dense core into a corner
        cx = sorted(x for x, _ in laid.values())[len(laid) // 2]
        cy = sorted(y for _, y in laid.values())[len(laid) // 2]
        for b, (x, y) in laid.items():
            d = math.hypot(x - cx, y - cy)
            f = d**0.5 / d if d > 1e-9 else 1.0
            pos[b] = (cx + (x - cx) * f, cy + (y - cy) * f)
    alone = sorted(n["id"] for n in nodes if n["id"] not in pos)
    if alone:
        ys = [y for _, y in pos.values()] or [0.0]
        xs = [x for x, _ in pos.values()] or [-1.0, 1.0]
        step = (max(xs) - min(xs)) / max(1, len(alone) - 1) if len(alone) > 1 else 0.0
        below = max(ys) + 0.25 * ((max(ys) - min(ys)) or 1.0)
        for i, b in enumerate(alone):
            pos[b] = (min(xs) + i * step if len(alone) > 1 else (min(xs) + max(xs)) / 2, below)
    return pos


def _spread(
    pos: dict[str, tuple[float, float]], radius: Mapping[str, float], box: tuple[float, float, float, float]
) -> dict[str, tuple[float, float]]:
    """Push overlapping circles (and their labels below them) apart, inside ``box``."""
    p = {b: list(xy) for b, xy in pos.items()}
    keys = sorted(p)
    x0, y0, x1, y1 = box
    for _ in range(300):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                dx, dy = p[b][0] - p[a][0], p[b][1] - p[a][1]
                need = radius[a] + radius[b] + 34 + 30 * abs(dy) / max(math.hypot(dx, dy), 1e-6)  # room for a label
                d = math.hypot(dx, dy)
                if d >= need:
                    continue
                if d < 1e-6:
                    dx, dy, d = 1.0, 0.0, 1.0
                push = (need - d) / 2 + 0.5
                ux, uy = dx / d, dy / d
                p[a][0] -= ux * push
                p[a][1] -= uy * push
                p[b][0] += ux * push
                p[b][1] += uy * push
                moved = True
        for b in keys:
            p[b][0] = min(max(p[b][0], x0 + radius[b]), x1 - radius[b])
            p[b][1] = min(max(p[b][1], y0 + radius[b]), y1 - radius[b] - 18)
        if not moved:
            break
    return {b: (xy[0], xy[1]) for b, xy in p.items()}


#: A picture shows at most this many laws (the most central): the layout is quadratic in them,
#: and on the whole BWB (16,000 laws) it would not finish, nor could anyone read it.
MAX_PICTURE_LAWS = 300


def most_central(data: Mapping[str, Any], n: int | None = None) -> dict[str, Any]:
    """``data`` restricted to the ``n`` laws (default :data:`MAX_PICTURE_LAWS`) of highest PageRank
    and the links between them."""
    n = n or MAX_PICTURE_LAWS
    if len(data["nodes"]) <= n:
        return dict(data)
    keep = sorted(data["nodes"], key=lambda x: (-x["pagerank"], x["id"]))[:n]
    ids = {x["id"] for x in keep}
    return {
        **data,
        "nodes": keep,
        "edges": [e for e in data["edges"] if e["source"] in ids and e["target"] in ids],
        "shown_of": len(data["nodes"]),
    }


def communities_svg(data: Mapping[str, Any], width: int = 1200, height: int = 900, title: str = "") -> str:
    """The picture as an SVG document (a string), from :func:`law_picture`'s data.

    With more than :data:`MAX_PICTURE_LAWS` laws, the most central ones are drawn and the
    title says so.
    """
    if len(data["nodes"]) > MAX_PICTURE_LAWS:
        total = len(data["nodes"])
        data = most_central(data)
        title = f"{title + ' — ' if title else ''}the {MAX_PICTURE_LAWS} most central of {total:,} laws"
    nodes = data["nodes"]
    pos = _layout(data) if nodes else {}
    margin, legend_h = 70, 40 + 20 * (1 + len({n["community"] for n in nodes}) // 3)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    plot_h = height - legend_h - 2 * margin - 30

    def radius(n: Mapping[str, Any]) -> float:
        return 7 + 26 * math.sqrt(max(0.0, n["pagerank"]))

    screen = {
        b: (margin + (x - min(xs)) / span_x * (width - 2 * margin), margin + 30 + (y - min(ys)) / span_y * plot_h)
        for b, (x, y) in pos.items()
    }
    screen = _spread(
        screen, {n["id"]: radius(n) for n in nodes}, (margin, margin + 30, width - margin, margin + 30 + plot_h)
    )

    def at(b: str) -> tuple[float, float]:
        return screen[b]

    def colour(c: int) -> str:
        return "#bbbbbb" if c < 0 else PALETTE[c % len(PALETTE)]

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{margin}" y="40" font-size="22" font-weight="bold" fill="#222">'
        f"{escape(title or 'Communities of laws: citations and shared definitions')}</text>",
    ]
    comm = {n["id"]: n["community"] for n in nodes}
    # citations first (grey, underneath), then shared definitions (community colour or dark grey)
    for kind in ("citations", "shared_definitions"):
        for e in data["edges"]:
            n = e[kind]
            if not n:
                continue
            (x1, y1), (x2, y2) = at(e["source"]), at(e["target"])
            if kind == "citations":
                if n < MIN_CITATIONS:
                    continue
                style = f'stroke="#d4d4d4" stroke-opacity="0.8" stroke-width="{0.5 + 0.5 * math.log1p(n):.2f}"'
            else:
                same = comm[e["source"]] == comm[e["target"]]
                col = colour(comm[e["source"]]) if same else "#444444"
                style = (
                    f'stroke="{col}" stroke-opacity="{0.85 if same else 0.45}" '
                    f'stroke-width="{0.8 + 1.2 * math.log1p(n):.2f}" stroke-dasharray="6 4"'
                )
            out.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style}>'
                f"<title>{escape(e['source'])} – {escape(e['target'])}: {n} {kind.replace('_', ' ')}</title></line>"
            )
    for n in sorted(nodes, key=lambda n: -n["pagerank"]):
        x, y = at(n["id"])
        r = radius(n)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour(n["community"])}" fill-opacity="0.9" '
            f'stroke="#ffffff" stroke-width="2"><title>{escape(n["title"])} ({n["id"]}), PageRank {n["pagerank"]:.2f}'
            f"</title></circle>"
        )
    for n in nodes:
        x, y = at(n["id"])
        r = radius(n)
        label = escape(n["short"])
        out.append(
            f'<text x="{x:.1f}" y="{y + r + 16:.1f}" font-size="15" text-anchor="middle" fill="#111" '
            f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{label}</text>'
        )
    # legend: communities, then what the lines and sizes mean
    ly = height - legend_h
    groups = sorted({n["community"] for n in nodes})
    for i, c in enumerate(groups):
        members = sorted((n for n in nodes if n["community"] == c), key=lambda n: -n["pagerank"])
        names = ", ".join(m["short"] for m in members[:4]) + (" …" if len(members) > 4 else "")
        lx, row = margin + (i % 3) * ((width - 2 * margin) // 3), ly + 20 * (i // 3)
        out.append(f'<circle cx="{lx + 7}" cy="{row - 5}" r="7" fill="{colour(c)}"/>')
        out.append(
            f'<text x="{lx + 20}" y="{row}" font-size="13" fill="#333">'
            f"{'outside' if c < 0 else f'community {c + 1}'}: {escape(names)}</text>"
        )
    out.append(
        f'<text x="{margin}" y="{height - 30}" font-size="12" fill="#555">Colour: Louvain community of the '
        "reference graph. Circle size: PageRank. Grey lines: citations (3 or more). Dashed lines: shared "
        "definitions</text>",
    )
    out.append(
        f'<text x="{margin}" y="{height - 14}" font-size="12" fill="#555">(same term and content, the same '
        "text under another name, or by reference), in the colour of the community when both laws are in it. "
        "Laws without links: bottom row.</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


# ----------------------------------------------------------------------------- lineage of a cluster
#: how a lineage arrow (``a`` builds on ``b``) is labelled, by the relation's kind
LINEAGE_LABELS = {
    "same": "neemt over",
    "extends": "breidt uit",
    "restricts": "beperkt",
    "modifies": "wijkt af",
}
#: how an arc between two independent concepts is labelled (``scoped_apart`` is not drawn)
ROOT_LABELS = {"divergent": "verschilt", "same": "zelfde tekst", "naming": "andere benaming"}
_ARROW_COLOUR = {"same": "#39870c", "extends": "#01689b", "restricts": "#e17000", "modifies": "#a90061"}


@dataclass(frozen=True, slots=True)
class LineageNode:
    """One box of the lineage picture: a concept, or the "… en N andere" of a large family."""

    id: str  #: the concept id (for a collapsed family: ``"more:" + the base concept's id``)
    label: str  #: the law's short name (:func:`short_name`) or "… en N andere"
    where: str  #: where its defining parts are ("art. 5a"); "regelingen" for a collapsed family
    title: str  #: the full citeertitel (the tooltip)
    depth: int  #: 0 for a concept that builds on nothing shown, else one more than its base
    x: float
    y: float
    width: float
    hidden: tuple[str, ...] = ()  #: for a collapsed family: the concept ids it stands for


@dataclass(frozen=True, slots=True)
class LineageArrow:
    """An arrow from ``source`` (the concept that builds on) to ``target`` (what it builds on),
    or an undirected arc between two independent concepts (``lineage`` false)."""

    source: str
    target: str
    relation: str  #: the concept relation (same, extends, restricts, modifies, divergent, naming)
    label: str  #: "breidt uit en beperkt", "neemt over", "verschilt"
    lineage: bool


@dataclass(frozen=True, slots=True)
class Lineage:
    """The laid-out lineage picture: boxes, arrows, and the size of the canvas."""

    nodes: tuple[LineageNode, ...]
    arrows: tuple[LineageArrow, ...]
    width: int
    height: int
    #: independent concepts that diverge pairwise but are too many to draw arcs between
    divergent_roots: int = 0


def _lineage_label(r: ConceptRelation) -> str:
    """ "breidt uit en beperkt" for a relation whose parts both extend and restrict, else its own label."""
    if r.relation == "modifies":
        verbs = [v for k, v in (("extends", "breidt uit"), ("restricts", "beperkt")) if r.parts.get(k)]
        if r.parts.get("modifies") or not verbs:
            verbs.append("wijkt af")
        return " en ".join(verbs)
    return LINEAGE_LABELS.get(r.relation, r.relation)


def _where(c: Concept, with_term: bool = False) -> str:
    """The articles that define the concept ("art. 5a"), with the term when a cluster has several."""
    parts = [p for p in c.parts if p.role in ("base", "takeover")] or list(c.parts)
    out = cite(p.location.article_id or p.location for p in parts) if parts else ""
    return f"{out} · {c.term}" if with_term else out


def _fit(text: str, width: float, px: float) -> str:
    """``text`` cut (with "…") to about what fits in ``width`` pixels at ``px`` pixels a character."""
    n = max(4, int(width / px))
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: the geometry: box width and height, gap between blocks, indent per depth, room for a label above a box
_BOX_W, _BOX_H, _GAP_X, _INDENT, _LABEL_H, _PAD = 200, 48, 24, 18, 20, 16


def lineage(
    concepts: Sequence[Concept],
    relations: Sequence[ConceptRelation],
    *,
    max_children: int = 6,
    max_roots: int = 8,
    max_arcs: int = 4,
    per_row: int = 4,
) -> Lineage:
    """Lay out a cluster's concepts as an indented tree: each concept that builds on nothing in
    the cluster heads a column, the laws that build on it stand below it (indented, their own
    builders below them), each with an arrow up to its base labelled with what it does.

    A base with more than ``max_children`` builders shows those that change its concept first
    (then by name) and one box "… en N andere" for the rest; more than ``max_roots``
    independent concepts collapse the same way (those with builders first). Columns wrap after
    ``per_row``. Arcs between independent concepts (divergent, the same text, naming) are drawn
    above a single row of columns when there are at most ``max_arcs``; else
    :attr:`Lineage.divergent_roots` says how many diverge and the picture says it in words.
    Scoped-apart relations are never drawn.
    """
    by_id = {c.id: c for c in concepts}
    multi = len({c.term_key for c in concepts}) > 1
    ups: dict[str, list[ConceptRelation]] = defaultdict(list)
    for r in relations:
        if r.basis == "reference" and r.a in by_id and r.b in by_id and r.a != r.b:
            ups[r.a].append(r)

    def name(cid: str) -> str:
        c = by_id[cid]
        return short_name(c.bwb_id, c.title)

    # each builder hangs under one base (its parent): the first, by name, that is not its own builder
    parent: dict[str, str] = {}
    for cid in sorted(ups):
        for r in sorted(ups[cid], key=lambda r: name(r.b)):
            p, seen = r.b, {cid}
            while p in parent and p not in seen:
                seen.add(p)
                p = parent[p]
            if p not in seen:
                parent[cid] = r.b
                break
    children: dict[str, list[str]] = defaultdict(list)
    for cid, p in parent.items():
        children[p].append(cid)

    def family(cid: str) -> int:
        return sum(1 + family(k) for k in children.get(cid, []))

    def weight(cid: str) -> tuple[int, int, str]:
        """Bases of large families first, then concepts that change their base, then by name."""
        changes = any(r.relation != "same" for r in ups.get(cid, []))
        return (-family(cid), 0 if changes else 1, name(cid))

    nodes: list[LineageNode] = []

    def more(of: str, hidden: list[str], depth: int, x: float, y: float, w: float) -> LineageNode:
        stack, out = list(hidden), []
        while stack:  # the hidden concepts' own builders are hidden with them
            h = stack.pop()
            out.append(h)
            stack.extend(children.get(h, []))
        n_laws = len({by_id[h].bwb_id for h in out})
        title = f"… en {n_laws} andere regeling{'en' if n_laws != 1 else ''}"
        words = "regeling" + ("en" if n_laws != 1 else "")
        return LineageNode("more:" + of, f"… en {n_laws} andere", words, title, depth, x, y, w, tuple(out))

    def block(cid: str, x: float, y: float) -> float:
        """Place ``cid`` and its builders from (x, y); the y below the block."""
        stack = [(cid, 0)]
        while stack:
            n, depth = stack.pop()
            w = _BOX_W - depth * _INDENT
            xx = x + depth * _INDENT
            if n.startswith("more:"):
                nodes.append(pending[n])
                nodes[-1] = replace(nodes[-1], x=xx, y=y, width=w)
            else:
                c = by_id[n]
                nodes.append(LineageNode(n, name(n), _where(c, multi), c.title, depth, xx, y, w))
            y += _BOX_H + _LABEL_H
            kids = sorted(children.get(n, []), key=weight)
            if len(kids) > max_children:
                m = more(n, kids[max_children:], depth + 1, 0, 0, 0)
                pending[m.id] = m
                stack.append((m.id, depth + 1))
                kids = kids[:max_children]
            stack.extend((k, depth + 1) for k in reversed(kids))
        return y

    pending: dict[str, LineageNode] = {}
    roots = sorted((c.id for c in concepts if c.id not in parent), key=weight)
    heads: list[str] = roots[:max_roots]
    if len(roots) > max_roots:
        m = more("", roots[max_roots:], 0, 0, 0, 0)
        pending[m.id] = m
        heads.append(m.id)
    one_row = len(heads) <= per_row
    arcs = [
        LineageArrow(r.a, r.b, r.relation, ROOT_LABELS[r.relation], False)
        for r in relations
        if r.basis == "text" and r.relation in ROOT_LABELS and r.a in heads and r.b in heads
    ]
    divergent = 0
    if len(arcs) > max_arcs or not one_row:
        divergent = len({x for r in relations if r.relation == "divergent" for x in (r.a, r.b)})
        arcs = []
    top = _PAD + (34 if arcs else 22 if divergent else 0)
    y, bottom = top, top
    cols = min(len(heads), per_row) or 1
    width = max(480, 2 * _PAD + cols * _BOX_W + (cols - 1) * _GAP_X)
    x0 = (width - (cols * _BOX_W + (cols - 1) * _GAP_X)) / 2
    for i, h in enumerate(heads):
        if i and i % per_row == 0:
            y = bottom + 8
        if h in pending:
            nodes.append(replace(pending[h], x=x0 + (i % per_row) * (_BOX_W + _GAP_X), y=y, width=_BOX_W))
            end = y + _BOX_H + _LABEL_H
        else:
            end = block(h, x0 + (i % per_row) * (_BOX_W + _GAP_X), y)
        bottom = max(bottom, end)
    drawn = {n.id for n in nodes}
    arrows = sorted(
        (
            LineageArrow(r.a, r.b, r.relation, _lineage_label(r), True)
            for cid in drawn
            for r in ups.get(cid, [])
            if r.b in drawn
        ),
        key=lambda a: (a.source, a.target),
    )
    return Lineage(tuple(nodes), tuple(arrows + arcs), int(width), int(bottom - _LABEL_H + _PAD), divergent)


def lineage_svg(
    concepts: Sequence[Concept],
    relations: Sequence[ConceptRelation],
    *,
    href: Mapping[str, str] | None = None,
    more_href: str = "#begrippen",
    **limits: int,
) -> str:
    """The lineage of a cluster's concepts (:func:`lineage`) as an SVG element (a string).

    Each law is a box named by its short citeertitel and where it defines the term; an arrow
    goes from the law that builds on a definition up to that definition, labelled with what it
    does ("neemt over", "breidt uit", "beperkt", "breidt uit en beperkt"); independent
    definitions are joined by a dashed arc ("verschilt", "zelfde tekst"). ``href`` maps a
    concept id to a link for its box (its card on the page); a collapsed family links to
    ``more_href``.

    Examples
    --------
    >>> from wetgraaf.graph.analysis.concepts import Part
    >>> from wetgraaf.identity import LegalId
    >>> from wetgraaf.ingest.records import Scope
    >>> awr = LegalId.regeling("BWBR0002320")
    >>> ib = LegalId.regeling("BWBR0011353")
    >>> def part(loc, role):
    ...     return Part(loc.jci, loc, "partner", "explicit", role, "…", Scope())
    >>> concepts = [
    ...     Concept("awr", awr, "Algemene wet inzake rijksbelastingen", "partner", "partner", Scope(),
    ...             [part(awr.child("artikel", "5a"), "base")]),
    ...     Concept("ib", ib, "Wet inkomstenbelasting 2001", "partner", "partner", Scope(),
    ...             [part(ib.child("artikel", "1.2"), "extension")])]
    >>> rel = ConceptRelation("ib", "awr", "partner", "extends", "reference", "…",
    ...                       {"extends": (ib.child("artikel", "1.2"),)})
    >>> svg = lineage_svg(concepts, [rel])
    >>> ">Wet IB 2001<" in svg and ">AWR<" in svg and "breidt uit<" in svg
    True
    """
    lay = lineage(concepts, relations, **limits)
    at = {n.id: n for n in lay.nodes}
    h = _BOX_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage" role="img" width="{lay.width}" '
        f'height="{lay.height}" viewBox="0 0 {lay.width} {lay.height}" font-family="system-ui, sans-serif" '
        'aria-label="herkomst van de definities">',
        '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>',
        f'<rect width="{lay.width}" height="{lay.height}" fill="#ffffff"/>',
    ]
    if lay.divergent_roots:
        out.append(
            f'<text x="{_PAD}" y="{_PAD + 10}" font-size="13" fill="#d52b1e">{lay.divergent_roots} zelfstandige '
            "definities (blauw) verschillen onderling</text>"
        )
    for a in lay.arrows:
        s, t = at[a.source], at[a.target]
        colour = (
            _ARROW_COLOUR.get(a.relation, "#555") if a.lineage else "#d52b1e" if a.relation == "divergent" else "#777"
        )
        if a.lineage and s.x > t.x and s.y > t.y and s.x < t.x + t.width:  # below its base: an elbow up the trunk
            trunk = t.x + 8
            path = (
                f'<path d="M{s.x:.1f},{s.y + h / 2:.1f} H{trunk:.1f} V{t.y + h:.1f}" fill="none" stroke="{colour}" '
                'stroke-width="2" marker-end="url(#arrowhead)"/>'
            )
            label = (
                f'<text x="{s.x + 2:.1f}" y="{s.y - 5:.1f}" font-size="12" fill="{colour}">↑ {escape(a.label)}</text>'
            )
        elif a.lineage:  # a second base elsewhere: straight, dashed
            x1, y1, x2, y2 = s.x + s.width, s.y + h / 2, t.x + t.width / 2, t.y + h
            path = (
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.5" '
                'stroke-dasharray="4 3" marker-end="url(#arrowhead)"/>'
            )
            label = (
                f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" font-size="12" fill="{colour}" '
                f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(a.label)}</text>'
            )
        else:  # an arc above the row of independent definitions
            x1, x2, y1 = s.x + s.width / 2, t.x + t.width / 2, s.y
            lift = 24 + min(abs(x2 - x1) / 20, 8)
            path = (
                f'<path d="M{x1:.1f},{y1:.1f} Q{(x1 + x2) / 2:.1f},{y1 - 2 * lift:.1f} {x2:.1f},{y1:.1f}" fill="none" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 4"/>'
            )
            label = (
                f'<text x="{(x1 + x2) / 2:.1f}" y="{y1 - lift + 4:.1f}" font-size="12" text-anchor="middle" '
                f'fill="{colour}" stroke="#fff" stroke-width="4" paint-order="stroke">{escape(a.label)}</text>'
            )
        out.append(
            f'<g class="arrow" data-source="{escape(a.source)}" data-target="{escape(a.target)}" '
            f'data-relation="{a.relation}">{path}{label}</g>'
        )
    for n in lay.nodes:
        link = more_href if n.hidden else (href or {}).get(n.id)
        fill = "#f3f3f3" if n.hidden else "#eef4fa" if n.depth == 0 else "#ffffff"
        cx = n.x + n.width / 2
        box = (
            f'<rect x="{n.x:.1f}" y="{n.y:.1f}" width="{n.width:.0f}" height="{h}" rx="6" fill="{fill}" '
            f'stroke="#154273" stroke-width="{1.5 if n.depth == 0 else 1}"/><title>{escape(n.title)}</title>'
            f'<text x="{cx:.1f}" y="{n.y + 20:.1f}" font-size="14" font-weight="600" text-anchor="middle" '
            f'fill="#111">{escape(_fit(n.label, n.width - 12, 8.2))}</text>'
            f'<text x="{cx:.1f}" y="{n.y + 38:.1f}" font-size="12" text-anchor="middle" fill="#444">'
            f"{escape(_fit(n.where, n.width - 12, 6.6))}</text>"
        )
        g = f'<g class="node" data-concept="{escape(n.id)}">{box}</g>'
        out.append(f'<a href="{escape(link)}">{g}</a>' if link else g)
    out.append("</svg>")
    return "\n".join(out)
