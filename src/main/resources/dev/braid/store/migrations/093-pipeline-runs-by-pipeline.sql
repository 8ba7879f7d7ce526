-- The Pipelines table sorts by pipeline (an Airflow DAG, a Kubeflow pipeline, a CI project) the
-- way it sorts by its other columns (migration 100, docs/decisions/0022-pipeline-run-orders.md):
-- by walking an index on the column, creation time and key, carrying the filtered columns.
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs(pipeline, created_at, run_pk, source_id, status, ref);
