"""The HTTP API on the bundled corpus: drafters' questions, findings, review, research, bad input.

Expectations come from reading the laws: the AWIR (BWBR0018472) defines *partner* in
article 3 and refers to it from article 2, first lid, onderdeel f ("partner: de persoon
bedoeld in artikel 3"); since 2025 its article 3, first lid, refers on to article 5a of the
AWR (BWBR0002320), which the 2012 text of the AWIR did not; the Wet IB 2001 (BWBR0011353)
has its own partner in article 1.2; the Wet op de zorgtoeslag (BWBR0018451) defines
"Onze Minister: Onze Minister van Volksgezondheid, Welzijn en Sport" in article 1.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.api_support import ALICE, BOB, make_app

AWIR = "BWBR0018472"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-out")


@pytest.fixture()
def client(out: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    with TestClient(make_app(out, tmp_path / "review.sqlite")) as c:
        yield c


@pytest.fixture(scope="module")
def ro(out: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A client for read-only tests (one app for the module)."""
    with TestClient(make_app(out, tmp_path_factory.mktemp("ro") / "review.sqlite")) as c:
        yield c


def _err(r, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"], body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


# ---------------------------------------------------------------- terms: the drafter's question
@pytest.mark.parametrize("q", ["partner", "Partners", "PARTNER", "partnr", "pártner"])
def test_term_search_finds_partner_whatever_the_spelling(ro: TestClient, q: str) -> None:
    r = ro.get("/terms", params={"q": q})
    assert r.status_code == 200, r.text
    assert r.json()["items"][0]["term_key"] == "partner"


def test_term_search_prefix_and_pagination(ro: TestClient) -> None:
    items = ro.get("/terms", params={"q": "toetsingsinko"}).json()["items"]
    assert "toetsingsinkomen" in [i["term"] for i in items]
    assert items[0]["match"] == "prefix"
    all_ = ro.get("/terms", params={"q": "inkomen", "limit": 500}).json()
    page = ro.get("/terms", params={"q": "inkomen", "limit": 2, "offset": 1}).json()
    assert page["total"] == all_["total"] > 3
    assert [i["term_key"] for i in page["items"]] == [i["term_key"] for i in all_["items"][1:3]]


def _matches(ro: TestClient, q: str) -> list[tuple[str, str]]:
    page = ro.get("/terms", params={"q": q, "limit": 500}).json()
    assert page["total"] == len(page["items"]), page
    return [(i["term"], i["match"]) for i in page["items"]]


def test_term_search_forgives_swapped_letters(ro: TestClient) -> None:
    """Issue 15: "parnter" found nothing (two edits as plain Levenshtein; one swap of neighbours)."""
    assert _matches(ro, "parnter")[0] == ("partner", "fuzzy")
    hits = dict(_matches(ro, "inkomne"))
    # "inkomen" itself, and the compounds whose head it is (toetsingsinkomen: AWIR art. 8)
    assert list(hits)[0] == "inkomen"
    assert {"toetsingsinkomen", "arbeidsinkomen", "verzamelinkomen", "drempelinkomen"} <= set(hits)
    assert set(hits.values()) == {"fuzzy"}


def test_term_search_matches_words_of_terms_and_parts_of_compounds(ro: TestClient) -> None:
    """Issue 15: "huishouden" did not find "gezamenlijke huishouding" (AOW art. 1 / Toeslagenwet
    art. 1: the gezamenlijke huishouding of a partner); a word or compound part ranks below
    exact and prefix matches and above fuzzy ones."""
    hits = _matches(ro, "huishouden")
    assert ("het verrichten van diensten ten behoeve van een huishouden", "word") in hits
    assert ("gezamenlijke huishouding", "fuzzy") in hits
    hits = _matches(ro, "inkomen")
    assert hits[0] == ("inkomen", "exact")
    assert ("inkomen uit werk en woning", "prefix") in hits
    assert ("belastbaar inkomen uit werk en woning", "word") in hits
    for compound in ("toetsingsinkomen", "arbeidsinkomen", "verzamelinkomen", "drempelinkomen"):
        assert (compound, "part") in hits
    order = ["exact", "prefix", "word", "part", "contains", "fuzzy"]
    ranks = [order.index(m) for _, m in hits]
    assert ranks == sorted(ranks)
    partner = _matches(ro, "partner")
    assert partner[:2] == [("partner", "exact"), ("partner van een belastingplichtige", "prefix")]
    assert ("de gewezen partner", "word") in partner


def test_partner_definitions_across_laws_with_relations_and_diff(ro: TestClient) -> None:
    r = ro.get("/terms/partner/definitions")
    assert r.status_code == 200
    body = r.json()
    by_jci = {d["jci"]: d for d in body["items"]}
    awir_f = by_jci[f"jci1.3:c:{AWIR}&artikel=2&lid=1&o=f&g=2025-01-01"]
    assert awir_f["kind"] == "by_reference" and awir_f["definition"] == "de persoon bedoeld in artikel 3"
    assert awir_f["url"] == f"https://wetten.overheid.nl/jci1.3:c:{AWIR}&artikel=2&lid=1&o=f&g=2025-01-01"
    assert "inkomensafhankelijke regelingen" in awir_f["scope"]["text"]
    laws = {d["bwb_id"] for d in body["items"] if d["latest"]}
    assert {AWIR, "BWBR0002320", "BWBR0011353"} <= laws
    rel = {(p["a"], p["b"]): p for p in body["relations"]}
    art3 = next(k for k in (d["key"] for d in body["items"]) if "artikel=3&lid=1&g=2025" in k)
    pair = rel.get((awir_f["key"], art3)) or rel.get((art3, awir_f["key"]))
    assert pair["relation"] == "equivalent_by_reference"
    # a divergent pair between two laws carries a word-level diff
    div = [p for p in body["relations"] if p["relation"] == "divergent"]
    assert div and all("diff" in p["evidence"] for p in div)
    assert any(w.startswith(("+", "-")) for p in div for w in p["evidence"]["diff"])


def test_term_definitions_page_and_identical_texts_compared_once(ro: TestClient) -> None:
    from wetgraaf.api.corpus import fold
    from wetgraaf.api.models import TermDefinitions

    # "Onze Minister" is defined in many laws, several naming the same minister in the same words
    full = ro.get("/terms/onze minister/definitions", params={"limit": 1000, "relations_limit": 5000}).json()
    TermDefinitions.model_validate(full)  # served from a cache, so checked against the model here
    text = {d["key"]: d["definition"] for d in full["items"]}
    assert full["identical_groups"], "no two laws share a text for Onze Minister?"
    for group in full["identical_groups"]:
        assert len({fold(text[k]) for k in group}) == 1
    grouped = {k for g in full["identical_groups"] for k in g[1:]}
    assert not any(p["a"] in grouped or p["b"] in grouped for p in full["relations"])
    latest = [d["key"] for d in full["items"] if d["latest"]]
    distinct = len(latest) - len(grouped)
    assert full["relations_total"] == distinct * (distinct - 1) // 2
    page = ro.get("/terms/onze minister/definitions", params={"limit": 2, "offset": 1, "relations_limit": 3}).json()
    assert [d["key"] for d in page["items"]] == [d["key"] for d in full["items"][1:3]]
    assert page["items_total"] == full["items_total"] == len(full["items"]) and len(page["relations"]) <= 3


def test_versions_of_one_law_are_a_change_over_time_not_a_conflict(ro: TestClient) -> None:
    body = ro.get("/terms/partner/definitions").json()
    older = [d for d in body["items"] if not d["latest"]]
    assert older and all(d["bwb_id"] == AWIR for d in older)
    latest_keys = {d["key"] for d in body["items"] if d["latest"]}
    assert all(p["a"] in latest_keys and p["b"] in latest_keys for p in body["relations"])
    # AWIR art. 3(1): its own definition in the 2012 text, a reference to the AWR since
    changes = [c for c in body["changes_over_time"] if c["bwb_id"] == AWIR]
    assert changes and all(c["to_version"] == "2025-01-01" for c in changes)


def test_unknown_term_is_404_with_suggestions(ro: TestClient) -> None:
    e = _err(ro.get("/terms/partnerr/definitions"), 404, "unknown_term")
    assert "partner" in e["message"]


# ---------------------------------------------------------------- regelingen and articles
def test_article_by_any_juriconnect_form_with_source_link(ro: TestClient) -> None:
    for ident in (
        f"jci1.3:c:{AWIR}&artikel=3",
        f"1.0:v:{AWIR}&artikel=3",
        f"https://wetten.overheid.nl/jci1.3:c:{AWIR}&artikel=3&g=2025-01-01",
    ):
        r = ro.get("/articles/" + ident.replace("&", "%26"))
        assert r.status_code == 200, (ident, r.text)
        a = r.json()
        assert a["jci"] == f"jci1.3:c:{AWIR}&artikel=3&g=2025-01-01"
        assert a["url"].startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0018472&artikel=3")
        assert any(d["term"] == "partner" for d in a["definitions"])
        assert any(p["lid"] == "1" for p in a["provisions"])
    old = ro.get(f"/articles/jci1.3:c:{AWIR}%26artikel=3%26g=2012-01-01")
    _err(old, 404, "unknown_article")


def test_an_article_shows_what_it_sets_aside_and_what_applies_it(ro: TestClient) -> None:
    """AOW art. 52: "In afwijking van artikel 7:10, eerste lid, van de Algemene wet bestuursrecht
    beslist de Sociale verzekeringsbank binnen dertien weken …". AOW art. 24a lid 2: "Artikel 17i is
    van overeenkomstige toepassing, met dien verstande dat …" — so art. 17i is applied by 24a."""
    a = ro.get("/articles/" + quote("jci1.3:c:BWBR0002221&artikel=52", safe=":")).json()
    [r] = a["rules_stated"]
    assert (r["relation"], r["target"]) == ("derogates_from", "jci1.3:c:BWBR0005537&artikel=7:10&lid=1")
    assert r["words"] == "artikel 7:10, eerste lid, van de Algemene wet bestuursrecht"
    [p] = a["parameters"]
    assert (p["text"], p["days"], p["act"]) == ("binnen dertien weken", 91, "beslissen")
    b = ro.get("/articles/" + quote("jci1.3:c:BWBR0002221&artikel=17i", safe=":")).json()
    applied = [(r["relation"], r["source"]) for r in b["rules_targeting"]]
    assert ("applies_mutatis_mutandis", "jci1.3:c:BWBR0002221&artikel=24a&lid=2") in applied
    assert all(x["source"].startswith("jci1.3:c:BWBR0002221&artikel=17i") for x in b["rules_stated"])


def test_article_provisions_carry_their_norm_type_and_confidence(ro: TestClient) -> None:
    """AWIR art. 13 lid 2 (2025): "Bij ministeriële regeling kunnen regels worden gesteld met
    betrekking tot de wijze waarop het elektronische berichtenverkeer plaatsvindt": delegation
    of rule-making, as plain as it gets; art. 2 lid 1 is the list of begripsbepalingen."""
    a13 = ro.get(f"/articles/jci1.3:c:{AWIR}%26artikel=13").json()
    lid2 = next(x for x in a13["provisions"] if x["lid"] == "2")
    assert lid2["norm_type"] == "delegation" and lid2["norm_confidence"] >= 0.9
    a2 = ro.get(f"/articles/jci1.3:c:{AWIR}%26artikel=2").json()
    lid1 = next(x for x in a2["provisions"] if x["lid"] == "1" and x["kind"] == "lid")
    assert lid1["norm_type"] == "definition" and 0.0 <= lid1["norm_confidence"] <= 1.0


def test_regelingen_list_and_detail(ro: TestClient) -> None:
    page = ro.get("/regelingen", params={"limit": 100}).json()
    ids = [r["bwb_id"] for r in page["items"]]
    assert AWIR in ids and page["total"] == len(ids)
    d = ro.get(f"/regelingen/{AWIR}").json()
    assert d["citeertitel"] == "Algemene wet inkomensafhankelijke regelingen"
    assert d["versions"] == [None, "2025-01-01"]
    assert any(a["nr"] == "3" for a in d["article_list"])


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/regelingen/BWBX123", 422),
        ("/regelingen/BWBR9999999", 404),
        ("/articles/garbage", 422),
        ("/articles/jci1.3:c:BWBR9999999%26artikel=1", 404),
        ("/clusters/not-an-id", 422),
        ("/clusters/c-000000000000", 404),
        ("/terms?q=" + "x" * 201, 422),
        ("/terms?q=", 422),
        ("/clusters?relation=bogus", 422),
        ("/clusters?limit=0", 422),
        ("/queries/nope", 404),
        ("/queries/definitions_of_term", 400),
        ("/queries/definitions_of_term?term=partner&bogus=1", 400),
        ("/queries/law_rules?bwb_id=BWBR0018472&norm_type=verplichting", 400),  # not a norm type
        ("/queries/law_definitions?bwb_id=0018472", 400),  # not a BWB id
        ("/no/such/path", 404),
    ],
)
def test_bad_input_gets_a_clear_json_4xx(ro: TestClient, url: str, status: int) -> None:
    _err(ro.get(url), status)


