"""A small text model of an article's content: paragraphs, lists and list items.

BWB XML mixes law text with metadata (``meta-data``), editorial remarks (``redactie``),
footnotes (``noot``) and markup (``nadruk``, ``extref``, ``intref``). The functions here
turn an article's subtree into :class:`Para` / :class:`ListBlock` / :class:`Item` objects
with whitespace-normalised text and the reference anchors kept as spans, so that the
definition, reference and norm extractors work on clean text. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

__all__ = [
    "Para",
    "ListBlock",
    "Item",
    "RefSpan",
    "norm_ws",
    "element_text",
    "parse_blocks",
    "render",
    "own_jci",
    "SKIP_TAGS",
    "unique_key",
]

#: Elements whose content never belongs to the law text.
SKIP_TAGS = frozenset({"meta-data", "noot", "artikel.toelichting", "plaatje", "illustratie"})
_REPEALED_RE = re.compile(r"^\s*(?:\[?\s*)?vervallen\b", re.IGNORECASE)


#: The white space after a full stop that a capital follows: where a text is cut into sentences.
#: The pattern opens with the full stop (not a look-behind), so ``re`` skips ahead to each one.
SENTENCE_BREAK = re.compile(r"\.(\s+)(?=[A-Z])")


def split_sentences(text: str) -> list[str]:
    """``re.split(r"(?<=[.])\\s+(?=[A-Z])", text)``: the text cut at every :data:`SENTENCE_BREAK`.

    >>> split_sentences("Eén. Twee.  Drie. vier")
    ['Eén.', 'Twee.', 'Drie. vier']
    """
    out: list[str] = []
    start = 0
    for m in SENTENCE_BREAK.finditer(text):
        out.append(text[start : m.start(1)])
        start = m.end(1)
    out.append(text[start:])
    return out


def norm_ws(text: str) -> str:
    """Collapse runs of whitespace (including newlines and NBSP) to one space.

    >>> norm_ws("  artikel 9\\n          van de Wet ")
    'artikel 9 van de Wet'
    """
    # str.split() cuts at exactly the characters that \s matches (NBSP among them): the same as
    # re.sub(r"\s+", " ", text).strip(), several times faster
    return " ".join(text.split())


@dataclass(slots=True)
class RefSpan:
    """A marked-up reference (``extref``/``intref``) inside a paragraph."""

    tag: str
    text: str
    attrs: dict[str, str]


@dataclass(slots=True)
class Para:
    """One ``al`` (or table / tussenkop) with normalised text."""

    text: str
    refs: list[RefSpan] = field(default_factory=list)
    nadruk_term: str | None = None  #: "term" when the al starts with <nadruk>term:</nadruk>
    editorial: str | None = None  #: text of a sole <redactie type="vervanging">
    kind: str = "al"
    lead_nadruk: str | None = None  #: text of a <nadruk> that opens the al (with or without colon)
    rows: list[list[str]] | None = None  #: a table's rows, cell texts (kind "table")


@dataclass(slots=True)
class Item:
    """A list item (``li``): its number, Juriconnect onderdeel value and content."""

    nr: str  #: li.nr as written, without trailing dot ("a", "1°", "–")
    o: str  #: value for Juriconnect ``o=``
    blocks: list[Para | ListBlock]
    own_jci: str | None = None
    term: str | None = None  #: the ``<term>`` of a ``<definitie-item>`` (the BWB's own definition markup)

    @property
    def paras(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def sublists(self) -> list[ListBlock]:
        return [b for b in self.blocks if isinstance(b, ListBlock)]


@dataclass(slots=True)
class ListBlock:
    items: list[Item]
    type: str = ""


def unique_key(value: str, used: set[str]) -> str:
    """``value``, or ``value_2``, ``value_3``… if already used; the result is added to ``used``.

    >>> used = {"g"}
    >>> unique_key("g", used), unique_key("g", used), unique_key("h", used)
    ('g_2', 'g_3', 'h')
    """
    key, n = value, 2
    while key in used:
        key = f"{value}_{n}"
        n += 1
    used.add(key)
    return key


def own_jci(el: etree._Element) -> str | None:
    """The element's own Juriconnect 1.3 id from its ``meta-data/jcis`` (toestand only)."""
    for md in el.iterchildren("meta-data"):
        for jci in md.iterfind("jcis/jci"):
            if jci.get("versie") == "1.3" and jci.get("verwijzing"):
                return jci.get("verwijzing")
    return None


def element_text(el: etree._Element, skip: frozenset[str] = SKIP_TAGS) -> str:
    """Normalised text of ``el`` without metadata, notes and explanatory notes.

    Use it for mixed-content titles: ``<citeertitel>Kieswet<meta-data>…</meta-data></citeertitel>``
    gives ``'Kieswet'``.
    """
    parts: list[str] = []
    _collect(el, parts, skip)
    return norm_ws("".join(parts))


