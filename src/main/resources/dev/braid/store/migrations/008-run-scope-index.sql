-- The columns every run listing and count tests first (the run's lifecycle stage, source and
-- experiment), with its start time and id for the default order: counting the runs of the chosen
-- experiments reads this index alone, not every row of the runs table.
CREATE INDEX runs_in_scope ON runs(lifecycle_stage, source_id, experiment_id, start_time, run_id);
