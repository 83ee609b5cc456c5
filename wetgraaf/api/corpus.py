"""The read model behind the API: the corpus store, the analysis report and lookup indexes.

Opened once (:meth:`Corpus.open`, after :func:`wetgraaf.pipeline.prepare` has brought the
store and the analysis up to date) and then only read, so request handlers share it across
threads. Term lookups use the definitions graph held in memory (definitions only, one node
each); regelingen and articles are read from the corpus store when asked for, so opening does
not load the texts of the whole corpus.

>>> fold("  Éénpersoons-Huishouden ")
'eenpersoons-huishouden'
>>> levenshtein("partner", "partenr", 2), levenshtein("partner", "kind", 2)
(2, 3)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from wetgraaf.graph.analysis.pairs import classify_pair
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.identity import InvalidLegalId, LegalId
from wetgraaf.ingest.records import Document, Provision, Reference, Regeling, Rule, Unit
from wetgraaf.pipeline import EmptyCorpus, Layout, build_stores, open_store
from wetgraaf.pipeline import analyse as pipeline_analyse
from wetgraaf.store import CorpusStore

__all__ = ["Corpus", "fold", "levenshtein", "UnknownTerm", "UnknownId"]


class UnknownTerm(LookupError):
    """No definition of that term in the corpus."""


class UnknownId(LookupError):
    """No element with that id in the corpus."""


def fold(text: str) -> str:
    """Lower case, diacritics removed, whitespace collapsed (for search, not for keys)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t).strip().lower()


