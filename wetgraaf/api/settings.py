"""Settings for the API: one frozen object, passed to :func:`wetgraaf.api.create_app`.

Nothing is read at import time. :meth:`Settings.from_env` reads ``WETGRAAF_*`` variables
when the caller asks for it (``wetgraaf serve`` does).

>>> s = Settings(tokens={"s3cret-token": "alice"})
>>> s.reviewer_for("s3cret-token"), s.reviewer_for("wrong")
('alice', None)
>>> Settings.parse_tokens("alice=tok-a, bob=tok-b")
{'tok-a': 'alice', 'tok-b': 'bob'}
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wetgraaf.pipeline import DEFAULT_OUT, Layout

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    """Everything the API needs to know, with defaults for the embedded setup.

    Parameters
    ----------
    paths : tuple of str
        Files or folders of BWB XML to ingest at start-up. Empty: serve the corpus store in
        ``out`` as it is (built from the bundled corpus when there is none).
    out : Path
        Working folder (:class:`wetgraaf.pipeline.Layout`): the corpus store, the analysis,
        the RDF store, the embedded property graph and, by default, the review database.
    review_db : Path, optional
        SQLite file with the review decisions and their audit trail (default ``out/review.sqlite``).
    tokens : mapping
        Write token → reviewer name. Reading is open; every write needs one of these tokens
        as ``Authorization: Bearer TOKEN``. With no tokens, writes are refused.
    cypher_backend : str
        ``ladybug`` (embedded, default) or ``neo4j`` (then ``neo4j_uri`` etc. are used).
    query_timeout_ms, max_rows, max_query_chars :
        Limits for ``/cypher``, ``/sparql`` and the named queries.
    research_workers, research_queue :
        Worker processes per research language (SPARQL, Cypher) and how many more requests may
        wait for them; beyond that a research request gets 429 with ``Retry-After`` at once.
    """

    paths: tuple[str, ...] = ()
    out: Path = Path(DEFAULT_OUT)
    review_db: Path | None = None
    tokens: Mapping[str, str] = field(default_factory=dict)
    cypher_backend: str = "ladybug"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    query_timeout_ms: int = 10_000
    max_rows: int = 1000
    max_query_chars: int = 10_000
    max_page: int = 500
    research_workers: int = 2
    research_queue: int = 6

    @property
    def review_path(self) -> Path:
        return self.review_db or Layout(self.out).review

    def reviewer_for(self, token: str | None) -> str | None:
        """The reviewer a token belongs to (constant-time comparison), or None."""
        if not token:
            return None
        found = None
        for known, name in self.tokens.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = name
        return found

    @staticmethod
    def parse_tokens(spec: str) -> dict[str, str]:
        """``"alice=TOKEN_A,bob=TOKEN_B"`` → ``{TOKEN_A: "alice", TOKEN_B: "bob"}``."""
        out: dict[str, str] = {}
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            name, sep, token = part.partition("=")
            if not sep or not name.strip() or not token.strip():
                raise ValueError(f"WETGRAAF_TOKENS: expected NAME=TOKEN, got {part!r}")
            out[token.strip()] = name.strip()
        return out

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``WETGRAAF_*`` variables, then ``overrides`` (ignored when None)."""
        env = os.environ if environ is None else environ
        kw: dict[str, object] = {}
        if env.get("WETGRAAF_OUT"):
            kw["out"] = Path(env["WETGRAAF_OUT"])
        if env.get("WETGRAAF_REVIEW_DB"):
            kw["review_db"] = Path(env["WETGRAAF_REVIEW_DB"])
        if env.get("WETGRAAF_TOKENS"):
            kw["tokens"] = cls.parse_tokens(env["WETGRAAF_TOKENS"])
        if env.get("WETGRAAF_NEO4J_URI"):
            kw["cypher_backend"] = "neo4j"
            kw["neo4j_uri"] = env["WETGRAAF_NEO4J_URI"]
            kw["neo4j_user"] = env.get("WETGRAAF_NEO4J_USER", "neo4j")
            kw["neo4j_password"] = env.get("WETGRAAF_NEO4J_PASSWORD") or env.get("NEO4J_PASSWORD")
            kw["neo4j_database"] = env.get("WETGRAAF_NEO4J_DATABASE") or None
        for name in ("query_timeout_ms", "max_rows", "research_workers", "research_queue"):
            v = env.get("WETGRAAF_" + name.upper())
            if v:
                kw[name] = int(v)
        kw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kw)  # type: ignore[arg-type]
