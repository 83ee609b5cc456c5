// title: Rules that set a provision aside, apply it or except it
// description: Which provisions (in which laws) set aside ("in afwijking van"), apply ("is van overeenkomstige toepassing"), except ("is niet van toepassing"), leave intact ("onverminderd") or delegate to an article or anything below it, given by its Juriconnect id without version, e.g. jci1.3:c:BWBR0005537&artikel=7:10 (Awb, the termijn for deciding on a bezwaar). Only relations whose target resolved; the words as written.
// param: target (string, required) Juriconnect id of the article (any lid/onderdeel below it counts)
MATCH (p)-[r:DEROGATES_FROM|APPLIES_MUTATIS_MUTANDIS|EXCEPTS|WITHOUT_PREJUDICE_TO|DELEGATES]->(t)
WHERE t.key = $target OR t.key STARTS WITH ($target + '&')
RETURN p.key AS source, label(r) AS relation, t.key AS cited, r.target_text AS words
ORDER BY source, relation, cited
