"""Cross-term duplicates: the same definition text under different names in different laws.

The expectations come from reading the laws (the texts are quoted in each test), not from
the code's output; the LSH tests compare against an exhaustive comparison.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import combinations

import networkx as nx

from tests.conftest import bundled_documents, parsed
from wetgraaf.graph.analysis.duplicates import (
    THRESHOLD,
    cross_term_duplicates,
    jaccard,
    normalise_text,
    shingles,
    similar_pairs,
)
from wetgraaf.graph.analysis.network import definitions_graph, latest_documents
from wetgraaf.graph.analysis.report import analyse

TW, WW, WKO, IOW = "BWBR0004043", "BWBR0004045", "BWBR0017017", "BWBR0024394"


@cache
def _graph() -> nx.MultiDiGraph:
    return definitions_graph(latest_documents(bundled_documents()))


@cache
def _found() -> dict[frozenset[str], dict]:
    g = _graph()
    return {frozenset((d.a.split("#")[0], d.b.split("#")[0])): d.as_row(g) for d in cross_term_duplicates(g)}


def test_uwv_and_its_full_name() -> None:
    """WW art. 1(b): "UWV: het Uitvoeringsinstituut werknemersverzekeringen, genoemd in hoofdstuk 5
    van de Wet structuur uitvoeringsorganisatie werk en inkomen"; Toeslagenwet art. 1(1)(b):
    "Uitvoeringsinstituut werknemersverzekeringen: het Uitvoeringsinstituut werknemersverzekeringen,
    genoemd in hoofdstuk 5 van de Wet structuur …" — one text, two names. IOW art. 1(7) has the
    same text without "het"."""
    ww, tw, iow = f"jci1.3:c:{WW}&artikel=1&o=b", f"jci1.3:c:{TW}&artikel=1&lid=1&o=b", f"jci1.3:c:{IOW}&artikel=1&o=7"
    same = _found()[frozenset((ww, tw))]
    assert {same["term_a"], same["term_b"]} == {"UWV", "Uitvoeringsinstituut werknemersverzekeringen"}
    assert same["jaccard"] == 1.0 and same["diff"] == []
    assert same["outside_refs"] == 1.0  # the words around the reference agree too
    without_het = _found()[frozenset((tw, iow))]
    assert 0.9 < without_het["jaccard"] < 1.0 and without_het["diff"] == ["-het"]


def test_one_word_two_spellings() -> None:
    """WW art. 1(l) "reïntegratiebedrijf: een natuurlijke persoon dan wel rechtspersoon die in het
    kader van de uitoefening van beroep of bedrijf de inschakeling van personen in de arbeid
    bevordert"; IOW art. 1(5) "re-integratiebedrijf: een natuurlijke persoon dan wel een
    rechtspersoon die …": the spelling keeps them apart as terms, the text is the same."""
    d = _found()[frozenset((f"jci1.3:c:{WW}&artikel=1&o=l", f"jci1.3:c:{IOW}&artikel=1&o=5"))]
    assert {d["term_a"], d["term_b"]} == {"reïntegratiebedrijf", "re-integratiebedrijf"}
    assert d["diff"] == ["+een"] and d["jaccard"] >= THRESHOLD and d["outside_refs"] is None


def test_only_different_terms_in_different_laws() -> None:
    g = _graph()
    assert _found()
    for row in _found().values():
        assert row["bwb_a"] != row["bwb_b"]
        assert g.nodes[row["a"]]["term_key"] != g.nodes[row["b"]]["term_key"]
        assert row["jaccard"] >= THRESHOLD


