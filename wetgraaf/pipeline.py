"""The pipeline: ingest → corpus store → analyses → graph stores, and what is stale.

The one place that knows the stages and the layout of the output folder; the CLI and the
API (:func:`wetgraaf.api.create_app`) both call it. Every stage after ingest reads the
corpus store (:mod:`wetgraaf.store`), never the XML, and records in a stamp which store
generation it was built from, so that nothing is rebuilt that is up to date::

    OUT/corpus.sqlite      the corpus store (every record of every file; `wetgraaf ingest`)
    OUT/report.json        the ingest report (counts, rejected files)
    OUT/quarantine/        copies of rejected files, each with a .reason file
    OUT/analysis/          report.json, clusters.csv, pairs.csv, …, analysis.sqlite (`wetgraaf analyse`)
    OUT/rdf/               the RDF store (`wetgraaf build`, `wetgraaf sparql`)
    OUT/graph.lbug         the embedded property graph (`wetgraaf build`, `wetgraaf cypher`)
    OUT/review.sqlite      review decisions (`wetgraaf serve`)

>>> Layout("wetgraaf-out").store
PosixPath('wetgraaf-out/corpus.sqlite')
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wetgraaf.store import CorpusStore, FileState, StoreError, extractor_version
from wetgraaf.store.corpus import sha256_file

if TYPE_CHECKING:  # the ingest package (the parser, the norm model, numpy) is imported only to ingest
    from wetgraaf.ingest.batch import Rejected
    from wetgraaf.ingest.records import Document

__all__ = [
    "Layout",
    "IngestRun",
    "Progress",
    "ingest",
    "open_store",
    "ensure_store",
    "stale",
    "analyse",
    "load_analysis",
    "build_stores",
    "prepare",
    "EmptyCorpus",
    "DEFAULT_OUT",
]

#: The default output folder of every command.
DEFAULT_OUT = "wetgraaf-out"

STAGES = ("analysis", "rdf", "graph")


class EmptyCorpus(StoreError):
    """There is nothing to analyse or serve: no XML found, or every file rejected."""


class Progress(Protocol):
    """What a long stage reports to: a progress bar in the CLI, the log in the API."""

    def start(self, what: str, total: int | None = None) -> None: ...

    def advance(self, label: str = "") -> None: ...

    def say(self, message: str) -> None: ...


class _Silent:
    def start(self, what: str, total: int | None = None) -> None:
        pass

    def advance(self, label: str = "") -> None:
        pass

    def say(self, message: str) -> None:
        pass


@dataclass(frozen=True)
class Layout:
    """Where each stage keeps its output under ``out``."""

    out: Path

    def __init__(self, out: str | os.PathLike[str] = DEFAULT_OUT) -> None:
        object.__setattr__(self, "out", Path(out))

    @property
    def store(self) -> Path:
        return self.out / "corpus.sqlite"

    @property
    def report(self) -> Path:
        return self.out / "report.json"

    @property
    def quarantine(self) -> Path:
        return self.out / "quarantine"

    @property
    def analysis(self) -> Path:
        return self.out / "analysis"

    @property
    def analysis_db(self) -> Path:
        """What the API reads at start-up (:mod:`wetgraaf.store.analysis`)."""
        return self.analysis / "analysis.sqlite"

    @property
    def rdf(self) -> Path:
        return self.out / "rdf"

    @property
    def graph(self) -> Path:
        return self.out / "graph.lbug"

    @property
    def review(self) -> Path:
        return self.out / "review.sqlite"

    def stamp(self, stage: str) -> Path:
        """The stamp of a stage: which store generation and extractor it was built from."""
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; one of {', '.join(STAGES)}")
        return self.out / f".{stage}.stamp.json"


# ---------------------------------------------------------------------------- ingest
@dataclass
class IngestRun:
    """What one ingest did."""

    files: int = 0  #: files found in the paths
    parsed: int = 0  #: parsed in this run (new, changed, or written by another extractor)
    unchanged: int = 0  #: skipped: same content and extractor as stored
    removed: int = 0  #: in the store before, no longer in the paths: their records are gone
    rejected: list[Rejected] = field(default_factory=list)  #: rejected in this run
    missing: list[Rejected] = field(default_factory=list)  #: paths that do not exist
    bytes_parsed: int = 0
    seconds: float = 0.0
    generation: int = 0
    summary: dict[str, Any] = field(default_factory=dict)  #: counts over the whole store

    @property
    def changed(self) -> bool:
        return bool(self.parsed or self.removed)


def _key(p: Path) -> str:
    return str(p.resolve())


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    layout: Layout,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> IngestRun:
    """Bring the corpus store in line with the files under ``paths`` (default: the bundled corpus).

    Parses only what is new or changed (by content hash) or was parsed by another extractor
    version; removes the records of files that are gone. Records are written to the store
    as each file is parsed, so memory does not grow with the corpus. Rejected files are
    reported and copied to the quarantine folder; they never stop the batch.
    """
    from wetgraaf.ingest.batch import BUNDLED, MAX_BYTES, Rejected, discover, iter_ingest, quarantine_file
    from wetgraaf.ingest.wti import Wti

    say = progress or _Silent()
    t0 = time.perf_counter()
    roots = [str(Path(p).resolve()) for p in (paths or [BUNDLED])]
    run = IngestRun()
    found = list(discover(roots))
    missing = [f for f in found if not f.exists()]
    run.missing = [Rejected(str(f), "missing", "no such file") for f in missing]
    files = [f for f in found if f.exists()]
    run.files = len(files)
    store = CorpusStore(layout.store)
    try:
        if not store.meta("store_id"):
            store.set_meta(store_id=uuid.uuid4().hex)
        known = store.file_states()
        version = extractor_version()
        todo: list[Path] = []
        hashes: dict[str, str] = {}
        for f in files:
            k = _key(f)
            st = f.stat()
            old = known.get(k)
            if old is None or old.extractor != version:
                todo.append(f)
            elif old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
                run.unchanged += 1
            else:
                sha = sha256_file(f)
                if sha == old.sha256:
                    store.touch(k, st.st_mtime_ns)
                    run.unchanged += 1
                else:
                    hashes[k] = sha
                    todo.append(f)
        present = {_key(f) for f in files}
        gone = [k for k in known if k not in present]
        run.removed = store.remove(gone)
        store.commit()
        if todo:
            say.start("ingest", len(todo))
        last_commit = time.monotonic()
        for f, outcome in iter_ingest(todo, workers=workers, max_bytes=MAX_BYTES if max_bytes is None else max_bytes):
            k = _key(f)
            try:
                st = f.stat()
                size, mtime = st.st_size, st.st_mtime_ns
                sha = hashes.get(k) or sha256_file(f)
            except OSError:
                size, mtime, sha = 0, 0, ""
            if isinstance(outcome, Rejected):
                state = FileState(k, size, mtime, sha, version, "rejected", "", outcome.reason, outcome.message)
                run.rejected.append(outcome)
                quarantine_file(f, outcome, layout.quarantine)
            elif isinstance(outcome, Wti):
                state = FileState(k, size, mtime, sha, version, "wti", outcome.bwb_id)
                run.bytes_parsed += size
            else:
                state = FileState(k, size, mtime, sha, version, "document", outcome.regeling.bwb_id)
                run.bytes_parsed += size
            store.put(state, outcome)
            run.parsed += 1
            say.advance(f.name)
            if time.monotonic() - last_commit > 2.0:
                store.commit()
                last_commit = time.monotonic()
        store.commit()
        store.set_meta(paths=json.dumps(roots), extractor=version)
        run.generation = store.bump_generation() if run.changed else store.generation
        run.seconds = time.perf_counter() - t0
        run.summary = {
            **store.summary(),
            "seconds": round(run.seconds, 3),
            "parsed": run.parsed,
            "unchanged": run.unchanged,
            "removed": run.removed,
            "missing": [m.path for m in run.missing],
        }
    finally:
        store.close()
    layout.out.mkdir(parents=True, exist_ok=True)
    layout.report.write_text(json.dumps(run.summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return run


def open_store(layout: Layout) -> CorpusStore:
    """The corpus store, read-only; :class:`StoreError` when there is none (run ingest)."""
    return CorpusStore(layout.store, readonly=True)


def store_problem(layout: Layout) -> str | None:
    """Why the store cannot be used as it is (missing, other schema, other extractor), or None."""
    if not layout.store.is_file():
        return f"there is no corpus store at {layout.store}"
    try:
        with open_store(layout) as s:
            found = s.meta("extractor")
    except StoreError as exc:
        return str(exc)
    if found != extractor_version():
        return f"the corpus store was written by another extractor version ({found}, now {extractor_version()})"
    return None


def ensure_store(
    layout: Layout,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IngestRun | None:
    """Make the store current: ingest ``paths`` when given; else (re)build it only when missing or stale.

    A missing store is built from the bundled corpus; a stale one (another extractor) from
    the paths it was ingested from. Returns the ingest run, or None when nothing was parsed.
    """
    say = progress or _Silent()
    if paths:
        return ingest(paths, layout, workers=workers, progress=progress)
    problem = store_problem(layout)
    if problem is None:
        return None
    roots: list[str] = []
    if layout.store.is_file():
        try:
            with CorpusStore(layout.store) as s:
                roots = json.loads(s.meta("paths") or "[]")
        except (StoreError, ValueError):
            roots = []
    if not roots:
        from wetgraaf.ingest.batch import BUNDLED

        roots = [str(BUNDLED)]
    say.say(f"{problem}; ingesting {', '.join(roots)}")
    return ingest(roots, layout, workers=workers, progress=progress)


def _store_mark(layout: Layout) -> dict[str, Any]:
    with open_store(layout) as s:
        return {"store_id": s.meta("store_id"), "generation": s.generation, "extractor": s.meta("extractor")}


#: The code each built stage is made by (paths under the package), besides the store it reads:
#: a stage built by other code is stale even when the store has not changed.
_STAGE_CODE: dict[str, tuple[str, ...]] = {
    "analysis": ("graph/analysis", "store/analysis.py"),
    # the graphs hold the concepts and term keys of the analyses: their code builds the graphs too
    "rdf": ("graph/model.py", "graph/rdf.py", "graph/schema.py", "ontology", "graph/analysis"),
    "graph": ("graph/model.py", "graph/schema.py", "graph/ladybug_store.py", "graph/stores.py", "graph/analysis"),
}


def code_version(stage: str) -> str:
    """A digest of the files that build ``stage`` (see :data:`_STAGE_CODE`), read without importing them.

    >>> code_version("analysis") == code_version("analysis") != code_version("rdf")
    True
    """
    root = Path(__file__).parent
    h = hashlib.sha256()
    for part in _STAGE_CODE[stage]:
        base = root / part
        for p in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if p.is_file() and p.suffix in (".py", ".ttl", ".json"):
                h.update(p.relative_to(root).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _stage_mark(layout: Layout, stage: str) -> dict[str, Any]:
    return {**_store_mark(layout), "code": code_version(stage)}


def stale(layout: Layout, stage: str) -> str | None:
    """Why ``stage`` must be rebuilt (no stamp, or built from another store generation), or None."""
    stamp = layout.stamp(stage)
    if not stamp.is_file():
        return f"{stage} has not been built"
    try:
        got = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{stage}: unreadable stamp"
    want = _stage_mark(layout, stage)
    if got.get("code") != want["code"]:
        return f"{stage} was built by another version of its code"
    if {k: got.get(k) for k in want} != want:
        return f"{stage} was built from generation {got.get('generation')}, the store is at {want['generation']}"
    if stage == "analysis" and not layout.analysis_db.is_file():
        return f"analysis: no {layout.analysis_db}"
    return None


def _write_stamp(layout: Layout, stage: str, mark: dict[str, Any]) -> None:
    layout.stamp(stage).write_text(json.dumps(mark), encoding="utf-8")


def _documents(layout: Layout, progress: Progress) -> list[Document]:
    with open_store(layout) as s:
        n = s.count("regelingen")
        if n == 0:
            raise EmptyCorpus(
                f"the corpus store {layout.store} holds no regelingen"
                + (f" ({len(s.rejected())} file(s) rejected)" if s.rejected() else "")
                + "; ingest BWB XML first (`wetgraaf ingest PATH`)"
            )
        progress.start("reading the corpus store", n)
        docs = []
        for d in s.documents():
            docs.append(d)
            progress.advance(d.regeling.bwb_id)
        return docs


# ---------------------------------------------------------------------------- analysis
def analyse(
    layout: Layout, *, progress: Progress | None = None, documents: list[Document] | None = None
) -> dict[str, Any]:
    """Run every analysis on the store; write OUT/analysis (report.json, CSV tables, picture)."""
    from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
    from wetgraaf.graph.analysis.report import analyse as run_analyses
    from wetgraaf.store.analysis import write_analysis_db

    say = progress or _Silent()
    mark = _store_mark(layout)
    docs = documents if documents is not None else _documents(layout, say)
    say.say(f"analysing {len(docs):,} documents")
    report = run_analyses(docs)
    report["store"] = mark
    layout.stamp("analysis").unlink(missing_ok=True)
    write_analysis(report, layout.analysis)
    latest = latest_documents(docs)
    g = definitions_graph(latest)
    write_analysis_db(layout.analysis_db, report, g, g if len(latest) == len(docs) else definitions_graph(docs))
    _write_stamp(layout, "analysis", {**mark, "code": code_version("analysis")})
    return report


def load_analysis(layout: Layout) -> dict[str, Any]:
    """The analysis report as written by :func:`analyse`."""
    return json.loads((layout.analysis / "report.json").read_text(encoding="utf-8"))


def write_analysis(report: dict[str, Any], folder: Path) -> list[Path]:
    """Write the report and its tables (clusters.csv, pairs.csv, concept_relations.csv, …) and the
    communities picture."""
    folder.mkdir(parents=True, exist_ok=True)
    rep = folder / "report.json"
    tmp = rep.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    tmp.replace(rep)
    cl = folder / "clusters.csv"
    with cl.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "id",
                "score",
                "terms",
                "regelingen",
                "n_definitions",
                "relations",
                *(f"score_{k}" for k in report["score_weights"]),
                "concept_relations",
                "naming",
            ]
        )
        for c in report["clusters"]:
            w.writerow(
                [
                    c["id"],
                    c["score"],
                    "|".join(c["terms"]),
                    "|".join(c["regelingen"]),
                    c["n_definitions"],
                    json.dumps(c["relations"]),
                    *(c["score_parts"][k] for k in report["score_weights"]),
                    json.dumps(c.get("concept_relation_counts", {})),
                    c.get("naming", False),
                ]
            )
    pr = folder / "pairs.csv"
    with pr.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["cluster", "a", "b", "relation", "similarity", "diff"])
        for c in report["clusters"]:
            for p in c["pairs"]:
                w.writerow(
                    [
                        c["id"],
                        p["a"],
                        p["b"],
                        p["relation"],
                        p["evidence"].get("similarity", ""),
                        " ".join(p["evidence"].get("diff", [])),
                    ]
                )
    written = [rep, cl, pr]
    tables = {
        "cross_term_duplicates.csv": (
            report.get("cross_term_duplicates", []),
            ["term_a", "term_b", "bwb_a", "bwb_b", "jaccard", "outside_refs", "diff", "a", "b"],
        ),
        "unused_definitions.csv": (
            report.get("unused_definitions", []),
            ["bwb_id", "term", "kind", "location", "scope", "scope_checked", "scope_extends", "used_outside_scope"],
        ),
        "concept_relations.csv": (
            [
                {
                    "cluster": c["id"],
                    **r,
                    "parts": " ".join(f"{k}={'|'.join(v)}" for k, v in r["parts"].items()),
                }
                for c in report["clusters"]
                for r in c.get("concept_relations", [])
            ],
            ["cluster", "term_key", "relation", "basis", "naming", "a", "b", "parts", "reason"],
        ),
        "implicit_dependencies.csv": (
            [
                {**x, "basis": "|".join(sorted({b for d in x["definitions"] for b in d["basis"]}))}
                for x in report.get("implicit_dependencies", [])
            ],
            ["bwb_id", "title", "term_key", "uses", "defined_in", "basis", "used_at"],
        ),
        "rule_hotspots.csv": (
            [
                {**h, "counts": json.dumps(h["counts"]), "sources": [x["source"] for x in h["sources"]]}
                for h in report.get("rule_hotspots", [])
            ],
            ["target", "bwb_id", "laws", "total", "counts", "sources"],
        ),
        "divergent_parameters.csv": (
            [
                {**d, "value": v, "where": [f"{x['source']} ({x['text']})" for x in xs]}
                for d in report.get("divergent_parameters", [])
                for v, xs in d["values"].items()
            ],
            ["kind", "act", "laws", "specific", "value", "where"],
        ),
        "rule_clusters.csv": (
            [
                {**c, "members": [m["key"] for m in c["members"]], "score_parts": json.dumps(c["score_parts"])}
                for c in report.get("rule_clusters", [])
            ],
            ["id", "source", "title", "score", "score_parts", "regelingen", "why", "members"],
        ),
        "concept_rules.csv": (
            [
                {"cluster": c["cluster_id"], "terms": c["terms"], "bwb_id": x["bwb_id"], **r}
                for c in report.get("concept_rules", [])
                for x in c["laws"]
                for r in x["rules"]
            ],
            ["cluster", "terms", "bwb_id", "location", "norm_type", "text"],
        ),
    }
    for name, (rows, cols) in tables.items():
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow(["|".join(map(str, r[c])) if isinstance(r[c], list) else r[c] for c in cols])
        written.append(path)
    if report.get("law_graph", {}).get("nodes"):
        from wetgraaf.graph.analysis.picture import communities_svg

        svg = folder / "communities.svg"
        svg.write_text(communities_svg(report["law_graph"]), encoding="utf-8")
        written.append(svg)
    return written


# ---------------------------------------------------------------------------- graph stores
def build_stores(
    layout: Layout,
    *,
    progress: Progress | None = None,
    documents: list[Document] | None = None,
    stages: Sequence[str] = ("rdf", "graph"),
) -> dict[str, Any]:
    """Build the RDF store and/or the embedded property graph afresh from the store.

    Returns the model's counts, the ladybug counts and the triple count.
    """
    from wetgraaf.graph import rdf
    from wetgraaf.graph.model import build_model
    from wetgraaf.graph.stores import open_store as open_pg

    say = progress or _Silent()
    mark = _store_mark(layout)
    docs = documents if documents is not None else _documents(layout, say)
    say.say("building the graph model")
    model = build_model(docs)
    out: dict[str, Any] = {"model": model.counts()}
    if "rdf" in stages:
        say.say("writing the RDF store")
        layout.stamp("rdf").unlink(missing_ok=True)
        if layout.rdf.exists():
            shutil.rmtree(layout.rdf)
        store = rdf.load_store(model, layout.rdf)
        store.flush()
        out["triples"] = len(store)
        del store  # closes the writer; queries open the store read-only
        _write_stamp(layout, "rdf", {**mark, "code": code_version("rdf")})
    if "graph" in stages:
        say.say("loading the embedded property graph")
        layout.stamp("graph").unlink(missing_ok=True)
        pg = open_pg("ladybug", path=layout.graph)
        try:
            out["ladybug"] = pg.load(model)
        finally:
            pg.close()
        _write_stamp(layout, "graph", {**mark, "code": code_version("graph")})
    return out


def prepare(
    layout: Layout,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    stages: Sequence[str] = STAGES,
    progress: Progress | None = None,
) -> dict[str, str]:
    """Bring the store and the given stages up to date, rebuilding only what is stale.

    Returns, per stage that was (re)built, why. Raises :class:`EmptyCorpus` when there is
    nothing to serve.
    """
    say = progress or _Silent()
    run = ensure_store(layout, paths, progress=progress)
    if run is not None and run.files == 0:
        raise EmptyCorpus(
            f"no BWB XML files in {', '.join(map(str, paths or ['the bundled corpus']))}"
            if not run.missing
            else f"no such file or folder: {', '.join(m.path for m in run.missing)}"
        )
    todo = {s: why for s in stages if (why := stale(layout, s))}
    if "analysis" in stages and "analysis" not in todo:
        from wetgraaf.store.analysis import needs_upgrade, upgrade

        if needs_upgrade(layout.analysis_db):
            say.say(f"{layout.analysis_db} is of an older format: adding the serve index")
            upgrade(layout.analysis_db)
    if not todo:
        return {}
    for why in todo.values():
        say.say(why)
    docs = _documents(layout, say)
    if "analysis" in todo:
        analyse(layout, progress=progress, documents=docs)
    graph_stages = [s for s in ("rdf", "graph") if s in todo]
    if graph_stages:
        build_stores(layout, progress=progress, documents=docs, stages=graph_stages)
    return todo


def on_each(callback: Callable[[str], None]) -> Progress:
    """A :class:`Progress` that passes every message (and each stage start) to ``callback``."""

    class _Log(_Silent):
        def start(self, what: str, total: int | None = None) -> None:
            callback(f"{what} ({total:,} to do)" if total else what)

        def say(self, message: str) -> None:
            callback(message)

    return _Log()
