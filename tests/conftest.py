"""Shared fixtures: the corpus in ../shared (or WETGRAAF_CORPUS) and parsed documents."""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import pytest

from wetgraaf.ingest import Document, parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("WETGRAAF_CORPUS", ROOT.parent / "shared" / "corpus" / "bwb"))
BUNDLED = ROOT / "wetgraaf" / "data" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# ----------------------------------------------------------------------------- browser tests
#: how to get what the browser tests need (README, "Development")
CHROMIUM_INSTALL = "apt-get install chromium"


def _find_chromium() -> tuple[str | None, str]:
    """(the Chromium binary or None, where it was looked for): ``WETGRAAF_CHROMIUM`` if set
    (it must exist), else ``chromium`` or ``chromium-browser`` on ``PATH``."""
    named = os.environ.get("WETGRAAF_CHROMIUM")
    if named:
        return (named if Path(named).is_file() else None), f"WETGRAAF_CHROMIUM={named}"
    return shutil.which("chromium") or shutil.which("chromium-browser"), "chromium, chromium-browser on PATH"


CHROMIUM, _CHROMIUM_LOOKED = _find_chromium()
#: why a browser test does not run without Chromium
CHROMIUM_MISSING = (
    f"Chromium not found ({_CHROMIUM_LOOKED}): the review page's browser test is not run. "
    f"Install it with `{CHROMIUM_INSTALL}` (Debian/Ubuntu) or set WETGRAAF_CHROMIUM to its binary; "
    "under CI=1 a missing Chromium is a failure"
)


def in_ci() -> bool:
    """``CI`` is set (and not 0/false): a test that cannot run fails instead of being skipped."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"browser: runs in a real headless Chromium; skipped loudly without one, failed under CI=1 ({CHROMIUM_INSTALL})",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A browser test without Chromium: skipped (and listed in the summary), or under ``CI=1`` failed."""
    if item.get_closest_marker("browser") is not None and CHROMIUM is None:
        if in_ci():
            pytest.fail(f"CI=1 and {CHROMIUM_MISSING}", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    """A warning section naming every browser test that was skipped, and how to run them."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser" in r.keywords]
    if not skipped:
        return
    tr = terminalreporter
    tr.write_sep("=", f"WARNING: {len(skipped)} browser tests skipped: Chromium not found", yellow=True, bold=True)
    for r in skipped:
        tr.write_line(f"  not tested: {r.nodeid}", yellow=True)
    tr.write_line(f"  Chromium was looked for as {_CHROMIUM_LOOKED}.")
    tr.write_line(
        f"  Install it with `{CHROMIUM_INSTALL}` (or set WETGRAAF_CHROMIUM) to test the review page in a browser;"
    )
    tr.write_line("  under CI=1 a missing Chromium fails these tests.")


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
    "rules_on_provision": {"target": "jci1.3:c:BWBR0005537&artikel=4:93"},
    "parameters_of_act": {"act": "beslissen"},
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


#: the flags every browser test starts headless Chromium with
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium per test module (Playwright), for the browser tests."""
    if CHROMIUM is None:  # tests/conftest.py skips or fails every browser test before this
        pytest.fail(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
