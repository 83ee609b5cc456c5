"""The read model behind the API: the corpus store, the analysis database and lookup indexes.

Opened once (:meth:`Corpus.open`, after :func:`wetgraaf.pipeline.prepare` has brought the
store and the analysis up to date) and then only read, so request handlers share it across
threads. Opening reads only what a first request needs from the analysis database
(:mod:`wetgraaf.store.analysis`): the term index as the analysis stage wrote it, the counts,
the small parts of the report and the ``refers_to`` edges. A definition, a cluster, a
cluster's pairs and an article's definitions are read when first asked for and then kept;
regelingen and articles are read from the corpus store per request.

>>> fold("  Éénpersoons-Huishouden ")
'eenpersoons-huishouden'
>>> OSA.distance("partner", "parnter"), OSA.distance("huishouden", "huishouding")
(1, 2)
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from itertools import accumulate, combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.identity import InvalidLegalId, LegalId, regeling_page
from wetgraaf.pipeline import EmptyCorpus, Layout, build_stores, open_store
from wetgraaf.store.analysis import AnalysisDb, fold

if TYPE_CHECKING:
    from wetgraaf.ingest.records import Document, Regeling, Unit
    from wetgraaf.store import CorpusStore

#: what a text without a version date is called (the 2012 snapshots), in the API and on the Dutch pages
UNDATED, UNDATED_NL = "undated snapshot", "ongedateerde momentopname"
#: how many unknown terms' hints :meth:`Corpus.term_entry` keeps (a few hundred bytes each)
HINTS_KEPT = 4096
#: how many bytes of term answers :meth:`Corpus.definitions_json` keeps (most recently used first;
#: on the whole 2012 BWB an answer is 8 KB to 2.6 MB, most a few hundred KB)
ANSWER_BYTES_KEPT = 256 * 2**20

__all__ = ["Corpus", "DefinitionsGraph", "TermEntry", "fold", "words", "compound_parts", "UnknownTerm", "UnknownId"]


class UnknownTerm(LookupError):
    """No definition of that term in the corpus."""


class UnknownId(LookupError):
    """No element with that id in the corpus."""


class TermEntry(NamedTuple):
    """One term key of the term index, as the analysis stage wrote it."""

    key: str
    term: str  #: the most frequent spelling
    spellings: list[str]  #: sorted
    folded: list[str]  #: what the term search matches: the folded spellings and the folded key
    n_latest: int  #: definitions in the newest versions
    n_all: int  #: definitions in all versions
    n_regelingen: int  #: regelingen with a definition in their newest version


# ---------------------------------------------------------------------------- read when asked for
class _Row(NamedTuple):
    node: dict[str, Any] | None  #: node attributes in the graph of the newest versions (None: older version)
    full: dict[str, Any]  #: the attributes with ``latest``, every version
    latest: bool
    cluster: str | None


class _Definitions:
    """Definitions read from the analysis database when first asked for, then kept.

    Several threads may read the same key at once; they then store equal rows, and the
    last one stays.
    """

    def __init__(self, db: AnalysisDb) -> None:
        self._db = db
        self._rows: dict[str, _Row | None] = {}
        self._order: list[str] | None = None  #: every key in table order, once all are read
        self._lock = threading.Lock()

    def fetch(self, keys: Iterable[str]) -> None:
        """Read those of ``keys`` not read yet (one query per 500)."""
        if self._order is not None:
            return
        todo = [k for k in keys if k not in self._rows]
        if todo:
            found = self._db.definitions(todo)
            for k in todo:
                r = found.get(k)
                self._rows[k] = None if r is None else _row(*r)

    def get(self, key: str) -> _Row | None:
        if key not in self._rows and self._order is None:
            self.fetch([key])
        return self._rows.get(key)

    def keys(self) -> list[str]:
        """Every key in table order (reads every definition not read yet, once)."""
        with self._lock:
            if self._order is None:
                order = []
                for k, attrs, latest, cid in self._db.all_definitions():
                    order.append(k)
                    if self._rows.get(k) is None:
                        self._rows[k] = _row(attrs, latest, cid)
                self._order = order
        return self._order


def _row(attrs: dict[str, Any], latest: bool, cluster: str | None) -> _Row:
    return _Row(attrs if latest else None, {**attrs, "latest": latest}, latest, cluster)


class _AllDefinitions(Mapping[str, dict[str, Any]]):
    """key → definition attributes with ``latest``, every version."""

    def __init__(self, rows: _Definitions, n: int) -> None:
        self._rows, self._n = rows, n

    def __getitem__(self, key: str) -> dict[str, Any]:
        r = self._rows.get(key)
        if r is None:
            raise KeyError(key)
        return r.full

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._rows.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows.keys())

    def __len__(self) -> int:
        return self._n


class _RowField(Mapping[str, Any]):
    """definition key → one field of its row (``field``); rows where that field is None are not keys."""

    field = ""

    def __init__(self, rows: _Definitions) -> None:
        self._rows = rows

    def __getitem__(self, key: str) -> Any:
        r = self._rows.get(key)
        if r is None or getattr(r, self.field) is None:
            raise KeyError(key)
        return getattr(r, self.field)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (r := self._rows.get(key)) is not None and getattr(r, self.field) is not None

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._rows.keys() if k in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _ClusterOf(_RowField):
    """definition key → the id of its cluster (definitions in no cluster are not keys)."""

    field = "cluster"


class _Nodes(_RowField):
    """The nodes of :class:`DefinitionsGraph` (``graph.nodes[k]``, ``graph.nodes(data=True)``)."""

    field = "node"

    def __call__(self, data: bool = False) -> list[Any]:
        return [(k, self[k]) for k in self] if data else list(self)


class DefinitionsGraph:
    """The definitions graph of the newest version of each regeling, its nodes read when asked for.

    Offers the part of networkx's ``MultiDiGraph`` that the pair classification
    (:func:`wetgraaf.graph.analysis.pairs.classify_pair`, :func:`~wetgraaf.graph.analysis.chains.follow`)
    and the drafting check read: ``graph.nodes[k]``, ``graph.nodes(data=True)``, ``k in graph``,
    ``graph.out_edges(k, keys=True)`` and the graph attributes ``graph.graph``.
    """

    def __init__(
        self, rows: _Definitions, edges: Iterable[tuple[str, str, str, dict[str, Any]]], attrs: dict[str, Any]
    ) -> None:
        self.graph = attrs
        self.nodes = _Nodes(rows)
        self._out: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
        for e in edges:
            self._out.setdefault(e[0], []).append(e)

    def __contains__(self, key: object) -> bool:
        return key in self.nodes

    def out_edges(self, node: str, keys: bool = False, data: bool = False) -> list[tuple[Any, ...]]:
        out = self._out.get(node, [])
        if data:
            return [e if keys else (e[0], e[1], e[3]) for e in out]
        return [e[:3] if keys else e[:2] for e in out]


class _Clusters(Mapping[str, dict[str, Any]]):
    """cluster id → cluster row (without pairs), in rank order: one row read when one is asked
    for, all of them (once) when iterated."""

    def __init__(self, db: AnalysisDb, n: int) -> None:
        self._db, self._n = db, n
        self._one: dict[str, dict[str, Any]] = {}
        self._all: dict[str, dict[str, Any]] | None = None
        self._lock = threading.Lock()

    def __getitem__(self, cluster_id: str) -> dict[str, Any]:
        if self._all is not None:
            return self._all[cluster_id]
        row = self._one.get(cluster_id)
        if row is None:
            row = self._db.cluster(cluster_id)
            if row is None:
                raise KeyError(cluster_id)
            self._one[cluster_id] = row = _undated_members(row)
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return self._n

    def _load(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            if self._all is None:
                self._all = {row["id"]: _undated_members(row) for row in self._db.clusters()}
                self._one.clear()
        return self._all

    def items(self) -> Any:
        return self._load().items()

    def values(self) -> Any:
        return self._load().values()


def _rule_relation_row(r: Any) -> dict[str, Any]:
    """A :class:`~wetgraaf.ingest.records.RuleRelation` as the API shows it."""
    return {
        "relation": r.relation,
        "source": r.source.jci,
        "target": r.target.jci if r.target else None,
        "words": r.target_text,
        "reason": r.reason,
        "scope": r.scope,
        "adaptation": r.adaptation,
        "evidence": r.evidence,
    }


def _undated_members(row: dict[str, Any]) -> dict[str, Any]:
    """A cluster row whose members say whether their text is undated, an undated one linking its regeling's page."""
    for m in row.get("members", ()):
        m["undated"] = m.get("version") is None
        if m["undated"]:
            m["url"] = regeling_page(m["bwb_id"])
    return row


