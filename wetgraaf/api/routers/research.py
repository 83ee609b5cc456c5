"""Read-only Cypher and SPARQL for researchers, and the named queries.

``/sparql`` speaks the SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` of a form (field ``query``)
or of the query itself (``application/sparql-query``), answered in the result format the
``Accept`` header asks for (:mod:`wetgraaf.graph.sparql_results`). A ``POST`` of JSON
(``{"query", "params", "limit"}``, the API's own request form from before the protocol) keeps
its own answer, ``{"columns", "rows", "truncated", "elapsed_ms"}``. Every form passes the same
guard (:func:`~wetgraaf.graph.guard.check_sparql`, in the worker, on the exact text run).
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Collection
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from wetgraaf import queries as q
from wetgraaf.api.deps import ApiError
from wetgraaf.api.models import Error, NamedQueryOut, QueryIn, QueryOut
from wetgraaf.api.research import Busy, QueryError, QueryTimeout
from wetgraaf.graph import sparql_results as sr

router = APIRouter(
    tags=["research"],
    responses={
        400: {"model": Error},
        403: {"model": Error},
        404: {"model": Error},
        408: {"model": Error},
        429: {"model": Error, "description": "the research queue is full; retry after Retry-After seconds"},
    },
)

_STATUS = {"read_only": 403, "file_access": 403, "network": 403, "refused": 403, "no_store": 503, "worker_failed": 503}


_T = TypeVar("_T")


def _check_length(request: Request, text: str) -> None:
    settings = request.app.state.settings
    if len(text) > settings.max_query_chars:
        raise ApiError(413, "query_too_long", f"queries are limited to {settings.max_query_chars:,} characters")


def _answer(call: Callable[[], _T]) -> _T:
    """``call()`` with the runners' errors as API errors (timeout 408, refused 403, bad query 400)."""
    try:
        return call()
    except QueryTimeout as exc:
        raise ApiError(408, "timeout", str(exc)) from None
    except QueryError as exc:
        raise ApiError(_STATUS.get(exc.code, 400), exc.code, str(exc)) from None


async def _research(request: Request, lang: str, call: Callable[[], _T]) -> _T:
    """Run ``call`` on the research threads, once the runner has admitted the request.

    Research requests never wait for, or take, the threads the rest of the API answers on
    (``/health``, terms, clusters, decisions): they run on their own limiter, and beyond what
    the runner's workers and queue hold they are refused at once with 429 and ``Retry-After``."""
    runner = request.app.state.sparql if lang == "sparql" else request.app.state.cypher
    try:
        runner.admit.acquire()
    except Busy as exc:
        raise ApiError(429, "busy", str(exc), headers={"Retry-After": str(exc.retry_after_s)}) from None
    try:
        return await anyio.to_thread.run_sync(call, limiter=request.app.state.research_limiter)
    finally:
        runner.admit.release()


def _run(request: Request, lang: str, text: str, params: dict[str, Any], limit: int | None) -> dict:
    settings = request.app.state.settings
    _check_length(request, text)
    cap = min(limit or settings.max_rows, settings.max_rows)
    runner = request.app.state.sparql if lang == "sparql" else request.app.state.cypher
    t0 = time.perf_counter()
    cols, rows = _answer(lambda: runner.query(text, params, limit=cap + 1, timeout_ms=settings.query_timeout_ms))
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
async def run_cypher(body: QueryIn, request: Request) -> dict:
    """Read-only Cypher on the property graph (a private read-only copy of the embedded ladybug
    graph in worker processes, or a Neo4j read transaction), with a time limit and a row limit.
    Parameters are bound as ``$name``. 429 with ``Retry-After`` when the research queue is full."""
    _check_length(request, body.query)
    return await _research(request, "cypher", lambda: _run(request, "cypher", body.query, body.params, body.limit))


SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"
_DATASET = ("default-graph-uri", "named-graph-uri")
_RESULT_TYPES = sorted({t for offers in sr.OFFERS.values() for t in offers} - {"application/json"})

_PROTOCOL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT and ASK as SPARQL 1.1 results (JSON, XML, CSV, TSV), CONSTRUCT and DESCRIBE "
        "as RDF (Turtle, N-Triples, RDF/XML), as the Accept header asks (default: the first of each). "
        "A POST of JSON gets the API's own answer (QueryOut). The header Wetgraaf-Truncated: true says "
        "the row limit was reached.",
        "content": {t: {"schema": {"type": "string"}} for t in _RESULT_TYPES},
    },
    406: {"model": Error, "description": "the Accept header allows no format this result has"},
    413: {"model": Error},
    415: {"model": Error, "description": "a POST body that is not JSON, a form or application/sparql-query"},
}

_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/QueryIn"}},
            FORM: {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {"query": {"type": "string", "minLength": 1, "maxLength": 10_000}},
                }
            },
            SPARQL_QUERY: {"schema": {"type": "string", "minLength": 1, "maxLength": 10_000}},
        },
    }
}


