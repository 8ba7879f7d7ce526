-- JFrog Artifactory sources (docs/decisions/0025-artifactory-artifacts-and-builds.md): the files of
-- the repositories a source follows, with the checksums and properties Artifactory reports, and
-- the build-info JFrog's clients publish (modules, the artifacts they produced and the dependencies
-- they used). A sync fetches all of it again, so nothing here needs carrying over a cache reset.
CREATE TABLE artifactory_repos (
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    repo         TEXT    NOT NULL,
    type         TEXT,
    package_type TEXT,
    PRIMARY KEY (source_id, repo)
) STRICT, WITHOUT ROWID;

-- One row per file; path is the file's path inside its repository, name included.
CREATE TABLE artifactory_files (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    repo       TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    size       INTEGER,
    -- As Artifactory gives it (ISO 8601 with its offset) and as epoch ms, for ordering.
    modified   TEXT    NOT NULL,
    modified_ms INTEGER NOT NULL,
    sha256     TEXT,
    sha1       TEXT,
    md5        TEXT,
    -- Artifactory properties, {"key": ["value", ...]}: promotion states, build names, anything set.
    properties TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (source_id, repo, path)
) STRICT, WITHOUT ROWID;

CREATE INDEX artifactory_files_by_sha256 ON artifactory_files(sha256);
CREATE INDEX artifactory_files_by_sha1 ON artifactory_files(sha1);
CREATE INDEX artifactory_files_by_md5 ON artifactory_files(md5);

CREATE TABLE artifactory_builds (
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    number       TEXT    NOT NULL,
    started      TEXT,
    started_ms   INTEGER,
    vcs_revision TEXT,
    vcs_url      TEXT,
    vcs_branch   TEXT,
    ci_url       TEXT,
    agent        TEXT,
    PRIMARY KEY (source_id, name, number)
) STRICT, WITHOUT ROWID;

-- What a build's modules produced (role 'artifact') and used (role 'dependency'), in build-info order.
CREATE TABLE artifactory_build_items (
    source_id  INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    number     TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    module     TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('artifact', 'dependency')),
    item       TEXT    NOT NULL,
    type       TEXT,
    sha256     TEXT,
    sha1       TEXT,
    md5        TEXT,
    PRIMARY KEY (source_id, name, number, seq),
    FOREIGN KEY (source_id, name, number) REFERENCES artifactory_builds(source_id, name, number) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