class _ArticleDefinitions(Mapping[str, list[str]]):
    """versioned article jci → its definition keys (``article_definitions.get(jci, [])``)."""

    def __init__(self, lookup: Callable[[str], list[str]]) -> None:
        self._lookup = lookup

    def __getitem__(self, jci: str) -> list[str]:
        found = self._lookup(jci)
        if not found:
            raise KeyError(jci)
        return found

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the article index is read per article, not iterated")

    def __len__(self) -> int:
        raise TypeError("the article index is read per article, not counted")


#: the words of a folded form: runs of letters and digits (hyphens, slashes and spaces split)
_WORDS = re.compile(r"[^\W_]+")
#: the shortest compound part :class:`_SearchIndex` splits off, and the shortest rest it leaves
PART_MIN, REST_MIN = 4, 3
#: ranks of the term search's matches, best first (``word`` and ``part`` are one rank)
MATCH_RANK = {"exact": 0, "prefix": 1, "word": 2, "part": 2, "contains": 3, "fuzzy": 4}
_FORM, _WORD, _PART = 0, 1, 2  #: what a search unit is to a term: one of its forms, words, compound parts


def words(form: str) -> list[str]:
    """The words of a folded form.

    >>> words("eenpersoons-huishouden van de partner")
    ['eenpersoons', 'huishouden', 'van', 'de', 'partner']
    """
    return _WORDS.findall(form)


