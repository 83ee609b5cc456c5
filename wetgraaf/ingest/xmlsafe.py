"""Safe XML reading for untrusted BWB files.

Parsing never resolves entities, never loads a DTD and never touches the network. A file
whose DOCTYPE declares entities (the shape of billion-laughs and XXE attacks) is refused
before parsing starts; real BWB files never declare entities. Errors are raised as
:class:`RejectedFile` with a short reason code and a one-line message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

__all__ = ["RejectedFile", "preflight", "iterparse", "parse_bytes", "PREFLIGHT_BYTES", "BWB_ROOTS"]

#: How much of the start of a file is inspected before parsing.
PREFLIGHT_BYTES = 64 * 1024
#: Root elements of the two BWB formats.
BWB_ROOTS = frozenset({"toestand", "wetgeving"})

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE\s+[^\[>]*(\[)?", re.IGNORECASE)
_ENTITY_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT_RE = re.compile(rb"<(?![?!])([A-Za-z_][\w.\-]*)")
_PROLOG_RE = re.compile(rb"(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s)*", re.DOTALL)


class RejectedFile(Exception):
    """A file that cannot be ingested. ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


def preflight(head: bytes) -> None:
    """Refuse input that is empty, not XML, or whose DTD declares entities.

    ``head`` is the first :data:`PREFLIGHT_BYTES` of the input.

    >>> preflight(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    Traceback (most recent call last):
    ...
    wetgraaf.ingest.xmlsafe.RejectedFile: DTD declares entities (entity expansion / XXE risk); refused without parsing
    """
    if not head.strip():
        raise RejectedFile("empty", "empty file (0 bytes or only whitespace)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        raise RejectedFile("not_xml", "not XML: does not start with '<'")
    m = _DOCTYPE_RE.search(head)
    if m and m.group(1):  # an internal subset "[ ... ]"
        if _ENTITY_RE.search(head, m.end()):
            raise RejectedFile(
                "hostile_dtd",
                "DTD declares entities (entity expansion / XXE risk); refused without parsing",
            )
        raise RejectedFile("internal_dtd", "DOCTYPE with an internal subset; BWB files never have one")
    body = stripped[_PROLOG_RE.match(stripped).end() :]
    root = _ROOT_RE.match(body)
    if root and root.group(1).decode("ascii", "replace") not in BWB_ROOTS:
        raise RejectedFile("not_bwb", f"not BWB XML: root element <{root.group(1).decode('ascii', 'replace')}>")


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
        preflight(data[:PREFLIGHT_BYTES])
    except RejectedFile as exc:
        if exc.reason != "not_bwb":
            raise
    try:
        return etree.fromstring(data, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise _rejected(exc) from None
