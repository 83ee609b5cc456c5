"""``POST /check`` on drafts: every sentence form the extractor reads, and by-reference
definitions followed to the concept they land on (issue 16, item 7).

Expectations come from reading the laws in the bundled corpus:

* Awir (BWBR0018472, 2025) art. 3 lid 1: "Als partner wordt aangemerkt degene die ingevolge
  artikel 5a, eerste lid en derde tot en met zevende lid, van de Algemene wet inzake
  rijksbelastingen als partner wordt aangemerkt"; leden 2 and 3 add partners, leden 4-8 and
  art. 3b take some away. So a draft "partner: partner als bedoeld in artikel 3 van de Awir"
  takes over the Awir's concept unchanged, and through it builds on AWR (BWBR0002320) art. 5a,
  which the Awir does not leave as it is.
* Wet IB 2001 (BWBR0011353) art. 1.2 also builds on AWR art. 5a (lid 1 "In aanvulling op
  artikel 5a van de AWR …", lid 4 "In afwijking van artikel 5a …").
* *inkomen* is defined in the Toeslagenwet (BWBR0004043) art. 6, the Anw (BWBR0007795) art. 10
  and the IOW (BWBR0024394) art. 10 lid 4, and extended in the Tozo (BWBR0043402) art. 6 lid 3.
* No law of the bundled corpus defines *huishouden*; the Zvw (BWBR0018450) is not in it.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api_support import make_app

AWIR = "BWBR0018472"
AWR = "BWBR0002320"
WET_IB = "BWBR0011353"


@pytest.fixture(scope="module")
def ro(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("check-out")
    with TestClient(make_app(out, tmp_path_factory.mktemp("ro") / "review.sqlite")) as c:
        yield c


def _check(ro: TestClient, text: str) -> dict:
    r = ro.post("/check", json={"text": text})
    assert r.status_code == 200, r.text
    return r.json()


def test_awir_takeover_lands_on_the_awir_not_a_literal_comparison(ro: TestClient) -> None:
    body = _check(ro, "partner: partner als bedoeld in artikel 3 van de Awir")
    (d,) = body["definitions"]
    assert d["term"] == "partner" and d["kind"] == "by_reference"
    # no existing definition is compared with the draft's literal words ("divergent", 7 % alike)
    awr = [e for e in d["existing"] if e["bwb_id"] == AWR and e["artikel"] == "5a"]
    assert awr and all("similarity" not in e["evidence"] and "concept" in e["evidence"] for e in awr)
    c = d["concept"]
    (cit,) = c["citations"]
    assert cit["target"] == f"jci1.3:c:{AWIR}&artikel=3" and cit["problem"] == ""
    (built,) = c["builds_on"]
    assert built["bwb_id"] == AWIR and built["relation"] == "same" and built["where"] == "Awir art. 3"
    # the Awir's partner builds on AWR art. 5a and changes it (leden 2-8, art. 3b)
    assert [(x["bwb_id"], x["relation"]) for x in c["chain"]] == [(AWR, "modifies")]
    # Wet IB 2001 art. 1.2 builds on the same AWR art. 5a
    assert any(x["bwb_id"] == WET_IB and x["basis"] == "shared_basis" for x in c["compared"])
    # the answer opens with the plain summary
    assert list(body) == ["summary", "definitions"]
    (s,) = body["summary"]
    assert s["text"].startswith("partner: hergebruikt Awir art. 3 (zelfde begrip")
    assert "AWR art. 5a" in s["text"] and d["summary"] == s["text"]
    rows = {e["jci"]: e for e in d["existing"]}
    assert rows[f"jci1.3:c:{AWIR}&artikel=3&lid=1&g=2025-01-01"]["relation"] == "equivalent_by_reference"


def test_takeover_with_mede_verstaan_extends_what_it_takes_over(ro: TestClient) -> None:
    text = (
        "partner: partner als bedoeld in artikel 5a van de Algemene wet inzake rijksbelastingen, "
        "met dien verstande dat onder partner mede wordt verstaan de ongehuwde meerderjarige huisgenoot"
    )
    c = _check(ro, text)["definitions"][0]["concept"]
    (built,) = c["builds_on"]
    assert (built["bwb_id"], built["relation"], built["where"]) == (AWR, "extends", "AWR art. 5a")
    assert c["summary"].startswith("partner: bouwt voort op AWR art. 5a en breidt het uit")


def test_onder_x_wordt_verstaan_gives_the_term(ro: TestClient) -> None:
    body = _check(ro, "Onder huishouden wordt verstaan: een alleenstaande of twee echtgenoten met hun kinderen.")
    (d,) = body["definitions"]
    assert d["term"] == "huishouden"
    assert d["form"] == "onder_x_verstaan"
    assert body["summary"][0]["text"] == "huishouden: geen andere regeling in het corpus definieert huishouden."


def test_in_deze_regeling_wordt_onder_x_verstaan_gives_the_term(ro: TestClient) -> None:
    body = _check(ro, "In deze regeling wordt onder inkomen verstaan: het verzamelinkomen.")
    (d,) = body["definitions"]
    assert (d["term"], d["definition"]) == ("inkomen", "het verzamelinkomen")
    assert d["form"] == "wordt_onder_x_verstaan"
    laws = {x["bwb_id"] for x in d["concept"]["compared"]}
    assert laws == {"BWBR0004043", "BWBR0007795", "BWBR0024394", "BWBR0043402"}
    assert body["summary"][0]["text"].startswith(
        "inkomen: 4 regelingen definiëren dit begrip; uw tekst komt het dichtst bij "
    )


def test_list_lead_with_two_items_gives_two_terms(ro: TestClient) -> None:
    text = (
        "In deze wet wordt verstaan onder:\n"
        "a. draagkrachtgrens: het bedrag van € 20.000;\n"
        "b. aanvrager: degene die een aanvraag indient."
    )
    body = _check(ro, text)
    assert [d["term"] for d in body["definitions"]] == ["draagkrachtgrens", "aanvrager"]
    assert [s["term"] for s in body["summary"]] == ["draagkrachtgrens", "aanvrager"]
    assert all(d["form"] == "colon_item" for d in body["definitions"])


def test_mixed_lines_and_sentences_each_read_in_their_own_form(ro: TestClient) -> None:
    text = "draagkrachtgrens: het bedrag van € 20.000\nOnder huishouden wordt verstaan: een alleenstaande."
    body = _check(ro, text)
    assert [d["term"] for d in body["definitions"]] == ["draagkrachtgrens", "huishouden"]
    assert [(d["term"], d["form"]) for d in body["definitions"]] == [
        ("draagkrachtgrens", "colon_item"),
        ("huishouden", "onder_x_verstaan"),
    ]


@pytest.mark.parametrize(
    ("text", "written", "says"),
    [
        (
            "partner: partner als bedoeld in artikel 99 van de Wet op de onbekende regeling",
            "artikel 99 van de Wet op de onbekende regeling",
            "geen citeertitel of gangbare afkorting",
        ),
        (
            "zorgverzekering: zorgverzekering als bedoeld in artikel 1 van de Zvw",
            "artikel 1 van de Zvw",
            "BWBR0018450",
        ),
        (
            "partner: partner als bedoeld in artikel 99 van de Awir",
            "artikel 99 van de Awir",
            "geen definitie van partner",
        ),
    ],
)
def test_a_reference_that_cannot_be_followed_says_which_and_why(
    ro: TestClient, text: str, written: str, says: str
) -> None:
    body = _check(ro, text)
    (cit,) = body["definitions"][0]["concept"]["citations"]
    assert cit["concept"] is None and written in cit["problem"] and says in cit["problem"]
    assert body["definitions"][0]["concept"]["builds_on"] == []
    assert written in body["summary"][0]["text"]


def test_extension_sentence_is_read_as_an_extension(ro: TestClient) -> None:
    text = "Als partner wordt mede aangemerkt: de ongehuwde meerderjarige die met de aanvrager samenwoont."
    body = _check(ro, text)
    (d,) = body["definitions"]
    assert (d["term"], d["kind"]) == ("partner", "extension")
    assert [p["role"] for p in d["concept"]["parts"]] == ["extension"]
    assert "breidt het begrip uit" in body["summary"][0]["text"]


def test_restriction_sentence_is_read_as_a_restriction(ro: TestClient) -> None:
    body = _check(ro, "Een bloedverwant in de eerste graad wordt niet als partner aangemerkt.")
    (d,) = body["definitions"]
    assert (d["term"], d["kind"]) == ("partner", "restriction")
    assert [p["role"] for p in d["concept"]["parts"]] == ["restriction"]
    assert "beperkt het begrip" in body["summary"][0]["text"]


@pytest.mark.parametrize(
    "draft",
    [
        "partner: partner als bedoeld in artikel 3 van de Awir",
        "Onze Minister: Onze Minister van Volksgezondheid, Welzijn en Sport",
    ],
)
def test_readme_check_summaries_are_real(ro: TestClient, draft: str) -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    live = _check(ro, draft)["summary"][0]["text"]
    shown = re.findall(r'"text": "([^"]+)"', readme)
    assert live in shown
