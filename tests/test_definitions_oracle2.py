"""Definitions scored on the second oracle: a seeded random draw of the whole 2012 BWB, read by hand.

tests/data/definitions_oracle2/README.md says how it was drawn (60 regelingen stratified by
soort, 100 titled definition articles), how it was written (GUIDE.md, five annotators who
never saw the extractor) and how a blind second reading of 40 of its units agrees with it.
The thresholds hold the numbers the README reports (precision 0.980, recall 0.938; 0.65, 0.80, 0.50
for the modifying kinds; at the start of the recall round 0.976 / 0.910; 0.56, 0.80, 0.27). They are
below the issue's targets (0.97 recall; 0.90 for the modifying kinds) where the extractor is still
below them, and say so: the misses left are mostly prose in policy texts, formula legends, treaty
"omvat" items the oracle reads both ways, and fictions about acts (see docs/definitions-census.md).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests import oracle2
from wetgraaf.ingest import definitions as D
from wetgraaf.ingest.parse import parse


@pytest.fixture(scope="module")
def result() -> oracle2.Score:
    return oracle2.score()


def test_explicit_and_by_reference_precision(result: oracle2.Score) -> None:
    assert result.extracted > 800
    assert result.precision >= 0.97, result.false[:20]


def test_explicit_and_by_reference_recall(result: oracle2.Score) -> None:
    assert result.tp["def"] + result.fn["def"] > 900
    misses = [m for m in result.misses if oracle2.GROUP[m["kind"]] == "def"]
    assert result.recall("def") >= 0.93, misses[:20]


@pytest.mark.parametrize(("kind", "floor"), [("extension", 0.64), ("restriction", 0.80), ("deeming", 0.50)])
def test_modifying_kinds_recall(result: oracle2.Score, kind: str, floor: float) -> None:
    """Below the issue's 0.90 (not met); the floor holds what is reached so that it cannot fall back."""
    misses = [m for m in result.misses if m["kind"] == kind]
    assert result.recall(kind) >= floor, misses[:10]


def test_every_stratum_is_scored(result: oracle2.Score) -> None:
    assert set(result.by_stratum) >= {
        "wet",
        "amvb",
        "ministeriele_regeling",
        "beleidsregel_circulaire",
        "zbo_pbo",
        "verdrag",
        "article",
    }


def test_second_reading_agrees_with_the_first() -> None:
    """A blind second reading of a quarter of the units (40 of 160) agrees on the definitions."""
    first = oracle2.oracle()
    second = oracle2.oracle("second_reading.jsonl")
    arts = {a["file"]: a["artikel"] for a in oracle2.draw()["articles"]}
    files = {r["file"] for r in second}
    assert len(files) >= 40

    def keys(rs: list[dict]) -> dict:
        return {
            (r["file"], oracle2._loc(r.get("artikel", "")), oracle2.norm_term(r["term"])): r["kind"]
            for r in rs
            if "term" in r
            and not r.get("lang")
            and r["file"] in files
            and (r["file"] not in arts or oracle2._loc(r.get("artikel", "")) == oracle2._loc(arts[r["file"]]))
        }

    a, b = keys(first), keys(second)
    both = set(a) & set(b)
    f1 = 2 * len(both) / (len(a) + len(b))
    same_group = sum(oracle2.GROUP[a[k]] == oracle2.GROUP[b[k]] for k in both) / len(both)
    assert f1 >= 0.95 and same_group >= 0.95, (f1, same_group, sorted(set(a) ^ set(b))[:10])


def _real_forms() -> Counter:
    """Forms that give definitions in the drawn laws and in the real articles of tests/data/definition_forms
    (a form applied to a clause inside an item counts as ``embedded_<form>``)."""
    forms: Counter = Counter()
    files = [
        *sorted((oracle2.HERE / "regelingen").glob("*.xml")),
        *sorted((oracle2.HERE / "articles").glob("*.xml")),
        *sorted((oracle2.HERE.parent / "definition_forms").glob("*.xml")),
    ]
    for p in files:
        forms.update(d.form.removeprefix("embedded_") for d in parse(p.read_bytes(), name=p.name).definitions)
    return forms


