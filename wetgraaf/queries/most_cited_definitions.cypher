// title: Most-cited definitions
// description: Provisions that hold a definition, ranked by how many references point at them (the same words in the same provision count once).
// param: limit (int, optional, default=25) how many
MATCH (h)-[:HAS_DEFINITION]->(d:Definition)
MATCH (p)-[c:CITES]->(h)
RETURN h.key AS jci, d.term AS term, count(DISTINCT c) AS citations
ORDER BY citations DESC, jci
