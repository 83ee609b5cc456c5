"""Series: a regeling re-enacted each year under one title is compared with other laws once, as its newest member.

The files (tests/data/series/README.md) are the 2006, 2007 and 2008 levy by-laws of the Hoofdbedrijfschap
Ambachten for the natuursteenbedrijf. Each defines *ondernemer* ("degene die een onderneming drijft, dan wel
degenen die gezamenlijk een onderneming drijven") and *werkende*, which the 2008 by-law rewrote in the
singular. The Wet op de omzetbelasting 1968 (shared corpus) defines *ondernemer* on its own (art. 7).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.series import find_series, series_key
from wetgraaf.ingest.parse import parse
from wetgraaf.ingest.records import Document

HERE = Path(__file__).parent / "data" / "series"
OB = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bwb" / "BWBR0002629_2012-snapshot.xml"


@pytest.fixture(scope="module")
def levies() -> list[Document]:
    return [parse(p.read_bytes(), name=p.name) for p in sorted(HERE.glob("*.xml"))]


def test_the_yearly_by_laws_are_one_series_whose_newest_is_2008(levies: list[Document]) -> None:
    (s,) = find_series(levies)
    assert s.current == "BWBR0023423"
    assert s.earlier == ("BWBR0021014", "BWBR0019025")
    assert s.years == ("2008", "2007", "2006")


def test_two_boards_by_laws_of_one_year_are_no_series() -> None:
    """Two product boards each have a "Verordening op het bestuur 2012" (2012 dump): one year, two by-laws,
    no re-enactment. A date alone ("Wet van 31 mei 1937", "Wet van 16 maart 1921") says nothing of what a
    law is about."""

    def doc(bwb: str, title: str, soort: str = "pbo") -> SimpleNamespace:
        return SimpleNamespace(regeling=SimpleNamespace(bwb_id=bwb, citeertitel=title, soort=soort))

    assert (
        find_series([doc("BWBR1", "Verordening op het bestuur 2012"), doc("BWBR2", "Verordening op het bestuur 2012")])
        == []
    )
    assert find_series([doc("BWBR3", "Wet van 31 mei 1937", "wet"), doc("BWBR4", "Wet van 16 maart 1921", "wet")]) == []
    assert series_key("Wet van 31 mei 1937") is None


@pytest.mark.skipif(not OB.exists(), reason="needs ../shared/corpus")
def test_only_the_newest_by_law_is_compared_with_other_laws(levies: list[Document]) -> None:
    ob = parse(OB.read_bytes(), name=OB.name)
    report = analyse([*levies, ob])
    assert report["summary"]["earlier_in_series"] == 2
    in_clusters = {b for c in report["clusters"] for b in c["regelingen"]}
    assert "BWBR0021014" not in in_clusters and "BWBR0019025" not in in_clusters
    # 2006 and 2008 word *werkende* differently; as years of one series that is no divergence
    assert not [c for c in report["clusters"] if "werkende" in c["terms"]]
    # the by-law's ondernemer is still compared with the VAT act's, once
    (onder,) = [c for c in report["clusters"] if "ondernemer" in c["terms"]]
    assert sorted(onder["regelingen"]) == ["BWBR0002629", "BWBR0023423"]
