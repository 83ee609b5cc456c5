"""The ``wetgraaf`` command line: a thin layer over the library.

Output for machines goes to stdout (JSON Lines / JSON); progress, tables and errors go to
stderr, so ``wetgraaf definitions … --format jsonl | jq`` stays clean.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wetgraaf import __version__
from wetgraaf.ingest.batch import IngestResult, Rejected, ingest_paths, write_records
from wetgraaf.ingest.records import Definition, Document

BUNDLED = Path(__file__).resolve().parent / "data" / "corpus"

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
        "rejected",
        "warnings",
    ):
        t.add_row(key.replace("_", " "), f"{summary[key]:,}")
    for kind, n in summary["definitions_by_kind"].items():
        t.add_row(f"  definitions: {kind}", f"{n:,}")
    for norm, n in summary["rules_by_type"].items():
        t.add_row(f"  rules: {norm}", f"{n:,}")
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
@click.option("--top", type=int, default=25, show_default=True, help="How many terms to list.")
def run(paths: tuple[str, ...], out: str, top: int) -> None:
    """The main job: ingest (default: the bundled corpus) and print what drafters should see.

    Lists the terms that are defined in more than one regeling, with how the definitions
    are written (kind) and where.
    """
    paths = paths or (str(BUNDLED),)
    result = _run_ingest(paths, None, str(Path(out) / "quarantine"), quiet=False)
    write_records(result, out)
    summary = result.summary()
    Console().print(_summary_table(summary))
    by_term: dict[str, list[tuple[Document, Definition]]] = defaultdict(list)
    for doc in result.documents:
        for d in doc.definitions:
            by_term[d.term.lower()].append((doc, d))
    multi = {t: v for t, v in by_term.items() if len({doc.regeling.bwb_id for doc, _ in v}) > 1}
    ranked = sorted(multi.items(), key=lambda kv: (-len({doc.regeling.bwb_id for doc, _ in kv[1]}), kv[0]))
    table = Table(title=f"terms defined in more than one regeling ({len(multi)} terms; top {top})")
    table.add_column("term")
    table.add_column("regelingen", justify="right")
    table.add_column("where (kind)", overflow="fold")
    for t, v in ranked[:top]:
        where = sorted({f"{doc.regeling.citeertitel} art. {d.artikel} ({d.kind})" for doc, d in v})
        table.add_row(
            t, str(len({doc.regeling.bwb_id for doc, _ in v})), "; ".join(where[:6]) + (" …" if len(where) > 6 else "")
        )
    Console().print(table)
    if result.rejected:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
