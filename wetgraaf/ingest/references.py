"""References: ``extref``/``intref`` resolved to :class:`LegalId`, plus plain-text references.

``doc`` attributes stop at ``&artikel=``; the lid and onderdeel are read from the anchor
text ("artikel 2, derde lid, onderdeel k, van de Algemene wet inzake rijksbelastingen").
Plain-text references ("artikel 4", "het eerste lid", "artikel 3:40 van de Algemene wet
bestuursrecht") are found with patterns; a title is resolved through an optional
title → BWB id table. What cannot be resolved is kept with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from wetgraaf.identity import InvalidLegalId, LegalId
from wetgraaf.ingest.blocks import RefSpan
from wetgraaf.ingest.records import Reference

__all__ = ["ORDINALS", "parse_anchor", "resolve_markup", "find_text_references", "normalise_title"]

ORDINALS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende elfde twaalfde "
        "dertiende veertiende vijftiende zestiende zeventiende achttiende negentiende twintigste "
        "eenentwintigste tweeëntwintigste drieëntwintigste vierentwintigste vijfentwintigste".split(),
        start=1,
    )
}
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_ARTNR = r"(?:\d+[a-z]{0,3}(?:[.:]\d+[a-z]{0,3})*|[A-Z]{1,2}\s?\d+[a-z]{0,2})"
_LID_RE = re.compile(rf"\b(?P<ord>{_ORD})\s+lid\b", re.IGNORECASE)
_OND_RE = re.compile(r"\bonderde(?:el|len)\s+(?P<o>[a-z]{1,2}|\d+°?)(?=[\s,.;)]|$)", re.IGNORECASE)
_SUB_RE = re.compile(r"\b(?:onder|sub)\s+(?P<o>\d+)°", re.IGNORECASE)
_ART_RE = re.compile(rf"\bartikel(?:en)?\s+(?P<nr>{_ARTNR})", re.IGNORECASE)


def normalise_title(title: str) -> str:
    """Lower-case, single-spaced title for lookups ("de Algemene wet bestuursrecht" → "algemene wet bestuursrecht")."""
    t = re.sub(r"\s+", " ", title).strip().lower()
    return re.sub(r"^(?:de|het)\s+", "", t)


def parse_anchor(text: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Read article, lid and onderdelen from an anchor text.

    >>> parse_anchor("artikel 2, derde lid, onderdeel k, van de Algemene wet inzake rijksbelastingen")
    ('2', '3', ('k',))
    >>> parse_anchor("artikel 5a, eerste lid en derde tot en met zevende lid")
    ('5a', '1', ())
    >>> parse_anchor("het tweede lid, onderdeel e, onder 2°")
    (None, '2', ('e', '2'))
    """
    art = _ART_RE.search(text)
    lid = _LID_RE.search(text)
    ond = _OND_RE.search(text)
    sub = _SUB_RE.search(text)
    onderdelen: tuple[str, ...] = ()
    if ond:
        onderdelen = (ond.group("o").rstrip("°"),)
        if sub:
            onderdelen += (sub.group("o"),)
    return (
        art.group("nr") if art else None,
        str(ORDINALS[lid.group("ord").lower()]) if lid else None,
        onderdelen,
    )


def _refine(target: LegalId, anchor: str) -> tuple[LegalId, str]:
    """Add lid/onderdeel from the anchor text to a target that stops at the article."""
    art, lid, onds = parse_anchor(anchor)
    note = ""
    if target.artikel is None and art is not None and len(_ART_RE.findall(anchor)) == 1:
        # doc names the regeling only; the anchor names one article in it
        target = target.child("artikel", art)
        note = "artikel read from anchor text"
    if target.artikel is not None and target.lid is None and not target.onderdelen:
        if art is not None and art != target.artikel:
            return target, note  # anchor names another article first; do not guess
        if lid:
            target = target.child("lid", lid)
        for o in onds:
            target = target.child("o", o)
    return target, note