def _collect(el: etree._Element, parts: list[str], skip: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in skip and not (tag == "redactie" and child.get("type") == "extra"):
            _collect(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def _para(al: etree._Element) -> Para:
    parts: list[str] = []
    refs: list[RefSpan] = []
    nadruk_term: str | None = None
    lead_nadruk: str | None = None
    editorial: list[str] = []
    other_content = bool(al.text and al.text.strip())
    if al.text:
        parts.append(al.text)
    for i, child in enumerate(al):
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            pass
        elif tag == "redactie":
            if child.get("type") == "vervanging":
                t = element_text(child)
                editorial.append(t)
                parts.append(t)
            # type="extra" is an editorial remark: not law text
        elif tag in ("extref", "intref"):
            t = element_text(child)
            refs.append(RefSpan(tag, t, dict(child.attrib)))
            parts.append(t)
            other_content = True
        else:
            t_parts: list[str] = []
            _collect(child, t_parts, SKIP_TAGS)
            t = "".join(t_parts)
            if tag == "nadruk" and i == 0 and not other_content and nadruk_term is None:
                shown = norm_ws(t)
                lead_nadruk = shown.rstrip(":").strip() or None
                if shown.endswith(":"):
                    nadruk_term = shown[:-1].strip()
            parts.append(t)
            if t.strip():
                other_content = True
        if child.tail:
            parts.append(child.tail)
            if child.tail.strip():
                other_content = True
    text = norm_ws("".join(parts))
    ed = norm_ws(" ".join(editorial)) if editorial and norm_ws(" ".join(editorial)) == text else None
    return Para(text=text, refs=refs, nadruk_term=nadruk_term or None, editorial=ed, lead_nadruk=lead_nadruk)


def parse_blocks(el: etree._Element, skip_first: frozenset[str] = frozenset()) -> list[Para | ListBlock]:
    """Content blocks of an ``artikel``/``lid``/``li``/``divisie`` in document order.

    Nested structural units (``lid``, ``artikel``, ``divisie``) are *not* descended into:
    they are units of their own.
    """
    out: list[Para | ListBlock] = []
    seen: set[str] = set()  # onderdeel numbers used by earlier lists of the same element
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or tag in skip_first:
            continue
        if tag == "al":
            out.append(_para(child))
        elif tag in ("lijst", "definitielijst"):
            out.append(_list(child, seen))
        elif tag in ("tussenkop",):
            out.append(Para(text=element_text(child), kind="tussenkop"))
        elif tag in ("table", "tabel"):
            rows = [[element_text(e) for e in row.iter("entry")] for row in child.iter("row")]
            out.append(Para(text=_table_text(child, rows), kind="table", refs=_refs_in(child), rows=rows))
        elif tag in ("al-groep", "tekst", "circulaire-tekst", "definitie"):
            out.extend(parse_blocks(child))
    return out


def _refs_in(el: etree._Element) -> list[RefSpan]:
    return [RefSpan(r.tag, element_text(r), dict(r.attrib)) for r in el.iter("extref", "intref")]


def _table_text(table: etree._Element, rows: list[list[str]]) -> str:
    title = table.findtext("title") or ""
    return norm_ws(" ".join([title, *("[" + " | ".join(cells) + "]" for cells in rows)]))


def _list(lijst: etree._Element, seen: set[str]) -> ListBlock:
    items: list[Item] = []
    for pos, li in enumerate(lijst.iterchildren("li", "definitie-item"), start=1):
        nr = norm_ws(li.findtext("li.nr") or "")
        nr_clean = nr.rstrip(".").rstrip(")").strip()
        jci = own_jci(li)
        o = None
        if jci:
            m = re.search(r"[&;]o=([^&]+)(?:&[zg]=[^&]*)*$", jci.replace("&amp;", "&"))
            if m:
                o = m.group(1)
        if not o:
            o = nr_clean.rstrip("°").strip()
            if not o or not re.match(r"^[0-9A-Za-z]+$", o):
                o = str(pos)
        # a number used twice (AOW 2012 art. 1 has two "g."; Awb bijlage 2 art. 1 has many lists)
        o = unique_key(o, seen)
        term_el = li.find("term") if li.tag == "definitie-item" else None
        term = element_text(term_el).rstrip(":").strip() if term_el is not None else None
        blocks = parse_blocks(li, frozenset({"li.nr", "term"}))
        items.append(Item(nr=nr_clean, o=o, blocks=blocks, own_jci=jci, term=term or None))
    return ListBlock(items=items, type=lijst.get("type", ""))


def render(blocks: list[Para | ListBlock]) -> str:
    """Plain text of blocks, list items prefixed with their number.

    >>> render([Para("Aanhef:"), ListBlock([Item("a", "a", [Para("een;")]), Item("b", "b", [Para("twee.")])])])
    'Aanhef: a. een; b. twee.'
    """
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            if b.text:
                parts.append(b.text)
        else:
            for it in b.items:
                inner = render(it.blocks)
                if it.term:
                    inner = f"{it.term}: {inner}".strip()
                label = f"{it.nr}." if it.nr and it.nr[-1].isalnum() else it.nr
                parts.append(f"{label} {inner}".strip() if label else inner)
    return norm_ws(" ".join(parts))


def is_repealed_text(blocks: list[Para | ListBlock]) -> bool:
    """True when the only content is an editorial "Vervallen" (or similar) replacement."""
    paras = [b for b in blocks if isinstance(b, Para)]
    if not paras or any(isinstance(b, ListBlock) for b in blocks):
        return False
    return all(p.editorial is not None or not p.text for p in paras) and any(p.editorial for p in paras)


def is_vervallen(text: str) -> bool:
    return bool(_REPEALED_RE.match(text))
