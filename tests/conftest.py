"""Shared fixtures: the corpus in ../shared (or WETGRAAF_CORPUS) and parsed documents."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from wetgraaf.ingest import Document, parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("WETGRAAF_CORPUS", ROOT.parent / "shared" / "corpus" / "bwb"))
BUNDLED = ROOT / "wetgraaf" / "data" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_file(name: str) -> Path:
    """A corpus file from ../shared, falling back to the copy bundled in the package."""
    for base in (CORPUS, BUNDLED):
        p = base / name
        if p.exists():
            return p
    pytest.skip(f"corpus file {name} not available (set WETGRAAF_CORPUS)")


@cache
def parsed(name: str) -> Document:
    p = corpus_file(name)
    return parse(p.read_bytes(), name=name)


@cache
def shared_ingest():  # type: ignore[no-untyped-def]
    """The whole shared corpus, ingested once per test run (several test modules read it all)."""
    from wetgraaf.ingest.batch import ingest_paths

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/bwb not available")
    return ingest_paths([CORPUS], workers=2)


@cache
def bundled_documents() -> tuple[Document, ...]:
    """The bundled corpus (18 real laws shipped in the package), parsed once per test run."""
    from wetgraaf.ingest.batch import ingest_paths

    result = ingest_paths([BUNDLED], workers=2)
    assert not result.rejected, result.rejected
    return tuple(result.documents)


@cache
def bundled_model():  # type: ignore[no-untyped-def]
    """The graph model of the bundled corpus, built once per test run."""
    from wetgraaf.graph.model import build_model

    return build_model(bundled_documents())


#: sample parameters for the named queries that need them
QUERY_PARAMS: dict[str, dict[str, object]] = {
    "definitions_of_term": {"term": "Partner"},
    "term_lineage": {"term": "partners"},
    "citing_provisions": {"target": "jci1.3:c:BWBR0002320&artikel=5a"},
    "law_definitions": {"bwb_id": "BWBR0018472"},
    "law_rules": {"bwb_id": "BWBR0018472", "norm_type": "obligation", "min_percent": 90},
}


def normalised_rows(rows: list[list[object]]) -> list[tuple[str, ...]]:
    """Query rows as sorted string tuples (None as ""), to compare answers across backends."""
    # numbers as SPARQL prints xsd:decimal (1.0 -> "1"): the same value reads the same
    return sorted(
        tuple("" if v is None else format(v, "g") if isinstance(v, float) else str(v) for v in r) for r in rows
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/bwb not available")
    return CORPUS
