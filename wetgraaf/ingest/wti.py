"""The WTI (wetstechnische informatie) of a regeling: titles and related regelingen.

Pure: bytes in, a :class:`Wti` out. The structure, as in the real
``BWBR0018451.WTI`` (schema ``BWB-WTI/2016-1``)::

    wetstechnische-informatie @bwb-id
      algemene-informatie/(citeertitel, afkortingen/afkorting, soort-regeling, …)
      gerelateerde-regelgeving/
        regeling/(wetsfamilie | grondslag-voor)/gerelateerde-regeling @bwb-id @geldig-van @geldig-tot
                                                                    @zichtbaar-van @zichtbaar-tot /extref
        regeling/verwijzing-door/gerelateerd-regelingelement @bwb-id @geldig-* /extref @doc @label
        regelingelementen/regelingelement @label ("Artikel 2")/(grondslag-voor | verwijzing-door)/…
      wijzigingen/…  (amendment history; not read here)

``grondslag-voor`` lists the regelingen that rest on this one (delegation: the AMvB or
ministeriële regeling based on this law, per article under ``regelingelementen``);
``verwijzing-door`` the elements of other regelingen that refer to this one; ``wetsfamilie``
the family of laws it belongs to (itself included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from wetgraaf.identity import BWB_ID_PATTERN
from wetgraaf.ingest.records import RegelingRelation
from wetgraaf.ingest.xmlsafe import RejectedFile, parse_bytes

__all__ = ["Wti", "parse_wti", "WTI_ROOT"]

WTI_ROOT = "wetstechnische-informatie"
_BWB_ID = re.compile(rf"^{BWB_ID_PATTERN}$")
_KINDS = {"grondslag-voor": "grondslag", "wetsfamilie": "wetsfamilie", "verwijzing-door": "verwijzing"}


@dataclass(frozen=True, slots=True)
class Wti:
    """What wetgraaf reads from a WTI file."""

    bwb_id: str
    citeertitel: str
    afkortingen: tuple[str, ...]
    soort: str
    generated: str  #: algemene-informatie/@gegenereerd
    relations: tuple[RegelingRelation, ...]
    source: str = ""


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _relations(block: etree._Element, bwb_id: str, element: str, source: str) -> list[RegelingRelation]:
    out = []
    for group in block:
        kind = _KINDS.get(group.tag if isinstance(group.tag, str) else "")
        if kind is None:
            continue
        for rel in group:
            if rel.tag not in ("gerelateerde-regeling", "gerelateerd-regelingelement"):
                continue
            ref = rel.find("extref")
            other = (rel.get("bwb-id") or (ref.get("bwb-id") if ref is not None else "") or "").strip()
            if not _BWB_ID.match(other):
                continue
            if rel.tag == "gerelateerd-regelingelement":
                title = (ref.get("label") or "").strip() if ref is not None else ""
                other_element = (ref.get("doc") or "").strip() if ref is not None else ""
            else:
                title, other_element = _text(ref), ""
            out.append(
                RegelingRelation(
                    kind=kind,
                    bwb_id=bwb_id,
                    other=other,
                    other_title=title,
                    element=element,
                    other_element=other_element,
                    valid_from=rel.get("geldig-van", ""),
                    valid_until=rel.get("geldig-tot", ""),
                    zicht_from=rel.get("zichtbaar-van", ""),
                    zicht_until=rel.get("zichtbaar-tot", ""),
                    source=source,
                )
            )
    return out


def parse_wti(data: bytes, *, name: str = "") -> Wti:
    """Parse a WTI file. Raises :class:`~wetgraaf.ingest.xmlsafe.RejectedFile` for anything else.

    >>> w = parse_wti(b'''<wetstechnische-informatie bwb-id="BWBR0000001"><algemene-informatie>
    ...   <citeertitel status="officieel">Voorbeeldwet </citeertitel><soort-regeling>wet</soort-regeling>
    ...   </algemene-informatie><gerelateerde-regelgeving><regelingelementen>
    ...   <regelingelement label="Artikel 2"><grondslag-voor>
    ...   <gerelateerde-regeling bwb-id="BWBR0000002" geldig-van="2020-01-01" geldig-tot="9999-12-31">
    ...   <extref doc="jci1.3:c:BWBR0000002" bwb-id="BWBR0000002">Voorbeeldbesluit</extref>
    ...   </gerelateerde-regeling></grondslag-voor></regelingelement>
    ...   </regelingelementen></gerelateerde-regelgeving></wetstechnische-informatie>''')
    >>> w.citeertitel, [(r.kind, r.other, r.element, r.other_title) for r in w.relations]
    ('Voorbeeldwet', [('grondslag', 'BWBR0000002', 'Artikel 2', 'Voorbeeldbesluit')])
    """
    root = parse_bytes(data)
    if root.tag != WTI_ROOT:
        tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise RejectedFile("not_wti", f"not a WTI file: root element <{tag}>")
    bwb_id = (root.get("bwb-id") or "").strip()
    if not _BWB_ID.match(bwb_id):
        raise RejectedFile("not_wti", f"WTI file without a valid bwb-id ({bwb_id!r})")
    info = root.find("algemene-informatie")
    relations: list[RegelingRelation] = []
    related = root.find("gerelateerde-regelgeving")
    if related is not None:
        for reg in related.findall("regeling"):
            relations.extend(_relations(reg, bwb_id, "", name))
        for el in related.iterfind("regelingelementen/regelingelement"):
            relations.extend(_relations(el, bwb_id, (el.get("label") or "").strip(), name))
    return Wti(
        bwb_id=bwb_id,
        citeertitel=_text(info.find("citeertitel")) if info is not None else "",
        afkortingen=tuple(_text(a) for a in info.iterfind("afkortingen/afkorting")) if info is not None else (),
        soort=_text(info.find("soort-regeling")) if info is not None else "",
        generated=(info.get("gegenereerd") or "") if info is not None else "",
        relations=tuple(relations),
        source=name,
    )
