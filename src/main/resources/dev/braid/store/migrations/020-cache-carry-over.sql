-- What `braid cache reset` (and the window's "move aside and rebuild") carries from the cache it
-- moves aside into the new one: everything no sync can fetch again. A migration that adds such
-- data registers its table here, in the same file, with a row filter when only some rows count
-- and the columns to leave at their defaults (a sync cursor, so that the first sync fetches
-- everything). Tables are copied in `position` order, parents before the tables that refer to
-- them; a row whose parent could not be read is left behind and counted.
CREATE TABLE cache_carry_over (
    table_name   TEXT    PRIMARY KEY,
    position     INTEGER NOT NULL,
    row_filter   TEXT,
    skip_columns TEXT    NOT NULL DEFAULT '',
    reason       TEXT    NOT NULL
) STRICT;

INSERT INTO cache_carry_over(table_name, position, row_filter, skip_columns, reason) VALUES
    ('sources', 10, NULL, 'cursor', 'sources and their settings, without sync cursors'),
    ('experiments', 20, 'starred = 1', '', 'starred experiments'),
    ('run_stars', 30, NULL, '', 'starred runs'),
    ('outbox', 40, NULL, '', 'edits waiting to be sent to MLflow, and the outcome of earlier ones'),
    ('audit_log', 50, NULL, '', 'the audit log of edits'),
    ('lineage_events', 60, NULL, '', 'OpenLineage events received or imported'),
    ('lineage_labels', 70, NULL, '', 'sensitivity labels'),
    ('lineage_nodes', 80, NULL, '', 'lineage nodes, which OpenLineage events made and syncs only add to'),
    ('lineage_edges', 90, 'asserted_by = ''openlineage''', '', 'the lineage OpenLineage events asserted'),
    ('lineage_columns', 100, 'asserted_by = ''openlineage''', '', 'the column lineage OpenLineage events asserted');
