-- The demo's Airflow DAGs (paused or not, their tasks) were written once by the demo, like its
-- runs (031), and no server can list them again: a cache reset carries them over. The DAGs of
-- real Airflow sources come back with the next sync.
INSERT INTO cache_carry_over(table_name, position, row_filter, skip_columns, reason) VALUES
    ('source_pipelines', 230,
     'source_id IN (SELECT id FROM sources WHERE json_extract(config, ''$.demo'') = ''true'')', '',
     'the demo''s Airflow DAGs, which no server can list again');
