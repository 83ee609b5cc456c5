// title: Provisions citing an article
// description: Which provisions (in which laws) refer to an article, given by its Juriconnect id without version, e.g. jci1.3:c:BWBR0002320&artikel=5a.
// param: target (string, required) Juriconnect id of the cited article (any lid/onderdeel below it counts)
MATCH (p)-[c:CITES]->(t)
WHERE t.key = $target OR t.key STARTS WITH ($target + '&')
RETURN p.key AS citing, c.anchor AS anchor, c.via AS via
ORDER BY citing
