-- MLflow 3 logged models (LoggedModel): a model logged in an experiment, usually by a run, with
-- its own params, tags and linked metrics. Every row belongs to one source; a sync replaces a
-- source's logged models as a whole, so these tables hold no state of their own.
CREATE TABLE logged_models (
    source_id              INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    model_id               TEXT    NOT NULL,
    experiment_id          TEXT    NOT NULL,
    name                   TEXT    NOT NULL,
    source_run_id          TEXT,
    status                 TEXT    NOT NULL,
    status_message         TEXT,
    model_type             TEXT,
    artifact_location      TEXT,
    creation_timestamp     INTEGER,
    last_updated_timestamp INTEGER,
    PRIMARY KEY (source_id, model_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX logged_models_by_run ON logged_models(source_id, source_run_id);
CREATE INDEX logged_models_by_experiment ON logged_models(source_id, experiment_id, creation_timestamp DESC);

CREATE TABLE logged_model_params (
    source_id INTEGER NOT NULL,
    model_id  TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    value     TEXT,
    PRIMARY KEY (source_id, model_id, key),
    FOREIGN KEY (source_id, model_id) REFERENCES logged_models(source_id, model_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE logged_model_tags (
    source_id INTEGER NOT NULL,
    model_id  TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    value     TEXT,
    PRIMARY KEY (source_id, model_id, key),
    FOREIGN KEY (source_id, model_id) REFERENCES logged_models(source_id, model_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The metrics linked to a model, as the store returns them: a SQL store gives every logged value,
-- a file store the latest per dataset. A NaN value is kept as NULL, like run metrics.
CREATE TABLE logged_model_metrics (
    source_id      INTEGER NOT NULL,
    model_id       TEXT    NOT NULL,
    key            TEXT    NOT NULL,
    value          REAL,
    timestamp      INTEGER NOT NULL,
    step           INTEGER NOT NULL,
    run_id         TEXT,
    dataset_name   TEXT,
    dataset_digest TEXT,
    FOREIGN KEY (source_id, model_id) REFERENCES logged_models(source_id, model_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX logged_model_metrics_by_model ON logged_model_metrics(source_id, model_id, key);