# ---------------------------------------------------------------- drafting aid
def test_check_finds_reusable_identical_definition(ro: TestClient) -> None:
    r = ro.post("/check", json={"text": "Onze Minister: Onze Minister van Volksgezondheid, Welzijn en Sport"})
    assert r.status_code == 200, r.text
    (d,) = r.json()["definitions"]
    assert d["term"] == "Onze Minister"
    identical = [e for e in d["existing"] if e["relation"] == "identical"]
    assert any(e["bwb_id"] == "BWBR0018451" and e["artikel"] == "1" for e in identical)
    texts = [s["text"] for s in d["reuse"]]
    assert any(
        t.startswith("Onze Minister: Onze Minister als bedoeld in artikel 1") and "Wet op de zorgtoeslag" in t
        for t in texts
    )
    # other ministers are defined differently: divergences are listed too
    assert d["divergent"]


def test_check_by_reference_draft_lands_on_the_awir(ro: TestClient) -> None:
    text = (
        "Artikel 1\n"
        "In deze regeling wordt verstaan onder:\n"
        "a. partner: partner als bedoeld in artikel 3 van de Algemene wet inkomensafhankelijke regelingen;\n"
        "b. draagkrachtgrens: het bedrag van € 20.000."
    )
    body = ro.post("/check", json={"text": text}).json()
    got = {d["term"]: d for d in body["definitions"]}
    assert set(got) == {"partner", "draagkrachtgrens"}
    p = got["partner"]
    assert p["kind"] == "by_reference"
    eq = {e["jci"] for e in p["existing"] if e["relation"] == "equivalent_by_reference"}
    assert f"jci1.3:c:{AWIR}&artikel=3&lid=1&g=2025-01-01" in eq
    assert got["draagkrachtgrens"]["existing"] == []


