"""Review clusters of kind ``rule`` and the provision page, on the bundled corpus.

Every expectation is read from the law texts of the bundled corpus (``wetgraaf/data/corpus``):

* AOW (BWBR0002221) art. 52: "In afwijking van artikel 7:10, eerste lid, van de Algemene wet
  bestuursrecht beslist de Sociale verzekeringsbank binnen dertien weken gerekend vanaf de dag na
  die waarop de termijn voor het indienen van het bezwaarschrift is verstreken."
* Wet IB 2001 (BWBR0011353) art. 9.5 lid 4: "In afwijking van artikel 7:10, eerste lid, van de
  Algemene wet bestuursrecht beslist de inspecteur binnen zes weken na ontvangst van een
  bezwaarschrift als bedoeld in het tweede lid."
* Wlz (BWBR0035917) art. 10.3.1 lid 5: "Indien het Zorginstituut is verzocht advies uit te brengen,
  wordt de beslissing op bezwaar in afwijking van artikel 7:10, eerste lid, van de Algemene wet
  bestuursrecht genomen binnen eenentwintig weken …".

So deciding on a bezwaar takes 13 weeks under the AOW, 6 under the Wet IB 2001 and 21 under the
Wlz (when the Zorginstituut advises): one rule cluster of the termijn for *beslissen*; and Awb
art. 7:10, which all three set aside, is a derogation hotspot and a cluster of its own. The Awb
itself is not in the bundled corpus: its page shows the rules of the corpus that set it aside.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.api_support import ALICE, BOB, TOKENS, make_app
from tests.conftest import bundled_documents
from wetgraaf.graph.analysis.network import latest_documents
from wetgraaf.graph.analysis.report import analyse
from wetgraaf.graph.analysis.rule_clusters import RuleCluster, rule_clusters

J = "jci1.3:c:"
AOW, WIB, WLZ = "BWBR0002221", "BWBR0011353", "BWBR0035917"
AOW_52, WIB_9_5_4, WLZ_10_3_1_5 = (
    f"{J}{AOW}&artikel=52",
    f"{J}{WIB}&artikel=9.5&lid=4",
    f"{J}{WLZ}&artikel=10.3.1&lid=5",
)
AWB_7_10 = f"{J}BWBR0005537&artikel=7:10"


@cache
def _clusters(reverse: bool = False) -> tuple[RuleCluster, ...]:
    docs = latest_documents(bundled_documents())
    return tuple(rule_clusters(docs[::-1] if reverse else docs))


def _beslissen(clusters: tuple[RuleCluster, ...]) -> RuleCluster:
    [c] = [c for c in clusters if c.source == "parameter" and c.title == "termijn voor beslissen"]
    return c


def _hotspot(clusters: tuple[RuleCluster, ...], target: str) -> RuleCluster:
    [c] = [c for c in clusters if c.source == "hotspot" and c.members[0].key == target]
    return c


# ----------------------------------------------------------------------------- the analysis
def test_deciding_on_a_bezwaar_is_one_rule_cluster_with_each_laws_termijn() -> None:
    c = _beslissen(_clusters())
    value = {m.key: m.value for m in c.members}
    assert value[AOW_52] == "13 weken"
    assert value[WIB_9_5_4] == "6 weken"
    assert value[WLZ_10_3_1_5] == "21 weken"
    assert {AOW, WIB, WLZ} <= set(c.regelingen)
    assert all(m.role == "parameter" for m in c.members)
    # the score says what makes it score: laws, different values, normative weight
    assert c.score_parts["regelingen"] == 2.0 * (len(c.regelingen) - 1)
    assert c.score_parts["values"] > 0 and c.score_parts["normative"] > 0
    assert c.score == pytest.approx(sum(c.score_parts.values()), abs=0.01)
    assert c.why.startswith("De termijn voor «beslissen» verschilt tussen")
    assert "13 weken (AOW art. 52" in c.why and "Wet IB 2001 art. 9.5 lid 4" in c.why and "21 weken" in c.why


def test_awb_7_10_set_aside_by_the_laws_is_a_hotspot_cluster() -> None:
    c = _hotspot(_clusters(), AWB_7_10)
    roles = {m.key: m.role for m in c.members}
    assert roles[AWB_7_10] == "target"
    assert roles[AOW_52] == roles[WIB_9_5_4] == roles[WLZ_10_3_1_5] == "derogates_from"
    assert c.relations["derogates_from"] == len(c.members) - 1
    assert c.title == "Awb art. 7:10"
    # the leden that set it aside give different termijnen: 6, 13 and 21 weeks at least
    assert c.score_parts["values"] > 0
    assert "6 weken" in c.why and "13 weken" in c.why and "21 weken" in c.why


def test_ids_are_stable_and_never_a_definition_clusters() -> None:
    """The same laws analysed in another order give the same ids; no rule cluster's id is a definition
    cluster's, and no two rule clusters share one."""
    once, again = _clusters(), _clusters(reverse=True)
    assert [c.id for c in once] == [c.id for c in again]
    assert _beslissen(once).id == _beslissen(again).id
    assert len({c.id for c in once}) == len(once)
    report = analyse(bundled_documents())
    definition_ids = {c["id"] for c in report["clusters"]}
    assert definition_ids and not definition_ids & {c["id"] for c in report["rule_clusters"]}
    assert {c["kind"] for c in report["clusters"]} == {"definition"}
    assert {c["kind"] for c in report["rule_clusters"]} == {"rule"}
    assert _beslissen(once).id in {c["id"] for c in report["rule_clusters"]}


