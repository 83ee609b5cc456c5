"""Helpers for scripts that read the unpacked 2012 BWB dump (never used by the package)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from lxml import etree

from wetgraaf.ingest.blocks import element_text
from wetgraaf.ingest.parse import CONTAINERS

TITLED = re.compile(r"\b(?:begripsbepaling(?:en)?|definitie(?:s)?|begripsomschrijving(?:en)?)\b", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def read_root(path) -> etree._Element | None:
    """The root element of a dump file, or None for a file that is not XML."""
    try:
        return etree.parse(str(path), _PARSER).getroot()
    except etree.XMLSyntaxError:
        return None


def kop_part(el: etree._Element, part: str) -> str:
    """The text of ``kop/<part>`` ("nr", "titel", "label") of a structural element, or ""."""
    k = el.find("kop")
    return element_text(k.find(part)) if k is not None and k.find(part) is not None else ""


def article_nr(a: etree._Element) -> str:
    return kop_part(a, "nr").rstrip(".").strip()


def titled_articles(root: etree._Element) -> list[etree._Element]:
    """Articles whose heading names them a definitions article."""
    return [a for a in root.iter("artikel") if TITLED.search(kop_part(a, "titel")) and article_nr(a)]


#: Elements that are units of a regeling's text: its containers (as the parser knows them) and articles.
UNITS = frozenset(CONTAINERS) | {"artikel", "enig-artikel", "verdrag", "wijzig-artikel"}
#: Everything that holds units or text, dropped by :func:`prune` unless it leads to a kept article.
_STRUCTURAL = UNITS | {"regeling-tekst", "regeling", "circulaire", "circulaire-tekst", "wetgeving", "wijzig-divisie"}
_TEXT = frozenset({"al", "lijst", "table", "tabel", "al-groep", "tekst", "definitielijst", "bijlage"})


def prune(root: etree._Element, keep: Callable[[etree._Element], bool]) -> bytes:
    """A copy of the document with only the articles for which ``keep`` is true.

    Containers (hoofdstuk, paragraaf …) on the way to a kept article stay with their
    ``kop``, so the article keeps its Juriconnect path and its scope's container; every
    other article and all free text of divisions are dropped.
    """
    root = copy.deepcopy(root)
    kept = [a for a in root.iter("artikel") if keep(a)]
    alive = [x for a in kept for x in a.iterancestors()] + kept  # lxml proxies: keep them alive for id()
    on_path = {id(x) for x in alive}

    def walk(el: etree._Element) -> None:
        for c in list(el):
            if not isinstance(c.tag, str):
                continue
            if id(c) in on_path:
                if c.tag != "artikel":
                    walk(c)
            elif c.tag in _STRUCTURAL or c.tag in _TEXT or next(c.iter("artikel"), None) is not None:
                el.remove(c)

    walk(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)