def test_check_without_definitions_and_too_long(ro: TestClient) -> None:
    _err(ro.post("/check", json={"text": "Dit is geen definitie."}), 422, "no_definitions")
    _err(ro.post("/check", json={"text": "a: b\n" * 5000}), 422)
    _err(ro.post("/check", json={}), 422)


# ---------------------------------------------------------------- findings
def test_clusters_ranked_filtered_and_exported(ro: TestClient) -> None:
    page = ro.get("/clusters", params={"limit": 500}).json()
    scores = [c["score"] for c in page["items"]]
    assert scores == sorted(scores, reverse=True) and page["total"] == len(scores) > 10
    partner = ro.get("/clusters", params={"term": "partner"}).json()["items"]
    assert partner and all(any("partner" in t for t in c["terms"]) for c in partner)
    awir = ro.get("/clusters", params={"law": AWIR}).json()["items"]
    assert awir and all(AWIR in c["regelingen"] for c in awir)
    div = ro.get("/clusters", params={"relation": "divergent"}).json()["items"]
    assert div and all(c["relations"].get("divergent") for c in div)
    cid = partner[0]["id"]
    detail = ro.get(f"/clusters/{cid}").json()
    assert detail["decision"]["status"] == "new" and detail["members"] and detail["pairs"]
    assert all(m["url"].startswith("https://wetten.overheid.nl/") for m in detail["members"])
    csv_text = ro.get("/exports/clusters.csv", params={"term": "partner"}).text
    assert csv_text.splitlines()[0].startswith("id,score,status") and cid in csv_text
    js = ro.get("/exports/clusters.json", params={"term": "partner"}).json()
    assert [c["id"] for c in js] == [c["id"] for c in partner]


