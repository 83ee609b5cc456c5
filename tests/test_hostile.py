"""Hostile and broken input: a clear one-line error naming the file, nothing else read,
no hang, and the rest of the batch still ingests.

Each case runs the real `wetgraaf ingest` command in a subprocess with a time limit,
together with a real corpus file that must still be ingested.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import corpus_file
from wetgraaf.ingest import RejectedFile, parse
from wetgraaf.ingest.batch import ingest_paths

GOOD = "BWBR0018451_2025-01-01_0.xml"  # Wet op de zorgtoeslag, small

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE wetgeving [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<wetgeving bwb-id="BWBR0000001" soort="wet"><intitule>&lol9;</intitule></wetgeving>
"""


def _run(paths: list[Path], out: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "ingest", "--out", str(out), "--json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _check_batch(bad: Path, tmp_path: Path, reason: str) -> str:
    good = tmp_path / GOOD
    good.write_bytes(corpus_file(GOOD).read_bytes())
    proc = _run([bad, good], tmp_path / "out")
    assert proc.returncode == 1, proc.stderr  # 1 = some files rejected, the others ingested
    report = json.loads(proc.stdout)
    assert report["regelingen"] == 1 and report["rejected"] == 1
    (rej,) = report["rejected_files"]
    assert rej["reason"] == reason, rej
    error_lines = [line for line in proc.stderr.splitlines() if line.startswith("ERROR")]
    assert len(error_lines) == 1 and str(bad) in error_lines[0], proc.stderr
    # quarantined with its reason, input left in place
    assert (tmp_path / "out" / "quarantine" / (bad.name + ".reason")).read_text().startswith(reason)
    assert bad.exists()
    records = subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "records", "regelingen", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    regs = [json.loads(x) for x in records.stdout.splitlines()]
    assert [r["bwb_id"] for r in regs] == ["BWBR0018451"]
    return error_lines[0]


def test_billion_laughs(tmp_path: Path) -> None:
    bad = tmp_path / "laughs.xml"
    bad.write_text(BILLION_LAUGHS)
    line = _check_batch(bad, tmp_path, "hostile_dtd")
    assert "entities" in line


def test_xxe_pointing_at_a_local_file_is_never_read(tmp_path: Path) -> None:
    # The entity points at a FIFO: if anything tried to open it, open() would block
    # and the subprocess would time out. The secret must not appear anywhere.
    fifo = tmp_path / "secret.fifo"
    os.mkfifo(fifo)
    bad = tmp_path / "xxe.xml"
    bad.write_text(
        f'<?xml version="1.0"?><!DOCTYPE wetgeving [ <!ENTITY xxe SYSTEM "file://{fifo}"> ]>'
        '<wetgeving bwb-id="BWBR0000001" soort="wet"><intitule>&xxe;</intitule></wetgeving>'
    )
    _check_batch(bad, tmp_path, "hostile_dtd")


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    # Legacy BWB files name an external DTD; it must never be fetched or opened.
    fifo = tmp_path / "dtd.fifo"
    os.mkfifo(fifo)
    good_legacy = corpus_file("BWBR0018451_2012-snapshot.xml").read_text(encoding="utf-8")
    doc = good_legacy.replace("http://wetten.overheid.nl/dtd/bwb-plus-meta-1_61w.dtd", f"file://{fifo}")
    assert f"file://{fifo}" in doc
    f = tmp_path / "legacy_local_dtd.xml"
    f.write_text(doc, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "wetgraaf.cli", "definitions", str(f)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "zorgtoeslag" in proc.stdout


def test_truncated_file(tmp_path: Path) -> None:
    data = corpus_file(GOOD).read_bytes()
    bad = tmp_path / "truncated.xml"
    bad.write_bytes(data[: len(data) // 2])
    line = _check_batch(bad, tmp_path, "malformed")
    assert "malformed XML at line" in line


def test_non_bwb_xml(tmp_path: Path) -> None:
    bad = tmp_path / "feed.xml"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>nieuws</title></channel></rss>')
    line = _check_batch(bad, tmp_path, "not_bwb")
    assert "<rss>" in line


def test_zero_byte_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.xml"
    bad.write_bytes(b"")
    line = _check_batch(bad, tmp_path, "empty")
    assert "empty file" in line


def test_not_xml_at_all(tmp_path: Path) -> None:
    bad = tmp_path / "binary.xml"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    _check_batch(bad, tmp_path, "not_xml")


def test_deeply_nested_input_is_refused_not_recursed(tmp_path: Path) -> None:
    depth = 20_000
    bad = tmp_path / "deep.xml"
    bad.write_text(
        '<wetgeving bwb-id="BWBR0000001" soort="wet">' + "<al>" * depth + "x" + "</al>" * depth + "</wetgeving>"
    )
    _check_batch(bad, tmp_path, "malformed")


def test_size_limit(tmp_path: Path) -> None:
    f = tmp_path / GOOD
    f.write_bytes(corpus_file(GOOD).read_bytes())
    result = ingest_paths([f], max_bytes=1000)
    assert [r.reason for r in result.rejected] == ["too_large"]
    assert "too large" in str(result.rejected[0])


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = ingest_paths([tmp_path / "nope.xml"])
    assert [r.reason for r in result.rejected] == ["missing"]


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello", "not_xml"),
        (BILLION_LAUGHS.encode(), "hostile_dtd"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ELEMENT x ANY>]><x/>', "internal_dtd"),
        # truncated inside the second start tag, and no bwb-id: lxml 5 delivers the root's start
        # event first (not_bwb), libxml2 2.14 (lxml 6) reports the end of input first (malformed)
        (b"<toestand><wetgeving", ("not_bwb", "malformed")),
        (b'<toestand><wetgeving soort="wet"><intitule>x</intitule></wetgeving></toestand>', "not_bwb"),
        (
            b'<toestand bwb-id="BWBR0000001" inwerkingtreding="2025-01-01"><wetgeving soort="wet"><intitule>x',
            "malformed",
        ),
        (b'<wetgeving soort="wet"/>', "not_bwb"),
        (b'<toestand bwb-id="BWBR0000001"/>', "not_bwb"),
        (b'<wetgeving bwb-id="NOT-AN-ID" soort="wet"><intitule>x</intitule></wetgeving>', "bad_identity"),
    ],
)
def test_parse_rejects_with_reason(data: bytes, reason: str | tuple[str, ...]) -> None:
    with pytest.raises(RejectedFile) as exc:
        parse(data, name="x.xml")
    assert exc.value.reason in ((reason,) if isinstance(reason, str) else reason)
    assert "\n" not in str(exc.value)
