"""Definitions checked against a hand-verified oracle (tests/data/definitions_expected.jsonl).

The oracle was written by reading the laws (see definitions_expected.README.md), not
from this extractor's output. Each positive line names a location, a term, its kind, a
scope phrase and verbatim pieces of the definition and its references.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import DATA, parsed

ORACLE = [
    json.loads(line)
    for line in (DATA / "definitions_expected.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
POSITIVE = [o for o in ORACLE if "term" in o]
NEGATIVE = [o for o in ORACLE if "absent_term" in o]


def _t(term: str) -> str:
    t = re.sub(r"\s+", " ", term).strip().lower().strip("‘’'\"«»")
    return re.sub(r"^(?:de|het|een)\s+", "", t)


def _id(o: dict) -> str:
    return f"{o['file'].split('_')[0]}:{o.get('artikel')}/{o.get('lid')}/{o.get('onderdeel')}:{o.get('term') or o.get('absent_term')}"


def _candidates(o: dict):
    doc = parsed(o["file"])
    return [
        d
        for d in doc.definitions
        if d.artikel == o["artikel"]
        and d.lid == o["lid"]
        and d.onderdeel == o["onderdeel"]
        and _t(d.term) == _t(o["term"])
    ]


@pytest.mark.parametrize("o", POSITIVE, ids=_id)
def test_definition_found_with_kind_scope_text_refs(o: dict) -> None:
    cands = _candidates(o)
    assert cands, (
        f"no definition of {o['term']!r} at artikel {o['artikel']} lid {o['lid']!r} onderdeel {o['onderdeel']!r}; found there: "
        + repr([(d.term, d.kind) for d in parsed(o["file"]).definitions if d.artikel == o["artikel"]])
    )
    kinds = [d.kind for d in cands]
    assert o["kind"] in kinds, f"kind {o['kind']!r} expected, got {kinds}"
    d = next(d for d in cands if d.kind == o["kind"])
    if o["scope_contains"]:
        assert o["scope_contains"].lower() in d.scope.text.lower(), f"scope {d.scope.text!r}"
    for piece in o["definition_contains"]:
        assert piece in d.definition, f"{piece!r} not in {d.definition!r}"
    ref_texts = " | ".join(r.text for r in d.refs)
    for piece in o["refs_contains"]:
        assert piece in ref_texts, f"ref {piece!r} not in {ref_texts!r}"


@pytest.mark.parametrize("o", NEGATIVE, ids=_id)
def test_not_a_definition(o: dict) -> None:
    doc = parsed(o["file"])
    hits = [(d.artikel, d.lid, d.onderdeel, d.term) for d in doc.definitions if _t(d.term) == _t(o["absent_term"])]
    assert not hits, f"{o['absent_term']!r} must not be extracted ({o['note']}): {hits}"
