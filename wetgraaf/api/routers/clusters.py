"""Findings (clusters of related definitions), exports, and the review decisions on them."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from fastapi.responses import PlainTextResponse

from wetgraaf.api.decisions import ANY, DecisionStore, PreconditionRequired, VersionConflict
from wetgraaf.api.deps import ApiError, CorpusDep, Paging, get_decisions, reviewer
from wetgraaf.api.models import AuditPage, ClusterDetail, ClusterPage, DecisionIn, DecisionOut, Error, Relation, Status
from wetgraaf.api.review import cluster_summary, decision_for, decisions_view, filter_clusters

router = APIRouter(tags=["clusters"], responses={404: {"model": Error}, 422: {"model": Error}})

ClusterId = Annotated[
    str,
    Path(
        pattern=r"^[cr]-[0-9a-f]{12}$",
        description="stable cluster id, e.g. c-1b36bb0c2264 (definitions) or r-3b7f81172582 (rules)",
    ),
]
Decisions = Annotated[DecisionStore, Depends(get_decisions)]


class Filters:
    def __init__(
        self,
        law: Annotated[str | None, Query(max_length=200, description="BWB id or part of a title")] = None,
        term: Annotated[str | None, Query(max_length=200, description="a term in the cluster")] = None,
        relation: Annotated[Relation | None, Query(description="clusters with at least one such pair")] = None,
        status: Annotated[Status | None, Query(description="review status")] = None,
        kind: Annotated[
            Literal["definition", "rule"] | None, Query(description="definition clusters or rule clusters")
        ] = None,
    ) -> None:
        self.kw = {"law": law, "term": term, "relation": relation, "status": status, "kind": kind}


def _cluster(corpus: Any, cid: str) -> dict[str, Any]:
    row = corpus.clusters.get(cid)
    if row is None:
        raise ApiError(404, "unknown_cluster", f"no cluster {cid} in the current analysis")
    return row


def _decision(corpus: Any, store: DecisionStore, cid: str, response: Response) -> dict[str, Any]:
    """The decision on a cluster (as it applies now), with its version as the ETag."""
    decided, inherit = decisions_view(corpus, store)
    dec = decision_for(corpus, cid, decided, inherit)
    response.headers["ETag"] = f'"{dec["version"]}"'
    return dec


@router.get("/clusters", response_model=ClusterPage, operation_id="list_clusters")
def list_clusters(
    corpus: CorpusDep, store: Decisions, paging: Annotated[Paging, Depends()], f: Annotated[Filters, Depends()]
) -> dict:
    """Clusters ranked as simplification candidates (score explained in ``score_parts``), with filters."""
    return paging.page(filter_clusters(corpus, store, **f.kw))


@router.get("/clusters/{cluster_id}", response_model=ClusterDetail, operation_id="get_cluster")
def get_cluster(cluster_id: ClusterId, corpus: CorpusDep, store: Decisions, response: Response) -> dict:
    """One cluster: members, every pair with its relation and evidence, dangling references, the decision.
    A rule cluster (``kind: rule``) lists provisions as members, says ``why`` it is flagged and has no pairs."""
    row = _cluster(corpus, cluster_id)
    dec = _decision(corpus, store, cluster_id, response)
    rule = row.get("kind") == "rule"
    return {
        **cluster_summary(row, dec),
        "members": row["members"],
        "pairs": [] if rule else corpus.cluster_pairs(cluster_id),
        "dangling": row.get("dangling", []),
        "decision": dec,
        "source": row.get("source"),
        "detail": row.get("detail", {}),
    }


@router.get("/clusters/{cluster_id}/decision", response_model=DecisionOut, operation_id="get_decision")
def get_decision(cluster_id: ClusterId, corpus: CorpusDep, store: Decisions, response: Response) -> dict:
    """The review decision on a cluster (status ``new``, version 0, when none was recorded). ETag = version."""
    _cluster(corpus, cluster_id)
    return _decision(corpus, store, cluster_id, response)


_ETAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


@router.put(
    "/clusters/{cluster_id}/decision",
    response_model=DecisionOut,
    operation_id="put_decision",
    responses={401: {"model": Error}, 403: {"model": Error}, 412: {"model": Error}, 428: {"model": Error}},
)
def put_decision(
    cluster_id: ClusterId,
    body: DecisionIn,
    corpus: CorpusDep,
    store: Decisions,
    response: Response,
    actor: Annotated[str, Depends(reviewer)],
    if_match: Annotated[
        str | None,
        Header(
            max_length=100,
            description='the version read (ETag), e.g. "2", or * for any stored decision; required once a decision exists',
        ),
    ] = None,
) -> dict:
    """Record a decision (needs a reviewer token). Optimistic concurrency (RFC 9110 §13.1.1): send
    the ETag you read as If-Match. Creating the first decision needs none; changing a stored one
    without If-Match gives 428 (RFC 6585), a stale ETag (or ``*`` when none is stored) 412; both
    change nothing."""
    _cluster(corpus, cluster_id)
    expected: int | Literal["*"] | None = None
    if if_match is not None:
        if if_match.strip() == "*":
            expected = ANY
        else:
            m = _ETAG.match(if_match.strip())
            if not m:
                raise ApiError(422, "bad_if_match", f'If-Match must be a version ETag such as "1", got {if_match!r}')
            expected = int(m.group(1))
    try:
        store.put(
            cluster_id,
            body.model_dump(),
            actor=actor,
            expected_version=expected,
            members=corpus.cluster_members(cluster_id),
        )
    except PreconditionRequired as exc:
        raise ApiError(428, "precondition_required", str(exc), {"ETag": f'"{exc.current}"'}) from None
    except VersionConflict as exc:
        raise ApiError(412, "version_conflict", str(exc), {"ETag": f'"{exc.current}"'}) from None
    return _decision(corpus, store, cluster_id, response)


@router.get("/clusters/{cluster_id}/history", response_model=AuditPage, operation_id="cluster_history")
def cluster_history(
    cluster_id: ClusterId, corpus: CorpusDep, store: Decisions, paging: Annotated[Paging, Depends()]
) -> dict:
    """The audit trail of a cluster's decision: who changed what, when, before and after."""
    return {
        "total": store.count_history(cluster_id),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": store.history(cluster_id, limit=paging.limit, offset=paging.offset),
    }