# ---------------------------------------------------------------- review
def _cid(c: TestClient) -> str:
    return c.get("/clusters", params={"term": "partner"}).json()["items"][0]["id"]


def test_writes_need_a_valid_token(client: TestClient) -> None:
    cid = _cid(client)
    _err(client.put(f"/clusters/{cid}/decision", json={"status": "harmonise"}), 401, "token_required")
    _err(
        client.put(f"/clusters/{cid}/decision", json={"status": "harmonise"}, headers={"Authorization": "Bearer nope"}),
        403,
        "bad_token",
    )
    _err(
        client.put(f"/clusters/{cid}/decision", json={"status": "harmonise"}, headers={"Authorization": "Basic x"}), 401
    )
    assert client.get(f"/clusters/{cid}/decision").json()["version"] == 0
    assert client.get("/audit").json()["total"] == 0


def test_decision_round_trip_with_etag_conflict_and_audit(client: TestClient) -> None:
    cid = _cid(client)
    r = client.get(f"/clusters/{cid}/decision")
    assert r.headers["etag"] == '"0"'
    r1 = client.put(f"/clusters/{cid}/decision", json={"status": "in_review", "assignee": "alice"}, headers=ALICE)
    assert r1.status_code == 200 and r1.headers["etag"] == '"1"'
    # bob read version 1, alice changes it, bob's stale write is refused and changes nothing
    r2 = client.put(
        f"/clusters/{cid}/decision",
        json={"status": "harmonise", "note": "één begrip"},
        headers={**ALICE, "If-Match": '"1"'},
    )
    assert r2.json()["version"] == 2
    stale = client.put(
        f"/clusters/{cid}/decision", json={"status": "not_a_problem"}, headers={**BOB, "If-Match": '"1"'}
    )
    _err(stale, 412, "version_conflict")
    assert stale.headers["etag"] == '"2"'
    no_etag = client.put(f"/clusters/{cid}/decision", json={"status": "not_a_problem"}, headers=BOB)
    _err(no_etag, 428, "precondition_required")
    now = client.get(f"/clusters/{cid}/decision").json()
    assert (now["status"], now["note"], now["version"], now["updated_by"]) == ("harmonise", "één begrip", 2, "alice")
    hist = client.get(f"/clusters/{cid}/history").json()
    assert [h["actor"] for h in hist["items"]] == ["alice", "alice"]
    assert hist["items"][0]["before"] is None and hist["items"][1]["before"]["status"] == "in_review"
    assert hist["items"][1]["after"]["status"] == "harmonise"
    assert client.get("/clusters", params={"status": "harmonise"}).json()["items"][0]["id"] == cid
    _err(client.put(f"/clusters/{cid}/decision", json={"status": "done"}, headers={**BOB, "If-Match": '"2"'}), 422)
    _err(
        client.put(f"/clusters/{cid}/decision", json={"status": "new", "x": 1}, headers={**BOB, "If-Match": '"2"'}), 422
    )
    _err(client.put(f"/clusters/{cid}/decision", json={"status": "new"}, headers={**BOB, "If-Match": "abc"}), 422)


