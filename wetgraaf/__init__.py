"""wetgraaf: a knowledge graph of Dutch legislation.

Subpackages are the architecture:

* :mod:`wetgraaf.ingest` — parse BWB XML into plain records (pure), and batch ingest;
* :mod:`wetgraaf.ontology` — RDF vocabulary and SHACL shapes;
* :mod:`wetgraaf.graph` — RDF and property-graph stores, NetworkX analyses;
* :mod:`wetgraaf.api` — the HTTP API, built by a factory;
* :mod:`wetgraaf.queries` — named Cypher and SPARQL queries.

Identity for every legal location is :class:`wetgraaf.identity.LegalId`.
"""

from wetgraaf.identity import LegalId

__version__ = "0.1.0"
__all__ = ["LegalId", "__version__"]
