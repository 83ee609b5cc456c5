"""Records ↔ table rows, derived from the record dataclasses (a field is declared once).

Every field of a record in :mod:`wetgraaf.ingest.records` becomes one column of its table;
how a value is stored follows from the field's type:

==========================  =======================================================
field type                  column
==========================  =======================================================
``str``, ``int``, ``float`` as is
``bool``                    ``INTEGER`` 0/1
``date``                    ``TEXT`` ISO date
``LegalId``                 ``TEXT`` Juriconnect (the key used everywhere)
tuples, ``Scope``, refs     ``TEXT`` JSON (small nested values, read back whole)
==========================  =======================================================

>>> from wetgraaf.ingest.records import Scope
>>> c = codec_for(Scope)
>>> [col.name for col in c.columns][:3]
['text', 'level', 'targets']
>>> row = c.encode(Scope(text="deze wet", level="regeling", targets=("3",)))
>>> row[:3]
('deze wet', 'regeling', '["3"]')
>>> c.decode(row) == Scope(text="deze wet", level="regeling", targets=("3",))
True
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from functools import cache, lru_cache
from typing import Any

from wetgraaf.identity import LegalId

__all__ = ["Column", "Codec", "codec_for"]

_Enc = Callable[[Any], Any]
_Dec = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    encode: _Enc
    decode: _Dec


def _ident(v: Any) -> Any:
    return v


def _json(v: Any) -> str:
    return json.dumps(_plain(v), ensure_ascii=False, separators=(",", ":"))


def _plain(v: Any) -> Any:
    if isinstance(v, LegalId):
        return v.jci
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "__dataclass_fields__"):
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v)}
    return v


@lru_cache(maxsize=1 << 16)
def _legal_id(v: str | None) -> LegalId | None:
    # ids repeat (a provision's parent, a reference's source and target): immutable, so shared
    return None if v is None else LegalId.from_canonical(v)


@lru_cache(maxsize=1 << 14)
def _pairs(v: str) -> tuple[tuple[str, str], ...]:
    # container paths repeat for every unit and provision of one chapter
    return tuple(tuple(x) for x in json.loads(v))  # type: ignore[misc]


def _tuple_of(inner: _Dec) -> _Dec:
    return lambda v: tuple(inner(x) for x in json.loads(v))


def _record_from(cls: type) -> _Dec:
    c = codec_for(cls)
    return lambda d: c.from_mapping(d)


def _column(name: str, hint: Any) -> Column:
    from wetgraaf.ingest.records import Reference, Scope

    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    optional = origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in args
    base = next((a for a in args if a is not type(None)), hint) if optional else hint
    if base is LegalId:
        return Column(name, "TEXT", lambda v: None if v is None else v.jci, _legal_id)
    if base is date:
        return Column(
            name,
            "TEXT",
            lambda v: None if v is None else v.isoformat(),
            lambda v: None if v is None else date.fromisoformat(v),
        )
    if base is bool:
        return Column(name, "INTEGER", lambda v: int(bool(v)), bool)
    if base in (str, int, float):
        return Column(name, {str: "TEXT", int: "INTEGER", float: "REAL"}[base], _ident, _ident)
    if base is Scope:
        sc = codec_for(Scope)
        return Column(name, "TEXT", _json, lambda v: sc.from_mapping(json.loads(v)))
    if typing.get_origin(base) is tuple:
        inner = typing.get_args(base)[0]
        if inner is Reference:
            rc = codec_for(Reference)
            return Column(name, "TEXT", _json, lambda v: tuple(rc.from_mapping(x) for x in json.loads(v)))
        if typing.get_origin(inner) is tuple:  # ((key, value), ...)
            return Column(name, "TEXT", _json, _pairs)
        return Column(name, "TEXT", _json, _tuple_of(_ident))
    raise TypeError(f"no column type for field {name!r}: {hint!r}")


@dataclass(frozen=True)
class Codec:
    """How one record type is written to and read from its table."""

    cls: type
    columns: tuple[Column, ...]

    def encode(self, rec: Any) -> tuple[Any, ...]:
        return tuple(c.encode(getattr(rec, c.name)) for c in self.columns)

    def decode(self, row: typing.Sequence[Any]) -> Any:
        return self.cls(*(c.decode(v) for c, v in zip(self.columns, row, strict=True)))

    def from_mapping(self, d: dict[str, Any]) -> Any:
        """A record from its JSON form (as :func:`_plain` writes nested records)."""
        kw = {}
        for c in self.columns:
            v = d.get(c.name)
            if c.sql_type == "TEXT" and v is not None and not isinstance(v, str):
                v = json.dumps(v)  # nested tuples: decode from their JSON text
            kw[c.name] = c.decode(v) if v is not None or c.decode is _ident else None
        return self.cls(**kw)


@cache
def codec_for(cls: type) -> Codec:
    hints = typing.get_type_hints(cls)
    return Codec(cls, tuple(_column(f.name, hints[f.name]) for f in fields(cls)))
