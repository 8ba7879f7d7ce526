-- The problems a sync met and went past (files it could not read, a remote it could not reach),
-- as a JSON array of plain-words messages, shown in the sync log.
ALTER TABLE sync_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
