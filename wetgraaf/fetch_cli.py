"""``wetgraaf fetch``: pull the real, current BWB from wetten.overheid.nl into a local mirror.

A thin layer over :mod:`wetgraaf.ingest.fetch`. Tables go to stdout; the progress bar, errors
and notes go to stderr, as in the other commands.
"""

from __future__ import annotations

import sys
from datetime import date, datetime

import click
from rich.table import Table

from wetgraaf._console import emit, err, progress_bar
from wetgraaf.ingest.fetch import (
    ENV_BASE_URL,
    ENV_SRU_URL,
    REPOSITORY_URL,
    FetchConfig,
    FetchError,
    Mirror,
    Outcome,
)
from wetgraaf.ingest.manifest import NoToestand
from wetgraaf.ingest.sru import Ambiguous, is_amending, rank


def _error(where: str, msg: str) -> None:
    err.print(f"[red]ERROR[/red] {where}: {msg}", highlight=False, soft_wrap=True)


@click.command()
@click.argument("targets", nargs=-1, metavar="BWBID_OR_TITLE...")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    default=None,
    help="Fetch the toestand in force on this date  [default: today]",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="bwb-mirror",
    show_default=True,
    help="The mirror folder (what `wetgraaf ingest` takes).",
)
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help="Refresh every regeling in the mirror (plus any given, plus --id-list): incremental and resumable.",
)
@click.option(
    "--id-list",
    metavar="FILE_OR_URL",
    default=None,
    help="With --all: also fetch the BWB ids in this list (text, XML or zip; e.g. the BWBIdService list).",
)
@click.option(
    "--search", "search_", is_flag=True, help="List the search service's hits for the words; download nothing."
)
@click.option(
    "--base-url",
    envvar=ENV_BASE_URL,
    default=REPOSITORY_URL,
    show_default=True,
    help=f"Repository base URL (env {ENV_BASE_URL}); also the search service's base unless --sru-url is given.",
)
@click.option(
    "--sru-url",
    envvar=ENV_SRU_URL,
    default=None,
    help=f"Search service URL (env {ENV_SRU_URL})  [default: the official one, or BASE_URL/sru/Search]",
)
@click.option("--concurrency", type=click.IntRange(1, 16), default=4, show_default=True, help="Regelingen at a time.")
@click.option(
    "--rate",
    type=click.FloatRange(0),
    default=5.0,
    show_default=True,
    help="Requests per second at most (0: no limit).",
)
@click.option(
    "--timeout", type=click.FloatRange(0.01), default=30.0, show_default=True, help="Seconds per connect/read."
)
@click.option(
    "--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries on 429, 5xx, timeouts."
)
@click.option(
    "--backoff",
    type=click.FloatRange(0),
    default=0.5,
    show_default=True,
    help="First retry wait (s), doubled each time.",
)
@click.option("--restart", is_flag=True, help="With --all: start afresh instead of resuming an interrupted run.")
@click.option(
    "--no-hash-check", is_flag=True, help="Do not compare files with the manifest's hashcode (size is still checked)."
)
def fetch(
    targets: tuple[str, ...],
    on: datetime | None,
    out: str,
    all_: bool,
    id_list: str | None,
    search_: bool,
    base_url: str,
    sru_url: str | None,
    concurrency: int,
    rate: float,
    timeout: float,
    retries: int,
    backoff: float,
    restart: bool,
    no_hash_check: bool,
) -> None:
    """Fetch regelingen from wetten.overheid.nl (the KOOP repository and search service).

    BWBID_OR_TITLE is a BWB id (BWBR0018451), a citeertitel ("Wet op de zorgtoeslag") or an
    afkorting (Wzt). Each goes to OUT/{BWBID}/: the toestand in force on --date (chosen with
    the repository's manifest.xml), the manifest and the WTI (related regelingen). Then run
    `wetgraaf ingest OUT`.

    --all refreshes the whole mirror: only what changed since the last run is downloaded,
    and a run that was interrupted resumes where it stopped.
    """
    when: date = on.date() if on is not None else date.today()
    config = FetchConfig(
        base_url=base_url,
        sru_url=sru_url,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        concurrency=concurrency,
        rate=rate,
        check_hash=not no_hash_check,
    )
    if search_:
        if not targets:
            raise click.UsageError("--search needs the words to search for")
        _search(" ".join(targets), when, config)
        return
    if not targets and not all_:
        raise click.UsageError("give a BWB id or title, or --all to refresh the mirror")
    if id_list and not all_:
        raise click.UsageError("--id-list goes with --all")
    try:
        mirror = Mirror(out, config)
    except FetchError as exc:
        raise click.ClickException(str(exc)) from None
    with mirror:
        if all_:
            failed = _refresh(mirror, targets, id_list, when, restart)
        else:
            failed = _fetch_some(mirror, targets, when)
    if failed:
        sys.exit(1)


