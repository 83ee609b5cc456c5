"""The wetgraaf vocabulary and SHACL shapes, as files, and closed namespaces in code.

``WG.Definition`` gives the IRI string; a misspelt term (``Defintion``) raises
:class:`AttributeError`, so a typo cannot silently create a new property. The set of terms
is read from ``wetgraaf.ttl`` itself, and a test checks that the terms used in code and the
Turtle agree.

>>> WG.Definition
'https://w3id.org/wetgraaf#Definition'
>>> WG.Defintion
Traceback (most recent call last):
...
AttributeError: 'Defintion' is not a term of https://w3id.org/wetgraaf# (see wetgraaf/ontology/wetgraaf.ttl)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = [
    "WG",
    "ELI",
    "SKOS",
    "DCTERMS",
    "PROV",
    "RDF",
    "RDFS",
    "XSD",
    "ClosedNamespace",
    "VOCABULARY",
    "SHAPES",
    "NORM_TYPE_TERMS",
]

HERE = Path(__file__).resolve().parent
VOCABULARY = HERE / "wetgraaf.ttl"
SHAPES = HERE / "shapes.ttl"


class ClosedNamespace:
    """A namespace whose attribute access only allows a fixed set of local names."""

    def __init__(self, base: str, terms: frozenset[str], source: str = "") -> None:
        self._base = base
        self._terms = terms
        self._source = source

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._terms:
            where = f" (see {self._source})" if self._source else ""
            raise AttributeError(f"{name!r} is not a term of {self._base}{where}")
        return self._base + name

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._terms

    @property
    def base(self) -> str:
        return self._base

    @property
    def terms(self) -> frozenset[str]:
        return self._terms


@lru_cache(maxsize=1)
def _wg_terms() -> frozenset[str]:
    text = VOCABULARY.read_text(encoding="utf-8")
    return frozenset(re.findall(r"^wg:([A-Za-z_][\w]*)\s+a\s", text, flags=re.M))


WG = ClosedNamespace("https://w3id.org/wetgraaf#", _wg_terms(), "wetgraaf/ontology/wetgraaf.ttl")

ELI = ClosedNamespace(
    "http://data.europa.eu/eli/ontology#",
    frozenset(
        {
            "LegalResource",
            "LegalExpression",
            "LegalResourceSubdivision",
            "is_part_of",
            "has_part",
            "realizes",
            "is_realized_by",
            "cites",
            "based_on",
            "title",
            "title_short",
            "date_applicability",
            "date_document",
            "first_date_entry_in_force",
            "number",
            "in_force",
            "id_local",
            "type_document",
        }
    ),
)
SKOS = ClosedNamespace(
    "http://www.w3.org/2004/02/skos/core#",
    frozenset(
        {
            "Concept",
            "ConceptScheme",
            "prefLabel",
            "altLabel",
            "definition",
            "notation",
            "inScheme",
            "exactMatch",
            "closeMatch",
            "broadMatch",
            "narrowMatch",
            "related",
        }
    ),
)
DCTERMS = ClosedNamespace(
    "http://purl.org/dc/terms/", frozenset({"identifier", "title", "source", "created", "description", "type"})
)
PROV = ClosedNamespace(
    "http://www.w3.org/ns/prov#",
    frozenset(
        {
            "Entity",
            "Activity",
            "Agent",
            "wasGeneratedBy",
            "wasAttributedTo",
            "used",
            "startedAtTime",
            "endedAtTime",
            "generatedAtTime",
        }
    ),
)
RDF = ClosedNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", frozenset({"type"}))
RDFS = ClosedNamespace("http://www.w3.org/2000/01/rdf-schema#", frozenset({"label", "comment"}))
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#", frozenset({"string", "boolean", "integer", "date", "decimal", "dateTime"})
)

#: norm type (as in :data:`wetgraaf.ingest.records.NORM_TYPES`) → local name in the vocabulary
NORM_TYPE_TERMS = {"definition": "definition_norm"}
