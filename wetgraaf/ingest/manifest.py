"""The repository's ``manifest.xml``: which toestanden of a regeling exist, and which one to take.

Pure: bytes in, records out. The shape follows the description in
``../shared/docs/bwb-fetching.md`` §2 (reconstructed from two open-source parsers and an XSD;
no real manifest file was available)::

    <work label="BWBR…" _latestItem="2026-01-01_1/xml/BWBR…_2026-01-01_1.xml">
      <metadata><datum_inwerkingtreding>…</datum_inwerkingtreding>…</metadata>
      <expression label="2025-04-25_3">
        <metadata>
          <datum_inwerkingtreding>2025-04-25</datum_inwerkingtreding><einddatum>2025-07-18</einddatum>
          <zichtdatum_start>2026-02-21</zichtdatum_start><zichtdatum_eind>9999-12-31</zichtdatum_eind>
        </metadata>
        <manifestation label="xml">
          <metadata><hashcode>…</hashcode><size>2962580</size></metadata>
          <item label="BWBR…_2025-04-25_3.xml" _deleted="false"/>
        </manifestation>
      </expression> …
    </work>

Geldigheid (``datum_inwerkingtreding``–``einddatum``) says when a text is in force; zicht
(``zichtdatum_start``–``zichtdatum_eind``) says what KOOP knew when. The ``_n`` of a label is
a zicht generation, not a version number: a retroactive correction makes ``_1`` for the same
validity window. :func:`choose` takes, among the expressions in force on a date, the one
whose zicht has not ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from wetgraaf.ingest.xmlsafe import parse_bytes

__all__ = ["Expression", "Manifest", "NoToestand", "parse_manifest", "choose", "OPEN_END"]

#: The date the services write for "no end".
OPEN_END = date(9999, 12, 31)


class NoToestand(Exception):
    """No toestand of the regeling is in force on the date asked for."""


@dataclass(frozen=True, slots=True)
class Expression:
    """One toestand (consolidated text) listed in a manifest."""

    label: str  #: "2025-01-01_0": validity start and zicht generation
    start: date  #: datum_inwerkingtreding
    end: date  #: einddatum (inclusive; :data:`OPEN_END` when open)
    zicht_start: date | None
    zicht_end: date  #: zichtdatum_eind (:data:`OPEN_END` when this is what KOOP shows now)
    item: str  #: file name of the XML manifestation, "BWBR…_2025-01-01_0.xml"
    deleted: bool  #: removed from the repository (its URL answers with a redirect loop)
    size: int | None  #: bytes of the XML file, when the manifest gives them
    hashcode: str  #: as written in the manifest ("" when absent)

    @property
    def generation(self) -> int:
        """The zicht generation: the ``_n`` of the label."""
        tail = self.label.rpartition("_")[2]
        return int(tail) if tail.isdigit() else 0

    @property
    def open_zicht(self) -> bool:
        return self.zicht_end >= OPEN_END

    def path(self, bwb_id: str) -> str:
        """Path of the XML file below the regeling's folder in the repository."""
        return f"{self.label}/xml/{self.item or f'{bwb_id}_{self.label}.xml'}"


@dataclass(frozen=True, slots=True)
class Manifest:
    bwb_id: str
    latest_item: str  #: the ``_latestItem`` attribute ("" when the regeling has no consolidated text)
    expressions: tuple[Expression, ...]
    inwerkingtreding: date | None = None  #: work-level datum_inwerkingtreding
    intrekking: date | None = None  #: work-level datum_intrekking


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for c in el:
        if _local(c) == name:
            return c
    return None


def _text(el: etree._Element | None, name: str) -> str:
    c = _child(el, name) if el is not None else None
    return (c.text or "").strip() if c is not None else ""