def test_decision_preconditions_follow_rfc_9110_and_6585(client: TestClient) -> None:
    """Creating needs no If-Match; changing a stored decision needs one (428 without, 412 when
    stale); ``If-Match: *`` matches a stored decision and only a stored one. A refused write
    changes nothing and adds no audit row."""
    items = client.get("/clusters", params={"limit": 2}).json()["items"]
    first, second = items[0]["id"], items[1]["id"]
    url = f"/clusters/{first}/decision"
    assert client.put(url, json={"status": "in_review"}, headers=ALICE).status_code == 200
    missing = client.put(url, json={"status": "harmonise"}, headers=BOB)
    _err(missing, 428, "precondition_required")
    assert missing.headers["etag"] == '"1"' and 'If-Match: "1"' in missing.json()["error"]["message"]
    _err(client.put(url, json={"status": "harmonise"}, headers={**BOB, "If-Match": '"7"'}), 412, "version_conflict")
    assert client.get(url).json()["status"] == "in_review" and client.get("/audit").json()["total"] == 1
    star = client.put(url, json={"status": "harmonise"}, headers={**BOB, "If-Match": "*"})
    assert star.status_code == 200 and star.headers["etag"] == '"2"' and star.json()["updated_by"] == "bob"
    # nothing stored for the second cluster: * does not match, the version read ("0") does
    url2 = f"/clusters/{second}/decision"
    _err(client.put(url2, json={"status": "keep_apart"}, headers={**BOB, "If-Match": "*"}), 412)
    assert client.get(url2).json()["version"] == 0
    assert client.put(url2, json={"status": "keep_apart"}, headers={**BOB, "If-Match": '"0"'}).status_code == 200
    assert client.get("/audit").json()["total"] == 3


