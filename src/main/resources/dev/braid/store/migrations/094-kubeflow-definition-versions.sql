-- Kubeflow pipeline definitions in indexed repositories, version by version (ADR 28): each
-- compiled pipeline spec (the IR YAML kfp writes) a commit introduced at a path, with the digest
-- of its canonical content. A Kubeflow run whose pipeline spec has the same digest ran that
-- version, so lineage reads commit → definition version → run. Derived again from git after every
-- sync of the repository; nothing here needs carrying over a cache reset.
CREATE TABLE kubeflow_definition_versions (
    repo_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    repo_key      TEXT    NOT NULL,
    path          TEXT    NOT NULL,
    spec_hash     TEXT    NOT NULL,
    name          TEXT,
    sha           TEXT    NOT NULL,
    committed_at  INTEGER NOT NULL,
    PRIMARY KEY (repo_id, path, sha)
) STRICT, WITHOUT ROWID;

CREATE INDEX kubeflow_definition_versions_by_hash ON kubeflow_definition_versions(spec_hash);

-- The digest of the pipeline spec a Kubeflow run ran (its own, or its pipeline version's), in the
-- same canonical form; null for runs of other sources and for runs synced before this column.
ALTER TABLE pipeline_runs ADD COLUMN definition_hash TEXT;
ALTER TABLE pipeline_runs_staged ADD COLUMN definition_hash TEXT;
