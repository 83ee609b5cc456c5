"""Named queries: ``.cypher`` and ``.rq`` files with a small metadata header.

Each file starts with comment lines (``//`` for Cypher, ``#`` for SPARQL)::

    // title: Definitions of a term across laws
    // description: Every definition of a term, with its law, location, kind and scope.
    // param: term (string, required) the term, in any case

Parameters are always bound, never pasted into the query text (Cypher ``$term``; SPARQL
``?term`` through a ``VALUES`` block serialised by the store). Types: ``string``, ``int``,
``bool``, ``norm_type``, ``parameter_kind`` and ``bwb_id`` (checked), and ``term``: a term as written, bound as its
term key (:func:`wetgraaf.graph.model.term_name`: *Partners* → ``partner``), which is the
``name`` of its Term node and the ``term_key`` of its concepts. A parameter named ``limit``
is applied by the runner as a cap on the rows returned. Where a query needs backend-specific Cypher, a variant sits
beside it as ``NAME.BACKEND.cypher`` (for example ``divergent_definitions.neo4j.cypher``).
They become ``wetgraaf query NAME --param k=v`` and, later, API endpoints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["Param", "NamedQuery", "catalogue", "get", "QUERY_DIR", "UnknownQuery", "BadParameters"]

QUERY_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"^\s*(?://|#)\s*(?P<key>title|description|param)\s*:\s*(?P<value>.+?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>string|int|bool|norm_type|parameter_kind|bwb_id|term)(?:,\s*(?P<req>required|optional))?(?:,\s*default=(?P<default>[^)]*))?\)\s*(?P<doc>.*)$"
)


class UnknownQuery(KeyError):
    """No named query with that name."""


class BadParameters(ValueError):
    """Missing, unknown or badly typed parameters for a named query."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    required: bool
    default: str | None
    description: str

    def convert(self, raw: object) -> object:
        if self.type == "int":
            try:
                return int(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise BadParameters(f"parameter {self.name!r} must be an integer, got {raw!r}") from None
        if self.type == "bool":
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in ("1", "true", "yes", "ja"):
                return True
            if str(raw).lower() in ("0", "false", "no", "nee"):
                return False
            raise BadParameters(f"parameter {self.name!r} must be true or false, got {raw!r}")
        if self.type == "norm_type":  # one of the record type's values, declared once in records.py
            from wetgraaf.ingest.records import NORM_TYPES

            if str(raw) not in NORM_TYPES:
                raise BadParameters(f"parameter {self.name!r} must be one of {', '.join(NORM_TYPES)}; got {raw!r}")
        if self.type == "parameter_kind":  # a rule parameter's kind, declared once in records.py
            from wetgraaf.ingest.records import RULE_PARAMETER_KINDS

            if str(raw) not in RULE_PARAMETER_KINDS:
                raise BadParameters(
                    f"parameter {self.name!r} must be one of {', '.join(RULE_PARAMETER_KINDS)}; got {raw!r}"
                )
        if self.type == "term":  # as written ("Partners"): bound as its term key, the Term node's name
            from wetgraaf.graph.model import term_name

            return term_name(str(raw))
        if self.type == "bwb_id":
            from wetgraaf.identity import BWB_ID_PATTERN

            if not re.fullmatch(BWB_ID_PATTERN, str(raw)):
                raise BadParameters(f"parameter {self.name!r} must be a BWB id such as BWBR0018472; got {raw!r}")
        return str(raw)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    cypher: str | None = None
    sparql: str | None = None
    variants: dict[str, str] = field(default_factory=dict)  #: backend → Cypher text

    def cypher_for(self, backend: str) -> str | None:
        return self.variants.get(backend, self.cypher)

    def bind(self, raw: dict[str, object]) -> dict[str, object]:
        """Check and convert parameters; unknown and missing ones are errors."""
        known = {p.name: p for p in self.params}
        unknown = set(raw) - set(known)
        if unknown:
            raise BadParameters(
                f"unknown parameter(s) for {self.name}: {', '.join(sorted(unknown))}; expected: {', '.join(known) or 'none'}"
            )
        out: dict[str, object] = {}
        for p in self.params:
            if p.name in raw:
                out[p.name] = p.convert(raw[p.name])
            elif p.default is not None:
                out[p.name] = p.convert(p.default)
            elif p.required:
                raise BadParameters(f"missing required parameter {p.name!r} for {self.name} ({p.description})")
        return out


def _parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    title = description = ""
    params = []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.lstrip().startswith(("//", "#")):
                break
            continue
        key, value = m.group("key"), m.group("value")
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise ValueError(f"bad param line: {value!r}")
            params.append(
                Param(
                    pm.group("name"),
                    pm.group("type"),
                    pm.group("req") != "optional",
                    pm.group("default"),
                    pm.group("doc"),
                )
            )
    return title, description, tuple(params)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, NamedQuery]:
    """All named queries, by name."""
    found: dict[str, dict[str, object]] = {}
    for f in sorted(QUERY_DIR.iterdir()):
        if f.suffix not in (".cypher", ".rq"):
            continue
        parts = f.name.split(".")
        name = parts[0]
        entry = found.setdefault(name, {"variants": {}})
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".rq":
            entry["sparql"] = text
        elif len(parts) == 3:
            entry["variants"][parts[1]] = text  # type: ignore[index]
        else:
            entry["cypher"] = text
        if "header" not in entry or f.suffix == ".cypher" and len(parts) == 2:
            entry["header"] = _parse_header(text)
    out = {}
    for name, e in found.items():
        title, description, params = e["header"]  # type: ignore[misc]
        out[name] = NamedQuery(name, title, description, params, e.get("cypher"), e.get("sparql"), e["variants"])  # type: ignore[arg-type]
    return out


def get(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise UnknownQuery(f"no named query {name!r}; known: {', '.join(sorted(catalogue()))}") from None
