-- The feature catalogue (Feast registries): projects, entities, data sources, feature services
-- and saved datasets as each source lists them, replaced by every sync of that source; feature
-- views identified across sources by project and name, with the versions every source has seen,
-- the commits that introduced them, and which runs used which version (derived after syncs).
CREATE TABLE feature_projects (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT '',
    tags        TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER,
    updated_at  INTEGER,
    PRIMARY KEY (source_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE feature_entities (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    project     TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    join_key    TEXT    NOT NULL DEFAULT '',
    value_type  TEXT    NOT NULL DEFAULT '',
    description TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT '',
    tags        TEXT    NOT NULL DEFAULT '{}',
    updated_at  INTEGER,
    PRIMARY KEY (source_id, project, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE feature_data_sources (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    project         TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    type            TEXT    NOT NULL DEFAULT '',
    location        TEXT    NOT NULL DEFAULT '',
    timestamp_field TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    owner           TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '{}',
    updated_at      INTEGER,
    PRIMARY KEY (source_id, project, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE feature_services (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    project     TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT '',
    tags        TEXT    NOT NULL DEFAULT '{}',
    -- [{"view":…, "alias":…, "pinned":2 or null, "features":[…]}]
    views       TEXT    NOT NULL DEFAULT '[]',
    created_at  INTEGER,
    updated_at  INTEGER,
    PRIMARY KEY (source_id, project, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE feature_saved_datasets (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    project         TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    features        TEXT    NOT NULL DEFAULT '[]',
    feature_service TEXT    NOT NULL DEFAULT '',
    storage         TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '{}',
    created_at      INTEGER,
    PRIMARY KEY (source_id, project, name)
) STRICT, WITHOUT ROWID;

-- A feature view is one (project, name) whichever source lists it, so two sources reading the same
-- registry (its server and its file) describe one view with one version history.
CREATE TABLE feature_views (
    view_pk INTEGER PRIMARY KEY,
    project TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    UNIQUE (project, name)
) STRICT;

CREATE INDEX feature_views_by_name ON feature_views(name COLLATE NOCASE);

-- What each source lists for a view now: its live definition (Braid's JSON), the version the source
-- serves, and the columns the catalogue searches. removed_at is set when a sync no longer finds it.
CREATE TABLE feature_view_sources (
    view_pk         INTEGER NOT NULL REFERENCES feature_views(view_pk) ON DELETE CASCADE,
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    current_version TEXT    NOT NULL,
    definition      TEXT    NOT NULL,
    definition_hash TEXT    NOT NULL,
    entities        TEXT    NOT NULL DEFAULT '[]',
    fields          TEXT    NOT NULL DEFAULT '[]',
    source_name     TEXT    NOT NULL DEFAULT '',
    owner           TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '{}',
    updated_at      INTEGER,
    seen_at         INTEGER NOT NULL,
    removed_at      INTEGER,
    PRIMARY KEY (view_pk, source_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX feature_view_sources_by_source ON feature_view_sources(source_id, view_pk);

-- Every version of a view any source has seen: Feast's own number (v0, v1, …) where the registry
-- records them, else a label from the content hash. origin says whether the definition is Feast's
-- recorded snapshot ('history') or what a source listed when Braid first saw the version ('observed').
CREATE TABLE feature_view_versions (
    view_pk         INTEGER NOT NULL REFERENCES feature_views(view_pk) ON DELETE CASCADE,
    version         TEXT    NOT NULL,
    number          INTEGER,
    seq             INTEGER NOT NULL,
    definition      TEXT    NOT NULL,
    definition_hash TEXT    NOT NULL,
    schema_hash     TEXT    NOT NULL,
    origin          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    first_seen_at   INTEGER NOT NULL,
    first_seen_by   TEXT    NOT NULL,
    PRIMARY KEY (view_pk, version)
) STRICT, WITHOUT ROWID;

CREATE INDEX feature_view_versions_by_time ON feature_view_versions(view_pk, created_at);

-- The commits of a feature repository in git that introduced a version (role 'introduced') or
-- changed its definition afterwards without a new version (role 'changed').
CREATE TABLE feature_version_commits (
    view_pk      INTEGER NOT NULL,
    version      TEXT    NOT NULL,
    repo_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    sha          TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    author       TEXT    NOT NULL DEFAULT '',
    committed_at INTEGER NOT NULL,
    subject      TEXT    NOT NULL DEFAULT '',
    path         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (view_pk, version, repo_id, sha),
    FOREIGN KEY (view_pk, version) REFERENCES feature_view_versions(view_pk, version) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Which run used which version of a view (derived from the runs' params, tags and dataset inputs,
-- and from OpenLineage runs, after every sync). pinned is 1 when the run named the version itself.
CREATE TABLE feature_uses (
    id           INTEGER PRIMARY KEY,
    view_pk      INTEGER NOT NULL REFERENCES feature_views(view_pk) ON DELETE CASCADE,
    version      TEXT    NOT NULL,
    run_pk       INTEGER REFERENCES runs(run_pk) ON DELETE CASCADE,
    node_id      TEXT,
    used_at      INTEGER,
    via          TEXT    NOT NULL,
    evidence     TEXT    NOT NULL,
    pinned       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX feature_uses_by_view ON feature_uses(view_pk, version);
CREATE INDEX feature_uses_by_run ON feature_uses(run_pk);

-- A view no source knows any more (its sources were removed) goes with its versions and uses.
CREATE TRIGGER feature_views_forgotten AFTER DELETE ON feature_view_sources
WHEN NOT EXISTS (SELECT 1 FROM feature_view_sources WHERE view_pk = OLD.view_pk)
BEGIN DELETE FROM feature_views WHERE view_pk = OLD.view_pk; END;

-- Feature views as the definition files of Feast repositories in indexed git repositories declare
-- them, one row per commit (on the first-parent line of HEAD) in which a view's declaration changed.
-- Rebuilt after every sync of the repository; matched to the versions above for provenance.
CREATE TABLE feature_git_definitions (
    repo_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    project      TEXT    NOT NULL,
    view         TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    sha          TEXT    NOT NULL,
    committed_at INTEGER NOT NULL,
    author       TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    -- kind|fields|entities|source views, names sorted: what Feast numbers versions by
    schema       TEXT    NOT NULL,
    -- the schema and the rest (TTL, source, tags, owner, transformation text)
    definition   TEXT    NOT NULL,
    PRIMARY KEY (repo_id, project, view, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX feature_git_definitions_by_view ON feature_git_definitions(project, view);

-- The versions Braid numbered itself (from content hashes) and when and by which source each
-- version was first seen exist only here: no registry can give them again, so a cache reset
-- carries them over (with the views whose keys they use). Everything else above comes back with
-- the next sync: the registries' listings, the git definitions, the uses and the provenance.
INSERT INTO cache_carry_over(table_name, position, row_filter, skip_columns, reason) VALUES
    ('feature_views', 300, NULL, '', 'feature views, whose keys the versions refer to'),
    ('feature_view_versions', 310, NULL, '', 'feature view versions Braid assigned, and when and by which source each was first seen');