def test_decisions_survive_reanalysis_and_membership_changes_are_flagged(out: Path, tmp_path: Path) -> None:
    from tests.api_support import TOKENS
    from tests.conftest import bundled_documents
    from wetgraaf.api import Settings, create_app
    from wetgraaf.api.corpus import Corpus

    db = tmp_path / "review.sqlite"
    with TestClient(make_app(out, db)) as c:
        cid = _cid(c)
        members = c.get(f"/clusters/{cid}").json()["members"]
        assert c.put(f"/clusters/{cid}/decision", json={"status": "keep_apart"}, headers=ALICE).status_code == 200
    # re-ingest and re-analyse the same laws: same cluster id, same decision
    again = Corpus.from_documents(bundled_documents(), tmp_path / "again")
    with TestClient(create_app(Settings(out=tmp_path / "again", review_db=db, tokens=TOKENS), corpus=again)) as c:
        d = c.get(f"/clusters/{cid}/decision").json()
        assert (d["status"], d["version"], d["membership_changed"]) == ("keep_apart", 1, False)
    # drop one law of the cluster: its membership changes, so its id; the successor is flagged
    gone = sorted({m["bwb_id"] for m in members})[0]
    fewer = Corpus.from_documents([d for d in bundled_documents() if d.regeling.bwb_id != gone], tmp_path / "fewer")
    assert cid not in fewer.clusters
    with TestClient(create_app(Settings(out=tmp_path / "fewer", review_db=db, tokens=TOKENS), corpus=fewer)) as c:
        flagged = [x for x in c.get("/clusters", params={"limit": 500}).json()["items"] if x["membership_changed"]]
        assert flagged
        d = c.get(f"/clusters/{flagged[0]['id']}/decision").json()
        assert d["previous_cluster_ids"] == [cid] and d["status"] == "new"


