"""The official search service (SRU, ``x-connection=BWB``): queries and responses.

Pure: CQL strings are built here and responses are parsed here; the requests are made by
:mod:`wetgraaf.ingest.fetch`. A response is ``searchRetrieveResponse`` (SRU 1.2 or 2.0: only
local element names are used) with one record per toestand::

    records/record/recordData/gzd/
      originalData/overheidbwb:meta/owmskern/(dcterms:identifier, dcterms:title, dcterms:type, …)
      originalData/overheidbwb:meta/bwbipm/(overheidbwb:toestand, geldigheidsperiode_*, zichtperiode_*, …)
      enrichedData/(overheidbwb:locatie_toestand, locatie_wti, locatie_manifest)

Errors come as ``diagnostics/diagnostic/(uri, message)``. A title search ranks amending acts
first ("Wijzigingsregeling …" before the law itself): :func:`rank` puts exact title matches
first and amending acts last.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from lxml import etree

from wetgraaf.identity import BWB_ID_PATTERN
from wetgraaf.ingest.xmlsafe import parse_bytes

__all__ = [
    "SruRecord",
    "SruPage",
    "SruError",
    "Ambiguous",
    "parse_response",
    "cql_identifier",
    "cql_title",
    "cql_search",
    "is_amending",
    "rank",
    "pick",
    "BWB_ID",
]

#: A BWB id (:data:`wetgraaf.identity.BWB_ID_PATTERN`), whole.
BWB_ID = re.compile(rf"^{BWB_ID_PATTERN}$")
_OPEN = "9999-12-31"


class SruError(Exception):
    """The search service answered with a diagnostic instead of records."""

    def __init__(self, uri: str, message: str) -> None:
        super().__init__(f"search service diagnostic {uri}: {message}")
        self.uri = uri
        self.message = message


class Ambiguous(Exception):
    """A title that matches several regelingen; ``candidates`` holds them, best first."""

    def __init__(self, query: str, candidates: list[SruRecord]) -> None:
        shown = "; ".join(f"{c.bwb_id} {c.title}" for c in candidates[:5])
        more = f" (+{len(candidates) - 5} more)" if len(candidates) > 5 else ""
        super().__init__(
            f"{query!r} matches {len(candidates)} regelingen: {shown}{more}; fetch one by its BWB id (see --search)"
        )
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class SruRecord:
    """One record of a search response: one toestand of a regeling."""

    bwb_id: str
    title: str
    soort: str  #: dcterms:type ("wet", "AMvB", "ministeriele-regeling", …)
    toestand: str  #: "http://wetten.overheid.nl/id/BWBR…/2025-01-01/0"
    valid_from: str
    valid_until: str
    zicht_from: str
    zicht_until: str
    locatie_toestand: str
    locatie_wti: str
    locatie_manifest: str
    modified: str = ""
    rechtsgebieden: tuple[str, ...] = ()

    @property
    def open_zicht(self) -> bool:
        return self.zicht_until in ("", _OPEN)


@dataclass(frozen=True, slots=True)
class SruPage:
    total: int  #: numberOfRecords: all hits, not only this page
    next_position: int | None
    records: tuple[SruRecord, ...]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _first(el: etree._Element, name: str) -> str:
    for x in el.iter():
        if _local(x) == name:
            return (x.text or "").strip()
    return ""


def parse_response(data: bytes) -> SruPage:
    """Parse a searchRetrieveResponse; a diagnostics response raises :class:`SruError`.

    >>> parse_response(b'<diagnostics><diagnostic><uri>info:srw/diagnostic/1/10</uri>'
    ...                b'<message>Query syntax error</message></diagnostic></diagnostics>')
    Traceback (most recent call last):
    ...
    wetgraaf.ingest.sru.SruError: search service diagnostic info:srw/diagnostic/1/10: Query syntax error
    """
    root = parse_bytes(data)
    for d in root.iter():
        if _local(d) == "diagnostic":
            raise SruError(_first(d, "uri"), _first(d, "message") or _first(d, "details"))
    if _local(root) != "searchRetrieveResponse":
        raise ValueError(f"not a search response: root element <{_local(root)}>")
    total = nxt = ""
    for c in root:
        if _local(c) == "numberOfRecords":
            total = (c.text or "").strip()
        elif _local(c) == "nextRecordPosition":
            nxt = (c.text or "").strip()
    records = []
    for rec in root.iter():
        if _local(rec) != "recordData":
            continue
        values: dict[str, list[str]] = {}
        for x in rec.iter():
            name = _local(x)
            if name and len(x) == 0:
                values.setdefault(name, []).append((x.text or "").strip())

        def one(name: str, values: dict[str, list[str]] = values) -> str:
            return values.get(name, [""])[0]

        records.append(
            SruRecord(
                bwb_id=one("identifier"),
                title=one("title"),
                soort=one("type"),
                toestand=one("toestand"),
                valid_from=one("geldigheidsperiode_startdatum"),
                valid_until=one("geldigheidsperiode_einddatum"),
                zicht_from=one("zichtperiode_startdatum"),
                zicht_until=one("zichtperiode_einddatum"),
                locatie_toestand=one("locatie_toestand"),
                locatie_wti=one("locatie_wti"),
                locatie_manifest=one("locatie_manifest"),
                modified=one("modified"),
                rechtsgebieden=tuple(values.get("rechtsgebied", [])),
            )
        )
    return SruPage(
        total=int(total) if total.isdigit() else len(records),
        next_position=int(nxt) if nxt.isdigit() else None,
        records=tuple(records),
    )


def _quote(text: str) -> str:
    """A CQL string literal: double quotes, with backslashes and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _on(on: date | None) -> str:
    return f" and overheidbwb.geldigheidsdatum=={on.isoformat()}" if on is not None else ""


