"""The property-graph schema, in one place, for every property-graph backend.

Node labels and relationship types are those of :mod:`wetgraaf.graph.model`. Every node has
a string primary key ``key`` (the Juriconnect id, or a key derived from it), which is the
same key as in the RDF view's IRIs and in the API.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wetgraaf.graph.model import CONCEPT_RELATION_EDGES, RELATION_PART_KEYS, RULE_RELATION_EDGES

__all__ = ["NODE_PROPS", "REL_PROPS", "REL_PAIRS", "ddl_ladybug", "ddl_neo4j", "coerce"]

_LOC = [("jci", "STRING"), ("bwb_id", "STRING"), ("url", "STRING")]
_UNIT = [
    *_LOC,
    ("kind", "STRING"),
    ("nr", "STRING"),
    ("label", "STRING"),
    ("heading", "STRING"),
    ("status", "STRING"),
    ("repealed", "BOOLEAN"),
    ("own_jci", "STRING"),
    ("order", "INT64"),
    ("text", "STRING"),
    ("norm_type", "STRING"),
    ("norm_cues", "STRING[]"),
    ("norm_confidence", "DOUBLE"),
]

#: label → [(property, type)] (types as in Kùzu/ladybug DDL; the key is separate)
NODE_PROPS: dict[str, list[tuple[str, str]]] = {
    "Regeling": [
        ("bwb_id", "STRING"),
        ("title", "STRING"),
        ("soort", "STRING"),
        ("latest", "STRING"),
        ("intitule", "STRING"),
        ("format", "STRING"),
        ("source", "STRING"),
    ],
    "Version": [
        ("bwb_id", "STRING"),
        ("date", "DATE"),
        ("title", "STRING"),
        ("intitule", "STRING"),
        ("soort", "STRING"),
        ("format", "STRING"),
        ("source", "STRING"),
        ("url", "STRING"),
    ],
    "Unit": _UNIT,
    "Article": _UNIT,
    "Provision": [
        *_LOC,
        ("kind", "STRING"),
        ("artikel", "STRING"),
        ("lid", "STRING"),
        ("onderdeel", "STRING"),
        ("text", "STRING"),
        ("status", "STRING"),
        ("repealed", "BOOLEAN"),
        ("norm_type", "STRING"),
        ("norm_cues", "STRING[]"),
        ("norm_confidence", "DOUBLE"),
        ("own_jci", "STRING"),
        ("order", "INT64"),
    ],
    "Definition": [
        ("bwb_id", "STRING"),
        ("version", "DATE"),
        ("term", "STRING"),
        ("normalised", "STRING"),
        ("definition", "STRING"),
        ("kind", "STRING"),
        ("form", "STRING"),
        ("scope_text", "STRING"),
        ("scope_level", "STRING"),
        ("scope_targets", "STRING[]"),
        ("scope_delegated", "BOOLEAN"),
        ("scope_also", "STRING[]"),
        ("artikel", "STRING"),
        ("lid", "STRING"),
        ("onderdeel", "STRING"),
        ("location", "STRING"),
        ("url", "STRING"),
    ],
    "Term": [("name", "STRING"), ("labels", "STRING[]")],
    "Location": _LOC,
    "Concept": [
        ("term", "STRING"),
        ("term_key", "STRING"),
        ("regeling", "STRING"),
        ("bwb_id", "STRING"),
        ("title", "STRING"),
        ("scope", "STRING"),
        ("scope_level", "STRING"),
        ("naming", "BOOLEAN"),
    ],
    "Parameter": [
        ("bwb_id", "STRING"),
        ("location", "STRING"),
        ("kind", "STRING"),
        ("text", "STRING"),
        ("value", "DOUBLE"),
        ("unit", "STRING"),
        ("days", "INT64"),
        ("act", "STRING"),
        ("actor", "STRING"),
        ("price_year", "INT64"),
    ],
}

_TARGETS = ("Regeling", "Version", "Unit", "Article", "Provision", "Location")
_TEXT_HOLDERS = ("Provision", "Article", "Unit")

#: type → [(from label, to label)]
REL_PAIRS: dict[str, list[tuple[str, str]]] = {
    "HAS_VERSION": [("Regeling", "Version")],
    "PART_OF": [
        (a, b)
        for a in ("Unit", "Article", "Provision")
        for b in ("Regeling", "Version", "Unit", "Article", "Provision")
    ],
    "HAS_DEFINITION": [(a, "Definition") for a in (*_TEXT_HOLDERS, "Regeling", "Version")],
    "DEFINES": [("Definition", "Term")],
    "CITES": [(a, b) for a in _TEXT_HOLDERS for b in _TARGETS],
    "DEFINITION_CITES": [("Definition", b) for b in _TARGETS],
    "RESTS_ON": [("Regeling", "Regeling")],
    "REFERS_TO": [("Regeling", "Regeling")],
    "SAME_FAMILY": [("Regeling", "Regeling")],
    "HAS_PART": [("Concept", "Definition")],
    "OF_TERM": [("Concept", "Term")],
    "BASED_ON": [("Concept", "Concept")],
    **{rel: [("Concept", "Concept")] for rel in (*CONCEPT_RELATION_EDGES.values(), "RELATED_CONCEPT")},
    **{rel: [(a, b) for a in _TEXT_HOLDERS for b in _TARGETS] for rel in RULE_RELATION_EDGES.values()},
    "HAS_PARAMETER": [(a, "Parameter") for a in _TEXT_HOLDERS],
}
#: a concept relation's properties: what it is, on what it rests, its sentence, and its parts
_CONCEPT_RELATION = [
    ("relation", "STRING"),
    ("basis", "STRING"),
    ("sentence", "STRING"),
    ("naming", "BOOLEAN"),
    *((f"parts_{k}", "STRING[]") for k in RELATION_PART_KEYS),
]
_RELATED = [
    ("target_elements", "STRING[]"),
    ("source_elements", "STRING[]"),
    ("valid_from", "STRING"),
    ("valid_until", "STRING"),
]
REL_PROPS: dict[str, list[tuple[str, str]]] = {
    "HAS_VERSION": [],
    "PART_OF": [],
    "HAS_DEFINITION": [],
    "DEFINES": [],
    "CITES": [("anchor", "STRING"), ("via", "STRING"), ("reason", "STRING")],
    "DEFINITION_CITES": [("anchor", "STRING"), ("via", "STRING")],
    "RESTS_ON": _RELATED,
    "REFERS_TO": _RELATED,
    "SAME_FAMILY": _RELATED,
    "HAS_PART": [("role", "STRING"), ("effect", "STRING")],
    "OF_TERM": [],
    "BASED_ON": [("how", "STRING[]"), ("parts", "STRING[]"), ("targets", "STRING[]")],
    **{rel: _CONCEPT_RELATION for rel in (*CONCEPT_RELATION_EDGES.values(), "RELATED_CONCEPT")},
    **{
        rel: [
            ("target_text", "STRING"),
            ("form", "STRING"),
            ("scope", "STRING"),
            ("adaptation", "STRING"),
            ("evidence", "STRING"),
        ]
        for rel in RULE_RELATION_EDGES.values()
    },
    "HAS_PARAMETER": [],
}


def coerce(value: Any, type_: str) -> Any:
    """A model property value as the schema type wants it (``None`` stays ``None``).

    >>> coerce(None, "STRING"), coerce(("a", 1), "STRING[]"), coerce("2025-01-01", "DATE")
    (None, ['a', '1'], datetime.date(2025, 1, 1))
    """
    if value is None:
        return None
    if type_ == "STRING[]":
        return [str(x) for x in value]
    if type_ == "BOOLEAN":
        return bool(value)
    if type_ == "INT64":
        return int(value)
    if type_ == "DOUBLE":
        return float(value)
    if type_ == "DATE":
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    return str(value)


def ddl_ladybug() -> list[str]:
    """``CREATE NODE/REL TABLE`` statements for ladybug (Kùzu dialect)."""
    out = []
    for label, props in NODE_PROPS.items():
        cols = ", ".join(["key STRING PRIMARY KEY", *(f"`{p}` {t}" for p, t in props)])
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols})")
    for rel, pairs in REL_PAIRS.items():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in pairs)
        props = "".join(f", `{p}` {t}" for p, t in REL_PROPS[rel])
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel}({ends}{props})")
    return out


def ddl_neo4j() -> list[str]:
    """Neo4j 5 constraints and indexes, created before any write."""
    out = [
        f"CREATE CONSTRAINT {label.lower()}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"
        for label in NODE_PROPS
    ]
    out += [
        "CREATE INDEX term_name IF NOT EXISTS FOR (n:Term) ON (n.name)",
        "CREATE INDEX definition_normalised IF NOT EXISTS FOR (n:Definition) ON (n.normalised)",
        "CREATE INDEX provision_bwb IF NOT EXISTS FOR (n:Provision) ON (n.bwb_id)",
        "CREATE INDEX concept_term_key IF NOT EXISTS FOR (n:Concept) ON (n.term_key)",
        "CREATE INDEX parameter_act IF NOT EXISTS FOR (n:Parameter) ON (n.act)",
    ]
    return out