def test_every_form_of_the_tables_finds_a_definition_in_a_real_law() -> None:
    """Each row of SENTENCE_FORMS / ITEM_FORMS gives at least one definition in the drawn real laws
    (or, for the few forms the draw has no example of, in the bundled corpus)."""
    from tests.conftest import parsed

    forms = _real_forms()
    for name in ("BWBR0002221_2012-snapshot.xml", "BWBR0017017_2012-snapshot.xml", "BWBR0011353_2012-snapshot.xml"):
        forms.update(d.form for d in parsed(name).definitions)
    names = [f.name for f in D.SENTENCE_FORMS] + [f.name for f in D.ITEM_FORMS]
    missing = [n for n in names if not forms[n]]
    assert not missing, missing


def test_definitielijst_markup_gives_term_and_definition() -> None:
    """BWBR0010602 art. 1 uses the BWB's own <definitielijst>: the term comes from <term>."""
    p = oracle2.HERE / "regelingen" / "BWBR0010602.xml"
    if not p.exists():
        pytest.skip("fixture not in the draw")
    defs = [d for d in parse(p.read_bytes(), name=p.name).definitions if d.form == "definitielijst"]
    assert defs and all(d.term and d.definition and not d.term.endswith(":") for d in defs)


def test_oracle_records_are_well_formed() -> None:
    for line in (oracle2.HERE / "oracle.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        assert "file" in r and ("term" in r or "absent_term" in r or r.get("none"))
        if "term" in r:
            assert r["kind"] in oracle2.GROUP


def test_artikel_is_never_empty_and_outside_articles_it_is_the_division() -> None:
    """The public contract: ``artikel`` locates every definition; in a circulaire or bijlage text
    without articles it is the division's Juriconnect path."""
    outside = 0
    for p in sorted((oracle2.HERE / "regelingen").glob("*.xml")):
        for d in parse(p.read_bytes(), name=p.name).definitions:
            assert d.artikel, (p.name, d.term)
            if d.id.artikel is None:
                outside += 1
                # the division's path; a definition in a list item of the division lies inside it ("…&o=1")
                assert d.id.path_jci == d.artikel or d.id.path_jci.startswith(d.artikel + "&o=")
                assert "divisie=" in d.artikel or "bijlage=" in d.artikel
    assert outside >= 5


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        # Circulaire BWBR0023578 (drawn): a short name
        ("De Rijkswet Onderzoeksraad voor veiligheid (hierna te noemen: Rijkswet OvV) regelt …", "Rijkswet OvV"),
        # BWBR0007665 (drawn): a party named in a model contract
        ("De NS Railinfrabeheer B.V., gevestigd te Utrecht, verder genoemd ’RIB’, en de gemeente", "RIB"),
        # Awb art. 8:10 lid 3 (2020) and Gemeentewet 2012 art. 273 lid 3: "verdere"/"verder" name nothing
        (
            "Indien een zaak naar het oordeel van de meervoudige kamer geschikt is voor verdere behandeling door "
            "één rechter, kan zij deze verwijzen naar een enkelvoudige kamer.",
            None,
        ),
        (
            "Het besluit ten aanzien waarvan het eerste lid toepassing heeft gevonden, wordt niet of niet verder uitgevoerd, voordat …",
            None,
        ),
    ],
)
def test_hierna_te_noemen_names_only_after_naming_words(sentence: str, term: str | None) -> None:
    form = next(f for f in D.SENTENCE_FORMS if f.name == "hierna_te_noemen")
    m = form.match(sentence)
    assert (m.group("term") if m else None) == term


def test_every_form_of_the_tables_is_in_the_census_doc() -> None:
    """docs/definitions-census.md lists every row of the form tables, so it cannot fall behind the code."""
    doc = (oracle2.HERE.parents[2] / "docs" / "definitions-census.md").read_text(encoding="utf-8")
    names = [f.name for f in (*D.SENTENCE_FORMS, *D.ITEM_FORMS)] + [row[0] for row in D.LEAD_FORMS]
    assert [n for n in names if f"`{n}`" not in doc] == []
