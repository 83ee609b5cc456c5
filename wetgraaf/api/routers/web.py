"""The review web page: server-rendered HTML (Jinja2), no front-end build step."""

from __future__ import annotations

import difflib
import html
import math
import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from wetgraaf.api.corpus import UnknownTerm
from wetgraaf.api.decisions import FIELDS, STATUSES, VersionConflict
from wetgraaf.api.review import decision_for, decisions_view, filter_clusters

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_PALETTE = [
    "#154273",
    "#e17000",
    "#39870c",
    "#a90061",
    "#8fcae7",
    "#ffb612",
    "#42145f",
    "#d52b1e",
    "#777c00",
    "#673327",
]
_EDGE = {
    "identical": "#39870c",
    "near_duplicate": "#777c00",
    "equivalent_by_reference": "#01689b",
    "narrower": "#e17000",
    "broader": "#e17000",
    "divergent": "#d52b1e",
    "refers_to": "#01689b",
}


def highlight(base: str, text: str) -> str:
    """``text`` as HTML with words not in ``base`` in ``<ins>`` and words of ``base`` it lacks in ``<del>``.

    >>> highlight("de persoon die woont", "de natuurlijke persoon die woont")
    'de <ins>natuurlijke</ins> persoon die woont'
    """
    a, b = _TOKEN.findall(base), _TOKEN.findall(text)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=[x.lower() for x in a], b=[x.lower() for x in b], autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(b[j1:j2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
    return re.sub(r" ([,;:.)])", r"\1", " ".join(x for x in out if x))


def cluster_svg(row: dict[str, Any], width: int = 520, height: int = 360) -> str:
    """A small network picture of a cluster: definitions coloured by regeling, pairs coloured by relation."""
    import networkx as nx

    g = nx.Graph()
    laws = sorted({m["bwb_id"] for m in row["members"]})
    colour = {b: _PALETTE[i % len(_PALETTE)] for i, b in enumerate(laws)}
    for m in row["members"]:
        g.add_node(m["key"], law=m["bwb_id"], label=f"{m['title'][:28]} {m['location'].split('&', 1)[-1][:24]}")
    for p in row["pairs"]:
        if p["relation"] != "scoped_apart":
            g.add_edge(p["a"], p["b"], relation=p["relation"])
    pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(max(g.number_of_nodes(), 1))) if g.number_of_nodes() else {}
    pad = 40

    def xy(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return pad + (x + 1) / 2 * (width - 2 * pad), pad + (y + 1) / 2 * (height - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="netwerk van cluster {html.escape(row["id"])}" style="background:#fff;border:1px solid #ccd">'
    ]
    for a, b, d in g.edges(data=True):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{_EDGE.get(d["relation"], "#999")}" '
            f'stroke-width="2"><title>{html.escape(d["relation"])}</title></line>'
        )
    for n, d in g.nodes(data=True):
        x, y = xy(n)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colour[d["law"]]}"><title>{html.escape(d["label"])}</title></circle>'
        )
    for i, b in enumerate(laws[:10]):
        parts.append(
            f'<circle cx="12" cy="{14 + 14 * i}" r="5" fill="{colour[b]}"/><text x="22" y="{18 + 14 * i}" '
            f'font-size="11">{html.escape(b)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _cards(definitions: list[dict[str, Any]], base: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Definitions as cards, each highlighted against the baseline (``base`` if it is one of them, else the first)."""
    base_key = base if base in {d["key"] for d in definitions} else definitions[0]["key"]
    base_text = next(d["definition"] for d in definitions if d["key"] == base_key)
    return base_key, [
        {**d, "html": html.escape(d["definition"]) if d["key"] == base_key else highlight(base_text, d["definition"])}
        for d in definitions
    ]


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    corpus = request.app.state.corpus
    clusters = filter_clusters(corpus, request.app.state.decisions)[:15]
    return templates.TemplateResponse(
        request,
        "home.html",
        {"summary": corpus.report["summary"], "n_regelingen": len(corpus.bwb_ids), "clusters": clusters},
    )


@router.get("/ui/clusters", response_class=HTMLResponse)
def clusters_page(
    request: Request,
    term: Annotated[str | None, Query(max_length=200)] = None,
    law: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    filters = {"term": term or None, "law": law or None, "status": status if status in STATUSES else None}
    clusters = filter_clusters(request.app.state.corpus, request.app.state.decisions, **filters)
    return templates.TemplateResponse(
        request, "clusters.html", {"clusters": clusters, "filters": filters, "statuses": STATUSES}
    )


@router.get("/ui/terms", response_class=HTMLResponse)
def terms_page(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    hits = request.app.state.corpus.search_terms(q)[:100] if q.strip() else []
    if len(hits) == 1 or (hits and hits[0]["match"] == "exact"):
        return RedirectResponse(f"/ui/terms/{hits[0]['term']}", status_code=303)  # type: ignore[return-value]
    return templates.TemplateResponse(request, "terms.html", {"q": q, "hits": hits})


@router.get("/ui/terms/{term}", response_class=HTMLResponse)
def term_page(request: Request, term: str, base: Annotated[str | None, Query(max_length=1000)] = None) -> HTMLResponse:
    corpus = request.app.state.corpus
    try:
        t = corpus.definitions_of(term[:200])
    except UnknownTerm as exc:
        return templates.TemplateResponse(
            request, "terms.html", {"q": term, "hits": [], "error": str(exc)}, status_code=404
        )
    base_key, cards = _cards(t["items"], base)
    # a card's relation to the base: through the first definition of each group of identical texts
    rep = {k: g[0] for g in t["identical_groups"] for k in g}
    pairs = {frozenset((p["a"], p["b"])): p["relation"] for p in t["relations"]}
    rb = rep.get(base_key, base_key)
    for c in cards:
        rc = rep.get(c["key"], c["key"])
        c["relation"] = None if c["key"] == base_key else "identical" if rc == rb else pairs.get(frozenset((rb, rc)))
    return templates.TemplateResponse(request, "term.html", {"t": t, "cards": cards, "base": base_key, "q": term})


def _cluster_context(request: Request, cid: str, base: str | None) -> dict[str, Any] | None:
    corpus = request.app.state.corpus
    row = corpus.clusters.get(cid)
    if row is None:
        return None
    row = {**row, "pairs": corpus.cluster_pairs(cid)}
    store = request.app.state.decisions
    decided, inherit = decisions_view(corpus, store)
    decision = decision_for(corpus, cid, decided, inherit)
    members = row["members"]
    base_key, cards = _cards(members, base)
    labels = {m["key"]: f"{m['title']} ({m['location'].split('&', 1)[-1]})" for m in members}
    return {
        "c": row,
        "decision": decision,
        "cards": cards,
        "base": base_key,
        "labels": labels,
        "svg": cluster_svg(row),
        "statuses": STATUSES,
        "history": store.history(cid),
    }


@router.get("/ui/clusters/{cid}", response_class=HTMLResponse)
def cluster_page(
    request: Request, cid: str, base: Annotated[str | None, Query(max_length=1000)] = None, saved: int = 0
) -> HTMLResponse:
    ctx = _cluster_context(request, cid, base)
    if ctx is None:
        return HTMLResponse(f"<h1>Onbekend cluster {html.escape(cid[:40])}</h1>", status_code=404)
    if saved:
        ctx["flash"] = {"kind": "ok", "text": "Besluit opgeslagen."}
    return templates.TemplateResponse(request, "cluster.html", ctx)


@router.post("/ui/clusters/{cid}/decision", response_class=HTMLResponse)
def cluster_decide(
    request: Request,
    cid: str,
    status: Annotated[str, Form(max_length=40)],
    token: Annotated[str, Form(max_length=500)],
    version: Annotated[int, Form(ge=0)],
    assignee: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=10_000)] = "",
) -> HTMLResponse:
    corpus = request.app.state.corpus
    if cid not in corpus.clusters:
        return HTMLResponse("<h1>Onbekend cluster</h1>", status_code=404)
    settings = request.app.state.settings
    actor = settings.reviewer_for(token.strip())
    error, code = None, 200
    if actor is None:
        error, code = "Ongeldig token: het besluit is niet opgeslagen.", 403
    elif status not in STATUSES:
        error, code = f"Onbekende status {status!r}.", 422
    else:
        try:
            request.app.state.decisions.put(
                cid,
                dict(zip(FIELDS, (status, assignee, note), strict=True)),
                actor=actor,
                expected_version=version,
                members=corpus.cluster_members(cid),
            )
        except VersionConflict as exc:
            error, code = (
                (
                    f"Iemand anders heeft dit besluit intussen gewijzigd (nu versie {exc.current}); "
                    "uw wijziging is niet opgeslagen. Bekijk de nieuwe versie en probeer opnieuw."
                ),
                409,
            )
    if error is None:
        return RedirectResponse(f"/ui/clusters/{cid}?saved=1", status_code=303)  # type: ignore[return-value]
    ctx = _cluster_context(request, cid, None)
    ctx["flash"] = {"kind": "error", "text": error}  # type: ignore[index]
    return templates.TemplateResponse(request, "cluster.html", ctx, status_code=code)  # type: ignore[arg-type]
