"""The CLI's stderr console and progress bar (shared by ``wetgraaf`` and ``wetgraaf fetch``)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["err", "progress_bar"]

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
