"""Batch ingest: files and folders in, documents and a report out, over all cores.

This is the I/O side of ingest. Each file is read and parsed in a worker process; a file
that fails is reported with a one-line reason and (optionally) copied to a quarantine
folder, and the batch goes on. Nothing here changes the input files.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from wetgraaf.ingest.parse import parse
from wetgraaf.ingest.records import CONFIDENT, Document
from wetgraaf.ingest.references import normalise_title
from wetgraaf.ingest.wti import Wti, parse_wti
from wetgraaf.ingest.xmlsafe import RejectedFile

__all__ = [
    "Rejected",
    "IngestResult",
    "discover",
    "ingest_file",
    "ingest_paths",
    "iter_ingest",
    "quarantine_file",
    "MAX_BYTES",
    "BUNDLED",
]

#: the corpus shipped in the package (18 real laws, with its provenance MANIFEST.tsv)
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "corpus"

#: Files larger than this are refused (the largest BWB regeling is ~52 MB).
MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file that was not ingested, with a short reason code and a one-line message."""

    path: str
    reason: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    wti: list[Wti] = field(default_factory=list)  #: WTI files read; their relations are in the documents
    wti_unmatched: list[str] = field(default_factory=list)  #: BWB ids of WTI files without a toestand in the batch
    bytes_read: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        """Counts for the summary table and the machine-readable report."""
        own = [r for d in self.documents for r in d.rules if not r.inherited]
        rules = dict(Counter(r.norm_type for r in own).most_common())
        confident = Counter(r.norm_type for r in own if r.confident)
        defs = Counter(x.kind for d in self.documents for x in d.definitions)
        refs = [r for d in self.documents for r in d.references]
        return {
            "files": len(self.documents) + len(self.rejected) + len(self.wti),
            "regelingen": len(self.documents),
            "distinct_bwb_ids": len({d.regeling.bwb_id for d in self.documents}),
            "articles": sum(len(d.articles) for d in self.documents),
            "repealed_articles": sum(1 for d in self.documents for u in d.units if u.kind == "artikel" and u.repealed),
            "provisions": sum(len(d.provisions) for d in self.documents),
            "definitions": sum(len(d.definitions) for d in self.documents),
            "definitions_by_kind": dict(sorted(defs.items())),
            "references": len(refs),
            "references_resolved": sum(1 for r in refs if r.target is not None),
            "rules": sum(rules.values()),
            "rules_by_type": rules,
            "rules_confident": sum(confident.values()),
            "rules_confident_by_type": {k: confident[k] for k in rules},
            "confidence_threshold": CONFIDENT,
            "rejected": len(self.rejected),
            "rejected_files": [{"path": r.path, "reason": r.reason, "message": r.message} for r in self.rejected],
            "warnings": sum(len(d.warnings) for d in self.documents),
            "wti_files": len(self.wti),
            "wti_without_toestand": sorted(self.wti_unmatched),
            "related_regelingen": sum(len(d.related) for d in self.documents),
            "bytes": self.bytes_read,
            "seconds": round(self.seconds, 3),
        }


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders searched recursively for ``*.xml``
    (BWB toestanden) and ``*.WTI`` (wetstechnische informatie).

    In folders, the repository's ``manifest.xml`` files (as in a `wetgraaf fetch` mirror) are
    left out: they list toestanden, they are not one. A path that does not exist is yielded as
    is, so that it is reported, not skipped.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                x
                for x in p.rglob("*")
                if x.is_file()
                and (x.suffix.lower() == ".wti" or (x.suffix.lower() == ".xml" and x.name.lower() != "manifest.xml"))
            )
        else:
            yield p


def ingest_file(
    path: str | os.PathLike[str], titles: Mapping[str, str] | None = None, max_bytes: int = MAX_BYTES
) -> Document | Wti | Rejected:
    """Read and parse one file (a ``.WTI`` file gives a :class:`Wti`); never raises for bad input."""
    p = Path(path)
    try:
        if not p.is_file():
            return Rejected(
                str(p),
                "missing" if not p.exists() else "not_a_file",
                "no such file" if not p.exists() else "not a regular file",
            )
        size = p.stat().st_size
        if size > max_bytes:
            return Rejected(str(p), "too_large", f"file too large ({size:,} bytes > {max_bytes:,})")
        if p.suffix.lower() == ".wti":
            return parse_wti(p.read_bytes(), name=p.name)
        with p.open("rb") as fh:
            doc = parse(fh, name=p.name, titles=titles)
        return _with_known_title(doc)
    except RejectedFile as exc:
        return Rejected(str(p), exc.reason, exc.message)
    except FileNotFoundError:
        return Rejected(str(p), "missing", "no such file")
    except IsADirectoryError:
        return Rejected(str(p), "not_a_file", "is a directory")
    except PermissionError:
        return Rejected(str(p), "unreadable", "permission denied")
    except MemoryError:
        return Rejected(str(p), "too_large", "out of memory while parsing")
    except Exception as exc:  # noqa: BLE001 - one bad file never stops a batch
        return Rejected(str(p), "internal_error", f"internal error: {type(exc).__name__}: {exc}")


