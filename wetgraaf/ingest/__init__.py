"""Ingest: BWB XML → typed records.

:func:`parse` is pure (bytes or a stream in, a :class:`Document` out); reading files,
batches over both cores and quarantining bad files live in :mod:`wetgraaf.ingest.batch`.
"""

from wetgraaf.ingest.parse import RejectedFile, parse
from wetgraaf.ingest.records import (
    Definition,
    Document,
    Provision,
    Reference,
    Regeling,
    Rule,
    Scope,
    Unit,
)

__all__ = [
    "parse",
    "RejectedFile",
    "Document",
    "Regeling",
    "Unit",
    "Provision",
    "Definition",
    "Reference",
    "Rule",
    "Scope",
]