# ---------------------------------------------------------------- research: read-only, limited
def test_cypher_and_sparql_read(ro: TestClient) -> None:
    r = ro.post(
        "/cypher", json={"query": "MATCH (t:Term) WHERE t.name = $k RETURN t.key AS k", "params": {"k": "partner"}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["begrip:partner"]]
    r = ro.post("/sparql", json={"query": "SELECT (COUNT(?t) AS ?n) WHERE { ?t a wg:Term }"})
    assert r.status_code == 200, r.text
    assert int(r.json()["rows"][0][0]) > 100
    r = ro.post("/cypher", json={"query": "MATCH (d:Definition) RETURN d.key", "limit": 5})
    assert len(r.json()["rows"]) == 5 and r.json()["truncated"] is True


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (t:Term {key: 'x'})",
        "MATCH (t:Term) DELETE t",
        "MATCH (t:Term) DETACH DELETE t",
        "MERGE (t:Term {key: 'partner'}) SET t.label = 'x'",
        "MATCH (t:Term {key: 'partner'}) SET t.label = 'x'",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD FROM '/etc/hostname' (file_format='csv') RETURN *",
        "COPY (MATCH (t:Term) RETURN t.key) TO '/tmp/wetgraaf-leak.csv'",
        "CALL db.createLabel('X')",
        "CALL apoc.load.json('file:///etc/passwd')",
        "INSTALL json",
        "MATCH (t:Term) RETURN t.key // harmless\nCREATE (x:Term {key: 'y'})",
    ],
)
def test_cypher_writes_and_file_access_are_refused(ro: TestClient, query: str) -> None:
    before = ro.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"}).json()["rows"]
    e = _err(ro.post("/cypher", json={"query": query}), 403)
    assert e["code"] in ("read_only", "file_access", "refused")
    assert ro.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"}).json()["rows"] == before
    assert not Path("/tmp/wetgraaf-leak.csv").exists()


