"""Rule relations: how a provision's wording relates it to other rules.

Five relations, each written in a few fixed wordings (the rows of :data:`RELATION_FORMS`):

* ``derogates_from`` — "In afwijking van artikel 6:7 van de Algemene wet bestuursrecht …";
* ``applies_mutatis_mutandis`` — "De artikelen 3 en 4 zijn van overeenkomstige toepassing,
  met dien verstande dat …" (the adaptation is kept as evidence);
* ``excepts`` — "Het eerste lid is niet van toepassing op …" (what it is not applied to is kept);
* ``without_prejudice_to`` — "Onverminderd artikel 3 …";
* ``delegates`` — "Bij of krachtens algemene maatregel van bestuur worden regels gesteld …"
  (the target is the regeling only where the text names it).

The X of a wording is matched to the references the ingest already resolved for the
provision (:mod:`wetgraaf.ingest.references`): one relation per target, so "de artikelen 3 en
4" gives two; "het tweede en derde lid" gives the tweede lid too, though only "derde lid" is
an anchor; "dit hoofdstuk", "deze afdeling", "deze wet" resolve against the provision's own
article. An X that is no reference, or whose reference does not resolve, gives a relation
without target and the reason. Pure: works on the text model of :mod:`wetgraaf.ingest.blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wetgraaf.identity import InvalidLegalId, LegalId
from wetgraaf.ingest.blocks import ListBlock, Para
from wetgraaf.ingest.definitions import ArticleView, LidView
from wetgraaf.ingest.records import Document, Reference, RuleParameter, RuleRelation
from wetgraaf.ingest.references import ORDINALS
from wetgraaf.ingest.rule_parameters import extract_parameters

__all__ = ["RELATION_FORMS", "RelationForm", "extract_rules", "extract_relations", "as_labels", "Flat", "flatten"]

RefsOf = Callable[[Para], Sequence[Reference]]


# ----------------------------------------------------------------------------- the lid as one text
@dataclass(slots=True)
class Flat:
    """A lid's text as :func:`~wetgraaf.ingest.blocks.render` gives it, with where each reference stands."""

    text: str
    spans: list[tuple[int, int, Reference]] = field(default_factory=list)
    items: list[int] = field(default_factory=list)  #: where each list item's label starts


def flatten(blocks: list[Para | ListBlock], refs_of: RefsOf) -> Flat:
    """The text of ``blocks`` (list items prefixed with their number) and the spans of their references."""
    flat = Flat("")
    parts: list[str] = []
    pos = 0

    def add(s: str) -> int:
        nonlocal pos
        start = pos + (1 if parts else 0)
        parts.append(s)
        pos = start + len(s)
        return start

    def walk(bs: list[Para | ListBlock]) -> None:
        for b in bs:
            if isinstance(b, Para):
                if not b.text:
                    continue
                start = add(b.text)
                used: list[tuple[int, int]] = []
                for r in refs_of(b):
                    if not r.text:
                        continue
                    i = b.text.find(r.text)
                    while i >= 0 and any(i < e and s < i + len(r.text) for s, e in used):
                        i = b.text.find(r.text, i + 1)
                    if i >= 0:
                        used.append((i, i + len(r.text)))
                        flat.spans.append((start + i, start + i + len(r.text), r))
            else:
                for it in b.items:
                    label = f"{it.nr}." if it.nr and it.nr[-1].isalnum() else it.nr
                    if it.term:
                        label = f"{label} {it.term}:".strip()
                    flat.items.append(pos + (1 if parts else 0))
                    if label:
                        add(label)
                    walk(it.blocks)

    walk(blocks)
    flat.text = " ".join(parts)
    flat.spans.sort(key=lambda s: (s[0], -s[1]))
    return flat


# ----------------------------------------------------------------------------- the forms
@dataclass(frozen=True, slots=True)
class RelationForm:
    """One wording of a rule relation: a row of :data:`RELATION_FORMS`.

    ``pattern`` is searched in the lid's text. ``x`` says where its X stands: ``after`` (right
    after the match: "in afwijking van X"), ``subject`` (the subject of the predicate the
    pattern matched: "X is van overeenkomstige toepassing"; after a colon, the list that
    follows), ``instrument`` (the group ``inst`` of the match: "bij algemene maatregel van
    bestuur"), or ``matter`` (as ``instrument``, but an unnamed instrument keeps the whole match,
    which names the matter delegated: "bij ministeriële regeling te bepalen grensbedrag").
    ``accept`` is an extra condition on the match and its sentence. ``example`` is a
    real provision that writes it. ``cue``: words of which the text must hold one before the
    pattern is tried (most leden hold none of them).
    """

    name: str
    pattern: re.Pattern[str]
    relation: str
    x: str
    example: str
    accept: Callable[[re.Match[str], str], bool] | None = None
    #: words (lower case) of which the lid's text must hold one before the pattern is tried
    cue: tuple[str, ...] = ()
    #: keep only an X that is a reference ("Het eerste lid geldt niet", not "Deze plicht geldt niet")
    needs_reference: bool = False


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_INSTRUMENT = (
    r"(?P<inst>(?:een\s+)?algemene\s+maatregel(?:en)?\s+van\s+(?:rijks)?bestuur|(?:een\s+)?ministeriële\s+regeling|(?:een\s+)?ministerieel\s+besluit"
    r"|(?:een\s+)?regeling\s+van\s+(?:Onze|de)\s+Minister(?:s)?(?:\s+van\s+[A-Z][\w\-]*(?:\s+(?:en|[A-Z][\w\-]*))*)?"
    r"|(?<=krachtens\s)(?:het|de)\s+[A-Z][\w\-]*(?:\s+[\w\-]+){0,6}?(?=\s+(?:worden|wordt|kunnen|kan)\b))"
)


