"""Review clusters of kind ``rule``: the rule analyses as units a simplification team decides on.

Three analyses become review units next to the definition clusters
(:mod:`~wetgraaf.graph.analysis.clusters`), in the same workspace and with the same decisions:

* ``parameter``: one act with different values in different laws
  (:func:`~wetgraaf.graph.analysis.parameters.divergent_parameters`); the members are the
  provisions that set the value ("In afwijking van artikel 7:10 … beslist de Sociale
  verzekeringsbank binnen dertien weken", AOW art. 52; "… beslist de inspecteur binnen zes
  weken …", Wet IB 2001 art. 9.5 lid 4);
* ``hotspot``: a provision that leden of at least two other laws set aside, "in afwijking van"
  or "is niet van toepassing" (:func:`~wetgraaf.graph.analysis.rule_hotspots.rule_hotspots`);
  the members are the provision and those leden;
* ``concept``: a term whose definitions diverge, with the obligations, prohibitions, penalties
  and competences that hang on it per law (:func:`~wetgraaf.graph.analysis.concept_rules.concept_rules`);
  the members are the rules listed.

The id is :func:`~wetgraaf.graph.analysis.clusters.cluster_id` of the members' keys (the
provisions' Juriconnect ids without version), with prefix ``r`` and the cluster's subject as
namespace (``parameter termijn beslissen``, ``hotspot jci1.3:c:BWBR0005537&artikel=7:10``): it
stays while the members stay, changes when one is added or removed (so a decision on it is
flagged ``membership_changed``), and never equals a definition cluster's id (``c-…``) or another
rule cluster's.

The score is a plain sum, reported per part (:data:`RULE_WEIGHTS`)::

    regelingen    2 × (laws involved − 1)           (other laws, for a hotspot)
    values        3 × log2(different values)        (parameter; hotspot: of its leden's termijnen)
    spread        1 × log2(largest / smallest)      (values of one unit: days, months, euro, …; at most
                                                    :data:`MAX_SPREAD`: € 0,50 against € 3,25 miljard is
                                                    no sharper a finding than 6 against 13 weken)
    leden         0.5 × leden that set it aside     (hotspot)
    normative     1 × log2(1 + normative members)   (obligations, prohibitions, penalties, competences)
    specific_act  2 when the act names its object   ("bezwaar maken", not "betalen")

>>> from wetgraaf.identity import LegalId
>>> from wetgraaf.ingest.records import Document, Regeling, RuleParameter
>>> def doc(bwb, title, loc, text, n, days):
...     reg = Regeling(LegalId.regeling(bwb), bwb, title, "", "wet", None, None, "legacy")
...     p = RuleParameter(LegalId.parse(f"jci1.3:c:{bwb}&artikel={loc}"), "termijn", text, n, "weken", days,
...                       act="beslissen")
...     return Document(reg, rule_parameters=[p])
>>> [c] = rule_clusters([doc("BWBR0002221", "Algemene Ouderdomswet", "52", "binnen dertien weken", 13, 91),
...                      doc("BWBR0011353", "Wet inkomstenbelasting 2001", "9.5&lid=4", "binnen zes weken", 6, 42)])
>>> c.id.startswith("r-"), c.source, c.regelingen, c.score_parts["values"]
(True, 'parameter', ['BWBR0002221', 'BWBR0011353'], 3.0)
>>> c.why
'De termijn voor «beslissen» verschilt tussen 2 wetten: 13 weken (AOW art. 52), 6 weken (Wet IB 2001 art. 9.5 lid 4).'
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wetgraaf.graph.analysis.clusters import cluster_id
from wetgraaf.graph.analysis.concept_rules import ConceptRules
from wetgraaf.graph.analysis.concepts import cite
from wetgraaf.graph.analysis.parameters import ParameterDivergence, comparable_value, divergent_parameters
from wetgraaf.graph.analysis.picture import ABBREVIATIONS, short_name
from wetgraaf.graph.analysis.rule_hotspots import Hotspot, rule_hotspots
from wetgraaf.graph.analysis.usage import NORMATIVE
from wetgraaf.identity import LegalId
from wetgraaf.ingest.records import Document, RuleParameter

__all__ = ["RuleMember", "RuleCluster", "rule_clusters", "RULE_WEIGHTS", "SET_ASIDE", "MIN_LAWS"]

RULE_WEIGHTS = {
    "regelingen": 2.0,
    "values": 3.0,
    "spread": 1.0,
    "leden": 0.5,
    "normative": 1.0,
    "specific_act": 2.0,
}
#: the relations that set a provision aside (a hotspot cluster's leden)
SET_ASIDE = ("derogates_from", "excepts")
#: a hotspot is a cluster when leden of at least this many other laws set it aside
MIN_LAWS = 2
#: the spread part counts a ratio of at most 2 ** MAX_SPREAD (16 times)
MAX_SPREAD = 4.0
#: the laws cited per value in a sentence (the rest: "en N andere")
MAX_CITED = 3

_SINGULAR = {"jaren": "jaar", "maanden": "maand", "weken": "week", "dagen": "dag", "werkdagen": "werkdag"}
_KIND = {"termijn": "De termijn", "bedrag": "Het bedrag", "leeftijd": "De leeftijd", "percentage": "Het percentage"}
_NORM_NL = {
    "obligation": ("verplichting", "verplichtingen"),
    "prohibition": ("verbod", "verboden"),
    "penalty": ("sanctie", "sancties"),
    "competence": ("bevoegdheid", "bevoegdheden"),
}


@dataclass(frozen=True, slots=True)
class RuleMember:
    """One provision of a rule cluster."""

    key: str  #: the provision's Juriconnect id without version (the cluster id is made of these)
    role: str  #: parameter | target | derogates_from | excepts | rule
    bwb_id: str
    title: str  #: the regeling's citeertitel ("" when it is not in the corpus)
    cite: str  #: as a jurist cites it: "AOW art. 52", "Wet IB 2001 art. 9.5 lid 4"
    text: str  #: the words that make it a member: "binnen dertien weken", "artikel 7:10, eerste lid, …"
    value: str | None  #: the parameter as written with its unit ("13 weken"); None for a relation
    norm_type: str | None  #: the provision's norm type, as the ingest classified it
    url: str  #: its official text (the regeling's page for an undated snapshot)

    def as_row(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "role": self.role,
            "bwb_id": self.bwb_id,
            "title": self.title,
            "cite": self.cite,
            "text": self.text,
            "value": self.value,
            "norm_type": self.norm_type,
            "url": self.url,
        }


@dataclass(slots=True)
class RuleCluster:
    """A review unit made of provisions: a divergent parameter, a derogation hotspot or the rules on a concept."""

    id: str
    source: str  #: parameter | hotspot | concept
    title: str  #: what it is about: "termijn voor beslissen", "Awb art. 7:10", "rules on partner"
    terms: list[str]  #: the act, or the concept's terms (empty for a hotspot)
    members: list[RuleMember]
    regelingen: list[str]
    relations: dict[str, int]  #: relation kind → members (a hotspot's leden)
    score: float
    score_parts: dict[str, float]
    why: str  #: one sentence: why it is flagged
    kind: str = "rule"
    detail: dict[str, Any] = field(default_factory=dict)  #: the analysis row it was made from

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "title": self.title,
            "score": self.score,
            "terms": self.terms,
            "regelingen": self.regelingen,
            "n_definitions": len(self.members),
            "relations": self.relations,
            "score_parts": self.score_parts,
            "why": self.why,
            "members": [m.as_row() for m in self.members],
            "dangling": [],
            "detail": self.detail,
        }


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}".replace(".", ",")


def _written(p: RuleParameter) -> str:
    """The value with the unit the law writes: "13 weken", "€ 2269", "65 jaar", "6 %"."""
    if p.value is None:
        return p.text
    if p.kind == "bedrag":
        return f"€ {_num(p.value)}"
    if p.kind == "percentage":
        return f"{_num(p.value)} %"
    unit = _SINGULAR.get(p.unit or "", p.unit) if p.value == 1 else p.unit
    return f"{_num(p.value)} {unit or ''}".strip()


def _log2(x: float) -> float:
    return round(math.log2(x), 3) if x > 0 else 0.0


def _spread(params: Sequence[RuleParameter]) -> float:
    """log2 of the largest over the smallest value, where all are in one measure (days, or one unit)."""
    if params and all(p.days is not None for p in params):
        nums = [float(p.days) for p in params]  # type: ignore[arg-type]
    elif len({p.unit for p in params}) == 1:
        nums = [p.value for p in params if p.value is not None]
    else:
        return 0.0
    nums = [n for n in nums if n > 0]
    return min(_log2(max(nums) / min(nums)), MAX_SPREAD) if len(nums) > 1 else 0.0


def _join(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) > MAX_CITED + 1:
        items = [*items[:MAX_CITED], f"{len(items) - MAX_CITED} andere"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


class _Corpus:
    """What the clusters read of the documents: titles, norm types, each provision's own id."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.titles = {d.regeling.bwb_id: d.regeling.citeertitel for d in documents}
        self.norm = {r.id.at(None).jci: r.norm_type for d in documents for r in d.rules}
        self.versions = {d.regeling.bwb_id: d.regeling.version for d in documents}

    def name(self, bwb_id: str) -> str:
        title = self.titles.get(bwb_id, "")
        return short_name(bwb_id, title) if title or bwb_id in ABBREVIATIONS else bwb_id

    def member(self, key: str, role: str, text: str, value: str | None = None) -> RuleMember:
        loc = LegalId.parse(key)
        where = cite([loc])
        versioned = loc.at(self.versions.get(loc.bwb_id)) if loc.bwb_id in self.versions else loc
        return RuleMember(
            key,
            role,
            loc.bwb_id,
            self.titles.get(loc.bwb_id, ""),
            f"{self.name(loc.bwb_id)} {where}".strip(),
            text,
            value,
            self.norm.get(key),
            versioned.text_url,
        )

    def normative(self, members: Iterable[RuleMember]) -> int:
        return sum(m.norm_type in NORMATIVE for m in members)


