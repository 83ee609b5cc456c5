// title: A law's rules of one norm type
// description: The leden (and articles without leden) of one regeling whose norm type is given, with the model's confidence; min_percent=90 keeps the confident ones (about 95 % right, measured), min_percent=0 all of them. List items that take their lid's type are left out.
// param: bwb_id (bwb_id, required) e.g. BWBR0018472
// param: norm_type (norm_type, required) definition, obligation, prohibition, permission, competence, delegation, application, transitional, penalty, commencement, citation_title, amendment or other
// param: min_percent (int, optional, default=0) lowest confidence in percent (a rule that no model classified has none and is kept only at 0)
MATCH (p)
WHERE p.bwb_id = $bwb_id AND p.norm_type = $norm_type AND p.kind <> 'onderdeel'
  AND ($min_percent = 0 OR p.norm_confidence >= $min_percent / 100.0)
RETURN p.key AS jci, p.norm_confidence AS confidence, p.text AS text
ORDER BY jci
