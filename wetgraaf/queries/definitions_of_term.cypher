// title: Definitions of a term across laws
// description: Every definition of a term (case, articles, diacritics, plural and inflection ignored: partners = partner), with its law, version, location, kind and scope: where else is this defined?
// param: term (term, required) the term, e.g. partner
MATCH (h)-[:HAS_DEFINITION]->(d:Definition)-[:DEFINES]->(t:Term)
WHERE t.name = $term
MATCH (r:Regeling {bwb_id: d.bwb_id})
RETURN r.title AS law, d.version AS version, d.location AS jci, d.term AS written, d.kind AS kind, d.scope_text AS scope, d.definition AS definition
ORDER BY law, version, jci, kind
