"""Safe XML reading for untrusted BWB files.

Parsing never resolves entities, never loads a DTD and never touches the network. Before
parsing starts, the prolog (everything before the root element) is decoded and read whole:
a DOCTYPE with an internal subset, and any ``<!ENTITY`` declaration (the shapes of
billion-laughs and XXE attacks) are refused wherever they stand in the prolog, also after a
long comment; real BWB files never have either (the 2012 files name an external DTD, which is
allowed and never loaded). The encoding is read as XML 1.0 appendix F reads it: a byte order
mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), else the first bytes of ``<?xml`` in UTF-16/32, else
the XML declaration's ``encoding``, else UTF-8. Errors are raised as :class:`RejectedFile` with
a short reason code and a one-line message.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

__all__ = [
    "RejectedFile",
    "preflight",
    "preflight_stream",
    "detect_encoding",
    "iterparse",
    "parse_bytes",
    "PREFLIGHT_BYTES",
    "MAX_PROLOG_BYTES",
    "BWB_ROOTS",
]

#: How much of the start of a file is read at a time for the check before parsing.
PREFLIGHT_BYTES = 64 * 1024
#: A prolog (comments, processing instructions, DOCTYPE before the root) longer than this is
#: refused; real BWB prologs are under 200 bytes.
MAX_PROLOG_BYTES = 1024 * 1024
#: Root elements of the two BWB formats.
BWB_ROOTS = frozenset({"toestand", "wetgeving"})

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
#: ``<`` or ``<?`` in UTF-32/UTF-16 without a byte order mark (XML 1.0 appendix F)
_NO_BOM = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARED = re.compile(
    rb"""<\?xml[ \t\r\n][^<>]{0,200}?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]{0,39})\1"""
)
#: what the prolog check reads: a declared encoding must write these as ASCII does
_ASCII_PROBE = "<?!-[]>'\" \t\r\nDOCTYPEENTITYSYSTEMPUBLICdoctypeentityxmlencoding=0123456789"
_WS = re.compile(r"[ \t\r\n]*")
_ENTITY = re.compile("<!ENTITY", re.IGNORECASE)
_DOCTYPE_PLAIN = re.compile(r"[^\"'\[>]*")
_NAME = re.compile(r"[^\W\d][\w.\-:]*")


class RejectedFile(Exception):
    """A file that cannot be ingested. ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


def detect_encoding(head: bytes) -> tuple[str, int]:
    """The Python codec of an XML document and the length of its byte order mark.

    >>> detect_encoding(b"\\xff\\xfe<\\x00?\\x00")
    ('utf-16-le', 2)
    >>> detect_encoding(b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>')
    ('iso8859-1', 0)
    >>> detect_encoding(b"<a/>")
    ('utf-8', 0)
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    for start, codec in _NO_BOM:
        if head.startswith(start):
            return codec, 0
    m = _DECLARED.match(head)
    if not m:
        return "utf-8", 0
    name = m.group(2).decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise RejectedFile("bad_encoding", f"unknown encoding {name!r} in the XML declaration") from None
    try:
        readable = _ASCII_PROBE.encode(codec) == _ASCII_PROBE.encode("ascii")
    except UnicodeError:
        readable = False
    if not readable:
        raise RejectedFile(
            "bad_encoding",
            f"the XML declaration says {name!r}, which does not write ASCII as ASCII, but there is no byte order mark",
        )
    return codec, 0


def _prolog(text: str) -> int | None:
    """Where the root element starts in ``text`` (decoded), or None when the prolog does not end
    in it. Raises :class:`RejectedFile` for a DOCTYPE with an internal subset or an ENTITY
    declaration. Linear: every step is one ``str.find`` or match forward from the last."""
    i, n = 0, len(text)
    while True:
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if i >= n:
            return None
        if text.startswith("<?", i):
            j = text.find("?>", i + 2)
            if j < 0:
                return None
            i = j + 2
        elif text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            if j < 0:
                return None
            i = j + 3
        elif text.startswith("<!", i):
            keyword = text[i + 2 : i + 9].upper()
            if keyword.startswith("ENTITY"):
                raise _hostile()
            if keyword != "DOCTYPE":
                raise RejectedFile(
                    "malformed", f"malformed XML: unexpected {text[i : i + 12]!r} before the root element"
                )
            j = _doctype_end(text, i + 9)
            if j is None:
                return None
            i = j
        else:
            return i


def _doctype_end(text: str, i: int) -> int | None:
    """The position after a DOCTYPE declaration's ``>``; refuses an internal subset."""
    n = len(text)
    while True:
        i = _DOCTYPE_PLAIN.match(text, i).end()  # type: ignore[union-attr]
        if i >= n:
            return None
        c = text[i]
        if c in "\"'":
            j = text.find(c, i + 1)
            if j < 0:
                return None
            i = j + 1
        elif c == "[":
            if _ENTITY.search(text, i):
                raise _hostile()
            raise RejectedFile("internal_dtd", "DOCTYPE with an internal subset; BWB files never have one")
        else:  # ">"
            return i + 1


