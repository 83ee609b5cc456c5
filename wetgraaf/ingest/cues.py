"""Cheap literal pre-checks for costly patterns, derived from the patterns themselves.

Python's ``re`` cannot skip ahead in a case-insensitive pattern that opens with ``\\b`` or
an alternation: it tries every alternative at every position of the text, and the
norm-type patterns (twenty alternatives of ``\\b(?:wordt|worden)\\s+…``) cost a third of
ingest that way. Yet most alternatives need a word that most sentences lack ("verboden",
"bevoegd", "gerechtigd"). :class:`Cued` reads, for each top-level alternative of a
compiled pattern, the words any match of it must contain (:func:`required_words`), and
searches only with the alternatives whose words occur in the text:

* an alternative whose words are missing cannot match anywhere in the text, so leaving it
  out changes no match: at every position the first alternative that matches is the same,
  and so are ``search``'s and ``finditer``'s spans;
* the check is ``word in text.lower()``, a fast substring search; a text with one of the
  three characters that ``re.IGNORECASE`` equates with an ASCII letter but ``str.lower``
  does not ("İ", "ı", "ſ": :data:`TRICKY`) skips the check and gets the whole pattern.

A pattern made of fewer alternatives numbers its groups differently: use :class:`Cued` for
spans and yes/no answers, never for groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser of the standard library's re (private; sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: no pre-checks, same results
    _sre_parse = None  # type: ignore[assignment]

__all__ = ["Cued", "required_words", "TRICKY"]

#: What ``str.lower`` makes of the characters that ``re.IGNORECASE`` matches to an ASCII letter
#: although their ``lower()`` is not that letter ("İ" → "i\u0307", "ı", "ſ"; computed over all
#: of Unicode, a test checks it): a lower-cased text with one of these gets the whole pattern.
TRICKY = ("\u0307", "\u0131", "\u017f")

Clause = frozenset[str]


def _alnum(ch: int) -> bool:
    return ch < 128 and chr(ch).isalnum()


def _best(clauses: list[Clause]) -> Clause | None:
    """The clause least likely to be met by chance: the one whose shortest word is longest."""
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _head(seq) -> str:  # type: ignore[no-untyped-def]
    """The lower-case letters and digits a parsed sequence opens with."""
    out = []
    for op, av in seq:
        if op is not _c.LITERAL or not _alnum(av):
            break
        out.append(chr(av))
    return "".join(out).lower()


def _required(seq) -> list[Clause]:  # type: ignore[no-untyped-def]
    """Clauses (sets of lower-case words; one word of each occurs in any match) of a parsed sequence."""
    out: list[Clause] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(frozenset({"".join(run).lower()}))
        run.clear()

    for op, av in seq:
        if op is _c.LITERAL and _alnum(av):
            run.append(chr(av))
            continue
        if op is _c.BRANCH and run:
            # the parser moves a shared prefix out of the alternatives ("k(?:an|unnen)"): join it again
            heads = [_head(alt) for alt in av[1]]
            if all(heads):
                out.append(frozenset("".join(run).lower() + h for h in heads))
        flush()
        if op is _c.SUBPATTERN:
            out.extend(_required(av[-1]))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_required(av))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_required(av[2]))
        elif op is _c.BRANCH:
            words: set[str] = set()
            for alt in av[1]:
                best = _best(_required(alt))
                if best is None:  # an alternative that needs no word: the branch needs none
                    break
                words |= best
            else:
                out.append(frozenset(words))
        # anything else (classes, anchors, lookarounds, repeats that may be empty) needs no word
    flush()
    return out


def required_words(pattern: str, flags: int = 0) -> tuple[Clause, ...]:
    """Sets of lower-case words such that every match of ``pattern`` contains a word of each.

    >>> sorted(map(sorted, required_words(r"\\b(?:mag|mogen)\\s+(?:[^.;]{0,40}\\s)?(?:niet|geen)\\b")))
    [['geen', 'niet'], ['mag', 'mogen']]
    >>> required_words(r"^(?:de\\s+)?\\w+")
    ()
    """
    if _sre_parse is None:  # pragma: no cover
        return ()
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except Exception:  # pragma: no cover - a pattern the parser of this Python reads otherwise
        return ()
    clauses = list(dict.fromkeys(_required(parsed.data)))
    # drop a clause that another one implies ({"kan", "kunnen"} implies {"an", "unnen"})
    return tuple(c for c in clauses if not any(d is not c and all(any(w in v for w in c) for v in d) for d in clauses))


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's source (``a|b(c|d)`` → ``["a", "b(c|d)"]``)."""
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: skip to its end ("[]…]" and "[^]…]" keep the first "]")
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


