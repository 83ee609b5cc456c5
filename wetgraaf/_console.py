"""The CLI's stderr console and progress bar (shared by ``wetgraaf`` and ``wetgraaf fetch``)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["emit", "err", "progress_bar"]

#: progress, tables for people and errors go here; stdout stays clean for machine output
err = Console(stderr=True)


def progress_bar(quiet: bool = False) -> Progress:
    """A transient bar on stderr; each task names its stage in the field ``what``."""
    return Progress(
        TextColumn("[bold]{task.fields[what]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


def emit(table: Table) -> None:
    """A table on stdout: drawn for a terminal; plain tab-separated lines (a ``# title`` line, the
    header, one row per line, nothing cut or wrapped) when stdout is a pipe or a file.

    >>> t = Table(title="graph"); t.add_column("what"); t.add_column("n"); t.add_row("nodes", "3")
    >>> emit(t)  # doctest: +NORMALIZE_WHITESPACE
    # graph
    what	n
    nodes	3
    """
    out = sys.stdout
    if out.isatty():
        Console().print(table)
        return
    if table.title:
        out.write(f"# {table.title}\n")
    cols = table.columns
    if table.show_header:
        out.write("\t".join(str(c.header) for c in cols) + "\n")
    for row in zip(*(list(c.cells) for c in cols), strict=True):
        out.write("\t".join(" ".join(str(v).split()) for v in row) + "\n")
