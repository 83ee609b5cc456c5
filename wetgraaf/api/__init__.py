"""The HTTP API and the review web page (FastAPI), built by :func:`create_app`.

Nothing is configured at import time: ``create_app(Settings(...))`` builds a new app,
and ``wetgraaf serve`` does that with settings from the command line and ``WETGRAAF_*``.
"""

from wetgraaf.api.app import create_app
from wetgraaf.api.settings import Settings

__all__ = ["create_app", "Settings"]
