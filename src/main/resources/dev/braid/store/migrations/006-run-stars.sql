-- Runs the user starred. Kept apart from the runs table and keyed by MLflow's identity within a
-- source, so a sync that rewrites a run's row, or a reconciliation that drops and later re-reads
-- it, does not lose the star. Experiments are starred in experiments.starred, which syncs keep.
CREATE TABLE run_stars (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id     TEXT    NOT NULL,
    starred_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, run_id)
) STRICT, WITHOUT ROWID;
