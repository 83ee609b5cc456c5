"""The literal pre-checks of :mod:`wetgraaf.ingest.cues` never change what a pattern finds."""

from __future__ import annotations

import re
import string
import sys
from functools import cache

import pytest

from tests.conftest import BUNDLED, parsed
from wetgraaf.ingest import cues, norms
from wetgraaf.ingest.blocks import split_sentences
from wetgraaf.ingest.cues import TRICKY, Cued, required_words, split_alternatives


def test_tricky_characters_are_all_there_are() -> None:
    """Every character that re.IGNORECASE equates with an ASCII letter or digit lower-cases to
    that letter or digit, or (lower-cased) holds one of TRICKY."""
    rx = re.compile(r"[a-z0-9]", re.IGNORECASE)
    plain = set(string.ascii_lowercase + string.digits)
    odd = []
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if rx.fullmatch(c) and c.lower() not in plain:
            odd.append(c)
    assert odd, "İ, ı and ſ match ASCII letters under IGNORECASE"
    assert all(any(t in c.lower() for t in TRICKY) for c in odd), odd


@pytest.mark.parametrize(
    ("pattern", "alternatives"),
    [
        (r"a|b", ["a", "b"]),
        (r"a(?:b|c)|d", ["a(?:b|c)", "d"]),
        (r"[|]|\||[]|]x", ["[|]", r"\|", "[]|]x"]),
        (r"[^]|]|(?P<g>x|y)", ["[^]|]", "(?P<g>x|y)"]),
    ],
)
def test_split_alternatives(pattern: str, alternatives: list[str]) -> None:
    assert split_alternatives(pattern) == alternatives


def test_required_words() -> None:
    assert required_words(r"\b(?:kan|kunnen)\b", re.I) == (frozenset({"kan", "kunnen"}),)
    assert required_words(r"\bverboden\b|\bniet\s+toegestaan\b") == (frozenset({"verboden", "toegestaan"}),)
    assert required_words(r"(?:de\s+)?\w+") == ()
    assert required_words(r"x{0,3}yy") == (frozenset({"yy"}),)


@cache
def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(BUNDLED.glob("*.xml"))[:4]:
        for p in parsed(path.name).provisions:
            out.extend(s for s in split_sentences(p.text) if s)
    # texts the pre-checks must not be fooled by
    out += ["HET IS VERBODEN", "Het is verbo\u017fen", "Het is verboden zonder vergunning te bouwen.", ""]
    out += ["DE M\u0130N\u0130STER KAN ONTHEFF\u0130NG VERLENEN", "\u0131n werk\u0131ng"]
    return out


def _patterns() -> dict[str, Cued]:
    found = {cue: rx for _, cue, rx in norms._MAIN}
    found.update({k: v for k, v in vars(norms).items() if isinstance(v, Cued)})
    return found


@pytest.mark.parametrize("name", sorted(_patterns()))
def test_cued_search_is_the_pattern_search(name: str) -> None:
    cued = _patterns()[name]
    for s in _sentences():
        m = cued.rx.search(s)
        got = cued.search(s)
        assert cued.found(s) is (m is not None), s
        assert (got.span() if got else None) == (m.span() if m else None), s
        assert [x.span() for x in cued.finditer(s)] == [x.span() for x in cued.rx.finditer(s)], s
        for pos in (0, 3):
            mm = cued.rx.match(s, pos)
            got = cued.match(s, pos)
            assert (got.span() if got else None) == (mm.span() if mm else None), s


def test_words_in_finds_words_inside_longer_words() -> None:
    Cued(re.compile(r"\bbevoegd|regels", re.IGNORECASE))
    present = cues.words_in("onbevoegdheid; nadere regelstelling")
    assert present is not None and {"bevoegd", "regels"} <= present
    assert cues.words_in("onbevoegdheid \u0131") is None
