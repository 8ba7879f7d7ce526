-- Model scanning and governance (docs/decisions/0017-model-scanning.md).
-- One scan result per content hash and import policy: a file seen again anywhere is not scanned again.
CREATE TABLE scan_results (
    sha256     TEXT    NOT NULL,
    policy     TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    format     TEXT    NOT NULL,
    rating     TEXT    NOT NULL,
    scanner    TEXT    NOT NULL,
    scanned_at INTEGER NOT NULL,
    millis     INTEGER NOT NULL,
    -- The file's imports and findings as `braid scan --format json` writes them for one file.
    report     TEXT    NOT NULL,
    PRIMARY KEY (sha256, policy)
) STRICT, WITHOUT ROWID;

-- Where a content hash was found: a file among an MLflow run's or logged model's artifacts
-- (owner run:<id> or logged-model:<id>), a DVC-tracked file of an indexed repository (owner
-- the repository's lineage key, version the md5 DVC recorded), or a path scanned from the
-- command line (owner '').
CREATE TABLE scan_targets (
    kind      TEXT    NOT NULL,
    source_id INTEGER NOT NULL,
    owner     TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    version   TEXT,
    size      INTEGER,
    sha256    TEXT    NOT NULL,
    seen_at   INTEGER NOT NULL,
    PRIMARY KEY (kind, source_id, owner, path)
) STRICT, WITHOUT ROWID;

CREATE INDEX scan_targets_by_hash ON scan_targets(sha256);

-- The last complete scan of a model version's files: the worst rating and how many files.
CREATE TABLE version_scans (
    source_id  INTEGER NOT NULL,
    model      TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    owner      TEXT    NOT NULL,
    folder     TEXT    NOT NULL,
    rating     TEXT    NOT NULL,
    files      INTEGER NOT NULL,
    policy     TEXT    NOT NULL,
    scanned_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, model, version)
) STRICT, WITHOUT ROWID;

-- Governance events beside the write-backs of audit_log: scans, promotions refused and
-- overridden, BOM exports, sensitivity labels added and removed. Appended to, never changed.
CREATE TABLE governance_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT,
    action  TEXT    NOT NULL,
    object  TEXT    NOT NULL,
    outcome TEXT,
    detail  TEXT
) STRICT;

CREATE INDEX governance_log_by_time ON governance_log(at);

-- Labels are written by the lineage service from the window and the command line; a trigger
-- records every change whoever makes it. (Each trigger's inner statement ends on its END line:
-- the migration runner splits statements at lines ending in a semicolon.)
-- A label a cache reset carries over was logged already (governance_log is carried first): the
-- WHEN clause keeps the copy from logging it twice.
CREATE TRIGGER lineage_label_added AFTER INSERT ON lineage_labels
    WHEN NOT EXISTS (SELECT 1 FROM governance_log WHERE action = 'LABEL_ADDED' AND object = NEW.node_id
                     AND outcome = NEW.label AND at = NEW.added_at) BEGIN
    INSERT INTO governance_log(at, actor, action, object, outcome, detail)
    VALUES (NEW.added_at, NULL, 'LABEL_ADDED', NEW.node_id, NEW.label, NULL); END;

CREATE TRIGGER lineage_label_removed AFTER DELETE ON lineage_labels BEGIN
    INSERT INTO governance_log(at, actor, action, object, outcome, detail)
    VALUES (CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'LABEL_REMOVED', OLD.node_id, OLD.label, NULL); END;

-- Who made a write-back: the user Braid ran as (BRAID_USER, else the login name).
ALTER TABLE audit_log ADD COLUMN actor TEXT;

-- The serving environment a registered model is checked against: a file on disk, or a file of an
-- indexed repository at a ref (location "repo:<name>@<ref>:<path>").
CREATE TABLE serving_targets (
    source_id INTEGER NOT NULL,
    model     TEXT    NOT NULL,
    location  TEXT    NOT NULL,
    set_at    INTEGER NOT NULL,
    PRIMARY KEY (source_id, model)
) STRICT, WITHOUT ROWID;

-- What a cache reset carries over (see 020-cache-carry-over.sql): no sync can fetch these again.
-- The governance log goes before lineage_labels (70), whose trigger would otherwise log the
-- carried labels a second time.
INSERT INTO cache_carry_over(table_name, position, row_filter, skip_columns, reason) VALUES
    ('governance_log', 65, NULL, '', 'the governance log: scans, refused and overridden promotions, BOM exports, labels'),
    ('scan_results', 600, NULL, '', 'model scan verdicts per content hash (scanning again needs every file fetched again)'),
    ('scan_targets', 610, NULL, '', 'where each scanned content hash was found'),
    ('version_scans', 620, NULL, '', 'the scan verdicts of model versions, which gate alias promotion'),
    ('serving_targets', 630, NULL, '', 'the serving environment each registered model is checked against');
