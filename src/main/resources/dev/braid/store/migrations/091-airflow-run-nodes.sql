-- OpenLineage runs Airflow's provider reported carry the DAG run they are or belong to
-- (properties airflowDagId, airflowRunId; ADR 8, "Airflow runs"). After each sync of an Airflow
-- source Braid looks its DAG runs up among them, so that the run read from the API and the run
-- the events named are one node; this index keeps that look-up to the Airflow runs alone.
CREATE INDEX lineage_nodes_by_airflow_run ON lineage_nodes(json_extract(properties, '$.airflowRunId'))
    WHERE kind = 'job-run' AND json_extract(properties, '$.airflowRunId') IS NOT NULL;