def _search(text: str, when: date, config: FetchConfig) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, Mirror(tmp, config) as m:
        try:
            page = m.search_titles(text, when)
        except FetchError as exc:
            raise click.ClickException(str(exc)) from None
    hits = rank(page.records, text)
    t = Table(title=f"search service: {page.total:,} toestanden match {text!r} on {when.isoformat()}")
    for c in ("bwb_id", "title", "soort", "in force", "note"):
        t.add_column(c, overflow="fold")
    for r in hits:
        t.add_row(
            r.bwb_id,
            r.title,
            r.soort,
            f"{r.valid_from} – {r.valid_until}",
            "amending act" if is_amending(r.title) else "",
        )
    emit(t)
    err.print(
        f"{len(hits)} regelingen on this page; fetch one with `wetgraaf fetch BWBID --date {when.isoformat()}`",
        highlight=False,
    )


def _fetch_some(mirror: Mirror, targets: tuple[str, ...], when: date) -> int:
    rows: list[Outcome] = []
    failed = 0
    with progress_bar() as progress:
        task = progress.add_task("", total=len(targets), what="fetch")
        for target in targets:
            progress.update(task, description=target)
            try:
                bwb, title = mirror.resolve(target, when)
                rows.append(mirror.fetch(bwb, when, title=title, pin=True))
            except (FetchError, NoToestand, Ambiguous) as exc:
                _error(target, str(exc))
                failed += 1
            progress.update(task, advance=1)
    if rows:
        t = Table(title=f"fetched into {mirror.root}/ (toestand in force on {when.isoformat()})")
        for c in ("bwb_id", "title", "toestand", "file", "manifest", "WTI"):
            t.add_column(c, overflow="fold")
        for o in rows:
            file = str(o.file.relative_to(mirror.root)) if o.file else ""
            t.add_row(o.bwb_id, o.title, f"{o.label} ({o.toestand})", file, o.manifest, o.wti)
        emit(t)
        err.print(
            f"{mirror.http.requests} requests, {mirror.http.bytes / 1e6:,.1f} MB; next: wetgraaf ingest {mirror.root}",
            highlight=False,
        )
    return failed


def _refresh(mirror: Mirror, targets: tuple[str, ...], id_list: str | None, when: date, restart: bool) -> int:
    import time

    t0 = time.perf_counter()
    ids: set[str] = set()
    try:
        for target in targets:
            ids.add(mirror.resolve(target, when)[0] if not target.upper().startswith("BWB") else target.upper())
        if id_list:
            listed = mirror.read_id_list(id_list)
            if not listed:
                raise FetchError(f"no BWB ids in {id_list}")
            ids.update(listed)
    except (FetchError, Ambiguous, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if not ids and not mirror.ids():
        raise click.UsageError(f"{mirror.root} holds no regelingen yet: give BWB ids or --id-list")
    resumed = 0
    with progress_bar() as progress:
        task = progress.add_task("", total=None, what="fetch")

        def planned(todo: int, done: int) -> None:
            nonlocal resumed
            resumed = done
            progress.update(task, total=todo)
            if done:
                err.print(f"resuming an interrupted run: {done:,} regelingen already done", highlight=False)

        def tick(o: Outcome) -> None:
            progress.update(task, advance=1, description=o.bwb_id)

        outcomes, _ = mirror.refresh_all(when, ids, restart=restart, progress=tick, planned=planned)
    for o in outcomes:
        if o.error:
            _error(o.bwb_id, o.error)
    counts = {
        "regelingen checked": len(outcomes),
        "  already done (resumed run)": resumed,
        "toestanden downloaded": sum(o.toestand == "downloaded" for o in outcomes),
        "toestanden unchanged": sum(o.toestand in ("unchanged", "verified") for o in outcomes),
        "manifests changed": sum(o.manifest == "downloaded" for o in outcomes),
        "WTIs downloaded": sum(o.wti == "downloaded" for o in outcomes),
        "WTIs unchanged": sum(o.wti == "unchanged" for o in outcomes),
        "WTIs missing": sum(o.wti == "missing" for o in outcomes),
        "old toestanden removed": sum(len(o.pruned) for o in outcomes),
        "nothing in force on the date": sum(bool(o.skipped) for o in outcomes),
        "failed": sum(bool(o.error) for o in outcomes),
        "requests": mirror.http.requests,
    }
    t = Table(title=f"mirror {mirror.root}/ refreshed to {when.isoformat()}", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for k, v in counts.items():
        t.add_row(k, f"{v:,}")
    t.add_row("MB downloaded", f"{mirror.http.bytes / 1e6:,.1f}")
    t.add_row("seconds", f"{time.perf_counter() - t0:,.1f}")
    emit(t)
    return counts["failed"]