def _no_dataset(names: Collection[str]) -> None:
    """Refuse a protocol dataset (``default-graph-uri``, ``named-graph-uri``): there is one graph."""
    given = [k for k in _DATASET if k in names]
    if given:
        raise ApiError(
            400,
            "dataset_not_supported",
            f"{', '.join(given)} is not supported: the endpoint has one graph (name graphs in the query instead)",
        )


def _protocol(request: Request, text: str) -> Response:
    """Run ``text`` and answer in the negotiated SPARQL 1.1 result format (406 when none fits)."""
    settings = request.app.state.settings
    _check_length(request, text)
    accept = request.headers.get("accept")
    if all(sr.negotiate(accept, form) is None for form in sr.OFFERS):  # nothing to offer: do not run it
        raise ApiError(406, "not_acceptable", f"Accept {accept!r} allows none of {', '.join(_RESULT_TYPES)}")
    runner = request.app.state.sparql
    result = _answer(lambda: runner.query_typed(text, limit=settings.max_rows, timeout_ms=settings.query_timeout_ms))
    media = sr.negotiate(accept, result.form)
    if media is None:
        kind = {"select": "SELECT", "ask": "ASK", "graph": "CONSTRUCT/DESCRIBE"}[result.form]
        offers = ", ".join(sr.OFFERS[result.form])
        raise ApiError(406, "not_acceptable", f"Accept {accept!r} allows no format for {kind} results ({offers})")
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["Wetgraaf-Truncated"] = "true"
    return Response(sr.serialize(result, media), media_type=media, headers=headers)


@router.get(
    "/sparql",
    operation_id="sparql_query_get",
    response_class=Response,
    responses=_PROTOCOL_RESPONSES,
)
async def sparql_query_get(
    request: Request,
    query: Annotated[str, Query(min_length=1, max_length=10_000, description="the SPARQL query")],
) -> Response:
    """SPARQL 1.1 Protocol, query via GET: read-only SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) on the
    RDF graph; prefixes wg:, eli:, skos:, dcterms:, prov:, xsd:, bwb:, begrip: are predeclared."""
    _no_dataset(request.query_params.keys())
    _check_length(request, query)
    return await _research(request, "sparql", lambda: _protocol(request, query))


@router.post(
    "/sparql",
    response_model=QueryOut,
    operation_id="run_sparql",
    responses=_PROTOCOL_RESPONSES,
    openapi_extra=_POST_BODY,
)
async def run_sparql(request: Request) -> Any:
    """Read-only SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) on the RDF graph; prefixes wg:, eli:, skos:,
    dcterms:, prov:, xsd:, bwb:, begrip: are predeclared.

    * ``application/sparql-query`` (the body is the query) or a form with the field ``query``:
      the SPARQL 1.1 Protocol, answered by ``Accept`` as for ``GET``;
    * ``application/json`` ``{"query", "params", "limit"}``: the API's own form, answered as
      ``{"columns", "rows", "truncated", "elapsed_ms"}``; parameters are bound to ``?name``
      through a VALUES block."""
    ctype, _, rest = request.headers.get("content-type", "").partition(";")
    ctype = ctype.strip().lower()
    body = await request.body()
    if len(body) > 4 * request.app.state.settings.max_query_chars + 4096:
        raise ApiError(413, "query_too_long", "the request body is too large for a query")
    if ctype in ("", "application/json"):
        try:
            q_in = QueryIn.model_validate_json(body or b"null")
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None
        _check_length(request, q_in.query)
        return await _research(request, "sparql", lambda: _run(request, "sparql", q_in.query, q_in.params, q_in.limit))
    names = set(request.query_params.keys())
    if ctype == FORM:
        try:
            form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise ApiError(400, "bad_request", "the form is not UTF-8") from None
        names |= set(form)
        queries = form.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise ApiError(400, "bad_request", "a form POST needs exactly one non-empty field 'query'")
        text = queries[0]
    elif ctype == SPARQL_QUERY:
        charset = "utf-8"
        for param in rest.split(";"):
            k, _, v = param.partition("=")
            if k.strip().lower() == "charset":
                charset = v.strip().strip('"') or charset
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise ApiError(400, "bad_request", f"the query is not valid {charset}") from None
        if not text.strip():
            raise ApiError(400, "bad_request", "the request body (the query) is empty")
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"POST the query as {SPARQL_QUERY}, as {FORM} (field 'query') or as application/json, not {ctype!r}",
        )
    _no_dataset(names)
    _check_length(request, text)
    return await _research(request, "sparql", lambda: _protocol(request, text))


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
async def run_named_query(
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
        sparql = nq.sparql
        return await _research(request, "sparql", lambda: _run(request, "sparql", sparql, bound, limit))
    text = nq.cypher_for(request.app.state.cypher.backend)
    if text is None:
        raise ApiError(400, "no_cypher", f"{name} has no Cypher form; use backend=sparql")
    return await _research(request, "cypher", lambda: _run(request, "cypher", text, bound, limit))