def compound_parts(word: str, vocabulary: Container[str]) -> set[str]:
    """The parts of a compound ``word`` that are words of ``vocabulary`` themselves.

    A part is a head (an end of ``word``) or a modifier (a start, also without a linking
    *s*) of at least :data:`PART_MIN` letters leaving at least :data:`REST_MIN`; the
    vocabulary is every word of every defined term, so a part is a word the corpus defines
    something with.

    >>> sorted(compound_parts("toeslagpartner", {"toeslag", "partner", "part"}))
    ['partner', 'toeslag']
    >>> sorted(compound_parts("arbeidsinkomen", {"arbeid", "inkomen", "inkomens"}))
    ['arbeid', 'inkomen']
    """
    out: set[str] = set()
    for i in range(REST_MIN, len(word) - PART_MIN + 1):
        if word[i:] in vocabulary:
            out.add(word[i:])
    for i in range(PART_MIN, len(word) - REST_MIN + 1):
        head = word[:i]
        if head in vocabulary:
            out.add(head)
        elif head.endswith("s") and len(head) > PART_MIN and head[:-1] in vocabulary:
            out.add(head[:-1])
    return out


def fuzzy_bound(fq: str) -> int:
    """How many edits (a transposition is one) the fuzzy match allows a folded query."""
    return 0 if len(fq) < 4 else 1 if len(fq) < 8 else 2


