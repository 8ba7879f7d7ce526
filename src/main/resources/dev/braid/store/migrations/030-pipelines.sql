-- Pipeline runs from CI systems (GitLab CI, GitHub Actions, Jenkins, CircleCI) and, later, ML
-- orchestrators: one model for all of them. A run is made of jobs (jobs, stages or tasks); statuses
-- are Braid's vocabulary (queued, running, success, failed, canceled, skipped, manual, unknown)
-- beside the source's own word. Times are epoch milliseconds, durations milliseconds.
CREATE TABLE pipeline_runs (
    run_pk        INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id        TEXT    NOT NULL,
    number        INTEGER,
    pipeline      TEXT,
    status        TEXT    NOT NULL,
    source_status TEXT,
    ref           TEXT,
    sha           TEXT,
    event         TEXT,
    title         TEXT,
    author        TEXT,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER,
    queued_ms     INTEGER,
    duration_ms   INTEGER,
    attempt       INTEGER NOT NULL DEFAULT 1,
    url           TEXT,
    parent_run_id TEXT,
    job_count     INTEGER NOT NULL DEFAULT 0,
    jobs_failed   INTEGER NOT NULL DEFAULT 0,
    -- What the source says changes when the run changes (an updated_at, a result): a listed run
    -- whose version the cache already holds, and that has finished, is not fetched again.
    version       TEXT,
    etag          TEXT,
    content_hash  TEXT    NOT NULL,
    UNIQUE (source_id, run_id)
) STRICT;

CREATE INDEX pipeline_runs_by_time ON pipeline_runs(created_at DESC, run_pk DESC);
CREATE INDEX pipeline_runs_by_source ON pipeline_runs(source_id, created_at DESC);
CREATE INDEX pipeline_runs_by_sha ON pipeline_runs(sha);
CREATE INDEX pipeline_runs_by_ref ON pipeline_runs(ref, created_at DESC);
CREATE INDEX pipeline_runs_by_status ON pipeline_runs(status, created_at DESC);

-- A run's jobs, every attempt of each (retried = a later attempt replaced this one). needs and
-- steps are JSON arrays. A bridge (GitLab trigger job) names the downstream run it started.
CREATE TABLE pipeline_jobs (
    run_pk        INTEGER NOT NULL REFERENCES pipeline_runs(run_pk) ON DELETE CASCADE,
    job_id        TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    stage         TEXT,
    kind          TEXT    NOT NULL DEFAULT 'job',
    status        TEXT    NOT NULL,
    source_status TEXT,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER,
    queued_ms     INTEGER,
    duration_ms   INTEGER,
    attempt       INTEGER NOT NULL DEFAULT 1,
    retried       INTEGER NOT NULL DEFAULT 0,
    allow_failure INTEGER NOT NULL DEFAULT 0,
    runner        TEXT,
    needs         TEXT,
    url           TEXT,
    position      INTEGER NOT NULL DEFAULT 0,
    downstream_id      TEXT,
    downstream_project TEXT,
    downstream_url     TEXT,
    downstream_status  TEXT,
    steps         TEXT,
    PRIMARY KEY (run_pk, job_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX pipeline_jobs_by_name ON pipeline_jobs(name, run_pk);

-- What a sync under way has fetched, written in batches and published into the tables above in
-- one transaction at its end: a failed or killed sync leaves the runs as they were. A new sync of
-- the source first clears what an unfinished one left here.
CREATE TABLE pipeline_runs_staged (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id        TEXT    NOT NULL,
    number        INTEGER,
    pipeline      TEXT,
    status        TEXT    NOT NULL,
    source_status TEXT,
    ref           TEXT,
    sha           TEXT,
    event         TEXT,
    title         TEXT,
    author        TEXT,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER,
    queued_ms     INTEGER,
    duration_ms   INTEGER,
    attempt       INTEGER NOT NULL DEFAULT 1,
    url           TEXT,
    parent_run_id TEXT,
    job_count     INTEGER NOT NULL DEFAULT 0,
    jobs_failed   INTEGER NOT NULL DEFAULT 0,
    version       TEXT,
    etag          TEXT,
    content_hash  TEXT    NOT NULL,
    PRIMARY KEY (source_id, run_id)
) STRICT;

CREATE TABLE pipeline_jobs_staged (
    source_id     INTEGER NOT NULL,
    run_id        TEXT    NOT NULL,
    job_id        TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    stage         TEXT,
    kind          TEXT    NOT NULL DEFAULT 'job',
    status        TEXT    NOT NULL,
    source_status TEXT,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER,
    queued_ms     INTEGER,
    duration_ms   INTEGER,
    attempt       INTEGER NOT NULL DEFAULT 1,
    retried       INTEGER NOT NULL DEFAULT 0,
    allow_failure INTEGER NOT NULL DEFAULT 0,
    runner        TEXT,
    needs         TEXT,
    url           TEXT,
    position      INTEGER NOT NULL DEFAULT 0,
    downstream_id      TEXT,
    downstream_project TEXT,
    downstream_url     TEXT,
    downstream_status  TEXT,
    steps         TEXT,
    PRIMARY KEY (source_id, run_id, job_id),
    FOREIGN KEY (source_id, run_id) REFERENCES pipeline_runs_staged(source_id, run_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Run ids a full reconciliation listed: cached runs of the source missing here are removed.
CREATE TABLE pipeline_runs_seen (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id        TEXT    NOT NULL,
    PRIMARY KEY (source_id, run_id)
) STRICT, WITHOUT ROWID;

-- Job logs fetched on demand, kept under the size cap in Settings (oldest dropped first).
CREATE TABLE pipeline_logs (
    run_pk        INTEGER NOT NULL REFERENCES pipeline_runs(run_pk) ON DELETE CASCADE,
    job_id        TEXT    NOT NULL,
    fetched_at    INTEGER NOT NULL,
    size          INTEGER NOT NULL,
    truncated     INTEGER NOT NULL DEFAULT 0,
    text          TEXT    NOT NULL,
    PRIMARY KEY (run_pk, job_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX pipeline_logs_by_age ON pipeline_logs(fetched_at);