def _parameter_cluster(d: ParameterDivergence, params: Sequence[RuleParameter], corpus: _Corpus) -> RuleCluster:
    found = [p for p in params if p.kind == d.kind and p.act == d.act and comparable_value(p) in d.values]
    by_key: dict[str, list[RuleParameter]] = {}
    for p in sorted(found, key=lambda p: (p.source.at(None).jci, p.text)):
        by_key.setdefault(p.source.at(None).jci, []).append(p)
    members = [
        corpus.member(
            k, "parameter", "; ".join(dict.fromkeys(p.text for p in ps)), "; ".join(dict.fromkeys(map(_written, ps)))
        )
        for k, ps in by_key.items()
    ]
    laws = sorted({m.bwb_id for m in members})
    parts = {
        "regelingen": RULE_WEIGHTS["regelingen"] * (len(laws) - 1),
        "values": round(RULE_WEIGHTS["values"] * _log2(len(d.values)), 3),
        "spread": round(RULE_WEIGHTS["spread"] * _spread(found), 3),
        "normative": round(RULE_WEIGHTS["normative"] * _log2(1 + corpus.normative(members)), 3),
        "specific_act": RULE_WEIGHTS["specific_act"] if d.specific else 0.0,
    }
    # each value, most laws first, with the laws that set it
    groups: list[tuple[int, str, list[str]]] = []
    for v in d.values:
        ps = [p for p in found if comparable_value(p) == v]
        cites = [m.cite for m in members if m.key in {p.source.at(None).jci for p in ps}]
        groups.append((len({p.source.bwb_id for p in ps}), _written(ps[0]), cites))
    groups.sort(key=lambda g: (-g[0], g[1]))
    why = (
        f"{_KIND.get(d.kind, d.kind)} voor «{d.act}» verschilt tussen {len(laws)} wetten: "
        + ", ".join(f"{v} ({_join(cs)})" for _, v, cs in groups)
        + "."
    )
    return RuleCluster(
        id=cluster_id([m.key for m in members], prefix="r", namespace=f"parameter {d.kind} {d.act}"),
        source="parameter",
        title=f"{d.kind} voor {d.act}",
        terms=[d.act],
        members=members,
        regelingen=laws,
        relations={},
        score=round(sum(parts.values()), 3),
        score_parts=parts,
        why=why,
        detail=d.as_row(),
    )