#: "op grond van artikel 437 bij algemene maatregel van bestuur is aangewezen", "krachtens artikel 59,
#: tweede lid, van de Wet RO bij …": the instrument of a delegation another article makes
_DELEGATED_ELSEWHERE = re.compile(
    r"(?:op\s+grond\s+van|krachtens|ingevolge)\s+(?:de\s+|het\s+)?(?:artikel(?:en)?\s+\S+|\w+\s+lid)"
    r"(?:,?\s+(?:(?:en|of|tot\s+en\s+met|onderscheidenlijk)\s+(?:artikel\s+)?[\w.:]+|\w+\s+(?:lid|volzin)"
    r"|onder(?:deel)?\s+\w+|aanhef|van\s+(?:de|het|deze|dit)\s+[\w\s\-]+?))*,?\s*$",
    re.IGNORECASE,
)
#: "het bepaalde bij algemene maatregel van bestuur, bedoeld in artikel 2b, zesde lid, van de Gaswet"
_MENTIONED = re.compile(r"\s*,?\s*(?:als\s+)?bedoeld\s+(?:in|bij)\b", re.IGNORECASE)


def _made_elsewhere(m: re.Match[str], text: str) -> bool:
    """The instrument of ``m`` is one another provision delegates to: "krachtens artikel 5 bij …",
    "… bij algemene maatregel van bestuur, bedoeld in artikel 2b"."""
    s, _ = _sentence_of(text, m.start())
    return bool(
        _DELEGATED_ELSEWHERE.search(text[max(s, m.start() - 160) : m.start()]) or _MENTIONED.match(text, m.end("inst"))
    )


def _sentence_has(rx: str) -> Callable[[re.Match[str], str], bool]:
    pat = re.compile(rx, re.IGNORECASE)

    def accept(m: re.Match[str], text: str) -> bool:
        s, e = _sentence_of(text, m.start())
        if re.search(r"\b(?:de|het|die|dat)\s*$", text[max(s, m.start() - 5) : m.start()], re.IGNORECASE):
            return False  # "de bij of krachtens algemene maatregel van bestuur gestelde regels": names rules, delegates none
        return not _made_elsewhere(m, text) and bool(pat.search(text[s:e]))

    return accept


def _not_made_elsewhere(m: re.Match[str], text: str) -> bool:
    return not _made_elsewhere(m, text)


_CONJUNCTION = re.compile(
    r"\b(?:(?P<cond>indien|voor\s*zover|tenzij|wanneer|zolang|nadat|ingeval|zodra)|dat)\b", re.IGNORECASE
)


def _not_a_condition(m: re.Match[str], text: str) -> bool:
    """False where the predicate ends a condition, its verb last ("voor zover een eis … niet van
    toepassing is", "indien … hoofdstuk III dientengevolge buiten toepassing blijft"): it states no exception.
    A "dat"-clause nearer to it is kept ("kan worden bepaald dat het derde lid buiten toepassing blijft")."""
    verb_final = re.search(r"(?:blijft|blijven)$", m.group(0), re.IGNORECASE) or re.match(
        r"\s*(?:is|zijn|zou\s+zijn|zouden\s+zijn|was|waren)\b", text[m.end() :], re.IGNORECASE
    )
    if not verb_final:
        return True  # "Deze bepaling is, ingeval van …, niet van toepassing op …": a main clause
    s, _ = _sentence_of(text, m.start())
    last = max(_CONJUNCTION.finditer(text, s, m.start()), key=lambda c: c.start(), default=None)
    if last is None or not last.group("cond"):
        return True
    # "Indien het derde lid toepassing vindt, kan … en is artikel 12 … niet van toepassing": the
    # condition closed at the comma before the main clause's verb
    return bool(_MAIN_CLAUSE.search(text, last.end(), m.start()))


_MAIN_CLAUSE = re.compile(
    r",\s*(?:is|zijn|wordt|worden|kan|kunnen|geldt|gelden|vindt|vinden|blijft|blijven|mag|mogen|moet|moeten|heeft"
    r"|hebben|zal|zullen|stelt|stellen|verleent|geeft)\b",
    re.IGNORECASE,
)


#: the instruments a delegation names ("algemene maatregel van bestuur", "ministeriële regeling",
#: "ministerieel besluit", "krachtens het Besluit …")
_INSTRUMENT_CUE = ("maatregel", "regeling", "besluit", "krachtens")