def resolve_markup(span: RefSpan, source: LegalId) -> Reference:
    """Resolve an ``extref``/``intref`` to a :class:`Reference`.

    Internal references point into the same version as ``source``; external ones carry
    no version (the version in force is meant).
    """
    doc = (span.attrs.get("doc") or "").strip()
    reeks = span.attrs.get("reeks", "")
    if reeks.lower() == "celex" or re.fullmatch(r"3\d{4}[A-Z]\d{4}", doc):
        return Reference(source, span.text, None, span.tag, f"EU law (CELEX {doc})", celex=doc, raw_doc=doc)
    if not doc:
        # an intref without doc may still be resolvable from the text: same regeling
        if span.tag == "intref":
            ref = _text_target(span.text, source, None)
            if ref is not None:
                return Reference(
                    source, span.text, ref, span.tag, "empty doc; target read from anchor text", raw_doc=doc
                )
        return Reference(source, span.text, None, span.tag, "empty doc attribute", raw_doc=doc)
    if doc.lower() == "onbekend":
        bwb = (span.attrs.get("bwb-id") or "").strip()
        if bwb:
            try:
                target, _ = _refine(LegalId(bwb), span.text)
            except InvalidLegalId:
                target = None
            if target is not None:
                return Reference(
                    source,
                    span.text,
                    target,
                    span.tag,
                    'doc="onbekend"; target taken from the bwb-id attribute',
                    raw_doc=doc,
                )
        return Reference(source, span.text, None, span.tag, 'doc="onbekend" (unknown target)', raw_doc=doc)
    try:
        target = LegalId.parse(doc)
    except InvalidLegalId as exc:
        return Reference(source, span.text, None, span.tag, f"unparsable doc: {exc}", raw_doc=doc)
    if span.tag == "intref" or target.bwb_id == source.bwb_id:
        target = target.at(source.version)
    else:
        target = target.at(None)
    target, note = _refine(target, span.text)
    return Reference(source, span.text, target, span.tag, note, raw_doc=doc)


# --------------------------------------------------------------------------- plain text
_TEXT_REF_RE = re.compile(
    rf"""
    (?P<all>
      (?:(?:het|dat)\s+)?
      (?:
        (?P<art>artikel(?:en)?\s+{_ARTNR}(?:\s*,\s*(?:{_ORD})\s+(?:tot\s+en\s+met\s+(?:{_ORD})\s+)?lid)?(?:\s*,\s*onderde(?:el|len)\s+[a-z\d]{{1,2}}°?)?)
       |(?P<lid>(?:{_ORD})\s+lid(?:\s*,\s*onderde(?:el|len)\s+[a-z\d]{{1,2}}°?)?)
       |(?P<ond>onderdeel\s+[a-z]{{1,2}}(?=[\s,.;]))
      )
      (?P<van>\s*,?\s+van\s+(?P<title>(?:de|het)\s+(?:[A-Z][\w\-’']*|[a-z][\w\-]*)(?:\s+(?:[A-Z][\w\-’']*|op|inzake|van|de|het|en|tot|voor|in|betreffende|[a-z]+wet|wet|bestuursrecht|\d{{4}}|regelingen|belastingen|rijksbelastingen|ziektekosten|inkomstenbelasting|besluit|regeling))*|deze\s+(?:wet|regeling|beleidsregel)|dit\s+besluit|die\s+wet|dat\s+besluit))?
    )
    """,
    re.VERBOSE,
)


def _text_target(text: str, source: LegalId, titles: Mapping[str, str] | None) -> LegalId | None:
    m = _TEXT_REF_RE.search(text)
    if not m:
        return None
    ref = _match_to_target(m, source, titles)
    return ref[0]


