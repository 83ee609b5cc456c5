"""The ``wetgraaf`` command line: a thin layer over the library.

Output for machines goes to stdout (JSON Lines / JSON); progress, tables and errors go to
stderr, so ``wetgraaf definitions … --format jsonl | jq`` stays clean.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from wetgraaf import __version__, pipeline
from wetgraaf._console import emit, err, progress_bar
from wetgraaf.pipeline import DEFAULT_OUT, Layout
from wetgraaf.store import TABLES

if TYPE_CHECKING:  # the ingest package is imported by the commands that parse, not by `serve`
    from wetgraaf.ingest.batch import IngestResult
    from wetgraaf.ingest.records import Definition, Document


class _Bar:
    """A :class:`wetgraaf.pipeline.Progress` drawn as a rich progress bar on stderr."""

    def __init__(self, quiet: bool = False) -> None:
        self._p = progress_bar(quiet)
        self._task: int | None = None
        self.quiet = quiet

    def __enter__(self) -> _Bar:
        self._p.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._p.stop()

    def start(self, what: str, total: int | None = None) -> None:
        if self._task is not None:
            self._p.remove_task(self._task)
        self._task = self._p.add_task("", total=total, what=what)

    def advance(self, label: str = "") -> None:
        if self._task is not None:
            self._p.update(self._task, advance=1, description=label)

    def say(self, message: str) -> None:
        if not self.quiet:
            err.print(message, highlight=False)


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


def definition_row(d: Definition, doc: Document) -> dict:
    """The public JSON shape of one definition (a contract: do not change keys)."""
    return {
        "bwb_id": doc.regeling.bwb_id,
        "artikel": d.artikel,
        "lid": d.lid,
        "onderdeel": d.onderdeel,
        "term": d.term,
        "definition": d.definition,
        "kind": d.kind,
        "scope": d.scope.text,
        "refs": [r.text for r in d.refs],
        "jci": d.id.jci,
        "file": doc.regeling.source,
    }


def _run_ingest(paths: tuple[str, ...], workers: int | None, quiet: bool) -> IngestResult:
    """Parse PATHS into memory (for a look at a few files; `wetgraaf ingest` writes the store)."""
    from wetgraaf.ingest.batch import discover, ingest_paths

    files = list(discover(paths))
    if not files:
        raise click.UsageError("no XML files found in the given paths")
    with _Bar(quiet) as bar:
        bar.start("parse", len(files))
        result = ingest_paths(files, workers=workers, progress=lambda path, _: bar.advance(path.name))
    for r in result.rejected:
        err.print(f"[red]ERROR[/red] {r}", highlight=False, soft_wrap=True)
    return result


class _Main(click.Group):
    """The command group; `wetgraaf fetch` (and with it the ingest package) is imported when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "fetch"})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "fetch" and name not in self.commands:
            from wetgraaf.fetch_cli import fetch

            self.add_command(fetch)
        return super().get_command(ctx, name)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wetgraaf")
