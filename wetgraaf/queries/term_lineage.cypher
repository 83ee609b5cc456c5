// title: Lineage of a term
// description: How each law builds its concept of a term on another law's: the concept (law, article of its own parts), its relation to the concept it builds on (based_on when it takes it over unchanged, else extends, restricts or modifies), and that concept's law and article. Plural and inflection variants of the term meet (partners = partner).
// param: term (term, required) the term, e.g. partner
MATCH (c:Concept)-[:BASED_ON]->(base:Concept)
WHERE c.term_key = $term
MATCH (c)-[p:HAS_PART]->(d:Definition)
WHERE p.role <> 'reference'
MATCH (base)-[q:HAS_PART]->(e:Definition)
WHERE q.role <> 'reference'
MATCH (r:Regeling {bwb_id: c.bwb_id})
MATCH (rb:Regeling {bwb_id: base.bwb_id})
OPTIONAL MATCH (c)-[x:EXTENDS|RESTRICTS|MODIFIES]->(base)
RETURN DISTINCT r.title AS law, d.artikel AS article, coalesce(x.relation, 'based_on') AS relation, rb.title AS base_law, e.artikel AS base_article
ORDER BY law, article, base_law, base_article