class _SearchIndex:
    """The term index arranged for :meth:`Corpus.search_terms`, built at the first search.

    ``text`` holds per term one stretch of its folded forms between newlines (``fold`` turns
    every newline into a space, so a form never holds one, and a match of a query never spans
    two terms): ``"\\n" + q + "\\n"`` in a stretch is an exact match of a form,
    ``"\\n" + q`` a prefix, ``q`` a part; ``str.find`` walks ``text`` once, jumping to the next
    term after a hit. ``units`` maps every form, word and compound part (:func:`compound_parts`)
    to the terms it belongs to; the word match is a look-up there and the fuzzy match is
    rapidfuzz's optimal string alignment distance (Levenshtein with transpositions) of the
    query to every unit, cut off at the bound, in C.
    """

    def __init__(self, terms: Mapping[str, TermEntry]) -> None:
        self.entries = list(terms.values())
        self.index_of = {e.key: i for i, e in enumerate(self.entries)}
        hays = ["\n" + "\n".join(e.folded) + "\n" for e in self.entries]
        self.starts = list(accumulate((len(h) for h in hays), initial=0))
        self.text = "".join(hays)
        # compound parts are words of the spellings (a term key's words are stems: "huishoud")
        vocabulary = {w for e in self.entries for t in e.spellings for w in words(fold(t))}
        parts: dict[str, set[str]] = {}
        units: dict[str, dict[int, int]] = defaultdict(dict)  #: unit -> entry index -> kind (the least)
        for i, e in enumerate(self.entries):
            for f in e.folded:
                units[f][i] = _FORM
            for f in e.folded:
                for w in words(f):
                    units[w].setdefault(i, _WORD)
                    if w in vocabulary:
                        if w not in parts:
                            parts[w] = compound_parts(w, vocabulary)
                        for p in parts[w]:
                            units[p].setdefault(i, _PART)
        self.units = dict(units)
        #: length -> the units of that length (the fuzzy match looks only at lengths within its bound)
        self.by_len: dict[int, list[str]] = defaultdict(list)
        for u in self.units:
            self.by_len[len(u)].append(u)

    def containing(self, fq: str) -> Iterator[int]:
        """Indexes of the entries one of whose forms holds ``fq``, in order."""
        text, starts, pos = self.text, self.starts, 0
        while (pos := text.find(fq, pos)) >= 0:
            i = bisect_right(starts, pos) - 1
            yield i
            pos = starts[i + 1]

    def hay(self, i: int) -> str:
        return self.text[self.starts[i] : self.starts[i + 1]]

    def fuzzy(self, fq: str, bound: int) -> dict[int, tuple[int, int]]:
        """entry index -> (edit distance, kind) of its closest unit within ``bound`` of ``fq``."""
        out: dict[int, tuple[int, int]] = {}
        for n in range(len(fq) - bound, len(fq) + bound + 1):
            near = process.extract(fq, self.by_len.get(n, ()), scorer=OSA.distance, score_cutoff=bound, limit=None)
            for unit, dist, _ in near:
                for i, kind in self.units[unit].items():
                    if (dist, kind) < out.get(i, (bound + 1, 0)):
                        out[i] = (int(dist), kind)
        return out


