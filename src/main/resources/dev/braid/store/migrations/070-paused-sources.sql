-- A paused source keeps its cached data but is left out of "sync everything" (the window's Sync
-- now, the periodic sync and `braid sync` without names) until it is resumed.
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