def test_without_the_wlz_the_cluster_has_other_members_so_another_id() -> None:
    docs = [d for d in latest_documents(bundled_documents()) if d.regeling.bwb_id != WLZ]
    fewer = _beslissen(tuple(rule_clusters(docs)))
    assert WLZ_10_3_1_5 not in {m.key for m in fewer.members}
    assert fewer.id != _beslissen(_clusters()).id


# ----------------------------------------------------------------------------- the API
@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rule-clusters-out")


@pytest.fixture()
def client(out: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    with TestClient(make_app(out, tmp_path / "review.sqlite")) as c:
        yield c


def _rule_id(c: TestClient, title: str) -> str:
    items = c.get("/clusters", params={"kind": "rule", "limit": 500}).json()["items"]
    [x] = [x for x in items if x["title"] == title]
    return str(x["id"])


def test_clusters_filter_by_kind(client: TestClient) -> None:
    every = client.get("/clusters", params={"limit": 500}).json()
    rules = client.get("/clusters", params={"kind": "rule", "limit": 500}).json()
    definitions = client.get("/clusters", params={"kind": "definition", "limit": 500}).json()
    assert rules["total"] and definitions["total"]
    assert rules["total"] + definitions["total"] == every["total"]
    assert {x["kind"] for x in rules["items"]} == {"rule"} and {x["kind"] for x in definitions["items"]} == {
        "definition"
    }
    assert all(x["id"].startswith("r-") and x["why"] for x in rules["items"])
    assert client.get("/clusters", params={"kind": "other"}).status_code == 422
    # the law filter reads a rule cluster's members too
    wlz = client.get("/clusters", params={"kind": "rule", "law": WLZ, "limit": 500}).json()["items"]
    assert any(x["title"] == "termijn voor beslissen" for x in wlz)


def test_a_rule_cluster_in_detail(client: TestClient) -> None:
    cid = _rule_id(client, "termijn voor beslissen")
    d = client.get(f"/clusters/{cid}").json()
    assert (d["kind"], d["source"], d["pairs"]) == ("rule", "parameter", [])
    members = {m["key"]: m for m in d["members"]}
    assert members[AOW_52]["value"] == "13 weken" and members[AOW_52]["title"] == "Algemene Ouderdomswet"
    assert members[WIB_9_5_4]["value"] == "6 weken"
    assert d["detail"]["act"] == "beslissen"


def test_a_decision_on_a_rule_cluster(client: TestClient) -> None:
    cid = _rule_id(client, "termijn voor beslissen")
    url = f"/clusters/{cid}/decision"
    assert client.get(url).headers["etag"] == '"0"'
    r = client.put(url, json={"status": "harmonise", "note": "één beslistermijn"}, headers=ALICE)
    assert r.status_code == 200 and r.headers["etag"] == '"1"'
    assert r.json()["members"] == sorted(m["key"] for m in client.get(f"/clusters/{cid}").json()["members"])
    assert client.put(url, json={"status": "keep_apart"}, headers=BOB).status_code == 428
    assert client.put(url, json={"status": "keep_apart"}, headers={**BOB, "If-Match": '"7"'}).status_code == 412
    now = client.get(url).json()
    assert (now["status"], now["note"], now["version"], now["membership_changed"]) == (
        "harmonise",
        "één beslistermijn",
        1,
        False,
    )
    assert [h["actor"] for h in client.get(f"/clusters/{cid}/history").json()["items"]] == ["alice"]
    assert client.get("/clusters", params={"status": "harmonise"}).json()["items"][0]["id"] == cid


def test_a_removed_member_flags_the_successor(out: Path, tmp_path: Path) -> None:
    """Without the Wlz the termijn cluster loses Wlz art. 10.3.1 lid 5: another id, and the cluster
    that inherits the decided members is flagged ``membership_changed``."""
    from wetgraaf.api import Settings, create_app
    from wetgraaf.api.corpus import Corpus

    db = tmp_path / "review.sqlite"
    with TestClient(make_app(out, db)) as c:
        cid = _rule_id(c, "termijn voor beslissen")
        assert c.put(f"/clusters/{cid}/decision", json={"status": "in_review"}, headers=ALICE).status_code == 200
    fewer = Corpus.from_documents([d for d in bundled_documents() if d.regeling.bwb_id != WLZ], tmp_path / "fewer")
    assert cid not in fewer.clusters
    with TestClient(create_app(Settings(out=tmp_path / "fewer", review_db=db, tokens=TOKENS), corpus=fewer)) as c:
        now = _rule_id(c, "termijn voor beslissen")
        assert now != cid
        d = c.get(f"/clusters/{now}/decision").json()
        assert d["membership_changed"] is True and d["previous_cluster_ids"] == [cid]
        listed = [
            x for x in c.get("/clusters", params={"kind": "rule", "limit": 500}).json()["items"] if x["id"] == now
        ]
        assert listed[0]["membership_changed"] is True
        # the decided cluster is gone: its id answers 404
        assert c.get(f"/clusters/{cid}").status_code == 404


# ----------------------------------------------------------------------------- the pages
def _page(jci: str) -> str:
    return "/ui/articles/" + quote(jci, safe=":")


def test_the_provision_page_of_awb_7_10_names_the_laws_that_set_it_aside(client: TestClient) -> None:
    r = client.get(_page(AWB_7_10))
    assert r.status_code == 200
    page = r.text
    assert "staat niet in het corpus" in page  # the bundled corpus has no Awb
    laws = page.split('id="laws"', 1)[1].split("</p>", 1)[0]
    assert "Algemene Ouderdomswet" in laws and "Wet inkomstenbelasting 2001" in laws and "Wet langdurige zorg" in laws
    assert AOW not in laws  # laws by their title, not their BWB id
    assert f'href="{_page(AOW_52)}"' in page


def test_the_provision_page_of_aow_52(client: TestClient) -> None:
    page = client.get(_page(AOW_52)).text
    assert "beslist de Sociale verzekeringsbank binnen dertien weken" in page
    stated = page.split('id="stated"', 1)[1].split("</table>", 1)[0]
    assert "wijkt af van" in stated and f'href="{_page(AWB_7_10)}"' in stated
    params = page.split('id="parameters"', 1)[1].split("</table>", 1)[0]
    assert "binnen dertien weken" in params and "beslissen" in params and "weken" in params
    # and the rule clusters it is in, linked
    cid = _rule_id(client, "termijn voor beslissen")
    assert f'href="/ui/clusters/{cid}"' in page


def test_the_rule_cluster_page_links_its_provisions(client: TestClient) -> None:
    cid = _rule_id(client, "Awb art. 7:10")
    r = client.get(f"/ui/clusters/{cid}")
    assert r.status_code == 200
    assert "wordt in" in r.text and "andere wetten opzijgezet" in r.text
    assert f'href="{_page(AOW_52)}"' in r.text and f'href="{_page(AWB_7_10)}"' in r.text
    assert 'action="/ui/clusters/' + cid + '/decision"' in r.text
    listing = client.get("/ui/clusters", params={"kind": "rule"}).text
    assert cid in listing and "c-" not in listing.split("<table", 1)[1]


def test_an_unknown_provision_is_a_404_page(client: TestClient) -> None:
    for jci in (f"{J}{AOW}&artikel=9999", "geen-verwijzing", f"{J}BWBR0000001&artikel=1"):
        r = client.get(_page(jci))
        assert r.status_code == 404 and "Onbekende bepaling" in r.text