class Corpus:
    """The corpus store, the analysis and the indexes (see the module docstring)."""

    store: CorpusStore
    report: dict[str, Any]  #: the report's small parts: summary, versions, score weights, store
    graph: DefinitionsGraph  #: definitions graph of the newest version of each regeling
    all_definitions: Mapping[str, dict[str, Any]]  #: key → node attributes with ``latest``, every version
    out: Path
    terms: dict[str, TermEntry]  #: term key → term index entry
    clusters: Mapping[str, dict[str, Any]]  #: cluster id → row (without pairs), in rank order
    cluster_of: Mapping[str, str]  #: definition key → cluster id
    bwb_ids: list[str]  #: every regeling in the newest versions, sorted
    article_definitions: Mapping[str, list[str]]  #: versioned article jci → keys

    def __init__(self, store: CorpusStore, analysis: AnalysisDb, out: Path) -> None:
        self.store = store
        self.out = Path(out)
        self._analysis = analysis
        self.report = analysis.report(("summary", "versions", "score_weights", "store"))
        counts = analysis.counts()
        attrs = {k: set(v) for k, v in analysis.meta("graph").items()}
        self.bwb_ids = sorted(attrs["bwb_ids"])
        self._definitions = _Definitions(analysis)
        self.all_definitions = _AllDefinitions(self._definitions, counts["definitions"])
        self.cluster_of = _ClusterOf(self._definitions)
        self.graph = DefinitionsGraph(self._definitions, analysis.edges(), attrs)
        self.clusters = _Clusters(analysis, counts["clusters"])
        self.article_definitions = _ArticleDefinitions(analysis.article_definitions)
        self.terms = {row[0]: TermEntry(*row) for row in analysis.terms()}
        self._term_rows: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._hints: dict[str, str] = {}  #: unknown term -> its "did you mean" hint (see _hint)
        #: (term key, limit, offset, relations_limit) -> answer bytes, least recently used first
        self._answers: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()
        self._answer_bytes = 0
        self._answers_lock = threading.Lock()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, layout: Layout) -> Corpus:
        """Open what the pipeline built in ``layout`` (the store and the analysis must be current).

        Reads the term index and the counts from the analysis database; definitions,
        clusters and their pairs are read from it when asked for, regelingen and articles
        from the corpus store.
        """
        store = open_store(layout)
        if store.count("regelingen") == 0:
            raise EmptyCorpus(f"the corpus store {layout.store} holds no regelingen; nothing to serve")
        return cls(store, AnalysisDb(layout.analysis_db), layout.out)

    @classmethod
    def from_documents(cls, documents: Iterable[Document], out: Path) -> Corpus:
        """Write ``documents`` to a new corpus store in ``out``, analyse them, open the result (tests)."""
        from wetgraaf.pipeline import analyse as pipeline_analyse
        from wetgraaf.store import CorpusStore, FileState, extractor_version

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

    @cached_property
    def rejected(self) -> list[Any]:
        """The files the store rejected (read when asked for)."""
        return self.store.rejected()

    @property
    def n_rejected(self) -> int:
        return int(self.store.execute("SELECT count(*) FROM files WHERE status = 'rejected'").fetchone()[0])

    def build_stores(self) -> None:
        """Write the RDF store (``out/rdf``) and the ladybug graph (``out/graph.lbug``) afresh."""
        build_stores(Layout(self.out))

    @property
    def rdf_path(self) -> Path:
        return Layout(self.out).rdf

    @property
    def graph_path(self) -> Path:
        return Layout(self.out).graph

    def term_definitions(self, key: str) -> tuple[str, ...]:
        """The definitions of a term key, every version, in answer order (newest versions first)."""
        return self._term_row(key)[0]

    def _term_row(self, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(definitions, clusters) of a term key; read once per term (nothing kept for unknown keys)."""
        row = self._term_rows.get(key)
        if row is None:
            found = self._analysis.term_definitions(key) if key in self.terms else None
            if found is None:
                return (), ()
            row = self._term_rows[key] = (tuple(found[0]), tuple(found[1]))
        return row

    # ------------------------------------------------------------------ terms
    def search_terms(self, q: str) -> list[dict[str, Any]]:
        """Terms matching ``q``, best first: ``exact`` (same term key or a spelling), ``prefix``
        (a spelling starts with it), ``word`` or ``part`` (it is one of a spelling's words, or a
        part of a compound word: *partner* in *toeslagpartner*), ``contains`` (a spelling holds
        it elsewhere), ``fuzzy`` (within :func:`fuzzy_bound` edits, a transposition being one, of
        a spelling, one of its words or a compound part: *parnter* finds *partner*, *huishouden*
        finds *gezamenlijke huishouding*). Within a kind of match the nearer, then the term in
        more regelingen, comes first.

        Case and diacritics are ignored; Dutch plural and inflection variants meet through
        the term key (``partners`` finds *partner*).
        """
        fq = fold(q)
        if not fq:
            return []
        kq = term_key(q)
        index = self._search_index
        found: dict[int, tuple[int, int, int]] = {}  #: entry -> (rank, distance, kind)
        if (i := index.index_of.get(kq)) is not None:
            found[i] = (0, 0, _FORM)
        exact, prefix = "\n" + fq + "\n", "\n" + fq
        contains: list[int] = []
        for i in index.containing(fq):
            if i in found:
                continue
            hay = index.hay(i)
            if exact in hay:
                found[i] = (0, 0, _FORM)
            elif prefix in hay:
                found[i] = (1, 0, _FORM)
            else:
                contains.append(i)
        for unit, kinds in ((fq, (_FORM, _WORD, _PART)), (kq, (_FORM, _WORD))):  # kq, a stem, is no part
            for i, kind in index.units.get(unit, {}).items():
                word = (2, 0, max(kind, _WORD))  # a form here is one word
                if kind in kinds and word < found.get(i, (3, 0, 0)):
                    found[i] = word
        for i in contains:
            found.setdefault(i, (3, 0, _FORM))
        if bound := fuzzy_bound(fq):
            for i, (dist, kind) in index.fuzzy(fq, bound).items():
                found.setdefault(i, (4, dist, kind))
        hits = []
        for i, (rank, dist, kind) in found.items():
            e = index.entries[i]
            match = ("exact", "prefix", "word", "contains", "fuzzy")[rank]
            if rank == 2 and kind == _PART:
                match = "part"
            hits.append(((rank, dist, kind, -e.n_regelingen, e.key), self.term_summary(e, match)))
        hits.sort(key=lambda h: h[0])
        return [h[1] for h in hits]

    @cached_property
    def _search_index(self) -> _SearchIndex:
        return _SearchIndex(self.terms)

    def term_summary(self, e: TermEntry, match: str = "exact") -> dict[str, Any]:
        return {
            "term": e.term,
            "term_key": e.key,
            "spellings": list(e.spellings),
            "definitions": e.n_latest,
            "all_versions": e.n_all,
            "regelingen": e.n_regelingen,
            "match": match,
        }

    def term_entry(self, term: str) -> TermEntry:
        e = self.terms.get(term_key(term))
        if e is None:
            raise UnknownTerm(f"no definition of {term!r} in the corpus{self._hint(term)}")
        return e

    def _hint(self, term: str) -> str:
        """The "did you mean" part of the answer for a term that is not defined (the first five
        search hits), made once per term: an unknown term asked again (a typo in a link, a client retrying) is not
        searched again. The corpus is never changed, so a hint stays right as long as it lives."""
        hint = self._hints.get(term)
        if hint is None:
            near = [h["term"] for h in self.search_terms(term)[:5]]
            hint = f"; did you mean: {', '.join(near)}" if near else ""
            with self._answers_lock:
                while len(self._hints) >= HINTS_KEPT:
                    del self._hints[next(iter(self._hints))]  # the oldest
                self._hints[term] = hint
        return hint

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
            "undated": a["version"] is None,
            # an undated text never deep-links: that would open today's text as if it were this one
            "url": a["url"] if a["version"] is not None else regeling_page(a["bwb_id"]),
            "cluster_id": self.cluster_of.get(key),
        }

    @lru_cache(maxsize=4096)  # noqa: B019 - the corpus lives as long as the app and is never mutated
    def identical_groups(self, key: str) -> tuple[tuple[str, ...], ...]:
        """The newest definitions of one term grouped by identical text (in definition order)."""
        groups: dict[str, list[str]] = {}
        keys = self.term_definitions(key)
        self._definitions.fetch(keys)
        for k in keys:
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
        from wetgraaf.graph.analysis.pairs import classify_pair

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
        return self._definitions_of(self.term_entry(term), limit, offset, relations_limit)

    def _definitions_of(
        self, e: TermEntry, limit: int | None, offset: int, relations_limit: int | None
    ) -> dict[str, Any]:
        every, clusters = self._term_row(e.key)
        keys = every[offset : None if limit is None else offset + limit]
        self._definitions.fetch(keys)
        pairs, total = self.relations(e.key, relations_limit)
        return {
            **self.term_summary(e),
            "items_total": len(every),
            "offset": offset,
            "items": [self.definition_row(k) for k in keys],
            "identical_groups": [list(g) for g in self.identical_groups(e.key) if len(g) > 1],
            "relations": list(pairs),
            "relations_total": total,
            "changes_over_time": self.changes(e.key),
            "clusters": list(clusters),
        }

    def definitions_json(self, key: str, limit: int, offset: int, relations_limit: int) -> bytes:
        """:meth:`definitions_of` of a term key (:meth:`term_entry`) as JSON bytes, made once per term
        and page (the API's answer; at most ``ANSWER_BYTES_KEPT`` bytes of answers are kept).

        By key, not as a term: a key is not always its own key (``gegevens`` → ``gegeven`` →
        ``gegev``), so looking it up as a term could find another term, or none.
        """
        made = self._answer(key, limit, offset, relations_limit)
        if made is not None:
            return made
        e = self.terms.get(key)
        if e is None:
            raise UnknownTerm(f"no term key {key!r} in the corpus")
        body = json.dumps(
            self._definitions_of(e, limit, offset, relations_limit),
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        with self._answers_lock:
            if (key, limit, offset, relations_limit) not in self._answers and len(body) <= ANSWER_BYTES_KEPT:
                self._answers[key, limit, offset, relations_limit] = body
                self._answer_bytes += len(body)
                while self._answer_bytes > ANSWER_BYTES_KEPT:
                    self._answer_bytes -= len(self._answers.popitem(last=False)[1])
        return body

    def _answer(self, key: str, limit: int, offset: int, relations_limit: int) -> bytes | None:
        with self._answers_lock:
            made = self._answers.get((key, limit, offset, relations_limit))
            if made is not None:
                self._answers.move_to_end((key, limit, offset, relations_limit))
        return made

    def answer_made(self, term: str, limit: int, offset: int, relations_limit: int) -> bytes | None:
        """The term lookup's answer if it is already made, without reading or searching anything
        (so the API can give it from its event loop): the answer's bytes, :class:`UnknownTerm`
        for an unknown term whose hint is made, or None (then :meth:`term_entry` and
        :meth:`definitions_json` make it)."""
        e = self.terms.get(term_key(term))
        if e is not None:
            return self._answer(e.key, limit, offset, relations_limit)
        hint = self._hints.get(term)
        if hint is not None:
            raise UnknownTerm(f"no definition of {term!r} in the corpus{hint}")
        return None

    # ------------------------------------------------------------------ regelingen and articles
    def _versions(self, bwb_id: str) -> list[tuple[int, Regeling]]:
        """(file id, regeling) of every stored version of ``bwb_id``, oldest first (undated first)."""
        from wetgraaf.ingest.records import Regeling
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
            "undated": r.version is None,
            "url": r.id.work.url if r.version is not None else regeling_page(bwb_id),
        }

    def article_list(self, bwb_id: str) -> list[Unit]:
        """The articles (repealed ones too) of the newest version of ``bwb_id``, in order."""
        from wetgraaf.ingest.records import Unit

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
        from wetgraaf.ingest.records import Provision, Reference, Rule, Unit

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
        stated, targeting, params = self._article_rules(unit.id)
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
            "undated": v is None,
            "url": unit.id.text_url,
            "provisions": [
                {
                    "jci": p.id.jci,
                    "kind": p.kind,
                    "lid": p.lid,
                    "onderdeel": p.onderdeel,
                    "text": p.text,
                    "url": p.id.text_url,
                    "norm_type": r.norm_type if (r := rules.get(p.id.jci)) else None,
                    "norm_confidence": r.confidence if r else None,
                }
                for p in provs
            ],
            "definitions": defs,
            "references": refs,
            "rules_stated": stated,
            "rules_targeting": targeting,
            "parameters": params,
        }

    def _article_rules(self, art: LegalId) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """What an article's leden say of other rules, which rules (in any regeling) say something of
        it or anything below it (any version), and its termijnen, bedragen, leeftijden and percentages."""
        from wetgraaf.ingest.records import RuleParameter, RuleRelation

        def below(col: str, jci: str) -> tuple[str, tuple[str, str, str]]:
            # the article itself, or anything below it ("…&lid=1", "…&g=…"): a range on the index
            return f"({col} = ? OR ({col} >= ? AND {col} < ?))", (jci, jci + "&", jci + "&\U0010ffff")

        where, params = below("source", art.jci)
        stated = [_rule_relation_row(r) for r in self._records(RuleRelation, "rule_relations", where, params)]
        targeting = self.rules_targeting(art)
        where, params = below("source", art.jci)
        found = [
            {
                "source": x.source.jci,
                "kind": x.kind,
                "text": x.text,
                "value": x.value,
                "unit": x.unit,
                "days": x.days,
                "act": x.act,
                "actor": x.actor,
                "price_year": x.price_year,
            }
            for x in self._records(RuleParameter, "rule_parameters", where, params)
        ]
        return stated, targeting, found

    def rules_targeting(self, art: LegalId) -> list[dict[str, Any]]:
        """The rule relations (of any regeling in the corpus, any version) whose target is ``art`` or
        lies below it, except those stated inside ``art`` itself; ``art`` need not be in the corpus
        (the bundled laws set aside Awb art. 7:10, which is not)."""
        from wetgraaf.ingest.records import RuleRelation

        jci = art.at(None).jci
        where = "(target = ? OR (target >= ? AND target < ?))"  # the article, or "…&lid=1", "…&g=…"
        found = self._records(RuleRelation, "rule_relations", where, (jci, jci + "&", jci + "&\U0010ffff"))
        return [_rule_relation_row(r) for r in found if r.source.bwb_id != art.bwb_id or r.source.article_id != art]

    # ------------------------------------------------------------------ concepts
    def term_clusters(self, key: str) -> tuple[str, ...]:
        """The clusters that hold definitions of a term key."""
        return self._term_row(key)[1]

    @lru_cache(maxsize=1024)  # noqa: B019
    def cluster_concepts(self, cluster_id: str) -> dict[str, list[dict[str, Any]]]:
        """A cluster's stored ``concepts`` and ``concept_relations`` (rows of
        :mod:`~wetgraaf.graph.analysis.concepts`; read when asked for; empty lists for an analysis
        written before concepts)."""
        return self._analysis.concepts(cluster_id)

    @cached_property
    def titles(self) -> dict[str, str]:
        """Normalised citeertitel or usual abbreviation → BWB id, for references in plain text
        ("artikel 3 van de Awir"): the citeertitels of the regelingen in the store (the newest
        version's wins), the bundled manifest's titles, and the abbreviations drafters use
        (:data:`~wetgraaf.graph.analysis.picture.ABBREVIATIONS`, Aanwijzingen voor de regelgeving
        ch. 4) whatever the corpus holds."""
        from wetgraaf.graph.analysis.concepts import regeling_name as concept_name
        from wetgraaf.graph.analysis.picture import ABBREVIATIONS
        from wetgraaf.ingest.batch import builtin_titles
        from wetgraaf.ingest.references import normalise_title

        out = {normalise_title(a): bwb for bwb, a in ABBREVIATIONS.items()}
        out.update(builtin_titles())
        rows = self.store.execute("SELECT bwb_id, citeertitel FROM regelingen ORDER BY file_id").fetchall()
        for bwb, title in rows:
            if title:
                out[normalise_title(title)] = bwb
                out.setdefault(normalise_title(concept_name(title, bwb)), bwb)  # legacy titles' tails cut
        return out

    # ------------------------------------------------------------------ clusters
    @lru_cache(maxsize=256)  # noqa: B019
    def cluster_pairs(self, cluster_id: str) -> list[dict[str, Any]]:
        """Every pair of a cluster with its relation and evidence (read when asked for)."""
        return self._analysis.pairs(cluster_id)

    @cached_property
    def rule_cluster_of(self) -> dict[str, list[str]]:
        """Provision key (jci without version) → the rule clusters it is a member of (read once, when
        first asked for: a provision may be in several, a termijn's and a hotspot's)."""
        out: dict[str, list[str]] = defaultdict(list)
        for cid, row in self.clusters.items():
            if row.get("kind", "definition") == "rule":
                for m in row["members"]:
                    out[m["key"]].append(cid)
        return dict(out)

    def rule_clusters_on(self, article: LegalId) -> list[dict[str, Any]]:
        """The rule clusters with a member in ``article`` (the article itself or one of its leden)."""
        art = (article.article_id or article).at(None).jci
        ids = [c for k, cs in self.rule_cluster_of.items() if k == art or k.startswith(art + "&") for c in cs]
        return [self.clusters[c] for c in dict.fromkeys(ids)]

    def cluster_members(self, cluster_id: str) -> list[str]:
        return [m["key"] for m in self.clusters[cluster_id]["members"]]

    def clusters_by_regeling(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for cid, row in self.clusters.items():
            for b in row["regelingen"]:
                out[b].add(cid)
        return out
