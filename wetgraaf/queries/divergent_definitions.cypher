// title: Divergent definitions of one term
// description: Terms defined in more than one regeling with different definition texts (explicit definitions only), with the number of regelingen and distinct texts.
// param: min_laws (int, optional, default=2) at least this many regelingen
MATCH (d:Definition {kind: 'explicit'})-[:DEFINES]->(t:Term)
WITH t.name AS term, count(DISTINCT d.bwb_id) AS laws, count(DISTINCT d.definition) AS texts
WHERE laws >= $min_laws AND texts > 1
RETURN term, laws, texts
ORDER BY laws DESC, term
