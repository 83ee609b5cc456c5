"""The command line, run as a user runs it (a real subprocess of the installed entry point)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import corpus_file
from wetgraaf.ingest.records import DEFINITION_KINDS

CONTRACT = ["bwb_id", "artikel", "lid", "onderdeel", "term", "definition", "kind", "scope", "refs", "jci", "file"]


def _wetgraaf(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("wetgraaf")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "wetgraaf.cli", *args]
    env = {**os.environ, "COLUMNS": "250"}  # wide tables: words are not folded across lines
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def _definitions(name: str) -> list[dict]:
    proc = _wetgraaf("definitions", str(corpus_file(name)))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.mark.parametrize("name", ["BWBR0018472_2025-01-01_0.xml", "BWBR0018472_2012-snapshot.xml"])
def test_awir_definitions_contract(name: str) -> None:
    rows = _definitions(name)
    assert rows and all(list(r) == CONTRACT for r in rows)
    by = {(r["artikel"], r["lid"], r["onderdeel"], r["term"], r["kind"]): r for r in rows}
    scope = "deze wet en de daarop berustende bepalingen, alsmede in inkomensafhankelijke regelingen"
    # article 2, read from the law
    bl = by[("2", "1", "a", "belastbaar loon", "by_reference")]
    assert bl["scope"] == scope and bl["refs"][0] == "artikel 9 van de Wet op de loonbelasting 1964"
    assert (
        by[("2", "1", "b", "berekeningsjaar", "explicit")]["definition"]
        == "het kalenderjaar waarop de tegemoetkoming betrekking heeft"
    )
    assert by[("2", "1", "c", "kind", "by_reference")]["refs"] == ["artikel 4"]
    assert by[("2", "1", "d", "lidstaat", "explicit")]["definition"].startswith(
        "een Staat die lid is van de Europese Unie"
    )
    mb = by[("2", "1", "e", "medebewoner", "explicit")]
    assert "met dien verstande dat als medebewoner niet wordt aangemerkt" in mb["definition"]
    assert (
        "1° de partner van de belanghebbende" in mb["definition"]
        and "3° degene die tot het huishouden" in mb["definition"]
    )
    assert ("2", "1", "e", "medebewoner", "restriction") in by  # the embedded exception, on its own
    assert by[("2", "1", "j", "verzamelinkomen", "by_reference")]["refs"] == [
        "artikel 2.18 van de Wet inkomstenbelasting 2001"
    ]
    assert (
        by[("2", "2", "" if name.endswith("snapshot.xml") else "a", "Onze Minister", "explicit")]["definition"]
        == "Onze Minister van Financiën"
    )
    for r in rows:
        assert (
            r["bwb_id"] == "BWBR0018472" and r["file"] == name and r["jci"].startswith("jci1.3:c:BWBR0018472&artikel=")
        )


def test_awir_2025_partner_in_article_3() -> None:
    rows = [r for r in _definitions("BWBR0018472_2025-01-01_0.xml") if r["artikel"] == "3" and r["term"] == "partner"]
    kinds = {(r["lid"], r["kind"]) for r in rows}
    # lid 1: "Partner van de belanghebbende is degene die ingevolge artikel 5a … AWR als partner wordt aangemerkt"
    assert ("1", "by_reference") in kinds
    lid1 = next(r for r in rows if r["lid"] == "1")
    assert lid1["definition"].startswith("degene die ingevolge artikel 5a") and lid1["refs"][0].startswith(
        "artikel 5a, eerste lid"
    )
    # lid 2: "… onder partner mede verstaan …", lid 8: "Onder partner wordt niet verstaan …"
    assert ("2", "extension") in kinds and ("8", "restriction") in kinds
    lid2 = next(r for r in rows if r["lid"] == "2")
    assert (
        lid2["scope"] == "deze wet en de daarop berustende bepalingen"
        and "a. uit wiens relatie met de belanghebbende" in lid2["definition"]
    )


def test_legacy_partner_is_an_own_definition() -> None:
    rows = [r for r in _definitions("BWBR0018472_2012-snapshot.xml") if r["artikel"] == "3" and r["term"] == "partner"]
    lid1 = next(r for r in rows if r["lid"] == "1")
    assert lid1["kind"] == "explicit" and "hierna als eerste wordt genoemd" in lid1["definition"]


def test_table_format_and_term_filter() -> None:
    awir = str(corpus_file("BWBR0018472_2025-01-01_0.xml"))
    table = _wetgraaf("definitions", "--format", "table", "--term", "partner", awir)
    assert table.returncode == 0 and "partner" in table.stdout and "bwb_id" in table.stdout
    rows = [json.loads(x) for x in _wetgraaf("definitions", "--term", "Partner", awir).stdout.splitlines()]
    assert rows and {r["term"].lower() for r in rows} == {"partner"}


def test_ingest_summary_and_report(tmp_path: Path) -> None:
    files = [corpus_file(n) for n in ("BWBR0018472_2025-01-01_0.xml", "BWBR0018451_2012-snapshot.xml")]
    proc = _wetgraaf("ingest", "--out", str(tmp_path), *map(str, files))
    assert proc.returncode == 0, proc.stderr
    for word in ("regelingen", "articles", "definitions", "references", "rules: obligation", "rejected"):
        assert word in proc.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["regelingen"] == 2 and report["rejected"] == 0
    records = _wetgraaf("records", "definitions", "--out", str(tmp_path))
    defs = [json.loads(x) for x in records.stdout.splitlines()]
    assert len(defs) == report["definitions"] and {d["kind"] for d in defs} <= set(DEFINITION_KINDS)
    assert sum(report["rules_by_type"].values()) == report["rules"]


def test_run_on_the_bundled_corpus(tmp_path: Path) -> None:
    proc = _wetgraaf("run", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "clusters ranked as simplification candidates" in proc.stdout
    assert "verzekerd" in proc.stdout and "partner" in proc.stdout and "Algemene Ouderdomswet" in proc.stdout
    assert (tmp_path / "analysis" / "report.json").exists() and (tmp_path / "corpus.sqlite").exists()


def test_unknown_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = _wetgraaf("definitions", str(tmp_path / "nope.xml"))
    assert proc.returncode == 1 and "nope.xml: no such file" in proc.stderr


def test_readme_examples_are_real_output() -> None:
    """The JSON lines shown in the README are exactly what the command prints today."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    contract = readme.split("### The definitions contract", 1)[1]
    block = contract.split("```json\n", 1)[1].split("```", 1)[0]
    shown = [json.loads(line) for line in block.splitlines() if line.strip()]
    assert shown
    for row in shown:
        assert row in _definitions(row["file"])


