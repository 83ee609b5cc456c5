// title: Rules that set a provision aside, apply it or except it
// description: Neo4j form of rules_on_provision.cypher (type(r) where ladybug has label(r)).
// param: target (string, required) Juriconnect id of the article (any lid/onderdeel below it counts)
MATCH (p)-[r:DEROGATES_FROM|APPLIES_MUTATIS_MUTANDIS|EXCEPTS|WITHOUT_PREJUDICE_TO|DELEGATES]->(t)
WHERE t.key = $target OR t.key STARTS WITH ($target + '&')
RETURN p.key AS source, type(r) AS relation, t.key AS cited, r.target_text AS words
ORDER BY source, relation, cited