#: The wordings, tried on every lid; an X is matched to its references as the row says.
RELATION_FORMS: tuple[RelationForm, ...] = (
    RelationForm(
        "in_afwijking_van",
        _rx(r"\bin\s+afwijking\s+(?:in\s+zoverre\s+)?van\s+"),
        "derogates_from",
        "after",
        "BWBR0001952 art. 3 lid 1 (2012): 'In afwijking van artikel 6:7 van de Algemene wet bestuursrecht bedraagt de termijn … dertien weken'",
        cue=("afwijking",),
    ),
    RelationForm(
        "van_overeenkomstige_toepassing",
        _rx(r"(?<!\bniet\s)\bvan\s+overeenkomstige\s+toepassing\b"),
        "applies_mutatis_mutandis",
        "subject",
        "BWBR0021022 art. 9 lid 1 (2012): 'De artikelen 6, 7 en 8 zijn van overeenkomstige toepassing.'",
        cue=("overeenkomstige",),
    ),
    RelationForm(
        "vindt_overeenkomstige_toepassing",
        _rx(r"\b(?:vindt|vinden)\b(?:\s+(?!met\b)[\w,]+){0,12}?\s+overeenkomstige\s+toepassing\b"),
        "applies_mutatis_mutandis",
        "subject",
        "Wet IB 2001 (2012): 'Artikel 3.8 vindt overeenkomstige toepassing'; BWBR0002009 art. 56 (2012): '… vindt"
        " artikel 191 van het Wetboek van Strafvordering overeenkomstige toepassing'",
        cue=("overeenkomstige",),
    ),
    RelationForm(
        "met_overeenkomstige_toepassing_van",
        _rx(r"\bmet\s+(?:de\s+)?overeenkomstige\s+toepassing\s+van\s+"),
        "applies_mutatis_mutandis",
        "after",
        "BWBR0002415 art. 30 lid 8 (2012): 'De in het vorige lid bedoelde bijkomende straf wordt ten uitvoer gelegd met"
        " overeenkomstige toepassing van de artikelen 561, eerste, tweede en derde lid, …'",
        cue=("overeenkomstige",),
    ),
    RelationForm(
        "niet_van_toepassing",
        _rx(r"\b(?:niet|evenmin|geen)\s+van\s+(?:overeenkomstige\s+)?toepassing\b"),
        "excepts",
        "subject",
        "BWBR0015471 art. 4 lid 2 (2012): 'Het eerste lid, onder g, is niet van toepassing op de voor applicatie … bereide … tatoeagekleurstof.'",
        accept=_not_a_condition,
        cue=("toepassing",),
    ),
    RelationForm(
        "vindt_geen_toepassing",
        _rx(r"\b(?:vindt|vinden)\b(?:\s+[\w,]+){0,6}?\s+geen\s+toepassing\b"),
        "excepts",
        "subject",
        "BWBR0004586 art. 18 (2012): 'In afwijking van het bepaalde in artikel 18 van de DOP-wet vindt artikel 12 van die wet geen toepassing.'",
        cue=("toepassing",),
    ),
    RelationForm(
        "blijft_buiten_toepassing",
        _rx(r"\b(?:blijft|blijven)\b(?:\s+[\w,]+){0,30}?\s+buiten\s+toepassing\b"),
        "excepts",
        "subject",
        "BWBR0001854 art. 37 lid 3 (2012): 'Het tweede lid blijft buiten toepassing indien de betrokkene weigert …'",
        cue=("buiten",),
    ),
    RelationForm(
        "buiten_toepassing_blijven",
        _rx(r"\bbuiten\s+toepassing\s+(?:te\s+)?(?:blijft|blijven)\b"),
        "excepts",
        "subject",
        "BWBR0002559 art. 22a lid 4 (2012): 'Het derde lid kan buiten toepassing blijven indien …'; BWBR0005555 art."
        " 8a.40 lid 2: '… met dien verstande dat van de Invorderingswet 1990 buiten toepassing blijven de artikelen 9, …'",
        accept=_not_a_condition,
        cue=("buiten",),
    ),
    RelationForm(
        "geldt_niet",
        _rx(r"\b(?:geldt|gelden)\b(?:\s+[\w,]+){0,6}?\s+niet\b(?!\s+(?:als|dan|meer|langer)\b)"),
        "excepts",
        "subject",
        "BWBR0008074 art. 67c lid 4 (2012): 'Het eerste lid, onderdeel a, geldt niet, indien de aanvrager aantoont …'",
        needs_reference=True,
        cue=("geldt", "gelden"),
    ),
    RelationForm(
        "onverminderd",
        _rx(r"\bonverminderd\s+"),
        "without_prejudice_to",
        "after",
        "BWBR0015471 art. 4 lid 1 (2012): 'Onverminderd artikel 3, worden tatoeagekleurstoffen uitsluitend verhandeld indien zij: …'",
        cue=("onverminderd",),
    ),
    RelationForm(
        "bij_of_krachtens_regels_gesteld",
        _rx(rf"\bbij\s+(?:of\s+krachtens\s+)?{_INSTRUMENT}"),
        "delegates",
        "instrument",
        "Awir art. 48 (2012): 'Bij of krachtens algemene maatregel van bestuur kunnen nadere regels worden gesteld …'",
        accept=_sentence_has(
            r"\bregel(?:s|en)\b[^.;]*\b(?:gesteld|stellen|stelt|gegeven|geven|geeft)\b"
            r"|\b(?:gesteld|stellen|stelt|gegeven|geven|geeft)\b[^.;]*\bregel(?:s|en)\b"
        ),
        cue=_INSTRUMENT_CUE,
    ),
    RelationForm(
        "bij_instrument_te_bepalen",
        _rx(
            rf"\bbij\s+(?:of\s+krachtens\s+)?{_INSTRUMENT}\s*,?\s+(?:te\s+(?:bepalen|stellen|regelen)|aan\s+te\s+wijzen"
            r"|vast\s+te\s+stellen|voor\s+te\s+schrijven|aangewezen|vastgestelde|bepaalde|gestelde|voorgeschreven|geregelde)"
            r"\s*,?\s+(?!(?:worden|wordt|is|zijn|kan|kunnen|en|of|dat|die|en/of)\b)[a-zà-ÿ][\w\-]*"
        ),
        "delegates",
        "matter",
        "BWBR0016698 art. 2.13 lid 1 (2012): 'aanbieders wier omzet meer bedraagt dan een bij ministeriële regeling te bepalen grensbedrag'",
        accept=_not_made_elsewhere,
        cue=_INSTRUMENT_CUE,
    ),
    RelationForm(
        "bij_instrument_is_vastgesteld",
        _rx(
            rf"\bbij\s+(?:of\s+krachtens\s+)?{_INSTRUMENT}\s+(?:is|zijn)\s+"
            r"(?:vastgesteld|aangewezen|bepaald|voorgeschreven|geregeld|gesteld)\b"
        ),
        "delegates",
        "instrument",
        "BWBR0005034 art. 620 (2012): '\"gevaarlijke stof\": een stof die als zodanig bij algemene maatregel van bestuur is aangewezen'",
        accept=_not_made_elsewhere,
        cue=_INSTRUMENT_CUE,
    ),
    RelationForm(
        "bij_of_krachtens_vastgesteld",
        _rx(rf"\bbij\s+(?:of\s+krachtens\s+)?{_INSTRUMENT}"),
        "delegates",
        "instrument",
        "WW art. 3 lid 3 (2012): 'Bij algemene maatregel van bestuur kunnen … worden aangewezen'",
        accept=_sentence_has(
            r"^(?![^.;]*\bregels\b[^.;]*\bgesteld\b)[^.;]*\b(?:wordt|worden|kan|kunnen)\b[^.;]*\b(?:vastgesteld|aangewezen|bepaald|geregeld|vastgelegd|voorgeschreven|gesteld|gewijzigd)\b"
        ),
        cue=_INSTRUMENT_CUE,
    ),
)

