"""Series: a regeling enacted anew each year (or period) under one title, the year changed.

A product board's levy by-law ("Verordening bestemmingsheffing natuursteenbedrijf 2005", … 2006,
… 2012), a yearly rate ("Regeling vaststelling premiepercentage AWBZ 2006", … 2012) or a
monthly notice ("Beschikking rendementen gesubsidieerde woningbouw, februari 2004", … 2012) has
a BWB id per year. Their definitions are the same concept re-enacted, changed over time like the
versions of one regeling, never a conflict between laws; counted as laws they filled the top of
the whole-BWB ranking (637 of the 807 laws of the first cluster were yearly levy by-laws of the
product boards). The cross-law analyses therefore read only the newest member of each series;
the others are listed in the report under ``series``.

A series is two or more regelingen of one soort whose citeertitels are equal once their years
and dates are taken out, each with a different year. Treaties are never a series (two treaties
of different dates are different treaties), and titles that share a year are not one (two
boards may each have a "Verordening op het bestuur 2012").

>>> series_key("Verordening bestemmingsheffing natuursteenbedrijf 2007")
('verordening bestemmingsheffing natuursteenbedrijf', 20070)
>>> series_key("Beschikking rendementen gesubsidieerde woningbouw, februari 2004")
('beschikking rendementen gesubsidieerde woningbouw februari', 20040)
>>> series_key("Aanpassingsregeling Appa-pensioenen 1996-II")
('aanpassingsregeling appa-pensioenen', 19962)
>>> series_key("Verordening van het Productschap Vee en Vlees van 12 juli 2006, houdende de vaststelling van een bestemmingsheffing voor het jaar 2007")
('verordening van het productschap vee en vlees houdende de vaststelling van een bestemmingsheffing', 20070)
>>> series_key("Algemene wet bestuursrecht") is None
True
>>> series_key("Wet van 31 mei 1937") is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wetgraaf.ingest.records import Document

__all__ = ["Series", "series_key", "find_series", "current_members"]

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
#: a date in a title ("van 12 juli 2006", "d.d. 10 december 2007"): the day of enactment
_DATE = re.compile(rf"\b(?:van\s+|d\.d\.\s*)?\d{{1,2}}\s+(?:{_MONTHS})\s+((?:19|20)\d\d)\b", re.IGNORECASE)
#: a year (or a span "2011-2012", "2011/2012") standing alone, not in "1348/2000" or "EU-2005"
_YEAR = re.compile(
    r"(?<![\w/.-])((?:19|20)\d\d)(?:\s*[-/]\s*((?:19|20)?\d\d)|\s*-\s*(I{1,3}|IV)\b)?(?![\w/-])", re.IGNORECASE
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
#: words that say nothing of what a regeling is about: a key needs two others ("Wet van 31 mei 1937"
#: and "Wet van 16 maart 1921" are no series)
_EMPTY = frozenset(
    "van het de een en der den in op tot voor met vanaf per houdende wet besluit regeling verordening "
    "beschikking kb wijziging wijzigingen".split()
)
_YEAR_LEAD = re.compile(r"\s*\b(?:voor|over)?\s*(?:het\s+)?(?:jaar|oogstjaar|kalenderjaar|boekjaar)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Series:
    """Regelingen of one title re-enacted per year; ``current`` is the newest, ``earlier`` the rest
    (newest first)."""

    key: str  #: the title without its years and dates
    soort: str
    current: str  #: BWB id of the newest member
    earlier: tuple[str, ...]
    years: tuple[str, ...]  #: the periods of ``current`` then ``earlier``: "2008", "1996-II"
    title: str  #: citeertitel of ``current``

    def as_row(self) -> dict[str, object]:
        return {
            "key": self.key,
            "soort": self.soort,
            "current": self.current,
            "earlier": list(self.earlier),
            "years": list(self.years),
            "title": self.title,
        }


def series_key(title: str) -> tuple[str, int] | None:
    """``(title without years and dates, the latest period in it)``, or None for a title without a year.

    The period is the year times ten plus the half or quarter a roman numeral adds ("Aanpassingsregeling
    Appa-pensioenen 1996-II": 19962).
    """
    years: list[int] = []

    def take_date(m: re.Match[str]) -> str:
        years.append(int(m.group(1)) * 10)
        return " "

    def take_year(m: re.Match[str]) -> str:
        y = int(m.group(1))
        if m.group(2):
            end = m.group(2)
            y = int(end) if len(end) == 4 else (y // 100) * 100 + int(end)
        years.append(y * 10 + _ROMAN.get((m.group(3) or "").lower(), 0))
        return " "

    low = title.lower()
    stripped = _YEAR.sub(take_year, _DATE.sub(take_date, low))
    if not years:
        return None
    key = re.sub(r"[\s,.;:()\[\]]+", " ", stripped).strip()
    while (k := _YEAR_LEAD.sub("", key).strip()) != key:
        key = k
    if sum(len(w) >= 4 and w not in _EMPTY for w in key.split()) < 2:
        return None
    return key, max(years)


def find_series(documents: Iterable[Document]) -> list[Series]:
    """The series among ``documents`` (one document per regeling: pass the newest versions)."""
    groups: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    for d in documents:
        r = d.regeling
        if r.soort == "verdrag" or not r.citeertitel:
            continue
        k = series_key(r.citeertitel)
        if k is not None:
            groups[(k[0], r.soort)].append((k[1], r.bwb_id, r.citeertitel))
    out = []
    for (key, soort), members in sorted(groups.items()):
        years = [y for y, _, _ in members]
        if len(members) < 2 or len(set(years)) < len(years):
            continue
        members.sort(key=lambda m: (m[0], m[1]), reverse=True)
        (_, current, title), *rest = members
        periods = tuple(_period(y) for y, _, _ in members)
        out.append(Series(key, soort, current, tuple(b for _, b, _ in rest), periods, title))
    return out


def _period(p: int) -> str:
    year, part = divmod(p, 10)
    return f"{year}-{'I' * part if part < 4 else 'IV'}" if part else str(year)


def current_members(documents: Sequence[Document], series: Iterable[Series]) -> list[Document]:
    """``documents`` without the earlier members of ``series``."""
    earlier = {b for s in series for b in s.earlier}
    return [d for d in documents if d.regeling.bwb_id not in earlier]
