"""Render a BWB XML file (or one article of it) as plain, located text for annotators.

Independent of wetgraaf's extractors on purpose: an oracle is written by reading this
rendering (and the XML), never from what the extractor finds. Structure is shown as
``[artikel 1] [lid 2] [a.]`` headers, ``<nadruk>`` as ``<i>…</i>``, references as
``[[anchor]]``, ``<definitielijst>`` items as ``[a.] TERM«…» DEF…``, tables row by row.
Metadata, notes and explanatory notes (toelichting) are left out: they are not law text.

Usage: python benchmarks/oracle_render.py FILE.xml [ARTICLE_NR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
from _dump import UNITS  # noqa: E402

SKIP = {"meta-data", "noot", "artikel.toelichting", "plaatje", "illustratie", "kop", "li.nr", "lidnr"}


def inline(el: etree._Element) -> str:
    parts: list[str] = [el.text or ""]
    for c in el:
        tag = c.tag if isinstance(c.tag, str) else ""
        if tag in ("meta-data", "noot") or (tag == "redactie" and c.get("type") == "extra"):
            pass
        elif tag in ("extref", "intref"):
            parts.append("[[" + inline(c) + "]]")
        elif tag == "nadruk":
            parts.append("<i>" + inline(c) + "</i>")
        else:
            parts.append(inline(c))
        parts.append(c.tail or "")
    return re.sub(r"\s+", " ", "".join(parts).replace("\xa0", " ")).strip()


def kop(el: etree._Element) -> str:
    k = el.find("kop")
    if k is None:
        return (el.get("label") or "").strip()
    bits = [inline(k.find(t)) for t in ("label", "nr", "titel") if k.find(t) is not None]
    return " ".join(b for b in bits if b)


def render(el: etree._Element, out: list[str], depth: int = 0) -> None:
    pad = "  " * depth
    for c in el:
        tag = c.tag if isinstance(c.tag, str) else ""
        if not tag or tag in SKIP or (tag == "redactie" and c.get("type") == "extra"):
            continue
        status = f" (status={c.get('status')})" if c.get("status") not in (None, "", "goed") else ""
        if tag in UNITS:
            out.append(f"{pad}[{tag}] {kop(c)}{status}")
            render(c, out, depth + 1)
        elif tag == "lid":
            out.append(f"{pad}[lid {inline(c.find('lidnr')) if c.find('lidnr') is not None else '?'}]{status}")
            render(c, out, depth + 1)
        elif tag in ("li", "definitie-item"):
            nr = inline(c.find("li.nr")) if c.find("li.nr") is not None else "(no li.nr)"
            out.append(f"{pad}[{nr}]")
            render(c, out, depth + 1)
        elif tag == "term":
            out.append(f"{pad}TERM: {inline(c)}")
        elif tag == "definitie":
            out.append(f"{pad}DEFINITIE:")
            render(c, out, depth + 1)
        elif tag in ("al", "tussenkop", "considerans.al", "wie", "titel"):
            out.append(f"{pad}{'## ' if tag == 'tussenkop' else ''}{inline(c)}")
        elif tag in ("table", "tabel"):
            out.append(f"{pad}[table]")
            for row in c.iter("row"):
                out.append(f"{pad}  | " + " | ".join(inline(e) for e in row.iter("entry")) + " |")
        else:
            render(c, out, depth)


def render_file(path: str, article: str | None = None) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.parse(path, parser).getroot()
    head = f"=== {root.get('bwb-id')} soort={root.get('soort')} lang={root.get('{http://www.w3.org/XML/1998/namespace}lang')}"
    intitule = root.find(".//intitule")
    out = [head, "INTITULE: " + (inline(intitule) if intitule is not None else "")]
    if article is None:
        render(root, out)
    else:
        k_occ = 0
        for a in root.iter("artikel"):
            k = a.find("kop")
            nr = inline(k.find("nr")) if k is not None and k.find("nr") is not None else ""
            if nr == article:
                k_occ += 1
                out.append(f"--- occurrence {k_occ} of artikel {article} in this file")
                chain = [kop(x) for x in a.iterancestors() if x.tag in UNITS]
                out.append("IN: " + " / ".join(reversed(chain)))
                out.append(f"[artikel] {kop(a)}")
                render(a, out, 1)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_file(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
