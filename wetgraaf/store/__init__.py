"""The corpus store between ingest and everything else (see :mod:`wetgraaf.store.corpus`)."""

from wetgraaf.store.corpus import RECORD_TABLES, CorpusStore, FileState, StoreError, extractor_version

__all__ = ["CorpusStore", "FileState", "StoreError", "extractor_version", "RECORD_TABLES"]
