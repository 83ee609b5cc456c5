"""One identity for every legal location: BWB id + Juriconnect path + version date.

Every record that wetgraaf produces carries a :class:`LegalId`. The RDF IRIs, the
property-graph keys and the API ids are all derived from it, so they cannot disagree.

The printed form is Juriconnect 1.3 (the citation standard of wetten.overheid.nl)::

    >>> lid = LegalId.parse("jci1.3:c:BWBR0018472&hoofdstuk=1&paragraaf=2&artikel=2&lid=1&o=a&z=2025-01-01&g=2025-01-01")
    >>> str(lid)
    'jci1.3:c:BWBR0018472&artikel=2&lid=1&o=a&g=2025-01-01'
    >>> lid.artikel, lid.lid, lid.onderdelen
    ('2', '1', ('a',))
    >>> LegalId.parse("1.0:v:BWBR0002471&artikel=9").jci
    'jci1.3:c:BWBR0002471&artikel=9'

Canonical form
--------------
* Inside an article the containing chapters/sections are dropped: an article number is
  unique within a regeling (checked over the corpus), and references (``extref``) name only
  ``&artikel=``. The optional ``boek`` and ``bijlage`` levels are kept because article
  numbers restart there. Spaces in numbers are written ``_`` ("A 3" → ``artikel=A_3``), and
  ``aanwijzing=`` (the Aanwijzingen voor de regelgeving) is read as ``artikel=``, as in the
  official element ids.
  Units above article level (a hoofdstuk, an afdeling) keep their full container path.
* ``z=`` (zichtdatum, what KOOP knew when) is accepted and dropped; ``g=``
  (geldigheidsdatum) is the version date. No ``g=`` means "the regeling as such" (the work)
  or a version whose date is unknown (the 2012 dump carries no date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote, unquote

__all__ = ["LegalId", "InvalidLegalId", "PATH_KEYS", "ARTICLE_ANCHORS", "regeling_page"]


def regeling_page(bwb_id: str) -> str:
    """The regeling's page on wetten.overheid.nl: where an undated text links (see :attr:`LegalId.text_url`).

    >>> regeling_page("BWBR0002221")
    'https://wetten.overheid.nl/BWBR0002221'
    """
    return "https://wetten.overheid.nl/" + bwb_id


#: Juriconnect path keys in their canonical order (``o`` = onderdeel, repeatable).
PATH_KEYS: tuple[str, ...] = (
    "bijlage",
    "boek",
    "deel",
    "hoofdstuk",
    "titeldeel",
    "afdeling",
    "paragraaf",
    "sub-paragraaf",
    "divisie",
    "artikel",
    "lid",
    "o",
)
#: Levels above an article that stay in the canonical id of an article.
ARTICLE_ANCHORS = frozenset({"bijlage", "boek"})
_CONTAINERS = frozenset(PATH_KEYS[:9]) - ARTICLE_ANCHORS
_REPEATABLE = frozenset({"o", "divisie"})
REPEATABLE_KEYS = _REPEATABLE  #: path keys that may occur more than once (nested onderdelen, divisions)
#: Keys official Juriconnect ids use for article-level units under another label
#: (the Aanwijzingen voor de regelgeving number their articles "aanwijzing=1.2").
KEY_ALIASES = {"aanwijzing": "artikel"}
_ORDER = {k: i for i, k in enumerate(PATH_KEYS)}

#: A BWB id: BWBR (regelingen) or BWBV (verdragen) and seven digits, or an older BWBW id (up to
#: seven digits) that the repository still serves for some besluiten and circulaires (the 2012
#: crawl holds BWBW6656, a KB of 1983, and BWBW33099, the Handleiding Rijkswet op het
#: Nederlanderschap 2003). Every other pattern of BWB ids is built from this one.
BWB_ID_PATTERN = r"BWB(?:[RV]\d{7}|W\d{1,7})"
_BWB_RE = re.compile(rf"^{BWB_ID_PATTERN}$")
_SIMPLE_VALUE = re.compile(r"^[0-9A-Za-z°_]+$")
_PREFIX_RE = re.compile(
    r"^(?:https?://wetten\.overheid\.nl/)?(?:jci)?(?P<version>1\.[0-3]):(?P<kind>[cv]):(?P<rest>.+)$",
    re.IGNORECASE,
)


_DATES: dict[str, date] = {}  #: version dates read back by :meth:`LegalId.from_canonical`


class InvalidLegalId(ValueError):
    """Raised for a string that is not a Juriconnect reference wetgraaf understands."""


@dataclass(frozen=True, slots=True)
class LegalId:
    """A legal location: a regeling, a structural unit, an article, lid or onderdeel.

    Parameters
    ----------
    bwb_id : str
        The BWB identifier, e.g. ``"BWBR0018472"``.
    path : tuple of (key, value) pairs
        Juriconnect path below the regeling, e.g. ``(("artikel", "2"), ("lid", "1"))``.
        Normalised on construction (see the module docstring).
    version : datetime.date or None
        The geldigheidsdatum of the consolidated text, ``None`` if unknown / not versioned.

    Examples
    --------
    >>> a = LegalId("BWBR0018472", (("artikel", "3"),), date(2025, 1, 1))
    >>> a.child("lid", "1").jci
    'jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01'
    >>> LegalId.parse(a.jci) == a
    True
    """

    bwb_id: str
    path: tuple[tuple[str, str], ...] = ()
    version: date | None = None

    def __post_init__(self) -> None:
        bwb = self.bwb_id.strip().upper()
        if not _BWB_RE.match(bwb):
            raise InvalidLegalId(f"not a BWB id: {self.bwb_id!r}")
        object.__setattr__(self, "bwb_id", bwb)
        object.__setattr__(self, "path", _canonical_path(self.path))

    # ------------------------------------------------------------------ parsing
    @classmethod
    def parse(cls, text: str) -> LegalId:
        """Parse a Juriconnect reference (1.3 or legacy 1.0, ``c`` or ``v``).

        Accepts ``&amp;`` as written in XML attributes and a leading
        ``https://wetten.overheid.nl/``. Raises :class:`InvalidLegalId` otherwise.

        >>> LegalId.parse("1.0:c:BWBR0018472&amp;artikel=1&amp;g=2025-01-01").version
        datetime.date(2025, 1, 1)
        """
        if not isinstance(text, str):
            raise InvalidLegalId(f"expected a string, got {type(text).__name__}")
        s = unquote(text.strip()).replace("&amp;", "&")
        m = _PREFIX_RE.match(s)
        if not m:
            raise InvalidLegalId(f"not a Juriconnect reference: {text!r}")
        parts = m.group("rest").split("&")
        bwb = parts[0]
        path: list[tuple[str, str]] = []
        version: date | None = None
        for part in parts[1:]:
            if not part:
                continue
            key, sep, value = part.partition("=")
            key = key.strip().lower()
            key = KEY_ALIASES.get(key, key)
            value = value.strip()
            if not sep or not value:
                raise InvalidLegalId(f"malformed part {part!r} in {text!r}")
            if key == "g":
                version = _parse_date(value, text)
            elif key == "z":
                _parse_date(value, text)  # validated, then dropped (see module docs)
            elif key in _ORDER:
                path.append((key, value))
            else:
                raise InvalidLegalId(f"unknown Juriconnect key {key!r} in {text!r}")
        return cls(bwb, tuple(path), version)

    @classmethod
    def from_canonical(cls, jci: str) -> LegalId:
        """Read back a :attr:`jci` that wetgraaf wrote (the corpus store): no normalisation, so fast.

        Falls back to :meth:`parse` for anything that is not in canonical form.

        >>> a = LegalId.parse("jci1.3:c:BWBR0018472&artikel=3&lid=1&g=2025-01-01")
        >>> LegalId.from_canonical(a.jci) == a
        True
        """
        if not jci.startswith("jci1.3:c:"):
            return cls.parse(jci)
        parts = jci[9:].split("&")
        path = []
        version = None
        for part in parts[1:]:
            key, sep, value = part.partition("=")
            if not sep or not value or (key not in _ORDER and key != "g"):
                return cls.parse(jci)
            if key == "g":
                version = _DATES.get(value) or _DATES.setdefault(value, _parse_date(value, jci))
            else:
                path.append((key, value))
        return _trusted(parts[0], tuple(path), version)

    @classmethod
    def regeling(cls, bwb_id: str, version: date | None = None) -> LegalId:
        """The id of a regeling (version) itself, without a path."""
        return cls(bwb_id, (), version)

    # ---------------------------------------------------------------- printing
    @property
    def jci(self) -> str:
        """Canonical Juriconnect 1.3 string; the key used everywhere in wetgraaf."""
        out = [f"jci1.3:c:{self.bwb_id}"]
        if self.path:
            out.append(self.path_jci)
        if self.version is not None:
            out.append(f"g={self.version.isoformat()}")
        return "&".join(out)

    @property
    def path_jci(self) -> str:
        """The Juriconnect path alone, without BWB id and version: where in the regeling.

        >>> LegalId("BWBW33099", (("divisie", "1"), ("divisie", "1-1-a"))).path_jci
        'divisie=1&divisie=1-1-a'
        """
        return "&".join(f"{k}={v}" for k, v in self.path)

    def __str__(self) -> str:
        return self.jci

    @property
    def url(self) -> str:
        """Link to the official text on wetten.overheid.nl (which resolves Juriconnect)."""
        return "https://wetten.overheid.nl/" + quote(self.jci, safe=":&=.-_")

    @property
    def text_url(self) -> str:
        """The link for a location in an ingested text: :attr:`url` when the text has a version date.

        A text without one (a 2012 snapshot: the legacy files hold no date) links the
        regeling's page (:func:`regeling_page`) instead: a Juriconnect link without ``g=`` opens
        today's text, which is not the snapshot's, and the page is where a reader finds the
        versions of the regeling and their dates. Callers say "undated snapshot" beside it.

        >>> LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&g=2025-01-01").text_url
        'https://wetten.overheid.nl/jci1.3:c:BWBR0018472&artikel=2&g=2025-01-01'
        >>> LegalId.parse("jci1.3:c:BWBR0002221&artikel=1").text_url
        'https://wetten.overheid.nl/BWBR0002221'
        """
        return self.url if self.version is not None else regeling_page(self.bwb_id)

    @property
    def iri(self) -> str:
        """IRI of this location for RDF, under the official ``/id/`` namespace.

        With a version date it names the location in that version (an ELI *expression*);
        without one, the location in the regeling as such (the *work*), which is also where
        references to "artikel 9 van de Wet …" without a date point.

        >>> LegalId.parse("jci1.3:c:BWBR0018472&artikel=2&lid=1&g=2025-01-01").iri
        'http://wetten.overheid.nl/id/BWBR0018472/2025-01-01/artikel=2/lid=1'
        >>> LegalId.parse("jci1.3:c:BWBR0002471&artikel=9").iri
        'http://wetten.overheid.nl/id/BWBR0002471/artikel=9'
        """
        segs = [self.bwb_id]
        if self.version is not None:
            segs.append(self.version.isoformat())
        segs.extend(f"{k}={quote(v, safe='')}" for k, v in self.path)
        return "http://wetten.overheid.nl/id/" + "/".join(segs)

    # ------------------------------------------------------------- navigation
    def _get(self, key: str) -> str | None:
        for k, v in self.path:
            if k == key:
                return v
        return None

    @property
    def treaty(self) -> bool:
        """Whether the regeling is a treaty (a BWBV id: verdragen, negotiated text by text).

        >>> LegalId.regeling("BWBV0001041").treaty, LegalId.regeling("BWBR0002320").treaty
        (True, False)
        """
        return self.bwb_id.startswith("BWBV")

    @property
    def artikel(self) -> str | None:
        return self._get("artikel")

    @property
    def lid(self) -> str | None:
        return self._get("lid")

    @property
    def onderdelen(self) -> tuple[str, ...]:
        return tuple(v for k, v in self.path if k == "o")

    @property
    def work(self) -> LegalId:
        """The regeling this location belongs to, without version."""
        return _trusted(self.bwb_id, (), None)

    @property
    def expression(self) -> LegalId:
        """The version of the regeling this location belongs to."""
        return _trusted(self.bwb_id, (), self.version)

    @property
    def article_id(self) -> LegalId | None:
        """The enclosing article (``None`` above article level)."""
        if self.artikel is None:
            return None
        for i, (k, _) in enumerate(self.path):
            if k == "artikel":
                # a prefix of a canonical path up to its article is canonical
                return _trusted(self.bwb_id, self.path[: i + 1], self.version)
        return None  # pragma: no cover - artikel is in the path

    @property
    def parent(self) -> LegalId | None:
        if not self.path:
            return None
        return LegalId(self.bwb_id, self.path[:-1], self.version)

    def child(self, key: str, value: str) -> LegalId:
        """A location one level down (``key`` one of :data:`PATH_KEYS`)."""
        if key not in _ORDER:
            raise InvalidLegalId(f"unknown path key {key!r}")
        value = str(value)
        last = self.path[-1][0] if self.path else None
        if (
            key in ("lid", "o")
            and last in ("artikel", "lid", "o")
            and (key == "o" or last == "artikel")
            and _SIMPLE_VALUE.match(value)
        ):
            # already canonical: appending a lid to an article or an onderdeel below it
            return _trusted(self.bwb_id, (*self.path, (key, value)), self.version)
        return LegalId(self.bwb_id, (*self.path, (key, value)), self.version)

    def at(self, version: date | None) -> LegalId:
        """The same location in another version."""
        return replace(self, version=version)

    def with_path(self, path: Iterable[tuple[str, str]]) -> LegalId:
        return LegalId(self.bwb_id, tuple(path), self.version)


def _trusted(bwb_id: str, path: tuple[tuple[str, str], ...], version: date | None) -> LegalId:
    """A LegalId from parts already in canonical form (no normalisation: for derived ids only)."""
    new = object.__new__(LegalId)
    object.__setattr__(new, "bwb_id", bwb_id)
    object.__setattr__(new, "path", path)
    object.__setattr__(new, "version", version)
    return new


def _parse_date(value: str, text: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidLegalId(f"bad date {value!r} in {text!r}") from exc


def _canonical_path(path: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items: list[tuple[str, str]] = []
    for item in path:
        try:
            key, value = item
        except (TypeError, ValueError) as exc:
            raise InvalidLegalId(f"path items are (key, value) pairs, got {item!r}") from exc
        key = str(key).lower()
        value = "_".join(str(value).split())  # Juriconnect writes "A 3" as "A_3"
        if key not in _ORDER:
            raise InvalidLegalId(f"unknown path key {key!r}")
        if not value:
            raise InvalidLegalId(f"empty value for {key!r}")
        if "&" in value or "=" in value:
            raise InvalidLegalId(f"'&' and '=' are not allowed in a path value: {value!r}")
        items.append((key, value))
    if len(items) > 1:
        if any(k == "artikel" for k, _ in items):
            items = [(k, v) for k, v in items if k not in _CONTAINERS]
        # stable order by level; onderdelen keep their nesting order
        items.sort(key=lambda kv: _ORDER[kv[0]])
    seen: set[str] = set()
    for k, _ in items:
        if k not in _REPEATABLE and k in seen:
            raise InvalidLegalId(f"path key {k!r} appears twice")
        seen.add(k)
    return tuple(items)
