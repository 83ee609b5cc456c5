"""Regelingen and articles, each with its official source link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from wetgraaf.api.corpus import UnknownId
from wetgraaf.api.deps import ApiError, CorpusDep, Paging
from wetgraaf.api.models import ArticleOut, Error, RegelingDetail, RegelingPage
from wetgraaf.identity import BWB_ID_PATTERN

router = APIRouter(tags=["regelingen"], responses={404: {"model": Error}, 422: {"model": Error}})

BwbId = Annotated[str, Path(pattern=rf"^{BWB_ID_PATTERN}$", description="BWB id, e.g. BWBR0018472")]


@router.get("/regelingen", response_model=RegelingPage, operation_id="list_regelingen")
def list_regelingen(corpus: CorpusDep, paging: Annotated[Paging, Depends()]) -> dict:
    """Every regeling in the corpus, with its versions and official link."""
    return paging.page(
        [corpus.regeling_row(b) for b in corpus.bwb_ids[paging.offset : paging.offset + paging.limit]],
        total=len(corpus.bwb_ids),
    )


@router.get("/regelingen/{bwb_id}", response_model=RegelingDetail, operation_id="get_regeling")
def get_regeling(bwb_id: BwbId, corpus: CorpusDep) -> dict:
    """One regeling: its versions and the articles of the newest version."""
    try:
        row = corpus.regeling_row(bwb_id)
    except UnknownId as exc:
        raise ApiError(404, "unknown_regeling", str(exc)) from None
    row["article_list"] = [
        {
            "nr": u.nr,
            "label": u.label,
            "heading": u.heading,
            "repealed": u.repealed,
            "jci": u.id.jci,
            "url": u.id.text_url,
        }
        for u in corpus.article_list(bwb_id)
    ]
    return row


@router.get("/articles/{jci:path}", response_model=ArticleOut, operation_id="get_article")
def get_article(
    jci: Annotated[
        str,
        Path(
            max_length=500,
            pattern=BWB_ID_PATTERN,
            description="Juriconnect id (jci1.3:c:BWBR0018472&artikel=3, optionally &g=DATE; 1.0:v: forms too) "
            "or a wetten.overheid.nl URL; URL-encode it",
        ),
    ],
    corpus: CorpusDep,
) -> dict:
    """An article (the newest version unless the id has a date): text per lid, definitions, references, source
    link, what its leden say of other rules (rules_stated), which rules say something of it (rules_targeting:
    "in afwijking van artikel …", "… is van overeenkomstige toepassing") and its termijnen and bedragen."""
    try:
        return corpus.article(jci)
    except ValueError as exc:
        # it names a BWB id (the path pattern) but is no Juriconnect reference to an article
        raise ApiError(404, "bad_id", f"{exc}; no such article") from None
    except UnknownId as exc:
        raise ApiError(404, "unknown_article", str(exc)) from None