def test_a_table_piped_is_tab_separated_and_never_wrapped() -> None:
    """New-user report: piped, the definitions table wrapped a few characters per line at 80 columns.
    Piped (not a terminal), every table is a header and one tab-separated line per row."""
    iow = str(corpus_file("BWBR0024394_2012-snapshot.xml"))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # the default width of a pipe
    exe = shutil.which("wetgraaf")
    cmd = [exe] if exe else [sys.executable, "-m", "wetgraaf.cli"]
    proc = subprocess.run([*cmd, "definitions", iow, "--format", "table"], capture_output=True, text=True, env=env)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and lines[0].split("\t") == [
        "bwb_id",
        "artikel",
        "lid",
        "o",
        "term",
        "kind",
        "scope",
        "definition",
    ]
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and all(len(r) == 8 for r in rows)
    # IOW art. 2 lid 3, read from the law: "Van een gezamenlijke huishouding is sprake indien twee personen
    # hun hoofdverblijf in dezelfde woning hebben en zij blijk geven zorg te dragen voor elkaar …"
    (gh,) = [r for r in rows if r[4] == "gezamenlijke huishouding"]
    assert gh[:3] == ["BWBR0024394", "2", "3"] and gh[7].startswith(
        "indien twee personen hun hoofdverblijf in dezelfde woning"
    )


def test_query_with_an_invalid_norm_type_fails_and_lists_the_valid_ones() -> None:
    """New-user report: `--param norm_type=verplichting` printed an empty table and exited 0."""
    proc = _wetgraaf("query", "law_rules", "--param", "bwb_id=BWBR0018472", "--param", "norm_type=verplichting")
    assert proc.returncode != 0 and "obligation" in proc.stderr and "verplichting" in proc.stderr, proc.stderr


def test_query_backend_is_called_cypher_as_in_the_api_and_ladybug_is_a_deprecated_alias(tmp_path: Path) -> None:
    """Issue 15: the CLI called the Cypher form ``ladybug``, the API ``cypher``. Read from the AWIR
    (2025): article 2, first lid, onderdeel f defines partner by reference ("de persoon bedoeld in
    artikel 3") and article 3, first lid, refers on to article 5a of the AWR."""
    out = str(tmp_path / "out")
    awir = str(corpus_file("BWBR0018472_2025-01-01_0.xml"))
    assert _wetgraaf("ingest", awir, "--out", out).returncode == 0
    assert _wetgraaf("build", "--out", out).returncode == 0
    args = ("query", "definitions_of_term", "--param", "term=partner", "--format", "json", "--out", out)
    rows = {}
    for backend in ("sparql", "cypher", "ladybug"):
        proc = _wetgraaf(*args, "--backend", backend)
        assert proc.returncode == 0, proc.stderr
        rows[backend] = json.loads(proc.stdout)
        assert ("deprecated" in proc.stderr) is (backend == "ladybug"), proc.stderr
    assert rows["cypher"] == rows["ladybug"]
    by_jci = {r["jci"]: r for r in rows["cypher"]}
    f = by_jci["jci1.3:c:BWBR0018472&artikel=2&lid=1&o=f&g=2025-01-01"]
    assert (f["kind"], f["definition"]) == ("by_reference", "de persoon bedoeld in artikel 3")
    assert "artikel 5a" in by_jci["jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01"]["definition"]
    assert {r["jci"] for r in rows["sparql"]} == set(by_jci)
    assert "--backend ladybug" not in _wetgraaf("query", "--help").stdout.replace("'ladybug' is a deprecated", "")