def cql_identifier(bwb_id: str, on: date | None = None) -> str:
    """CQL for one regeling (the toestanden valid on ``on``, when given).

    >>> cql_identifier("BWBR0018451", date(2025, 1, 1))
    'dcterms.identifier==BWBR0018451 and overheidbwb.geldigheidsdatum==2025-01-01'
    """
    if not BWB_ID.match(bwb_id):
        raise ValueError(f"not a BWB id: {bwb_id!r}")
    return f"dcterms.identifier=={bwb_id}{_on(on)}"


def cql_title(text: str, on: date | None = None) -> str:
    """CQL that finds a regeling by citeertitel or afkorting.

    >>> cql_title('Wet op de zorgtoeslag')
    '(overheidbwb.titel="Wet op de zorgtoeslag" or overheidbwb.afkorting=="Wet op de zorgtoeslag")'
    """
    q = _quote(text.strip())
    return f"(overheidbwb.titel={q} or overheidbwb.afkorting=={q}){_on(on)}"


def cql_search(text: str, on: date | None = None) -> str:
    """CQL for a free search over titles (every word must occur).

    >>> cql_search('zorgtoeslag', date(2025, 1, 1))
    'overheidbwb.titel all "zorgtoeslag" and overheidbwb.geldigheidsdatum==2025-01-01'
    """
    return f"overheidbwb.titel all {_quote(text.strip())}{_on(on)}"


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", t).strip().lower()


_AMENDING = re.compile(
    r"^(?:wijzigings(?:wet|besluit|regeling)|reparatiewet|veegwet|aanpassingswet|invoeringswet)\b|\btot wijziging van\b",
    re.IGNORECASE,
)


def is_amending(title: str) -> bool:
    """Whether a title names an amending act (which a title search ranks first).

    >>> is_amending("Wijzigingsregeling Regeling zorgverzekering (vaststellen woonlandfactoren 2018)")
    True
    >>> is_amending("Wet op de zorgtoeslag")
    False
    """
    return bool(_AMENDING.search(title))


def rank(records: list[SruRecord] | tuple[SruRecord, ...], query: str = "") -> list[SruRecord]:
    """One record per regeling, best first: exact title match, then others, amending acts last.

    Within a group the service's order is kept. Of the several records of one regeling
    (one per toestand), the one with an open zicht and the latest validity start is kept.
    """
    best: dict[str, tuple[int, SruRecord]] = {}
    for i, r in enumerate(records):
        if not r.bwb_id:
            continue
        if r.bwb_id not in best:
            best[r.bwb_id] = (i, r)
            continue
        _, old = best[r.bwb_id]
        if (r.open_zicht, r.valid_from) > (old.open_zicht, old.valid_from):
            best[r.bwb_id] = (best[r.bwb_id][0], r)
    q = _norm(query)

    def key(item: tuple[int, SruRecord]) -> tuple[int, int]:
        i, r = item
        group = 0 if q and _norm(r.title) == q else 2 if is_amending(r.title) else 1
        return group, i

    return [r for _, r in sorted(best.values(), key=key)]


def pick(records: list[SruRecord] | tuple[SruRecord, ...], query: str) -> SruRecord | None:
    """The regeling a citeertitel or afkorting names, or ``None`` when there is no hit.

    One exact (case- and accent-insensitive) title match wins; otherwise a single regeling
    that is not an amending act (an afkorting search); otherwise :class:`Ambiguous`.
    """
    ranked = rank(records, query)
    if not ranked:
        return None
    q = _norm(query)
    exact = [r for r in ranked if _norm(r.title) == q]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(query, exact)
    plain = [r for r in ranked if not is_amending(r.title)]
    if len(plain) == 1:
        return plain[0]
    if not plain and len(ranked) == 1:
        return ranked[0]
    raise Ambiguous(query, ranked)
