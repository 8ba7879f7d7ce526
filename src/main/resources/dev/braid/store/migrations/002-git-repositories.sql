-- Git repositories: one row per repository source, its refs and every reachable commit.
CREATE TABLE repositories (
    source_id    INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    path         TEXT    NOT NULL,
    remote_url   TEXT,
    head_ref     TEXT,
    head_commit  TEXT,
    health       TEXT    NOT NULL DEFAULT 'UNKNOWN',
    health_note  TEXT,
    ahead        INTEGER,
    behind       INTEGER,
    commit_count INTEGER NOT NULL DEFAULT 0,
    -- Commits with a larger id were written by a sync that has not finished (or failed): they stay
    -- invisible until a sync publishes them together with the refs that reach them.
    published_id INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE refs (
    repo_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    target       TEXT,
    tag_object   TEXT,
    symbolic     TEXT,
    PRIMARY KEY (repo_id, name)
) STRICT, WITHOUT ROWID;

-- sort_key is the corrected commit time (max of commit time and every parent's key + 1), so that
-- ordering by it is both newest-first and topological: a child always sorts before its parents.
CREATE TABLE commits (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    repo_id         INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    hash            TEXT    NOT NULL,
    parents         TEXT    NOT NULL,
    author_name     TEXT    NOT NULL,
    author_email    TEXT    NOT NULL,
    author_time     INTEGER NOT NULL,
    author_tz       INTEGER NOT NULL,
    committer_name  TEXT    NOT NULL,
    committer_email TEXT    NOT NULL,
    commit_time     INTEGER NOT NULL,
    commit_tz       INTEGER NOT NULL,
    subject         TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    sort_key        INTEGER NOT NULL,
    UNIQUE (repo_id, hash)
) STRICT;

CREATE INDEX commits_history ON commits(repo_id, sort_key DESC, id DESC);
