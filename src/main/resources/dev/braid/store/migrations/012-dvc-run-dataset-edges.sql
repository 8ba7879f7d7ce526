-- DVC stage runs now point to the datasets they wrote as well as to the versions (ADR 8, ADR 9).
-- Caches built before get those edges here, from the run -> version and dataset -> version edges
-- they hold, so what made a DVC-tracked file shows upstream of it before the repository syncs again.
INSERT OR IGNORE INTO lineage_edges(from_id, to_id, kind, asserted_by, asserted_at, properties)
SELECT o.from_id, v.from_id, 'output', o.asserted_by, min(o.asserted_at), '{}'
FROM lineage_edges o
JOIN lineage_edges v ON v.to_id = o.to_id AND v.kind = 'version' AND v.asserted_by = o.asserted_by
WHERE o.kind = 'output' AND o.asserted_by LIKE 'dvc:%' AND o.from_id LIKE 'job-run:%'
GROUP BY o.from_id, v.from_id, o.asserted_by;
