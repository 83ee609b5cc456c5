"""Parse one BWB XML document (toestand or legacy 2012 format) into records.

Parsing is pure: :func:`parse` reads from the bytes or binary stream it is given and does
no other I/O. The document is streamed with ``iterparse``; every article is processed
when its closing tag is read and then cleared, so memory stays flat for very large
regelingen (the Wet op het financieel toezicht is ~52 MB as one file).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from lxml import etree

from wetgraaf.identity import ARTICLE_ANCHORS, BWB_ID_PATTERN, REPEATABLE_KEYS, InvalidLegalId, LegalId
from wetgraaf.ingest.blocks import (
    ListBlock,
    Para,
    element_text,
    is_repealed_text,
    is_vervallen,
    norm_ws,
    own_jci,
    parse_blocks,
    render,
    unique_key,
)
from wetgraaf.ingest.definitions import ArticleView, LidView, extract_definitions
from wetgraaf.ingest.norm_model import NormContext
from wetgraaf.ingest.norms import classify
from wetgraaf.ingest.records import Document, Provision, Reference, Regeling, Rule, Unit
from wetgraaf.ingest.references import find_text_references, resolve_markup
from wetgraaf.ingest.rules_relations import extract_rules
from wetgraaf.ingest.xmlsafe import BWB_ROOTS, RejectedFile, iterparse, preflight_stream

__all__ = ["parse", "RejectedFile"]

#: Structural containers and the Juriconnect key they map to.
CONTAINERS: dict[str, str] = {
    "boek": "boek",
    "deel": "deel",
    "hoofdstuk": "hoofdstuk",
    "titeldeel": "titeldeel",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "sub-paragraaf": "sub-paragraaf",
    "bijlage": "bijlage",
    "divisie": "divisie",
    "circulaire.divisie": "divisie",
}
_TAGS = ("toestand", "wetgeving", "intitule", "citeertitel", "kop", "artikel", *CONTAINERS)
_DIVISION_TEXT = frozenset({"al", "lijst", "tekst", "al-groep", "table", "tabel", "tussenkop"})
_AANGEHAALD = re.compile(r"\b(?:wordt|kan\s+worden)\s+aangehaald\s+als\s*:?\s*(?P<t>.+?)\s*\.?$", re.IGNORECASE)
_VAST_DEEL = re.compile(rf"/id/(?P<bwb>{BWB_ID_PATTERN})/(?P<date>\d{{4}}-\d{{2}}-\d{{2}})/(?P<gen>\d+)")


@dataclass(slots=True)
class _Frame:
    tag: str
    key: str
    attrs: dict[str, str]
    nr: str = ""
    label: str = ""
    heading: str = ""
    has_kop: bool = False
    order: int = 0


@dataclass(slots=True)
class _State:
    name: str
    titles: Mapping[str, str] | None
    root: str = ""
    bwb_id: str = ""
    version: date | None = None
    generation: int | None = None
    soort: str = ""
    inwerkingtreding: date | None = None
    intitule: str = ""
    citeertitel: str = ""
    aangehaald: str = ""
    stack: list[_Frame] = field(default_factory=list)
    counters: dict[tuple, int] = field(default_factory=dict)
    seen_articles: set[LegalId] = field(default_factory=set)
    used_paths: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    order: int = 0
    doc: Document | None = None

    @property
    def base(self) -> LegalId:
        return LegalId(self.bwb_id, (), self.version)

    def next_order(self) -> int:
        self.order += 1
        return self.order


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse(
    source: bytes | IO[bytes],
    *,
    name: str = "<input>",
    titles: Mapping[str, str] | None = None,
) -> Document:
    """Parse one BWB XML document.

    Parameters
    ----------
    source : bytes or binary file object
        The XML. Entities, DTDs and network access are never resolved.
    name : str
        A label for messages and for :attr:`Regeling.source` (usually the file name).
    titles : mapping, optional
        Normalised title → BWB id, used to resolve plain-text references such as
        "artikel 3:40 van de Algemene wet bestuursrecht" (see
        :func:`wetgraaf.ingest.references.normalise_title`).

    Returns
    -------
    Document

    Raises
    ------
    RejectedFile
        With a one-line reason for empty, non-XML, hostile, malformed or non-BWB input.
    """
    stream: IO[bytes] = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    head = preflight_stream(stream)
    if hasattr(stream, "seek") and stream.seekable():
        stream.seek(0)
    else:  # pragma: no cover - non-seekable streams
        stream = _Prepend(head, stream)
    st = _State(name=name, titles=titles)
    try:
        for event, el in iterparse(stream, events=("start", "end"), tag=_TAGS):
            if event == "start":
                _start(st, el)
            else:
                _end(st, el)
    except RejectedFile:
        raise
    except InvalidLegalId as exc:
        raise RejectedFile("bad_identity", f"invalid BWB identity: {exc}") from None
    if not st.root:
        raise RejectedFile("not_bwb", "not BWB XML: no <toestand> or <wetgeving> root element")
    if st.doc is None:
        raise RejectedFile("not_bwb", "not BWB XML: no regeling content")
    st.doc.regeling = _regeling(st)
    return st.doc


class _Prepend(io.RawIOBase):  # pragma: no cover - only for non-seekable streams
    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        data = self._head.read(len(b)) or self._rest.read(len(b))
        n = len(data)
        b[:n] = data
        return n


def _regeling(st: _State) -> Regeling:
    cite = st.citeertitel or st.aangehaald
    if not cite:
        m = re.search(r"\(([^()]+)\)\s*$", st.intitule)
        cite = m.group(1).strip() if m else st.intitule
    return Regeling(
        id=st.base,
        bwb_id=st.bwb_id,
        citeertitel=cite,
        intitule=st.intitule,
        soort=st.soort,
        version=st.version,
        inwerkingtreding=st.inwerkingtreding,
        format="toestand" if st.root == "toestand" else "legacy",
        zicht_generation=st.generation,
        source=st.name,
    )


def _start(st: _State, el: etree._Element) -> None:
    tag = el.tag
    if not st.root:
        if tag not in BWB_ROOTS:
            raise RejectedFile("not_bwb", f"not BWB XML: root element <{tag}>")
        st.root = tag
    if tag == "toestand":
        st.bwb_id = (el.get("bwb-id") or "").strip()
        st.version = _date(el.get("inwerkingtreding"))
        m = _VAST_DEEL.search(el.get("bwb-ng-vast-deel") or "")
        if m:
            st.generation = int(m.group("gen"))
            st.bwb_id = st.bwb_id or m.group("bwb")
    elif tag == "wetgeving":
        st.bwb_id = st.bwb_id or (el.get("bwb-id") or "").strip()
        st.soort = el.get("soort", "")
        st.inwerkingtreding = _date(el.get("inwerkingtredingsdatum"))
        if not st.bwb_id:
            raise RejectedFile("not_bwb", "not BWB XML: no bwb-id attribute")
        st.doc = Document(regeling=_regeling(st))
    elif tag in CONTAINERS and st.doc is not None:
        key = CONTAINERS[tag]
        parent_path = tuple((f.key, f.nr) for f in st.stack)
        n = st.counters.get((parent_path, key), 0) + 1
        st.counters[(parent_path, key)] = n
        st.stack.append(_Frame(tag=tag, key=key, attrs=dict(el.attrib), nr=str(n), order=st.next_order()))


def _end(st: _State, el: etree._Element) -> None:
    tag = el.tag
    if tag == "intitule":
        st.intitule = element_text(el)
    elif tag == "citeertitel":
        st.citeertitel = element_text(el)
    elif tag == "kop":
        parent = el.getparent()
        if parent is not None and parent.tag in CONTAINERS and st.stack and st.stack[-1].tag == parent.tag:
            fr = st.stack[-1]
            nr = norm_ws(element_text(el.find("nr")) if el.find("nr") is not None else "")
            if nr:
                fr.nr = nr.rstrip(".:").strip() or nr
            elif parent.get("label"):
                fr.nr = parent.get("label", "").split()[-1]
            fr.label = element_text(el.find("label")) if el.find("label") is not None else ""
            if fr.key == "divisie" and fr.label.lower() in CONTAINERS:
                # a division headed "Hoofdstuk 1" is cited as hoofdstuk=1 (as the official ids do)
                fr.key = CONTAINERS[fr.label.lower()]
            # two divisions with the same number (Awb 2012 bijlage 1 has two "J"): keep ids unique
            parent_path = "/".join(f"{k}={v}" for k, v in _container_path(st)[:-1])
            fr.nr = unique_key(fr.nr, st.used_paths.setdefault((parent_path, fr.key), set()))
            fr.heading = element_text(el.find("titel")) if el.find("titel") is not None else ""
            fr.has_kop = True
    elif tag == "artikel" and st.doc is not None:
        _article(st, el)
        el.clear(keep_tail=False)
    elif tag in CONTAINERS and st.doc is not None and st.stack:
        _container_end(st, el)
        el.clear(keep_tail=False)


def _container_path(st: _State) -> tuple[tuple[str, str], ...]:
    """The open containers as a Juriconnect path that :class:`LegalId` accepts.

    Real laws nest what Juriconnect cannot say (a bijlage inside a bijlage, a paragraaf
    inside a paragraaf) or number with "&" ("7 & 8"): such an element gets the best id there
    is (the nested number joined to its parent's, "1.2"; "&"/"=" as "_") with a warning,
    instead of the whole law being rejected.
    """
    out: list[tuple[str, str]] = []
    for f in st.stack:
        value = f.nr
        if "&" in value or "=" in value:
            fixed = value.replace("&", "_").replace("=", "_")
            _warn_once(st, f"{st.name}: {f.key} number {value!r} has '&' or '=': keyed {fixed!r}")
            value = fixed
        prev = next((i for i, (k, _) in enumerate(out) if k == f.key), None)
        if prev is not None and f.key not in REPEATABLE_KEYS:
            outer = out[prev][1]
            merged = value if value.startswith(outer + ".") else f"{outer}.{value}"
            _warn_once(st, f"{st.name}: {f.key} {value!r} nested in {f.key} {out[prev][1]!r}: keyed {merged!r}")
            out[prev] = (f.key, merged)
            continue
        out.append((f.key, value))
    return tuple(out)


def _warn_once(st: _State, message: str) -> None:
    if st.doc is not None and message not in st.doc.warnings:
        st.doc.warnings.append(message)


def _container_end(st: _State, el: etree._Element) -> None:
    doc = st.doc
    assert doc is not None
    fr = st.stack[-1]
    path = _container_path(st)
    uid = st.base.with_path(path)
    status = el.get("status", "")
    parent = st.base.with_path(path[:-1]) if len(path) > 1 else st.base
    doc.units.append(
        Unit(
            id=uid,
            kind=fr.key,
            label=el.get("label") or norm_ws(f"{fr.label} {fr.nr}"),
            nr=fr.nr,
            heading=fr.heading,
            status=status,
            repealed=status == "vervallen",
            parent=parent,
            container=path[:-1],
            own_jci=own_jci(el),
            order=fr.order,
        )
    )
    # a division (circulaire, bijlage) carries its own text when it has no articles
    if fr.key in ("divisie", "bijlage"):
        blocks = [b for b in parse_blocks(el, frozenset({"kop"}))]
        direct = any(isinstance(c.tag, str) and c.tag in _DIVISION_TEXT for c in el)
        if direct and blocks:
            _text_unit(st, uid, "divisie" if fr.key == "divisie" else "bijlage", fr.heading, path, blocks, status)
    st.stack.pop()


def _text_unit(
    st: _State,
    uid: LegalId,
    kind: str,
    heading: str,
    container: tuple[tuple[str, str], ...],
    blocks: list[Para | ListBlock],
    status: str,
) -> None:
    """A division of a policy text (circulaire/beleidsregel) or bijlage with free text."""
    doc = st.doc
    assert doc is not None
    refs_by_para: dict[int, list[Reference]] = {}
    text = render(blocks)
    doc.provisions.append(
        Provision(uid, kind, "", "", "", text, False, status, container, None, st.next_order(), heading)
    )
    _collect_refs(st, blocks, uid, refs_by_para)
    # a definition here is located by the division itself ("divisie=1&divisie=1-1-a"), never by ""
    view = ArticleView(id=uid, nr=uid.path_jci, heading=heading, container=container, leden=[LidView(uid, "", blocks)])
    doc.definitions.extend(extract_definitions(view, lambda p: refs_by_para.get(id(p), ())))
    rule = classify(text, heading=heading, context=_norm_context(st, 0, 1))
    doc.rules.append(Rule(uid, rule.norm_type, rule.cues, confidence=rule.confidence))
    relations, parameters = extract_rules(view.leden[0], lambda p: refs_by_para.get(id(p), ()), view, text)
    doc.rule_relations.extend(relations)
    doc.rule_parameters.extend(parameters)


def _collect_refs(st: _State, blocks: list[Para | ListBlock], source: LegalId, out: dict[int, list[Reference]]) -> None:
    """Resolve references of every paragraph; list items get their own source id."""
    doc = st.doc
    assert doc is not None
    for b in blocks:
        if isinstance(b, Para):
            refs = [resolve_markup(span, source) for span in b.refs]
            refs.extend(find_text_references(b.text, source, exclude=[s.text for s in b.refs], titles=st.titles))
            out[id(b)] = refs
            doc.references.extend(refs)
        else:
            for it in b.items:
                _collect_refs(st, it.blocks, source.child("o", it.o), out)


def _article(st: _State, el: etree._Element) -> None:
    doc = st.doc
    assert doc is not None
    kop = el.find("kop")
    nr = ""
    heading = ""
    if kop is not None:
        nr = element_text(kop.find("nr")) if kop.find("nr") is not None else ""
        heading = element_text(kop.find("titel")) if kop.find("titel") is not None else ""
    nr = nr.rstrip(".").strip()
    if not nr:
        label = el.get("label") or ""
        nr = label.split()[-1] if label.split() else ""
    container = _container_path(st)
    anchors = tuple((k, v) for k, v in container if k in ARTICLE_ANCHORS)
    if not nr:
        n = st.counters.get((anchors, "artikel-anon"), 0) + 1
        st.counters[(anchors, "artikel-anon")] = n
        nr = f"_{n}"
        doc.warnings.append(f"{st.name}: article without number; numbered {nr} by position")
    art_id = st.base.with_path((*anchors, ("artikel", nr)))
    if art_id in st.seen_articles:
        n = 2
        while st.base.with_path((*anchors, ("artikel", f"{nr}_{n}"))) in st.seen_articles:
            n += 1
        doc.warnings.append(f"{st.name}: artikel {nr} occurs twice; the second is keyed {nr}_{n}")
        art_id = st.base.with_path((*anchors, ("artikel", f"{nr}_{n}")))
    st.seen_articles.add(art_id)

    status = el.get("status", "")
    leden_el = list(el.iterchildren("lid"))
    art_blocks = parse_blocks(el, frozenset({"kop", "lid"}))
    repealed = status == "vervallen" or (not leden_el and is_repealed_text(art_blocks) and _vervallen(art_blocks))
    order = st.next_order()
    parent = st.base.with_path(container) if container else st.base
    doc.units.append(
        Unit(
            id=art_id,
            kind="artikel",
            label=el.get("label") or norm_ws(f"Artikel {nr}"),
            nr=nr,
            heading=heading,
            status=status,
            repealed=repealed,
            parent=parent,
            container=container,
            own_jci=own_jci(el),
            order=order,
        )
    )
    if repealed:
        return

    leden: list[LidView] = []
    jcis: dict[LegalId, str | None] = {}
    if leden_el:
        used: set[str] = set()
        for pos, lid_el in enumerate(leden_el, start=1):
            lidnr = norm_ws(lid_el.findtext("lidnr") or "").rstrip(".").strip()
            key = lidnr or str(pos)
            if key in used:
                # a second text of the same lid: the Awb gives some articles twice, "voor
                # overige gevallen luidt het artikel als volgt:" (digitaal procederen)
                doc.warnings.append(f"{st.name}: artikel {nr} has a second text of lid {key}")
            key = unique_key(key, used)
            lid_id = art_id.child("lid", key)
            blocks = parse_blocks(lid_el, frozenset({"lidnr"}))
            leden.append(LidView(lid_id, lidnr, blocks))
            jcis[lid_id] = own_jci(lid_el)
        if art_blocks:  # text directly in the article next to leden (rare)
            leden.insert(0, LidView(art_id, "", art_blocks))
    else:
        leden.append(LidView(art_id, "", art_blocks))
        jcis[art_id] = None

    refs_by_para: dict[int, list[Reference]] = {}
    lid_has_defs: dict[LegalId, bool] = {}
    texts: dict[LegalId, str] = {}  # each lid rendered once; editorial stubs are left out
    for lid in leden:
        ed = is_repealed_text(lid.blocks)
        lid_status = "vervallen" if ed and _vervallen(lid.blocks) else ("redactioneel" if ed else status)
        text = render(lid.blocks)
        kind = "lid" if lid.nr or lid.id != art_id else "artikel"
        doc.provisions.append(
            Provision(
                lid.id,
                kind,
                nr,
                lid.nr,
                "",
                text,
                lid_status == "vervallen",
                lid_status,
                container,
                jcis.get(lid.id),
                st.next_order(),
                heading,
            )
        )
        if ed:
            if lid_status == "redactioneel" and re.match(r"(?:Wijzigt|Bevat wijzigingen)\b", text):
                # an amending article replaced by an editorial note ("Wijzigt de Woningwet.")
                doc.rules.append(Rule(lid.id, "amendment", ("editorial stub",)))
            lid.blocks = []  # editorial stub: not law text
            continue
        _item_provisions(st, lid.blocks, lid.id, nr, lid.nr, "", container, status, heading)
        texts[lid.id] = text
        _collect_refs(st, lid.blocks, lid.id, refs_by_para)

    if not st.aangehaald:
        for lid in leden:
            text = texts.get(lid.id, "")
            # (a text without "aangehaald" cannot match: skip the costly search; no letter of the
            # word is one that IGNORECASE equates with a non-ASCII one, so lower() tells)
            m = _AANGEHAALD.search(text) if "aangehaald" in text.lower() else None
            if m and re.match(r"(?:Deze|Dit)\s+(?:wet|besluit|regeling|beleidsregel)", text):
                st.aangehaald = m.group("t").strip(" .:\u201c\u201d\"'\u2018\u2019")
                break
    view = ArticleView(id=art_id, nr=nr, heading=heading, container=container, leden=leden)
    defs = extract_definitions(view, lambda p: refs_by_para.get(id(p), ()))
    doc.definitions.extend(defs)
    for d in defs:
        if d.kind != "deeming":
            lid_has_defs[d.id.with_path(kv for kv in d.id.path if kv[0] != "o")] = True

    for pos, lid in enumerate(leden):
        if not lid.blocks:
            continue
        relations, parameters = extract_rules(lid, lambda p: refs_by_para.get(id(p), ()), view, texts[lid.id])
        doc.rule_relations.extend(relations)
        doc.rule_parameters.extend(parameters)
        r = classify(
            texts[lid.id],
            heading=heading,
            has_definitions=lid_has_defs.get(lid.id, False),
            context=_norm_context(st, pos, len(leden)),
        )
        doc.rules.append(Rule(lid.id, r.norm_type, r.cues, confidence=r.confidence))
        for b in lid.blocks:
            if isinstance(b, ListBlock):
                for it in b.items:
                    doc.rules.append(
                        Rule(lid.id.child("o", it.o), r.norm_type, r.cues, inherited=True, confidence=r.confidence)
                    )


def _norm_context(st: _State, position: int, n_leden: int) -> NormContext:
    """The context of a lid for the norm model, from the open containers.

    It must equal what :func:`~wetgraaf.ingest.norm_model.context_of` rebuilds from the
    records (a test checks this): a division with free text is its own innermost container.
    """
    return NormContext(tuple(f.heading for f in st.stack if f.heading), st.soort, position, n_leden)


def _vervallen(blocks: list[Para | ListBlock]) -> bool:
    return any(isinstance(b, Para) and b.editorial and is_vervallen(b.editorial) for b in blocks)


def _item_provisions(
    st: _State,
    blocks: list[Para | ListBlock],
    parent: LegalId,
    artikel: str,
    lid: str,
    prefix: str,
    container: tuple[tuple[str, str], ...],
    status: str,
    heading: str,
) -> None:
    doc = st.doc
    assert doc is not None
    for b in blocks:
        if not isinstance(b, ListBlock):
            continue
        for it in b.items:
            oid = parent.child("o", it.o)
            ond = f"{prefix}.{it.nr}" if prefix else it.nr
            ed = is_repealed_text(it.blocks)
            it_status = "vervallen" if ed and _vervallen(it.blocks) else ("redactioneel" if ed else status)
            doc.provisions.append(
                Provision(
                    oid,
                    "onderdeel",
                    artikel,
                    lid,
                    ond,
                    render(it.blocks),
                    it_status == "vervallen",
                    it_status,
                    container,
                    it.own_jci,
                    st.next_order(),
                    heading,
                )
            )
            _item_provisions(st, it.blocks, oid, artikel, lid, ond, container, status, heading)
