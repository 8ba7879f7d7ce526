-- The artifacts a W&B run logged or used (ADR 23), read from its .wandb log: what the lineage of a
-- W&B source derives its artifact nodes and logged-by / used-by edges from. The runs themselves
-- live in the runs tables (migration 003) beside MLflow's. A sync reads them again from the run
-- folders, so nothing here needs carrying over a cache reset.
CREATE TABLE wandb_run_artifacts (
    run_pk   INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    role     TEXT    NOT NULL CHECK (role IN ('logged', 'used')),
    name     TEXT    NOT NULL,
    type     TEXT,
    digest   TEXT,
    aliases  TEXT    NOT NULL DEFAULT '[]',
    files    TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (run_pk, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX wandb_run_artifacts_by_name ON wandb_run_artifacts(name, digest);
