"""What term lookup keeps between requests, and the term search's index against a plain scan.

On the whole 2012 BWB (22,224 term keys) an unknown term cost a fuzzy search over every term
for its "did you mean" hint, ~100 ms of CPU per request, each time it was asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rapidfuzz.distance import OSA

from wetgraaf.api import Settings, create_app
from wetgraaf.api import corpus as corpus_module
from wetgraaf.api.check import draft_document
from wetgraaf.api.corpus import Corpus, compound_parts, fold, fuzzy_bound, words
from wetgraaf.graph.analysis.terms import term_key
from wetgraaf.ingest import parse
from wetgraaf.ingest.batch import builtin_titles

DRAFT = """gegevens: alle gegevens over een persoon;
huishouden: de personen die duurzaam samenwonen;
eenpersoonshuishouden: een huishouden van een persoon;
partner: de echtgenoot of geregistreerde partner;
partnerpensioen: een pensioen voor de partner"""


def _corpus(out: Path, draft: str = DRAFT) -> Corpus:
    doc = parse(draft_document(draft), name="draft", titles=builtin_titles())
    return Corpus.from_documents([doc], out)


def _count_searches(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    search = corpus.search_terms

    def counted(q: str) -> list[dict[str, Any]]:
        calls.append(q)
        return search(q)

    monkeypatch.setattr(corpus, "search_terms", counted)
    return calls


def test_the_hint_for_an_unknown_term_is_searched_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "out")
    calls = _count_searches(corpus, monkeypatch)
    app = create_app(Settings(out=tmp_path / "out", review_db=tmp_path / "review.sqlite"), corpus=corpus)
    with TestClient(app) as c:
        answers = [c.get("/terms/huishoudne/definitions") for _ in range(3)]
        assert c.get("/terms/partnr/definitions").status_code == 404
    assert {r.status_code for r in answers} == {404}
    messages = {r.json()["error"]["message"] for r in answers}
    assert len(messages) == 1 and "did you mean: huishouden" in messages.pop()
    assert calls == ["huishoudne", "partnr"]


def test_hints_kept_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "out")
    monkeypatch.setattr(corpus_module, "HINTS_KEPT", 2)
    calls = _count_searches(corpus, monkeypatch)
    for term in ("aaaa", "bbbb", "cccc", "cccc", "aaaa"):
        with pytest.raises(corpus_module.UnknownTerm):
            corpus.term_entry(term)
    assert calls == ["aaaa", "bbbb", "cccc", "aaaa"]  # the oldest went first
    assert len(corpus._hints) == 2


def test_hints_belong_to_one_corpus_and_end_with_it(tmp_path: Path) -> None:
    """The corpus is never changed; new data is a new Corpus (a new serve), which keeps nothing of the old one."""
    old = _corpus(tmp_path / "old")
    with pytest.raises(corpus_module.UnknownTerm, match="did you mean: huishouden"):
        old.term_entry("huishoudne")
    new = _corpus(tmp_path / "new", DRAFT.replace("eenpersoonshuishouden", "huishoudne"))
    assert new.term_entry("huishoudne").key == term_key("huishoudne")
    with pytest.raises(corpus_module.UnknownTerm, match="did you mean: huishouden, huishoudne$"):
        new.term_entry("huishoudenn")
    # the old corpus's eenpersoonshuishouden: its head "huishouden" is one letter from "huishoudenn"
    with pytest.raises(corpus_module.UnknownTerm, match="did you mean: huishouden, eenpersoonshuishouden$"):
        old.term_entry("huishoudenn")


def _scan(corpus: Corpus, q: str) -> list[dict[str, Any]]:
    """The term search as a plain scan of every form, word and compound part of every term (what the index must give)."""
    fq, kq = fold(q), term_key(q)
    if not fq:
        return []
    bound = fuzzy_bound(fq)
    vocabulary = {w for e in corpus.terms.values() for t in e.spellings for w in words(fold(t))}
    hits = []
    for key, e in corpus.terms.items():
        ws = {w for f in e.folded for w in words(f)}
        parts = {p for w in ws if w in vocabulary for p in compound_parts(w, vocabulary)}
        units = [(0, f) for f in e.folded] + [(1, w) for w in ws] + [(2, p) for p in parts]
        kind = 0
        if key == kq or fq in e.folded:
            match, rank, dist = "exact", 0, 0
        elif any(f.startswith(fq) for f in e.folded):
            match, rank, dist = "prefix", 1, 0
        elif fq in ws or kq in ws or kq in e.folded:
            match, rank, dist, kind = "word", 2, 0, 1
        elif fq in parts:
            match, rank, dist, kind = "part", 2, 0, 2
        elif any(fq in f for f in e.folded):
            match, rank, dist = "contains", 3, 0
        elif bound and (near := min((OSA.distance(fq, u), k) for k, u in units))[0] <= bound:
            match, rank, (dist, kind) = "fuzzy", 4, near
        else:
            continue
        hits.append(((rank, dist, kind, -e.n_regelingen, key), corpus.term_summary(e, match)))
    hits.sort(key=lambda h: h[0])
    return [h[1] for h in hits]


QUERIES = [
    *("partner", "partnr", "prtner", "patrner", "partnerx", "xpartner", "pensioen", "partnerpensioe"),
    *("huishouden", "huishoudne", "huishoudenn", "uishouden", "eenpersoonshuishoudn", "eenpersonshuishouden"),
    *("gegevens", "gegevns", "gegeven", "Gegevens", "GEGEVENS", "gégévens", "gegevenss"),
    *("a", "ab", "abc", "abcd", "aa", "zzzz", "  ", "-", "persoon", "huis houden", "partner pensioen"),
    *("parnter", "inkomne", "inkomen", "inkomens", "huishouding", "huishoudens", "belastbaar", "woning", "heffing"),
]


@pytest.mark.parametrize("q", QUERIES)
def test_term_search_finds_what_a_scan_of_every_term_finds(tmp_path_factory: pytest.TempPathFactory, q: str) -> None:
    corpus = _search_corpus(str(tmp_path_factory.getbasetemp() / "search"))
    assert corpus.search_terms(q) == _scan(corpus, q)


_CORPORA: dict[str, Corpus] = {}


def _search_corpus(out: str) -> Corpus:
    if out not in _CORPORA:
        from tests.conftest import bundled_documents

        _CORPORA[out] = Corpus.from_documents(bundled_documents(), Path(out))
    return _CORPORA[out]


def test_an_answer_is_made_once_and_then_sent_as_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "out")
    made: list[str] = []
    make = corpus._definitions_of

    def counted(e: Any, *args: Any) -> dict[str, Any]:
        made.append(e.key)
        return make(e, *args)

    monkeypatch.setattr(corpus, "_definitions_of", counted)
    assert corpus.answer_made("partner", 100, 0, 500) is None
    app = create_app(Settings(out=tmp_path / "out", review_db=tmp_path / "review.sqlite"), corpus=corpus)
    with TestClient(app) as c:
        answers = [c.get("/terms/partner/definitions").content for _ in range(3)]
        answers.append(c.get("/terms/Partners/definitions").content)  # same term key
        paged = c.get("/terms/partner/definitions", params={"offset": 1}).content
    assert made == ["partner", "partner"] and len(set(answers)) == 1 and paged != answers[0]
    assert corpus.answer_made("partner", 100, 0, 500) == answers[0]
    searches = _count_searches(corpus, monkeypatch)
    assert corpus.answer_made("huishoudne", 100, 0, 500) is None and searches == []  # not searched here
    with pytest.raises(corpus_module.UnknownTerm):
        corpus.term_entry("huishoudne")
    with pytest.raises(corpus_module.UnknownTerm, match="did you mean: huishouden"):
        corpus.answer_made("huishoudne", 100, 0, 500)
    assert searches == ["huishoudne"]


def test_answers_kept_are_bounded_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "out")
    sizes = {t: len(corpus.definitions_json(term_key(t), 100, 0, 500)) for t in ("partner", "huishouden", "gegevens")}
    corpus = _corpus(tmp_path / "again")
    monkeypatch.setattr(corpus_module, "ANSWER_BYTES_KEPT", sizes["partner"] + sizes["huishouden"])
    for t in ("partner", "huishouden", "partner", "gegevens"):
        corpus.definitions_json(term_key(t), 100, 0, 500)
    kept = [k[0] for k in corpus._answers]
    assert kept == [term_key("partner"), term_key("gegevens")]  # huishouden was the least recently used
    assert corpus._answer_bytes == sizes["partner"] + sizes["gegevens"] <= corpus_module.ANSWER_BYTES_KEPT