def _match_to_target(m: re.Match[str], source: LegalId, titles: Mapping[str, str] | None) -> tuple[LegalId | None, str]:
    anchor = m.group("all")
    art, lid, onds = parse_anchor(anchor)
    title = m.group("title")
    base: LegalId | None
    reason = ""
    if title:
        t = normalise_title(title)
        if t in ("deze wet", "deze regeling", "deze beleidsregel", "dit besluit"):
            base = source.expression
        elif titles is not None and normalise_title(title) in titles:
            base = LegalId(titles[normalise_title(title)])
        else:
            return None, f"title not in the title table: {title!r}"
    else:
        base = source.expression
    if m.group("art"):
        tgt = base.child("artikel", art)  # type: ignore[arg-type]
        if lid:
            tgt = tgt.child("lid", lid)
        for o in onds:
            tgt = tgt.child("o", o)
        return tgt, reason
    # "het eerste lid" / "onderdeel a": relative to the source article / lid
    if title:
        return None, "lid/onderdeel of another regeling without article"
    art_id = source.article_id
    if art_id is None:
        return None, "relative reference outside an article"
    if m.group("lid"):
        tgt = art_id.child("lid", lid)  # type: ignore[arg-type]
        for o in onds:
            tgt = tgt.child("o", o)
        return tgt, "relative to the citing article"
    # bare onderdeel: same lid as the source
    base_lid = art_id.child("lid", source.lid) if source.lid else art_id
    return base_lid.child("o", onds[0]) if onds else None, "relative to the citing lid"


def find_text_references(
    text: str,
    source: LegalId,
    *,
    exclude: Iterable[str] = (),
    titles: Mapping[str, str] | None = None,
) -> list[Reference]:
    """References written in plain text, outside ``extref``/``intref`` anchors.

    ``exclude`` are the anchor texts of marked-up references in ``text``; they are blanked
    out first so that nothing is counted twice.

    >>> src = LegalId.parse("jci1.3:c:BWBR0018472&artikel=3&lid=4&g=2025-01-01")
    >>> [r.target.jci for r in find_text_references("op grond van het eerste lid", src)]
    ['jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01']
    """
    masked = text
    for anchor in exclude:
        if anchor:
            masked = masked.replace(anchor, "\x00" * len(anchor), 1)
    out: list[Reference] = []
    if "artikel" not in masked and "lid" not in masked and "onderdeel" not in masked:
        return out  # every match of _TEXT_REF_RE spells one of these (it is case-sensitive): skip its scan
    for m in _TEXT_REF_RE.finditer(masked):
        anchor = m.group("all").strip()
        if "\x00" in anchor or len(anchor) < 6:
            continue
        target, reason = _match_to_target(m, source, titles)
        if target is None and titles and m.group("title") and m.group("art"):
            # the title pattern stops at words it does not know ("… van de Algemene wet in|komens-
            # afhankelijke regelingen"): try the longest known title that the text goes on to spell
            found = _longer_title(masked[m.start("title") :], titles)
            if found is not None:
                title_text, bwb = found
                art, lid, onds = parse_anchor(anchor)
                target = LegalId(bwb).child("artikel", art)  # type: ignore[arg-type]
                if lid:
                    target = target.child("lid", lid)
                for o in onds:
                    target = target.child("o", o)
                anchor = masked[m.start("all") : m.start("title") + len(title_text)].strip()
                reason = ""
        out.append(Reference(source, anchor, target, "text", reason))
    return out


def _longer_title(text: str, titles: Mapping[str, str]) -> tuple[str, str] | None:
    """The longest prefix of ``text`` (whole words, before punctuation) that is a known title.

    >>> _longer_title("de Algemene wet inkomensafhankelijke regelingen, met", {"algemene wet inkomensafhankelijke regelingen": "BWBR0018472"})
    ('de Algemene wet inkomensafhankelijke regelingen', 'BWBR0018472')
    """
    head = re.split(r"[,;.:()\n\x00]", text[:200], maxsplit=1)[0]  # \x00: a masked marked-up anchor
    words = [w for w in re.finditer(r"\S+", head)][:12]
    for n in range(len(words), 1, -1):
        candidate = head[: words[n - 1].end()]
        bwb = titles.get(normalise_title(candidate))
        if bwb is not None:
            return candidate, bwb
    return None
