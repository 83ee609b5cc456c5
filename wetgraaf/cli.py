"""The ``wetgraaf`` command line: a thin layer over the library.

Output for machines goes to stdout (JSON Lines / JSON); progress, tables and errors go to
stderr, so ``wetgraaf definitions … --format jsonl | jq`` stays clean.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wetgraaf import __version__
from wetgraaf.ingest.batch import BUNDLED, IngestResult, Rejected, ingest_paths, write_records
from wetgraaf.ingest.records import Definition, Document

err = Console(stderr=True)


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


def _run_ingest(paths: tuple[str, ...], workers: int | None, quarantine: str | None, quiet: bool) -> IngestResult:
    from wetgraaf.ingest.batch import discover

    files = list(discover(paths))
    if not files:
        raise click.UsageError("no XML files found in the given paths")
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(files))

        def tick(path: Path, outcome: Document | Rejected) -> None:
            progress.update(task, advance=1, description=path.name)

        result = ingest_paths(files, workers=workers, progress=tick, quarantine=quarantine)
    for r in result.rejected:
        err.print(f"[red]ERROR[/red] {r}", highlight=False, soft_wrap=True)
    return result


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    result = _run_ingest(files, workers=None, quarantine=None, quiet=True)
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
        Console().print(table)
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
    default="wetgraaf-out",
    show_default=True,
    help="Folder for records (JSON Lines) and report.json.",
)
@click.option(
    "--quarantine",
    type=click.Path(file_okay=False),
    default=None,
    help="Copy rejected files here (default: OUT/quarantine).",
)
@click.option("--workers", type=int, default=None, help="Processes to use (default: all cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout instead of a table.")
def ingest(paths: tuple[str, ...], out: str, quarantine: str | None, workers: int | None, as_json: bool) -> None:
    """Ingest BWB XML files or folders (default: the bundled corpus).

    Writes one JSON Lines file per record type and report.json to OUT; rejected files are
    reported with a reason and copied to the quarantine folder. Exits 1 if any file was
    rejected (after ingesting all the others).
    """
    paths = paths or (str(BUNDLED),)
    q = quarantine or str(Path(out) / "quarantine")
    result = _run_ingest(paths, workers, q, quiet=False)
    written = write_records(result, out)
    summary = result.summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        Console().print(_summary_table(summary))
        err.print(f"records and report written to {written['report'].parent}/", highlight=False)
    if result.rejected:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
@click.option("--top", type=int, default=15, show_default=True, help="How many clusters to list.")
def run(paths: tuple[str, ...], out: str, top: int) -> None:
    """The main job: ingest (default: the bundled corpus), analyse, print the findings.

    Same as `wetgraaf ingest` followed by `wetgraaf analyse`: records and report.json in OUT,
    the analysis in OUT/analysis, and the clusters of related definitions ranked as
    simplification candidates on screen.
    """
    result = _ingest_or_bundled(paths, out)
    write_records(result, out)
    Console().print(_summary_table(result.summary()))
    _analyse_and_print(result, out, top)
    if result.rejected:
        sys.exit(1)


def _rdf_store_path(out: str) -> Path:
    return Path(out) / "rdf"


def _graph_path(out: str) -> Path:
    return Path(out) / "graph.lbug"


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

    path = _graph_path(out)
    if not path.exists():
        raise click.ClickException(f"no property graph at {path}; run `wetgraaf build --out {out}` first")
    return open_store("ladybug", path=path)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
@click.option(
    "--validate/--no-validate",
    default=False,
    help="Check the RDF against the SHACL shapes (pySHACL; slow on big graphs).",
)
def build(paths: tuple[str, ...], out: str, validate: bool) -> None:
    """Ingest (default: the bundled corpus) and build the graph: RDF store in OUT/rdf.

    Prints the node and relationship counts of the graph model and the triple count of
    the RDF store (they come from the same records).
    """
    import shutil

    from wetgraaf.graph import rdf
    from wetgraaf.graph.model import build_model

    result = _ingest_or_bundled(paths, out)
    write_records(result, out)
    model = build_model(result.documents)
    store_dir = _rdf_store_path(out)
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = rdf.load_store(model, store_dir)
    store.flush()
    from wetgraaf.graph.stores import open_store

    pg = open_store("ladybug", path=_graph_path(out))
    pg_counts = pg.load(model)
    t = Table(title="graph")
    t.add_column("nodes / relationships")
    t.add_column("model", justify="right")
    t.add_column("ladybug", justify="right")
    for k, v in model.counts().items():
        t.add_row(k, f"{v:,}", f"{pg_counts.get(k, 0):,}")
    t.add_row("RDF triples", f"{len(store):,}", "")
    Console().print(t)
    err.print(
        f"RDF store in {store_dir}/ (`wetgraaf sparql`); property graph in {_graph_path(out)} (`wetgraaf cypher`)",
        highlight=False,
    )
    if validate:
        conforms, text = _validate(store)
        if not conforms:
            err.print(text[:5000], highlight=False)
            sys.exit(2)
        err.print("the RDF conforms to the SHACL shapes", highlight=False)
    if result.rejected:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--neo4j", "uri", required=True, help="Bolt URI, e.g. bolt://localhost:7687 or neo4j://host:7687")
@click.option("--user", default="neo4j", show_default=True)
@click.option("--database", default=None, help="Database name (default: the server's default).")
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
def load(paths: tuple[str, ...], uri: str, user: str, database: str | None, out: str) -> None:
    """Ingest (default: the bundled corpus) and load the graph into Neo4j.

    The password is read from WETGRAAF_NEO4J_PASSWORD (or NEO4J_PASSWORD), or asked for;
    it is never taken from the command line. Loading is idempotent: a second load of the
    same corpus creates nothing.
    """
    from wetgraaf.graph.model import build_model
    from wetgraaf.graph.neo4j_store import password_from_env
    from wetgraaf.graph.stores import open_store

    password = password_from_env() or click.prompt("Neo4j password", hide_input=True)
    result = _ingest_or_bundled(paths, out)
    model = build_model(result.documents)
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
    Console().print(t)
    err.print(
        f"created {report.get('nodes_created', 0):,} nodes and {report.get('relationships_created', 0):,} relationships in this run",
        highlight=False,
    )
    if result.rejected:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
@click.option("--top", type=int, default=20, show_default=True, help="How many clusters to list.")
def analyse(paths: tuple[str, ...], out: str, top: int) -> None:
    """Find conflicting, duplicated and tangled definitions (default: the bundled corpus).

    Prints the clusters ranked as simplification candidates; writes OUT/analysis/report.json
    (everything, with evidence), clusters.csv, pairs.csv, cross_term_duplicates.csv,
    unused_definitions.csv, implicit_dependencies.csv and communities.svg (a picture of the
    communities of laws).
    """
    result = _ingest_or_bundled(paths, out)
    written = _analyse_and_print(result, out, top)
    err.print(f"report: {', '.join(str(p) for p in written)}", highlight=False)
    if result.rejected:
        sys.exit(1)


def _ingest_or_bundled(paths: tuple[str, ...], out: str) -> IngestResult:
    """Ingest PATHS (default: the bundled corpus), quarantining rejected files in OUT/quarantine."""
    return _run_ingest(paths or (str(BUNDLED),), None, str(Path(out) / "quarantine"), quiet=False)


def _analyse_and_print(result: IngestResult, out: str, top: int) -> list[Path]:
    """Run the analyses, write them to OUT/analysis, print the ranked clusters."""
    from wetgraaf.graph.analysis.report import analyse as run_analyses

    report = run_analyses(result.documents)
    written = _write_analysis(report, Path(out) / "analysis")
    _print_clusters(report, top)
    return written


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
    t = Table(title=f"clusters ranked as simplification candidates ({s['clusters']}; top {top})")
    for c in ("id", "score", "terms", "regelingen", "relations"):
        t.add_column(c, overflow="fold")
    for c in report["clusters"][:top]:
        titles = sorted({m["title"] for m in c["members"]})
        t.add_row(
            c["id"],
            f"{c['score']:.1f}",
            ", ".join(c["terms"])[:60],
            f"{len(titles)}: " + "; ".join(titles)[:160],
            ", ".join(f"{k} {v}" for k, v in c["relations"].items()),
        )
    Console().print(t)


def _write_analysis(report: dict, folder: Path) -> list[Path]:
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    rep = folder / "report.json"
    rep.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
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
        "implicit_dependencies.csv": (
            [
                {**x, "basis": "|".join(sorted({b for d in x["definitions"] for b in d["basis"]}))}
                for x in report.get("implicit_dependencies", [])
            ],
            ["bwb_id", "title", "term_key", "uses", "defined_in", "basis", "used_at"],
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

    path = _rdf_store_path(out)
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
    default="wetgraaf-out",
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
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=int, default=1000, show_default=True, help="At most this many rows.")
def sparql(query: str, out: str, fmt: str, limit: int) -> None:
    """Run a read-only SPARQL QUERY on the graph (prefixes wg:, eli:, skos:, … are predeclared)."""
    from wetgraaf.graph import rdf

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
    Console().print(t)


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
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
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
    """Run read-only Cypher on the embedded property graph (no server needed)."""
    from wetgraaf.graph.stores import QueryRefused

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
@click.option("--backend", type=click.Choice(["sparql", "ladybug"]), default="sparql", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def query(name: str, params: tuple[str, ...], backend: str, out: str, fmt: str) -> None:
    """Run the named query NAME (see `wetgraaf queries`) with bound parameters."""
    from wetgraaf import queries as q
    from wetgraaf.graph import rdf

    try:
        nq = q.get(name)
        bound = nq.bind(_parse_params(params))
    except (q.UnknownQuery, q.BadParameters) as exc:
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    limit = int(bound.pop("limit", 1000))  # type: ignore[call-overload]
    if backend == "sparql":
        if nq.sparql is None:
            raise click.ClickException(f"{name} has no SPARQL form; use --backend ladybug")
        cols, rows = rdf.sparql(_open_store(out), nq.sparql, params=bound, limit=limit)
    else:
        text = nq.cypher_for(backend)
        if text is None:
            raise click.ClickException(f"{name} has no Cypher form; use --backend sparql")
        cols, rows = _open_pg(out).query(text, bound, limit=limit)
    _print_rows(cols, rows, fmt)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="wetgraaf-out", show_default=True)
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
    """Serve the API and the review web page (default: the bundled corpus, embedded stores).

    Ingests PATHS, analyses, builds the RDF store and the embedded graph in OUT, then serves
    http://HOST:PORT/ (review page) and /docs (OpenAPI). Review decisions are kept in
    OUT/review.sqlite and survive restarts and re-analysis.
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
    with err.status("ingesting, analysing and building the stores …"):
        corpus = Corpus.build(settings.paths, settings.out)
    if corpus.rejected:
        err.print(f"{len(corpus.rejected)} file(s) rejected (see {Path(out) / 'quarantine'})", highlight=False)
    err.print(
        f"{len(corpus.regelingen)} regelingen, {len(corpus.clusters)} clusters; serving http://{host}:{port}/ "
        f"(API docs at /docs)",
        highlight=False,
    )
    uvicorn.run(create_app(settings, corpus=corpus), host=host, port=port, log_level="warning")


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
        Console().print(t)
        err.print(f"{len(rows)} rows", highlight=False)


from wetgraaf.fetch_cli import fetch  # noqa: E402

main.add_command(fetch)


if __name__ == "__main__":  # pragma: no cover
    main()
