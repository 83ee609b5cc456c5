"""The corpus store and the pipeline: ingest once, refresh only what changed, rebuild what is stale.

The laws used (copied from the bundled corpus into a temporary folder, so they can be changed):

* Wet op de zorgtoeslag (BWBR0018451, 2025): art. 1 lid 1 onder a "Onze Minister: Onze Minister
  van Volksgezondheid, Welzijn en Sport";
* Wet algemene bepalingen burgerservicenummer (BWBR0022428, 2012): art. 1 onder a "Onze
  Minister: Onze Minister van Binnenlandse Zaken en Koninkrijksrelaties";
* Beleidsregel tegemoetkoming ondernemers getroffen sectoren COVID-19 (BWBR0043324): art. 1
  "minister: Minister van Economische Zaken en Klimaat".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, bundled_documents
from wetgraaf import pipeline
from wetgraaf.api.corpus import Corpus
from wetgraaf.pipeline import Layout
from wetgraaf.store import CorpusStore, StoreError

ZT = "BWBR0018451_2025-01-01_0.xml"
BSN = "BWBR0022428_2012-snapshot.xml"
COVID = "BWBR0043324_2020-03-27_1.xml"
BZK = "Onze Minister van Binnenlandse Zaken en Koninkrijksrelaties"
VWS = "Onze Minister van Volksgezondheid, Welzijn en Sport"


@pytest.fixture
def laws(tmp_path: Path) -> Path:
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in (ZT, BSN, COVID):
        shutil.copyfile(BUNDLED / name, folder / name)
    return folder


def _definitions(layout: Layout, bwb_id: str) -> dict[str, str]:
    with pipeline.open_store(layout) as s:
        (doc,) = s.documents([bwb_id], parts=("definitions",))
        return {d.term: d.definition for d in doc.definitions}


def _file_rows(layout: Layout) -> dict[str, tuple[int, str]]:
    with pipeline.open_store(layout) as s:
        return {Path(p).name: (fid, at) for fid, p, at in s.execute("SELECT file_id, path, ingested_at FROM files")}


def test_records_read_back_equal_what_was_parsed(tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    run = pipeline.ingest([BUNDLED], layout, workers=2)
    assert run.parsed == run.files == 18 and not run.rejected
    with pipeline.open_store(layout) as s:
        stored = {(d.regeling.bwb_id, d.regeling.version): d for d in s.documents()}
    parsed = {(d.regeling.bwb_id, d.regeling.version): d for d in bundled_documents()}
    assert stored.keys() == parsed.keys()
    for k, d in parsed.items():
        got = stored[k]
        assert got.regeling == d.regeling
        for part in ("units", "provisions", "definitions", "references", "rules", "warnings"):
            assert getattr(got, part) == getattr(d, part), (k, part)
    # the summary is counted in the store: same numbers as over the parsed documents
    assert run.summary["definitions"] == sum(len(d.definitions) for d in parsed.values())
    assert run.summary["regelingen"] == 18 and run.summary["rejected"] == 0


def test_unchanged_files_are_not_parsed_again(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    first = pipeline.ingest([laws], layout, workers=1)
    assert (first.parsed, first.unchanged, first.removed) == (3, 0, 0)
    rows = _file_rows(layout)
    again = pipeline.ingest([laws], layout, workers=1)
    assert (again.parsed, again.unchanged, again.removed, again.changed) == (0, 3, 0, False)
    assert again.generation == first.generation
    # a new modification time with the same bytes: hashed, found unchanged, not parsed
    os.utime(laws / ZT, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    touched = pipeline.ingest([laws], layout, workers=1)
    assert (touched.parsed, touched.unchanged) == (0, 3)
    assert _file_rows(layout) == rows


def test_a_changed_file_is_parsed_alone_and_the_analysis_follows(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    pipeline.ingest([laws], layout, workers=1)
    pipeline.prepare(layout, stages=("analysis",))
    before = Corpus.open(layout).definitions_of("Onze Minister")
    texts = {i["bwb_id"]: i["definition"] for i in before["items"]}
    assert texts == {"BWBR0018451": VWS, "BWBR0022428": BZK}
    assert {r["relation"] for r in before["relations"]} == {"divergent"}
    rows = _file_rows(layout)

    # the BSN law now names the same minister as the zorgtoeslag law
    p = laws / BSN
    p.write_bytes(
        re.sub(
            rb"Binnenlandse Zaken en\s+Koninkrijksrelaties;",
            b"Volksgezondheid, Welzijn en Sport;",
            p.read_bytes(),
            count=1,
        )
    )
    run = pipeline.ingest([laws], layout, workers=1)
    assert (run.parsed, run.unchanged, run.removed) == (1, 2, 0)
    after_rows = _file_rows(layout)
    assert after_rows[ZT] == rows[ZT] and after_rows[COVID] == rows[COVID]  # untouched rows
    assert after_rows[BSN] != rows[BSN]
    assert _definitions(layout, "BWBR0022428")["Onze Minister"] == VWS

    assert "generation" in (pipeline.stale(layout, "analysis") or "")
    rebuilt = pipeline.prepare(layout, stages=("analysis",))
    assert list(rebuilt) == ["analysis"]
    assert pipeline.stale(layout, "analysis") is None
    after = Corpus.open(layout).definitions_of("Onze Minister")
    # one text in both laws now: one group of identical definitions, nothing left to compare
    assert [sorted(k.split("&")[0] for k in g) for g in after["identical_groups"]] == [
        ["jci1.3:c:BWBR0018451", "jci1.3:c:BWBR0022428"]
    ]
    assert after["relations"] == [] and after["relations_total"] == 0


def test_a_removed_file_takes_its_records_and_cluster_members_with_it(laws: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tests.api_support import ALICE, TOKENS
    from wetgraaf.api import Settings, create_app

    layout = Layout(tmp_path / "out")
    shutil.copyfile(BUNDLED / "BWBR0018472_2012-snapshot.xml", laws / "BWBR0018472_2012-snapshot.xml")
    settings = Settings(paths=(str(laws),), out=layout.out, tokens=TOKENS)
    with TestClient(create_app(settings)) as c:
        (cluster,) = [x for x in c.get("/clusters", params={"term": "onze minister"}).json()["items"]]
        assert "BWBR0022428" in cluster["regelingen"] and len(cluster["regelingen"]) >= 3
        assert (
            c.put(f"/clusters/{cluster['id']}/decision", json={"status": "keep_apart"}, headers=ALICE).status_code
            == 200
        )

    (laws / BSN).unlink()
    run = pipeline.ingest([laws], layout, workers=1)
    assert (run.removed, run.parsed) == (1, 0)
    with pipeline.open_store(layout) as s:
        assert s.execute("SELECT count(*) FROM regelingen WHERE bwb_id = 'BWBR0022428'").fetchone()[0] == 0
        assert s.execute("SELECT count(*) FROM definitions WHERE id LIKE '%BWBR0022428%'").fetchone()[0] == 0
        assert s.execute("SELECT count(*) FROM files").fetchone()[0] == 3

    with TestClient(create_app(Settings(out=layout.out, tokens=TOKENS))) as c:
        (now,) = [x for x in c.get("/clusters", params={"term": "onze minister"}).json()["items"]]
        assert "BWBR0022428" not in now["regelingen"] and now["id"] != cluster["id"]
        assert now["membership_changed"]
        d = c.get(f"/clusters/{now['id']}/decision").json()
        assert d["previous_cluster_ids"] == [cluster["id"]]
        assert c.get("/regelingen/BWBR0022428").status_code == 404


def test_a_store_from_another_extractor_is_parsed_again(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    pipeline.ingest([laws], layout, workers=1)
    con = sqlite3.connect(layout.store)
    with con:
        con.execute("UPDATE files SET extractor = 'older'")
        con.execute("UPDATE meta SET value = 'older' WHERE key = 'extractor'")
    con.close()
    problem = pipeline.store_problem(layout)
    assert problem is not None and "another extractor version" in problem
    run = pipeline.ensure_store(layout)  # no paths: the store's own paths are parsed again
    assert run is not None and (run.parsed, run.unchanged) == (3, 0)
    assert pipeline.store_problem(layout) is None
    assert pipeline.ensure_store(layout) is None  # current now: nothing to do


def test_a_store_of_another_schema_is_refused_then_rebuilt(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    pipeline.ingest([laws], layout, workers=1)
    con = sqlite3.connect(layout.store)
    with con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema 0"):
        CorpusStore(layout.store, readonly=True)
    run = pipeline.ingest([laws], layout, workers=1)
    assert run.parsed == 3 and run.summary["regelingen"] == 3


def test_a_rejected_file_is_remembered_not_reparsed(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    (laws / "broken.xml").write_bytes((laws / COVID).read_bytes()[:5000])  # a download cut off
    first = pipeline.ingest([laws], layout, workers=1)
    assert [r.reason for r in first.rejected] == ["malformed"] and first.summary["rejected"] == 1
    assert (layout.quarantine / "broken.xml.reason").is_file()
    again = pipeline.ingest([laws], layout, workers=1)
    assert again.parsed == 0 and again.summary["rejected"] == 1  # still reported, not parsed again


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "serve", "--port", "1", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_serve_on_an_empty_or_missing_corpus_stops_with_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = _serve(str(empty), "--out", str(tmp_path / "o1"))
    assert proc.returncode != 0 and "no XML files" in proc.stderr, proc.stderr
    proc = _serve(str(tmp_path / "nope"), "--out", str(tmp_path / "o2"))
    assert proc.returncode != 0 and "nope: no such file" in proc.stderr, proc.stderr
    # only a rejected file: the store exists but holds no regeling
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.xml").write_bytes(b"not xml")
    proc = _serve(str(bad), "--out", str(tmp_path / "o3"))
    assert proc.returncode != 0 and "holds no regelingen" in proc.stderr, proc.stderr
    # the app factory refuses too, at start-up
    from fastapi.testclient import TestClient

    from wetgraaf.api import Settings, create_app

    with pytest.raises(pipeline.EmptyCorpus), TestClient(create_app(Settings(out=tmp_path / "o3"))):
        pass


def test_report_json_is_the_store_summary(laws: Path, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "out")
    run = pipeline.ingest([laws], layout, workers=1)
    report = json.loads(layout.report.read_text())
    assert report["regelingen"] == 3 and report["parsed"] == 3 and report["generation"] == run.generation


def test_an_analysis_built_by_other_code_is_stale(laws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Upgrading wetgraaf changes the analyses without touching the store: the old report must not be served."""
    layout = Layout(tmp_path / "out")
    pipeline.ingest([laws], layout, workers=1)
    pipeline.prepare(layout, stages=("analysis",))
    assert pipeline.stale(layout, "analysis") is None
    real = pipeline.code_version
    monkeypatch.setattr(pipeline, "code_version", lambda stage: "0" * 16 if stage == "analysis" else real(stage))
    assert "another version of its code" in (pipeline.stale(layout, "analysis") or "")
    assert list(pipeline.prepare(layout, stages=("analysis",))) == ["analysis"]
    assert pipeline.stale(layout, "analysis") is None
