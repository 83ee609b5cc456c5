"""What ``wetgraaf serve`` reads at start-up (issue 17: serve start within 5 s on the whole BWB).

Not timed: these tests fail when opening the corpus, or answering a first term lookup, reads
more of the analysis database than that needs. On the whole 2012 BWB decoding every
definition and every cluster at start-up took 8–11 s.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import bundled_documents
from wetgraaf import pipeline
from wetgraaf.api.corpus import Corpus
from wetgraaf.pipeline import Layout
from wetgraaf.store.analysis import AnalysisDb, AnalysisFormatError

#: what opening may read from the analysis database: the small parts, the term index, the edges
OPEN_READS = {"report", "counts", "meta", "edges", "terms"}
#: not needed to serve a term lookup: the parser and norm model (the ingest package, numpy),
#: graph libraries, the RDF stack
HEAVY = {"numpy", "networkx", "rdflib", "pyoxigraph", "pandas", "scipy", "pyarrow", "ladybug", "neo4j"}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("startup")
    Corpus.from_documents(bundled_documents(), out)
    return out


def _spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Record every read of the analysis database: method name → the arguments of each call."""
    calls: dict[str, list[Any]] = defaultdict(list)
    for name in (*OPEN_READS, "term_definitions", "definitions", "all_definitions", "clusters", "cluster", "pairs"):
        real = getattr(AnalysisDb, name)

        def spied(self: AnalysisDb, *args: Any, _real: Any = real, _name: str = name, **kw: Any) -> Any:
            calls[_name].append(args)
            return _real(self, *args, **kw)

        monkeypatch.setattr(AnalysisDb, name, spied)
    return calls


def test_opening_reads_the_term_index_and_no_definition_cluster_or_pair(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    c = Corpus.open(Layout(out))
    assert set(calls) <= OPEN_READS, dict(calls)
    assert calls["terms"], "the term index is read as the analysis stage wrote it"
    assert c.terms["partner"].n_latest >= 3 and len(c.clusters) > 0
    assert set(calls) <= OPEN_READS, "counting the clusters reads none"


def test_a_term_lookup_reads_that_term_only(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    c = Corpus.open(Layout(out))
    answer = c.definitions_of("partner")
    assert answer["items"] and answer["relations"] and answer["clusters"]
    assert not {"all_definitions", "clusters", "cluster", "pairs"} & set(calls), dict(calls)
    assert calls["term_definitions"] == [("partner",)]
    read = {k for (keys,) in calls["definitions"] for k in keys}
    own = set(c.term_definitions("partner"))
    targets = {b for edges in c.graph._out.values() for _, b, _, _ in edges}
    assert own <= read and read - own <= targets, "besides the term's own definitions, only by-reference targets"


def test_a_format_1_analysis_is_upgraded_from_its_own_tables_not_analysed_again(out: Path, tmp_path: Path) -> None:
    old = Layout(tmp_path / "old")
    shutil.copytree(out, old.out)
    con = sqlite3.connect(old.analysis_db)
    with con:
        for table in ("terms", "definition_clusters", "article_definitions"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM meta WHERE key IN ('format', 'counts', 'term_index')")
    con.close()
    report_written = (old.analysis / "report.json").stat().st_mtime_ns
    with pytest.raises(AnalysisFormatError):
        Corpus.open(old)
    assert pipeline.prepare(old, stages=("analysis",)) == {}
    assert (old.analysis / "report.json").stat().st_mtime_ns == report_written
    now, new = Corpus.open(old), Corpus.open(Layout(out))
    for term in ("partner", "Onze Minister", "kind"):
        assert now.definitions_of(term) == new.definitions_of(term)
    assert now.search_terms("inkom") == new.search_terms("inkom")
    assert now.terms == new.terms


def test_serving_a_term_imports_no_parser_numpy_networkx_or_rdflib(out: Path) -> None:
    """What `wetgraaf serve` does up to its first term answer (the stale checks of the graph stages
    aside), in a fresh interpreter: the command line, the app, the corpus, one lookup."""
    code = (
        "import sys\n"
        "from wetgraaf import cli, pipeline\n"
        "from wetgraaf.api import Settings, create_app\n"
        "from wetgraaf.api.corpus import Corpus\n"
        "layout = pipeline.Layout(sys.argv[1])\n"
        "cli._corpus_ready((), sys.argv[1], ('analysis',))\n"
        "corpus = Corpus.open(layout)\n"
        "create_app(Settings(out=layout.out), corpus=corpus)\n"
        "assert corpus.definitions_json('partner', 100, 0, 500)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    modules = proc.stdout.split()
    assert "wetgraaf.api.app" in modules and "wetgraaf.store.corpus" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith("wetgraaf.ingest"))
    assert not heavy, heavy
