-- Orders of the Pipelines table that an index walks instead of sorting every matching run
-- (docs/decisions/0022-pipeline-run-orders.md). Each sortable column gets an index on the column
-- and the run's key (the tie-break), carrying the columns the filters test (source, status, ref,
-- created_at) so that walking it never reads a run's row for a run that does not match. The three
-- filter indexes end in the key too and carry the other filters' columns, so a filter's count and
-- its newest-first pages read one index alone.
DROP INDEX pipeline_runs_by_source;
DROP INDEX pipeline_runs_by_ref;
DROP INDEX pipeline_runs_by_status;
CREATE INDEX pipeline_runs_in_source ON pipeline_runs(source_id, created_at, run_pk, status, ref);
CREATE INDEX pipeline_runs_on_ref ON pipeline_runs(ref, created_at, run_pk, source_id, status);
CREATE INDEX pipeline_runs_in_status ON pipeline_runs(status, created_at, run_pk, source_id, ref);
CREATE INDEX pipeline_runs_by_started ON pipeline_runs(started_at, run_pk, source_id, status, ref, created_at);
CREATE INDEX pipeline_runs_by_duration ON pipeline_runs(duration_ms, run_pk, source_id, status, ref, created_at);
CREATE INDEX pipeline_runs_by_queued ON pipeline_runs(queued_ms, run_pk, source_id, status, ref, created_at);
CREATE INDEX pipeline_runs_by_number ON pipeline_runs(number, run_pk, source_id, status, ref, created_at);
CREATE INDEX pipeline_runs_by_failed_jobs ON pipeline_runs(jobs_failed, created_at, run_pk, source_id, status, ref);
