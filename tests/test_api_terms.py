"""Term lookups by term key: a key that is not its own key still finds its term.

``term_key`` is not idempotent: ``gegevens`` → ``gegeven`` → ``gegev``. On the whole 2012 BWB
181 of the 22,224 term keys are like that; looking their key up again as a term answered 155 of
them with a 500 and 26 with the definitions of another term (``gegevens`` with those of
``gegeven``, ``de ministers`` with those of ``minister``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from wetgraaf.api import Settings, create_app
from wetgraaf.api.check import draft_document
from wetgraaf.api.corpus import Corpus
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest import parse
from wetgraaf.ingest.batch import builtin_titles

DRAFT = """gegevens: alle gegevens over een persoon;
gegeven: een feit dat vaststaat;
bromfietsen: voertuigen op twee wielen met een motor"""


def test_a_term_whose_key_is_not_its_own_key_finds_its_own_definitions(tmp_path: Path) -> None:
    assert term_key("gegevens") == "gegeven" != term_key("gegeven")
    assert term_key("bromfietsen") == "bromfiets" != term_key("bromfiets")
    doc = parse(draft_document(DRAFT), name="draft", titles=builtin_titles())
    assert sorted(d.term for d in doc.definitions) == ["bromfietsen", "gegeven", "gegevens"]
    corpus = Corpus.from_documents([doc], tmp_path / "out")
    app = create_app(Settings(out=tmp_path / "out", review_db=tmp_path / "review.sqlite"), corpus=corpus)
    with TestClient(app) as c:
        for term, text in [
            ("gegevens", "alle gegevens over een persoon"),
            ("gegeven", "een feit dat vaststaat"),
            ("bromfietsen", "voertuigen op twee wielen met een motor"),
        ]:
            r = c.get(f"/terms/{term}/definitions")
            assert r.status_code == 200, r.text
            body = r.json()
            assert (body["term"], [d["definition"] for d in body["items"]]) == (term, [text])
