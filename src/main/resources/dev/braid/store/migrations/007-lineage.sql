-- The lineage graph (ADR 8): nodes with readable ids (<kind>:<rest>), downstream edges asserted
-- by a source at an event time, column-level lineage, sensitivity labels and the raw
-- OpenLineage events accepted, kept for audit.
CREATE TABLE lineage_nodes (
    id          TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT '',
    -- The event time the status came from, so an older event arriving late never regresses it.
    status_at   INTEGER NOT NULL DEFAULT 0,
    properties  TEXT    NOT NULL DEFAULT '{}',
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX lineage_nodes_by_kind ON lineage_nodes(kind, name);
CREATE INDEX lineage_nodes_by_name ON lineage_nodes(name COLLATE NOCASE);

-- One row per source asserting an edge; asserted_at (epoch ms) is the first event time it did.
-- The primary key serves downstream walks, lineage_edges_upstream the walks against the edges.
CREATE TABLE lineage_edges (
    from_id     TEXT    NOT NULL,
    to_id       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    asserted_by TEXT    NOT NULL,
    asserted_at INTEGER NOT NULL,
    properties  TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (from_id, to_id, kind, asserted_by)
) STRICT, WITHOUT ROWID;

CREATE INDEX lineage_edges_upstream ON lineage_edges(to_id, from_id, asserted_at);
CREATE INDEX lineage_edges_by_source ON lineage_edges(asserted_by);

-- Field-level lineage from OpenLineage's columnLineage facet: output field <- input field.
CREATE TABLE lineage_columns (
    dataset_id       TEXT NOT NULL,
    field            TEXT NOT NULL,
    input_dataset_id TEXT NOT NULL,
    input_field      TEXT NOT NULL,
    transformation   TEXT NOT NULL DEFAULT '',
    asserted_by      TEXT NOT NULL,
    asserted_at      INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, field, input_dataset_id, input_field)
) STRICT, WITHOUT ROWID;

CREATE TABLE lineage_labels (
    node_id  TEXT    NOT NULL,
    label    TEXT    NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (node_id, label)
) STRICT, WITHOUT ROWID;

-- Accepted OpenLineage events as received; the hash of the canonical JSON makes repeats no-ops.
CREATE TABLE lineage_events (
    hash        TEXT    PRIMARY KEY,
    event_kind  TEXT    NOT NULL,
    event_type  TEXT,
    event_time  INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    origin      TEXT    NOT NULL,
    body        TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