@router.get("/audit", response_model=AuditPage, operation_id="audit_trail")
def audit_trail(store: Decisions, paging: Annotated[Paging, Depends()]) -> dict:
    """Every change to every decision, oldest first."""
    return {
        "total": store.count_history(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": store.history(limit=paging.limit, offset=paging.offset),
    }


@router.get(
    "/exports/clusters.csv",
    operation_id="export_clusters_csv",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_csv(corpus: CorpusDep, store: Decisions, f: Annotated[Filters, Depends()]) -> PlainTextResponse:
    """All clusters passing the filters, one row each, with their decisions (CSV)."""
    buf = io.StringIO()
    cols = [
        "id",
        "score",
        "status",
        "membership_changed",
        "terms",
        "regelingen",
        "n_definitions",
        "relations",
        "assignee",
        "note",
        "decision_version",
        "kind",
    ]
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in filter_clusters(corpus, store, **f.kw):
        w.writerow(
            {
                **r,
                "terms": "; ".join(r["terms"]),
                "regelingen": "; ".join(r["regelingen"]),
                "relations": json.dumps(r["relations"]),
            }
        )
    return PlainTextResponse(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="clusters.csv"'},
    )


@router.get("/exports/clusters.json", operation_id="export_clusters_json")
def export_json(corpus: CorpusDep, store: Decisions, f: Annotated[Filters, Depends()]) -> list[dict[str, Any]]:
    """All clusters passing the filters, with their decisions (JSON)."""
    return filter_clusters(corpus, store, **f.kw)
