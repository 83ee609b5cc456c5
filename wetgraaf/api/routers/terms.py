"""Terms: search, every definition of a term with the pairwise relations, and the drafting check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from wetgraaf.api.check import NoDefinitions, check
from wetgraaf.api.corpus import Corpus, UnknownTerm
from wetgraaf.api.deps import ApiError, CorpusDep, Paging
from wetgraaf.api.models import CheckIn, CheckOut, Error, TermDefinitions, TermPage

router = APIRouter(tags=["terms"], responses={404: {"model": Error}, 422: {"model": Error}})


@router.get("/terms", response_model=TermPage, operation_id="search_terms")
def search_terms(
    corpus: CorpusDep,
    paging: Annotated[Paging, Depends()],
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="term or part of it; case, accents and plurals ignored")
    ],
) -> dict:
    """Defined terms matching ``q``, best first: exact (same term key), prefix, one of a term's words or a part of a
    compound word (*partner* in *toeslagpartner*), contained, then fuzzy (a small edit distance, a swap of neighbouring
    letters counting as one, to a spelling, a word or a compound part)."""
    # a query of only spaces or punctuation finds nothing (search_terms folds it to "")
    return {"q": q, **paging.page(corpus.search_terms(q))}


@router.get("/terms/{term}/definitions", response_model=TermDefinitions, operation_id="term_definitions")
async def term_definitions(
    term: Annotated[str, Path(min_length=1, max_length=200, description="a defined term, e.g. partner")],
    corpus: CorpusDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="definitions per page")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="definitions to skip")] = 0,
    relations_limit: Annotated[int, Query(ge=0, le=5000, description="at most this many pairs")] = 500,
) -> Response:
    """Every definition of the term across laws (all ingested versions, a page at a time), with scope,
    kind and version; the relation of every pair of distinct current texts with a word-level diff
    (identical texts are grouped); and changes over time."""
    # made once per term and page, then served from memory (validated against the model in the
    # tests): an answer already made is sent from the event loop, making one (database reads,
    # pairs, a term search for an unknown term's hint) runs in a worker thread
    try:
        body = corpus.answer_made(term, limit, offset, relations_limit)
        if body is None:
            body = await run_in_threadpool(_make_answer, corpus, term, limit, offset, relations_limit)
    except UnknownTerm as exc:
        raise ApiError(404, "unknown_term", str(exc)) from None
    return Response(body, media_type="application/json")


def _make_answer(corpus: Corpus, term: str, limit: int, offset: int, relations_limit: int) -> bytes:
    return corpus.definitions_json(corpus.term_entry(term).key, limit, offset, relations_limit)


@router.post("/check", response_model=CheckOut, operation_id="check_draft")
def check_draft(body: CheckIn, corpus: CorpusDep) -> dict:
    """Drafting aid: existing definitions of the same or similar terms, reusable ones (with the
    by-reference wording), divergences, and definitions of other terms with the same text."""
    try:
        return check(corpus, body.text)
    except NoDefinitions as exc:
        raise ApiError(422, "no_definitions", str(exc)) from None
    except ValueError as exc:
        raise ApiError(422, "bad_draft", str(exc)) from None
