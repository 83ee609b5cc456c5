"""Divergent parameters: one act, different termijnen, bedragen, leeftijden or percentages.

The ingest reads each lid's parameters with the act they govern
(:mod:`wetgraaf.ingest.rule_parameters`): "Het bestuursorgaan beslist binnen dertien weken"
is a termijn of 91 days for *beslissen*. Grouped by kind and act across the newest version of
every regeling, an act whose laws set different values is a divergence a drafter should see
before writing a new one: the AOW, AKW, ANW and WW give 13 weeks to decide on an application,
the AWR and the Wet IB 2001 other termijnen. Each value keeps each law's wording and location.

Values are compared as the law makes them comparable: a termijn in days where that is exact
(dagen, weken), else as number and unit ("drie maanden"); a bedrag with its price year; a
leeftijd in years; a percentage as a number. Acts of one verb alone ("betalen", "vaststellen")
are kept but ranked after acts that name their object ("bezwaar maken", "de aanvraag
indienen"): :attr:`ParameterDivergence.specific`.

>>> from wetgraaf.identity import LegalId
>>> from wetgraaf.ingest.records import RuleParameter
>>> def p(loc, text, n, unit, days):
...     return RuleParameter(LegalId.parse(loc), "termijn", text, n, unit, days, act="beslissen")
>>> found = divergent_parameters([
...     p("jci1.3:c:BWBR0002221&artikel=17a&lid=1", "binnen dertien weken", 13, "weken", 91),
...     p("jci1.3:c:BWBR0004045&artikel=103&lid=1", "binnen dertien weken", 13, "weken", 91),
...     p("jci1.3:c:BWBR0002320&artikel=25&lid=1", "binnen zes weken", 6, "weken", 42),
... ])
>>> [(d.kind, d.act, sorted(d.values), d.laws) for d in found]
[('termijn', 'beslissen', ['42 dagen', '91 dagen'], 3)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wetgraaf.ingest.records import RuleParameter

__all__ = ["ParameterDivergence", "divergent_parameters", "comparable_value"]


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


_SINGULAR = {"jaren": "jaar", "maanden": "maand", "weken": "week", "dagen": "dag", "werkdagen": "werkdag"}


def comparable_value(p: RuleParameter) -> str | None:
    """The value of ``p`` as it is compared across laws, or None when it has no number
    ("onverwijld", "uiterlijk op 1 april").

    >>> from wetgraaf.identity import LegalId
    >>> src = LegalId.parse("jci1.3:c:BWBR0005537&artikel=6:7")
    >>> comparable_value(RuleParameter(src, "termijn", "zes weken", 6, "weken", 42))
    '42 dagen'
    >>> comparable_value(RuleParameter(src, "termijn", "drie maanden", 3, "maanden"))
    '3 maanden'
    >>> comparable_value(RuleParameter(src, "termijn", "binnen een jaar", 1, "jaren"))
    '1 jaar'
    >>> comparable_value(RuleParameter(src, "bedrag", "€ 340", 340, "euro", price_year=2013))
    '€ 340 (prijspeil 2013)'
    """
    if p.value is None:
        return None
    if p.kind == "termijn":
        if p.days is not None:
            return f"{p.days} {'dag' if p.days == 1 else 'dagen'}"
        unit = _SINGULAR.get(p.unit or "", p.unit) if p.value == 1 else p.unit
        return f"{_num(p.value)} {unit or ''}".strip()
    if p.kind == "bedrag":
        return f"€ {_num(p.value)}" + (f" (prijspeil {p.price_year})" if p.price_year else "")
    if p.kind == "leeftijd":
        return f"{_num(p.value)} jaar"
    return f"{_num(p.value)} %"


@dataclass(slots=True)
class ParameterDivergence:
    """One kind of parameter for one act, with different values in different regelingen."""

    kind: str
    act: str
    #: value → where it is set: {bwb_id, source (jci without version), text, actor}
    values: dict[str, list[dict[str, str | None]]]
    laws: int

    @property
    def specific(self) -> bool:
        """The act names its object ("bezwaar maken"), not a verb alone ("betalen")."""
        return " " in self.act

    def as_row(self) -> dict[str, Any]:
        return {"kind": self.kind, "act": self.act, "laws": self.laws, "specific": self.specific, "values": self.values}


def divergent_parameters(parameters: Iterable[RuleParameter], *, min_laws: int = 2) -> list[ParameterDivergence]:
    """Acts for which at least two regelingen set a parameter of one kind, with different values.

    Parameters
    ----------
    parameters : iterable of RuleParameter
        The parameters of the newest version of each regeling.
    min_laws : int
        At least this many regelingen set the act's parameter.

    Returns
    -------
    list of ParameterDivergence
        Acts where two regelingen differ (one regeling with two values for one act is not a
        divergence between laws: a short and a long termijn in one article), acts that name
        their object first, then by the number of regelingen.
    """
    by_act: dict[tuple[str, str], list[tuple[str, RuleParameter]]] = defaultdict(list)
    for p in parameters:
        if not p.act:
            continue
        v = comparable_value(p)
        if v is not None:
            by_act[(p.kind, p.act)].append((v, p))
    out = []
    for (kind, act), found in by_act.items():
        per_law: dict[str, set[str]] = defaultdict(set)
        for v, p in found:
            per_law[p.source.bwb_id].add(v)
        if len(per_law) < min_laws or len({frozenset(vs) for vs in per_law.values()}) < 2:
            continue
        values: dict[str, list[dict[str, str | None]]] = defaultdict(list)
        for v, p in sorted(found, key=lambda x: (x[0], x[1].source.jci)):
            values[v].append(
                {"bwb_id": p.source.bwb_id, "source": p.source.at(None).jci, "text": p.text, "actor": p.actor}
            )
        out.append(ParameterDivergence(kind, act, dict(values), len(per_law)))
    out.sort(key=lambda d: (not d.specific, -d.laws, -len(d.values), d.kind, d.act))
    return out
