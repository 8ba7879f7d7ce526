-- Raw OpenLineage events kept for audit, now stored in arrival order (a rowid table) with the
-- canonical hash in a unique index of its own. Keyed by the random hash (WITHOUT ROWID), every
-- event's body of a few kilobytes landed in the middle of the table's B-tree, so a large import
-- rewrote far more pages than it added.
CREATE TABLE lineage_events_by_arrival (
    id          INTEGER PRIMARY KEY,
    hash        TEXT    NOT NULL UNIQUE,
    event_kind  TEXT    NOT NULL,
    event_type  TEXT,
    event_time  INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    origin      TEXT    NOT NULL,
    body        TEXT    NOT NULL
) STRICT;

INSERT INTO lineage_events_by_arrival(hash, event_kind, event_type, event_time, received_at, origin, body)
SELECT hash, event_kind, event_type, event_time, received_at, origin, body FROM lineage_events
ORDER BY received_at, event_time, hash;

DROP TABLE lineage_events;

ALTER TABLE lineage_events_by_arrival RENAME TO lineage_events;
