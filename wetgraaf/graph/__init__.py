"""Graph views of the ingest records: the shared model, RDF (Oxigraph), property graphs."""