def _hotspot_cluster(
    h: Hotspot, corpus: _Corpus, params_at: Mapping[str, list[RuleParameter]], min_laws: int
) -> RuleCluster | None:
    sources: dict[str, dict[str, str]] = {}
    for s in h.sources:
        if s["relation"] in SET_ASIDE and LegalId.parse(s["source"]).bwb_id != h.bwb_id:
            sources.setdefault(s["source"], s)
    other = sorted({LegalId.parse(k).bwb_id for k in sources})
    if len(other) < min_laws:
        return None
    target = corpus.member(h.target, "target", "")
    if target.cite == h.bwb_id:  # a law neither in the corpus nor abbreviated: as the leden name it
        first = next(iter(sources.values()))["text"]
        target = RuleMember(**{**target.as_row(), "cite": first[:1].upper() + first[1:], "text": first})
    members = [target] + [corpus.member(k, s["relation"], s["text"]) for k, s in sources.items()]
    rel = Counter(s["relation"] for s in sources.values())
    termijnen = [p for k in sources for p in params_at.get(k, ()) if p.kind == "termijn" and p.value is not None]
    values = sorted({comparable_value(p) or "" for p in termijnen})
    parts = {
        "regelingen": RULE_WEIGHTS["regelingen"] * (len(other) - 1),
        "values": round(RULE_WEIGHTS["values"] * _log2(len(values)), 3) if len(values) > 1 else 0.0,
        "spread": round(RULE_WEIGHTS["spread"] * _spread(termijnen), 3) if len(values) > 1 else 0.0,
        "leden": RULE_WEIGHTS["leden"] * len(sources),
        "normative": round(RULE_WEIGHTS["normative"] * _log2(1 + corpus.normative(members[1:])), 3),
    }
    how = []
    if rel.get("derogates_from"):
        n = rel["derogates_from"]
        how.append(f"{n} {'lid wijkt' if n == 1 else 'leden wijken'} ervan af («in afwijking van»)")
    if rel.get("excepts"):
        n = rel["excepts"]
        how.append(f"{n} {'lid verklaart' if n == 1 else 'leden verklaren'} het niet van toepassing")
    laws = _join([corpus.name(b) for b in other])
    why = f"{target.cite} wordt in {len(other)} andere wetten opzijgezet ({laws}): {' en '.join(how)}"
    if len(values) > 1:
        shown = sorted({_written(p) for p in termijnen}, key=lambda x: (len(x), x))
        why += f", met {len(values)} verschillende termijnen ({_join(shown)})"
    return RuleCluster(
        id=cluster_id([m.key for m in members], prefix="r", namespace=f"hotspot {h.target}"),
        source="hotspot",
        title=target.cite,
        terms=[],
        members=members,
        regelingen=sorted({h.bwb_id, *other}),
        relations=dict(sorted(rel.items())),
        score=round(sum(parts.values()), 3),
        score_parts=parts,
        why=why + ".",
        detail=h.as_row(),
    )