def test_a_shared_reference_is_not_a_shared_definition() -> None:
    """Wet IB art. 3.117 "levensverzekering: een overeenkomst van levensverzekering als bedoeld in
    artikel 1:1 van de Wet op het financieel toezicht" and Bbz 2004 art. 1(j) "bank: bank als bedoeld
    in artikel 1:1 van de Wet op het financieel toezicht" share most word pairs (Jaccard 0.71) and
    mean different things; the words outside the reference do not agree."""
    g = nx.MultiDiGraph()
    common = {"kind": "by_reference", "targets": ["jci1.3:c:BWBR0020368&artikel=1:1"], "scope_text": ""}
    ref = "artikel 1:1 van de Wet op het financieel toezicht"
    g.add_node("a", term="levensverzekering", term_key="levensverzekering", bwb_id="B1", **common,
               text=f"een overeenkomst van levensverzekering als bedoeld in {ref}", refs=[ref])  # fmt: skip
    g.add_node("b", term="bank", term_key="bank", bwb_id="B2", **common, text=f"bank als bedoeld in {ref}", refs=[ref])
    sa, sb = (shingles(normalise_text(g.nodes[n]["text"])) for n in "ab")
    assert jaccard(sa, sb) > THRESHOLD
    assert cross_term_duplicates(g) == []
    # the same two texts with the same head word are kept
    g.nodes["b"]["text"] = f"een overeenkomst van levensverzekering zoals bedoeld in {ref}"
    assert [(d.a, d.b) for d in cross_term_duplicates(g)] == [("a", "b")]


def test_bestuursorgaan_and_overheidsorgaan() -> None:
    """Awb art. 1:1(1) "bestuursorgaan: a. een orgaan van een rechtspersoon die krachtens
    publiekrecht is ingesteld, of b. een ander persoon of college, met enig openbaar gezag bekleed";
    Wabb art. 1(c) "overheidsorgaan: 1° een orgaan van een rechtspersoon die krachtens publiekrecht
    is ingesteld, of 2° een ander persoon of college, met enig openbaar gezag bekleed". Only the
    list labels differ. (Awb from the shared corpus; skipped without it.)"""
    docs = [parsed("BWBR0005537_2020-04-15_0.xml"), parsed("BWBR0022428_2012-snapshot.xml")]
    g = definitions_graph(docs)
    [d] = [d for d in cross_term_duplicates(g) if {d.term_a, d.term_b} == {"bestuursorgaan", "overheidsorgaan"}]
    assert d.jaccard == 1.0 and sorted(d.diff) == sorted(["-a", "+1°", "-b", "+2°"])


def test_cross_term_duplicates_join_clusters_and_score() -> None:
    report = analyse(bundled_documents())
    assert report["summary"]["cross_term_duplicates"] == len(report["cross_term_duplicates"]) > 0
    c = next(c for c in report["clusters"] if "uwv" in c["terms"])
    assert "uitvoeringsinstituut werknemersverzekering" in c["terms"]
    assert {TW, WW, WKO, IOW} <= set(c["regelingen"])
    # two definition pairs (WW/IOW "UWV" against Toeslagenwet/Wet kinderopvang "Uitvoeringsinstituut
    # werknemersverzekeringen"), one pair of names: one body under two names scores once
    assert c["relations"]["cross_term_duplicate"] >= 1
    assert c["score_parts"]["cross_term_duplicate"] == 1 * report["score_weights"]["cross_term_duplicate"]


def _synthetic(n: int, planted: int, seed: int = 3) -> tuple[list[str], set[tuple[int, int]]]:
    """Random 12–30-word texts over a 400-word vocabulary, plus copies with one word changed."""
    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    texts = [" ".join(rnd.choices(vocab, k=rnd.randint(12, 30))) for _ in range(n)]
    pairs = set()
    for i in rnd.sample(range(n), planted):
        words = texts[i].split()
        words[rnd.randrange(len(words))] = rnd.choice(vocab)
        texts.append(" ".join(words))
        pairs.add((i, len(texts) - 1))
    return texts, pairs


def test_lsh_recall_on_a_small_synthetic_set() -> None:
    texts, planted = _synthetic(600, 40)
    sets = [shingles(normalise_text(t)) for t in texts]
    truth = {(i, j) for i, j in combinations(range(len(texts)), 2) if jaccard(sets[i], sets[j]) >= THRESHOLD}
    found = {(i, j) for i, j, _ in similar_pairs(texts)}
    assert found <= truth  # every reported pair is verified exactly
    assert planted & truth and len(found & truth) / len(truth) >= 0.95
    assert len(found & planted) / len(planted & truth) >= 0.95


def test_lsh_is_deterministic_and_order_free() -> None:
    texts, _ = _synthetic(200, 20, seed=5)
    a = {frozenset((texts[i], texts[j])) for i, j, _ in similar_pairs(texts)}
    rev = texts[::-1]
    b = {frozenset((rev[i], rev[j])) for i, j, _ in similar_pairs(rev)}
    assert a == b and a
