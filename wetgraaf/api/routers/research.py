"""Read-only Cypher and SPARQL for researchers, and the named queries."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from wetgraaf import queries as q
from wetgraaf.api.deps import ApiError
from wetgraaf.api.models import Error, NamedQueryOut, QueryIn, QueryOut
from wetgraaf.api.research import QueryError, QueryTimeout

router = APIRouter(
    tags=["research"],
    responses={400: {"model": Error}, 403: {"model": Error}, 404: {"model": Error}, 408: {"model": Error}},
)

_STATUS = {"read_only": 403, "file_access": 403, "network": 403, "refused": 403, "no_store": 503, "worker_failed": 503}


def _run(request: Request, lang: str, text: str, params: dict[str, Any], limit: int | None) -> dict:
    settings = request.app.state.settings
    if len(text) > settings.max_query_chars:
        raise ApiError(413, "query_too_long", f"queries are limited to {settings.max_query_chars:,} characters")
    cap = min(limit or settings.max_rows, settings.max_rows)
    runner = request.app.state.sparql if lang == "sparql" else request.app.state.cypher
    t0 = time.perf_counter()
    try:
        cols, rows = runner.query(text, params, limit=cap + 1, timeout_ms=settings.query_timeout_ms)
    except QueryTimeout as exc:
        raise ApiError(408, "timeout", str(exc)) from None
    except QueryError as exc:
        raise ApiError(_STATUS.get(exc.code, 400), exc.code, str(exc)) from None
    return {
        "columns": cols,
        "rows": [[_jsonable(v) for v in r] for r in rows[:cap]],
        "truncated": len(rows) > cap,
        "elapsed_ms": round((time.perf_counter() - t0) * 1000, 2),
    }


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, str | int | float | bool):
        return v
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


@router.post("/cypher", response_model=QueryOut, operation_id="run_cypher")
def run_cypher(body: QueryIn, request: Request) -> dict:
    """Read-only Cypher on the property graph (embedded ladybug opened read-only, or a Neo4j read
    transaction), with a time limit and a row limit. Parameters are bound as ``$name``."""
    return _run(request, "cypher", body.query, body.params, body.limit)


@router.post("/sparql", response_model=QueryOut, operation_id="run_sparql")
def run_sparql(body: QueryIn, request: Request) -> dict:
    """Read-only SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) on the RDF graph; prefixes wg:, eli:, skos:,
    dcterms: are predeclared. Parameters are bound to ``?name`` through a VALUES block."""
    return _run(request, "sparql", body.query, body.params, body.limit)


def _describe(nq: q.NamedQuery) -> dict:
    langs = [x for x, present in (("sparql", nq.sparql), ("cypher", nq.cypher)) if present]
    return {
        "name": nq.name,
        "title": nq.title,
        "description": nq.description,
        "params": [
            {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "description": p.description}
            for p in nq.params
        ],
        "languages": langs,
        "url": f"/queries/{nq.name}",
    }


@router.get("/queries", response_model=list[NamedQueryOut], operation_id="list_queries")
def list_queries() -> list[dict]:
    """The named queries (files in ``wetgraaf/queries/``) with their parameters."""
    return [_describe(nq) for _, nq in sorted(q.catalogue().items())]


@router.get("/queries/{name}", response_model=QueryOut, operation_id="run_named_query")
def run_named_query(
    name: Annotated[str, Path(pattern=r"^[a-z_][a-z0-9_]{0,63}$")],
    request: Request,
    backend: Annotated[
        str, Query(pattern="^(sparql|cypher)$", description="which form of the query to run")
    ] = "sparql",
) -> dict:
    """Run a named query; its parameters are query-string parameters (``?term=partner``)."""
    try:
        nq = q.get(name)
    except q.UnknownQuery as exc:
        raise ApiError(404, "unknown_query", str(exc.args[0])) from None
    raw: dict[str, object] = {k: v for k, v in request.query_params.items() if k != "backend"}
    declared = {p.name for p in nq.params}
    limit: object = request.app.state.settings.max_rows
    if "limit" in raw and "limit" not in declared:
        limit = raw.pop("limit")
    try:
        bound = nq.bind(raw)
        limit = int(bound.pop("limit", limit))  # type: ignore[call-overload]
    except q.BadParameters as exc:
        raise ApiError(400, "bad_parameters", str(exc)) from None
    except ValueError:
        raise ApiError(400, "bad_parameters", f"limit must be an integer, got {limit!r}") from None
    if limit < 1:  # type: ignore[operator]
        raise ApiError(400, "bad_parameters", "limit must be at least 1")
    if backend == "sparql":
        if nq.sparql is None:
            raise ApiError(400, "no_sparql", f"{name} has no SPARQL form; use backend=cypher")
        return _run(request, "sparql", nq.sparql, bound, limit)
    text = nq.cypher_for(request.app.state.cypher.backend)
    if text is None:
        raise ApiError(400, "no_cypher", f"{name} has no Cypher form; use backend=sparql")
    return _run(request, "cypher", text, bound, limit)
