"""The vocabulary, the shapes and the closed namespace agree with each other and with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from wetgraaf.ontology import SHAPES, VOCABULARY, WG

PKG = Path(__file__).resolve().parent.parent / "wetgraaf"


def _declared() -> set[str]:
    g = ox.Store()
    g.load(path=str(VOCABULARY), format=ox.RdfFormat.TURTLE)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return {
        q.subject.value[len(WG.base) :]
        for q in g.quads_for_pattern(None, rdf_type, None)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(WG.base)
    }


def test_namespace_is_closed() -> None:
    assert WG.Definition == "https://w3id.org/wetgraaf#Definition"
    with pytest.raises(AttributeError, match="not a term"):
        _ = WG.Defintion  # noqa: F841 - the misspelling is the point


def test_namespace_terms_are_exactly_the_declared_ones() -> None:
    assert set(WG.terms) == _declared()


def test_every_term_used_in_code_is_declared() -> None:
    used: set[str] = set()
    for py in PKG.rglob("*.py"):
        # doctests show a misspelt term on purpose; they are not code that uses the vocabulary
        text = "\n".join(line for line in py.read_text(encoding="utf-8").splitlines() if ">>>" not in line)
        used.update(re.findall(r"\bWG\.([A-Za-z_]\w*)", text))
        used.update(re.findall(r"\bWG\[\"([A-Za-z_]\w*)\"\]", text))
    used -= {"base", "terms"}
    assert used and used <= _declared(), used - _declared()


def test_shapes_parse_and_use_only_declared_terms() -> None:
    g = ox.Store()
    g.load(path=str(SHAPES), format=ox.RdfFormat.TURTLE)
    wg_iris = {
        t.value
        for q in g
        for t in (q.subject, q.predicate, q.object)
        if isinstance(t, ox.NamedNode) and t.value.startswith(WG.base)
    }
    assert wg_iris and {i[len(WG.base) :] for i in wg_iris} <= _declared()


def test_every_norm_type_and_definition_kind_has_an_individual() -> None:
    from wetgraaf.ingest.records import DEFINITION_KINDS, NORM_TYPES
    from wetgraaf.ontology import NORM_TYPE_TERMS

    declared = _declared()
    assert {NORM_TYPE_TERMS.get(n, n) for n in NORM_TYPES} <= declared
    assert set(DEFINITION_KINDS) <= declared
