"""Which research queries may run: only what is known to be a read, decided from a parse.

The engines' read-only modes are not enough for a public endpoint, as measured here:
ladybug opened ``read_only=True`` still runs ``CHECKPOINT`` (it writes ``.wal`` and
``.shadow`` files and leaves the database unopenable read-only), ``COPY (…) TO 'file'``,
``LOAD FROM 'file'`` and ``INSTALL``; Neo4j runs ``LOAD CSV`` in a read transaction;
Oxigraph's query API runs ``SERVICE <http://…>`` (the server sends the request). So this
module does not look for bad words; it accepts what it can show is a read and refuses
everything else, including whatever it cannot parse.

**SPARQL** is parsed by rdflib's SPARQL parser (Oxigraph executes it; rdflib only parses).
Allowed: a query (SELECT, ASK, CONSTRUCT, DESCRIBE) with no ``SERVICE`` anywhere in its
syntax tree: the tree holds every group graph pattern, so nested subqueries, OPTIONAL,
UNION, MINUS, GRAPH and FILTER/BIND ``EXISTS`` are all searched. An update parses only as
an update and is refused; text neither parser accepts is a syntax error. Where rdflib and
Oxigraph read the same text differently, the text is refused rather than trusted:
``\\u`` escapes (rdflib expands them before parsing, Oxigraph only inside strings and
IRIs, so ``"\\u0022"`` ends a string for one and not the other) and a carriage return
without a line feed (it ends a ``#`` comment for Oxigraph, not for rdflib).

**Cypher** is tokenized with the lexical rules of ladybug's grammar (openCypher): strings in
``'`` or ``"`` with backslash escapes, ```names``` with doubled backticks, ``//`` and
``/* */`` comments (not nested), ``$parameters``; anything else outside those (a stray
backslash, a non-ASCII letter, an unterminated string or comment, a lone carriage return,
a block comment containing ``**`` whose end the dialects disagree on) is refused. Then:

* one statement (a trailing ``;`` at most), starting with a reading clause: ``MATCH``,
  ``OPTIONAL MATCH``, ``WITH``, ``UNWIND``, ``RETURN`` or ``CALL``;
* every word where a clause can start (the start, after ``UNION``, after ``{`` of a
  subquery, and after a complete expression) must be a reading clause or an operator
  that continues the expression (``WHERE``, ``ORDER BY``, ``SKIP``, ``LIMIT``, ``UNION``,
  ``AND``, ``AS`` …): an unknown word there is refused, so a statement the guard does not
  know is refused too;
* ``CALL`` names a procedure from :data:`READ_PROCEDURES` (or opens a ``{`` subquery);
* as a second line, the words that begin writes, file, extension, database and
  transaction statements are refused wherever they occur as words (not as ``n.property``).

>>> check_cypher("MATCH (t:Term) WHERE t.label = 'copy to load' RETURN t // CREATE")
>>> check_cypher("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: COPY is not allowed: queries may not read or write files or the network
>>> check_cypher("RETURN 1 /* */ CREATE (n)")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: CREATE is not allowed: this endpoint is read-only
>>> check_cypher("CHECKPOINT")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: CHECKPOINT is not allowed: this endpoint is read-only
>>> check_cypher("CALL db.labels()") is None
True
>>> check_sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
wetgraaf.graph.guard.Refused: SERVICE is not allowed: federated queries would make the server fetch from the network
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Refused", "Token", "check_cypher", "check_sparql", "tokenize_cypher", "READ_PROCEDURES"]


class Refused(ValueError):
    """A query the research endpoints do not run. ``code`` ``syntax`` means it could not be
    read (HTTP 400); the other codes mean it was read and is not a plain read (HTTP 403)."""

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

# ------------------------------------------------------------------------------- Cypher
#: clauses that read (a query may consist of these only)
READ_CLAUSES = frozenset(
    {"MATCH", "OPTIONAL", "WITH", "UNWIND", "WHERE", "RETURN", "ORDER", "SKIP", "LIMIT", "UNION", "CALL"}
)
_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
# words that may follow a complete expression without starting a new clause
_CONTINUES = READ_CLAUSES | {
    "AND", "OR", "XOR", "NOT", "IS", "IN", "STARTS", "ENDS", "CONTAINS",
    "AS", "ASC", "ASCENDING", "DESC", "DESCENDING", "WHEN", "THEN", "ELSE", "END", "YIELD",
}  # fmt: skip
# words after which an operand or a name follows (never the end of a clause)
_OPERAND_NEXT = frozenset({
    "MATCH", "OPTIONAL", "WITH", "UNWIND", "WHERE", "RETURN", "ORDER", "BY", "SKIP", "LIMIT", "UNION",
    "ALL", "CALL", "YIELD", "AS", "AND", "OR", "XOR", "NOT", "IS", "IN", "STARTS", "ENDS", "CONTAINS",
    "CASE", "WHEN", "THEN", "ELSE", "DISTINCT",
})  # fmt: skip
# statement and clause words of ladybug (src/antlr4/Cypher.g4) and Neo4j that do more than read
_FILE_WORDS = frozenset({"LOAD", "COPY", "INSTALL", "UNINSTALL", "EXPORT", "IMPORT", "ATTACH", "USE", "CSV"})
_NOT_READS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "RENAME", "FOREACH",
    "UPDATE", "FORCE", "EXTENSION", "DATABASE", "MACRO", "SEQUENCE", "COMMENT",
    "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "COMMIT_SKIP_CHECKPOINT", "ROLLBACK_SKIP_CHECKPOINT",
    "TRANSACTION", "TRANSACTIONS", "EXPLAIN", "PROFILE", "PERIODIC",
    "SHOW", "GRANT", "DENY", "REVOKE", "TERMINATE", "STOP",
})  # fmt: skip


@dataclass(frozen=True)
class Token:
    """One Cypher token: ``kind`` is word, name (`quoted`), string, number, param or punct."""

    kind: str
    text: str
    pos: int


_WS = " \t\n\f\v"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_PUNCT2 = ("..", "<>", "<=", ">=", "=~", "!=", "->", "<-", "||")
_PUNCT1 = "()[]{},.:;|+-*/%^=<>!"
_ESCAPE = re.compile(r"\\(?:[\\'\"bBfFnNrRtT]|[xX][0-9A-Fa-f]{2}|[uU][0-9A-Fa-f]{4})")


def _syntax(message: str, pos: int) -> Refused:
    return Refused(f"{message} at character {pos + 1}", "syntax")


def tokenize_cypher(query: str) -> list[Token]:
    """The tokens of a Cypher query, comments and whitespace dropped; :class:`Refused` (``syntax``)
    for anything the guard cannot read exactly as the engine would.

    >>> [t.text for t in tokenize_cypher("MATCH (n) WHERE n.x = 'CREATE' RETURN n // CREATE")]
    ['MATCH', '(', 'n', ')', 'WHERE', 'n', '.', 'x', '=', "'CREATE'", 'RETURN', 'n']
    """
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c in _WS:
            i += 1
        elif c == "\r":
            if not query.startswith("\n", i + 1):
                raise _syntax("a carriage return without a line feed", i)
            i += 1
        elif query.startswith("//", i):
            j = i + 2
            while j < n and query[j] not in "\r\n":
                j += 1
            if j < n and query[j] == "\r" and not query.startswith("\n", j + 1):
                raise _syntax("a carriage return without a line feed", j)
            i = j
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise _syntax("an unterminated /* comment", i)
            if "**" in query[i + 2 : end + 2]:
                # ladybug's grammar reads '*' + any non-'/' as a pair, so '**/' does not end its comment
                raise _syntax("'**' inside a /* comment", i)
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while True:
                if j >= n:
                    raise _syntax("an unterminated string", i)
                if query[j] == c:
                    break
                if query[j] == "\\":
                    m = _ESCAPE.match(query, j)
                    if not m:
                        raise _syntax("an unknown escape in a string", j)
                    j = m.end()
                else:
                    j += 1
            if query.startswith(c, j + 1):
                raise _syntax("a string directly followed by a quote", j + 1)
            tokens.append(Token("string", query[i : j + 1], i))
            i = j + 1
        elif c == "`":
            j = i
            while j < n and query[j] == "`":  # ``a``b`` is one name (a doubled backtick escapes)
                end = query.find("`", j + 1)
                if end < 0:
                    raise _syntax("an unterminated `name`", i)
                j = end + 1
            tokens.append(Token("name", query[i:j], i))
            i = j
        elif c == "$":
            if i and (query[i - 1].isalnum() or query[i - 1] == "_"):
                raise _syntax("'$' inside a name", i)
            m = _WORD.match(query, i + 1) or _NUMBER.match(query, i + 1)
            if not m or "." in m.group():
                raise _syntax("'$' without a parameter name", i)
            tokens.append(Token("param", query[i : m.end()], i))
            i = m.end()
        elif m := _WORD.match(query, i):
            tokens.append(Token("word", m.group(), i))
            i = m.end()
        elif c.isdigit() and (m := _NUMBER.match(query, i)):
            tokens.append(Token("number", m.group(), i))
            i = m.end()
        elif query.startswith(_PUNCT2, i):
            tokens.append(Token("punct", query[i : i + 2], i))
            i += 2
        elif c in _PUNCT1:
            tokens.append(Token("punct", c, i))
            i += 1
        else:
            raise _syntax(f"unexpected character {c!r}", i)
    return tokens


def check_cypher(query: str) -> None:
    """Raise :class:`Refused` unless ``query`` is one statement of reading clauses."""
    tokens = tokenize_cypher(query)
    if tokens and tokens[-1].text == ";":
        tokens = tokens[:-1]
    if not tokens:
        raise Refused("an empty query", "syntax")
    for k, t in enumerate(tokens):
        if t.kind != "word":
            if t.text == ";":
                raise Refused("one statement per query: ';' is only allowed at the end", "refused")
            continue
        word = t.text.upper()
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if prev is not None and prev.text == ".":
            continue  # n.property, or a part of a dotted procedure name (checked at CALL)
        if word in _FILE_WORDS:
            raise Refused(f"{word} is not allowed: queries may not read or write files or the network", "file_access")
        if word in _NOT_READS:
            raise Refused(f"{word} is not allowed: this endpoint is read-only", "read_only")
        if _clause_position(tokens, k) and word not in _allowed_at(prev):
            if nxt is None or nxt.text != ":":  # {key: …} and (n:Label) are names, not clauses
                raise Refused(
                    f"{t.text} is not a reading clause; allowed: {', '.join(sorted(READ_CLAUSES))}", "read_only"
                )
        if word == "OPTIONAL" and (nxt is None or nxt.text.upper() != "MATCH"):
            raise Refused("OPTIONAL must be followed by MATCH", "syntax")
        if word == "CALL":
            _check_call(tokens, k)
    if tokens[0].kind != "word" or tokens[0].text.upper() not in _STARTS:
        raise Refused(f"a query must start with one of {', '.join(sorted(_STARTS))}", "read_only")


def _allowed_at(prev: Token | None) -> frozenset[str]:
    # at the start, after UNION [ALL] and after the { of a subquery only a clause may begin
    if prev is not None and prev.text.upper() == "UNION":
        return _STARTS | {"ALL"}
    if prev is None or prev.text == "{" or prev.text.upper() == "ALL":
        return _STARTS
    return _CONTINUES


def _clause_position(tokens: list[Token], k: int) -> bool:
    """Whether a clause could begin at ``tokens[k]``: the start, after ``{`` or ``UNION [ALL]``,
    or after a token that completes an expression."""
    if k == 0:
        return True
    prev = tokens[k - 1]
    if prev.text == "{":
        return True
    if prev.kind == "word":
        up = prev.text.upper()
        if up == "ALL":
            return k >= 2 and tokens[k - 2].text.upper() == "UNION"
        if up == "UNION":
            return True
        return up not in _OPERAND_NEXT
    if prev.kind in ("name", "string", "number", "param"):
        return True
    if prev.text in (")", "]", "}"):
        return True
    if prev.text == "*":  # RETURN * / WITH *
        return k >= 2 and tokens[k - 2].text.upper() in ("RETURN", "WITH", "DISTINCT")
    return False


def _check_call(tokens: list[Token], k: int) -> None:
    rest = tokens[k + 1 :]
    if rest and rest[0].text == "{":
        return  # CALL { subquery }: its clauses are checked like the rest
    parts: list[str] = []
    j = 0
    while j < len(rest) and rest[j].kind == "word":
        parts.append(rest[j].text)
        if j + 1 < len(rest) and rest[j + 1].text == ".":
            j += 2
            continue
        j += 1
        break
    name = ".".join(parts)
    if not parts or j >= len(rest) or rest[j].text != "(" or name.lower() not in READ_PROCEDURES:
        raise Refused(
            f"CALL {name or '…'} is not allowed; allowed procedures: {', '.join(sorted(READ_PROCEDURES))}", "refused"
        )


# ------------------------------------------------------------------------------- SPARQL
_QUERY_FORMS = {"SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"}


def check_sparql(query: str) -> None:
    """Raise :class:`Refused` unless rdflib parses ``query`` as a SELECT, ASK, CONSTRUCT or DESCRIBE
    query with no ``SERVICE`` anywhere in it."""
    m = re.search(r"\\[uU]", query)
    if m:
        raise _syntax("\\u escapes are not accepted (write the character itself)", m.start())
    m = re.search(r"\r(?!\n)", query)
    if m:
        raise _syntax("a carriage return without a line feed", m.start())
    tree = _parse_sparql(query)
    names = _comp_names(tree, [])
    if "ServiceGraphPattern" in names:
        raise Refused(
            "SERVICE is not allowed: federated queries would make the server fetch from the network", "network"
        )
    form = getattr(tree[-1], "name", None) if len(tree) else None
    if form not in _QUERY_FORMS:
        raise Refused("only SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are accepted", "read_only")


def _parse_sparql(query: str) -> Any:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(query)
    except RecursionError:
        raise Refused("SPARQL query too deeply nested", "syntax") from None
    except (ParseBaseException, ValueError) as exc:
        error = exc
    try:
        parseUpdate(query)
    except (ParseBaseException, ValueError, RecursionError):
        raise Refused(f"SPARQL syntax error: {str(error).splitlines()[0]}", "syntax") from None
    raise Refused(
        "updates are not allowed: only SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are accepted", "read_only"
    )


def _comp_names(node: Any, out: list[str]) -> list[str]:
    """The names of all parse-tree nodes (rdflib ``CompValue``) under ``node``."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        out.append(node.name)
        for v in dict.values(node):
            _comp_names(v, out)
    elif isinstance(node, ParseResults | list | tuple):
        for v in node:
            _comp_names(v, out)
    elif isinstance(node, dict):
        for v in node.values():
            _comp_names(v, out)
    return out
