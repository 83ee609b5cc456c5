"""The HTTP API (FastAPI, built by a factory). Not built yet: see issue 5."""