#: Every word some :class:`Cued` pattern needs: the two-letter ones, and the longer ones by their
#: first three letters (for :func:`words_in`).
_WORDS2: set[str] = set()
_WORDS: dict[str, set[str]] = {}
_TOKEN = re.compile(r"[a-z0-9]+")
_TOKEN_WORDS: dict[str, frozenset[str]] = {}  # token -> the needed words it contains
_TOKEN_CACHE_MAX = 200_000
_last: tuple[str, frozenset[str] | None] = ("", frozenset())


def _register(words: set[str]) -> None:
    global _last
    for w in words:
        if len(w) == 2:
            _WORDS2.add(w)
        else:
            _WORDS.setdefault(w[:3], set()).add(w)
    _TOKEN_WORDS.clear()  # texts read before now were not searched for these words
    _last = ("", frozenset())


def _token_words(t: str) -> frozenset[str]:
    found = []
    for i in range(len(t) - 1):
        if t[i : i + 2] in _WORDS2:
            found.append(t[i : i + 2])
        for w in _WORDS.get(t[i : i + 3], ()):
            if t.startswith(w, i):
                found.append(w)
    return frozenset(found)


def words_in(low: str) -> frozenset[str] | None:
    """The words that :class:`Cued` patterns need which occur in the lower-cased text ``low``;
    None for a text with one of :data:`TRICKY` (every alternative must then be tried).

    A needed word is ASCII letters and digits, so it occurs in ``low`` exactly when it occurs in
    one of its runs of ASCII letters and digits; what a run holds is remembered, and runs recur.
    The last text's answer is kept: the patterns of one sentence are tried one after another.
    """
    global _last
    if _last[0] is low:
        return _last[1]
    if TRICKY[0] in low or TRICKY[1] in low or TRICKY[2] in low:
        _last = (low, None)
        return None
    cache = _TOKEN_WORDS
    if len(cache) > _TOKEN_CACHE_MAX:
        cache.clear()
    tokens = set(_TOKEN.findall(low))
    for t in tokens.difference(cache):
        cache[t] = _token_words(t)
    present = frozenset().union(*map(cache.__getitem__, tokens))
    _last = (low, present)
    return present


class Cued:
    """A compiled pattern that is searched only with the alternatives the text can match."""

    __slots__ = ("rx", "alternatives", "clauses", "_each", "_sub")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        alts = [rx.pattern]
        if not rx.flags & re.VERBOSE and not re.search(r"\(\?[aiLmsux]+\)", rx.pattern):
            split = split_alternatives(rx.pattern)
            try:
                for a in split:
                    re.compile(a, rx.flags)
            except re.error:  # pragma: no cover - the splitter misread the pattern: keep it whole
                split = alts
            alts = split
        self.alternatives = tuple(alts)
        self._each = tuple(re.compile(a, rx.flags) for a in alts) if len(alts) > 1 else (rx,)
        self.clauses = tuple(required_words(a, rx.flags) for a in alts)
        _register({w for clauses in self.clauses for c in clauses for w in c})
        self._sub: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def possible(self, low: str) -> list[int]:
        """The alternatives (by index) whose words all occur in ``low`` (a lower-cased text)."""
        present = words_in(low)
        if present is None:
            return list(range(len(self.alternatives)))
        disjoint = present.isdisjoint
        return [i for i, clauses in enumerate(self.clauses) if not any(map(disjoint, clauses))]

    def found(self, s: str, low: str | None = None) -> bool:
        """``rx.search(s) is not None`` (``low``: ``s.lower()`` or the lower-cased text ``s`` is part of)."""
        each = self._each
        for i in self.possible(s.lower() if low is None else low):
            if each[i].search(s) is not None:
                return True
        return False

    def search(self, s: str, low: str | None = None) -> re.Match[str] | None:
        """The match of ``rx.search(s)``, for its span: the leftmost match, of the first alternative there."""
        best = None
        each = self._each
        for i in self.possible(s.lower() if low is None else low):
            m = each[i].search(s)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def match(self, s: str, pos: int, low: str | None = None) -> re.Match[str] | None:
        """The match of ``rx.match(s, pos)``, for its span: the first alternative that matches at ``pos``."""
        each = self._each
        for i in self.possible(s.lower() if low is None else low):
            m = each[i].match(s, pos)
            if m is not None:
                return m
        return None

    def finditer(self, s: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(s)``, for their spans."""
        key = tuple(self.possible(s.lower() if low is None else low))
        try:
            p = self._sub[key]
        except KeyError:
            if not key:
                p = None
            elif len(key) == len(self.alternatives):
                p = self.rx
            else:
                p = re.compile("|".join(self.alternatives[i] for i in key), self.rx.flags)
            self._sub[key] = p
        return p.finditer(s) if p is not None else iter(())
