"""The application factory: ``create_app(settings)`` builds a new app; nothing happens at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from wetgraaf import __version__
from wetgraaf.api.corpus import Corpus
from wetgraaf.api.decisions import DecisionStore
from wetgraaf.api.deps import ApiError
from wetgraaf.api.settings import Settings

__all__ = ["create_app", "open_corpus"]

log = logging.getLogger("wetgraaf.api")

DESCRIPTION = """
A knowledge graph of Dutch legislation (BWB): where is a term defined, how do the
definitions differ, which clusters of definitions should the simplification team look at.

* Reading is open. Writing review decisions needs `Authorization: Bearer TOKEN`.
* Every element carries its official link on wetten.overheid.nl (`url`) and its Juriconnect id (`jci`).
* Errors are JSON: `{"error": {"code": "...", "message": "..."}}`.
"""


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(settings: Settings | None = None, *, corpus: Corpus | None = None) -> FastAPI:
    """Build the API.

    Parameters
    ----------
    settings : Settings, optional
        Defaults to ``Settings()`` (what is built in the default output folder, see :class:`wetgraaf.pipeline.Layout`).
    corpus : Corpus, optional
        An already opened corpus (tests and benchmarks share one). Without it the corpus is
        opened at start-up (in the lifespan) by :func:`open_corpus`.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.corpus is None:
            app.state.corpus = open_corpus(settings)
        _open_runners(app, settings)
        try:
            yield
        finally:
            _close_runners(app)

    app = FastAPI(
        title="wetgraaf",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.corpus = corpus
    app.state.decisions = DecisionStore(settings.review_path)
    app.state.sparql = None
    app.state.cypher = None
    if corpus is not None:
        _open_runners(app, settings)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": {"code": exc.code, "message": exc.message}}, exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(
            {"error": {"code": code, "message": str(exc.detail)}},
            exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            parts.append(f"{where}: {e.get('msg')}")
        return JSONResponse({"error": {"code": "invalid_request", "message": "; ".join(parts)}}, 422)

    from wetgraaf.api.routers import clusters, regelingen, research, terms, web

    for r in (regelingen.router, terms.router, clusters.router, research.router, web.router):
        app.include_router(r)

    @app.get("/health", tags=["meta"], operation_id="health")
    def health() -> dict[str, Any]:
        """Liveness and what is loaded."""
        c = app.state.corpus
        return {
            "status": "ok" if c is not None else "starting",
            "version": __version__,
            "regelingen": len(c.bwb_ids) if c else 0,
            "clusters": len(c.clusters) if c else 0,
            "cypher_backend": settings.cypher_backend,
        }

    return app


def open_corpus(settings: Settings) -> Corpus:
    """Bring the corpus store, the analysis and the graph stores up to date (rebuilding only what
    is stale, or ingesting ``settings.paths`` when given), then open the corpus for reading."""
    from wetgraaf import pipeline

    layout = pipeline.Layout(settings.out)
    pipeline.prepare(layout, settings.paths, progress=pipeline.on_each(log.info))
    return Corpus.open(layout)


def _open_runners(app: FastAPI, settings: Settings) -> None:
    import anyio

    from wetgraaf.api.research import CypherRunner, SparqlRunner

    corpus: Corpus = app.state.corpus
    size, waiting = settings.research_workers, settings.research_queue
    # research requests run on their own threads (enough for every one admitted), never on
    # the pool that /health, terms, clusters and decisions are answered on
    app.state.research_limiter = anyio.CapacityLimiter(2 * (size + waiting))
    if app.state.sparql is None:
        app.state.sparql = SparqlRunner(corpus.rdf_path, size=size, waiting=waiting)
    if app.state.cypher is None:
        if settings.cypher_backend == "neo4j":
            app.state.cypher = CypherRunner(
                "neo4j",
                uri=settings.neo4j_uri,
                user=settings.neo4j_user,
                password=settings.neo4j_password,
                database=settings.neo4j_database,
                size=size,
                waiting=waiting,
            )
        else:
            app.state.cypher = CypherRunner("ladybug", path=corpus.graph_path, size=size, waiting=waiting)


def _close_runners(app: FastAPI) -> None:
    for name in ("sparql", "cypher"):
        r = getattr(app.state, name)
        if r is not None:
            r.close()
            setattr(app.state, name, None)
