"""Plain, typed records produced by the ingest layer.

Records are frozen dataclasses: cheap to create, picklable (so batches can use both
cores), and trivially turned into JSON rows with :func:`to_row`. Every record carries a
:class:`~wetgraaf.identity.LegalId`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

from wetgraaf.identity import LegalId

__all__ = [
    "Regeling",
    "Unit",
    "Provision",
    "Scope",
    "Reference",
    "Definition",
    "Rule",
    "RegelingRelation",
    "RELATION_KINDS",
    "RuleRelation",
    "RULE_RELATION_KINDS",
    "RuleParameter",
    "RULE_PARAMETER_KINDS",
    "Document",
    "NORM_TYPES",
    "DEFINITION_KINDS",
    "to_row",
]

#: Norm types a provision can be classified as (see :mod:`wetgraaf.ingest.norms`).
NORM_TYPES: tuple[str, ...] = (
    "definition",
    "obligation",
    "prohibition",
    "permission",
    "competence",
    "delegation",
    "application",
    "transitional",
    "penalty",
    "commencement",
    "citation_title",
    "amendment",
    "other",
)

#: Kinds of definition (see :mod:`wetgraaf.ingest.definitions`).
DEFINITION_KINDS: tuple[str, ...] = (
    "explicit",
    "by_reference",
    "extension",
    "restriction",
    "deeming",
)


@dataclass(frozen=True, slots=True)
class Regeling:
    """A regeling (law, decree, ministerial regulation, policy rule) in one version."""

    id: LegalId  #: the expression: BWB id + version date
    bwb_id: str
    citeertitel: str
    intitule: str
    soort: str
    version: date | None  #: toestand/@inwerkingtreding; None in the 2012 dump
    inwerkingtreding: date | None  #: date the regeling itself first took effect
    format: str  #: "toestand" or "legacy"
    zicht_generation: int | None = None  #: the ``_n`` of the repository file name
    source: str = ""  #: file name (or other label) the record was parsed from

    @property
    def url(self) -> str:
        return self.id.url


@dataclass(frozen=True, slots=True)
class Unit:
    """A structural unit: boek, hoofdstuk, titeldeel, afdeling, paragraaf, artikel, bijlage, divisie."""

    id: LegalId
    kind: str
    label: str  #: e.g. "Artikel 2", "Hoofdstuk 1", "§ 1"
    nr: str
    heading: str
    status: str  #: goed | vervallen | nogniet | ""
    repealed: bool
    parent: LegalId | None
    container: tuple[tuple[str, str], ...]  #: full path of containing units (kind, nr)
    own_jci: str | None  #: the element's own Juriconnect id where the XML gives one
    order: int


@dataclass(frozen=True, slots=True)
class Provision:
    """A text-bearing unit: an article without leden, a lid, an onderdeel, a division.

    ``text`` of a lid includes its list items (each prefixed with its number), so that a
    lid reads as a whole; each onderdeel is also a provision of its own.
    """

    id: LegalId
    kind: str  #: artikel | lid | onderdeel | divisie
    artikel: str
    lid: str
    onderdeel: str  #: li.nr without trailing dot, nested ones joined with "."
    text: str
    repealed: bool
    status: str
    container: tuple[tuple[str, str], ...]
    own_jci: str | None
    order: int
    heading: str = ""  #: heading of the article (kop/titel)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a definition applies, read from the lead sentence.

    ``level`` is one of ``regeling``, ``boek``, ``hoofdstuk``, ``titeldeel``, ``afdeling``,
    ``paragraaf``, ``artikel``, ``lid``, ``articles`` (an explicit list) or ``implicit``
    (no scope phrase: the regeling, by default).
    """

    text: str = ""
    level: str = "implicit"
    targets: tuple[str, ...] = ()  #: numbers of the unit(s), e.g. ("3.4",)
    delegated: bool = False  #: "en de daarop berustende bepalingen"
    also: tuple[str, ...] = ()  #: "alsmede in inkomensafhankelijke regelingen"
    unless: bool = False  #: ", tenzij anders bepaald,"


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference from a provision to another legal location."""

    source: LegalId
    text: str  #: anchor text as written ("artikel 2, derde lid, onderdeel k, van de AWR")
    target: LegalId | None
    via: str  #: extref | intref | text
    reason: str = ""  #: why ``target`` is None, or what was approximated
    celex: str | None = None
    raw_doc: str | None = None  #: the ``doc`` attribute as written


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term (begripsbepaling) at a location."""

    id: LegalId  #: the lid/onderdeel/article that holds the definition
    term: str
    definition: str
    kind: str
    scope: Scope
    refs: tuple[Reference, ...]
    artikel: str
    lid: str
    onderdeel: str
    form: str  #: list_item | nadruk_item | sentence | is_form | deeming | embedded


#: A rule whose ``confidence`` is at least this is *confident*. Measured on hand-labelled leden
#: the model never saw (README, "How well does it work"): about 60 % of leden reach it, and
#: about 95 % of those are right, against 83 % over all leden; the rest are worth a reader's look.
CONFIDENT = 0.9