def test_the_engine_itself_refuses_writes(ro: TestClient) -> None:
    """The keyword guard is not the only line: ladybug opened read-only refuses a write it never saw."""
    from wetgraaf.graph.ladybug_store import LadybugStore
    from wetgraaf.graph.stores import QueryRefused

    runner = ro.app.state.cypher
    ro.post("/cypher", json={"query": "RETURN 1"})  # the research copy exists once a query ran
    store = LadybugStore(runner._copy.path)
    with pytest.raises(QueryRefused):
        store.query("CREATE (t:Term {key: 'written-past-the-guard'})")
    assert (
        ro.post("/cypher", json={"query": "MATCH (t:Term {key: 'written-past-the-guard'}) RETURN t"}).json()["rows"]
        == []
    )


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_sparql_updates_and_service_are_refused(ro: TestClient, query: str) -> None:
    before = ro.post("/sparql", json={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()["rows"]
    _err(ro.post("/sparql", json={"query": query}), 403)
    assert ro.post("/sparql", json={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()["rows"] == before


def test_a_sparql_update_past_the_guard_fails_in_the_engine(out: Path) -> None:
    import pyoxigraph as ox

    from tests.api_support import corpus

    store = ox.Store.read_only(str(corpus(str(out)).rdf_path))
    with pytest.raises(SyntaxError):
        store.query("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(RuntimeError, match="read-write"):
        store.update("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")


def test_query_time_limit(out: Path, tmp_path: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with TestClient(make_app(out, tmp_path / "r.sqlite", query_timeout_ms=500)) as c:
        _err(c.post("/sparql", json={"query": heavy}), 408, "timeout")
        # the worker that ran out of time was replaced: the next query works
        assert c.post("/sparql", json={"query": "ASK { ?s ?p ?o }"}).json()["rows"] == [[True]]
        slow = "MATCH (a:Provision), (b:Provision) WHERE a.text CONTAINS b.key RETURN count(*)"
        _err(c.post("/cypher", json={"query": slow}), 408, "timeout")


def test_sparql_protocol_row_limit_is_said_in_a_header(out: Path, tmp_path: Path) -> None:
    """The protocol's result documents have no place for "cut here": a header says it."""
    with TestClient(make_app(out, tmp_path / "r.sqlite", max_rows=3)) as c:
        r = c.get("/sparql", params={"query": "SELECT ?t WHERE { ?t a wg:Term }"})
        assert r.status_code == 200 and r.headers["wetgraaf-truncated"] == "true"
        assert len(r.json()["results"]["bindings"]) == 3
        construct = {"query": "CONSTRUCT { ?t a wg:Term } WHERE { ?t a wg:Term }"}
        r = c.get("/sparql", params=construct, headers={"Accept": "application/n-triples"})
        assert r.headers["wetgraaf-truncated"] == "true" and len(r.text.splitlines()) == 3
        r = c.get("/sparql", params={"query": 'SELECT ?t WHERE { ?t skos:prefLabel "partner"@nl }'})
        assert "wetgraaf-truncated" not in r.headers and len(r.json()["results"]["bindings"]) == 1


def test_bad_and_overlong_queries(ro: TestClient) -> None:
    _err(ro.post("/cypher", json={"query": "MATCH (n RETURN n"}), 400)
    _err(ro.post("/sparql", json={"query": "SELECT WHERE {"}), 400, "syntax")
    _err(ro.post("/sparql", json={"query": "SELECT * WHERE { ?s ?p ?o } " + "#" * 10_001}), 422)
    _err(ro.post("/cypher", json={"query": ""}), 422)


def test_named_queries(ro: TestClient) -> None:
    names = {q["name"] for q in ro.get("/queries").json()}
    assert {"definitions_of_term", "citing_provisions", "divergent_definitions"} <= names
    for backend in ("sparql", "cypher"):
        r = ro.get("/queries/definitions_of_term", params={"term": "partner", "backend": backend})
        assert r.status_code == 200, r.text
        laws = {row[0] for row in r.json()["rows"]}
        assert "Algemene wet inkomensafhankelijke regelingen" in laws
    r = ro.get("/queries/definitions_of_term", params={"term": "partner", "limit": 2})
    assert len(r.json()["rows"]) == 2


# ---------------------------------------------------------------- the factory and the OpenAPI document
def test_openapi_has_stable_operation_ids(ro: TestClient) -> None:
    spec = ro.get("/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "search_terms",
        "term_definitions",
        "check_draft",
        "list_clusters",
        "get_cluster",
        "put_decision",
        "run_cypher",
        "run_sparql",
        "list_queries",
        "run_named_query",
        "get_article",
        "list_regelingen",
    } <= ops


def test_importing_the_api_configures_nothing() -> None:
    import subprocess
    import sys

    code = "import wetgraaf.api, os; print(sorted(os.listdir('.')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent / "data", check=True
    )
    assert (
        out.stdout
        == subprocess.run(
            ["python3", "-c", "import os; print(sorted(os.listdir('.')))"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent / "data",
            check=True,
        ).stdout
    )


def test_readme_api_excerpts_are_real(ro: TestClient) -> None:
    """The request/response excerpts in the README are what the API answers."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### API and review page", 1)[1].split("### The definitions contract", 1)[0]
    partner = ro.get("/terms/partner/definitions").json()
    keys = {d["key"]: d for d in partner["items"]}
    shown_key = re.search(r'"key": "([^"]+)"', section).group(1)
    assert shown_key in keys
    assert f'"definition": "{keys[shown_key]["definition"]}"' in section
    assert f'"url": "{keys[shown_key]["url"]}"' in section
    shown = re.findall(r'"a": "([^"]+)",\s*"b": "([^"]+)",\s*"relation": "([a-z_]+)"', section)
    assert len(shown) == 2
    live = {(p["a"], p["b"]): p["relation"] for p in partner["relations"]}
    for a, b, rel in shown:
        assert live[(a, b)] == rel
    check = ro.post(
        "/check", json={"text": "Onze Minister: Onze Minister van Volksgezondheid, Welzijn en Sport"}
    ).json()
    reuse = {s["text"] for s in check["definitions"][0]["reuse"]}
    shown_reuse = re.findall(r'"text": "(Onze Minister: [^"]+ als bedoeld in [^"]+)"', section)
    assert shown_reuse and set(shown_reuse) <= reuse
