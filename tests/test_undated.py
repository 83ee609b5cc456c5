"""Texts without a version date (the 2012 snapshots) say so and never link today's text as theirs.

Issue 15: the 2012 files (``BWBR…_2012-snapshot.xml``, the legacy ``<wetgeving>`` format of the
2012 dump of wetten.overheid.nl) have no version date; their links went to
``https://wetten.overheid.nl/jci1.3:c:BWBR…&artikel=…``, which opens today's text of that
article, as if it were the snapshot's.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from tests.conftest import corpus_file, parsed
from wetgraaf.api import Settings, create_app
from wetgraaf.api.corpus import Corpus

AOW, TW, AWIR = "BWBR0002221", "BWBR0004043", "BWBR0018472"
FILES = [f"{AOW}_2012-snapshot.xml", f"{TW}_2012-snapshot.xml", f"{AWIR}_2025-01-01_0.xml"]
AOW_PAGE = f"https://wetten.overheid.nl/{AOW}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("undated")
    corpus = Corpus.from_documents([parsed(n) for n in FILES], out / "out")
    app = create_app(Settings(out=out / "out", review_db=out / "review.sqlite"), corpus=corpus)
    with TestClient(app) as c:
        yield c


def test_the_2012_snapshot_holds_no_version_date() -> None:
    """What the file holds: ``<wetgeving bwb-id="BWBR0002221" dtdversie="2.0" id="74109"
    xml:lang="nl" soort="wet">``, no toestand around it; its only dates are ``<datum
    isodatum="">31 mei 1956</datum>`` (when it was signed), so there is no date to take."""
    path = corpus_file(FILES[0])
    root = etree.parse(str(path)).getroot()
    assert root.tag == "wetgeving"
    assert {a.split("}")[-1] for a in root.attrib} == {"bwb-id", "dtdversie", "id", "lang", "soort"}
    assert not re.search(rb"(inwerkingtreding|vigerend|laatst|geldig)[a-z-]*=", path.read_bytes())
    assert parsed(FILES[0]).regeling.version is None


def test_undated_definitions_say_so_and_link_the_regelings_page(client: TestClient) -> None:
    items = client.get("/terms/gezamenlijke huishouding/definitions", params={"limit": 100}).json()["items"]
    aow = [d for d in items if d["bwb_id"] == AOW]
    assert aow and all(d["version"] is None and d["undated"] is True for d in aow)
    assert {d["url"] for d in aow} == {AOW_PAGE}
    assert all(d["undated"] and d["url"] == f"https://wetten.overheid.nl/{d['bwb_id']}" for d in items)
    # the AWIR 2025 toestand is dated: its deep link stays, with its date
    partner = client.get("/terms/partner/definitions").json()["items"]
    assert partner and all(d["bwb_id"] == AWIR and not d["undated"] for d in partner)
    assert all("&g=2025-01-01" in d["url"] for d in partner)


def test_undated_regeling_and_article_say_so(client: TestClient) -> None:
    r = client.get(f"/regelingen/{AOW}").json()
    assert (r["latest_version"], r["undated"], r["url"]) == (None, True, AOW_PAGE)
    assert all(a["url"] == AOW_PAGE for a in r["article_list"])
    assert client.get(f"/regelingen/{AWIR}").json()["undated"] is False
    a = client.get(f"/articles/jci1.3:c:{AOW}%26artikel=1").json()
    assert (a["version"], a["undated"], a["url"]) == (None, True, AOW_PAGE)
    assert a["provisions"] and {p["url"] for p in a["provisions"]} == {AOW_PAGE}
    assert a["definitions"] and all(d["undated"] for d in a["definitions"])
    dated = client.get(f"/articles/jci1.3:c:{AWIR}%26artikel=2").json()
    assert dated["undated"] is False and dated["url"].endswith("&artikel=2&g=2025-01-01")


def test_every_card_of_an_undated_text_says_so(client: TestClient) -> None:
    html = client.get("/ui/terms/gezamenlijke huishouding").text
    cards = re.split(r"<div class=\"card[ \"]", html)[1:]
    assert len(cards) == 2
    for card in cards:
        assert "ongedateerde momentopname" in card
        hrefs = re.findall(r'href="(https://wetten[^"]*)"', card)
        assert hrefs and set(hrefs) <= {AOW_PAGE, f"https://wetten.overheid.nl/{TW}"}
    clusters = client.get("/clusters", params={"limit": 100}).json()["items"]
    cid = next(c["id"] for c in clusters if "gezamenlijke huishouding" in c["terms"])
    page = client.get(f"/ui/clusters/{cid}").text
    concepts = re.split(r'<article class="concept"', page)[1:]
    assert concepts
    for card in concepts:
        assert "ongedateerde momentopname" in card
        hrefs = re.findall(r'href="(https://wetten[^"]*)"', card)
        assert hrefs and set(hrefs) <= {AOW_PAGE, f"https://wetten.overheid.nl/{TW}"}
    members = client.get(f"/clusters/{cid}").json()["members"]
    assert members and all(m["url"] in (AOW_PAGE, f"https://wetten.overheid.nl/{TW}") for m in members)
