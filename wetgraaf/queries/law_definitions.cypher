// title: A law's definitions with their scopes
// description: All definitions in one regeling (all ingested versions), with kind, scope level and scope text.
// param: bwb_id (bwb_id, required) e.g. BWBR0018472
MATCH (h)-[:HAS_DEFINITION]->(d:Definition)
WHERE d.bwb_id = $bwb_id
RETURN h.key AS jci, d.term AS term, d.kind AS kind, d.scope_level AS scope_level, d.scope_text AS scope
ORDER BY jci, term
