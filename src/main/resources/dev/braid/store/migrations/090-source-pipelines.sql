-- The pipelines an orchestrator defines apart from any run (Airflow DAGs): paused or not, their
-- schedule, tags and owners, and their tasks with what each waits for (a JSON array of
-- {name, needs, mapped, operator, retries}; null until a sync read them). Written by a pipeline
-- sync in the same transaction as its runs.
CREATE TABLE source_pipelines (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    pipeline      TEXT    NOT NULL,
    display_name  TEXT,
    paused        INTEGER NOT NULL DEFAULT 0,
    schedule      TEXT,
    description   TEXT,
    tags          TEXT,
    owners        TEXT,
    tasks         TEXT,
    PRIMARY KEY (source_id, pipeline)
) STRICT, WITHOUT ROWID;
