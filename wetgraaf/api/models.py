"""Response and request models (pydantic): what the OpenAPI document promises."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["new", "in_review", "harmonise", "keep_apart", "not_a_problem"]
Relation = Literal[
    "identical",
    "equivalent_by_reference",
    "near_duplicate",
    "narrower",
    "broader",
    "divergent",
    "scoped_apart",
    "cross_term_duplicate",
]


class ErrorBody(BaseModel):
    code: str = Field(description="machine-readable error code")
    message: str = Field(description="what went wrong, in one line")


class Error(BaseModel):
    error: ErrorBody


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class RegelingOut(BaseModel):
    bwb_id: str
    citeertitel: str
    soort: str
    versions: list[str | None]
    latest_version: str | None
    articles: int
    definitions: int
    jci: str
    undated: bool = Field(
        description="an undated snapshot (the 2012 dump holds no version date): url then opens the regeling's page "
        "on wetten.overheid.nl, never a deep link, which would show today's text as if it were this one"
    )
    url: str = Field(description="official text on wetten.overheid.nl")


class RegelingPage(Page):
    items: list[RegelingOut]


class ArticleRef(BaseModel):
    nr: str
    label: str
    heading: str
    repealed: bool
    jci: str
    url: str


class RegelingDetail(RegelingOut):
    article_list: list[ArticleRef]


class ScopeOut(BaseModel):
    text: str
    level: str
    targets: list[str]


class DefinitionOut(BaseModel):
    key: str = Field(description="stable id: the location's Juriconnect id + term + kind")
    term: str
    definition: str
    kind: str
    form: str
    scope: ScopeOut
    bwb_id: str
    citeertitel: str
    version: str | None
    latest: bool = Field(description="in the newest ingested version of its regeling")
    jci: str
    artikel: str
    lid: str
    onderdeel: str
    refs: list[str] = Field(description="Juriconnect ids the definition refers to")
    undated: bool = Field(
        description="an undated snapshot (the 2012 dump holds no version date): url then opens the regeling's page "
        "on wetten.overheid.nl, never a deep link, which would show today's text as if it were this one"
    )
    url: str = Field(description="official text on wetten.overheid.nl")
    cluster_id: str | None


class ProvisionOut(BaseModel):
    jci: str
    kind: str
    lid: str
    onderdeel: str
    text: str
    url: str
    norm_type: str | None = Field(
        description="what the lid does: obligation, competence, definition, … (None: not classified)"
    )
    norm_confidence: float | None = Field(
        description="the model's probability of norm_type; from 0.9 on the type is confident (about 95 % right, measured)"
    )


class ReferenceOut(BaseModel):
    text: str
    target: str | None
    via: str
    reason: str


class RuleRelationOut(BaseModel):
    relation: str = Field(
        description="derogates_from, applies_mutatis_mutandis, excepts, without_prejudice_to or delegates"
    )
    source: str = Field(description="the provision that states it")
    target: str | None = Field(description="what it is stated of (None when the words do not resolve: see reason)")
    words: str = Field(description="the words that name the target, as written")
    reason: str
    scope: str = Field(description="what the target is (not) applied to, as written")
    adaptation: str = Field(description="the 'met dien verstande dat …' of an application mutatis mutandis")
    evidence: str = Field(description="the clause that states the relation")


class ParameterOut(BaseModel):
    source: str
    kind: str = Field(description="termijn, bedrag, leeftijd or percentage")
    text: str = Field(description="as written: 'binnen zes weken', '€ 2 269'")
    value: float | None
    unit: str | None
    days: int | None = Field(description="a termijn in days, where that is exact")
    act: str | None = Field(description="the act it governs: 'beslissen', 'bezwaar maken'")
    actor: str | None
    price_year: int | None


class ArticleOut(BaseModel):
    jci: str
    bwb_id: str
    citeertitel: str
    version: str | None
    versions: list[str | None]
    label: str
    nr: str
    heading: str
    status: str
    repealed: bool
    undated: bool = Field(
        description="an undated snapshot (the 2012 dump holds no version date): url then opens the regeling's page "
        "on wetten.overheid.nl, never a deep link, which would show today's text as if it were this one"
    )
    url: str
    provisions: list[ProvisionOut]
    definitions: list[DefinitionOut]
    references: list[ReferenceOut]
    rules_stated: list[RuleRelationOut] = Field(
        description="what the article's leden say of other rules: set aside, applied, excepted, left intact, delegated"
    )
    rules_targeting: list[RuleRelationOut] = Field(
        description="the provisions of other articles (of any regeling) that say something of this article or a lid of it"
    )
    parameters: list[ParameterOut] = Field(description="termijnen, bedragen, leeftijden and percentages in its leden")


class TermOut(BaseModel):
    term: str = Field(description="the most common spelling")
    term_key: str = Field(description="normalised key: case, diacritics, articles and inflection ignored")
    spellings: list[str]
    definitions: int = Field(description="definitions in the newest version of each regeling")
    all_versions: int
    regelingen: int
    match: Literal["exact", "prefix", "word", "part", "contains", "fuzzy"] = Field(
        description="how the term matches q, best first: its term key or a spelling, a spelling's start, one of its words, "
        "a part of one of its compound words, a part of a spelling elsewhere, within a few edits (a spelling, a word or "
        "a compound part)"
    )


class TermPage(Page):
    q: str
    items: list[TermOut]


class PairOut(BaseModel):
    a: str
    b: str
    relation: Relation
    evidence: dict[str, Any] = Field(description="similarity and word-level diff (-only in a, +only in b), chains …")


class TermDefinitions(BaseModel):
    term: str
    term_key: str
    spellings: list[str]
    definitions: int
    all_versions: int
    regelingen: int
    match: str
    items_total: int = Field(description="definitions of the term in all (items is one page of them)")
    offset: int
    items: list[DefinitionOut]
    identical_groups: list[list[str]] = Field(
        description="newest definitions with the same text (keys); each group is compared once, through its first key"
    )
    relations: list[PairOut] = Field(
        description="pairs of the distinct texts among the newest definitions, with evidence (at most relations_limit)"
    )
    relations_total: int = Field(description="pairs of distinct texts in all")
    changes_over_time: list[dict[str, Any]] = Field(description="changes between versions of one regeling")
    clusters: list[str]


class CheckIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "partner: de echtgenoot of geregistreerde partner"}]}
    )

    text: str = Field(
        min_length=1,
        max_length=20_000,
        description="'term: definition' lines, or a draft article ('In deze wet wordt verstaan onder: …')",
    )


class ExistingDefinition(DefinitionOut):
    relation: Relation
    evidence: dict[str, Any]


class ReuseSuggestion(BaseModel):
    definition_key: str
    relation: str
    text: str = Field(description="the draft definition rewritten as a definition by reference")
    url: str


class ConceptLinkOut(BaseModel):
    concept: str = Field(description="the corpus concept's id")
    bwb_id: str
    where: str = Field(description="where it is defined, as a jurist cites it ('Awir art. 3')")
    relation: str = Field(description="same, extends, restricts, modifies, divergent, scoped_apart or naming")
    basis: str = Field(
        description="reference (the draft builds on it), chain (what that builds on; relation composed), "
        "shared_basis (it builds on the same concept), text (both define the term themselves)"
    )
    reason: str = Field(description="the analysis's sentence")
    similarity: float | None
    via: str = Field(description="for shared_basis: the concept both build on")
    diff: list[str]
    parts: list[str] = Field(description="definition keys of the corpus concept")


class DraftCitationOut(BaseModel):
    text: str = Field(description="the reference as written in the draft")
    target: str | None = Field(description="the cited location (Juriconnect); null when it could not be read")
    concept: str | None = Field(description="the corpus concept it lands on")
    problem: str = Field(description="why it could not be followed, in plain Dutch ('' when it lands)")


class DraftPartOut(BaseModel):
    key: str
    role: str = Field(description="base, takeover, reference, extension, restriction or modification")
    effect: str
    kind: str
    text: str


class DraftConceptOut(BaseModel):
    term: str
    term_key: str
    summary: str
    parts: list[DraftPartOut]
    citations: list[DraftCitationOut]
    builds_on: list[ConceptLinkOut]
    chain: list[ConceptLinkOut]
    compared: list[ConceptLinkOut]
    laws: int = Field(description="other regelingen with a concept of this term")


class TermSummaryOut(BaseModel):
    term: str
    term_key: str
    text: str = Field(description="what the draft does with the term, in plain Dutch")


class CheckedDefinition(BaseModel):
    term: str
    term_key: str
    definition: str
    kind: str
    form: str = Field(description="the sentence form the extractor read the definition in")
    summary: str = Field(description="the summary of the definition's concept")
    refs: list[str]
    concept: DraftConceptOut | None
    existing: list[ExistingDefinition]
    reuse: list[ReuseSuggestion]
    divergent: list[str]
    similar_terms: list[TermOut]
    same_text_other_terms: list[ExistingDefinition]


class CheckOut(BaseModel):
    summary: list[TermSummaryOut] = Field(description="one plain sentence per draft concept, first")
    definitions: list[CheckedDefinition]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status
    assignee: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=10_000)


class DecisionOut(BaseModel):
    cluster_id: str
    status: Status
    assignee: str
    note: str
    version: int = Field(description="send it back as If-Match to change the decision")
    updated_by: str | None
    updated_at: str | None
    members: list[str] = Field(description="cluster members when the decision was recorded")
    membership_changed: bool = Field(description="the cluster's members differ from those decided on")
    previous_cluster_ids: list[str] = Field(
        default_factory=list, description="decided clusters that shared members with this one"
    )


class AuditOut(BaseModel):
    id: int
    cluster_id: str
    actor: str
    at: str
    version: int
    before: dict[str, Any] | None
    after: dict[str, Any]


class AuditPage(Page):
    items: list[AuditOut]


class MemberOut(BaseModel):
    key: str
    term: str
    kind: str
    bwb_id: str
    title: str
    version: str | None
    location: str
    scope: str
    definition: str
    undated: bool = Field(
        description="an undated snapshot (the 2012 dump holds no version date): url then opens the regeling's page "
        "on wetten.overheid.nl, never a deep link, which would show today's text as if it were this one"
    )
    url: str


class RuleMemberOut(BaseModel):
    """A member of a rule cluster: a provision (a lid, or an article without leden)."""

    key: str = Field(description="the provision's Juriconnect id without version")
    role: Literal["parameter", "target", "derogates_from", "excepts", "rule"]
    bwb_id: str
    title: str = Field(description="the regeling's citeertitel (empty when it is not in the corpus)")
    cite: str = Field(description='as a jurist cites it, e.g. "AOW art. 52"')
    text: str = Field(description="the words that make it a member")
    value: str | None = Field(description='the parameter with its unit, e.g. "13 weken"')
    norm_type: str | None
    url: str


class ClusterSummary(BaseModel):
    id: str = Field(description="stable: derived from the members (c-…: definitions; r-…: provisions)")
    kind: Literal["definition", "rule"] = Field(
        "definition",
        description="definition: related definitions; rule: a divergent parameter, a provision "
        "other laws set aside, or the rules on a diverging concept",
    )
    title: str = Field("", description="what the cluster is about: its terms, or its act or provision")
    why: str | None = Field(None, description="why a rule cluster is flagged, in one sentence (Dutch)")
    score: float
    terms: list[str]
    regelingen: list[str]
    n_definitions: int = Field(description="members: definitions, or for a rule cluster provisions")
    relations: dict[str, int]
    score_parts: dict[str, float]
    status: Status
    membership_changed: bool


class ClusterPage(Page):
    items: list[ClusterSummary]


class ClusterDetail(ClusterSummary):
    members: list[MemberOut] | list[RuleMemberOut]
    pairs: list[PairOut]
    dangling: list[dict[str, Any]]
    decision: DecisionOut
    source: Literal["parameter", "hotspot", "concept"] | None = Field(
        None, description="a rule cluster's analysis: divergent parameter, derogation hotspot, rules on a concept"
    )
    detail: dict[str, Any] = Field(default_factory=dict, description="a rule cluster's analysis row")


class QueryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=10_000)
    params: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    limit: int | None = Field(default=None, ge=1, le=100_000)


class QueryOut(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="the row limit was reached")
    elapsed_ms: float


class ParamOut(BaseModel):
    name: str
    type: str
    required: bool
    default: str | None
    description: str


class NamedQueryOut(BaseModel):
    name: str
    title: str
    description: str
    params: list[ParamOut]
    languages: list[str]
    url: str
