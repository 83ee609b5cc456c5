"""The corpus store between ingest and everything else (see :mod:`wetgraaf.store.corpus`)."""

from typing import Any

from wetgraaf.store.corpus import TABLES, CorpusStore, FileState, StoreError, extractor_version, record_tables

__all__ = ["CorpusStore", "FileState", "StoreError", "extractor_version", "TABLES", "record_tables"]


def __getattr__(name: str) -> Any:
    if name == "RECORD_TABLES":  # table → record type, read when first asked for (see record_tables)
        return record_tables()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
