-- W&B servers number artifact versions (v0, v1, …): the number a server gave a version a run
-- logged or used (ADR 23), null for offline runs, where W&B has not numbered it yet. A run read
-- from a server also records the digest of each version it used, so used versions are joined
-- exactly. Read again by every sync; nothing to carry over a cache reset.
ALTER TABLE wandb_run_artifacts ADD COLUMN version TEXT;