def levenshtein(a: str, b: str, bound: int) -> int:
    """Edit distance of ``a`` and ``b``, or ``bound + 1`` as soon as it must exceed ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return min(prev[-1], bound + 1)


@dataclass(slots=True)
class TermEntry:
    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    definitions: list[str] = field(default_factory=list)  #: definition keys, all versions
    folded: set[str] = field(default_factory=set)

    @property
    def term(self) -> str:
        return self.spellings.most_common(1)[0][0]


@dataclass(eq=False)
class Corpus:
    """The corpus store, the analysis and the indexes (see the module docstring)."""

    store: CorpusStore
    report: dict[str, Any]
    graph: nx.MultiDiGraph  #: definitions graph of the newest version of each regeling
    all_definitions: dict[str, dict[str, Any]]  #: key → node attributes, every version
    out: Path
    rejected: list[Any] = field(default_factory=list)
    terms: dict[str, TermEntry] = field(default_factory=dict)
    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)
    bwb_ids: list[str] = field(default_factory=list)  #: every regeling in the store, sorted
    article_definitions: dict[str, list[str]] = field(default_factory=dict)  #: versioned article jci → keys
    _analysis: Any = None  #: the analysis database (cluster pairs are read from it when asked for)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, layout: Layout) -> Corpus:
        """Open what the pipeline built in ``layout`` (the store and the analysis must be current).

        Reads the clusters and the definitions graph from the analysis database; regelingen
        and articles are read from the corpus store when asked for.
        """
        from wetgraaf.store.analysis import AnalysisDb

        store = open_store(layout)
        if store.count("regelingen") == 0:
            raise EmptyCorpus(f"the corpus store {layout.store} holds no regelingen; nothing to serve")
        db = AnalysisDb(layout.analysis_db)
        g, every = db.graphs()
        c = cls(store, db.report(), g, every, layout.out, store.rejected())
        c._analysis = db
        c.bwb_ids = sorted(g.graph["bwb_ids"])
        c._index()
        return c

    @classmethod
    def from_documents(cls, documents: Iterable[Document], out: Path) -> Corpus:
        """Write ``documents`` to a new corpus store in ``out``, analyse them, open the result (tests)."""
        from wetgraaf.store import FileState, extractor_version

        layout = Layout(out)
        layout.out.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(layout.store) + suffix).unlink(missing_ok=True)
        docs = list(documents)
        with CorpusStore(layout.store) as s:
            for i, d in enumerate(docs):
                state = FileState(
                    f"{d.regeling.source or d.regeling.bwb_id}#{i}",
                    0,
                    0,
                    "",
                    extractor_version(),
                    "document",
                    d.regeling.bwb_id,
                )
                s.put(state, d)
            s.commit()
            s.set_meta(extractor=extractor_version())
            s.bump_generation()
        pipeline_analyse(layout, documents=docs)
        return cls.open(layout)

    def build_stores(self) -> None:
        """Write the RDF store (``out/rdf``) and the ladybug graph (``out/graph.lbug``) afresh."""
        build_stores(Layout(self.out))

    @property
    def rdf_path(self) -> Path:
        return Layout(self.out).rdf

    @property
    def graph_path(self) -> Path:
        return Layout(self.out).graph

    def _index(self) -> None:
        for k, a in self.all_definitions.items():
            e = self.terms.setdefault(a["term_key"], TermEntry(a["term_key"]))
            e.spellings[a["term"]] += 1
            e.definitions.append(k)
            e.folded.add(fold(a["term"]))
            art = LegalId.from_canonical(a["location"]).article_id
            if art is not None:
                self.article_definitions.setdefault(art.jci, []).append(k)
        for e in self.terms.values():
            e.folded.add(fold(e.key))
            e.definitions.sort(key=lambda k: self._definition_order(k))
        for row in self.report["clusters"]:
            self.clusters[row["id"]] = row
            for m in row["members"]:
                self.cluster_of[m["key"]] = row["id"]

    def _definition_order(self, key: str) -> tuple[Any, ...]:
        a = self.all_definitions[key]
        return (not a["latest"], a["bwb_id"], -(int((a["version"] or "0").replace("-", ""))), a["location"])

    # ------------------------------------------------------------------ terms
    def search_terms(self, q: str) -> list[dict[str, Any]]:
        """Terms matching ``q``: exact (same term key), prefix, contained, or within a small edit distance.

        Case and diacritics are ignored; Dutch plural and inflection variants meet through
        the term key (``partners`` finds *partner*).
        """
        fq = fold(q)
        kq = term_key(q)
        if not fq:
            return []
        bound = 0 if len(fq) < 4 else 1 if len(fq) < 8 else 2
        hits: list[tuple[tuple[int, int, str], dict[str, Any]]] = []
        for key, e in self.terms.items():
            if key == kq or fq in e.folded:
                match, rank, dist = "exact", 0, 0
            elif any(f.startswith(fq) for f in e.folded):
                match, rank, dist = "prefix", 1, 0
            elif any(fq in f for f in e.folded):
                match, rank, dist = "contains", 2, 0
            elif bound:
                dist = min(levenshtein(fq, f, bound) for f in e.folded)
                if dist > bound:
                    continue
                match, rank = "fuzzy", 3
            else:
                continue
            hits.append(((rank, dist, key), self.term_summary(e, match)))
        hits.sort(key=lambda h: (h[0][0], h[0][1], -h[1]["regelingen"], h[0][2]))
        return [h[1] for h in hits]

    def term_summary(self, e: TermEntry, match: str = "exact") -> dict[str, Any]:
        latest = [k for k in e.definitions if self.all_definitions[k]["latest"]]
        return {
            "term": e.term,
            "term_key": e.key,
            "spellings": sorted(e.spellings),
            "definitions": len(latest),
            "all_versions": len(e.definitions),
            "regelingen": len({self.all_definitions[k]["bwb_id"] for k in latest}),
            "match": match,
        }

    def term_entry(self, term: str) -> TermEntry:
        e = self.terms.get(term_key(term))
        if e is None:
            near = [h["term"] for h in self.search_terms(term)[:5]]
            hint = f"; did you mean: {', '.join(near)}" if near else ""
            raise UnknownTerm(f"no definition of {term!r} in the corpus{hint}")
        return e

    def definition_row(self, key: str) -> dict[str, Any]:
        a = self.all_definitions[key]
        return {
            "key": key,
            "term": a["term"],
            "definition": a["text"],
            "kind": a["kind"],
            "form": a["form"],
            "scope": {"text": a["scope_text"], "level": a["scope_level"], "targets": a["scope_targets"]},
            "bwb_id": a["bwb_id"],
            "citeertitel": a["title"],
            "version": a["version"],
            "latest": a["latest"],
            "jci": a["location"],
            "artikel": a["artikel"],
            "lid": a["lid"],
            "onderdeel": a["onderdeel"],
            "refs": [t for t in a["targets"] if t],
            "url": a["url"],
            "cluster_id": self.cluster_of.get(key),
        }

    @lru_cache(maxsize=4096)  # noqa: B019 - the corpus lives as long as the app and is never mutated
    def identical_groups(self, key: str) -> tuple[tuple[str, ...], ...]:
        """The newest definitions of one term grouped by identical text (in definition order)."""
        groups: dict[str, list[str]] = {}
        for k in self.terms[key].definitions:
            if k in self.graph:
                groups.setdefault(fold(self.graph.nodes[k]["text"]), []).append(k)
        return tuple(tuple(g) for g in groups.values())

    @lru_cache(maxsize=4096)  # noqa: B019
    def relations(self, key: str, limit: int | None = None) -> tuple[tuple[dict[str, Any], ...], int]:
        """Pairs of the distinct texts among the newest definitions of one term, with relation and evidence.

        Definitions with the same text are compared once, through the first of them
        (:meth:`identical_groups` lists the others). At most ``limit`` pairs, in definition
        order; returns them and the number of pairs there are in all.
        """
        reps = sorted(g[0] for g in self.identical_groups(key))
        total = len(reps) * (len(reps) - 1) // 2
        out = []
        for a, b in combinations(reps, 2):
            if limit is not None and len(out) >= limit:
                break
            if self.graph.nodes[a]["location"] == self.graph.nodes[b]["location"]:
                continue
            p = classify_pair(self.graph, a, b)
            out.append({"a": p.a, "b": p.b, "relation": p.relation, "evidence": p.evidence})
        return tuple(out), total

    def changes(self, key: str) -> list[dict[str, Any]]:
        """Changes of this term between ingested versions of one regeling (a change over time, not a conflict)."""
        out = []
        for v in self.report["versions"]:
            for c in v["changes"]:
                if term_key(c["term"]) == key:
                    out.append(
                        {
                            "bwb_id": v["bwb_id"],
                            "from_version": v["from_version"],
                            "to_version": v["to_version"],
                            **c,
                        }
                    )
        return out

    def definitions_of(
        self, term: str, *, limit: int | None = None, offset: int = 0, relations_limit: int | None = None
    ) -> dict[str, Any]:
        """Every definition of ``term`` (a page of them with ``limit``/``offset``), the relations
        between their distinct texts (at most ``relations_limit``), the changes over time."""
        e = self.term_entry(term)
        keys = e.definitions[offset : None if limit is None else offset + limit]
        pairs, total = self.relations(e.key, relations_limit)
        return {
            **self.term_summary(e),
            "items_total": len(e.definitions),
            "offset": offset,
            "items": [self.definition_row(k) for k in keys],
            "identical_groups": [list(g) for g in self.identical_groups(e.key) if len(g) > 1],
            "relations": list(pairs),
            "relations_total": total,
            "changes_over_time": self.changes(e.key),
            "clusters": sorted({self.cluster_of[k] for k in e.definitions if k in self.cluster_of}),
        }

    @lru_cache(maxsize=2048)  # noqa: B019
    def definitions_json(self, key: str, limit: int, offset: int, relations_limit: int) -> bytes:
        """:meth:`definitions_of` as JSON bytes, made once per term and page (the API's answer)."""
        return json.dumps(
            self.definitions_of(key, limit=limit, offset=offset, relations_limit=relations_limit),
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    # ------------------------------------------------------------------ regelingen and articles
    def _versions(self, bwb_id: str) -> list[tuple[int, Regeling]]:
        """(file id, regeling) of every stored version of ``bwb_id``, oldest first (undated first)."""
        from wetgraaf.store.codec import codec_for

        c = codec_for(Regeling)
        cols = ", ".join(f'"{col.name}"' for col in c.columns)
        rows = self.store.execute(f"SELECT file_id, {cols} FROM regelingen WHERE bwb_id = ?", (bwb_id,)).fetchall()
        out = [(r[0], c.decode(r[1:])) for r in rows]
        out.sort(key=lambda x: (x[1].version.isoformat() if x[1].version else "", x[0]))
        return out

    def regeling_row(self, bwb_id: str) -> dict[str, Any]:
        versions = self._versions(bwb_id)
        if not versions:
            raise UnknownId(f"no regeling {bwb_id!r} in the corpus")
        fid, r = versions[-1]
        n_articles = self.store.execute(
            "SELECT count(*) FROM units WHERE file_id = ? AND kind = 'artikel' AND repealed = 0", (fid,)
        ).fetchone()[0]
        n_defs = self.store.execute("SELECT count(*) FROM definitions WHERE file_id = ?", (fid,)).fetchone()[0]
        return {
            "bwb_id": bwb_id,
            "citeertitel": r.citeertitel,
            "soort": r.soort,
            "versions": [v.version.isoformat() if v.version else None for _, v in versions],
            "latest_version": r.version.isoformat() if r.version else None,
            "articles": n_articles,
            "definitions": n_defs,
            "jci": r.id.work.jci,
            "url": r.id.work.url,
        }

    def article_list(self, bwb_id: str) -> list[Unit]:
        """The articles (repealed ones too) of the newest version of ``bwb_id``, in order."""
        versions = self._versions(bwb_id)
        if not versions:
            raise UnknownId(f"no regeling {bwb_id!r} in the corpus")
        return self._records(Unit, "units", "file_id = ? AND kind = 'artikel'", (versions[-1][0],))

    def _records(self, cls: type, table: str, where: str, params: tuple[Any, ...]) -> list[Any]:
        from wetgraaf.store.codec import codec_for

        c = codec_for(cls)
        cols = ", ".join(f'"{col.name}"' for col in c.columns)
        rows = self.store.execute(f'SELECT {cols} FROM "{table}" WHERE {where} ORDER BY file_id, seq', params)
        return [c.decode(r) for r in rows]

    def article(self, ident: str) -> dict[str, Any]:
        """An article by any Juriconnect form or wetten.overheid.nl URL; the newest version when undated."""
        try:
            lid = LegalId.parse(ident)
        except InvalidLegalId as exc:
            raise ValueError(str(exc)) from None
        art = lid.article_id
        if art is None:
            raise ValueError(f"{ident!r} names no article (expected e.g. jci1.3:c:BWBR0018472&artikel=3)")
        found: dict[str | None, Unit] = {}
        for _, reg in self._versions(art.bwb_id):
            units = self._records(Unit, "units", "id = ? AND kind = 'artikel'", (art.at(reg.version).jci,))
            if units:
                found[reg.version.isoformat() if reg.version else None] = units[0]
        if not found:
            raise UnknownId(f"no article {art.work.jci} in the corpus")
        if lid.version is not None:
            v: str | None = lid.version.isoformat()
            if v not in found:
                raise UnknownId(
                    f"article {art.work.jci} is not in the corpus at {v}; versions: {', '.join(str(x) for x in found)}"
                )
        else:
            v = max(found, key=lambda x: x or "")
        unit = found[v]
        reg = next(r for _, r in self._versions(art.bwb_id) if (r.version.isoformat() if r.version else None) == v)
        provs: list[Provision] = self._records(Provision, "provisions", "article_jci = ?", (unit.id.jci,))
        rules: dict[str, Rule] = {
            r.id.jci: r
            for r in self._records(
                Rule, "rules", "id IN (SELECT id FROM provisions WHERE article_jci = ?)", (unit.id.jci,)
            )
        }
        defs = [self.definition_row(k) for k in self.article_definitions.get(unit.id.jci, [])]
        refs = [
            {"text": r.text, "target": r.target.jci if r.target else None, "via": r.via, "reason": r.reason}
            for r in self._records(Reference, "references", "article_jci = ?", (unit.id.jci,))
        ]
        return {
            "jci": unit.id.jci,
            "bwb_id": art.bwb_id,
            "citeertitel": reg.citeertitel,
            "version": v,
            "versions": sorted(found, key=lambda x: x or ""),
            "label": unit.label,
            "nr": unit.nr,
            "heading": unit.heading,
            "status": unit.status,
            "repealed": unit.repealed,
            "url": unit.id.url,
            "provisions": [
                {
                    "jci": p.id.jci,
                    "kind": p.kind,
                    "lid": p.lid,
                    "onderdeel": p.onderdeel,
                    "text": p.text,
                    "url": p.id.url,
                    "norm_type": r.norm_type if (r := rules.get(p.id.jci)) else None,
                    "norm_confidence": r.confidence if r else None,
                }
                for p in provs
            ],
            "definitions": defs,
            "references": refs,
        }

    # ------------------------------------------------------------------ clusters
    @lru_cache(maxsize=256)  # noqa: B019
    def cluster_pairs(self, cluster_id: str) -> list[dict[str, Any]]:
        """Every pair of a cluster with its relation and evidence (read when asked for)."""
        return self._analysis.pairs(cluster_id)

    def cluster_members(self, cluster_id: str) -> list[str]:
        return [m["key"] for m in self.clusters[cluster_id]["members"]]

    def clusters_by_regeling(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for cid, row in self.clusters.items():
            for b in row["regelingen"]:
                out[b].add(cid)
        return out
