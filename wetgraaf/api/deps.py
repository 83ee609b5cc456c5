"""Shared request dependencies and the JSON error type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request

from wetgraaf.api.corpus import Corpus
from wetgraaf.api.decisions import DecisionStore
from wetgraaf.api.settings import Settings

__all__ = ["ApiError", "get_corpus", "get_settings", "get_decisions", "Paging", "reviewer", "CorpusDep"]


class ApiError(Exception):
    """An error answered as ``{"error": {"code": …, "message": …}}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


# async (they only read app.state): FastAPI runs a plain ``def`` dependency in a worker thread,
# a hop per request for every route that asks for the corpus
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_corpus(request: Request) -> Corpus:
    corpus = request.app.state.corpus
    if corpus is None:
        raise ApiError(503, "starting", "the corpus is still being loaded; try again shortly")
    return corpus  # type: ignore[no-any-return]


async def get_decisions(request: Request) -> DecisionStore:
    return request.app.state.decisions  # type: ignore[no-any-return]


CorpusDep = Annotated[Corpus, Depends(get_corpus)]


class Paging:
    def __init__(
        self,
        request: Request,
        limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def page(self, items: list[Any], total: int | None = None) -> dict[str, Any]:
        """One page of ``items``; with ``total``, ``items`` is that page already (fetched by the caller)."""
        if total is not None:
            return {"total": total, "limit": self.limit, "offset": self.offset, "items": items}
        return {
            "total": len(items),
            "limit": self.limit,
            "offset": self.offset,
            "items": items[self.offset : self.offset + self.limit],
        }


def reviewer(
    request: Request,
    authorization: Annotated[
        str | None, Header(description="Bearer TOKEN (a reviewer's write token)", max_length=500)
    ] = None,
) -> str:
    """The reviewer behind the request's write token; 401 without one, 403 with a wrong one."""
    settings: Settings = request.app.state.settings
    if not authorization:
        raise ApiError(
            401,
            "token_required",
            "writing needs a reviewer token: Authorization: Bearer TOKEN",
            {"WWW-Authenticate": "Bearer"},
        )
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "token_required", "use Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"})
    if not settings.tokens:
        raise ApiError(403, "writes_disabled", "no reviewer tokens are configured on this server (WETGRAAF_TOKENS)")
    name = settings.reviewer_for(token.strip())
    if name is None:
        raise ApiError(403, "bad_token", "the token is not valid", {"WWW-Authenticate": "Bearer"})
    return name