def _with_known_title(doc: Document) -> Document:
    """Legacy files without a citeertitel get the official short title, when known."""
    reg = doc.regeling
    if reg.citeertitel == reg.intitule:
        known = manifest_titles().get(reg.bwb_id)
        if known:
            doc.regeling = replace(reg, citeertitel=known)
    return doc


def _worker(args: tuple[str, Mapping[str, str] | None, int]) -> Document | Wti | Rejected:
    return ingest_file(*args)


def iter_ingest(
    files: Sequence[Path],
    *,
    workers: int | None = None,
    titles: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[tuple[Path, Document | Wti | Rejected]]:
    """Parse ``files`` over up to ``workers`` processes, yielding each outcome as it is ready.

    The biggest files go first (that keeps both cores busy until the end) and at most a few
    outcomes per worker wait to be consumed, so the caller can stream records to a store with
    only a handful of documents in memory, whatever the size of the corpus.
    """
    if titles is None:
        titles = builtin_titles()
    workers = max(1, min(workers or os.cpu_count() or 1, len(files) or 1))
    if workers == 1 or len(files) <= 1:
        for f in files:
            yield f, ingest_file(f, titles, max_bytes)
        return
    order = sorted(files, key=lambda f: -_size(f))
    window = 3 * workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[Document | Wti | Rejected], Path] = {}
        it = iter(order)
        for f in it:
            pending[pool.submit(_worker, (str(f), titles, max_bytes))] = f
            if len(pending) >= window:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                f = pending.pop(fut)
                yield f, fut.result()
                nxt = next(it, None)
                if nxt is not None:
                    pending[pool.submit(_worker, (str(nxt), titles, max_bytes))] = nxt


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    titles: Mapping[str, str] | None = None,
    progress: Callable[[Path, Document | Wti | Rejected], None] | None = None,
    quarantine: str | os.PathLike[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> IngestResult:
    """Ingest files and folders into memory, using up to ``workers`` processes (default: all cores).

    For a corpus of any size use :func:`wetgraaf.pipeline.ingest`, which streams the records
    into the corpus store instead. Results keep the input order. Rejected files are listed in
    the result and, when ``quarantine`` is given, copied there with a ``.reason`` file beside
    each. The relations read from a WTI file go to the newest document of the same BWB id
    (``Document.related``).
    """
    files = list(discover(paths))
    t0 = time.perf_counter()
    result = IngestResult()
    slots: dict[Path, Document | Wti | Rejected] = {}
    for f, o in iter_ingest(files, workers=workers, titles=titles, max_bytes=max_bytes):
        slots[f] = o
        if progress:
            progress(f, o)
    for f in files:
        o = slots[f]
        if isinstance(o, Rejected):
            result.rejected.append(o)
            if quarantine is not None:
                quarantine_file(f, o, Path(quarantine))
        elif isinstance(o, Wti):
            result.wti.append(o)
            result.bytes_read += _size(f)
        else:
            result.documents.append(o)
            result.bytes_read += _size(f)
    _attach_wti(result)
    result.seconds = time.perf_counter() - t0
    return result


def _attach_wti(result: IngestResult) -> None:
    """Give each WTI's relations to the newest document of its regeling (the newest WTI wins)."""
    newest: dict[str, Document] = {}
    for d in result.documents:
        old = newest.get(d.regeling.bwb_id)
        if old is None or (d.regeling.version or date.min) >= (old.regeling.version or date.min):
            newest[d.regeling.bwb_id] = d
    for w in sorted(result.wti, key=lambda w: w.generated):
        doc = newest.get(w.bwb_id)
        if doc is None:
            result.wti_unmatched.append(w.bwb_id)
            continue
        doc.related = list(w.relations)


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def quarantine_file(path: Path, rej: Rejected, folder: Path) -> None:
    """Copy a rejected file to ``folder`` with a ``.reason`` file beside it (the input stays)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if path.is_file() and not path.is_symlink():
        shutil.copyfile(path, target)
    target.with_name(target.name + ".reason").write_text(f"{rej.reason}\t{rej.message}\n", encoding="utf-8")


@lru_cache(maxsize=1)
def manifest_titles() -> dict[str, str]:
    """BWB id → title, from the provenance manifest shipped with the bundled corpus."""
    out: dict[str, str] = {}
    manifest = BUNDLED / "MANIFEST.tsv"
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) > 1 and cols[0].startswith("BWB"):
                out[cols[0]] = cols[1]
    return out


def builtin_titles() -> dict[str, str]:
    """Normalised title → BWB id, for plain-text references ("… van de Algemene wet bestuursrecht")."""
    return {normalise_title(title): bwb for bwb, title in manifest_titles().items()}
