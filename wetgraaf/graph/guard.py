"""What a read-only query may not do even where the engine would let it: touch files or the network.

Read-only modes stop writes to the graph, and wetgraaf relies on them for that (ladybug
opened with ``read_only=True``, Neo4j read transactions, Oxigraph's query-only API). They do
not stop everything a public query endpoint must refuse, as measured on these engines:

* ladybug in read-only mode still runs ``COPY (…) TO 'file'`` (writes a file),
  ``LOAD FROM 'file'`` (reads any local file) and ``INSTALL`` (downloads an extension);
* Neo4j runs ``LOAD CSV FROM 'file:///…'`` inside a read transaction;
* SPARQL ``SERVICE <http://…>`` makes the server fetch from the network.

So these clauses are refused here, after string literals and comments are removed (a
word inside a string or a comment is not a clause). Writes are *also* refused here
(defence in depth), but the engines' read-only modes remain the guarantee.

>>> check_cypher("MATCH (t:Term) WHERE t.label = 'copy to load' RETURN t")
>>> check_cypher("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: COPY is not allowed: queries may not read or write files or the network
>>> check_cypher("CALL db.labels()") is None
True
>>> check_sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: SERVICE is not allowed: federated queries would make the server fetch from the network
"""

from __future__ import annotations

import re

__all__ = ["Refused", "check_cypher", "check_sparql", "strip_cypher", "strip_sparql", "READ_PROCEDURES"]


class Refused(ValueError):
    """A query that asks for something the read-only endpoints never do."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


#: procedures a read-only query may call (lower case)
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "show_tables",
        "table_info",
        "db_version",
        "show_connection",
    }
)
_CY_FILES = ("LOAD", "COPY", "INSTALL", "EXPORT", "IMPORT", "ATTACH", "USE")
_CY_WRITES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "ALTER", "FOREACH", "BEGIN", "COMMIT", "ROLLBACK")
_CY_STRIP = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_SQ_STRIP = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>\s{}|^`\\"]*>|\#[^\n]*''',
)


def strip_cypher(query: str) -> str:
    """The query with string literals, quoted names and comments blanked out."""
    return _CY_STRIP.sub(" ", query)


def strip_sparql(query: str) -> str:
    """The query with literals, IRIs and comments blanked out."""
    return _SQ_STRIP.sub(" ", query)


def check_cypher(query: str) -> None:
    """Raise :class:`Refused` if ``query`` would write, touch files or the network, or call a procedure
    outside :data:`READ_PROCEDURES`."""
    bare = strip_cypher(query)
    for kw in _CY_FILES:
        if _clause(kw, bare):
            raise Refused(f"{kw} is not allowed: queries may not read or write files or the network", "file_access")
    for kw in _CY_WRITES:
        if _clause(kw, bare):
            raise Refused(f"{kw} is not allowed: this endpoint is read-only", "read_only")
    for m in re.finditer(r"\bCALL\s*(\{)?\s*([A-Za-z_][\w.]*)?", bare, re.IGNORECASE):
        if m.group(1):
            continue  # CALL { subquery }: its clauses are checked like the rest
        name = (m.group(2) or "").lower()
        if name not in READ_PROCEDURES:
            raise Refused(f"CALL {m.group(2)} is not allowed; allowed procedures: {', '.join(sorted(READ_PROCEDURES))}")


def _clause(keyword: str, bare: str) -> bool:
    # a keyword, not a property (n.set) or a parameter ($set)
    return re.search(rf"(?<![.\w$]){keyword}\b", bare, re.IGNORECASE) is not None


def check_sparql(query: str) -> None:
    """Raise :class:`Refused` for ``SERVICE`` (network access); updates fail in the engine anyway."""
    bare = strip_sparql(query)
    if re.search(r"\bSERVICE\b", bare, re.IGNORECASE):
        raise Refused(
            "SERVICE is not allowed: federated queries would make the server fetch from the network", "network"
        )
    m = re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", bare, re.IGNORECASE)
    if m:
        raise Refused(
            f"{m.group(1).upper()} is not allowed: only SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are accepted",
            "read_only",
        )