def _concept_cluster(c: ConceptRules, corpus: _Corpus, min_laws: int) -> RuleCluster | None:
    if len(c.laws) < min_laws:
        return None
    members = [corpus.member(r["location"], "rule", r["text"]) for x in c.laws for r in x.rules]
    laws = sorted({x.bwb_id for x in c.laws})
    parts = {
        "regelingen": RULE_WEIGHTS["regelingen"] * (len(laws) - 1),
        "normative": round(RULE_WEIGHTS["normative"] * _log2(1 + c.total), 3),
    }

    def counted(x: Any) -> str:
        return ", ".join(f"{n} {_NORM_NL.get(t, (t, t))[n != 1]}" for t, n in x.counts.items())

    terms = " / ".join(f"«{t}»" for t in c.terms[:3])
    why = (
        f"{terms} betekent niet in elke wet hetzelfde, en {c.total} normen in {len(laws)} wetten steunen erop: "
        + "; ".join(f"{corpus.name(x.bwb_id)} {counted(x)}" for x in c.laws)
        + "."
    )
    return RuleCluster(
        id=cluster_id([m.key for m in members], prefix="r", namespace="concept " + " | ".join(c.terms)),
        source="concept",
        title="normen op " + ", ".join(c.terms),
        terms=list(c.terms),
        members=members,
        regelingen=laws,
        relations={},
        score=round(sum(parts.values()), 3),
        score_parts=parts,
        why=why,
        detail={"definition_cluster": c.cluster_id, **c.as_row()},
    )


def rule_clusters(
    documents: Iterable[Document],
    *,
    divergences: Sequence[ParameterDivergence] | None = None,
    hotspots: Sequence[Hotspot] | None = None,
    concept_rules: Sequence[ConceptRules] = (),
    min_laws: int = MIN_LAWS,
) -> list[RuleCluster]:
    """The rule analyses as review clusters of kind ``rule``, highest score first.

    Parameters
    ----------
    documents : iterable of Document
        The newest version of each regeling (their parameters, rule relations, rules and titles).
    divergences, hotspots : sequence, optional
        :func:`~wetgraaf.graph.analysis.parameters.divergent_parameters` and
        :func:`~wetgraaf.graph.analysis.rule_hotspots.rule_hotspots` of the same documents, when
        they are made already; else they are made here.
    concept_rules : sequence of ConceptRules
        :func:`~wetgraaf.graph.analysis.concept_rules.concept_rules` of the definition clusters;
        one cluster each where at least ``min_laws`` laws have rules on the term.
    min_laws : int
        A hotspot is a cluster when leden of at least this many other laws set it aside
        (:data:`SET_ASIDE`).

    Returns
    -------
    list of RuleCluster
        Ordered by score, then id. Ids are unique: two clusters of other subjects never share one.
    """
    docs = list(documents)
    corpus = _Corpus(docs)
    params = [p for d in docs for p in d.rule_parameters]
    if divergences is None:
        divergences = divergent_parameters(params)
    if hotspots is None:
        hotspots = rule_hotspots(r for d in docs for r in d.rule_relations)
    params_at: dict[str, list[RuleParameter]] = {}
    for p in params:
        params_at.setdefault(p.source.at(None).jci, []).append(p)
    out = [_parameter_cluster(d, params, corpus) for d in divergences]
    out += [c for h in hotspots if (c := _hotspot_cluster(h, corpus, params_at, min_laws)) is not None]
    out += [c for x in concept_rules if (c := _concept_cluster(x, corpus, min_laws)) is not None]
    out.sort(key=lambda c: (-c.score, c.id))
    return out
