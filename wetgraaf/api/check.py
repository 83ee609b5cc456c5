"""Drafting aid: compare draft definitions with the definitions already in the corpus.

The draft is read by the same extractor as the law itself: it is wrapped in a minimal BWB
document (an article with leden and list items) and parsed, so every definition form the
ingest knows ("term: …" items, "Onder X wordt verstaan …", "X is …", by-reference
definitions with their references resolved) works in a draft too.

>>> from lxml import etree
>>> root = etree.fromstring(draft_document("partner: de echtgenoot\\nkind: een kind jonger dan 18 jaar"))
>>> [li.findtext("al") for li in root.iter("li")]
['partner: de echtgenoot;', 'kind: een kind jonger dan 18 jaar;']
>>> citation({"artikel": "3", "lid": "1", "onderdeel": "", "citeertitel": "Algemene wet inkomensafhankelijke regelingen"})
'artikel 3, eerste lid, van de Algemene wet inkomensafhankelijke regelingen'
>>> citation({"artikel": "1", "lid": "", "onderdeel": "b", "citeertitel": "Besluit zorgverzekering"})
'artikel 1, onderdeel b, van het Besluit zorgverzekering'
>>> citation({"artikel": "1.1.1", "lid": "", "onderdeel": "–", "citeertitel": "Wet langdurige zorg"})
'artikel 1.1.1 van de Wet langdurige zorg'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from wetgraaf.api.corpus import Corpus
from wetgraaf.graph.analysis.pairs import relation_of_texts
from wetgraaf.graph.analysis.terms import term_key

if TYPE_CHECKING:  # the concept analyses (networkx) load with the first /check, not with the app
    from wetgraaf.api.draft_concepts import DraftConcept

__all__ = ["check", "draft_document", "citation", "NoDefinitions", "MAX_DRAFT_CHARS"]

MAX_DRAFT_CHARS = 20_000
DRAFT_BWB = "BWBV0000000"
_TERM_LINE = re.compile(r"^(?:[a-z]{1,2}[.)]|\d+°)?\s*[^:;.]{1,80}:\s*\S")
_ITEM = re.compile(r"^(?P<nr>[a-z]{1,2}[.)]|\d+°)\s+(?P<text>.+)$")
_LID = re.compile(r"^(?P<nr>\d+)\.\s+(?P<text>.+)$")
_ARTIKEL = re.compile(r"^artikel\s+(?P<nr>\S+?)\.?$", re.IGNORECASE)
_WORD = re.compile(r"[a-zà-ÿ0-9]+")
_STOP = frozenset("de het een van in op te en of die dat is als bij aan voor met door om tot wordt zijn".split())
_HET = ("besluit", "wetboek", "reglement", "statuut", "verdrag", "protocol", "burgerlijk")


class NoDefinitions(ValueError):
    """The draft holds no definition the extractor recognises."""


def draft_document(text: str) -> bytes:
    """Wrap draft text in a minimal BWB document (see the module docstring).

    A line that the extractor reads as a sentence of its own ("Onder huishouden wordt verstaan:
    …", "In deze regeling wordt onder inkomen verstaan: …", "Als partner wordt mede aangemerkt:
    …") stays a sentence; a run of ``term: definition`` lines that is not under a lead of the
    draft's own becomes a list under the lead "In deze regeling wordt verstaan onder:".
    """
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n") if ln.strip()]
    nr = "1"
    if lines and (m := _ARTIKEL.match(lines[0])):
        nr, lines = m.group("nr"), lines[1:]
    root = etree.Element("wetgeving", {"bwb-id": DRAFT_BWB, "soort": "wet"})
    etree.SubElement(root, "intitule").text = "Concept"
    art = etree.SubElement(etree.SubElement(etree.SubElement(root, "wet-besluit"), "wettekst"), "artikel")
    kop = etree.SubElement(art, "kop")
    etree.SubElement(kop, "label").text = "Artikel"
    etree.SubElement(kop, "nr").text = nr
    lid: Any = None
    lijst: Any = None
    synthetic = False  # the current lid is a list of "term: definition" lines under our own lead
    n_lid = 0

    def new_lid(number: str | None = None) -> Any:
        nonlocal n_lid
        n_lid = int(number) if number and number.isdigit() else n_lid + 1
        el = etree.SubElement(art, "lid")
        etree.SubElement(el, "lidnr").text = number or str(n_lid)
        return el

    for ln in lines:
        if m := _LID.match(ln):
            lid, lijst, synthetic = new_lid(m.group("nr")), None, False
            ln = m.group("text")
        item = _ITEM.match(ln)
        if item is not None and lid is not None and not synthetic and (lijst is not None or _lead(lid)):
            if lijst is None:
                lijst = etree.SubElement(lid, "lijst")
            _item(lijst, item.group("nr"), item.group("text"))
        elif _term_line(ln):
            if not synthetic:
                if lid is None or len(lid) > 1:  # a lid with content already (more than its lidnr)
                    lid = new_lid()
                etree.SubElement(lid, "al").text = "In deze regeling wordt verstaan onder:"
                lijst, synthetic = etree.SubElement(lid, "lijst"), True
            n = len(lijst)
            _item(lijst, f"{chr(ord('a') + n % 26)}.", _strip_nr(ln))
        else:
            if lid is None or synthetic:
                lid, synthetic = new_lid(), False
            lijst = None
            etree.SubElement(lid, "al").text = ln
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _term_line(line: str) -> bool:
    """A "term: definition" line, not a sentence the extractor reads by itself ("Onder X wordt
    verstaan: …" also has a colon after a few words)."""
    from wetgraaf.ingest.definitions import match_sentence

    return bool(_TERM_LINE.match(line)) and match_sentence(_strip_nr(line)) is None


def _item(lijst: Any, nr: str, text: str) -> None:
    li = etree.SubElement(lijst, "li")
    etree.SubElement(li, "li.nr").text = nr.rstrip(")").rstrip(".") + ("" if nr.endswith("°") else ".")
    body = text.rstrip()
    etree.SubElement(li, "al").text = body if body.endswith((";", ".", ":")) else body + ";"


def _strip_nr(line: str) -> str:
    m = _ITEM.match(line)
    return m.group("text") if m else line


def _lead(lid: Any) -> bool:
    als = lid.findall("al")
    return bool(als) and (als[-1].text or "").rstrip().endswith(":")


@lru_cache(maxsize=1)
def _ordinals() -> dict[int, str]:
    """1 → "eerste", … (the reference parser's table; read when first needed: it lives in the ingest package)."""
    from wetgraaf.ingest.references import ORDINALS

    return {v: k for k, v in ORDINALS.items()}


def citation(row: dict[str, Any]) -> str:
    """How a drafter refers to an existing definition (Aanwijzingen voor de regelgeving, ch. 3)."""
    parts = [f"artikel {row['artikel']}"]
    if row.get("lid"):
        parts.append(
            f"{_ordinals().get(int(row['lid']), row['lid'] + 'e') if row['lid'].isdigit() else row['lid']} lid"
        )
    ond = (row.get("onderdeel") or "").split(".")[0]
    if re.fullmatch(r"[a-z]{1,2}|\d+°?", ond):  # unnumbered items ("–") are cited by article alone
        parts.append(f"onderdeel {ond}")
    title = row["citeertitel"]
    first = title.split()[0].lower() if title else ""
    article = "het" if first.endswith(_HET) else "de"
    sep = ", " if len(parts) > 1 else " "
    return ", ".join(parts) + f"{sep}van {article} {title}"


@lru_cache(maxsize=8)
def _word_index(corpus: Corpus) -> tuple[dict[str, set[str]], Counter[str]]:
    index: dict[str, set[str]] = {}
    for k, a in corpus.graph.nodes(data=True):
        for w in set(_WORD.findall(a["text"].lower())) - _STOP:
            index.setdefault(w, set()).add(k)
    return index, Counter({w: len(v) for w, v in index.items()})


def _same_text(corpus: Corpus, text: str, exclude_key: str, top: int = 5) -> list[dict[str, Any]]:
    """Definitions of *other* terms with (nearly) the same text: shared rare words, then a word diff."""
    index, df = _word_index(corpus)
    words = set(_WORD.findall(text.lower())) - _STOP
    if len(words) < 3:
        return []
    score: Counter[str] = Counter()
    for w in words:
        for k in index.get(w, ()):
            score[k] += 1.0 / df[w]
    out = []
    for k, _ in score.most_common(40):
        a = corpus.graph.nodes[k]
        if a["term_key"] == exclude_key:
            continue
        rel, ev = relation_of_texts(text, a["text"])
        if rel in ("identical", "near_duplicate"):
            out.append({**corpus.definition_row(k), "relation": rel, "evidence": ev})
    return out[:top]


#: a draft concept's relation to a corpus concept, as the relation of two definition texts
_AS_TEXT_RELATION = {"same": "identical", "extends": "broader", "restricts": "narrower"}


def _by_concept(concept: DraftConcept | None) -> dict[str, tuple[str, dict[str, Any]]]:
    """Definition key → (relation, evidence) for the corpus definitions that the draft concept
    reaches through what it cites: a definition by reference is compared with what it takes
    over, never as its own literal words."""
    if concept is None or not concept.builds_on:
        return {}
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for link in (*concept.builds_on, *concept.chain, *concept.compared):
        if link.basis == "reference" or (link.basis == "chain" and link.relation == "same"):
            rel = (
                "equivalent_by_reference"
                if link.relation == "same"
                else _AS_TEXT_RELATION.get(link.relation, "divergent")
            )
        else:
            rel = _AS_TEXT_RELATION.get(link.relation, "divergent")
            if rel == "identical" and link.basis != "text":
                rel = "equivalent_by_reference"
        ev = {"concept": link.concept, "basis": link.basis, "concept_relation": link.relation, "reason": link.reason}
        for k in link.parts:
            out.setdefault(k, (rel, ev))
    return out


def check(corpus: Corpus, text: str) -> dict[str, Any]:
    """Compare each definition in ``text`` with the corpus.

    The answer opens with one plain sentence per draft concept (``summary``: what it takes over,
    how it relates to the laws that define the term, which references cannot be followed; see
    :mod:`wetgraaf.api.draft_concepts`). Then, per draft definition: its concept (``concept``), the
    existing definitions of the same term with their relation to the draft (identical,
    near_duplicate, narrower, broader, divergent, or equivalent_by_reference when the draft
    takes them over; a definition by reference is related through the concept it lands on, not
    compared as its own words), suggestions to reuse an identical or near-identical definition
    by reference, the divergences, similar terms, and definitions of other terms with the same
    text.
    """
    if len(text) > MAX_DRAFT_CHARS:
        raise ValueError(f"draft too long ({len(text):,} characters; at most {MAX_DRAFT_CHARS:,})")
    from wetgraaf.graph.analysis.network import keyed_definitions
    from wetgraaf.ingest import parse

    doc = parse(draft_document(text), name="draft", titles=corpus.titles)
    if not doc.definitions:
        raise NoDefinitions(
            "no definitions found in the draft; write them as 'term: definition' lines, or as an article "
            "('In deze wet wordt verstaan onder: a. term: definition; …' or 'Onder X wordt verstaan: …')"
        )
    from wetgraaf.api.draft_concepts import relate_draft

    concepts = relate_draft(corpus, doc)
    concept_of = {p.key: c for c in concepts for p in c.parts}
    results = []
    for dkey, d in keyed_definitions(doc):
        key = term_key(d.term)
        concept = concept_of.get(dkey)
        via = _by_concept(concept)
        targets = {r.target.jci.split("&g=")[0] for r in d.refs if r.target is not None}
        existing = []
        for k in corpus.term_definitions(key):
            a = corpus.all_definitions[k]
            if not a["latest"]:
                continue
            row = corpus.definition_row(k)
            loc = a["location"].split("&g=")[0]
            if k in via:
                rel, ev = via[k]
            elif any(loc == t or loc.startswith(t + "&") for t in targets):
                rel, ev = "equivalent_by_reference", {"via": sorted(targets)}
            else:
                rel, ev = relation_of_texts(d.definition, a["text"])
            existing.append({**row, "relation": rel, "evidence": ev})
        order = ["equivalent_by_reference", "identical", "near_duplicate", "narrower", "broader", "divergent"]
        existing.sort(key=lambda r: (order.index(r["relation"]), r["bwb_id"], r["jci"]))
        reuse = [
            {
                "definition_key": r["key"],
                "relation": r["relation"],
                "text": f"{d.term}: {r['term']} als bedoeld in {citation(r)}",
                "url": r["url"],
            }
            for r in existing
            if r["relation"] in ("identical", "near_duplicate") and r["kind"] in ("explicit", "deeming")
        ]
        similar = [t for t in corpus.search_terms(d.term) if t["term_key"] != key][:8]
        results.append(
            {
                "term": d.term,
                "term_key": key,
                "definition": d.definition,
                "kind": d.kind,
                "form": d.form,
                "summary": concept.summary if concept else "",
                "refs": [r.text for r in d.refs],
                "concept": concept.as_row() if concept else None,
                "existing": existing,
                "reuse": reuse,
                "divergent": [r["key"] for r in existing if r["relation"] == "divergent"],
                "similar_terms": similar,
                "same_text_other_terms": _same_text(corpus, d.definition, key),
            }
        )
    summary = [{"term": c.term, "term_key": c.term_key, "text": c.summary} for c in concepts]
    return {"summary": summary, "definitions": results}
