"""The review page of a cluster, read as concepts: why it is flagged, one card per concept, a comparison.

The analysis stores each cluster's concepts and concept relations as rows
(:meth:`~wetgraaf.store.analysis.AnalysisDb.concepts`); :func:`typed_concepts` turns them back
into :class:`~wetgraaf.graph.analysis.concepts.Concept` and
:class:`~wetgraaf.graph.analysis.concepts.ConceptRelation` (the texts of the parts come from
the definitions), and the rest of this module works on those:

* :func:`flag_sentence`: one sentence that says why the cluster is flagged;
* :func:`concept_cards`: one card per concept, its parts together, badges that say relative to what;
* :func:`compare`: two concepts side by side, part against part, the differing words marked.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wetgraaf.graph.analysis.concepts import Basis, Concept, ConceptRelation, Part, cite
from wetgraaf.graph.analysis.picture import short_name
from wetgraaf.identity import LegalId
from wetgraaf.ingest.records import Scope

__all__ = [
    "typed_concepts",
    "law_name",
    "flag_sentence",
    "ConceptCard",
    "concept_cards",
    "AlignedRow",
    "compare",
    "ROLE_NAMES",
]

#: a part's role as the page names it
ROLE_NAMES = {
    "base": "definitie",
    "takeover": "neemt over",
    "reference": "verwijzing",
    "extension": "uitbreiding",
    "restriction": "beperking",
    "modification": "wijziging",
}


# ----------------------------------------------------------------------------- rows → typed
def typed_concepts(
    rows: Mapping[str, list[dict[str, Any]]], text: Callable[[str], str]
) -> tuple[list[Concept], list[ConceptRelation]]:
    """A cluster's stored ``concepts`` and ``concept_relations`` rows as the analysis's dataclasses.

    ``text`` gives a part's definition text by its key (the rows do not hold it). What the
    rows do not keep (the basis anchors, a part's own scope) is left empty; ``based_on``
    keeps the concept ids without the links.
    """
    concepts = []
    for r in rows.get("concepts", []):
        version = date.fromisoformat(r["version"]) if r.get("version") else None
        scope = Scope(r.get("scope", ""), r.get("scope_level", "implicit"))
        parts = [
            Part(
                p["key"],
                LegalId.from_canonical(p["location"]),
                p["term"],
                p["kind"],
                p["role"],
                text(p["key"]),
                scope,
                tuple(Basis(LegalId.from_canonical(b["target"]), b["how"], b.get("anchor", "")) for b in p["basis"]),
                tuple(LegalId.from_canonical(x) for x in p.get("own", [])),
                p.get("tail", ""),
            )
            for p in r["parts"]
        ]
        by_key = {p.key: p for p in parts}
        concepts.append(
            Concept(
                r["id"],
                LegalId.regeling(r["bwb_id"], version),
                r["title"],
                r["term"],
                r["term_key"],
                scope,
                parts,
                naming=r.get("naming", False),
                based_on={b: [] for b in r.get("based_on", [])},
                dangling=[
                    (by_key[d["part"]], Basis(LegalId.from_canonical(d["target"]), d["how"], ""))
                    for d in r.get("dangling", [])
                    if d["part"] in by_key
                ],
            )
        )
    relations = [
        ConceptRelation(
            r["a"],
            r["b"],
            r["term_key"],
            r["relation"],
            r["basis"],
            r["reason"],
            {k: tuple(LegalId.from_canonical(x) for x in v) for k, v in r.get("parts", {}).items()},
            naming=r.get("naming", False),
            evidence=r.get("evidence", {}),
        )
        for r in rows.get("concept_relations", [])
    ]
    return concepts, relations


# ----------------------------------------------------------------------------- words
def law_name(c: Concept) -> str:
    """The law as a jurist names it in a sentence: its usual abbreviation, else its citeertitel.

    >>> from wetgraaf.ingest.records import Scope
    >>> law_name(Concept("x", LegalId.regeling("BWBR0011353"), "Wet inkomstenbelasting 2001", "partner",
    ...                  "partner", Scope()))
    'Wet IB 2001'
    """
    short = short_name(c.bwb_id, c.title)
    return short if not short.endswith("…") else c.title


def _defining(c: Concept) -> list[Part]:
    return [p for p in c.parts if p.role in ("base", "takeover")] or list(c.parts)


def where(c: Concept, with_term: bool = False) -> str:
    """The law and where it defines the term: "AWR art. 5a" (with ``with_term``: "AOW art. 1 (gehuwd)")."""
    out = f"{law_name(c)} {cite(_article(p.location) for p in _defining(c))}".strip()
    return f"{out} ({c.term})" if with_term else out


def _article(loc: LegalId) -> LegalId:
    return loc.article_id or loc


def _join(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


def _wetten(n: int) -> str:
    return f"{n} {'wet' if n == 1 else 'wetten'}"


def _effects(r: ConceptRelation) -> list[str]:
    """What a lineage relation's parts do: some of ``extends``, ``restricts``, ``modifies``."""
    out = [k for k in ("extends", "restricts", "modifies") if r.parts.get(k)]
    if not out and r.relation in ("extends", "restricts", "modifies"):
        out = [r.relation]
    return out


#: (singular, plural) of what a law that takes a concept over does to it, in a "waarvan" clause
_SUB = {
    "extends": ("uitbreidt", "uitbreiden"),
    "restricts": ("beperkt", "beperken"),
    "modifies": ("ervan afwijkt", "ervan afwijken"),
}
#: what one law does to it, in a main clause
_MAIN = {"extends": "breidt het uit", "restricts": "beperkt het", "modifies": "wijkt ervan af"}


def _cited(r: ConceptRelation, b: Concept) -> str:
    """What ``r.a`` cites in ``b``: "AWR art. 5a" (from the relation's ``base`` parts when it names them)."""
    base = r.parts.get("base")
    return f"{law_name(b)} {cite(base)}".strip() if base else where(b)


#: the sentence names at most this many definitions that other laws take over (the largest families)
MAX_FAMILIES = 2


def flag_sentence(
    concepts: Sequence[Concept], relations: Sequence[ConceptRelation], score_parts: Mapping[str, float]
) -> str:
    """Why a cluster is flagged, in one sentence (HTML: the term in ``<em>``, the rest escaped).

    From its scored concept relations: the laws that define the term each on their own and
    differently, the laws that take it over from another law and which of them change it
    (extend, restrict, depart from it), the laws that define it with the same text; without
    concept relations, from the score parts.
    """
    by_id = {c.id: c for c in concepts}
    scored = [r for r in relations if r.scored and r.a in by_id and r.b in by_id]
    terms = list(dict.fromkeys(c.term_key for c in concepts))
    term = " / ".join(f"<em>{html.escape(t)}</em>" for t in terms[:3]) or "dit begrip"
    out: list[str] = []

    def it() -> str:  # the term the first time, "het" after
        return "het" if out else term

    divergent = [r for r in scored if r.relation == "divergent"]
    if divergent:
        laws = {by_id[x].bwb_id for r in divergent for x in (r.a, r.b)}
        out.append(f"{_wetten(len(laws))} definiëren {it()} zelfstandig en verschillend")
    lineage: dict[str, list[ConceptRelation]] = defaultdict(list)
    for r in scored:
        if r.basis == "reference":
            lineage[r.b].append(r)
    families = sorted(lineage.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for b, rs in families[:MAX_FAMILIES]:
        source = html.escape(_cited(rs[0], by_id[b]))
        takers = sorted({by_id[r.a].bwb_id: r for r in rs}.values(), key=lambda r: law_name(by_id[r.a]))
        if len(takers) == 1:
            r = takers[0]
            head = f"{html.escape(law_name(by_id[r.a]))} neemt {it()} over van {source}"
            fx = _effects(r)
            out.append(head + (" en " + _join([_MAIN[e] for e in fx]) if fx else " zonder wijziging"))
            continue
        head = f"{_wetten(len(takers))} nemen {it()} over van {source}"
        by_effect: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for r in takers:
            if _effects(r):
                by_effect[tuple(_effects(r))].append(html.escape(law_name(by_id[r.a])))
        clauses = [
            f"{_join(names[:3])}{f' en {len(names) - 3} andere' if len(names) > 3 else ''} het "
            + _join([_SUB[e][len(names) > 1] for e in fx])
            for fx, names in by_effect.items()
        ]
        out.append(head + (", waarvan " + "; ".join(clauses) if clauses else ", ongewijzigd"))
    if len(families) > MAX_FAMILIES:
        rest = families[MAX_FAMILIES:]
        takers = {by_id[r.a].bwb_id for _, rs in rest for r in rs}
        out.append(f"nog {_wetten(len(takers))} nemen het over van {len(rest)} andere definities")
    same = [r for r in scored if r.relation == "same" and r.basis == "text"]
    if same:
        laws = {by_id[x].bwb_id for r in same for x in (r.a, r.b)}
        out.append(f"{_wetten(len(laws))} definiëren {it()} met dezelfde tekst")
    if not out:
        named = [k.replace("_", " ") for k, v in score_parts.items() if v and k != "centrality"]
        if not named:
            return f"Geen verschillen of herhalingen van {term} gevonden die meetellen."
        out.append(f"{term} valt op door: {html.escape(_join(named))}")
    text = "; ".join(out) + "."
    return text[0].upper() + text[1:]


# ----------------------------------------------------------------------------- cards
@dataclass(slots=True)
class ConceptCard:
    """One concept on the page: the law, its parts (with links and roles), badges relative to others."""

    concept: Concept
    anchor: str  #: the HTML id of the card
    name: str  #: "AWR art. 5a"
    parts: list[dict[str, Any]] = field(default_factory=list)  #: cite, url, role, text
    badges: list[tuple[str, str]] = field(default_factory=list)  #: (css class, text)


def _badge(r: ConceptRelation, other: str, mine: bool) -> tuple[str, str]:
    """A badge for concept ``r.a`` (``mine``) or ``r.b``, naming the other concept ``other``."""
    if r.basis == "reference":
        if not mine:
            return "rel-base", f"basis voor {other}"
        if r.relation == "same":
            return "rel-same", f"neemt over van {other}"
        ext, res = bool(r.parts.get("extends")), bool(r.parts.get("restricts"))
        if r.relation == "extends" or (ext and not res and not r.parts.get("modifies")):
            return "rel-broader", f"ruimer dan {other}"
        if r.relation == "restricts" or (res and not ext and not r.parts.get("modifies")):
            return "rel-narrower", f"enger dan {other}"
        if ext and res:
            return "rel-modifies", f"ruimer en enger dan {other}"
        return "rel-modifies", f"wijkt af van {other}"
    if r.relation == "divergent":
        return "rel-divergent", f"verschilt van {other}"
    if r.relation == "same":
        return "rel-same", f"zelfde tekst als {other}"
    if r.relation == "naming":
        return "rel-naming", f"benaming, als in {other}"
    if r.relation == "related":
        return "rel-related", f"bouwt op dezelfde bepaling als {other}"
    return "rel-scoped", f"andere reikwijdte dan {other}"


def concept_cards(
    concepts: Sequence[Concept], relations: Sequence[ConceptRelation], url: Callable[[LegalId], str]
) -> list[ConceptCard]:
    """One card per concept, in the order of the lineage (bases first), each with its badges."""
    by_id = {c.id: c for c in concepts}
    multi = len({c.term_key for c in concepts}) > 1
    cards = {
        c.id: ConceptCard(
            c,
            f"k{i}",
            where(c, multi),
            [
                {
                    "cite": cite([p.location]) or law_name(c),
                    "url": url(p.location),
                    "role": p.role,
                    "role_name": ROLE_NAMES.get(p.role, p.role),
                    "text": p.text,
                }
                for p in c.parts
            ],
        )
        for i, c in enumerate(concepts)
    }
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for r in relations:
        if r.a not in by_id or r.b not in by_id or r.relation == "scoped_apart":
            continue
        for me, other, mine in ((r.a, r.b, True), (r.b, r.a, False)):
            cls, text = _badge(r, "\0", mine)
            grouped[(me, cls, text)].append(where(by_id[other], multi))
    for (me, cls, text), others in grouped.items():
        names = list(dict.fromkeys(others))
        shown = _join(names[:3]) + (f" en {len(names) - 3} andere" if len(names) > 3 else "")
        cards[me].badges.append((cls, text.replace("\0", shown)))
    based = {r.a for r in relations if r.basis == "reference"}
    return sorted(cards.values(), key=lambda k: (k.concept.id in based, k.name))


# ----------------------------------------------------------------------------- comparison
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """One row of the comparison: a part of each concept (or of one), the differing words marked."""

    left_cite: str
    left_role: str
    left_html: str
    right_cite: str
    right_role: str
    right_html: str
    similarity: float


def _marked(a: str, b: str) -> tuple[str, str, float]:
    """``a`` with the words ``b`` lacks in ``<del>``, ``b`` with the words ``a`` lacks in ``<ins>``.

    >>> _marked("de persoon die woont", "de natuurlijke persoon die woont")[:2]
    ('de persoon die woont', 'de <ins>natuurlijke</ins> persoon die woont')
    """
    x, y = _TOKEN.findall(a), _TOKEN.findall(b)
    sm = difflib.SequenceMatcher(a=[w.lower() for w in x], b=[w.lower() for w in y], autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        lx, ry = html.escape(" ".join(x[i1:i2])), html.escape(" ".join(y[j1:j2]))
        if op == "equal":
            left.append(lx)
            right.append(ry)
            continue
        if i2 > i1:
            left.append(f"<del>{lx}</del>")
        if j2 > j1:
            right.append(f"<ins>{ry}</ins>")

    def tidy(parts: list[str]) -> str:
        return re.sub(r" ([,;:.)])", r"\1", " ".join(p for p in parts if p))

    return tidy(left), tidy(right), sm.ratio()


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=_TOKEN.findall(a.lower()), b=_TOKEN.findall(b.lower()), autojunk=False).ratio()


def compare(a: Concept, b: Concept, *, threshold: float = 0.2) -> list[AlignedRow]:
    """``a`` and ``b`` side by side: each part of ``a`` in a row with the part of ``b`` it is most
    like (word overlap at least ``threshold``, each part used once), the rest alone, in ``a``'s
    order with ``b``'s leftovers after their nearest neighbour. Parts left over face a part of
    the other concept with the same role (its definition, an extension, …) in order."""
    pa, pb = list(a.parts), list(b.parts)
    scores = sorted(((_ratio(x.text, y.text), i, j) for i, x in enumerate(pa) for j, y in enumerate(pb)), reverse=True)
    match: dict[int, int] = {}
    used: set[int] = set()
    for s, i, j in scores:
        if s < threshold:
            break
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    # what is left: the defining parts of the two, and parts of one role, face each other in order
    for group in (("base", "takeover"), ("extension",), ("restriction",), ("modification",)):
        left = [i for i, x in enumerate(pa) if i not in match and x.role in group]
        right = [j for j, y in enumerate(pb) if j not in used and y.role in group]
        for i, j in zip(left, right, strict=False):
            match[i] = j
            used.add(j)
    rows: list[AlignedRow] = []
    placed: set[int] = set()

    def right_alone(j: int) -> None:
        y = pb[j]
        rows.append(
            AlignedRow("", "", "", cite([y.location]), ROLE_NAMES.get(y.role, y.role), html.escape(y.text), 0.0)
        )
        placed.add(j)

    for i, x in enumerate(pa):
        j = match.get(i)
        if j is not None:
            for k in range(j):  # b's unmatched parts before this one come first
                if k not in used and k not in placed:
                    right_alone(k)
            left, right, sim = _marked(x.text, pb[j].text)
            rows.append(
                AlignedRow(
                    cite([x.location]),
                    ROLE_NAMES.get(x.role, x.role),
                    left,
                    cite([pb[j].location]),
                    ROLE_NAMES.get(pb[j].role, pb[j].role),
                    right,
                    sim,
                )
            )
            placed.add(j)
        else:
            rows.append(
                AlignedRow(cite([x.location]), ROLE_NAMES.get(x.role, x.role), html.escape(x.text), "", "", "", 0.0)
            )
    for j in range(len(pb)):
        if j not in placed:
            right_alone(j)
    return rows
