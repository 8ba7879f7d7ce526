-- The demo's CI history was written once by the demo and has no server behind it: a cache reset
-- carries it over like the user's own data, since no sync can fetch it again. Runs of real CI
-- sources are left behind and come back with the next sync.
INSERT INTO cache_carry_over(table_name, position, row_filter, skip_columns, reason) VALUES
    ('pipeline_runs', 200,
     'source_id IN (SELECT id FROM sources WHERE json_extract(config, ''$.demo'') = ''true'')', '',
     'the demo''s CI runs, which no server can give again'),
    ('pipeline_jobs', 210,
     'run_pk IN (SELECT run_pk FROM pipeline_runs WHERE source_id IN (SELECT id FROM sources WHERE json_extract(config, ''$.demo'') = ''true''))', '',
     'the jobs of the demo''s CI runs'),
    ('pipeline_logs', 220,
     'run_pk IN (SELECT run_pk FROM pipeline_runs WHERE source_id IN (SELECT id FROM sources WHERE json_extract(config, ''$.demo'') = ''true''))', '',
     'the logs of the demo''s CI jobs');
