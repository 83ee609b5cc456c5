// title: Definition chains
// description: Definitions by reference whose target (an article, lid or onderdeel) itself holds a definition: A is defined as "B als bedoeld in artikel …" and B is defined there. Each row is one link of a chain; follow to_jci to walk it further.
// param: limit (int, optional, default=200) at most this many chain links
MATCH (a:Definition {kind: 'by_reference'})-[:DEFINITION_CITES]->(loc)
WHERE loc.key CONTAINS '&artikel='
MATCH (h)-[:HAS_DEFINITION]->(b:Definition)
WHERE h.key = loc.key OR h.key STARTS WITH (loc.key + '&')
RETURN a.location AS from_jci, a.term AS from_term, b.location AS to_jci, b.term AS to_term, b.kind AS to_kind
ORDER BY from_jci
