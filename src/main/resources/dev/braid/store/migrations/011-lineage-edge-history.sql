-- Edges a source stopped asserting (a deleted run, an alias moved to another version, a branch
-- rewritten away), kept with the time they ended instead of being deleted, so the graph "as of"
-- an earlier moment is the graph that was. An edge can end, return and end again: one row per
-- span. Live edges stay alone in lineage_edges, so questions about now read only that table.
CREATE TABLE lineage_edges_ended (
    from_id     TEXT    NOT NULL,
    to_id       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    asserted_by TEXT    NOT NULL,
    asserted_at INTEGER NOT NULL,
    ended_at    INTEGER NOT NULL,
    properties  TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (from_id, to_id, kind, asserted_by, asserted_at)
) STRICT, WITHOUT ROWID;

CREATE INDEX lineage_edges_ended_upstream ON lineage_edges_ended(to_id, from_id);
CREATE INDEX lineage_edges_ended_by_source ON lineage_edges_ended(asserted_by, to_id);