@dataclass(frozen=True, slots=True)
class Rule:
    """A provision classified by norm type, with the cues that decided it.

    ``confidence`` is the norm-type model's probability of ``norm_type`` (``None`` when no
    model took part); a rule is :attr:`confident` at :data:`CONFIDENT` or more.
    """

    id: LegalId
    norm_type: str
    cues: tuple[str, ...]
    inherited: bool = False  #: an onderdeel that takes the type of its lead sentence
    confidence: float | None = None

    @property
    def confident(self) -> bool:
        """The model gave this norm type a probability of at least :data:`CONFIDENT`."""
        return self.confidence is not None and self.confidence >= CONFIDENT


#: Kinds of relation between regelingen in a WTI file (see :mod:`wetgraaf.ingest.wti`).
RELATION_KINDS: tuple[str, ...] = ("grondslag", "wetsfamilie", "verwijzing")


@dataclass(frozen=True, slots=True)
class RegelingRelation:
    """A relation between two regelingen, as the WTI (wetstechnische informatie) of one states it.

    ``kind`` is ``grondslag`` (``other`` rests on ``bwb_id``: ``bwb_id`` is its legal basis),
    ``verwijzing`` (``other`` refers to ``bwb_id``) or ``wetsfamilie`` (same family of laws).
    ``element`` is the label of the element of ``bwb_id`` concerned ("Artikel 2"), empty for
    the regeling as a whole; ``other_element`` the Juriconnect id of the referring element of
    ``other`` (verwijzing). Dates are ISO strings as written ("9999-12-31" = open).
    """

    kind: str
    bwb_id: str  #: the regeling whose WTI this is
    other: str  #: the related regeling
    other_title: str
    element: str = ""
    other_element: str = ""
    valid_from: str = ""
    valid_until: str = ""
    zicht_from: str = ""
    zicht_until: str = ""
    source: str = ""  #: file name of the WTI


#: Relations between rules (see :mod:`wetgraaf.ingest.rules_relations`).
RULE_RELATION_KINDS: tuple[str, ...] = (
    "derogates_from",
    "applies_mutatis_mutandis",
    "excepts",
    "without_prejudice_to",
    "delegates",
)

#: Kinds of rule parameter (see :mod:`wetgraaf.ingest.rule_parameters`).
RULE_PARAMETER_KINDS: tuple[str, ...] = ("termijn", "bedrag", "leeftijd", "percentage")


@dataclass(frozen=True, slots=True)
class RuleRelation:
    """A provision's relation to another rule, as its wording states it.

    ``relation`` is one of :data:`RULE_RELATION_KINDS`: ``derogates_from`` ("in afwijking van
    X"), ``applies_mutatis_mutandis`` ("X is van overeenkomstige toepassing"), ``excepts`` ("X
    is niet van toepassing"), ``without_prejudice_to`` ("onverminderd X"), ``delegates`` ("bij
    of krachtens algemene maatregel van bestuur worden regels gesteld"). One record per target;
    ``target`` is ``None`` when the X is not a reference that resolves (``reason`` says why).
    """

    source: LegalId  #: the lid (or article without leden) whose text states it
    relation: str
    target_text: str  #: the X as written ("artikel 6:7 van de Algemene wet bestuursrecht")
    target: LegalId | None
    reason: str = ""
    form: str = ""  #: the name of the form that matched
    scope: str = ""  #: what X is (not) applied to: "op de intrekking of wijziging"
    adaptation: str = ""  #: "met dien verstande dat …" of an application mutatis mutandis
    evidence: str = ""  #: the clause that states the relation


@dataclass(frozen=True, slots=True)
class RuleParameter:
    """A termijn, bedrag, leeftijd or percentage in a provision's text.

    ``value`` is the number as written (``None`` for "onverwijld" or a date); ``days`` the
    length of a termijn in days where that is exact (dagen, weken); ``act`` the verb (and
    object) it governs in the same clause ("bezwaar maken", "beslissen"); ``actor`` who acts,
    where the clause names one; ``price_year`` the year of a bedrag's price level.
    """

    source: LegalId  #: the lid (or article without leden) whose text holds it
    kind: str  #: termijn | bedrag | leeftijd | percentage
    text: str  #: as written: "binnen zes weken", "€ 1.234,56", "de leeftijd van 65 jaar"
    value: float | None
    unit: str | None  #: dagen | werkdagen | weken | maanden | jaren | euro | jaar | procent
    days: int | None = None
    act: str | None = None
    actor: str | None = None
    price_year: int | None = None
    form: str = ""


@dataclass(slots=True)
class Document:
    """Everything parsed from one BWB XML file."""

    regeling: Regeling
    units: list[Unit] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    related: list[RegelingRelation] = field(default_factory=list)  #: from the regeling's WTI, when ingested
    rule_relations: list[RuleRelation] = field(default_factory=list)
    rule_parameters: list[RuleParameter] = field(default_factory=list)

    @property
    def articles(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "artikel" and not u.repealed]


def to_row(obj: Any) -> Any:
    """Turn a record (recursively) into JSON-ready Python values.

    ``LegalId`` becomes its Juriconnect string and dates their ISO form.

    >>> to_row(Scope(text="deze wet", level="regeling"))["level"]
    'regeling'
    """
    if isinstance(obj, LegalId):
        return obj.jci
    if isinstance(obj, date):
        return obj.isoformat()
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_row(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_row(x) for x in obj]
    return obj