_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_ARTNR = r"\d+[a-z]{0,3}(?:[.:]\d+[a-z]{0,3})*|[IVXL]+[a-z]?"
_LEAD = re.compile(
    r"(?:(?:het|al\s+hetgeen|hetgeen)\s+(?:is\s+)?(?:bepaald(?:e)?|gesteld(?:e)?)\s+(?:is\s+)?(?:in|bij|krachtens|op\s+grond\s+van|ingevolge)\s+"
    r"|(?:het|de)\s+(?:bepaalde|bepalingen|regels|voorschriften)\s+(?:van|in|bij)\s+|(?:de|het)\s+)?",
    re.IGNORECASE,
)
_SEP = re.compile(
    r"\s*(?:,\s*(?:en\s+|of\s+|en/of\s+|alsmede\s+)?|\s+(?:en|of|en/of|alsmede|dan\s+wel|tot\s+en\s+met)\s+)"
)
_BARE_NR = re.compile(rf"(?:artikel\s+)?(?P<nr>{_ARTNR})(?=[\s,.;:)]|$)")
_ORD_LIST = re.compile(
    rf"(?:het\s+|de\s+)?(?P<ords>(?:{_ORD})(?:\s*,\s*(?:{_ORD}))*)\s+(?P<sep>en|of|tot\s+en\s+met)\s+(?=(?:het\s+)?(?:{_ORD})\s+(?:lid|leden)\b)",
    re.IGNORECASE,
)
#: "lid 1" (treaties): a lid of the citing article
_LID_NR = re.compile(r"\blid\s+(?P<n>\d+)\b(?!\s*,?\s*van\b)")
_HERE = re.compile(
    r"\b(?P<w>deze|dit)\s+(?P<u>wet|besluit|regeling|beleidsregel|verordening|hoofdstuk|afdeling|paragraaf|§|titel|artikel|lid|boek|deel)\b",
    re.IGNORECASE,
)
#: "de voorgaande leden", "het vorige lid": the leden before the citing one
_PRECEDING = re.compile(
    r"\b(?:de\s+(?:voorgaande|vorige)\s+leden|(?P<one>het\s+(?:voorgaande|vorige)\s+lid))\b", re.IGNORECASE
)
_HERE_KEY = {
    "hoofdstuk": "hoofdstuk",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "§": "paragraaf",
    "titel": "titeldeel",
    "boek": "boek",
    "deel": "deel",
}
_VERB = re.compile(r"\b(?:is|zijn|blijft|blijven|wordt|worden|vindt|vinden)\b", re.IGNORECASE)
_ADVERBIAL = re.compile(
    r"^(?:op|voor|bij|in|met|ten|ter|tot|na|tijdens|gedurende|ingevolge|onverminderd|behoudens|indien|wanneer|zolang|nadat|"
    r"ingeval|voorzover|voor\s+zover|zodra|tenzij|daarbij|hierbij|voorts|eveneens|tevens|dan|daarop|hierop|hiervoor|daarvoor|evenmin|"
    r"mede|ook|hetzelfde|daarnaast|verder|overigens|niettemin|vanaf|sinds|zo|aldus|in\s+dat\s+geval|buiten)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r",\s*(?=(?:voor\s*zover|voorzover|indien|tenzij|wanneer|zolang|nadat|zodra|omdat|waarbij|waarop)\b)", re.IGNORECASE
)
_SCOPE_WORD = re.compile(r"\s(?=(?:op|ten\s+aanzien\s+van|met\s+betrekking\s+tot)\s)", re.IGNORECASE)
_ADAPTATION = re.compile(r"\bmet\s+dien\s+verstande\b", re.IGNORECASE)
#: the predicate after the subject of a verb-led form ("vindt X geen toepassing", "geldt X niet")
_PREDICATE_TAIL = re.compile(r"\s+(?:(?:overeenkomstige|geen|buiten)\s+toepassing|niet)$", re.IGNORECASE)


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the sentence (or ";"-clause) around ``at``."""
    s = max(text.rfind(";", 0, at), max((m.end() - 1 for m in re.finditer(r"\.\s+(?=[A-Z])", text[:at])), default=-1))
    m = re.compile(r"\.\s+(?=[A-Z])|;").search(text, at)
    return s + 1, (m.start() if m else len(text))


# ----------------------------------------------------------------------------- targets
@dataclass(slots=True)
class _Ctx:
    flat: Flat
    source: LegalId
    article: ArticleView | None


def _here(ctx: _Ctx, m: re.Match[str]) -> tuple[LegalId | None, str]:
    """The unit "dit hoofdstuk", "deze wet" … names: around the provision."""
    u = m.group("u").lower()
    src = ctx.source
    if u in ("wet", "besluit", "regeling", "beleidsregel", "verordening"):
        return src.expression, "relative to the citing regeling"
    if u == "artikel":
        return (
            (src.article_id, "relative to the citing article")
            if src.article_id
            else (None, "no article around the provision")
        )
    if u == "lid":
        return (src, "the citing lid") if src.lid else (None, "no lid around the provision")
    key = _HERE_KEY[u]
    container = ctx.article.container if ctx.article is not None else ()
    idx = [i for i, (k, _) in enumerate(container) if k == key or (key == "paragraaf" and k == "sub-paragraaf")]
    if not idx:
        return None, f"no {key} around the provision"
    return src.expression.with_path(container[: idx[-1] + 1]), f"relative to the citing {key}"


def _article_range(first: str, last: str) -> list[str]:
    """The article numbers after ``first`` up to ``last`` when both are plain numbers, dotted
    numbers with one prefix, or one number with letters ("52a tot en met 52c"); else nothing.

    >>> _article_range("30", "32"), _article_range("4.1", "4.4"), _article_range("3a", "5")
    (['31', '32'], ['4.2', '4.3', '4.4'], [])
    >>> _article_range("52a", "52c")
    ['52b', '52c']
    """
    la, lb = re.fullmatch(r"(\d+)([a-z])", first), re.fullmatch(r"(\d+)([a-z])", last)
    if la and lb and la.group(1) == lb.group(1) and la.group(2) < lb.group(2):
        return [f"{la.group(1)}{chr(c)}" for c in range(ord(la.group(2)) + 1, ord(lb.group(2)) + 1)]
    a, b = re.fullmatch(r"((?:\d+[.:])*)(\d+)", first), re.fullmatch(r"((?:\d+[.:])*)(\d+)", last)
    if not a or not b or a.group(1) != b.group(1) or not int(a.group(2)) < int(b.group(2)) <= int(a.group(2)) + 200:
        return []
    return [f"{a.group(1)}{n}" for n in range(int(a.group(2)) + 1, int(b.group(2)) + 1)]


def _targets_in(ctx: _Ctx, xs: int, xe: int) -> list[tuple[str, LegalId | None, str]]:
    """(text, target, reason) of every reference in text[xs:xe], in order, lists expanded."""
    text = ctx.flat.text
    out: list[tuple[int, str, LegalId | None, str]] = []
    spans = [(s, e, r) for s, e, r in ctx.flat.spans if s >= xs and e <= xe]
    for s, e, r in spans:
        out.append((s, r.text, r.target, r.reason))
        if r.target is None:
            continue
        within = re.match(
            r"(?:de\s+)?artikelen\s+([\d.:]+[a-z]?)\s+tot\s+en\s+met\s+([\d.:]+[a-z]?)\b", r.text, re.IGNORECASE
        )
        art = r.target.article_id
        if within and art is not None and art.parent is not None and r.target.artikel == within.group(1):
            # the anchor is the whole range ("de artikelen 4.1 tot en met 4.20 van deze regeling")
            for n in _article_range(within.group(1), within.group(2)):
                out.append((s, f"artikel {n}", art.parent.child("artikel", n), "article in a range"))
        # "de artikelen 3, 4 en 5" (one anchor, then bare numbers); "artikel 3, eerste lid, en 4"
        pos = e
        while pos < xe:
            sep = _SEP.match(text, pos)
            if not sep:
                break
            nr = _BARE_NR.match(text, sep.end())
            if not nr or any(a <= sep.end() < b for a, b, _ in spans) or nr.end() > xe:
                break
            if not re.match(r"(?:de\s+|het\s+)?artikel", r.text, re.IGNORECASE):
                break  # a lid list is no article list
            art = r.target.article_id
            base = art.parent if art is not None else None
            if base is None:
                break
            numbers = [nr.group("nr")]
            reason = "article number listed after an anchor"
            if "tot en met" in sep.group(0):
                # "de artikelen 30 tot en met 32", "4.1 tot en met 4.20": the numbers between, where
                # they are plain (an inserted "4.3a" cannot be known without the regeling)
                numbers = _article_range(r.target.artikel or "", nr.group("nr"))
                reason = "article in a range after an anchor"
                if not numbers:
                    break
            try:
                tgts = [(n, base.child("artikel", n)) for n in numbers]
            except InvalidLegalId:
                break
            out.extend((nr.start(), f"artikel {n}", t, reason) for n, t in tgts)
            pos = nr.end()
    # "het tweede en derde lid": ordinals before an anchored "derde lid"
    for m in _ORD_LIST.finditer(text, xs, xe):
        nxt = next(((s, r) for s, e, r in spans if m.end() - 1 <= s <= m.end() + 8 or s <= m.start("ords") < e), None)
        base: LegalId | None = None
        last: int | None = None
        if nxt is not None and nxt[1].target is not None and nxt[1].target.lid is not None:
            base = nxt[1].target.article_id
            last = int(nxt[1].target.lid) if nxt[1].target.lid.isdigit() else None
        ords = [ORDINALS[o.lower()] for o in re.split(r"\s*,\s*", m.group("ords")) if o.lower() in ORDINALS]
        if "tot" in m.group("sep").lower() and ords and last is not None:
            ords = list(range(ords[0], last))  # "het eerste tot en met het vierde lid"
        for n in ords:
            tgt = base.child("lid", str(n)) if base is not None else None
            word = next((w for w, i in ORDINALS.items() if i == n), str(n))
            reason = "lid listed before an anchor" if tgt else "lid listed before an anchor that does not resolve"
            out.append((m.start("ords"), f"{word} lid", tgt, reason))
    art_id = ctx.source.article_id
    for m in _LID_NR.finditer(text, xs, xe):
        if any(s <= m.start() < e for s, e, _ in ctx.flat.spans) or re.search(r"\d[a-z]*,\s*$", text[: m.start()]):
            continue  # "artikel 223, lid 1": part of the article's anchor
        tgt = art_id.child("lid", m.group("n")) if art_id is not None else None
        out.append(
            (
                m.start(),
                m.group(0),
                tgt,
                "relative to the citing article" if tgt else "relative reference outside an article",
            )
        )
    for m in _PRECEDING.finditer(text, xs, xe):
        # "De voorgaande leden zijn van overeenkomstige toepassing …": the leden before this one
        own = ctx.source.lid
        art = ctx.source.article_id
        if not own or not own.isdigit() or art is None:
            out.append((m.start(), m.group(0), None, "no numbered lid around the provision"))
            continue
        n = int(own)
        nrs = range(n - 1, n) if m.group("one") else range(1, n)
        out.extend((m.start(), m.group(0), art.child("lid", str(k)), "relative to the citing lid") for k in nrs)
    for m in _HERE.finditer(text, xs, xe):
        if any(s <= m.start() < e for s, e, _ in ctx.flat.spans):
            continue  # "artikel 3 van deze wet" is one anchor
        if re.search(
            r"(?:lid|leden|onderdeel\s+\w+|\d[a-z]*)\s*,?\s+van\s+$", text[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "het eerste lid van dit artikel": the article of the anchor before it
        tgt, reason = _here(ctx, m)
        out.append((m.start(), m.group(0), tgt, reason))
    out.sort(key=lambda x: x[0])
    return [(t, g, r) for _, t, g, r in out]


def _chain_end(ctx: _Ctx, pos: int, limit: int) -> int:
    """Where the X that starts at ``pos`` ends: references joined by "," / "en" / "of"; ``pos`` if none."""
    text = ctx.flat.text
    end = pos
    cur = pos
    while cur < limit:
        lead = _LEAD.match(text, cur)
        at = lead.end() if lead else cur
        span = next(((s, e) for s, e, _ in ctx.flat.spans if cur <= s <= at + 1 and e > s), None)
        here = _HERE.match(text, at)
        ords = _ORD_LIST.match(text, at)
        if ords is not None:
            span2 = next(((s, e) for s, e, _ in ctx.flat.spans if ords.end() - 1 <= s <= ords.end() + 4), None)
            span = span2 or span
        if span is not None:
            end = span[1]
        elif here is not None:
            end = here.end()
        elif (lidnr := _LID_NR.match(text, at)) is not None:
            end = lidnr.end()
        else:
            nr = _BARE_NR.match(text, at) if end > pos else None
            if nr is None:
                break
            end = nr.end()
        # continuations of one anchor: ", eerste lid", ", onderdeel a", ", van de Wet X" (already in most anchors)
        cont = re.match(
            rf"(?:\s*,\s*(?:(?:{_ORD})\s+(?:lid|volzin)|lid\s+\d+|onder(?:deel)?\s+[a-z0-9]{{1,3}}°?|aanhef(?:\s+en\s+onder\s+\w+)?|\w+\s+volzin))+",
            text[end:],
            re.IGNORECASE,
        )
        if cont:
            end += cont.end()
        van = re.match(r"\s*,?\s+van\s+(?:deze|dit)\s+\w+", text[end:])
        if van:
            end += van.end()
        sep = _SEP.match(text, end)
        if not sep:
            break
        cur = sep.end()
    return end


def _phrase_end(text: str, pos: int) -> int:
    """The end of a plain X without references: the next comma, semicolon, colon or full stop."""
    m = re.compile(
        r"[,;:]|\.(?:\s|$)|\s(?:kan|kunnen|is|zijn|wordt|worden|heeft|hebben|mag|mogen|moet|moeten)\s"
    ).search(text, pos)
    end = m.start() if m else len(text)
    return min(end, pos + 160)


def _relations_for(
    ctx: _Ctx, form: RelationForm, relation_span: tuple[int, int], xs: int, xe: int, **extra: str
) -> list[RuleRelation]:
    text = ctx.flat.text
    targets = _targets_in(ctx, xs, xe)
    evidence = text[slice(*relation_span)].strip()
    if not targets:
        x = text[xs:xe].strip(" ,;:.")
        if not x:
            return []
        return [
            RuleRelation(
                ctx.source, form.relation, x, None, "no reference in the text", form.name, evidence=evidence, **extra
            )
        ]
    out: list[RuleRelation] = []
    seen: set[tuple[Any, ...]] = set()
    for t, tgt, reason in targets:
        key = (tgt,) if tgt is not None else (None, t)
        if key in seen:
            continue
        seen.add(key)
        out.append(RuleRelation(ctx.source, form.relation, t, tgt, reason, form.name, evidence=evidence, **extra))
    return out


def _subject_relations(ctx: _Ctx, form: RelationForm, m: re.Match[str]) -> list[RuleRelation]:
    text = ctx.flat.text
    ss, se = _sentence_of(text, m.start())
    cs = max(
        [
            ss,
            *(i for i in ctx.flat.items if i <= m.start()),
            *(ss + x.end() for x in re.finditer(r":\s", text[ss : m.start()])),
        ]
    )
    if cs != ss and any(i == cs for i in ctx.flat.items):
        lab = re.match(r"\S+\s", text[cs:])
        cs += lab.end() if lab else 0
    colon_after = re.match(r"\s*(?:(?:is|zijn)\s*)?:", text[m.end() :])
    # the part after the predicate: what it is (not) applied to, the adaptation
    after = text[m.end() : se]
    scope = ""
    sm = re.match(
        r"\s*(?P<s>(?:op|ten\s+aanzien\s+van|met\s+betrekking\s+tot|voor|bij)\s+.*?)(?=,?\s*met\s+dien\s+verstande|\s*[.;:]?\s*$)",
        after,
        re.IGNORECASE,
    )
    if sm:
        scope = sm.group("s").strip(" ,")
    adaptation = ""
    am = _ADAPTATION.search(text, m.end(), se if not text[se - 1 : se + 1].strip().endswith(":") else len(text))
    if am and not colon_after:
        end = se
        if text[am.start() : se].rstrip().endswith(":"):
            end = _next_sentence_break(text, se, ctx)
        adaptation = text[am.start() : end].strip(" .;")
    if colon_after:
        # "Van overeenkomstige toepassing zijn: a. artikel 3; b. …": the targets are the list
        xs, xe = m.end() + colon_after.end(), len(text)
        pre = text[cs : m.start()]
        if pre.strip():
            scope = scope or pre.strip(" ,")
        return _relations_for(ctx, form, (cs, xe), xs, xe, scope=scope, adaptation=adaptation)
    if form.name == "buiten_toepassing_blijven":
        # "… buiten toepassing blijven de artikelen 9, 59 en 62": the subject follows
        lead = re.match(r"\s*(?=(?:de\s+|het\s+)?(?:artikel|artikelen|\w+\s+(?:lid|leden))\b)", text[m.end() :])
        if lead is not None:
            xs = m.end() + lead.end()
            xe = _chain_end(ctx, xs, se)
            if xe > xs:
                return _relations_for(ctx, form, (cs, se), xs, xe, scope=scope, adaptation=adaptation)
    sub = [x.end() for x in _SUBORDINATE.finditer(text, cs, m.start())]
    if sub:
        cs = sub[-1]  # "…, voor zover bijlage 2 niet van toepassing is": the subordinate clause
    window = text[cs : m.start()]
    verb_m = None
    if form.name.startswith(("vindt_", "geldt_", "blijft_")):
        # the verb leads the match: "vindt artikel 12 geen toepassing", "Artikel 5 geldt niet"
        verb_m = re.match(r"\S+", text[m.start() :])
        pre, post_s, vs = window, m.start() + (verb_m.end() if verb_m else 0), m.start()
        post_e = m.start() + _PREDICATE_TAIL.search(m.group(0)).start()
    else:
        verbs = list(_VERB.finditer(window))
        if not verbs:
            # the verb follows ("voor zover bijlage 2 niet van toepassing is"): the subject is all before
            lead = re.match(
                r"\s*(?:voor\s*zover|voorzover|indien|tenzij|wanneer|zolang|nadat|zodra|omdat|als|dat)\s+",
                window,
                re.IGNORECASE,
            )
            xs = cs + (lead.end() if lead else 0)
            return _relations_for(ctx, form, (cs, se), xs, m.start(), scope=scope, adaptation=adaptation)
        else:
            v = verbs[-1]
            pre, post_s, post_e, vs = window[: v.start()], cs + v.end(), m.start(), cs + v.start()
    pre_s = pre.strip()
    if not pre_s or _ADVERBIAL.match(pre_s):
        xs, xe = post_s, post_e
        lead = re.match(r"\s*(?:bij|voor)\s+de\s+toepassing\s+van\s+", text[xs:xe], re.IGNORECASE)
        if lead is not None:
            # "Voorts blijven bij de toepassing van artikel 66 van die wet de artikelen 76 … buiten
            # toepassing": the "bij de toepassing van …" is the scope, the subject follows it
            end = _chain_end(ctx, xs + lead.end(), xe)
            if xs + lead.end() < end < xe:
                scope = scope or text[xs:end].strip(" ,")
                xs = end
        if pre_s and re.match(r"op\b", pre_s, re.IGNORECASE) and not scope:
            scope = pre_s.rstrip(" ,")
        cut = _SCOPE_WORD.search(text, xs, xe)
        if cut and cut.start() > xs:
            scope = scope or text[cut.start() : xe].strip(" ,")
            xe = cut.start()
    else:
        xs, xe = cs + (len(pre) - len(pre.lstrip())), vs
        post = text[post_s:post_e].strip()
        if re.match(r"op\b", post, re.IGNORECASE) and not scope:
            scope = re.sub(r"\s*\b(?:niet|evenmin|geen|eveneens|mede|tevens|ook)\s*$", "", post).strip(" ,")
    return _relations_for(ctx, form, (cs, se), xs, xe, scope=scope, adaptation=adaptation)


def _next_sentence_break(text: str, at: int, ctx: _Ctx) -> int:
    m = re.compile(r"\.\s+(?=[A-Z])").search(text, at)
    return m.start() if m else len(text)


def extract_relations(lid: LidView, refs_of: RefsOf, article: ArticleView | None = None) -> list[RuleRelation]:
    """The rule relations that the text of one lid (or article without leden) states, in text order.

    >>> from wetgraaf.ingest.blocks import Para
    >>> src = LegalId.parse("jci1.3:c:BWBR0021022&artikel=9&lid=1")
    >>> refs = [Reference(src, t, src.expression.child("artikel", n), "intref") for t, n in (("artikelen 6", "6"), ("7", "7"), ("8", "8"))]
    >>> lid = LidView(src, "1", [Para("De artikelen 6, 7 en 8 zijn van overeenkomstige toepassing.")])
    >>> [(r.relation, r.target.artikel) for r in extract_relations(lid, lambda p: refs)]
    [('applies_mutatis_mutandis', '6'), ('applies_mutatis_mutandis', '7'), ('applies_mutatis_mutandis', '8')]
    """
    flat = flatten(lid.blocks, refs_of)
    text = flat.text
    if not text:
        return []
    low = text.lower()
    if not any(map(low.__contains__, ("afwijking", "toepassing", "onverminderd", "bij ", "geldt", "gelden"))):
        return []
    ctx = _Ctx(flat, lid.id, article)
    found: list[tuple[int, int, RuleRelation]] = []
    seen_inst: set[int] = set()
    for order, form in enumerate(RELATION_FORMS):
        if form.cue and not any(map(low.__contains__, form.cue)):
            continue
        for m in form.pattern.finditer(text):
            if form.accept is not None and not form.accept(m, text):
                continue
            if form.x == "after":
                xe = _chain_end(ctx, m.end(), len(text))
                if xe == m.end():
                    xe = _phrase_end(text, m.end())
                ss, se = _sentence_of(text, m.start())
                rels = _relations_for(ctx, form, (ss, se), m.end(), xe)
            elif form.x == "subject":
                rels = _subject_relations(ctx, form, m)
                if form.needs_reference:
                    rels = [r for r in rels if r.reason != "no reference in the text"]
            else:
                if m.start() in seen_inst:
                    continue
                seen_inst.add(m.start())
                ss, se = _sentence_of(text, m.start())
                is_, ie = m.span("inst")
                named = [(s, e, r) for s, e, r in flat.spans if is_ <= s < ie]
                if named:
                    r = named[0][2]
                    tgt = r.target.expression if r.target is not None else None
                    rels = [
                        RuleRelation(
                            lid.id, form.relation, r.text, tgt, r.reason, form.name, evidence=text[ss:se].strip()
                        )
                    ]
                else:
                    inst = re.sub(r"^een\s+", "", m.group("inst"), flags=re.IGNORECASE)
                    if inst[:1].isupper() and not re.match(r"(?:Algemene|Ministeriële)\b", inst):
                        reason = "the regeling named has no reference"
                    else:
                        reason = "the instrument is not named"
                    if form.x == "matter":
                        inst = m.group(0)  # "bij ministeriële regeling te bepalen grensbedrag": one per matter
                    rels = [
                        RuleRelation(lid.id, form.relation, inst, None, reason, form.name, evidence=text[ss:se].strip())
                    ]
            found.extend((m.start(), order, r) for r in rels)
    found.sort(key=lambda x: (x[0], x[1]))
    out: list[RuleRelation] = []
    seen: set[tuple[Any, ...]] = set()
    for _, _, r in found:
        key = (r.relation, r.target) if r.target is not None else (r.relation, None, r.target_text)
        if key not in seen:  # one relation per target, though the lid may state it twice
            seen.add(key)
            out.append(r)
    return out


def extract_rules(
    lid: LidView, refs_of: RefsOf, article: ArticleView | None = None, text: str | None = None
) -> tuple[list[RuleRelation], list[RuleParameter]]:
    """Rule relations and rule parameters of one lid (``text``: its rendered text, if the caller has it)."""
    from wetgraaf.ingest.blocks import render

    relations = extract_relations(lid, refs_of, article)
    parameters = extract_parameters(lid.id, text if text is not None else render(lid.blocks))
    return relations, parameters


# ----------------------------------------------------------------------------- labels
def _number(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def as_labels(doc: Document) -> list[dict[str, Any]]:
    """One label per provision (lid, or article without leden), in the format the oracle shares.

    Provisions that are repealed or editorial are left out; a provision with no relation and
    no parameter gives empty lists.
    """
    rels: dict[LegalId, list[RuleRelation]] = {}
    for r in doc.rule_relations:
        rels.setdefault(r.source, []).append(r)
    params: dict[LegalId, list[RuleParameter]] = {}
    for p in doc.rule_parameters:
        params.setdefault(p.source, []).append(p)
    out: list[dict[str, Any]] = []
    for prov in doc.provisions:
        if prov.kind not in ("lid", "artikel") or prov.repealed or prov.status == "redactioneel" or not prov.text:
            continue
        out.append(
            {
                "file": doc.regeling.source,
                "bwb_id": doc.regeling.bwb_id,
                "jci": prov.id.jci,
                "relations": [
                    {
                        "relation": r.relation,
                        "target_text": r.target_text,
                        "target": r.target.jci if r.target is not None else None,
                        "reason": r.reason,
                    }
                    for r in rels.get(prov.id, [])
                ],
                "parameters": [
                    {
                        "kind": p.kind,
                        "text": p.text,
                        "value": _number(p.value),
                        "unit": p.unit,
                        "days": p.days,
                        "act": p.act,
                        "actor": p.actor,
                    }
                    for p in params.get(prov.id, [])
                ],
            }
        )
    return out
