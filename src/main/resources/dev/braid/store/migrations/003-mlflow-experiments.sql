-- MLflow tracking data: experiments, runs with their params, latest metrics, tags, dataset inputs,
-- metric histories fetched on demand, and the model registry. Every row belongs to one source
-- (an MLflow server or a local store); MLflow's own ids are kept as text.
CREATE TABLE experiments (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    experiment_id   TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    artifact_location TEXT,
    lifecycle_stage TEXT    NOT NULL DEFAULT 'active',
    creation_time   INTEGER,
    last_update_time INTEGER,
    starred         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, experiment_id)
) STRICT;

CREATE TABLE experiment_tags (
    source_id       INTEGER NOT NULL,
    experiment_id   TEXT    NOT NULL,
    key             TEXT    NOT NULL,
    value           TEXT,
    PRIMARY KEY (source_id, experiment_id, key),
    FOREIGN KEY (source_id, experiment_id) REFERENCES experiments(source_id, experiment_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- One row per run. run_pk is Braid's own key; (source_id, run_id) is MLflow's identity.
CREATE TABLE runs (
    run_pk          INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id          TEXT    NOT NULL,
    experiment_id   TEXT    NOT NULL,
    run_name        TEXT,
    user_id         TEXT,
    status          TEXT    NOT NULL,
    start_time      INTEGER,
    end_time        INTEGER,
    lifecycle_stage TEXT    NOT NULL DEFAULT 'active',
    artifact_uri    TEXT,
    parent_run_id   TEXT,
    source_commit   TEXT,
    starred         INTEGER NOT NULL DEFAULT 0,
    synced_at       INTEGER NOT NULL,
    UNIQUE (source_id, run_id)
) STRICT;

CREATE INDEX runs_by_experiment ON runs(source_id, experiment_id, start_time DESC);
CREATE INDEX runs_by_commit ON runs(source_commit);
CREATE INDEX runs_by_parent ON runs(source_id, parent_run_id);

CREATE TABLE run_params (
    run_pk  INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    key     TEXT    NOT NULL,
    value   TEXT,
    PRIMARY KEY (run_pk, key)
) STRICT, WITHOUT ROWID;

-- The latest value of each metric (what MLflow's runs/search returns), kept for every run.
CREATE TABLE run_metrics (
    run_pk    INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     REAL,
    timestamp INTEGER,
    step      INTEGER,
    PRIMARY KEY (run_pk, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE run_tags (
    run_pk  INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    key     TEXT    NOT NULL,
    value   TEXT,
    PRIMARY KEY (run_pk, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX run_params_by_key ON run_params(key, value);
CREATE INDEX run_metrics_by_key ON run_metrics(key, value);
CREATE INDEX run_tags_by_key ON run_tags(key, value);

CREATE TABLE run_dataset_inputs (
    run_pk      INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    digest      TEXT    NOT NULL,
    source_type TEXT,
    source      TEXT,
    context     TEXT,
    schema_json TEXT,
    profile     TEXT,
    PRIMARY KEY (run_pk, name, digest, context)
) STRICT, WITHOUT ROWID;

-- Full metric histories, fetched when a run is opened, charted or compared (or prefetched for
-- starred experiments). history_fetched_at in metric_history_state says a key is complete.
CREATE TABLE metric_history (
    run_pk    INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (run_pk, key, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE metric_history_state (
    run_pk     INTEGER NOT NULL REFERENCES runs(run_pk) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    points     INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (run_pk, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE registered_models (
    source_id              INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name                   TEXT    NOT NULL,
    description            TEXT,
    creation_timestamp     INTEGER,
    last_updated_timestamp INTEGER,
    PRIMARY KEY (source_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE registered_model_tags (
    source_id INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    value     TEXT,
    PRIMARY KEY (source_id, name, key),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE model_versions (
    source_id              INTEGER NOT NULL,
    name                   TEXT    NOT NULL,
    version                TEXT    NOT NULL,
    source                 TEXT,
    run_id                 TEXT,
    status                 TEXT,
    current_stage          TEXT,
    description            TEXT,
    creation_timestamp     INTEGER,
    last_updated_timestamp INTEGER,
    PRIMARY KEY (source_id, name, version),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX model_versions_by_run ON model_versions(source_id, run_id);

CREATE TABLE model_version_tags (
    source_id INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    version   TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    value     TEXT,
    PRIMARY KEY (source_id, name, version, key),
    FOREIGN KEY (source_id, name, version) REFERENCES model_versions(source_id, name, version) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE model_aliases (
    source_id INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    alias     TEXT    NOT NULL,
    version   TEXT    NOT NULL,
    PRIMARY KEY (source_id, name, alias),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Write-back: actions the user took, applied to the cache at once and sent when the server is
-- reachable; every action also stays in the audit log with its outcome.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    created_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    state       TEXT    NOT NULL DEFAULT 'PENDING',
    last_error  TEXT
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    at          INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    detail      TEXT
) STRICT;
