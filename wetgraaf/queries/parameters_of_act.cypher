// title: Termijnen (or bedragen, leeftijden, percentages) for one act across laws
// description: Every termijn (or other parameter kind) that governs an act, e.g. beslissen, bezwaar maken, de aanvraag indienen, with its law, provision, wording, value, unit, length in days where exact, and actor: where laws give different numbers for the same act.
// param: act (string, required) the act as the ingest records it, e.g. beslissen
// param: kind (parameter_kind, optional, default=termijn) termijn, bedrag, leeftijd or percentage
MATCH (p)-[:HAS_PARAMETER]->(x:Parameter)
WHERE x.act = $act AND x.kind = $kind
RETURN x.bwb_id AS bwb_id, p.key AS jci, x.text AS text, x.value AS value, x.unit AS unit, x.days AS days, x.actor AS actor
ORDER BY days, jci, text