def _hostile() -> RejectedFile:
    return RejectedFile("hostile_dtd", "DTD declares entities (entity expansion / XXE risk); refused without parsing")


def _check(head: bytes, *, at_end: bool) -> bool:
    """Check the prolog in ``head``; True when it ended (the root element's start is in ``head``)."""
    codec, bom = detect_encoding(head)
    text = head[bom:].decode(codec, errors="replace")
    if not text.strip(" \t\r\n"):
        if at_end:
            raise RejectedFile("empty", "empty file (0 bytes or only whitespace)")
        return False
    if not text.lstrip(" \t\r\n").startswith("<"):
        raise RejectedFile("not_xml", "not XML: does not start with '<'")
    start = _prolog(text)
    if start is None:
        if len(head) >= MAX_PROLOG_BYTES:
            raise RejectedFile("prolog_too_long", f"no root element in the first {MAX_PROLOG_BYTES:,} bytes")
        return False  # the parser reports what is unfinished
    root = _NAME.match(text, start + 1)
    if not text.startswith("<", start) or root is None:
        raise RejectedFile("not_xml", f"not XML: {text[start : start + 12]!r} where the root element should start")
    if root.group() not in BWB_ROOTS:
        raise RejectedFile("not_bwb", f"not BWB XML: root element <{root.group()}>")
    return True


def preflight(head: bytes) -> None:
    """Refuse input that is empty, not XML, not BWB, or whose prolog has a DTD that declares entities.

    ``head`` is the start of the input: the whole input, or at least its prolog (when the
    prolog does not end in ``head``, ``head`` is taken as the whole input unless it is
    :data:`MAX_PROLOG_BYTES` long). :func:`preflight_stream` reads as much as that needs.

    >>> preflight(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    Traceback (most recent call last):
    ...
    wetgraaf.ingest.xmlsafe.RejectedFile: DTD declares entities (entity expansion / XXE risk); refused without parsing
    >>> preflight("<!-- é -->\\n<!DOCTYPE wetgeving [<!ENTITY a 'b'>]><wetgeving/>".encode("utf-16"))
    Traceback (most recent call last):
    ...
    wetgraaf.ingest.xmlsafe.RejectedFile: DTD declares entities (entity expansion / XXE risk); refused without parsing
    """
    _check(head, at_end=True)


def preflight_stream(stream: IO[bytes]) -> bytes:
    """Read the start of ``stream`` until its prolog ends (at most :data:`MAX_PROLOG_BYTES`),
    check it as :func:`preflight` does, and return the bytes read."""
    head = stream.read(PREFLIGHT_BYTES)
    while not _check(head, at_end=False):
        more = stream.read(PREFLIGHT_BYTES) if len(head) < MAX_PROLOG_BYTES else b""
        if not more:  # the end of the input: what it is decides (empty, unfinished prolog …)
            preflight(head)
            break
        head += more
    return head


def iterparse(
    stream: IO[bytes], *, events: tuple[str, ...], tag: tuple[str, ...] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """``lxml.etree.iterparse`` with every external access switched off.

    Syntax errors surface as :class:`RejectedFile` (``malformed``), with the line number.
    """
    it = etree.iterparse(stream, events=events, tag=tag, **SAFE_PARSER_OPTIONS)
    try:
        yield from it
    except etree.XMLSyntaxError as exc:
        raise _rejected(exc) from None


#: every external access off: no entities, no DTD, no network, no huge trees
SAFE_PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "load_dtd": False,
    "dtd_validation": False,
    "no_network": True,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _rejected(exc: etree.XMLSyntaxError) -> RejectedFile:
    """A syntax error as a one-line rejection (``not_xml`` or ``malformed``, with the line)."""
    msg = str(exc.msg if getattr(exc, "msg", None) else exc).splitlines()[0]
    line = getattr(exc, "lineno", None) or (exc.position[0] if exc.position else "?")
    if "Document is empty" in msg or "Start tag expected" in msg:
        return RejectedFile("not_xml", f"not XML ({msg})")
    return RejectedFile("malformed", f"malformed XML at line {line}: {msg}")


def parse_bytes(data: bytes) -> etree._Element:
    """Parse a whole XML document (any root element) with every external access switched off.

    For the small non-BWB documents of the official services (search responses, manifests,
    WTI files): the same refusals as :func:`preflight` (empty, not XML, a DTD that declares
    entities), then a parse that resolves no entities and loads no DTD. Returns the root.

    >>> parse_bytes(b"<work label='BWBR0018451'/>").get("label")
    'BWBR0018451'
    >>> parse_bytes(b"<a><b></a>")
    Traceback (most recent call last):
    ...
    wetgraaf.ingest.xmlsafe.RejectedFile: malformed XML at line 1: Opening and ending tag mismatch: b line 1 and a, line 1, column 11
    """
    try:
        preflight(data[:MAX_PROLOG_BYTES])
    except RejectedFile as exc:
        if exc.reason != "not_bwb":
            raise
    try:
        return etree.fromstring(data, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise _rejected(exc) from None
