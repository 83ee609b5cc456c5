"""The identity object: parse/print Juriconnect, canonical form, round trips."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wetgraaf.identity import InvalidLegalId, LegalId


def test_issue_example_round_trip() -> None:
    s = "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=a&g=2025-01-01"
    lid = LegalId.parse(s)
    assert (lid.bwb_id, lid.artikel, lid.lid, lid.onderdelen, lid.version) == (
        "BWBR0018472",
        "2",
        "1",
        ("a",),
        date(2025, 1, 1),
    )
    assert lid.jci == s
    assert LegalId.parse(lid.jci) == lid


def test_element_jci_with_containers_and_zichtdatum_is_canonicalised() -> None:
    # as written in the toestand meta-data of AWIR art. 2 lid 1 onderdeel e, sub 1
    raw = "jci1.3:c:BWBR0018472&amp;hoofdstuk=1&amp;paragraaf=2&amp;artikel=2&amp;lid=1&amp;o=e&amp;o=1&amp;z=2025-01-01&amp;g=2025-01-01"
    lid = LegalId.parse(raw)
    assert lid.jci == "jci1.3:c:BWBR0018472&artikel=2&lid=1&o=e&o=1&g=2025-01-01"
    assert lid.onderdelen == ("e", "1")
    assert lid.parent == LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=e&g=2025-01-01")


@pytest.mark.parametrize(
    "legacy,expected",
    [
        ("1.0:v:BWBR0002471&artikel=9", "jci1.3:c:BWBR0002471&artikel=9"),
        ("1.0:c:BWBR0018472&artikel=1&g=2025-01-01", "jci1.3:c:BWBR0018472&artikel=1&g=2025-01-01"),
        ("jci1.3:c:BWBR0002320", "jci1.3:c:BWBR0002320"),
        ("https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=3:40", "jci1.3:c:BWBR0005537&artikel=3:40"),
    ],
)
def test_legacy_and_url_forms(legacy: str, expected: str) -> None:
    assert LegalId.parse(legacy).jci == expected


def test_units_above_article_keep_their_path() -> None:
    h = LegalId("BWBR0005537", (("hoofdstuk", "8"), ("titeldeel", "8.1"), ("afdeling", "8.1.1")))
    assert h.jci == "jci1.3:c:BWBR0005537&hoofdstuk=8&titeldeel=8.1&afdeling=8.1.1"
    art = h.child("artikel", "8:5")
    assert art.jci == "jci1.3:c:BWBR0005537&artikel=8:5"  # containers dropped inside an article


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "BWBR0018472",
        "jci1.3:c:XYZ&artikel=1",
        "jci1.3:c:BWBR0018472&artikel",
        "jci1.3:c:BWBR0018472&foo=1",
        "jci1.3:c:BWBR0018472&g=2025-13-01",
        "jci1.3:c:BWBR0018472&lid=1&lid=2",
        "onbekend",
    ],
)
def test_invalid_strings_raise_a_clear_error(bad: str) -> None:
    with pytest.raises(InvalidLegalId):
        LegalId.parse(bad)


def test_url_and_iri_come_from_the_same_identity() -> None:
    lid = LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&o=a&g=2025-01-01")
    assert lid.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0018472&artikel=2&lid=1&o=a&g=2025-01-01"
    assert lid.iri == "http://wetten.overheid.nl/id/BWBR0018472/2025-01-01/artikel=2/lid=1/o=a"
    assert LegalId("BWBR0018472").iri == "http://wetten.overheid.nl/id/BWBR0018472"


_value = st.from_regex(r"[0-9]{1,3}[a-z]{0,2}(:[0-9]{1,3})?", fullmatch=True)


@given(
    bwb=st.from_regex(r"BWBR[0-9]{7}", fullmatch=True),
    artikel=_value,
    lid=st.none() | st.integers(1, 30).map(str),
    onds=st.lists(st.from_regex(r"[a-z]{1,2}|[0-9]{1,2}", fullmatch=True), max_size=3),
    version=st.none() | st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)),
)
def test_round_trip_property(bwb: str, artikel: str, lid: str | None, onds: list[str], version: date | None) -> None:
    path = [("artikel", artikel)] + ([("lid", lid)] if lid else []) + [("o", o) for o in onds]
    x = LegalId(bwb, tuple(path), version)
    assert LegalId.parse(x.jci) == x
    assert LegalId.parse(x.url) == x
    assert hash(LegalId.parse(x.jci)) == hash(x)


@pytest.mark.parametrize("bwb", ["BWBW6656", "BWBW33099", "BWBR0018472", "BWBV0001014"])
def test_bwb_ids_of_every_series_are_accepted(bwb: str) -> None:
    lid = LegalId(bwb, (("artikel", "IV"),))
    assert LegalId.parse(lid.jci) == lid


@pytest.mark.parametrize("bwb", ["BWBR001847", "BWBV00000001", "BWBW", "BWBX0018472", "BWBW12345678"])
def test_malformed_bwb_ids_are_refused(bwb: str) -> None:
    with pytest.raises(InvalidLegalId):
        LegalId(bwb)


def test_a_bwbw_regeling_of_the_2012_crawl_ingests_with_its_own_ids() -> None:
    """BWBW6656 (a KB of 1983, tests/data/bwbw/README.md) was rejected whole for its id."""
    from pathlib import Path

    from wetgraaf.ingest.parse import parse

    doc = parse((Path(__file__).parent / "data" / "bwbw" / "BWBW6656.xml").read_bytes(), name="BWBW6656.xml")
    assert doc.regeling.bwb_id == "BWBW6656" and doc.regeling.soort == "KB"
    assert [u.id.jci for u in doc.units if u.kind == "artikel"] == [
        f"jci1.3:c:BWBW6656&artikel={nr}" for nr in ("I", "II", "III", "IV")
    ]
