"""Property-graph stores behind one small interface; backends registered by name, imported lazily.

>>> sorted(BACKENDS)
['ladybug', 'neo4j']
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import Any

from wetgraaf.graph.model import GraphModel

__all__ = ["PropertyGraphStore", "BACKENDS", "open_store", "QueryRefused"]

#: backend name → "module:Class", imported only when used
BACKENDS = {
    "ladybug": "wetgraaf.graph.ladybug_store:LadybugStore",
    "neo4j": "wetgraaf.graph.neo4j_store:Neo4jStore",
}


class QueryRefused(RuntimeError):
    """A query that tried to write through a read-only connection, or ran out of time."""


class PropertyGraphStore(ABC):
    """What wetgraaf needs from a property-graph database."""

    name: str = ""

    @abstractmethod
    def load(self, model: GraphModel) -> dict[str, int]:
        """Write the model (idempotent: loading the same model twice changes nothing). Returns counts."""

    @abstractmethod
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int | None = None,
        timeout_ms: int | None = None,
    ) -> tuple[list[str], list[list[Any]]]:
        """Run a read-only Cypher query with bound parameters; writes are refused by the engine."""

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (the same Cypher works on every backend)."""
        from wetgraaf.graph.schema import NODE_PROPS, REL_PAIRS

        out = {label: int(self.query(f"MATCH (n:{label}) RETURN count(n) AS n")[1][0][0]) for label in NODE_PROPS}
        out.update({rel: int(self.query(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n")[1][0][0]) for rel in REL_PAIRS})
        return out

    @abstractmethod
    def close(self) -> None:
        """Release connections and files."""

    def __enter__(self) -> PropertyGraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(backend: str, **kwargs: Any) -> PropertyGraphStore:
    """Instantiate a registered backend (its module is imported now, not before)."""
    try:
        target = BACKENDS[backend]
    except KeyError:
        raise ValueError(f"unknown property-graph backend {backend!r}; known: {', '.join(sorted(BACKENDS))}") from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)(**kwargs)
