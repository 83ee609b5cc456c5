"""Clusters of related definitions as review units, with stable ids and a transparent score.

A cluster is a connected group of definitions linked by "same term" relations (anything but
``scoped_apart``), by-reference links and cross-term duplicates (the same text under
another name in another law, :mod:`~wetgraaf.graph.analysis.duplicates`, passed in as pairs
with relation ``cross_term_duplicate``), over the newest version of each regeling (changes
between versions are reported separately, never as conflicts between laws). A cross-term
duplicate joins the two terms' clusters: *UWV* in the WW and the Wfsv and *Uitvoeringsinstituut
werknemersverzekeringen* in the Toeslagenwet, the Wajong and the Wet kinderopvang are one
review unit (one concept, two names, five definitions); but not transitively without bound:
at most :data:`MAX_JOINED` clusters are joined, the strongest links first.

The id is derived from the members' identities (``c-`` + 12 hex digits of the SHA-1 of the
sorted member keys), so it survives re-ingest and re-analysis as long as the membership is
the same.

The score ranks simplification candidates and is a plain sum, reported per part::

    score = 3 × divergent pairs
          + 2 × (regelingen involved − 1)
          + 1 × (narrower + broader pairs)
          + 1 × near-duplicate pairs
          + 0.5 × identical pairs              (duplicated text: could be a reference instead)
          + 2 × by-reference definitions that point at a repealed article
          + 5 × centrality                     (highest PageRank of a member law, scaled 0–1)
          + 1 × cross-term duplicate pairs     (one text, two names: like a near-duplicate, the
                                                drafter picks one name and refers to one text)

The pairs counted are those of :func:`~wetgraaf.graph.analysis.pairs.term_pairs`: pairs of
*variants* (distinct texts), so ``k`` laws with one text add ``k − 1`` identical pairs, and the
divergent variant pairs of a term with many texts count without being listed (``unlisted``).

**With concepts** (:mod:`~wetgraaf.graph.analysis.concepts`, what :func:`analyse` passes) the
same parts count *concepts and meanings*, not pairs of leden, so the parts of one concept (a
definition and its own "niet verstaan", a law's extension of another law's definition) are no
longer rivals, and a term that hundreds of laws define counts its different meanings, not the
square of them:

* ``divergent``: 3 × (meanings − 1) per term, where the independent national concepts (roots,
  not naming, not in a treaty) that say the same, or nearly the same, are one meaning;
* ``regelingen``: 2 × (regelingen whose concepts take part in a divergence or a modification − 1):
  a law that takes a definition over unchanged is reuse, not a finding;
* ``narrower_broader``: 1 × every part that extends, restricts or modifies another law's
  concept (Wet IB 2001 art. 1.2 lid 1, 2 and 4 on AWR art. 5a: 3);
* ``near_duplicate``: 1 × texts that differ from another of their meaning in a few words only;
* ``identical``: 0.5 × independent concepts with the same text (a reference would do); a
  takeover that adds nothing is not counted;
* ``impact``: for every concept in a divergence or a modification, ``log2(1 + uses + 2 ×
  normative uses)`` of the term in its law (:class:`~wetgraaf.graph.analysis.usage.Impact`): a
  difference that obligations, prohibitions, penalties and competences hang on weighs more;
* ``cross_term_duplicate``: 1 × pairs of terms that share a text in two laws (not pairs of
  definitions, not between two treaties);
* ``dangling``, ``centrality``: as above.

Relations between two concepts that designate by name (``naming``: *Onze Minister*, *wet*,
*college*), between two treaties' own texts (``negotiated``) and ``scoped_apart`` ones are
shown, not scored; a cluster of naming concepts
(``naming`` in its row) scores only its cross-term duplicates (*UWV* and *Uitvoeringsinstituut
werknemersverzekeringen*: one body under two names, where a drafter can pick one).

>>> cluster_id(["b", "a"]) == cluster_id(["a", "b"])
True
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from wetgraaf.graph.analysis.concepts import (
    Concept,
    ConceptRelation,
    addition_signature,
    adds_to_term,
    designated_name,
    meaning_signature,
)
from wetgraaf.graph.analysis.pairs import Pair
from wetgraaf.graph.analysis.usage import Impact
from wetgraaf.identity import LegalId

__all__ = ["Cluster", "cluster_id", "build_clusters", "WEIGHTS"]

WEIGHTS = {
    "divergent": 3.0,
    "regelingen": 2.0,
    "narrower_broader": 1.0,
    "near_duplicate": 1.0,
    "identical": 0.5,
    "dangling": 2.0,
    "centrality": 5.0,
    "cross_term_duplicate": 1.0,
    "impact": 1.0,
}


#: at most this many clusters of their own (one term, or terms linked by reference) are joined
#: into one by cross-term duplicates. Unbounded, the links chain: on the whole 2012 BWB one
#: cluster of 5,438 definitions of 230 terms (*minister*, *onze minister*, *bestuur*,
#: *productschap*, *bevoegde autoriteit*, …), each link a real shared text but the whole no
#: review unit. Four keeps the largest real family in the shared corpus whole (*arbeid*,
#: *eerstgenoemde arbeid*, *in het eerste en tweede lid eerstgenoemde arbeid* and *algemeen
#: geaccepteerde arbeid*: "alle algemeen geaccepteerde arbeid waartoe …" in the ANW, the
#: Wajong and the IOW); with it the largest BWB cluster is 1,710 definitions of 5 terms, the
#: *minister* / *onze minister* definitions themselves.
MAX_JOINED = 4
#: two clusters of at least this many definitions each are joined by cross-term duplicates only when
#: the two terms share a text in two or more pairs of laws: one pair of sister decrees is no synonymy
#: of whole terms. On the whole 2012 BWB one such pair ("de deelnemer aan het verzet in de zin van
#: artikel 1 …" as *deelnemer* in BWBR0002071 and as *belanghebbende* in BWBR0002801) joined the
#: *belanghebbende* and *deelnemer* clusters into one of 113 laws; *UWV* and *Uitvoeringsinstituut
#: werknemersverzekeringen* share their text in many laws and still join.
LARGE_CLUSTER = 10


def cluster_id(member_keys: list[str], *, prefix: str = "c", namespace: str = "") -> str:
    """``prefix-`` + 12 hex digits of the SHA-1 of the sorted member keys (after ``namespace``, if
    given: the rule clusters, :mod:`~wetgraaf.graph.analysis.rule_clusters`, name their subject there).

    >>> cluster_id(["a"]) != cluster_id(["a"], prefix="r", namespace="hotspot")
    True
    """
    text = "\n".join(sorted(member_keys))
    if namespace:
        text = namespace + "\0" + text
    return f"{prefix}-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class Cluster:
    id: str
    terms: list[str]
    members: list[str]
    regelingen: list[str]
    relations: dict[str, int]
    score: float
    score_parts: dict[str, float]
    pairs: list[Pair] = field(default_factory=list)
    dangling: list[dict[str, Any]] = field(default_factory=list)
    #: relation → pairs counted in ``relations`` but not in ``pairs`` (divergent variant pairs of
    #: a term with many texts, see :func:`~wetgraaf.graph.analysis.pairs.term_pairs`)
    unlisted: dict[str, int] = field(default_factory=dict)
    #: the concepts of the members (when concepts were passed to :func:`build_clusters`)
    concepts: list[Concept] = field(default_factory=list)
    #: the relations between those concepts (each listed in the cluster of its ``a``)
    concept_relations: list[ConceptRelation] = field(default_factory=list)
    #: every concept designates by name (*Onze Minister*, *wet*): shown, not scored
    naming: bool = False
    #: review clusters of rules (:mod:`~wetgraaf.graph.analysis.rule_clusters`) say ``rule``
    kind: str = "definition"

    def labels(self, g: nx.MultiDiGraph) -> list[str]:
        """Each term as the laws write it most often ("gemeente" for the key *gemeent*, "EER-staat"
        for *eer staat*), in the order of :attr:`terms`: the keys are for matching, not for reading."""
        written: dict[str, Counter[str]] = {t: Counter() for t in self.terms}
        for m in self.members:
            a = g.nodes[m]
            written.setdefault(a["term_key"], Counter())[_display(a["term"])] += 1
        return [written[t].most_common(1)[0][0] if written.get(t) else t for t in self.terms]

    def as_row(self, g: nx.MultiDiGraph) -> dict[str, Any]:
        labels = self.labels(g)
        return {
            "id": self.id,
            "kind": self.kind,
            "score": self.score,
            "terms": self.terms,
            "labels": labels,
            "title": ", ".join(dict.fromkeys(labels)),
            "regelingen": self.regelingen,
            "n_definitions": len(self.members),
            "relations": self.relations,
            "score_parts": self.score_parts,
            "members": [
                {
                    "key": m,
                    "term": g.nodes[m]["term"],
                    "kind": g.nodes[m]["kind"],
                    "bwb_id": g.nodes[m]["bwb_id"],
                    "title": g.nodes[m]["title"],
                    "version": g.nodes[m]["version"],
                    "location": g.nodes[m]["location"],
                    "scope": g.nodes[m]["scope_text"],
                    "definition": g.nodes[m]["text"],
                    "url": g.nodes[m]["url"],
                }
                for m in self.members
            ],
            "pairs": [{"a": p.a, "b": p.b, "relation": p.relation, "evidence": p.evidence} for p in self.pairs],
            "dangling": self.dangling,
            "unlisted_pairs": self.unlisted,
            "naming": self.naming,
            "concept_relation_counts": dict(sorted(Counter(r.relation for r in self.concept_relations).items())),
            "concepts": [c.as_row() for c in self.concepts],
            "concept_relations": [r.as_row() for r in self.concept_relations],
        }


def build_clusters(
    g: nx.MultiDiGraph,
    pairs: list[Pair],
    dangling: list[dict[str, Any]],
    centrality: dict[str, float],
    unlisted: Mapping[str, int] | None = None,
    concepts: Sequence[Concept] | None = None,
    concept_relations: Sequence[ConceptRelation] | None = None,
    concepts_unlisted: Mapping[str, int] | None = None,
    impact: Mapping[tuple[str, str], Impact] | None = None,
) -> list[Cluster]:
    """Connected groups of related definitions (at least two regelingen, or a divergence within one).

    ``unlisted`` (term key → count, :attr:`~wetgraaf.graph.analysis.pairs.PairList.unlisted`):
    divergent variant pairs that :func:`~wetgraaf.graph.analysis.pairs.term_pairs` counted
    without listing them; they count as divergent pairs of the cluster of their term.

    With ``concepts`` and ``concept_relations`` (:mod:`~wetgraaf.graph.analysis.concepts`) each
    cluster lists the concepts of its members and their relations, and is scored on those (see
    the module docstring); ``concepts_unlisted`` are the divergent concept pairs counted, not
    listed (:attr:`~wetgraaf.graph.analysis.concepts.RelationList.unlisted`). A cluster of one
    regeling is kept only when its concepts relate in a scored way (a divergence within one law
    between its own definition and its own restriction is no finding).

    ``impact`` ((bwb_id, term key) → :class:`~wetgraaf.graph.analysis.usage.Impact`, from
    :func:`~wetgraaf.graph.analysis.usage.term_impact`) weighs each concept that takes part in a
    scored divergence or modification by how much its law leans on the term.
    """
    unlisted = unlisted or {}
    concept_of: dict[str, Concept] = {}
    relations_of: dict[str, list[ConceptRelation]] = {}
    if concepts is not None:
        for c in concepts:
            for part in c.parts:
                concept_of[part.key] = c
        for r in concept_relations or ():
            relations_of.setdefault(r.a, []).append(r)
    u = nx.utils.UnionFind(g.nodes)
    for p in pairs:
        if p.relation not in ("scoped_apart", "cross_term_duplicate"):
            u.union(p.a, p.b)
    # every two definitions of a term in two regelingen are a pair that is not scoped_apart
    # (only one regeling scopes apart), listed or not: a term defined in two or more
    # regelingen is connected as a whole
    by_term: dict[str, list[str]] = {}
    for n, a in g.nodes(data=True):
        by_term.setdefault(a["term_key"], []).append(n)
    for members in by_term.values():
        if len({g.nodes[m]["bwb_id"] for m in members}) > 1:
            u.union(*members)
    # a by-reference definition joins the definition it takes over when that defines the same
    # term; one that builds on another term ("algemeen ouderdomspensioen: een bruto
    # ouderdomspensioen als bedoeld in de Algemene Ouderdomswet") joins it only when it is a
    # cluster of its own and all it points to is in one cluster: it is then part of that
    # lineage. Two clusters are never joined through such a link: on the whole 2012 BWB
    # those links chained *bevoegd gezag*, *lichaam*, *instelling*, *school* and
    # *commandant* into one cluster of 875 definitions.
    cross: dict[str, set[str]] = {}
    for a, b, k in g.edges(keys=True):
        if k != "refers_to":
            continue
        if g.nodes[a]["term_key"] == g.nodes[b]["term_key"]:
            u.union(a, b)
        else:
            cross.setdefault(a, set()).add(b)
    size = Counter(u[x] for x in g.nodes)
    for a in sorted(cross):
        if size[u[a]] == 1:
            roots = {u[b] for b in cross[a]}
            if len(roots) == 1:
                u.union(a, next(iter(cross[a])))
    # cross-term duplicates join the clusters of one concept under other names, strongest
    # (highest Jaccard) first, up to MAX_JOINED clusters; a link that would join more stays in
    # the report's cross-term duplicates but joins nothing (see MAX_JOINED)
    parts = {x: 1 for x in g.nodes}
    names = _designated_names(g)
    joining = [p for p in pairs if p.relation == "cross_term_duplicate" and _names_one_thing(g, p, names)]
    # pairs of laws behind each pair of terms: a listed duplicate stands for every definition that
    # shares each of its texts (``shared_by``: the AOW's echtgenoot and the Toeslagenwet's gehuwd, "de
    # ongehuwde meerderjarige die …", stand for four laws each)
    law_pairs: Counter[frozenset[str]] = Counter()
    for p in joining:
        a, b = g.nodes[p.a], g.nodes[p.b]
        shared = p.evidence.get("shared_by") or (1, 1)
        law_pairs[frozenset((a["term_key"], b["term_key"]))] += max(1, int(shared[0]) * int(shared[1]))
    n = Counter(u[x] for x in g.nodes)
    for p in sorted(joining, key=lambda p: (-p.evidence.get("jaccard", 0.0), p.a, p.b)):
        ra, rb = u[p.a], u[p.b]
        if ra == rb or parts[ra] + parts[rb] > MAX_JOINED:
            continue
        terms = frozenset((g.nodes[p.a]["term_key"], g.nodes[p.b]["term_key"]))
        if min(n[ra], n[rb]) >= LARGE_CLUSTER and law_pairs[terms] < 2:
            continue  # one pair of laws does not make two large terms one concept
        u.union(ra, rb)
        root = u[ra]
        parts[root], n[root] = parts[ra] + parts[rb], n[ra] + n[rb]
    by_member: dict[str, list[Pair]] = {}
    for p in pairs:
        by_member.setdefault(p.a, []).append(p)
    dangling_by = {d["definition"]: d for d in dangling}
    out = []
    for comp in u.to_sets():
        members = sorted(comp)
        if len(members) < 2:
            continue
        cpairs = [p for m in members for p in by_member.get(m, []) if p.b in comp]
        rel = Counter(p.relation for p in cpairs)
        terms = sorted({g.nodes[m]["term_key"] for m in members})
        hidden = sum(unlisted.get(t, 0) for t in terms)
        if hidden:
            rel["divergent"] += hidden
        laws = sorted({g.nodes[m]["bwb_id"] for m in members})
        cdangling = [dangling_by[m] for m in members if m in dangling_by]
        if concepts is None:
            if len(laws) < 2 and not rel.get("divergent"):
                continue  # one regeling refining its own term: not a cross-law finding
            parts = _pair_score(rel, laws, cdangling, centrality)
            cconcepts: list[Concept] = []
            crelations: list[ConceptRelation] = []
            naming = False
        else:
            cconcepts = list({concept_of[m].id: concept_of[m] for m in members if m in concept_of}.values())
            crelations = [r for c in cconcepts for r in relations_of.get(c.id, [])]
            naming = bool(cconcepts) and all(c.naming for c in cconcepts)
            if len(laws) < 2 and not any(r.scored and r.relation != "same" for r in crelations):
                continue  # one regeling refining its own term: not a finding
            parts = _concept_score(
                crelations, cconcepts, laws, cdangling, centrality, _term_pairs(g, cpairs), impact or {}
            )
            if naming:  # designations: only one body under two names is worth a look
                parts = {k: (v if k == "cross_term_duplicate" else 0.0) for k, v in parts.items()}
        out.append(
            Cluster(
                id=cluster_id(members),
                terms=terms,
                members=members,
                regelingen=laws,
                relations=dict(sorted(rel.items())),
                score=round(sum(parts.values()), 3),
                score_parts=parts,
                pairs=cpairs,
                dangling=cdangling,
                unlisted={"divergent": hidden} if hidden else {},
                concepts=cconcepts,
                concept_relations=crelations,
                naming=naming,
            )
        )
    out.sort(key=lambda c: (-c.score, c.id))
    return out


#: cross-term duplicates at least this similar (Jaccard of the words) may join two clusters
JOIN_JACCARD = 0.8
#: texts that mean something else in every law that writes them: "hetgeen daaronder wordt verstaan
#: in de wet" (each law's own "de wet"), "de bij ministeriële regeling aan te wijzen goederen"
_RELATIVE_TEXT = re.compile(r"^(?:hetgeen|datgene|wat)\s+daaronder\b|\baan\s+te\s+wijzen\b", re.IGNORECASE)


def _relative(a: Mapping[str, Any]) -> bool:
    """A definition whose text points only inside its own regeling ("de commissie, genoemd in artikel
    2": each law's own article 2), or says nothing by itself."""
    if _RELATIVE_TEXT.search(a["text"]):
        return True
    targets = [t for t in a["targets"] if t is not None]
    return bool(a["refs"]) and all(LegalId.parse(t).bwb_id == a["bwb_id"] for t in targets)


def _designated_names(g: nx.MultiDiGraph) -> dict[str, set[str | None]]:
    """Per term, the names its definitions designate (None for a definition that is no
    designation): one name for *UWV*, many for *bevoegd gezag*."""
    out: dict[str, set[str | None]] = {}
    for _, a in g.nodes(data=True):
        out.setdefault(a["term_key"], set()).add(designated_name(a["text"]))
    return out


def _names_one_thing(g: nx.MultiDiGraph, p: Pair, names: Mapping[str, set[str | None]]) -> bool:
    """Whether a cross-term duplicate may join two clusters: nearly the same words
    (:data:`JOIN_JACCARD`), and neither text relative to its own law. On the whole 2012 BWB the
    weaker links joined *bevoegd gezag* and *commandant* ("de bij ministeriële regeling aan te
    wijzen functionarissen") with *kunstvoorwerpen* ("… aan te wijzen goederen"), *belanghebbende*
    with *EURO IV-voertuig* ("hetgeen daaronder wordt verstaan in de wet / de richtlijn") and four
    laws' *commissie* ("de commissie, genoemd in artikel 2").

    Two designations join only when each term names one thing wherever it is defined: *UWV* and
    *Uitvoeringsinstituut werknemersverzekeringen* ("…, bedoeld in artikel 2 of 3 van de Wet
    SUWI") join; *bevoegd gezag*, which names another body in every law, does not join *minister
    van SZW* because one law's bevoegd gezag is that minister (on the whole 2012 BWB it did). A term
    whose definitions designate two or more different bodies is a role and joins no other term,
    whatever the texts of the pair: on the whole 2012 BWB texts such as "Onze Minister van Verkeer
    en Waterstaat, of namens deze …" (no designation by themselves) joined *bevoegd gezag*,
    *minister*, *onze minister* and *secretaris-generaal* into one cluster of 1,762 laws."""
    if p.evidence.get("jaccard", 0.0) < JOIN_JACCARD:
        return False
    a, b = g.nodes[p.a], g.nodes[p.b]
    if _relative(a) or _relative(b):
        return False
    for t in (a["term_key"], b["term_key"]):
        if len(names[t] - {None}) > 1:
            return False  # a role that names another body in each law (bevoegd gezag, minister): never a synonym
    if designated_name(a["text"]) is not None and designated_name(b["text"]) is not None:
        return all(len(names[t]) == 1 and None not in names[t] for t in (a["term_key"], b["term_key"]))
    return True


def _term_pairs(g: nx.MultiDiGraph, pairs: Sequence[Pair]) -> int:
    """Cross-term duplicates counted as pairs of *terms* ("one text, two names": a drafter picks one
    name), not of definitions, and not between two treaties' own texts: on the whole 2012 BWB the
    pairs of *overeenkomstsluitende staat* / *verdragsluitende partij* in 122 treaties were 1,108,
    which put a cluster with three divergences near the top."""
    seen = set()
    for p in pairs:
        if p.relation != "cross_term_duplicate":
            continue
        a, b = g.nodes[p.a], g.nodes[p.b]
        if LegalId.regeling(a["bwb_id"]).treaty and LegalId.regeling(b["bwb_id"]).treaty:
            continue
        seen.add(frozenset((a["term_key"], b["term_key"])))
    return len(seen)


def _centrality(laws: Sequence[str], centrality: Mapping[str, float]) -> float:
    return round(WEIGHTS["centrality"] * max((centrality.get(b, 0.0) for b in laws), default=0.0), 3)


def _pair_score(
    rel: Mapping[str, int], laws: Sequence[str], dangling: Sequence[Any], centrality: Mapping[str, float]
) -> dict[str, float]:
    """The score parts counted over pairs of definitions (without concepts)."""
    return {
        "divergent": WEIGHTS["divergent"] * rel.get("divergent", 0),
        "regelingen": WEIGHTS["regelingen"] * (len(laws) - 1),
        "narrower_broader": WEIGHTS["narrower_broader"] * (rel.get("narrower", 0) + rel.get("broader", 0)),
        "near_duplicate": WEIGHTS["near_duplicate"] * rel.get("near_duplicate", 0),
        "identical": WEIGHTS["identical"] * rel.get("identical", 0),
        "dangling": WEIGHTS["dangling"] * _scored_dangling(dangling),
        "centrality": _centrality(laws, centrality),
        "cross_term_duplicate": WEIGHTS["cross_term_duplicate"] * rel.get("cross_term_duplicate", 0),
    }


def _display(term: str) -> str:
    """A term as shown: its words, without a leading article, in lower case unless written as a name."""
    t = re.sub(r"^(?:de|het|een)\s+", "", " ".join(term.split()), flags=re.IGNORECASE)
    return (
        t if t[:1].isupper() and (t.isupper() or any(w[:1].isupper() for w in t.split()[1:]) or "-" in t) else t.lower()
    )


def _scored_dangling(dangling: Sequence[Any]) -> int:
    """The dangling by-reference definitions that count: those pointing at a repealed article.

    The others are listed, not scored. "de persoon als bedoeld in artikel 2" in a BOA appointment, or
    "de commissie, bedoeld in artikel 2", points at the article that names the person or sets up the
    commissie, not at a definition, and a law outside the corpus or a reference not resolved says
    nothing about the law; on the whole 2012 BWB such pointers gave 330 of the 489 points of the
    *buitengewoon opsporingsambtenaar* cluster (136 appointment decisions).
    """
    return sum(d.get("reason") == "repealed" for d in dangling)


def _meanings(concepts: Sequence[Concept], relations: Sequence[ConceptRelation]) -> tuple[int, int, set[str]]:
    """(meanings, variants, concepts in a divergence) among the independent national concepts.

    For a term that no law defines and some laws add to or take from (:func:`adds_to_term`),
    those additions are the concepts compared.

    The independent concepts (roots that define the term, not naming, not in a treaty) are
    grouped by what they say: the same words (:func:`~wetgraaf.graph.analysis.concepts.meaning_signature`: articles aside, stemmed, a board named by its kind as one word), or nearly the same (a near-duplicate relation), is
    one meaning. ``k`` meanings are ``k − 1`` divergences, however many laws share each one
    and however many pairs of texts that makes: the score grows with the number of different
    meanings, not with its square (on the whole 2012 BWB the pairs of *bevoegde autoriteit*
    alone were 50,544).
    """
    national = [c for c in concepts if c.root and not (c.naming or c.naming_term) and not c.regeling.treaty]
    roots = {c.id: c for c in national if c.base_parts}
    signature = meaning_signature
    if not roots:
        # a term no law defines, only adds to ("Als gehuwd wordt mede aangemerkt …", "… wordt
        # niet als werknemer aangemerkt"): what the laws add or take away is the meaning
        roots = {c.id: c for c in national if adds_to_term(c)}
        signature = addition_signature
    if len({c.bwb_id for c in roots.values()}) < 2:
        return (1 if roots else 0), len(roots), set()
    u = nx.utils.UnionFind(roots)
    sig: dict[tuple[Any, ...], str] = {}
    for c in sorted(roots.values(), key=lambda c: c.id):
        key = signature(c)
        if key in sig:
            u.union(sig[key], c.id)
        else:
            sig[key] = c.id
    for r in relations:
        if r.a in roots and r.b in roots and (r.relation == "same" or r.evidence.get("near_duplicate")):
            u.union(r.a, r.b)
    groups = list(u.to_sets())
    involved = set(roots) if len(groups) > 1 else set()
    return len(groups), len(sig), involved


def _concept_score(
    relations: Sequence[ConceptRelation],
    concepts: Sequence[Concept],
    laws: Sequence[str],
    dangling: Sequence[Any],
    centrality: Mapping[str, float],
    cross_term: int,
    impact: Mapping[tuple[str, str], Impact],
) -> dict[str, float]:
    """The score parts counted over relations between concepts (see the module docstring)."""
    scored = [r for r in relations if r.scored]
    by_term: dict[str, list[Concept]] = {}
    for c in concepts:
        by_term.setdefault(c.term_key, []).append(c)
    divergent = near = 0
    involved_ids: set[str] = set()
    for cs in by_term.values():
        meanings, variants, inv = _meanings(cs, scored)
        divergent += max(meanings - 1, 0)
        near += max(variants - meanings, 0) if meanings > 1 else 0
        involved_ids |= inv
    identical = sum(r.relation == "same" and r.basis == "text" for r in scored)
    modifying = 0
    for r in scored:
        if r.relation in ("extends", "restricts", "modifies"):
            modifying += r.modifying_parts
            involved_ids |= {r.a, r.b}
    by_id = {c.id: c for c in concepts}
    involved = {by_id[x].bwb_id for x in involved_ids if x in by_id}
    weight = sum(
        impact[(by_id[x].bwb_id, by_id[x].term_key)].weight
        for x in involved_ids
        if x in by_id and (by_id[x].bwb_id, by_id[x].term_key) in impact
    )
    return {
        "divergent": WEIGHTS["divergent"] * divergent,
        "regelingen": WEIGHTS["regelingen"] * max(len(involved) - 1, 0),
        "narrower_broader": WEIGHTS["narrower_broader"] * modifying,
        "near_duplicate": WEIGHTS["near_duplicate"] * near,
        "identical": WEIGHTS["identical"] * identical,
        "dangling": WEIGHTS["dangling"] * _scored_dangling(dangling),
        "centrality": _centrality(laws, centrality),
        "cross_term_duplicate": WEIGHTS["cross_term_duplicate"] * cross_term,
        "impact": round(WEIGHTS["impact"] * weight, 3),
    }