def _date(value: str, default: date | None = None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else default
    except ValueError:
        return default


def parse_manifest(data: bytes, bwb_id: str | None = None) -> Manifest:
    """Parse a manifest; ``bwb_id``, when given, must be the work's label.

    Expressions without a label or start date are skipped (nothing could be fetched for them).

    >>> m = parse_manifest(b'''<work label="BWBR0000001" _latestItem="2024-01-01_1/xml/BWBR0000001_2024-01-01_1.xml">
    ...   <expression label="2024-01-01_0"><metadata><datum_inwerkingtreding>2024-01-01</datum_inwerkingtreding>
    ...     <einddatum>9999-12-31</einddatum><zichtdatum_start>2024-01-01</zichtdatum_start>
    ...     <zichtdatum_eind>2024-03-01</zichtdatum_eind></metadata>
    ...     <manifestation label="xml"><item label="BWBR0000001_2024-01-01_0.xml"/></manifestation></expression>
    ...   <expression label="2024-01-01_1"><metadata><datum_inwerkingtreding>2024-01-01</datum_inwerkingtreding>
    ...     <einddatum>9999-12-31</einddatum><zichtdatum_start>2024-03-01</zichtdatum_start>
    ...     <zichtdatum_eind>9999-12-31</zichtdatum_eind></metadata>
    ...     <manifestation label="xml"><metadata><size>42</size></metadata>
    ...     <item label="BWBR0000001_2024-01-01_1.xml"/></manifestation></expression></work>''')
    >>> [(e.label, e.open_zicht, e.size) for e in m.expressions]
    [('2024-01-01_0', False, None), ('2024-01-01_1', True, 42)]
    >>> choose(m, date(2024, 6, 1)).label
    '2024-01-01_1'
    """
    root = parse_bytes(data)
    work = root if _local(root) == "work" else next((e for e in root.iter() if _local(e) == "work"), None)
    if work is None:
        raise ValueError(f"not a BWB manifest: root element <{_local(root)}>, no <work>")
    label = (work.get("label") or "").strip()
    if bwb_id is not None and label and label != bwb_id:
        raise ValueError(f"manifest is for {label}, not {bwb_id}")
    meta = _child(work, "metadata")
    expressions = []
    for ex in work:
        if _local(ex) != "expression":
            continue
        em = _child(ex, "metadata")
        start = _date(_text(em, "datum_inwerkingtreding"))
        ex_label = (ex.get("label") or "").strip()
        if start is None or not ex_label:
            continue
        xml = next((m for m in ex if _local(m) == "manifestation" and m.get("label") == "xml"), None)
        item = _child(xml, "item") if xml is not None else None
        mm = _child(xml, "metadata") if xml is not None else None
        size = _text(mm, "size")
        expressions.append(
            Expression(
                label=ex_label,
                start=start,
                end=_date(_text(em, "einddatum"), OPEN_END) or OPEN_END,
                zicht_start=_date(_text(em, "zichtdatum_start")),
                zicht_end=_date(_text(em, "zichtdatum_eind"), OPEN_END) or OPEN_END,
                item=(item.get("label") or "").strip() if item is not None else "",
                deleted=(item.get("_deleted") or "").strip().lower() == "true" if item is not None else False,
                size=int(size) if size.isdigit() else None,
                hashcode=_text(mm, "hashcode"),
            )
        )
    return Manifest(
        bwb_id=label or bwb_id or "",
        latest_item=(work.get("_latestItem") or "").strip(),
        expressions=tuple(expressions),
        inwerkingtreding=_date(_text(meta, "datum_inwerkingtreding")),
        intrekking=_date(_text(meta, "datum_intrekking")),
    )


def choose(manifest: Manifest, on: date) -> Expression:
    """The toestand in force on ``on``, as KOOP shows it now.

    Among the expressions that are not deleted and whose validity window
    [datum_inwerkingtreding, einddatum] contains the date, take the one whose zicht is open
    (``zichtdatum_eind`` 9999-12-31); if several, the latest start, then the highest
    generation. If none has an open zicht, the latest zicht start wins. The end date is taken
    as inclusive (the search service writes one day before the next start); when two windows
    share a boundary day, the one starting on it wins.

    Raises :class:`NoToestand` with a one-line reason when nothing is in force on the date.
    """
    live = [e for e in manifest.expressions if not e.deleted]
    hits = [e for e in live if e.start <= on <= e.end]
    if hits:
        return max(
            hits,
            key=lambda e: (e.open_zicht, e.start, e.zicht_start or date.min, e.generation),
        )
    who = manifest.bwb_id or "this regeling"
    if not manifest.expressions:
        if manifest.intrekking:
            why = f"withdrawn on {manifest.intrekking.isoformat()}"
        elif manifest.inwerkingtreding and manifest.inwerkingtreding > on:
            why = f"not yet in force (from {manifest.inwerkingtreding.isoformat()})"
        else:
            why = "no consolidated text in the repository (withdrawn, announced or not yet in force)"
        raise NoToestand(f"{who}: {why}")
    if not live:
        raise NoToestand(f"{who}: every toestand in the manifest is marked deleted")
    first = min(e.start for e in live)
    last = max(e.end for e in live)
    if on < first:
        raise NoToestand(f"{who}: no toestand valid on {on.isoformat()} (the first starts {first.isoformat()})")
    if on > last:
        raise NoToestand(f"{who}: no toestand valid on {on.isoformat()} (the last ended {last.isoformat()})")
    raise NoToestand(f"{who}: no toestand valid on {on.isoformat()} (a gap between toestanden)")