def main() -> None:
    """wetgraaf: a knowledge graph of Dutch legislation (BWB XML).

    Start with `wetgraaf run` (ingests the bundled corpus and prints findings), or
    `wetgraaf definitions FILE.xml` for the definitions of one law.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--term", help="Only definitions of this term (case-insensitive).")
def definitions(files: tuple[str, ...], fmt: str, term: str | None) -> None:
    """List the definitions (begripsbepalingen) in BWB XML FILES.

    jsonl: one object per definition with the keys bwb_id, artikel, lid, onderdeel,
    term, definition, kind, scope, refs, jci, file.
    """
    result = _run_ingest(files, workers=None, quiet=True)
    rows = [
        definition_row(d, doc)
        for doc in result.documents
        for d in doc.definitions
        if term is None or d.term.lower() == term.lower()
    ]
    if fmt == "jsonl":
        out = sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        table = Table(show_lines=False)
        for col in ("bwb_id", "artikel", "lid", "o", "term", "kind", "scope", "definition"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                r["bwb_id"],
                r["artikel"],
                r["lid"],
                r["onderdeel"],
                r["term"],
                r["kind"],
                r["scope"],
                r["definition"][:160],
            )
        emit(table)
    if result.rejected:
        sys.exit(1)


def _summary_table(summary: dict) -> Table:
    t = Table(title="ingest summary", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for key in (
        "files",
        "regelingen",
        "distinct_bwb_ids",
        "articles",
        "repealed_articles",
        "provisions",
        "definitions",
        "references",
        "references_resolved",
        "rules",
        "rules_confident",
        "rejected",
        "warnings",
    ):
        t.add_row(key.replace("_", " "), f"{summary[key]:,}")
    for kind, n in summary["definitions_by_kind"].items():
        t.add_row(f"  definitions: {kind}", f"{n:,}")
    for norm, n in summary["rules_by_type"].items():
        t.add_row(f"  rules: {norm} (confident)", f"{n:,} ({summary['rules_confident_by_type'].get(norm, 0):,})")
    mb = summary["bytes"] / 1e6
    t.add_row("MB of XML", f"{mb:,.1f}")
    t.add_row("seconds", f"{summary['seconds']:,.1f}")
    return t


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the corpus store (corpus.sqlite), report.json and the quarantine.",
)
@click.option("--workers", type=int, default=None, help="Processes to use (default: all cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout instead of a table.")
def ingest(paths: tuple[str, ...], out: str, workers: int | None, as_json: bool) -> None:
    """Ingest BWB XML files or folders (default: the bundled corpus) into the corpus store.

    The store (OUT/corpus.sqlite) then holds exactly the files under PATHS: a file whose
    content and extractor version are unchanged is not parsed again, a changed file's
    records are replaced, and the records of files no longer under PATHS are removed.
    Rejected files are reported with a reason and copied to OUT/quarantine. Exits 1 if any
    file is rejected (after ingesting all the others). `wetgraaf records` prints the records.
    """
    run = _ingest(paths, out, workers)
    if as_json:
        click.echo(json.dumps(run.summary, ensure_ascii=False, indent=2))
    else:
        emit(_summary_table(run.summary))
        err.print(f"corpus store and report written to {Layout(out).out}/", highlight=False)
    if run.summary["rejected"] or run.missing:
        sys.exit(1)


def _ingest(paths: tuple[str, ...], out: str, workers: int | None = None) -> pipeline.IngestRun:
    with _Bar() as bar:
        run = pipeline.ingest(paths, Layout(out), workers=workers, progress=bar)
    for r in (*run.missing, *run.rejected):
        err.print(f"[red]ERROR[/red] {r}", highlight=False, soft_wrap=True)
    if run.files == 0 and not run.missing:
        raise click.UsageError("no XML files found in the given paths")
    err.print(
        f"{run.parsed:,} file(s) parsed, {run.unchanged:,} unchanged, {run.removed:,} removed "
        f"({run.bytes_parsed / 1e6:,.1f} MB in {run.seconds:,.1f} s)",
        highlight=False,
    )
    return run


def _corpus_ready(paths: tuple[str, ...], out: str, stages: tuple[str, ...]) -> pipeline.IngestRun | None:
    """Ingest PATHS when given; otherwise use the store (built from the bundled corpus when
    missing, re-ingested when stale); then bring ``stages`` up to date."""
    layout = Layout(out)
    run = None
    try:
        if paths:
            run = _ingest(paths, out)
        else:
            with _Bar() as bar:
                run = pipeline.ensure_store(layout, progress=bar)
        with _Bar() as bar:
            pipeline.prepare(layout, stages=stages, progress=bar)
    except pipeline.StoreError as exc:
        raise _fail(exc) from None
    return run


@main.command()
@click.argument("table", type=click.Choice(list(TABLES)))
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--bwb-id", "bwb_ids", multiple=True, help="Only the records of this regeling (repeatable).")
def records(table: str, out: str, bwb_ids: tuple[str, ...]) -> None:
    """Print the records of one table of the corpus store as JSON Lines (one object per record).

    The store itself is an SQLite database (OUT/corpus.sqlite): any SQLite tool reads it too.
    """
    from wetgraaf.ingest.records import to_row

    try:
        store = pipeline.open_store(Layout(out))
    except pipeline.StoreError as exc:
        raise _fail(exc) from None
    with store:
        write = sys.stdout.write
        for doc in store.documents(bwb_ids or None, parts=() if table in ("regelingen", "related") else (table,)):
            if table == "regelingen":
                recs: list[object] = [doc.regeling]
            elif table == "related":
                recs = list(doc.related)
            else:
                recs = list(getattr(doc, table))
            for rec in recs:
                write(json.dumps(to_row(rec), ensure_ascii=False) + "\n")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--top", type=int, default=15, show_default=True, help="How many clusters to list.")
def run(paths: tuple[str, ...], out: str, top: int) -> None:
    """The main job: ingest (default: the bundled corpus), analyse, print the findings.

    Same as `wetgraaf ingest` followed by `wetgraaf analyse`: the corpus store and
    report.json in OUT, the analysis in OUT/analysis, and the clusters of related
    definitions ranked as simplification candidates on screen.
    """
    ingested = _ingest(paths, out)
    emit(_summary_table(ingested.summary))
    try:
        with _Bar() as bar:
            pipeline.prepare(Layout(out), stages=("analysis",), progress=bar)
    except pipeline.StoreError as exc:
        raise _fail(exc) from None
    _print_clusters(pipeline.load_analysis(Layout(out)), top)
    if ingested.summary["rejected"] or ingested.missing:
        sys.exit(1)


def _parse_params(params: tuple[str, ...]) -> dict[str, object]:
    raw: dict[str, object] = {}
    for kv in params:
        if "=" not in kv:
            raise click.BadParameter(f"expected KEY=VALUE, got {kv!r}", param_hint="--param")
        k, v = kv.split("=", 1)
        raw[k.strip()] = v
    return raw


def _open_pg(out: str):  # type: ignore[no-untyped-def]
    from wetgraaf.graph.stores import open_store

    path = Layout(out).graph
    if not path.exists():
        raise click.ClickException(f"no property graph at {path}; run `wetgraaf build --out {out}` first")
    return open_store("ladybug", path=path)


def _exit_if_rejected(out: str) -> None:
    try:
        with pipeline.open_store(Layout(out)) as s:
            if s.rejected():
                err.print(f"{len(s.rejected())} file(s) of the corpus were rejected (see {Layout(out).report})")
                sys.exit(1)
    except pipeline.StoreError:
        pass


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option(
    "--validate/--no-validate",
    default=False,
    help="Check the RDF against the SHACL shapes (pySHACL; slow on big graphs).",
)
def build(paths: tuple[str, ...], out: str, validate: bool) -> None:
    """Build the graph from the corpus store: RDF store in OUT/rdf, property graph in OUT/graph.lbug.

    PATHS, when given, are ingested first; without them the store in OUT is used (built
    from the bundled corpus when there is none). Prints the node and relationship counts of
    the graph model and the triple count of the RDF store (they come from the same records).
    """
    import pyoxigraph as ox

    layout = Layout(out)
    _corpus_ready(paths, out, ())
    try:
        with _Bar() as bar:
            counts = pipeline.build_stores(layout, progress=bar)
    except pipeline.StoreError as exc:
        raise _fail(exc) from None
    t = Table(title="graph")
    t.add_column("nodes / relationships")
    t.add_column("model", justify="right")
    t.add_column("ladybug", justify="right")
    for k, v in counts["model"].items():
        t.add_row(k, f"{v:,}", f"{counts['ladybug'].get(k, 0):,}")
    t.add_row("RDF triples", f"{counts['triples']:,}", "")
    emit(t)
    err.print(
        f"RDF store in {layout.rdf}/ (`wetgraaf sparql`); property graph in {layout.graph} (`wetgraaf cypher`)",
        highlight=False,
    )
    if validate:
        conforms, text = _validate(ox.Store.read_only(str(layout.rdf)))
        if not conforms:
            err.print(text[:5000], highlight=False)
            sys.exit(2)
        err.print("the RDF conforms to the SHACL shapes", highlight=False)
    _exit_if_rejected(out)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--neo4j", "uri", required=True, help="Bolt URI, e.g. bolt://localhost:7687 or neo4j://host:7687")
@click.option("--user", default="neo4j", show_default=True)
@click.option("--database", default=None, help="Database name (default: the server's default).")
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
def load(paths: tuple[str, ...], uri: str, user: str, database: str | None, out: str) -> None:
    """Load the graph of the corpus store into Neo4j (PATHS, when given, are ingested first).

    The password is read from WETGRAAF_NEO4J_PASSWORD (or NEO4J_PASSWORD), or asked for;
    it is never taken from the command line. Loading is idempotent: a second load of the
    same corpus creates nothing.
    """
    from wetgraaf.graph.model import build_model
    from wetgraaf.graph.neo4j_store import password_from_env
    from wetgraaf.graph.stores import open_store

    password = password_from_env() or click.prompt("Neo4j password", hide_input=True)
    _corpus_ready(paths, out, ())
    with pipeline.open_store(Layout(out)) as s:
        model = build_model(s.documents())
    try:
        store = open_store("neo4j", uri=uri, user=user, password=password, database=database)
        counts = store.load(model)
    except Exception as exc:  # noqa: BLE001 - connection and auth errors as one clear line
        raise click.ClickException(
            f"Neo4j load failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        ) from None
    report = store.last_report  # type: ignore[attr-defined]
    store.close()
    t = Table(title=f"Neo4j {uri}")
    t.add_column("nodes / relationships")
    t.add_column("in Neo4j", justify="right")
    for k, v in counts.items():
        t.add_row(k, f"{v:,}")
    emit(t)
    err.print(
        f"created {report.get('nodes_created', 0):,} nodes and {report.get('relationships_created', 0):,} relationships in this run",
        highlight=False,
    )
    _exit_if_rejected(out)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--top", type=int, default=20, show_default=True, help="How many clusters to list.")
def analyse(paths: tuple[str, ...], out: str, top: int) -> None:
    """Find conflicting, duplicated and tangled definitions in the corpus store.

    PATHS, when given, are ingested first; without them the store in OUT is used (built
    from the bundled corpus when there is none). The analysis is redone only when the store
    changed since it was made. Prints the clusters ranked as simplification candidates;
    writes OUT/analysis/report.json (everything, with evidence), clusters.csv, pairs.csv,
    concept_relations.csv (how each law builds its concept on another's, in sentences),
    cross_term_duplicates.csv, unused_definitions.csv, implicit_dependencies.csv,
    rule_hotspots.csv (the articles other rules most set aside), divergent_parameters.csv (one
    act, different termijnen or bedragen across laws), concept_rules.csv (the rules on a
    diverging concept's term, per law), rule_clusters.csv (those as review clusters of kind rule)
    and communities.svg (a picture of the communities of laws).
    """
    layout = Layout(out)
    _corpus_ready(paths, out, ("analysis",))
    _print_clusters(pipeline.load_analysis(layout), top)
    err.print(f"report: {layout.analysis}/", highlight=False)
    _exit_if_rejected(out)


def _print_clusters(report: dict, top: int) -> None:
    s = report["summary"]
    err.print(
        f"{s['definitions']:,} definitions of {s['terms']:,} terms; {s['pairs']:,} same-term pairs {s['relations']}; "
        f"{s['chains']} chains ({s['chains_longer_than_one_hop']} longer than one hop, {s['circular']} circular); {s['dangling']} dangling",
        highlight=False,
    )
    if "cross_term_duplicates" in s:
        err.print(
            f"{s['cross_term_duplicates']} cross-term duplicates (one text, two names, two laws); "
            f"{s['unused_definitions']} definitions unused in their own regeling; "
            f"{s['implicit_dependencies']} implicit dependencies ({s['implicit_dependencies_by_scope']} by scope)",
            highlight=False,
        )
    if "concepts" in s:
        err.print(
            f"{s['concepts']:,} concepts (what one regeling means by a term); relations between them "
            f"{s['concept_relations']}; {s['naming_terms']} naming terms (shown, not scored)",
            highlight=False,
        )
    if "rule_relations" in s:
        err.print(
            f"rule relations {s['rule_relations']} ({s['rule_relations_unresolved']:,} without a resolved target); "
            f"{s['rule_hotspots']:,} articles bent by two or more leden; {s['rule_chains']:,} rule chains; "
            f"{s['divergent_parameters']:,} acts with divergent termijnen/bedragen; "
            f"{s['clusters_with_rules']:,} diverging concepts with their rules",
            highlight=False,
        )
    if "rule_clusters" in s:
        err.print(f"review clusters of kind rule: {s['rule_clusters']} (rule_clusters.csv)", highlight=False)
    t = Table(title=f"clusters ranked as simplification candidates ({s['clusters']}; top {top})")
    for c in ("id", "score", "terms", "regelingen", "relations"):
        t.add_column(c, overflow="fold")
    for c in report["clusters"][:top]:
        titles = sorted({m["title"] for m in c["members"]})
        counts = c.get("concept_relation_counts", c["relations"])  # concepts, else pairs (older reports)
        t.add_row(
            c["id"],
            f"{c['score']:.1f}",
            (c.get("title") or ", ".join(c["terms"]))[:60] + (" (naming)" if c.get("naming") else ""),
            f"{len(titles)}: " + "; ".join(titles)[:160],
            ", ".join(f"{k} {v}" for k, v in counts.items()),
        )
    emit(t)


def _validate(store) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    import tempfile

    import pyshacl
    import rdflib

    from wetgraaf.graph import rdf
    from wetgraaf.ontology import SHAPES

    with tempfile.TemporaryDirectory() as tmp:
        nt = rdf.export(store, Path(tmp) / "graph.nt")
        data = rdflib.Graph().parse(nt, format="nt")
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"), inference="none"
    )
    return bool(conforms), str(text)


def _open_store(out: str):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    path = Layout(out).rdf
    if not path.exists():
        raise click.ClickException(f"no RDF store at {path}; run `wetgraaf build --out {out}` first")
    return ox.Store.read_only(str(path))


@main.command()
@click.option(
    "--rdf",
    "rdf_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file: .ttl .nt .nq .jsonld .trig .rdf",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Where `wetgraaf build` wrote the graph.",
)
def export(rdf_file: str, out: str) -> None:
    """Export the RDF graph built by `wetgraaf build` (format from the file extension)."""
    from wetgraaf.graph import rdf

    store = _open_store(out)
    try:
        p = rdf.export(store, rdf_file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    err.print(f"{len(store):,} triples written to {p}", highlight=False)


@main.command()
@click.argument("query")
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=int, default=1000, show_default=True, help="At most this many rows.")
def sparql(query: str, out: str, fmt: str, limit: int) -> None:
    """Run a read-only SPARQL QUERY on the graph (prefixes wg:, eli:, skos:, … are predeclared)."""
    from wetgraaf.graph import rdf
    from wetgraaf.graph.guard import Refused, check_sparql

    try:
        check_sparql(query)  # the API's guard: no SERVICE, LOAD or update
    except Refused as exc:
        raise click.ClickException(f"refused: {exc}") from None
    store = _open_store(out)
    try:
        cols, rows = rdf.sparql(store, query, limit=limit)
    except rdf.ReadOnlyQueryError as exc:
        raise click.ClickException(str(exc)) from None
    except SyntaxError as exc:
        raise click.ClickException(f"SPARQL syntax error: {exc}") from None
    _print_rows(cols, rows, fmt)


@main.command(name="queries")
def list_queries() -> None:
    """List the named queries with their parameters."""
    from wetgraaf import queries as q

    t = Table()
    for c in ("name", "title", "parameters", "languages"):
        t.add_column(c, overflow="fold")
    for name, nq in sorted(q.catalogue().items()):
        params = ", ".join(f"{p.name} ({p.type}{'' if p.required else ', optional'})" for p in nq.params)
        langs = ", ".join(
            x
            for x, present in (
                ("sparql", nq.sparql),
                ("cypher", nq.cypher),
                *((f"cypher ({b})", True) for b in nq.variants),
            )
            if present
        )
        t.add_row(name, nq.title, params, langs)
    emit(t)


@main.command()
@click.argument("cypher_text", metavar="CYPHER")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A bound parameter $KEY (repeatable; values are strings).",
)
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=int, default=1000, show_default=True)
@click.option(
    "--timeout",
    "timeout_ms",
    type=int,
    default=30_000,
    show_default=True,
    help="Milliseconds before the query is stopped.",
)
def cypher(cypher_text: str, params: tuple[str, ...], out: str, fmt: str, limit: int, timeout_ms: int) -> None:
    """Run read-only Cypher on the embedded property graph (no server needed).

    The same guard as the API's /cypher: only reading clauses and read-only procedures
    (a CHECKPOINT or a write would leave the local graph unreadable until it is rebuilt).
    """
    from wetgraaf.graph.guard import Refused, check_cypher
    from wetgraaf.graph.stores import QueryRefused

    try:
        check_cypher(cypher_text)
    except Refused as exc:
        raise click.ClickException(f"refused: {exc}") from None
    try:
        cols, rows = _open_pg(out).query(cypher_text, _parse_params(params), limit=limit, timeout_ms=timeout_ms)
    except QueryRefused as exc:
        raise click.ClickException(str(exc)) from None
    except RuntimeError as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    _print_rows(cols, rows, fmt)


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option(
    "--backend",
    type=click.Choice(["sparql", "cypher", "ladybug"]),
    default="sparql",
    show_default=True,
    help="Which form of the query to run: sparql (the RDF store) or cypher (the embedded property graph), "
    "as the API's ?backend=. 'ladybug' is a deprecated alias of cypher.",
)
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def query(name: str, params: tuple[str, ...], backend: str, out: str, fmt: str) -> None:
    """Run the named query NAME (see `wetgraaf queries`) with bound parameters."""
    from wetgraaf import queries as q
    from wetgraaf.graph import rdf

    if backend == "ladybug":
        err.print("warning: --backend ladybug is deprecated; use --backend cypher (the same query on the same graph)")
        backend = "cypher"

    try:
        nq = q.get(name)
        bound = nq.bind(_parse_params(params))
    except (q.UnknownQuery, q.BadParameters) as exc:
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    limit = int(bound.pop("limit", 1000))  # type: ignore[call-overload]
    if backend == "sparql":
        if nq.sparql is None:
            raise click.ClickException(f"{name} has no SPARQL form; use --backend cypher")
        cols, rows = rdf.sparql(_open_store(out), nq.sparql, params=bound, limit=limit)
    else:
        text = nq.cypher_for("ladybug")  # the embedded store's dialect
        if text is None:
            raise click.ClickException(f"{name} has no Cypher form; use --backend sparql")
        cols, rows = _open_pg(out).query(text, bound, limit=limit)
    _print_rows(cols, rows, fmt)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True)
@click.option(
    "--token",
    "tokens",
    multiple=True,
    metavar="NAME=TOKEN",
    help="A reviewer's write token (repeatable; also WETGRAAF_TOKENS=alice=…,bob=…). "
    "Without any, one is made up and printed.",
)
@click.option(
    "--neo4j", "neo4j_uri", default=None, help="Answer /cypher from this Neo4j (Bolt URI) instead of ladybug."
)
def serve(
    paths: tuple[str, ...], host: str, port: int, out: str, tokens: tuple[str, ...], neo4j_uri: str | None
) -> None:
    """Serve the API and the review web page from what is built in OUT.

    PATHS, when given, are ingested first (only what changed is parsed). The analysis, the
    RDF store and the embedded graph are rebuilt only when the corpus store changed since
    they were made; a store from another extractor version is re-ingested; with no store at
    all the bundled corpus is ingested. Then serves http://HOST:PORT/ (review page) and
    /docs (OpenAPI). Review decisions are kept in OUT/review.sqlite and survive restarts
    and re-analysis.
    """
    import secrets

    import uvicorn

    from wetgraaf.api import Settings, create_app
    from wetgraaf.api.corpus import Corpus

    try:
        extra = Settings.parse_tokens(",".join(tokens)) if tokens else {}
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--token") from None
    overrides: dict[str, object] = {"paths": paths, "out": Path(out)}
    if neo4j_uri:
        from wetgraaf.graph.neo4j_store import password_from_env

        overrides.update(cypher_backend="neo4j", neo4j_uri=neo4j_uri, neo4j_password=password_from_env())
    settings = Settings.from_env(**overrides)
    all_tokens = {**settings.tokens, **extra}
    if not all_tokens:
        made = secrets.token_urlsafe(18)
        all_tokens = {made: "reviewer"}
        err.print(f"review token (no WETGRAAF_TOKENS given): [bold]{made}[/bold]", highlight=False)
    from dataclasses import replace

    settings = replace(settings, tokens=all_tokens)
    layout = Layout(out)
    _corpus_ready(paths, out, pipeline.STAGES)
    try:
        corpus = Corpus.open(layout)
    except pipeline.StoreError as exc:
        raise _fail(exc) from None
    if n_rejected := corpus.n_rejected:
        err.print(f"{n_rejected} file(s) rejected (see {layout.quarantine})", highlight=False)
    err.print(
        f"{len(corpus.bwb_ids):,} regelingen, {len(corpus.clusters):,} clusters; serving http://{host}:{port}/ "
        f"(API docs at /docs)",
        highlight=False,
    )
    # SIGTERM/Ctrl-C: open requests get 2 s to finish, then the research workers are ended
    uvicorn.run(
        create_app(settings, corpus=corpus), host=host, port=port, log_level="warning", timeout_graceful_shutdown=2
    )


def _print_rows(cols: list[str], rows: list[list[object]], fmt: str) -> None:
    if fmt == "json":
        click.echo(
            json.dumps([dict(zip(cols, r, strict=True)) for r in rows], ensure_ascii=False, default=str, indent=1)
        )
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    else:
        t = Table()
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*("" if v is None else str(v) for v in r))
        emit(t)
        err.print(f"{len(rows)} rows", highlight=False)


if __name__ == "__main__":  # pragma: no cover
    main()
