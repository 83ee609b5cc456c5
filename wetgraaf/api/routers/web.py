"""The review web page: server-rendered HTML (Jinja2), no front-end build step."""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from wetgraaf.api.corpus import UnknownId, UnknownTerm
from wetgraaf.api.decisions import FIELDS, STATUSES, VersionConflict
from wetgraaf.api.review import decision_for, decisions_view, filter_clusters
from wetgraaf.identity import InvalidLegalId, LegalId

if TYPE_CHECKING:  # the concept views load with the first page that shows concepts, not with the app
    from wetgraaf.graph.analysis.concepts import Concept, ConceptRelation

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
#: the kinds of review cluster, as the list page names them
KINDS = {"definition": "definities", "rule": "regels"}


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
    kind: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    filters = {
        "term": term or None,
        "law": law or None,
        "status": status if status in STATUSES else None,
        "kind": kind if kind in KINDS else None,
    }
    clusters = filter_clusters(request.app.state.corpus, request.app.state.decisions, **filters)
    return templates.TemplateResponse(
        request, "clusters.html", {"clusters": clusters, "filters": filters, "statuses": STATUSES, "kinds": KINDS}
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
    # a card's relation to the base: through the first definition of each group of identical texts;
    # a pair (a, b, "narrower") says a is narrower than b, so a card that is the pair's b is the other way
    rep = {k: g[0] for g in t["identical_groups"] for k in g}
    pairs = {(p["a"], p["b"]): p["relation"] for p in t["relations"]}
    rb = rep.get(base_key, base_key)
    base_card = next(c for c in cards if c["key"] == base_key)
    relative = _definition_name(base_card)
    lineage = _concept_lineage(corpus, t["clusters"])
    for c in cards:
        rc = rep.get(c["key"], c["key"])
        if c["key"] == base_key:
            c["relation"], c["badge"] = None, None
            continue
        rel = "identical" if rc == rb else pairs.get((rc, rb)) or _INVERSE.get(pairs.get((rb, rc), ""))
        badge = lineage.get((c["key"], base_key))
        if badge is not None:  # the concept relation says how this law builds on the base's law
            c["relation"], c["badge"] = badge
        else:
            c["relation"] = rel
            c["badge"] = f"{_PAIR_WORDS[rel]} {relative}" if rel in _PAIR_WORDS else rel
    return templates.TemplateResponse(request, "term.html", {"t": t, "cards": cards, "base": base_key, "q": term})


#: a pair's relation seen from its other side
_INVERSE = {
    "narrower": "broader",
    "broader": "narrower",
    "identical": "identical",
    "near_duplicate": "near_duplicate",
    "divergent": "divergent",
    "equivalent_by_reference": "equivalent_by_reference",
    "refers_to": "referred_to",
}
#: a card's relation to the base definition, as the badge says it ("enger dan AKW art. 4 lid 1")
_PAIR_WORDS = {
    "identical": "gelijk aan",
    "near_duplicate": "vrijwel gelijk aan",
    "narrower": "enger dan",
    "broader": "ruimer dan",
    "divergent": "verschilt van",
    "equivalent_by_reference": "zelfde via verwijzing als",
    "refers_to": "verwijst naar",
    "referred_to": "waarnaar verwezen wordt door",
}


def _definition_name(d: dict[str, Any]) -> str:
    """ "Algemene Kinderbijslagwet art. 4 lid 1" for a definition row of the term page."""
    out = f"{d['citeertitel']} art. {d['artikel']}" if d.get("artikel") else d["citeertitel"]
    if d.get("lid"):
        out += f" lid {d['lid']}"
    if d.get("onderdeel"):
        out += f", onderdeel {d['onderdeel']}"
    return out


def _concept_lineage(corpus: Any, cluster_ids: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(definition key, definition key) → (css relation, badge) for the definitions of two concepts
    of which the first builds on the second (a lineage concept relation)."""
    from wetgraaf.api.concept_view import concept_cards, typed_concepts

    out: dict[tuple[str, str], tuple[str, str]] = {}
    for cid in cluster_ids:
        concepts, relations = typed_concepts(corpus.cluster_concepts(cid), lambda k: "")
        by_id = {c.id: c for c in concepts}
        for r in relations:
            if r.basis != "reference" or r.a not in by_id or r.b not in by_id:
                continue
            cards = {k.concept.id: k for k in concept_cards([by_id[r.a], by_id[r.b]], [r], lambda loc: loc.text_url)}
            cls, badge = cards[r.a].badges[0]
            other_cls, other_badge = cards[r.b].badges[0]
            for pa in by_id[r.a].parts:
                for pb in by_id[r.b].parts:
                    out[(pa.key, pb.key)] = (cls.removeprefix("rel-"), badge)
                    out[(pb.key, pa.key)] = (other_cls.removeprefix("rel-"), other_badge)
    return out


def _cluster_context(
    request: Request, cid: str, left: str | None = None, right: str | None = None
) -> dict[str, Any] | None:
    """What the cluster page shows: why it is flagged, the lineage picture, one card per concept,
    two concepts compared (``left`` and ``right``, concept ids; by default the first relation's)."""
    from wetgraaf.api.concept_view import concept_cards, flag_sentence, typed_concepts
    from wetgraaf.graph.analysis.picture import lineage_svg

    corpus = request.app.state.corpus
    row = corpus.clusters.get(cid)
    if row is None:
        return None
    store = request.app.state.decisions
    decided, inherit = decisions_view(corpus, store)
    decision = decision_for(corpus, cid, decided, inherit)
    if row.get("kind") == "rule":
        return _rule_cluster_context(row, decision, store.history(cid))
    text = {m["key"]: m["definition"] for m in row["members"]}

    def part_text(key: str) -> str:
        if key in text:
            return str(text[key])
        d = corpus.all_definitions.get(key)
        return str(d["text"]) if d else ""

    concepts, relations = typed_concepts(corpus.cluster_concepts(cid), part_text)
    cards = concept_cards(concepts, relations, lambda loc: loc.text_url)
    anchor = {k.concept.id: "#" + k.anchor for k in cards}
    in_concepts = {p.key for c in concepts for p in c.parts}
    others = [m for m in row["members"] if m["key"] not in in_concepts]
    return {
        "c": row,
        "decision": decision,
        "sentence": flag_sentence(concepts, relations, row["score_parts"]),
        "svg": lineage_svg(concepts, relations, href=anchor) if concepts else "",
        "cards": cards,
        "others": others,
        "comparison": _comparison(concepts, relations, left, right),
        "statuses": STATUSES,
        "history": store.history(cid),
    }


#: a rule cluster's member's role, as its page names it
ROLE_NL = {
    "parameter": "stelt",
    "target": "opzijgezet",
    "derogates_from": "wijkt af",
    "excepts": "niet van toepassing",
    "rule": "norm",
}
#: what a rule cluster is, as its page names it
SOURCE_NL = {
    "parameter": "uiteenlopende parameter",
    "hotspot": "bepaling die andere wetten opzijzetten",
    "concept": "normen op een begrip dat uiteenloopt",
}


def _rule_cluster_context(row: dict[str, Any], decision: dict[str, Any], history: list[Any]) -> dict[str, Any]:
    """What a rule cluster's page shows: why, the members (each linking its provision page), the decision."""
    members = [
        {**m, "page": article_page(m["key"]), "role_nl": ROLE_NL.get(m["role"], m["role"])} for m in row["members"]
    ]
    return {
        "c": row,
        "decision": decision,
        "members": members,
        "source_nl": SOURCE_NL.get(row.get("source", ""), ""),
        "statuses": STATUSES,
        "history": history,
        "template": "rule_cluster.html",
    }


def article_page(jci: str) -> str:
    """The path of a provision's page: its article's, for any Juriconnect id of it (a lid, an onderdeel)."""
    lid = LegalId.parse(jci)
    return "/ui/articles/" + quote((lid.article_id or lid).jci, safe=":")


def _comparison(
    concepts: list[Concept], relations: list[ConceptRelation], left: str | None, right: str | None
) -> dict[str, Any] | None:
    """Two concepts side by side (:func:`~wetgraaf.api.concept_view.compare`), with the choices."""
    from wetgraaf.api.concept_view import compare, where

    if len(concepts) < 2:
        return None
    by_id = {c.id: c for c in concepts}
    multi = len({c.term_key for c in concepts}) > 1
    if left not in by_id or right not in by_id or left == right:
        first = next((r for r in relations if r.scored and r.a in by_id and r.b in by_id), None)
        left, right = (first.b, first.a) if first else (concepts[0].id, concepts[1].id)
    assert left is not None and right is not None
    return {
        "choices": [(c.id, where(c, multi)) for c in concepts],
        "left": left,
        "right": right,
        "left_name": where(by_id[left], multi),
        "right_name": where(by_id[right], multi),
        "rows": compare(by_id[left], by_id[right]),
    }


@router.get("/ui/clusters/{cid}", response_class=HTMLResponse)
def cluster_page(
    request: Request,
    cid: str,
    a: Annotated[str | None, Query(max_length=1000)] = None,
    b: Annotated[str | None, Query(max_length=1000)] = None,
    saved: int = 0,
) -> HTMLResponse:
    ctx = _cluster_context(request, cid, a, b)
    if ctx is None:
        return _unknown_cluster(request, cid)
    if saved:
        ctx["flash"] = {"kind": "ok", "text": "Besluit opgeslagen."}
    return templates.TemplateResponse(request, ctx.get("template", "cluster.html"), ctx)


def _not_found(request: Request, title: str, text: str, back: tuple[str, str]) -> HTMLResponse:
    """The 404 page: what is unknown, why, and where to go back to."""
    return templates.TemplateResponse(
        request, "error.html", {"title": title, "text": text, "back": back}, status_code=404
    )


def _unknown_cluster(request: Request, cid: str) -> HTMLResponse:
    return _not_found(
        request,
        "Onbekend cluster",
        f"Er is geen cluster {cid[:40]} in de huidige analyse. Misschien is de analyse opnieuw gedraaid "
        "en is de samenstelling veranderd.",
        ("/ui/clusters", "Naar alle clusters"),
    )


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
        return _unknown_cluster(request, cid)
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
    ctx = _cluster_context(request, cid)
    ctx["flash"] = {"kind": "error", "text": error}  # type: ignore[index]
    return templates.TemplateResponse(
        request,
        ctx.get("template", "cluster.html"),  # type: ignore[union-attr]
        ctx,  # type: ignore[arg-type]
        status_code=code,
    )


# ---------------------------------------------------------------------------- a provision's page
#: a rule relation as the provision page says it, from the side of the provision that states it
#: and from the side of the provision it is about
RELATION_NL = {
    "derogates_from": ("wijkt af van", "wijkt ervan af"),
    "applies_mutatis_mutandis": (
        "verklaart van overeenkomstige toepassing",
        "verklaart het van overeenkomstige toepassing",
    ),
    "excepts": ("verklaart niet van toepassing", "verklaart het niet van toepassing"),
    "without_prejudice_to": ("laat onverlet", "laat het onverlet"),
    "delegates": ("delegeert aan", "delegeert"),
}


def _cite(lid: LegalId) -> str:
    from wetgraaf.graph.analysis.concepts import cite

    return cite([lid]) or " ".join(f"{k} {v}" for k, v in lid.path)


@router.get("/ui/articles/{jci:path}", response_class=HTMLResponse)
def article_page_view(request: Request, jci: str) -> HTMLResponse:
    """A provision's page: its text, what its leden say of other rules, what other rules say of it,
    its parameters and the rule clusters it is in. A provision that is not in the corpus but that
    rules of the corpus set aside or apply (Awb art. 7:10 beside the bundled laws) has a page with
    those rules; any other id is a 404 page."""
    corpus = request.app.state.corpus
    try:
        lid = LegalId.parse(jci[:500])
    except InvalidLegalId:
        return _unknown_article(request, jci, "is geen Juriconnect-verwijzing")
    art = lid.article_id or lid
    try:
        a = corpus.article(art.jci)
    except UnknownId:
        targeting = corpus.rules_targeting(art)
        if not targeting:
            return _unknown_article(
                request, jci, "staat niet in het corpus, en geen regel in het corpus verwijst ernaar"
            )
        a = {
            "jci": art.jci,
            "bwb_id": art.bwb_id,
            "citeertitel": "",
            "label": "",
            "heading": "",
            "provisions": [],
            "rules_stated": [],
            "rules_targeting": targeting,
            "parameters": [],
            "url": art.url,
            "absent": True,
        }
    except ValueError:
        return _unknown_article(request, jci, "noemt geen artikel")
    titles: dict[str, str] = {}

    def title(bwb: str) -> str:
        if bwb not in titles:
            try:
                titles[bwb] = corpus.regeling_row(bwb)["citeertitel"]
            except UnknownId:
                from wetgraaf.graph.analysis.picture import ABBREVIATIONS

                titles[bwb] = ABBREVIATIONS.get(bwb, "")
        return titles[bwb]

    def where(jci_: str) -> dict[str, str]:
        x = LegalId.parse(jci_)
        known = x.bwb_id in corpus.bwb_ids
        return {
            "title": title(x.bwb_id) or x.bwb_id,
            "cite": _cite(x),
            "page": article_page(jci_) if known or x.bwb_id == art.bwb_id else "",
            "url": x.url,
        }

    stated = []
    for r in a["rules_stated"]:
        target = where(r["target"]) if r["target"] else None
        if target and not target["page"]:
            target["page"] = article_page(r["target"])  # its page lists the rules of the corpus on it
        stated.append(
            {**r, "from": _cite(LegalId.parse(r["source"])), "verb": RELATION_NL[r["relation"]][0], "to": target}
        )
    targeting = [{**r, "by": where(r["source"]), "verb": RELATION_NL[r["relation"]][1]} for r in a["rules_targeting"]]
    name = a["citeertitel"] or title(art.bwb_id) or art.bwb_id
    return templates.TemplateResponse(
        request,
        "article.html",
        {
            "a": a,
            "name": name,
            "cite": _cite(art),
            "stated": stated,
            "targeting": targeting,
            "laws": sorted({t["by"]["title"] for t in targeting}),
            "clusters": corpus.rule_clusters_on(art),
        },
    )


def _unknown_article(request: Request, jci: str, why: str) -> HTMLResponse:
    return _not_found(
        request,
        "Onbekende bepaling",
        f"{jci[:200]} {why}. Een bepaling heet hier naar haar Juriconnect-verwijzing, "
        "bijvoorbeeld jci1.3:c:BWBR0002221&artikel=52.",
        ("/ui/clusters?kind=rule", "Naar de regelclusters"),
    )
